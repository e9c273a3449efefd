// Package warc reads WARC 1.0 and 1.1 archives (ISO 28500), so that pages
// someone else crawled (with wget --warc-file, Heritrix, Browsertrix...)
// enter tinso with the provenance the archive recorded: the target URI and
// the capture date. It is written here because the module proxy refuses the
// Go WARC modules.
//
// A Reader iterates records (Next) or, more usefully, the HTTP responses
// inside them as corpus.Document values (NextDocument). Plain, whole-file
// gzip and per-record gzip archives are all read the same way: gzip
// members are concatenated into one stream, so where the members start
// does not matter, and record offsets are offsets into the uncompressed
// stream.
//
// Errors come in two kinds. A *RecordError is one record that cannot
// become a document (a malformed HTTP response, an over-long body): the
// reader goes on with the next record. Anything else (a *FormatError, a
// broken gzip stream) means the archive cannot be read further: every
// complete record before it was returned, and the error says at which
// record and offset the tail is broken.
//
// warc must not import bleve.
package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/ingest/internal/body"
)

// Options tune a Reader.
type Options struct {
	// Name is the archive's name in Document.Source ("name#offset");
	// OpenFile sets it to the path.
	Name string
	// Resources makes NextDocument yield resource records too (a page
	// stored without its HTTP exchange); by default only response records.
	Resources bool
	// All makes NextDocument yield every HTTP response and resource,
	// whatever its status and content type. By default only 2xx HTML,
	// XHTML and plain-text bodies with an http(s) target become
	// documents: the rest (images, redirects, robots.txt, crawler logs)
	// are counted as skipped.
	All bool
	// MaxBody bounds one decoded body. Zero means 64 MiB, tinso's
	// document limit; a larger record is a RecordError, not the end.
	MaxBody int64
}

func (o *Options) applyDefaults() {
	if o.Name == "" {
		o.Name = "warc"
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 64 << 20
	}
}

// Limits of the record header: real headers are under 2 KB.
const (
	maxLine   = 64 << 10
	maxFields = 1000
)

// ErrTruncated marks an archive that ends inside a record.
var ErrTruncated = errors.New("truncated")

// FormatError says the archive cannot be read past a record.
type FormatError struct {
	Name   string // archive name
	Index  int    // 0-based number of the record that is broken
	Offset int64  // where that record starts in the uncompressed stream
	Reason string
	Err    error // underlying error, if any (ErrTruncated, gzip errors)
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("warc %s: record %d at offset %d: %s", e.Name, e.Index, e.Offset, e.Reason)
}

func (e *FormatError) Unwrap() error { return e.Err }

// RecordError says one record could not become a document; the reader
// can go on.
type RecordError struct {
	Source    string // "name#offset"
	TargetURI string
	Reason    string
	Err       error
}

func (e *RecordError) Error() string {
	if e.TargetURI != "" {
		return fmt.Sprintf("warc %s (%s): %s", e.Source, e.TargetURI, e.Reason)
	}
	return fmt.Sprintf("warc %s: %s", e.Source, e.Reason)
}

func (e *RecordError) Unwrap() error { return e.Err }

// Record is one WARC record.
type Record struct {
	Version     string // "WARC/1.0", "WARC/1.1"
	Index       int    // 0-based number of the record in the archive
	Offset      int64  // start of the record in the uncompressed stream
	Header      textproto.MIMEHeader
	Type        string    // WARC-Type, lower case ("response", "request", "warcinfo", ...)
	TargetURI   string    // WARC-Target-URI, surrounding <> removed (WARC 1.0 writers add them)
	Date        time.Time // WARC-Date; zero if missing or unreadable
	ContentType string    // the record's Content-Type ("application/http; msgtype=response")
	Length      int64     // Content-Length of the block
	// Block is the record's content; it is valid until the next call to
	// Next, which skips whatever was not read.
	Block io.Reader
}

// Stats counts what a Reader has seen.
type Stats struct {
	Records   int // records read
	Documents int // documents returned by NextDocument
	Skipped   int // records NextDocument passed over (requests, metadata, images, ...)
	Failed    int // RecordErrors returned
}

// Reader reads records from a WARC archive.
type Reader struct {
	opts   Options
	br     *bufio.Reader
	pos    int64 // bytes consumed from the uncompressed stream
	index  int   // number of the next record
	block  *blockReader
	err    error // sticky fatal error
	closer []io.Closer
	stats  Stats
}

// NewReader returns a Reader on an archive, compressed (gzip, either per
// record or as a whole) or not; gzip is recognised by its magic bytes.
func NewReader(r io.Reader, opts Options) (*Reader, error) {
	opts.applyDefaults()
	rd := &Reader{opts: opts}
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, rd.fail(0, 0, "gzip header", err)
		}
		rd.closer = append(rd.closer, zr)
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	rd.br = br
	return rd, nil
}

