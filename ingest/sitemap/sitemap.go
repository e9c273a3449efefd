// Package sitemap reads sitemaps (sitemaps.org): a urlset that lists a
// site's pages, or a sitemap index that lists further sitemaps, as XML,
// gzipped XML or plain text (one URL a line). It is a small tolerant
// reader on encoding/xml, written here because the module proxy refuses
// the Go sitemap modules.
//
// Tolerant means: element names are matched by local name whatever their
// namespace or case, whitespace around values is trimmed, HTML entities
// and unclosed tags are accepted, and one bad entry is reported as a
// Problem and skipped, never the whole file. Bounded means: the unpacked
// size and the number of entries are limited, so a hostile or broken
// sitemap cannot exhaust memory.
//
// sitemap does no network I/O: the caller fetches the bytes. It must not
// import net/http or bleve.
package sitemap

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// Entry is one <url> of a urlset or one <sitemap> of a sitemap index.
type Entry struct {
	Loc     string    // absolute http(s) URL, as written (whitespace trimmed, entities decoded)
	LastMod time.Time // zero when absent or unreadable
}

// Result is what one sitemap file lists. A file may hold both kinds of
// entry (the protocol says it should not, but readers should not care).
type Result struct {
	URLs     []Entry   // pages
	Sitemaps []Entry   // child sitemaps, to be fetched and parsed in turn
	Problems []Problem // entries skipped or values ignored, in file order
}

// Problem is an entry that was skipped, or a value that was ignored.
type Problem struct {
	Line   int // 1-based line in the (unpacked) file; 0 when unknown
	Reason string
}

func (p Problem) String() string { return fmt.Sprintf("line %d: %s", p.Line, p.Reason) }

// Options bound the parser.
type Options struct {
	// MaxSize bounds the unpacked size in bytes. Zero means 50 MiB, the
	// protocol's own limit for one sitemap file.
	MaxSize int64
	// MaxEntries bounds the URLs plus child sitemaps kept. Zero means
	// 50,000, the protocol's limit; entries past it are dropped with an
	// error, the first MaxEntries kept.
	MaxEntries int
}

func (o *Options) applyDefaults() {
	if o.MaxSize <= 0 {
		o.MaxSize = 50 << 20
	}
	if o.MaxEntries <= 0 {
		o.MaxEntries = 50000
	}
}

// Errors a caller may want to tell apart.
var (
	ErrTooLarge   = errors.New("unpacked size over the limit")
	ErrTooMany    = errors.New("too many entries")
	ErrNotSitemap = errors.New("not a sitemap")
)

// maxValue bounds one <loc> or <lastmod>: real URLs are well under 2 KB.
const maxValue = 64 << 10

// Parse reads one sitemap from its bytes. On an error it still returns
// what was read before it (the entries of a truncated file, say).
func Parse(data []byte, opts Options) (*Result, error) {
	return ParseReader(bytes.NewReader(data), opts)
}

// ParseReader is Parse on a stream; gzip is recognised by its magic
// bytes, not by a file name or a Content-Type.
func ParseReader(r io.Reader, opts Options) (*Result, error) {
	opts.applyDefaults()
	res := &Result{}
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return res, fmt.Errorf("sitemap: gzip: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	lr := &limitReader{r: br, n: opts.MaxSize}
	in := bufio.NewReader(lr)
	first, err := skipLeading(in)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return res, fmt.Errorf("sitemap: %w: empty", ErrNotSitemap)
		}
		return res, wrap(err)
	}
	p := &parser{res: res, max: opts.MaxEntries}
	if first != '<' {
		err = p.text(in)
	} else {
		err = p.xml(in)
	}
	return res, err
}

func wrap(err error) error { return fmt.Errorf("sitemap: %w", err) }

// skipLeading drops a byte-order mark and white space, and returns the
// first byte that follows, unread.
func skipLeading(r *bufio.Reader) (byte, error) {
	if b, _ := r.Peek(3); bytes.Equal(b, []byte{0xef, 0xbb, 0xbf}) {
		r.Discard(3)
	}
	for {
		b, err := r.ReadByte()
		if err != nil {
			return 0, err
		}
		switch b {
		case ' ', '\t', '\r', '\n':
			continue
		}
		r.UnreadByte()
		return b, nil
	}
}

type parser struct {
	res *Result
	max int
	n   int
}

