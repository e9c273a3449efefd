package fetch

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/temoto/robotstxt"
)

func TestParseRobots(t *testing.T) {
	const max = time.Minute
	tests := []struct {
		name    string
		status  int
		body    string
		allowed map[string]bool
		delay   time.Duration
	}{
		{"tinso group wins over *", 200,
			"User-agent: *\nDisallow: /\n\nUser-agent: tinso\nDisallow: /tin-tuc/cu/\nCrawl-delay: 2\n",
			map[string]bool{"/tin-tuc/moi.html": true, "/tin-tuc/cu/1.html": false, "/robots.txt": true}, 2 * time.Second},
		{"empty Disallow ends a group", 200,
			"User-agent: tinso\nDisallow:\n\nUser-agent: *\nDisallow: /\n",
			map[string]bool{"/": true, "/a": true}, 0},
		{"rules before User-agent and bad delays dropped", 200,
			"Disallow: /a\nCrawl-delay: 5\nUser-agent: *\nCrawl-delay: soon\nCrawl-delay: NaN\nDisallow: /b # comment\n",
			map[string]bool{"/a": true, "/b": false, "/b/c": false}, 0},
		{"crawl delay capped, CRLF, BOM", 200,
			"\ufeffUser-agent: *\r\nCrawl-delay: 86400\r\nDisallow: /private\r\n",
			map[string]bool{"/private/x": false, "/public": true}, max},
		{"wildcards and $", 200,
			"User-agent: *\nDisallow: /*.php$\nDisallow: /*?sessionid=\nAllow: /tim-kiem/$\nDisallow: /tim-kiem/\n",
			map[string]bool{"/index.php": false, "/index.php?a=1": true, "/a?sessionid=1": false, "/tim-kiem/": true, "/tim-kiem/x": false}, 0},
		{"non-ASCII paths compare escaped", 200,
			"User-agent: *\nDisallow: /tin-tức/\n",
			map[string]bool{"/tin-t%E1%BB%A9c/a": false, "/tin-t%e1%bb%a9c/a": false, "/tin-tuc/a": true}, 0},
		{"fractional delay", 200, "User-agent: *\nCrawl-delay: 0.5\n", map[string]bool{"/": true}, 500 * time.Millisecond},
		{"garbage is no rules", 200, "<html><body>Trang chủ</body></html>", map[string]bool{"/": true}, 0},
		{"404: allow all", 404, "", map[string]bool{"/": true, "/admin": true}, 0},
		{"403: allow all", 403, "", map[string]bool{"/x": true}, 0},
		{"503: disallow all", 503, "", map[string]bool{"/": false, "/robots.txt": false}, 0},
		{"429: disallow all", 429, "", map[string]bool{"/": false}, 0},
		{"500: disallow all", 500, "User-agent: *\nAllow: /\n", map[string]bool{"/": false}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ParseRobots(tt.status, []byte(tt.body), "tinso", max)
			for p, want := range tt.allowed {
				if got := r.Allowed(p); got != want {
					t.Errorf("Allowed(%q) = %v, want %v", p, got, want)
				}
			}
			if r.CrawlDelay() != tt.delay {
				t.Errorf("CrawlDelay = %v, want %v", r.CrawlDelay(), tt.delay)
			}
			if (tt.status >= 500 || tt.status == 429) != (r.Unavailable() != "") {
				t.Errorf("Unavailable = %q", r.Unavailable())
			}
		})
	}
	r := ParseRobots(200, []byte("Sitemap: https://x.vn/sitemap.xml\nUser-agent: *\nDisallow:\nSitemap: https://x.vn/tin.xml.gz\n"), "tinso", max)
	if got := strings.Join(r.Sitemaps(), " "); got != "https://x.vn/sitemap.xml https://x.vn/tin.xml.gz" {
		t.Errorf("Sitemaps = %s", got)
	}
	// Only the first 500 KiB are read.
	long := "User-agent: *\n" + strings.Repeat("Allow: /a\n", 60000) + "Disallow: /late\n"
	if r := ParseRobots(200, []byte(long), "tinso", max); !r.Allowed("/late") {
		t.Error("rules past 500 KiB applied")
	}
}