// OpenFile opens a WARC file; Close closes it.
func OpenFile(path string, opts Options) (*Reader, error) {
	if opts.Name == "" {
		opts.Name = path
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("warc %s: %w", path, err)
	}
	r, err := NewReader(f, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.closer = append(r.closer, f)
	return r, nil
}

// Close releases the file opened by OpenFile.
func (r *Reader) Close() error {
	var first error
	for i := len(r.closer) - 1; i >= 0; i-- {
		if err := r.closer[i].Close(); err != nil && first == nil {
			first = err
		}
	}
	r.closer = nil
	return first
}

// Stats returns the counts so far.
func (r *Reader) Stats() Stats { return r.stats }

// fail records the sticky error that ends the archive, about record
// index starting at offset.
func (r *Reader) fail(index int, offset int64, reason string, err error) error {
	if err != nil && !errors.Is(err, ErrTruncated) && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)) {
		err = fmt.Errorf("%w: %w", ErrTruncated, err)
	}
	if err != nil {
		reason += ": " + err.Error()
	}
	r.err = &FormatError{Name: r.opts.Name, Index: index, Offset: offset, Reason: reason, Err: err}
	return r.err
}

// Next returns the next record, io.EOF after the last one, or an error
// that ends the archive (see the package documentation).
func (r *Reader) Next() (*Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	if b := r.block; b != nil {
		r.block = nil
		if _, err := io.Copy(io.Discard, b); err != nil {
			return nil, r.fail(b.index, b.start, fmt.Sprintf("block ends after %d of %d bytes", b.read, b.length), err)
		}
		// Each record ends with two CRLFs; tolerate writers that wrote
		// fewer, or bare LFs.
		r.skipNewlines()
	}

	// Blank lines between records are tolerated too.
	r.skipNewlines()
	if _, err := r.br.Peek(1); err == io.EOF {
		r.err = io.EOF
		return nil, io.EOF
	}
	start := r.pos
	version, err := r.readLine()
	if !strings.HasPrefix(version, "WARC/") && !strings.HasPrefix("WARC/", version) {
		return nil, r.fail(r.index, start, fmt.Sprintf("expected a WARC/1.x version line, found %q", clip(version)), nil)
	}
	if err != nil {
		return nil, r.fail(r.index, start, "reading the version line", err)
	}
	if !strings.HasPrefix(version, "WARC/") {
		return nil, r.fail(r.index, start, fmt.Sprintf("expected a WARC/1.x version line, found %q", clip(version)), nil)
	}
	hdr := textproto.MIMEHeader{}
	var last string
	for n := 0; ; n++ {
		line, err := r.readLine()
		if err != nil {
			return nil, r.fail(r.index, start, "reading the header", err)
		}
		if line == "" {
			break
		}
		if n >= maxFields {
			return nil, r.fail(r.index, start, fmt.Sprintf("more than %d header fields", maxFields), nil)
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			vs := hdr[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(line)
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue // not a field: tolerated, as readers of HTTP do
		}
		last = textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k))
		hdr[last] = append(hdr[last], strings.TrimSpace(v))
	}
	cl := hdr.Get("Content-Length")
	length, err := strconv.ParseInt(cl, 10, 64)
	if err != nil || length < 0 {
		return nil, r.fail(r.index, start, fmt.Sprintf("bad Content-Length %q", clip(cl)), nil)
	}
	rec := &Record{
		Version:     version,
		Index:       r.index,
		Offset:      start,
		Header:      hdr,
		Type:        strings.ToLower(hdr.Get("WARC-Type")),
		TargetURI:   strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(hdr.Get("WARC-Target-URI")), "<"), ">"),
		Date:        parseDate(hdr.Get("WARC-Date")),
		ContentType: hdr.Get("Content-Type"),
		Length:      length,
	}
	r.block = &blockReader{r: r, index: r.index, start: start, length: length}
	rec.Block = r.block
	r.index++
	r.stats.Records++
	return rec, nil
}

