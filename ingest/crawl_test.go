package ingest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tinso/tinso/corpus/sqlite"
	"github.com/tinso/tinso/extract"
	"github.com/tinso/tinso/ingest"
	"github.com/tinso/tinso/ingest/fetch"
	"github.com/tinso/tinso/ingest/urlnorm"
)

// site is a small union news site: a home page, a category listing in
// pages of 5, articles (one reachable by two URLs, tracking parameter and
// canonical), and a section robots.txt forbids.
type site struct {
	articles int
	mu       sync.Mutex
	hits     map[string]int
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.RequestURI()]++
	s.mu.Unlock()
	page := func(title, body string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><nav><a href=\"/\">Trang chủ</a> <a href=\"/tin-tuc?page=1\">Tin tức</a> <a href=\"/noi-bo/x.html\">Nội bộ</a></nav>%s</body></html>", title, body)
	}
	switch {
	case r.URL.Path == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /noi-bo/\n")
	case r.URL.Path == "/":
		page("Công đoàn tỉnh", `<a href="/tin-tuc?page=1">Tin tức</a>`)
	case r.URL.Path == "/tin-tuc":
		var n int
		fmt.Sscan(r.URL.Query().Get("page"), &n)
		var b strings.Builder
		for i := (n-1)*5 + 1; i <= n*5 && i <= s.articles; i++ {
			fmt.Fprintf(&b, `<h3><a href="/bai/%d.html?utm_source=fb">Bài %d</a></h3>`, i, i)
		}
		if n*5 < s.articles {
			fmt.Fprintf(&b, `<a rel="next" href="/tin-tuc?page=%d">Trang sau</a>`, n+1)
		}
		page("Tin tức", b.String())
	case strings.HasPrefix(r.URL.Path, "/bai/"):
		var n int
		fmt.Sscanf(r.URL.Path, "/bai/%d.html", &n)
		if n < 1 || n > s.articles {
			http.NotFound(w, r)
			return
		}
		body := fmt.Sprintf(`<link rel="canonical" href="/bai/%d.html"><article><h1>Công đoàn huyện %d trao quà</h1>`, n, n)
		for k := 0; k < 4; k++ {
			body += fmt.Sprintf("<p>Năm 2023, Công đoàn huyện %d đã kết nạp %d đoàn viên mới, vận động %d,5 triệu đồng ủng hộ Quỹ Mái ấm Công đoàn, hỗ trợ xây dựng nhà cho đoàn viên có hoàn cảnh khó khăn trên địa bàn.</p>", n, 100+n+k, 20+k)
		}
		page(fmt.Sprintf("Bài %d", n), body+"</article>")
	default:
		http.NotFound(w, r)
	}
}

func TestCrawlSite(t *testing.T) {
	s := &site{articles: 12, hits: map[string]int{}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	data := filepath.Join(t.TempDir(), "data")
	var lastQueued, maxQueued int64 // the frontier's waiting URLs, as events report them
	crawl := func(maxPages int) ingest.Summary {
		st, err := sqlite.Open(context.Background(), data, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		f := fetch.New(fetch.Options{Rate: 200})
		defer f.Close()
		p := &ingest.Pipeline{Store: st, Extract: extractDoc, Version: extract.Version,
			OnEvent: func(e ingest.Event) { lastQueued, maxQueued = e.Queued, max(maxQueued, e.Queued) }}
		start, _ := urlnorm.Canonical(srv.URL + "/")
		sum, err := p.Crawl(context.Background(), ingest.CrawlOptions{Frontier: st, Fetcher: f, Name: start,
			Start: []string{start}, MaxDepth: 2, MaxPages: maxPages})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	// A first run stopped after 6 pages, then the rest: resumed, not
	// started over.
	first := crawl(6)
	if lastQueued == 0 {
		t.Error("a crawl stopped halfway reports nothing queued")
	}
	rest := crawl(0)
	if lastQueued != 0 || maxQueued == 0 {
		t.Errorf("queued: last event %d (want 0 at the end), at most %d", lastQueued, maxQueued)
	}
	if got := first.Counts.New + rest.Counts.New; got != 12 {
		t.Errorf("stored %d articles, want 12 (first %+v, rest %+v)", got, first.Counts, rest.Counts)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for path, n := range s.hits {
		if path != "/robots.txt" && n > 1 {
			t.Errorf("%s fetched %d times", path, n)
		}
	}
	if s.hits["/noi-bo/x.html"] > 0 {
		t.Error("a page robots.txt forbids was fetched")
	}
	for i := 1; i <= 12; i++ {
		if n := s.hits[fmt.Sprintf("/bai/%d.html", i)]; n != 1 {
			t.Errorf("article %d fetched %d times (tracking parameter dropped, once)", i, n)
		}
	}
}

// TestCrawlFetchesOnce: pages are handed to the workers while the ones in
// flight settle; none may be handed out again (a batch of queued URLs
// read before a page settled still lists it).
func TestCrawlFetchesOnce(t *testing.T) {
	s := &site{articles: 400, hits: map[string]int{}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	st, err := sqlite.Open(context.Background(), t.TempDir(), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	f := fetch.New(fetch.Options{Rate: 2000, HostConcurrency: 4})
	defer f.Close()
	p := &ingest.Pipeline{Store: st, Extract: extractDoc, Version: extract.Version, Workers: 4}
	start, _ := urlnorm.Canonical(srv.URL + "/")
	sum, err := p.Crawl(context.Background(), ingest.CrawlOptions{Frontier: st, Fetcher: f, Name: start,
		Start: []string{start}, MaxDepth: 3})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Counts.New != 400 {
		t.Errorf("stored %d articles, want 400", sum.Counts.New)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for path, n := range s.hits {
		if path != "/robots.txt" && n > 1 {
			t.Errorf("%s fetched %d times", path, n)
		}
	}
}