// add keeps a finished entry, or records why not.
func (p *parser) add(kind string, loc, lastmod string, line int) error {
	if loc == "" {
		p.problem(line, fmt.Sprintf("<%s> without <loc>", kind))
		return nil
	}
	if reason := checkLoc(loc); reason != "" {
		p.problem(line, reason)
		return nil
	}
	e := Entry{Loc: loc}
	if lastmod != "" {
		t, ok := parseLastMod(lastmod)
		if ok {
			e.LastMod = t
		} else {
			p.problem(line, fmt.Sprintf("lastmod %q not a W3C date; ignored", clip(lastmod)))
		}
	}
	if p.n >= p.max {
		return fmt.Errorf("%w: more than %d; the rest ignored (line %d)", ErrTooMany, p.max, line)
	}
	p.n++
	if kind == "sitemap" {
		p.res.Sitemaps = append(p.res.Sitemaps, e)
	} else {
		p.res.URLs = append(p.res.URLs, e)
	}
	return nil
}

func (p *parser) problem(line int, reason string) {
	// Problems are bounded like entries: a file of a million bad entries
	// must not grow an unbounded list.
	if len(p.res.Problems) < p.max {
		p.res.Problems = append(p.res.Problems, Problem{Line: line, Reason: reason})
	}
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

func checkLoc(loc string) string {
	u, err := url.Parse(loc)
	if err != nil {
		return fmt.Sprintf("loc %q: %v", clip(loc), err)
	}
	if s := strings.ToLower(u.Scheme); (s != "http" && s != "https") || u.Host == "" {
		return fmt.Sprintf("loc %q is not an absolute http(s) URL", clip(loc))
	}
	return ""
}

// text reads a plain-text sitemap: one URL a line.
func (p *parser) text(r *bufio.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxValue)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if err := p.add("url", s, "", line); err != nil {
			return wrap(err)
		}
	}
	if err := sc.Err(); err != nil {
		return wrap(fmt.Errorf("line %d: %w", line+1, err))
	}
	return nil
}

// xml reads a urlset or a sitemap index.
func (p *parser) xml(r io.Reader) error {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel

	var (
		depth   int
		root    string
		kind    string // "url" or "sitemap" while inside one, else ""
		kindAt  int    // depth of that element
		line    int    // where it started
		field   string // "loc" or "lastmod" while inside one
		loc     string
		lastmod string
		buf     strings.Builder
		tooLong bool
	)
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				break
			}
			l, _ := d.InputPos()
			return wrap(fmt.Errorf("line %d: %w", l, err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			name := strings.ToLower(t.Name.Local)
			if depth == 1 {
				root = name
				if root != "urlset" && root != "sitemapindex" {
					return wrap(fmt.Errorf("%w: root element <%s>, want <urlset> or <sitemapindex>", ErrNotSitemap, clip(t.Name.Local)))
				}
			}
			switch {
			case kind == "" && (name == "url" || name == "sitemap"):
				kind, kindAt, loc, lastmod = name, depth, "", ""
				line, _ = d.InputPos()
			case kind != "" && depth == kindAt+1 && (name == "loc" || name == "lastmod"):
				field = name
				buf.Reset()
				tooLong = false
			}
		case xml.CharData:
			if field != "" {
				if buf.Len()+len(t) > maxValue {
					tooLong = true
				} else {
					buf.Write(t)
				}
			}
		case xml.EndElement:
			name := strings.ToLower(t.Name.Local)
			switch {
			case field != "" && name == field && depth == kindAt+1:
				v := strings.TrimSpace(buf.String())
				if tooLong {
					l, _ := d.InputPos()
					p.problem(l, fmt.Sprintf("<%s> longer than %d bytes; ignored", field, maxValue))
					v = ""
				}
				if field == "loc" {
					loc = v
				} else {
					lastmod = v
				}
				field = ""
			case kind != "" && depth == kindAt:
				if err := p.add(kind, loc, lastmod, line); err != nil {
					return wrap(err)
				}
				kind, field = "", ""
			}
			if depth > 0 {
				depth--
			}
		}
	}
	if root == "" {
		return wrap(fmt.Errorf("%w: no root element", ErrNotSitemap))
	}
	return nil
}

// lastModLayouts are the W3C Datetime forms the protocol allows, and the
// near misses sites write. Go accepts fractional seconds after ":05" even
// when the layout has none.
var lastModLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	"2006-01",
	"2006",
}

func parseLastMod(s string) (time.Time, bool) {
	for _, l := range lastModLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// limitReader fails with ErrTooLarge once more than n bytes were asked
// for, so that the decoder stops instead of reading a bomb to its end.
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		// One more byte tells a file of exactly n bytes from a larger one.
		var one [1]byte
		if k, err := l.r.Read(one[:]); k == 0 {
			return 0, err
		}
		return 0, ErrTooLarge
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}
