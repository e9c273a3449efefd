package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tinso/tinso/corpus"
)

const article = `<!DOCTYPE html><html lang="vi"><head><title>Đại hội Công đoàn</title></head>
<body><p>Công đoàn cơ sở có 1.250 đoàn viên.</p></body></html>`

func TestGet(t *testing.T) {
	s := newSite(t, "")
	s.mux.HandleFunc("/bai-viet.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Sun, 12 May 2024 08:30:00 GMT")
		w.Write([]byte(article))
	})
	f := New(fast())
	defer f.Close()
	before := time.Now()
	res, err := f.Get(context.Background(), Request{URL: s.URL + "/bai-viet.html#binh-luan"})
	if err != nil {
		t.Fatal(err)
	}
	want := corpus.Document{
		Source: s.URL + "/bai-viet.html#binh-luan", URL: s.URL + "/bai-viet.html", Site: "127.0.0.1",
		Status: 200, ContentType: "text/html; charset=utf-8", ETag: `"v1"`,
		LastModified: "Sun, 12 May 2024 08:30:00 GMT", Raw: []byte(article),
	}
	if diff := cmp.Diff(want, res.Doc, cmpopts.IgnoreFields(corpus.Document{}, "FetchedAt")); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
	if res.Doc.FetchedAt.Before(before) || res.NotModified || res.Attempts != 1 {
		t.Errorf("result %+v", res)
	}
	h := s.hits("/bai-viet.html")[0].h
	if h.Get("User-Agent") != "tinso/0.1 (+mailto:lab@tinso.test)" || !strings.Contains(h.Get("Accept-Encoding"), "br") ||
		!strings.Contains(h.Get("Accept"), "text/html") || h.Get("If-None-Match") != "" {
		t.Errorf("request headers %v", h)
	}

	for _, bad := range []string{"ftp://x.vn/a", "khong-phai-url", "http://"} {
		_, err := f.Get(context.Background(), Request{URL: bad})
		var fe *Error
		if !errors.As(err, &fe) || fe.Stage != StageRequest || fe.Retryable {
			t.Errorf("Get(%q) = %v", bad, err)
		}
	}
}

func TestRetries(t *testing.T) {
	tests := []struct {
		name     string
		fail     func(t *testing.T, w http.ResponseWriter) // how the first failures answer
		failures int                                       // how many (-1: always)
		wantErr  bool
		status   int // of the error
		retry    bool
		attempts int
	}{
		{"503 burst then success", status(503), 3, false, 0, false, 4},
		{"500 always", status(500), -1, true, 500, true, 4},
		{"502 once", status(502), 1, false, 0, false, 2},
		{"429 without Retry-After", status(429), 2, false, 0, false, 3},
		{"connection reset", resetConn, 2, false, 0, false, 3},
		{"reset always", resetConn, -1, true, 0, true, 4},
		{"closed without answer", func(t *testing.T, w http.ResponseWriter) {
			c, _, _ := w.(http.Hijacker).Hijack()
			c.Close()
		}, 1, false, 0, false, 2},
		{"404 is final", status(404), -1, true, 404, false, 1},
		{"410 is final", status(410), -1, true, 410, false, 1},
		{"403 is final", status(403), -1, true, 403, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, "")
			var n atomic.Int32
			s.mux.HandleFunc("/p", func(w http.ResponseWriter, r *http.Request) {
				if k := int(n.Add(1)); tt.failures < 0 || k <= tt.failures {
					tt.fail(t, w)
					return
				}
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte(article))
			})
			opts := fast()
			var retries atomic.Int32
			opts.OnRetry = func(url string, attempt int, wait time.Duration, err error) { retries.Add(1) }
			f := New(opts)
			defer f.Close()
			res, err := f.Get(context.Background(), Request{URL: s.URL + "/p"})
			if got := len(s.hits("/p")); got != tt.attempts || res.Attempts != tt.attempts {
				t.Errorf("server saw %d requests, result says %d; want %d", got, res.Attempts, tt.attempts)
			}
			if int(retries.Load()) != tt.attempts-1 {
				t.Errorf("OnRetry called %d times", retries.Load())
			}
			if !tt.wantErr {
				if err != nil || string(res.Doc.Raw) != article {
					t.Fatalf("err %v", err)
				}
				return
			}
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("err %v is not an *Error", err)
			}
			if fe.Status != tt.status || fe.Retryable != tt.retry || fe.Attempts != tt.attempts ||
				!strings.Contains(err.Error(), s.URL+"/p") {
				t.Errorf("error %+v", fe)
			}
		})
	}
}

