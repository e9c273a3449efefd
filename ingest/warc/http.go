package warc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/tinso/tinso/ingest/internal/body"
)

// httpResponse is an HTTP response as a crawler recorded it.
type httpResponse struct {
	status int
	header textproto.MIMEHeader
	body   []byte // still in its transfer and content codings
}

// maxInterim bounds the 1xx responses ("100 Continue") that may precede
// the real one in a record.
const maxInterim = 5

// parseHTTP reads the status line and header of a recorded response. It
// is lenient where crawlers and servers are sloppy (bare LF line ends,
// lines that are not fields), strict only where the data would be
// meaningless (no status line).
func parseHTTP(block []byte) (*httpResponse, error) {
	for i := 0; ; i++ {
		line, rest := cutLine(block)
		if !bytes.HasPrefix(line, []byte("HTTP/")) {
			return nil, fmt.Errorf("not an HTTP response: status line %q", clip(string(line)))
		}
		f := strings.Fields(string(line))
		if len(f) < 2 {
			return nil, fmt.Errorf("status line %q has no status", clip(string(line)))
		}
		status, err := strconv.Atoi(f[1])
		if err != nil || status < 100 || status > 999 {
			return nil, fmt.Errorf("status line %q: bad status", clip(string(line)))
		}
		h := textproto.MIMEHeader{}
		var last string
		for len(rest) > 0 {
			line, rest = cutLine(rest)
			if len(line) == 0 {
				break
			}
			if (line[0] == ' ' || line[0] == '\t') && last != "" {
				vs := h[last]
				vs[len(vs)-1] += " " + strings.TrimSpace(string(line))
				continue
			}
			k, v, ok := bytes.Cut(line, []byte(":"))
			if !ok {
				continue
			}
			last = textproto.CanonicalMIMEHeaderKey(string(bytes.TrimSpace(k)))
			h[last] = append(h[last], string(bytes.TrimSpace(v)))
		}
		if status < 200 && bytes.HasPrefix(rest, []byte("HTTP/")) && i < maxInterim {
			block = rest
			continue
		}
		return &httpResponse{status: status, header: h, body: rest}, nil
	}
}

// cutLine splits off the first line, without its CRLF or LF.
func cutLine(b []byte) (line, rest []byte) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return bytes.TrimSuffix(b, []byte("\r")), nil
	}
	return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:]
}

// decodeBody undoes the transfer and content codings of a recorded body,
// bounded by limit. Archives are forgiving about what they keep, and so is
// this: a body recorded already de-chunked or already decompressed under
// its original header is taken as it is, and a body cut short keeps what
// was captured.
func decodeBody(resp *httpResponse, limit int64) ([]byte, error) {
	b := resp.body
	if strings.Contains(strings.ToLower(resp.header.Get("Transfer-Encoding")), "chunked") {
		d, err := dechunk(b, limit)
		switch {
		case errors.Is(err, body.ErrTooLarge):
			return nil, fmt.Errorf("body over the %d-byte limit", limit)
		case err != nil && len(d) == 0:
			// Not chunked after all: written de-chunked.
		default:
			b = d
		}
	}
	ce := strings.ToLower(strings.TrimSpace(resp.header.Get("Content-Encoding")))
	if (ce == "gzip" || ce == "x-gzip") && !(len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b) {
		ce = "" // recorded decompressed
	}
	r, err := body.Decode(bytes.NewReader(b), ce)
	if err != nil {
		return nil, err
	}
	out, err := body.ReadAll(r, limit)
	switch {
	case errors.Is(err, body.ErrTooLarge):
		return nil, fmt.Errorf("body over the %d-byte limit", limit)
	case errors.Is(err, io.ErrUnexpectedEOF) && len(out) > 0:
		return out, nil // a truncated capture: keep what was captured
	case err != nil:
		return nil, fmt.Errorf("content-encoding %s: %w", ce, err)
	}
	return out, nil
}

// dechunk undoes chunked transfer coding, keeping what it decoded before
// any error.
func dechunk(b []byte, limit int64) ([]byte, error) {
	var out []byte
	for len(b) > 0 {
		line, rest := cutLine(b)
		size := strings.TrimSpace(strings.SplitN(string(line), ";", 2)[0])
		n, err := strconv.ParseUint(size, 16, 62)
		if err != nil {
			return out, fmt.Errorf("chunk size %q", clip(size))
		}
		if n == 0 {
			return out, nil // trailers, if any, are not wanted
		}
		if int64(len(out))+int64(n) > limit {
			return nil, body.ErrTooLarge
		}
		if n > uint64(len(rest)) {
			return append(out, rest...), io.ErrUnexpectedEOF
		}
		out = append(out, rest[:n]...)
		b = rest[n:]
		if bytes.HasPrefix(b, []byte("\r\n")) {
			b = b[2:]
		} else if bytes.HasPrefix(b, []byte("\n")) {
			b = b[1:]
		}
	}
	return out, io.ErrUnexpectedEOF
}
