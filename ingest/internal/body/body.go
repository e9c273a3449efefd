// Package body decodes and bounds HTTP message bodies for the fetcher and
// the WARC reader: Content-Encoding (gzip, deflate, br) undone behind a
// size limit, so that a small compressed bomb stops at the limit instead
// of filling memory, and media types sorted into the kinds tinso keeps.
//
// body does no I/O of its own and must not import bleve.
package body

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/andybalholm/brotli"
)

// ErrTooLarge is returned when a body is longer than its limit.
var ErrTooLarge = errors.New("body over the size limit")

// maxEncodings bounds a Content-Encoding list: real servers use one.
const maxEncodings = 3

// Decode returns a reader that undoes a Content-Encoding header value
// ("gzip", "br", "gzip, br": codings are undone last first). An empty
// value and "identity" leave r as it is; an unknown coding is an error.
// "deflate" is zlib-wrapped by the standard but sent raw by some servers:
// both are accepted.
func Decode(r io.Reader, contentEncoding string) (io.Reader, error) {
	var codings []string
	for _, c := range strings.Split(contentEncoding, ",") {
		c = strings.ToLower(strings.TrimSpace(c))
		if c != "" && c != "identity" && c != "none" {
			codings = append(codings, c)
		}
	}
	if len(codings) > maxEncodings {
		return nil, fmt.Errorf("content-encoding %q: too many codings", contentEncoding)
	}
	for i := len(codings) - 1; i >= 0; i-- {
		switch codings[i] {
		case "gzip", "x-gzip":
			zr, err := gzip.NewReader(r)
			if err != nil {
				return nil, fmt.Errorf("content-encoding gzip: %w", err)
			}
			r = zr
		case "deflate":
			br := bufio.NewReader(r)
			if h, err := br.Peek(2); err == nil && isZlibHeader(h[0], h[1]) {
				zr, err := zlib.NewReader(br)
				if err != nil {
					return nil, fmt.Errorf("content-encoding deflate: %w", err)
				}
				r = zr
			} else {
				r = flate.NewReader(br)
			}
		case "br":
			r = brotli.NewReader(r)
		default:
			return nil, fmt.Errorf("unsupported content-encoding %q", codings[i])
		}
	}
	return r, nil
}

func isZlibHeader(cmf, flg byte) bool {
	return cmf&0x0f == 8 && cmf>>4 <= 7 && (uint16(cmf)<<8|uint16(flg))%31 == 0
}

// ReadAll reads r to its end, failing with ErrTooLarge as soon as more
// than limit bytes come: at most limit+1 bytes are ever held.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	var buf []byte
	chunk := int64(32 << 10)
	for {
		if int64(len(buf)) > limit {
			return buf[:limit], ErrTooLarge
		}
		if len(buf) == cap(buf) {
			grow := int64(cap(buf))
			if grow < chunk {
				grow = chunk
			}
			if max := limit + 1 - int64(len(buf)); grow > max {
				grow = max
			}
			nb := make([]byte, len(buf), int64(len(buf))+grow)
			copy(nb, buf)
			buf = nb
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			if int64(len(buf)) > limit {
				return buf[:limit], ErrTooLarge
			}
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// Kind sorts media types into what tinso keeps.
type Kind int

// The kinds of content.
const (
	Other Kind = iota
	HTML       // text/html, application/xhtml+xml
	Text       // text/plain
	XML        // application/xml, text/xml, anything +xml (sitemaps, feeds)
	Gzip       // a gzip file (sitemap.xml.gz served as such)
)

// MediaType returns the lower-case type/subtype of a Content-Type value,
// without parameters; "" when there is none.
func MediaType(contentType string) string {
	if contentType == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		// A broken parameter list ("text/html; charset") still names
		// the type.
		mt = strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0])
	}
	return strings.ToLower(mt)
}

// KindOf sorts a Content-Type value.
func KindOf(contentType string) Kind {
	switch mt := MediaType(contentType); {
	case mt == "text/html" || mt == "application/xhtml+xml":
		return HTML
	case mt == "text/plain":
		return Text
	case mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml"):
		return XML
	case mt == "application/gzip" || mt == "application/x-gzip" || mt == "application/x-gunzip":
		return Gzip
	}
	return Other
}