func status(code int) func(*testing.T, http.ResponseWriter) {
	return func(_ *testing.T, w http.ResponseWriter) { w.WriteHeader(code) }
}

func TestRetryAfter(t *testing.T) {
	s := newSite(t, "")
	var n atomic.Int32
	s.mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(429)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(article))
	})
	s.mux.HandleFunc("/later", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(503)
	})
	opts := fast()
	opts.MaxRetryAfter = 2 * time.Second
	f := New(opts)
	defer f.Close()
	if _, err := f.Get(context.Background(), Request{URL: s.URL + "/busy"}); err != nil {
		t.Fatal(err)
	}
	if hs := s.hits("/busy"); len(hs) != 2 || hs[1].at.Sub(hs[0].at) < 990*time.Millisecond {
		t.Errorf("Retry-After: 1 not honoured: %d hits, gap %v", len(hs), minGap(hs))
	}

	// A Retry-After over the cap ends the attempts at once, retryable,
	// with the server's wish.
	start := time.Now()
	_, err := f.Get(context.Background(), Request{URL: s.URL + "/later"})
	var fe *Error
	if !errors.As(err, &fe) || !fe.Retryable || fe.RetryAfter != time.Hour || fe.Attempts != 1 || time.Since(start) > time.Second ||
		!strings.Contains(err.Error(), "over the 2s cap") {
		t.Errorf("long Retry-After: %v (%+v)", err, fe)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 12, 8, 30, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"0", 0}, {"-5", 0}, {"120", 2 * time.Minute}, {" 7 ", 7 * time.Second},
		{"Sun, 12 May 2024 08:31:30 GMT", 90 * time.Second},
		{"Sunday, 12-May-24 08:30:10 GMT", 10 * time.Second},
		{"Sun, 12 May 2024 08:00:00 GMT", 0}, // past
		{"soon", 0}, {"1.5", 0},
		{"99999999999999999999", 0}, // does not parse as int64: ignored
		{"9999999999", (1 << 31) * time.Second},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	f := New(Options{BackoffBase: 100 * time.Millisecond, BackoffMax: time.Second})
	for attempt, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 5: time.Second, 100: time.Second} {
		for range 50 {
			if d := f.backoff(attempt); d < want/2 || d > want {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", attempt, d, want/2, want)
			}
		}
	}
}