// TestRobotsObeyed checks from the server's log that a disallowed page is
// never requested, that robots.txt is fetched once for many pages, and that
// Crawl-delay spaces the requests even when the rate option is faster.
func TestRobotsObeyed(t *testing.T) {
	s := newSite(t, "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.2\n")
	for _, p := range []string{"/a", "/b", "/c", "/d", "/private/x"} {
		s.page(p, article)
	}
	opts := fast() // Rate 1000/s: Crawl-delay must win
	f := New(opts)
	defer f.Close()
	ctx := context.Background()

	var wg sync.WaitGroup
	for _, p := range []string{"/a", "/b", "/c", "/d"} {
		wg.Go(func() {
			if _, err := f.Get(ctx, Request{URL: s.URL + p}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	_, err := f.Get(ctx, Request{URL: s.URL + "/private/x"})
	var fe *Error
	if !errors.As(err, &fe) || fe.Stage != StageRobots || fe.Retryable || !errors.Is(err, ErrDisallowed) {
		t.Errorf("disallowed page: %v", err)
	}
	if ok, err := f.Allowed(ctx, s.URL+"/private/y"); ok || err != nil {
		t.Errorf("Allowed(/private/y) = %v, %v", ok, err)
	}
	if len(s.hits("/private")) != 0 {
		t.Error("a disallowed page was requested")
	}
	if n := len(s.hits("/robots.txt")); n != 1 {
		t.Errorf("robots.txt fetched %d times", n)
	}
	// robots.txt counts as a request: the spacing holds from it on.
	all := s.hits("/")
	if len(all) != 5 {
		t.Fatalf("%d requests", len(all))
	}
	if g := minGap(all); g < 190*time.Millisecond {
		t.Errorf("Crawl-delay 0.2 not obeyed: requests %v apart", g)
	}
}

func TestRobotsUnavailable(t *testing.T) {
	var status atomic.Int32
	status.Store(503)
	s := newSite(t, "")
	s.onRobots(func(w http.ResponseWriter, r *http.Request) {
		if c := int(status.Load()); c != 200 {
			w.WriteHeader(c)
			return
		}
		w.Write([]byte("User-agent: *\nDisallow: /cam\n"))
	})
	s.page("/a", article)
	opts := fast()
	opts.MaxAttempts = 2
	opts.RobotsErrorTTL = 200 * time.Millisecond
	f := New(opts)
	defer f.Close()
	ctx := context.Background()

	_, err := f.Get(ctx, Request{URL: s.URL + "/a"})
	var fe *Error
	if !errors.As(err, &fe) || fe.Stage != StageRobots || !fe.Retryable || !errors.Is(err, ErrRobotsUnavailable) ||
		!strings.Contains(err.Error(), "robots.txt answered HTTP 503") {
		t.Fatalf("robots 503: %v", err)
	}
	if len(s.hits("/a")) != 0 || len(s.hits("/robots.txt")) != 2 {
		t.Errorf("hits: %d pages, %d robots (want 0, 2: one retry)", len(s.hits("/a")), len(s.hits("/robots.txt")))
	}
	// Cached for RobotsErrorTTL: no new robots request.
	f.Get(ctx, Request{URL: s.URL + "/a"})
	if n := len(s.hits("/robots.txt")); n != 2 {
		t.Errorf("robots.txt refetched within the TTL: %d", n)
	}
	// Once the TTL has passed and robots.txt is back, the site opens.
	status.Store(200)
	time.Sleep(250 * time.Millisecond)
	if _, err := f.Get(ctx, Request{URL: s.URL + "/a"}); err != nil {
		t.Errorf("after recovery: %v", err)
	}
	if ok, _ := f.Allowed(ctx, s.URL+"/cam/1"); ok {
		t.Error("recovered rules not applied")
	}

	// Status by status.
	for code, allowed := range map[int]bool{404: true, 401: true, 410: true, 500: false, 429: false} {
		s := newSite(t, "")
		s.onRobots(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(code) })
		f := New(opts)
		ok, err := f.Allowed(ctx, s.URL+"/a")
		if ok != allowed || err != nil {
			t.Errorf("robots %d: Allowed = %v, %v", code, ok, err)
		}
		f.Close()
	}

	// A robots.txt that redirects is followed; one that hangs is unreachable.
	r := newSite(t, "")
	r.onRobots(func(w http.ResponseWriter, req *http.Request) { http.Redirect(w, req, "/real-robots.txt", 301) })
	r.mux.HandleFunc("/real-robots.txt", func(w http.ResponseWriter, req *http.Request) { w.Write([]byte("User-agent: *\nDisallow: /x\n")) })
	r.mux.HandleFunc("/hang/", func(w http.ResponseWriter, req *http.Request) {})
	g := New(opts)
	defer g.Close()
	if ok, _ := g.Allowed(ctx, r.URL+"/x/1"); ok {
		t.Error("redirected robots.txt not followed")
	}
	h := newSite(t, "")
	h.onRobots(func(w http.ResponseWriter, req *http.Request) { <-req.Context().Done() })
	hopts := fast()
	hopts.HeaderTimeout = 50 * time.Millisecond
	hopts.MaxAttempts = 1
	hf := New(hopts)
	defer hf.Close()
	_, err = hf.Get(ctx, Request{URL: h.URL + "/a"})
	if !errors.Is(err, ErrRobotsUnavailable) || !strings.Contains(err.Error(), "robots.txt unreachable") {
		t.Errorf("hanging robots.txt: %v", err)
	}
}

// FuzzRobots feeds arbitrary robots.txt bytes and statuses to the policy:
// it must never panic, the sanitised text must always parse, the delay must
// stay within its cap, and without any Disallow line everything is allowed.
func FuzzRobots(f *testing.F) {
	f.Add(200, []byte("User-agent: *\nDisallow: /private\nCrawl-delay: 2\n"))
	f.Add(200, []byte("User-agent: tinso\nDisallow:\n\nUser-agent: *\nDisallow: /\nSitemap: https://x.vn/s.xml\n"))
	f.Add(200, []byte("Disallow: /a\nCrawl-delay: 1e400\nUser-agent: *\nDisallow: /*.php$\nAllow: /tin-tức/\n"))
	f.Add(503, []byte(""))
	f.Add(404, []byte("x"))
	f.Add(200, []byte("\ufeffUSER-AGENT : * \r\nCRAWL-DELAY:-1\rDisallow:\t/a b\v\n"))
	const max = 30 * time.Second
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		r := ParseRobots(status, body, "tinso", max)
		if d := r.CrawlDelay(); d < 0 || d > max {
			t.Fatalf("delay %v", d)
		}
		if status >= 200 && status < 300 {
			clean, _ := sanitizeRobots(body, max)
			if _, err := robotstxt.FromBytes(clean); err != nil {
				t.Fatalf("sanitised robots.txt does not parse: %v\n%q", err, clean)
			}
			if r.Unavailable() != "" {
				t.Fatalf("2xx robots unavailable: %s", r.Unavailable())
			}
		}
		paths := []string{"/", "/a", "/tin-tuc/bai-1.html?page=2", "/index.php", string(body[:min(len(body), 20)])}
		for _, p := range paths {
			got := r.Allowed(p)
			if got != r.Allowed(p) {
				t.Fatal("Allowed is not deterministic")
			}
			if status >= 200 && status < 300 && !strings.Contains(strings.ToLower(string(body)), "disallow") && !got {
				t.Fatalf("%q disallowed without any Disallow line", p)
			}
		}
		if !r.Allowed("/robots.txt") && r.Unavailable() == "" {
			t.Fatal("robots.txt itself disallowed")
		}
	})
}
