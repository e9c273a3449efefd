package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tinso/tinso/corpus"
)

const fixture = "testdata/site.warc.gz"

func readFixture(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func gzipAll(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// readAll returns every document and the error that ended the archive
// (nil for a clean end); RecordErrors are collected, not fatal.
func readAll(t testing.TB, data []byte, opts Options) (docs []corpus.Document, recErrs []error, end error, st Stats) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(data), opts)
	if err != nil {
		return nil, nil, err, Stats{}
	}
	for i := 0; i < 10000; i++ {
		d, err := r.NextDocument()
		var re *RecordError
		switch {
		case err == io.EOF:
			return docs, recErrs, nil, r.Stats()
		case errors.As(err, &re):
			recErrs = append(recErrs, err)
		case err != nil:
			return docs, recErrs, err, r.Stats()
		default:
			docs = append(docs, d)
		}
	}
	t.Fatal("reader does not end")
	return
}

func page(t *testing.T, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata/site", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWgetFixture reads a real wget capture in its three layouts: gzip per
// record (as wget writes it), uncompressed, and gzip over the whole file.
// Offsets are into the uncompressed stream, so all three agree.
func TestWgetFixture(t *testing.T) {
	perRecord := readFixture(t)
	plain := gunzip(t, perRecord)
	whole := gzipAll(plain)
	date := time.Date(2026, 11, 23, 6, 45, 48, 0, time.UTC)
	var want []corpus.Document
	from := 0
	for _, p := range []string{"index.html", "tin-tuc/dai-hoi-cong-doan.html", "tin-tuc/tet-sum-vay.html"} {
		u := "http://127.0.0.1:8765/" + p
		// The offset of each response record, found in the plain stream.
		i := from + bytes.Index(plain[from:], []byte("WARC-Type: response\r\n"))
		from = i + 1
		off := bytes.LastIndex(plain[:i], []byte("WARC/1.0\r\n"))
		want = append(want, corpus.Document{
			Source: fmt.Sprintf("site.warc.gz#%d", off), URL: u, Site: "127.0.0.1",
			FetchedAt: date, Status: 200, ContentType: "text/html",
			LastModified: "", Raw: page(t, p),
		})
	}
	for name, data := range map[string][]byte{"per-record gzip": perRecord, "plain": plain, "whole-file gzip": whole} {
		t.Run(name, func(t *testing.T) {
			docs, recErrs, end, st := readAll(t, data, Options{Name: "site.warc.gz"})
			if end != nil || len(recErrs) > 0 {
				t.Fatalf("end %v, record errors %v", end, recErrs)
			}
			for i := range docs {
				docs[i].LastModified = "" // set by python's server to the files' mtimes
			}
			if diff := cmp.Diff(want, docs); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}
			if st != (Stats{Records: 9, Documents: 3, Skipped: 6}) {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func TestRecords(t *testing.T) {
	r, err := OpenFile(fixture, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var types []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, rec.Type)
		if rec.Version != "WARC/1.0" || rec.Date.IsZero() || rec.Header.Get("WARC-Record-ID") == "" {
			t.Errorf("record %d: %+v", rec.Index, rec)
		}
		if rec.Index == 1 {
			// Read part of a block: Next skips the rest.
			buf := make([]byte, 3)
			io.ReadFull(rec.Block, buf)
			if string(buf) != "GET" {
				t.Errorf("request block starts %q", buf)
			}
		}
	}
	want := "warcinfo request response request response request response metadata resource"
	if got := strings.Join(types, " "); got != want {
		t.Errorf("types %s, want %s", got, want)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("after the end: %v", err)
	}
	if _, err := OpenFile("testdata/missing.warc", Options{}); err == nil || !strings.Contains(err.Error(), "missing.warc") {
		t.Errorf("missing file: %v", err)
	}
}

// TestTruncated cuts the archive at every point: each cut yields a prefix
// of the documents and then either a clean end (cut between records) or an
// error naming the record and offset where the tail breaks.
func TestTruncated(t *testing.T) {
	perRecord := readFixture(t)
	plain := gunzip(t, perRecord)
	full, _, _, _ := readAll(t, plain, Options{})
	for name, data := range map[string][]byte{"plain": plain, "per-record gzip": perRecord, "whole-file gzip": gzipAll(plain)} {
		t.Run(name, func(t *testing.T) {
			broken := 0
			for cut := 0; cut < len(data); cut++ {
				docs, _, end, _ := readAll(t, data[:cut], Options{})
				// reflect, not cmp: cmp is too slow for thousands of cuts.
				if len(docs) > 0 && !reflect.DeepEqual(full[:len(docs)], docs) {
					t.Fatalf("cut %d: documents are not a prefix (-want +got):\n%s", cut, cmp.Diff(full[:len(docs)], docs))
				}
				if end == nil {
					if name == "whole-file gzip" && cut > 0 {
						t.Fatalf("cut %d of a one-member gzip ended cleanly", cut)
					}
					continue
				}
				broken++
				var fe *FormatError
				if cut > 20 && !errors.As(end, &fe) {
					t.Fatalf("cut %d: error %v is not a FormatError", cut, end)
				}
				if fe != nil && (!errors.Is(end, ErrTruncated) || !strings.Contains(end.Error(), fmt.Sprintf("record %d at offset %d", fe.Index, fe.Offset))) {
					t.Fatalf("cut %d: %v", cut, end)
				}
			}
			if broken < len(data)/2 {
				t.Errorf("only %d of %d cuts reported broken", broken, len(data))
			}
		})
	}
	// One cut looked at closely: inside the third response's body.
	i := bytes.Index(plain, []byte("Tết Sum vầy\" năm 2024</h1>"))
	docs, _, end, _ := readAll(t, plain[:i], Options{Name: "cut.warc"})
	var fe *FormatError
	if len(docs) != 2 || !errors.As(end, &fe) || fe.Index != 6 || !strings.Contains(end.Error(), "warc cut.warc: record 6 at offset") || !strings.Contains(end.Error(), "block ends after") {
		t.Errorf("cut in record 6: %d documents, %v", len(docs), end)
	}
}

// rec writes one WARC record.
func rec(version, typ, uri, ct string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\r\nWARC-Type: %s\r\n", version, typ)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "WARC-Date: 2024-05-12T08:30:00.123Z\r\nWARC-Record-ID: <urn:uuid:x>\r\n")
	if ct != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", ct)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

const httpCT = "application/http; msgtype=response"

func TestSyntheticRecords(t *testing.T) {
	html := "<p>Công đoàn cơ sở có 1.250 đoàn viên</p>"
	gzHTML := gzipAll([]byte(html))
	chunked := fmt.Sprintf("%x;ext=1\r\n%s\r\n%x\r\n%s\r\n0\r\nX-Trailer: y\r\n\r\n", 10, gzHTML[:10], len(gzHTML)-10, gzHTML[10:])
	var a bytes.Buffer
	a.Write(rec("WARC/1.1", "warcinfo", "", "application/warc-fields", []byte("software: test\r\n")))
	// 1: chunked and gzipped, behind a 100 Continue
	a.Write(rec("WARC/1.1", "response", "https://LDLD.example.vn/a", httpCT,
		[]byte("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\nETag: \"v1\"\r\n\r\n"+chunked)))
	// 2: bare LF line ends, recorded de-chunked and decompressed under the original header
	a.Write(rec("WARC/1.1", "response", "https://ldld.example.vn/b", httpCT,
		[]byte("HTTP/1.1 200 OK\nContent-Type: text/plain\nTransfer-Encoding: chunked\nContent-Encoding: gzip\n\n"+html)))
	// skipped: an image, a 404, a redirect, DNS, a revisit, a request
	a.Write(rec("WARC/1.1", "response", "https://ldld.example.vn/anh.jpg", httpCT, []byte("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8")))
	a.Write(rec("WARC/1.1", "response", "https://ldld.example.vn/x", httpCT, []byte("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nmissing")))
	a.Write(rec("WARC/1.1", "response", "https://ldld.example.vn/y", httpCT, []byte("HTTP/1.1 301 Moved\r\nLocation: /a\r\n\r\n")))
	a.Write(rec("WARC/1.1", "response", "dns:ldld.example.vn", "text/dns", []byte("20240512083000\nldld.example.vn. 300 IN A 10.0.0.1\n")))
	a.Write(rec("WARC/1.1", "revisit", "https://ldld.example.vn/a", httpCT, []byte("HTTP/1.1 200 OK\r\n\r\n")))
	// a record error: not HTTP inside
	a.Write(rec("WARC/1.1", "response", "https://ldld.example.vn/bad", httpCT, []byte("garbage\r\n\r\n")))
	// a record error: body over the limit
	a.Write(rec("WARC/1.1", "response", "https://ldld.example.vn/big", httpCT, []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+strings.Repeat("x", 5000))))
	// a resource record (a page stored without HTTP)
	a.Write(rec("WARC/1.1", "resource", "https://ldld.example.vn/r.html", "text/html", []byte(html)))
	// last record without its closing CRLFs
	last := rec("WARC/1.1", "response", "https://ldld.example.vn/c", httpCT, []byte("HTTP/1.0 200 OK\r\nContent-Type: application/xhtml+xml\r\n\r\n"+html))
	a.Write(bytes.TrimSuffix(last, []byte("\r\n\r\n")))

	date := time.Date(2024, 5, 12, 8, 30, 0, 123e6, time.UTC)
	docs, recErrs, end, st := readAll(t, a.Bytes(), Options{Name: "t.warc", Resources: true, MaxBody: 4096})
	if end != nil {
		t.Fatal(end)
	}
	var got []string
	for _, d := range docs {
		if !d.FetchedAt.Equal(date) || d.Site != "ldld.example.vn" || !strings.HasPrefix(d.Source, "t.warc#") {
			t.Errorf("provenance: %+v", d)
		}
		got = append(got, fmt.Sprintf("%s %d %s %q %s", d.URL, d.Status, d.ContentType, d.ETag, d.Raw))
	}
	want := []string{
		`https://LDLD.example.vn/a 200 text/html; charset=utf-8 "\"v1\"" ` + html,
		`https://ldld.example.vn/b 200 text/plain "" ` + html,
		`https://ldld.example.vn/r.html 0 text/html "" ` + html,
		`https://ldld.example.vn/c 200 application/xhtml+xml "" ` + html,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	if len(recErrs) != 2 || !strings.Contains(recErrs[0].Error(), "https://ldld.example.vn/bad") || !strings.Contains(recErrs[0].Error(), "not an HTTP response") ||
		!strings.Contains(recErrs[1].Error(), "over the 4096-byte limit") {
		t.Errorf("record errors: %v", recErrs)
	}
	if st != (Stats{Records: 12, Documents: 4, Skipped: 6, Failed: 2}) {
		t.Errorf("stats %+v", st)
	}

	// All keeps what the defaults skip (the image, the 404, the redirect).
	all, _, _, _ := readAll(t, a.Bytes(), Options{All: true, MaxBody: 4096})
	if len(all) != 6 {
		t.Errorf("All: %d documents", len(all))
	}
}

func TestFormatErrors(t *testing.T) {
	good := rec("WARC/1.0", "resource", "https://x.vn/", "text/html", []byte("<p>a</p>"))
	tests := []struct {
		name, data, want string
	}{
		{"not warc", "<html>", "record 0 at offset 0: expected a WARC/1.x version line"},
		{"bad length", "WARC/1.0\r\nContent-Length: -3\r\n\r\n", "record 0 at offset 0: bad Content-Length \"-3\""},
		{"no length", "WARC/1.0\r\nWARC-Type: resource\r\n\r\nabc", "bad Content-Length \"\""},
		{"header cut", "WARC/1.0\r\nWARC-Type: resou", "reading the header: truncated"},
		{"garbage after a record", string(good) + "junk\r\n", fmt.Sprintf("record 1 at offset %d: expected", len(good))},
		{"long line", "WARC/1.0\r\nX: " + strings.Repeat("a", maxLine) + "\r\n", "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, end, _ := readAll(t, []byte(tt.data), Options{Resources: true})
			if end == nil || !strings.Contains(end.Error(), tt.want) {
				t.Errorf("error %v, want %q", end, tt.want)
			}
		})
	}
}

func FuzzReader(f *testing.F) {
	f.Add(readFixture(f))
	f.Add(gunzip(f, readFixture(f)))
	f.Add(rec("WARC/1.1", "response", "https://x.vn/a", httpCT, []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")))
	f.Add(rec("WARC/1.1", "response", "https://x.vn/a", httpCT, append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"), gzipAll([]byte("<p>x</p>"))...)))
	f.Add(rec("WARC/1.1", "resource", "https://x.vn/r", "text/html", []byte("<p>x</p>")))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []Options{{MaxBody: 1 << 16}, {MaxBody: 1 << 16, Resources: true, All: true}} {
			r, err := NewReader(bytes.NewReader(data), opts)
			if err != nil {
				return
			}
			prev := int64(-1)
			for i := 0; ; i++ {
				if i > len(data)+10 {
					t.Fatal("reader does not end")
				}
				d, err := r.NextDocument()
				if err == io.EOF {
					break
				}
				var re *RecordError
				if errors.As(err, &re) {
					continue
				}
				if err != nil {
					if _, again := r.NextDocument(); again == nil || again == io.EOF {
						t.Fatalf("error %v not sticky: %v", err, again)
					}
					break
				}
				if int64(len(d.Raw)) > opts.MaxBody {
					t.Fatalf("body of %d bytes over the limit", len(d.Raw))
				}
				var off int64
				if _, err := fmt.Sscanf(d.Source[strings.LastIndexByte(d.Source, '#')+1:], "%d", &off); err != nil || off <= prev {
					t.Fatalf("source %q after offset %d", d.Source, prev)
				}
				prev = off
			}
		}
	})
}