func TestTimeouts(t *testing.T) {
	s := newSite(t, "")
	stall := func(w http.ResponseWriter, r *http.Request) {
		select { // a 30 s stall, cut short when the client gives up
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
	}
	s.mux.HandleFunc("/stall-headers", stall)
	s.mux.HandleFunc("/stall-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<p>nửa trang"))
		w.(http.Flusher).Flush()
		stall(w, r)
	})
	opts := fast()
	opts.HeaderTimeout = 100 * time.Millisecond
	opts.Timeout = 300 * time.Millisecond
	opts.MaxAttempts = 2
	f := New(opts)
	defer f.Close()

	for _, tt := range []struct {
		path  string
		stage Stage
	}{{"/stall-headers", StageResponse}, {"/stall-body", StageBody}} {
		start := time.Now()
		_, err := f.Get(context.Background(), Request{URL: s.URL + tt.path})
		var fe *Error
		if !errors.As(err, &fe) || fe.Stage != tt.stage || !fe.Retryable || !errors.Is(err, ErrTimeout) || fe.Attempts != 2 {
			t.Errorf("%s: %v (%+v)", tt.path, err, fe)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s took %v", tt.path, d)
		}
	}

	// Cancelling (Ctrl-C) ends a stalled fetch and a backoff at once.
	s.mux.HandleFunc("/retry-later", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "20")
		w.WriteHeader(503)
	})
	slow := fast()
	slow.MaxRetryAfter = time.Minute
	g := New(slow)
	defer g.Close()
	for _, path := range []string{"/stall-headers", "/retry-later"} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(150*time.Millisecond, cancel)
		start := time.Now()
		_, err := g.Get(ctx, Request{URL: s.URL + path})
		var fe *Error
		if !errors.Is(err, context.Canceled) || !errors.As(err, &fe) || fe.Retryable {
			t.Errorf("%s cancelled: %v", path, err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: cancel took %v", path, d)
		}
	}
}

func TestRedirects(t *testing.T) {
	s := newSite(t, "User-agent: *\nDisallow: /cam/\n")
	s.page("/dich.html", article)
	redirect := func(from, to string) {
		s.mux.HandleFunc(from, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusMovedPermanently) })
	}
	redirect("/r1", "/r2#x")
	redirect("/r2", "/dich.html")
	redirect("/a", "/b")
	redirect("/b", "/a")
	for i := range 15 {
		redirect(fmt.Sprintf("/n/%d", i), fmt.Sprintf("/n/%d", i+1))
	}
	redirect("/to-forbidden", "/cam/bai.html")
	redirect("/to-ftp", "ftp://127.0.0.1/x")
	s.mux.HandleFunc("/no-location", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(302) })
	s.page("/cam/bai.html", article)

	f := New(fast())
	defer f.Close()
	ctx := context.Background()
	res, err := f.Get(ctx, Request{URL: s.URL + "/r1"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Doc.URL != s.URL+"/dich.html" || res.Doc.Source != s.URL+"/r1" || res.Attempts != 3 ||
		!cmp.Equal(res.Redirects, []string{s.URL + "/r1", s.URL + "/r2"}) {
		t.Errorf("chain: %+v", res)
	}

	tests := []struct {
		path   string
		target error
		text   string
	}{
		{"/a", ErrRedirectLoop, "redirect loop: " + s.URL + "/a -> " + s.URL + "/b -> " + s.URL + "/a"},
		{"/n/0", ErrTooManyRedirects, "more than 10 redirects"},
		{"/to-forbidden", ErrDisallowed, "/cam/bai.html: robots: disallowed"},
		{"/to-ftp", nil, "bad Location"},
		{"/no-location", ErrStatus, "without a Location"},
	}
	for _, tt := range tests {
		_, err := f.Get(ctx, Request{URL: s.URL + tt.path})
		var fe *Error
		if !errors.As(err, &fe) || fe.Retryable || (tt.target != nil && !errors.Is(err, tt.target)) || !strings.Contains(err.Error(), tt.text) {
			t.Errorf("%s: %v", tt.path, err)
		}
	}
	if len(s.hits("/cam/")) != 0 {
		t.Error("a redirect led to a disallowed page being fetched")
	}
	if n := len(s.hits("/n/")); n != 11 {
		t.Errorf("too many redirects: %d requests, want 11", n)
	}
}

// countingWriter counts what a handler managed to send before the client
// hung up.
func streamZeros(w http.ResponseWriter, total int64, sent *atomic.Int64) {
	buf := make([]byte, 64<<10)
	for sent.Load() < total {
		n, err := w.Write(buf)
		sent.Add(int64(n))
		if err != nil {
			return
		}
	}
}

func gzipBytes(t *testing.T, n int64) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	io.CopyN(w, zeros{}, n)
	w.Close()
	return b.Bytes()
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestBodyLimits(t *testing.T) {
	s := newSite(t, "")
	const hundredMB = 100 << 20
	var sent, sentDeclared atomic.Int64
	s.mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		streamZeros(w, hundredMB, &sent) // chunked: no length announced
	})
	s.mux.HandleFunc("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(hundredMB))
		streamZeros(w, hundredMB, &sentDeclared)
	})
	bomb := gzipBytes(t, hundredMB) // about 100 KB on the wire
	s.mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	s.mux.HandleFunc("/bad-gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write([]byte("this is not gzip at all"))
	})
	f := New(fast()) // the default 64 MiB limits
	defer f.Close()
	ctx := context.Background()

	tests := []struct {
		path  string
		stage Stage
		text  string
	}{
		{"/huge", StageBody, "body over the 67108864-byte limit; stopped reading"},
		{"/huge-declared", StageBody, "Content-Length 104857600 is over the 67108864-byte limit"},
		{"/bomb", StageDecode, "gzip body unpacks to more than 67108864 bytes (a compression bomb?)"},
		{"/bad-gzip", StageDecode, "content-encoding gzip: gzip: invalid header"},
	}
	for _, tt := range tests {
		_, err := f.Get(ctx, Request{URL: s.URL + tt.path})
		var fe *Error
		if !errors.As(err, &fe) || fe.Stage != tt.stage || fe.Retryable || !strings.Contains(err.Error(), tt.text) {
			t.Errorf("%s: %v", tt.path, err)
		}
		if tt.path != "/bad-gzip" && !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: %v is not ErrTooLarge", tt.path, err)
		}
	}
	// The server could not send the whole 100 MB: the client stopped.
	time.Sleep(50 * time.Millisecond)
	if n := sent.Load(); n >= hundredMB {
		t.Errorf("the whole body was read: %d bytes sent", n)
	}
	if n := sentDeclared.Load(); n > 16<<20 {
		t.Errorf("a body announced too large was read: %d bytes sent", n)
	}
}

