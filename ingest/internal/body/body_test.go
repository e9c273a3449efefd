package body

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

const text = "Công đoàn cơ sở có 1.250 đoàn viên."

func encode(t *testing.T, coding string, b []byte) []byte {
	var buf bytes.Buffer
	var w io.WriteCloser
	switch coding {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "zlib":
		w = zlib.NewWriter(&buf)
	case "flate":
		w, _ = flate.NewWriter(&buf, 5)
	case "br":
		w = brotli.NewWriter(&buf)
	}
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func TestDecode(t *testing.T) {
	gz := encode(t, "gzip", []byte(text))
	tests := []struct {
		header string
		data   []byte
		err    string
	}{
		{"", []byte(text), ""},
		{"identity", []byte(text), ""},
		{"gzip", gz, ""},
		{"X-GZIP", gz, ""},
		{"deflate", encode(t, "zlib", []byte(text)), ""},
		{"deflate", encode(t, "flate", []byte(text)), ""},
		{"br", encode(t, "br", []byte(text)), ""},
		{"gzip, br", encode(t, "br", gz), ""},
		{"compress", []byte("x"), `unsupported content-encoding "compress"`},
		{"gzip, gzip, gzip, gzip", gz, "too many codings"},
		{"gzip", []byte("plain"), "gzip: "},
	}
	for _, tt := range tests {
		r, err := Decode(bytes.NewReader(tt.data), tt.header)
		var got []byte
		if err == nil {
			got, err = ReadAll(r, 1<<20)
		}
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Decode(%q): %v, want %q", tt.header, err, tt.err)
			}
			continue
		}
		if err != nil || string(got) != text {
			t.Errorf("Decode(%q) = %q, %v", tt.header, got, err)
		}
	}
}

func TestReadAll(t *testing.T) {
	for _, tt := range []struct {
		n, limit int
		tooLarge bool
	}{{0, 0, false}, {1, 0, true}, {10, 10, false}, {11, 10, true}, {100000, 99999, true}, {100000, 100000, false}} {
		got, err := ReadAll(bytes.NewReader(make([]byte, tt.n)), int64(tt.limit))
		if errors.Is(err, ErrTooLarge) != tt.tooLarge || len(got) > tt.limit || (!tt.tooLarge && len(got) != tt.n) {
			t.Errorf("ReadAll(%d bytes, limit %d) = %d bytes, %v", tt.n, tt.limit, len(got), err)
		}
		if cap(got) > tt.limit+1 && tt.limit > 32<<10 {
			t.Errorf("ReadAll(limit %d) holds %d bytes", tt.limit, cap(got))
		}
	}
}

func TestKindOf(t *testing.T) {
	for ct, want := range map[string]Kind{
		"text/html; charset=windows-1258": HTML, "TEXT/HTML": HTML, "application/xhtml+xml": HTML,
		"text/plain": Text, "application/xml": XML, "text/xml; charset=utf-8": XML, "application/rss+xml": XML,
		"application/x-gzip": Gzip, "image/png": Other, "": Other, "text/html; charset": HTML,
		"application/pdf": Other,
	} {
		if got := KindOf(ct); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", ct, got, want)
		}
	}
}