// readLine reads one line without its CRLF or LF, bounded by maxLine.
func (r *Reader) readLine() (string, error) {
	var line []byte
	for {
		frag, err := r.br.ReadSlice('\n')
		r.pos += int64(len(frag))
		if len(line)+len(frag) > maxLine {
			return "", fmt.Errorf("line longer than %d bytes", maxLine)
		}
		line = append(line, frag...)
		if err == nil {
			break
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return string(line), err
	}
	line = bytes.TrimRight(line, "\r\n")
	return string(line), nil
}

func (r *Reader) skipNewlines() {
	for {
		b, err := r.br.Peek(1)
		if err != nil || (b[0] != '\r' && b[0] != '\n') {
			return
		}
		r.br.Discard(1)
		r.pos++
	}
}

// blockReader reads one record's block and reports a short one.
type blockReader struct {
	r      *Reader
	index  int
	start  int64
	length int64
	read   int64
}

func (b *blockReader) Read(p []byte) (int, error) {
	if b.read >= b.length {
		return 0, io.EOF
	}
	if rest := b.length - b.read; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := b.r.br.Read(p)
	b.read += int64(n)
	b.r.pos += int64(n)
	if err == io.EOF {
		if b.read < b.length {
			return n, io.ErrUnexpectedEOF
		}
		err = nil
	}
	return n, err
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

var dateLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "20060102150405"}

func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// NextDocument returns the next HTTP response (and, with
// Options.Resources, resource record) as a Document:
//
//	Source      "name#offset" of the record
//	URL, Site   WARC-Target-URI and its host
//	FetchedAt   WARC-Date
//	Status, ContentType, ETag, LastModified   from the HTTP response
//	Raw         the HTTP body, chunked transfer and gzip/deflate/br
//	            content encoding undone
//
// It returns io.EOF after the last record, a *RecordError for a record
// that cannot become a document (call again to go on), and any other
// error when the archive cannot be read further.
func (r *Reader) NextDocument() (corpus.Document, error) {
	for {
		rec, err := r.Next()
		if err != nil {
			return corpus.Document{}, err
		}
		var doc corpus.Document
		var ok bool
		switch {
		case rec.Type == "response" && isHTTPResponse(rec.ContentType):
			doc, ok, err = r.response(rec)
		case rec.Type == "resource" && r.opts.Resources:
			doc, ok, err = r.resource(rec)
		}
		if err != nil {
			if errors.As(err, new(*FormatError)) {
				return corpus.Document{}, err
			}
			r.stats.Failed++
			return corpus.Document{}, &RecordError{Source: r.source(rec), TargetURI: rec.TargetURI, Reason: err.Error(), Err: err}
		}
		if !ok {
			r.stats.Skipped++
			continue
		}
		r.stats.Documents++
		return doc, nil
	}
}

func (r *Reader) source(rec *Record) string {
	return fmt.Sprintf("%s#%d", r.opts.Name, rec.Offset)
}

// isHTTPResponse accepts "application/http; msgtype=response" and its
// spellings; a response record holding DNS or other protocols is skipped.
func isHTTPResponse(ct string) bool {
	mt := body.MediaType(ct)
	return mt == "application/http" || (mt == "" && ct == "")
}

func httpTarget(uri string) bool {
	l := strings.ToLower(uri)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func host(uri string) string {
	rest := uri[strings.Index(uri, "://")+3:]
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.HasPrefix(rest, "[") {
		if i := strings.IndexByte(rest, ']'); i >= 0 {
			return strings.ToLower(rest[1:i])
		}
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		rest = rest[:i]
	}
	return strings.ToLower(rest)
}

// readBlock reads a whole block, bounded. A block cut short by the end of
// the archive is a FormatError: the archive is broken there.
func (r *Reader) readBlock(rec *Record, limit int64) ([]byte, error) {
	if rec.Length > limit {
		return nil, fmt.Errorf("block of %d bytes over the %d-byte limit", rec.Length, limit)
	}
	// Grown as it is read, not allocated from Content-Length: a lying
	// length in a short file costs nothing.
	b, err := body.ReadAll(rec.Block, rec.Length)
	if err != nil {
		r.block = nil
		return nil, r.fail(rec.Index, rec.Offset, fmt.Sprintf("block ends after %d of %d bytes", len(b), rec.Length), err)
	}
	return b, nil
}

func (r *Reader) response(rec *Record) (corpus.Document, bool, error) {
	if !r.opts.All && !httpTarget(rec.TargetURI) {
		return corpus.Document{}, false, nil
	}
	// The HTTP header is allowed 1 MiB on top of the body.
	block, err := r.readBlock(rec, r.opts.MaxBody+1<<20)
	if err != nil {
		return corpus.Document{}, false, err
	}
	resp, err := parseHTTP(block)
	if err != nil {
		return corpus.Document{}, false, err
	}
	ct := resp.header.Get("Content-Type")
	if !r.opts.All {
		if resp.status < 200 || resp.status > 299 {
			return corpus.Document{}, false, nil
		}
		if k := body.KindOf(ct); k != body.HTML && k != body.Text {
			return corpus.Document{}, false, nil
		}
	}
	raw, err := decodeBody(resp, r.opts.MaxBody)
	if err != nil {
		return corpus.Document{}, false, err
	}
	doc := corpus.Document{
		Source:       r.source(rec),
		URL:          rec.TargetURI,
		FetchedAt:    rec.Date,
		Status:       resp.status,
		ContentType:  ct,
		ETag:         resp.header.Get("ETag"),
		LastModified: resp.header.Get("Last-Modified"),
		Raw:          raw,
	}
	if httpTarget(rec.TargetURI) {
		doc.Site = host(rec.TargetURI)
	}
	return doc, true, nil
}

func (r *Reader) resource(rec *Record) (corpus.Document, bool, error) {
	if !r.opts.All {
		if !httpTarget(rec.TargetURI) {
			return corpus.Document{}, false, nil
		}
		if k := body.KindOf(rec.ContentType); k != body.HTML && k != body.Text {
			return corpus.Document{}, false, nil
		}
	}
	raw, err := r.readBlock(rec, r.opts.MaxBody)
	if err != nil {
		return corpus.Document{}, false, err
	}
	doc := corpus.Document{
		Source:      r.source(rec),
		URL:         rec.TargetURI,
		FetchedAt:   rec.Date,
		ContentType: rec.ContentType,
		Raw:         raw,
	}
	if httpTarget(rec.TargetURI) {
		doc.Site = host(rec.TargetURI)
	}
	return doc, true, nil
}