func TestContentEncodings(t *testing.T) {
	var gz, zl, raw, br bytes.Buffer
	gw := gzip.NewWriter(&gz)
	gw.Write([]byte(article))
	gw.Close()
	zw := zlib.NewWriter(&zl)
	zw.Write([]byte(article))
	zw.Close()
	fw, _ := flate.NewWriter(&raw, 5)
	fw.Write([]byte(article))
	fw.Close()
	bw := brotli.NewWriter(&br)
	bw.Write([]byte(article))
	bw.Close()
	var brBomb bytes.Buffer
	bb := brotli.NewWriterLevel(&brBomb, 5)
	io.CopyN(bb, zeros{}, 4<<20)
	bb.Close()

	s := newSite(t, "")
	serve := func(path, enc string, b []byte) {
		s.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", enc)
			w.Write(b)
		})
	}
	serve("/gzip", "gzip", gz.Bytes())
	serve("/zlib", "deflate", zl.Bytes())
	serve("/raw-deflate", "deflate", raw.Bytes())
	serve("/br", "br", br.Bytes())
	serve("/br-bomb", "br", brBomb.Bytes())
	serve("/zstd", "zstd", []byte("x"))
	opts := fast()
	opts.MaxDecoded = 1 << 20
	f := New(opts)
	defer f.Close()
	for _, p := range []string{"/gzip", "/zlib", "/raw-deflate", "/br"} {
		res, err := f.Get(context.Background(), Request{URL: s.URL + p})
		if err != nil || string(res.Doc.Raw) != article {
			t.Errorf("%s: %q %v", p, res.Doc.Raw, err)
		}
	}
	for p, want := range map[string]string{"/br-bomb": "br body unpacks to more than 1048576 bytes", "/zstd": `unsupported content-encoding "zstd"`} {
		_, err := f.Get(context.Background(), Request{URL: s.URL + p})
		var fe *Error
		if !errors.As(err, &fe) || fe.Stage != StageDecode || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	s := newSite(t, "")
	const lm = "Sun, 12 May 2024 08:30:00 GMT"
	s.mux.HandleFunc("/bai", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v2"`)
		if r.Header.Get("If-None-Match") == `"v2"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(article))
	})
	s.mux.HandleFunc("/cu", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-Modified-Since") == lm {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Last-Modified", lm)
		w.Write([]byte(article))
	})
	f := New(fast())
	defer f.Close()
	ctx := context.Background()

	res, err := f.Get(ctx, Request{URL: s.URL + "/bai", ETag: `"v2"`})
	if err != nil || !res.NotModified || res.Doc.Status != 304 || res.Doc.Raw != nil || res.Doc.ETag != `"v2"` {
		t.Errorf("ETag 304: %+v %v", res, err)
	}
	res, err = f.Get(ctx, Request{URL: s.URL + "/bai", ETag: `"v1"`})
	if err != nil || res.NotModified || res.Doc.ETag != `"v2"` || string(res.Doc.Raw) != article {
		t.Errorf("changed page: %+v %v", res, err)
	}
	res, err = f.Get(ctx, Request{URL: s.URL + "/cu", LastModified: lm})
	if err != nil || !res.NotModified || res.Doc.LastModified != lm {
		t.Errorf("Last-Modified 304: %+v %v", res, err)
	}
	if h := s.hits("/cu")[0].h; h.Get("If-Modified-Since") != lm || h.Get("If-None-Match") != "" {
		t.Errorf("validators sent: %v", h)
	}
}

func TestContentTypes(t *testing.T) {
	s := newSite(t, "")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	serve := func(path, ct string, b []byte) {
		s.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			if ct == "" {
				w.Header()["Content-Type"] = nil // no sniffing by the server
			} else {
				w.Header().Set("Content-Type", ct)
			}
			w.Write(b)
		})
	}
	serve("/html", "text/html; charset=windows-1258", []byte(article))
	serve("/xhtml", "application/xhtml+xml", []byte(article))
	serve("/txt", "text/plain; charset=utf-8", []byte("Công đoàn"))
	serve("/png", "image/png", png)
	serve("/pdf", "application/pdf", []byte("%PDF-1.4"))
	serve("/xml", "application/xml", []byte("<urlset/>"))
	serve("/gz", "application/x-gzip", []byte("\x1f\x8b"))
	serve("/octet", "application/octet-stream", []byte("\x1f\x8b"))
	serve("/none-html", "", []byte(article))
	serve("/none-png", "", png)
	serve("/broken-ct", "text/html; charset", []byte(article))

	tests := []struct {
		path   string
		accept Accept
		ok     bool
	}{
		{"/html", 0, true}, {"/xhtml", 0, true}, {"/txt", 0, true}, {"/broken-ct", 0, true},
		{"/png", 0, false}, {"/pdf", 0, false}, {"/xml", 0, false}, {"/gz", 0, false},
		{"/none-html", 0, true}, {"/none-png", 0, false},
		{"/xml", AcceptXML, true}, {"/gz", AcceptXML, true}, {"/octet", AcceptXML, true},
		{"/html", AcceptXML, false}, {"/txt", AcceptXML | AcceptText, true},
	}
	f := New(fast())
	defer f.Close()
	for _, tt := range tests {
		_, err := f.Get(context.Background(), Request{URL: s.URL + tt.path, Accept: tt.accept})
		if tt.ok {
			if err != nil {
				t.Errorf("%s accept %v: %v", tt.path, tt.accept, err)
			}
			continue
		}
		var fe *Error
		if !errors.As(err, &fe) || fe.Stage != StageContentType || fe.Retryable || !errors.Is(err, ErrContentType) || !strings.Contains(err.Error(), "is not kept") && !strings.Contains(err.Error(), "looks like") {
			t.Errorf("%s accept %v: %v", tt.path, tt.accept, err)
		}
	}
}
