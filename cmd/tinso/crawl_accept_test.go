package main

// Acceptance tests of issue 6 (crawling): a generated union site of 2,000
// pages with injected faults, crawled by the tinso binary; the same crawl
// killed halfway and resumed; and the wget WARC fixture, whole and
// truncated. Everything network is a server on 127.0.0.1 started here.

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tinso/tinso/corpus"
	_ "github.com/tinso/tinso/corpus/sqlite" // the "sqlite" database/sql driver
	"github.com/tinso/tinso/extract"
)

// The generated site. Articles 1..listedArticles are listed in four
// categories, perPage to a listing page; the rest are reachable only from
// the sitemap. Crawl-delay (20 ms) is larger than 1/--rate (5 ms), so the
// robots.txt spacing is the one that must hold. The server logs the
// kernel's receive time of each request; jitter is what it may see less
// than the spacing when the crawler is descheduled between taking its
// turn and writing the request.
const (
	totalArticles  = 1800
	listedArticles = 1760
	perPage        = 20
	crawlDelay     = 20 * time.Millisecond
	jitter         = 3 * time.Millisecond
	crawlRate      = "200"
	crawlTimeout   = "2s"
	crawlWorkers   = 2
	contact        = "mailto:cong-nghe@tinso.test"
)

var categories = []string{"tin-tuc", "hoat-dong-cong-doan", "chinh-sach", "tu-van-phap-luat"}

// Article faults, by article number: transient ones (the article is stored
// after retries), a wrong charset header (stored, decoded right), and one
// article whose server is down for good (a recorded failure).
const (
	faultCharset = "charset"  // UTF-8 body sent as charset=iso-8859-1
	fault503     = "503"      // one 503, then the page
	fault500x2   = "500x2"    // two 500s, then the page
	fault429     = "429"      // one 429 with Retry-After: 1, then the page
	faultReset   = "reset"    // the first connection reset, then the page
	faultDown    = "down"     // 503 for ever
	faultAlias   = "alias"    // also linked as ?from=home, with rel=canonical
	faultTrack   = "tracking" // also linked with utm_/fbclid parameters and a fragment
	faultMoved   = "moved"    // also linked by an old URL that redirects (301) to it
)

func articleFaults() map[int]string {
	f := map[int]string{}
	assign := func(kind string, count, start, step int) {
		for id, n := start, 0; n < count; id += step {
			if id > listedArticles {
				id = id%listedArticles + 1
			}
			if f[id] == "" {
				f[id] = kind
				n++
			}
		}
	}
	assign(faultDown, 1, 999, 1)
	assign(fault500x2, 4, 77, 450)
	assign(fault429, 6, 29, 300)
	assign(fault503, 12, 13, 150)
	assign(faultReset, 10, 53, 180)
	assign(faultCharset, 40, 7, 45)
	assign(faultMoved, 5, 111, 350)
	assign(faultAlias, 20, 3, 88)
	assign(faultTrack, 60, 21, 30)
	return f
}

// Permanent faults at URLs of their own, each a recorded failure.
var specialFaults = []string{
	"/loi/treo.html",     // stalls 30 s (every time)
	"/loi/vong-a.html",   // a → b → a
	"/loi/vong-c.html",   // redirects to itself
	"/loi/chuyen/0.html", // redirects to chuyen/1, which redirects to chuyen/2, ...
	"/loi/lon.html",      // 100 MB, chunked (no Content-Length)
	"/loi/lon-cl.html",   // 100 MB with Content-Length
	"/loi/bom.html",      // gzip bomb
	"/loi/bom-2.html",    // gzip bomb
}

const brokenLinks = 15 // /bai/9001.html.. : 404

// request is one line of the server's log.
type request struct {
	at      time.Time // when it reached the server (the kernel's stamp)
	handled time.Time // when its handler started
	uri     string
	agent   string
	status  int
}

// unionSite is the test site: handlers, fault state and the server's own
// log. Pages are byte-identical from one instance to the next (links are
// relative), so two crawls of two instances store the same hashes.
type unionSite struct {
	faults map[int]string
	bomb   []byte

	mu   sync.Mutex
	log  []request
	hits map[string]int // by path: fault state
}

func newUnionSite(bomb []byte) *unionSite {
	return &unionSite{faults: articleFaults(), bomb: bomb, hits: map[string]int{}}
}

func (s *unionSite) requests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

func (s *unionSite) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.log)
}

// statusWriter remembers the status for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = 200
	}
	return w.ResponseWriter.Write(b)
}

func (s *unionSite) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	at := time.Now()
	handled := at
	if c, ok := r.Context().Value(connKey{}).(net.Conn); ok {
		if t, ok := arrival(c); ok {
			at = t
		}
	}
	s.mu.Lock()
	s.hits[r.URL.Path]++
	n := s.hits[r.URL.Path]
	i := len(s.log)
	s.log = append(s.log, request{at: at, handled: handled, uri: r.URL.RequestURI(), agent: r.UserAgent()})
	s.mu.Unlock()
	w := &statusWriter{ResponseWriter: rw}
	defer func() {
		s.mu.Lock()
		s.log[i].status = w.status
		s.mu.Unlock()
	}()
	s.serve(w, r, n)
}

func (s *unionSite) serve(w *statusWriter, r *http.Request, hit int) {
	p := r.URL.Path
	html := func(body string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
	}
	switch {
	case p == "/robots.txt":
		if hit == 1 {
			http.Error(w, "quá tải", http.StatusServiceUnavailable) // retried
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "# robots.txt của Liên đoàn Lao động tỉnh\nUser-agent: *\nDisallow: /noi-bo/\nDisallow: /*?print=\nCrawl-delay: %g\n\nUser-agent: BadBot\nDisallow: /\n\nSitemap: /sitemap.xml\n", crawlDelay.Seconds())
	case p == "/":
		html(homePage())
	case p == "/sitemap.xml":
		w.Header().Set("Content-Type", "application/xml")
		base := "http://" + r.Host
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>%[1]s/sitemap-bai-1.xml</loc><lastmod>2023-12-01</lastmod></sitemap>
<sitemap><loc>%[1]s/sitemap-bai-2.xml.gz</loc></sitemap>
<sitemap><loc>%[1]s/sitemap-cu.xml</loc></sitemap>
</sitemapindex>`, base)
	case p == "/sitemap-bai-1.xml":
		w.Header().Set("Content-Type", "application/xml")
		io.WriteString(w, urlset("http://"+r.Host, 1601, 1700, nil))
	case p == "/sitemap-bai-2.xml.gz":
		extra := []string{"/noi-bo/bi-mat.html", "/bai/1750.html?utm_source=sitemap&amp;utm_medium=xml"}
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		io.WriteString(zw, urlset("http://"+r.Host, 1701, totalArticles, extra))
		zw.Close()
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(b.Bytes())
	case strings.HasPrefix(p, "/chuyen-muc/"):
		var page int
		fmt.Sscan(r.URL.Query().Get("page"), &page)
		cat := slices.Index(categories, strings.TrimPrefix(p, "/chuyen-muc/"))
		if cat < 0 || page < 1 || page > pagesPerCategory() {
			http.NotFound(w, r)
			return
		}
		html(s.listingPage(cat, page, "http://"+r.Host))
	case strings.HasPrefix(p, "/bai/"):
		var id int
		if _, err := fmt.Sscanf(p, "/bai/%d.html", &id); err != nil || id < 1 || id > totalArticles {
			http.NotFound(w, r)
			return
		}
		switch s.faults[id] {
		case faultDown:
			http.Error(w, "máy chủ bảo trì", http.StatusServiceUnavailable)
			return
		case fault503:
			if hit <= 1 {
				http.Error(w, "quá tải", http.StatusServiceUnavailable)
				return
			}
		case fault500x2:
			if hit <= 2 {
				http.Error(w, "lỗi máy chủ", http.StatusInternalServerError)
				return
			}
		case fault429:
			if hit <= 1 {
				w.Header().Set("Retry-After", "1")
				http.Error(w, "chậm lại", http.StatusTooManyRequests)
				return
			}
		case faultReset:
			if hit <= 1 {
				resetConn(w)
				return
			}
		case faultCharset:
			w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
			io.WriteString(w, articlePage(id))
			return
		}
		html(articlePage(id))
	case strings.HasPrefix(p, "/tin-cu/"):
		var id int
		fmt.Sscanf(p, "/tin-cu/%d.html", &id)
		http.Redirect(w, r, fmt.Sprintf("/bai/%d.html", id), http.StatusMovedPermanently)
	case strings.HasPrefix(p, "/noi-bo/"):
		html(page("Tài liệu nội bộ", "<article><h1>Tài liệu nội bộ</h1><p>Không được thu thập.</p></article>"))
	case p == "/tim-kiem":
		html(page("Tìm kiếm", "<p>Kết quả tìm kiếm</p>"))
	case p == "/loi/treo.html":
		select {
		case <-time.After(30 * time.Second):
			html(articlePage(1))
		case <-r.Context().Done():
		}
	case p == "/loi/vong-a.html":
		http.Redirect(w, r, "/loi/vong-b.html", http.StatusFound)
	case p == "/loi/vong-b.html":
		http.Redirect(w, r, "/loi/vong-a.html", http.StatusFound)
	case p == "/loi/vong-c.html":
		http.Redirect(w, r, "/loi/vong-c.html", http.StatusMovedPermanently)
	case strings.HasPrefix(p, "/loi/chuyen/"):
		var k int
		fmt.Sscanf(p, "/loi/chuyen/%d.html", &k)
		http.Redirect(w, r, fmt.Sprintf("/loi/chuyen/%d.html", k+1), http.StatusFound)
	case p == "/loi/lon.html", p == "/loi/lon-cl.html":
		const size = 100 << 20
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if p == "/loi/lon-cl.html" {
			w.Header().Set("Content-Length", fmt.Sprint(size))
		}
		chunk := bytes.Repeat([]byte("<p>Công đoàn cơ sở </p>\n"), 1<<10)
		for sent := 0; sent < size; {
			k := min(len(chunk), size-sent)
			if _, err := w.Write(chunk[:k]); err != nil {
				return // the client stopped reading: streamed, never held
			}
			sent += k
		}
	case p == "/loi/bom.html", p == "/loi/bom-2.html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(s.bomb)
	default:
		http.NotFound(w, r)
	}
}

// connKey holds a request's connection in its context.
type connKey struct{}

// startSite serves s on 127.0.0.1, stamping requests with their arrival.
func startSite(t *testing.T, s *unionSite) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(s)
	srv.Listener = kernelStamps(srv.Listener)
	srv.Config.ConnContext = func(ctx context.Context, c net.Conn) context.Context {
		return context.WithValue(ctx, connKey{}, c)
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// resetConn closes the connection with a TCP RST, before any answer.
func resetConn(w http.ResponseWriter) {
	hj, ok := w.(*statusWriter).ResponseWriter.(http.Hijacker)
	if !ok {
		panic("no hijacker")
	}
	c, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tc, ok := c.(interface{ SetLinger(int) error }); ok {
		tc.SetLinger(0)
	}
	c.Close()
}

// gzipBomb is 128 MiB of spaces in about 128 KB of gzip.
func gzipBomb() []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	io.WriteString(zw, "<html><body>")
	block := bytes.Repeat([]byte(" "), 1<<20)
	for range 128 {
		zw.Write(block)
	}
	zw.Close()
	return b.Bytes()
}

func articleID(path string) int {
	var id int
	fmt.Sscanf(path, "/bai/%d.html", &id)
	return id
}

func pagesPerCategory() int { return (listedArticles/len(categories) + perPage - 1) / perPage }

func urlset(base string, from, to int, extra []string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for id := from; id <= to; id++ {
		fmt.Fprintf(&b, "<url><loc>%s/bai/%d.html</loc><lastmod>2023-%02d-%02d</lastmod></url>\n", base, id, id%12+1, id%28+1)
	}
	for _, e := range extra {
		fmt.Fprintf(&b, "<url><loc>%s%s</loc></url>\n", base, e)
	}
	b.WriteString("</urlset>\n")
	return b.String()
}

const navBar = `<header><a href="/">Trang chủ</a> <a href="/chuyen-muc/tin-tuc?page=1">Tin tức</a> <a href="/chuyen-muc/hoat-dong-cong-doan?page=1">Hoạt động công đoàn</a> <a href="/chuyen-muc/chinh-sach?page=1">Chính sách</a> <a href="/chuyen-muc/tu-van-phap-luat?page=1">Tư vấn pháp luật</a> <a href="/noi-bo/">Nội bộ</a> <a href="/tim-kiem?q=c%C3%B4ng+%C4%91o%C3%A0n">Tìm kiếm</a></header>`

func page(title, body string) string {
	return `<!DOCTYPE html><html lang="vi"><head><meta name="viewport" content="width=device-width"><title>` + title +
		` - Liên đoàn Lao động tỉnh</title></head><body>` + navBar + body +
		`<footer>Bản quyền thuộc Liên đoàn Lao động tỉnh. Đường dây nóng 1900 0000.</footer></body></html>`
}

func homePage() string {
	var b strings.Builder
	b.WriteString(`<h2>Tin nổi bật</h2><ul>`)
	for id := 1; id <= 12; id++ {
		fmt.Fprintf(&b, `<li><a href="/bai/%d.html">%s</a></li>`, id, articleTitle(id))
	}
	f := articleFaults()
	for id := 1; id <= listedArticles; id++ {
		if f[id] == faultAlias {
			fmt.Fprintf(&b, `<li><a href="/bai/%d.html?from=home">%s</a></li>`, id, articleTitle(id))
		}
	}
	b.WriteString(`</ul><h2>Văn bản</h2><ul>`)
	for k := 1; k <= 20; k++ {
		fmt.Fprintf(&b, `<li><a href="/noi-bo/van-ban-%d.html">Văn bản nội bộ số %d</a></li>`, k, k)
	}
	b.WriteString(`</ul>`)
	return page("Trang chủ", b.String())
}

// listingPage is page n of category cat: perPage article links, some with
// tracking parameters or through old URLs, pagination, and on the first
// pages the site's broken links.
func (s *unionSite) listingPage(cat, n int, base string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<h1>%s - Trang %d</h1><ul class="list">`, categories[cat], n)
	ids := []int{}
	for id := cat + 1; id <= listedArticles; id += len(categories) {
		ids = append(ids, id)
	}
	from, to := (n-1)*perPage, min(n*perPage, len(ids))
	for k, id := range ids[from:to] {
		href := fmt.Sprintf("/bai/%d.html", id)
		switch s.faults[id] {
		case faultTrack:
			switch k % 3 {
			case 0:
				href += "?utm_source=facebook&utm_medium=social&utm_campaign=tet"
			case 1:
				href += "?fbclid=IwAR0abc" + fmt.Sprint(id) + "#binh-luan"
			default:
				href = strings.Replace(base, "http://", "HTTP://", 1) + href + "?gclid=x" + fmt.Sprint(id)
			}
		case faultMoved:
			fmt.Fprintf(&b, `<li><a href="/tin-cu/%d.html">%s (bài cũ)</a></li>`, id, articleTitle(id))
		}
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, href, articleTitle(id))
	}
	b.WriteString(`</ul>`)
	if n == 1 {
		// The site's faulty links, spread over the four categories.
		for k, u := range specialFaults {
			if k%len(categories) == cat {
				fmt.Fprintf(&b, `<a href="%s">Liên kết %d</a> `, u, k)
			}
		}
		for k := cat; k < brokenLinks; k += len(categories) {
			fmt.Fprintf(&b, `<a href="/bai/%d.html">Bài đã gỡ %d</a> `, 9001+k, k)
		}
	}
	b.WriteString(`<div class="pagination">`)
	last := pagesPerCategory()
	if n > 1 {
		fmt.Fprintf(&b, `<a rel="prev" href="?page=%d">« Trang trước</a> `, n-1)
	}
	for k := max(1, n-2); k <= min(last, n+2); k++ {
		fmt.Fprintf(&b, `<a href="/chuyen-muc/%s?page=%d">%d</a> `, categories[cat], k, k)
	}
	if n < last {
		fmt.Fprintf(&b, `<a rel="next" href="?page=%d">Trang sau »</a>`, n+1)
	}
	b.WriteString(`</div>`)
	return page(categories[cat], b.String())
}

var places = []string{"Yên Lạc", "Tam Dương", "Bình Xuyên", "Lập Thạch", "Sông Lô", "Vĩnh Tường", "Tam Đảo", "Phúc Yên", "Mê Linh", "Đông Anh", "Thanh Thủy", "Cẩm Khê", "Hạ Hòa"}

var titles = []string{
	"Công đoàn huyện %s trao %d suất quà Tết cho đoàn viên khó khăn",
	"LĐLĐ tỉnh kiểm tra công tác công đoàn tại %s, %d doanh nghiệp được chọn",
	"Đại hội Công đoàn cơ sở %s nhiệm kỳ 2023 - 2028: %d đại biểu tham dự",
	"%s: bàn giao %d Mái ấm Công đoàn cho đoàn viên",
	"Công đoàn %s đối thoại với người lao động tại %d doanh nghiệp",
	"Tháng Công nhân tại %s: %d hoạt động chăm lo cho đoàn viên",
}

var sentences = []string{
	"Năm 2023, Công đoàn %s đã kết nạp %d đoàn viên mới, thành lập thêm %d CĐCS tại các doanh nghiệp ngoài nhà nước.",
	"Quỹ Mái ấm Công đoàn của %s vận động được %d,%d triệu đồng, hỗ trợ xây mới và sửa chữa %d nhà cho đoàn viên có hoàn cảnh khó khăn.",
	"Toàn huyện %s có %d%% CĐCS được xếp loại hoàn thành tốt nhiệm vụ; %d tập thể được Tổng Liên đoàn tặng bằng khen.",
	"Ban Thường vụ Công đoàn %s phối hợp với %d doanh nghiệp tổ chức đối thoại, ký kết %d thỏa ước lao động tập thể, bảo vệ quyền lợi cho người lao động.",
	"Dịp này, %s trao %d suất quà, mỗi suất trị giá %d trăm nghìn đồng, cho đoàn viên, người lao động có hoàn cảnh khó khăn.",
	"Chương trình Tết Sum vầy tại %s thu hút %d lượt công nhân tham gia, với %d gian hàng giảm giá phục vụ đoàn viên.",
	"Công đoàn %s tổ chức %d lớp tập huấn nghiệp vụ cho %d cán bộ công đoàn cơ sở về kỹ năng thương lượng tập thể.",
}

func articleTitle(id int) string {
	return fmt.Sprintf(titles[id%len(titles)], places[id%len(places)], 10+id%90+id/100)
}

// articlePage is article id: a title, a date line and four to six
// paragraphs of union news, different for every id.
func articlePage(id int) string {
	var b strings.Builder
	place := places[(id/7)%len(places)]
	month, day := id%12+1, id%28+1
	fmt.Fprintf(&b, `<link rel="canonical" href="/bai/%d.html"><meta property="article:published_time" content="2023-%02d-%02dT08:00:00+07:00">`, id, month, day)
	fmt.Fprintf(&b, `<main><article><h1>%s</h1><p class="date">Thứ hai, %02d/%02d/2023 08:00</p>`, articleTitle(id), day, month)
	for k := 0; k < 4+id%3; k++ {
		b.WriteString("<p>")
		for j := 0; j < 2+(id+k)%2; j++ {
			s := sentences[(id+k*3+j)%len(sentences)]
			var args []any
			args = append(args, place)
			for a := 0; a < strings.Count(s, "%d"); a++ {
				args = append(args, 3+(id*(k+2)*(j+a+1))%97)
			}
			fmt.Fprintf(&b, s+" ", args...)
		}
		b.WriteString("</p>")
	}
	fmt.Fprintf(&b, `</article><aside><h3>Tin liên quan</h3>`)
	for _, rel := range []int{id - 1, id + 1} {
		if rel >= 1 && rel <= listedArticles {
			fmt.Fprintf(&b, `<a href="/bai/%d.html">%s</a> `, rel, articleTitle(rel))
		}
	}
	fmt.Fprintf(&b, `<a href="/bai/%d.html?print=1">In bài viết</a> <a href="/noi-bo/tai-lieu-%d.html">Tài liệu kèm theo</a></aside></main>`, id, id%50)
	return page(articleTitle(id), b.String())
}

// reachable are the article paths a complete crawl must store: every
// article but the one whose server is down.
func reachable(faults map[int]string) map[string]bool {
	out := map[string]bool{}
	for id := 1; id <= totalArticles; id++ {
		if faults[id] != faultDown {
			out[fmt.Sprintf("/bai/%d.html", id)] = true
		}
	}
	return out
}

// expectedFailures are the sources a complete crawl records as failed
// (paths; the child sitemap that is gone is a sitemap failure).
func expectedFailures(faults map[int]string) []string {
	out := slices.Clone(specialFaults)
	for id, f := range faults {
		if f == faultDown {
			out = append(out, fmt.Sprintf("/bai/%d.html", id))
		}
	}
	for k := 0; k < brokenLinks; k++ {
		out = append(out, fmt.Sprintf("/bai/%d.html", 9001+k))
	}
	out = append(out, "/sitemap-cu.xml")
	sort.Strings(out)
	return out
}

// TestCrawlSitePages checks the test site itself: its articles are
// articles to the extractor (and decode right under a wrong charset
// header), its listing and home pages are not. The acceptance test's
// expectations rest on this.
func TestCrawlSitePages(t *testing.T) {
	s := newUnionSite(nil)
	for _, id := range []int{1, 2, 3, 17, 1000, 1761, 1800} {
		for _, ct := range []string{"text/html; charset=utf-8", "text/html; charset=iso-8859-1"} {
			a, err := extract.Extract(corpus.Document{URL: fmt.Sprintf("http://127.0.0.1/bai/%d.html", id),
				ContentType: ct, Raw: []byte(articlePage(id))}, extract.Options{})
			if err != nil || !a.IsArticle {
				t.Fatalf("article %d (%s): article %v, err %v", id, ct, a.IsArticle, err)
			}
			if want := articleTitle(id); a.Title != want {
				t.Errorf("article %d (%s): title %q, want %q", id, ct, a.Title, want)
			}
			if len(a.Figures) == 0 {
				t.Errorf("article %d: no figures", id)
			}
		}
	}
	for _, raw := range []string{homePage(), s.listingPage(0, 1, "http://127.0.0.1"), s.listingPage(3, pagesPerCategory(), "http://127.0.0.1")} {
		a, err := extract.Extract(corpus.Document{URL: "http://127.0.0.1/chuyen-muc/tin-tuc?page=1",
			ContentType: "text/html", Raw: []byte(raw)}, extract.Options{})
		if err != nil || a.IsArticle {
			t.Errorf("listing page taken for an article (err %v): %.200q", err, a.Body)
		}
	}
}

// crawlRun is one tinso process and what it cost.
type crawlRun struct {
	code    int
	elapsed time.Duration
	maxRSS  int64 // KiB
	stdout  string
	stderr  string
}

// counts reads the run's --json summary.
func (r crawlRun) counts() string {
	var rep ingestReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		return "no summary: " + err.Error()
	}
	return fmt.Sprintf("%d new, %d updated, %d unchanged, %d skipped, %d failed", rep.New, rep.Updated, rep.Unchanged, rep.Skipped, rep.Failed)
}

func (r crawlRun) checkRSS(t *testing.T, name string) {
	t.Helper()
	if r.maxRSS > 300<<10 {
		t.Errorf("%s: peak RSS %.1f MiB, over 300 MiB", name, float64(r.maxRSS)/1024)
	}
}

// startTinso starts the binary; finish waits for it and measures it.
func startTinso(t *testing.T, bin string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out, &errb
}

func finish(cmd *exec.Cmd, out, errb *bytes.Buffer, start time.Time) crawlRun {
	cmd.Wait()
	r := crawlRun{code: cmd.ProcessState.ExitCode(), elapsed: time.Since(start), stdout: out.String(), stderr: errb.String()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = int64(ru.Maxrss) // KiB on Linux
	}
	return r
}

func crawlArgs(data, base string) []string {
	return []string{"ingest", "--data", data, "--crawl", base + "/", "--sitemap", base + "/sitemap.xml",
		"--depth", "3", "--exclude", "/tim-kiem*", "--rate", crawlRate, "--timeout", crawlTimeout,
		"--workers", fmt.Sprint(crawlWorkers), "--contact", contact, "--no-progress", "--json"}
}

func resumeArgs(data string) []string {
	return []string{"ingest", "--data", data, "--resume", "--rate", crawlRate, "--timeout", crawlTimeout,
		"--workers", fmt.Sprint(crawlWorkers), "--contact", contact, "--no-progress", "--json"}
}

// storedDoc is one documents row.
type storedDoc struct {
	path, hash, title string
}

// storedDocs reads the stored documents, by URL path.
func storedDocs(t *testing.T, data string) (map[string]storedDoc, int) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(data, "corpus.db")+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT d.url, d.hash, coalesce(a.title, '') FROM documents d LEFT JOIN articles a ON a.document_id = d.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]storedDoc{}
	n := 0
	for rows.Next() {
		var u, hash, title string
		if err := rows.Scan(&u, &hash, &title); err != nil {
			t.Fatal(err)
		}
		n++
		pu, err := url.Parse(u)
		if err != nil {
			t.Fatalf("stored URL %q: %v", u, err)
		}
		key := pu.Path
		if pu.RawQuery != "" {
			key += "?" + pu.RawQuery
		}
		if _, dup := out[key]; dup {
			t.Errorf("%s stored twice", key)
		}
		out[key] = storedDoc{path: key, hash: hash, title: title}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out, n
}

// failedPaths lists the failures tinso failures reports for every run of
// a data directory, by path.
func failedPaths(t *testing.T, bin, data string, runs []int64) ([]string, []corpus.Failure) {
	t.Helper()
	var paths []string
	var all []corpus.Failure
	for _, run := range runs {
		out, err := exec.Command(bin, "failures", "--data", data, "--json", "--run", fmt.Sprint(run)).Output()
		if err != nil {
			t.Fatalf("tinso failures: %v", err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if line == "" {
				continue
			}
			var f corpus.Failure
			if err := json.Unmarshal([]byte(line), &f); err != nil {
				t.Fatalf("tinso failures line %q: %v", line, err)
			}
			all = append(all, f)
			u, _ := url.Parse(f.Source)
			paths = append(paths, u.Path)
		}
	}
	sort.Strings(paths)
	return paths, all
}

// rateFigures returns the smallest gap between consecutive request
// arrivals and the most requests seen in any one second.
func rateFigures(log []request) (minGap time.Duration, tooClose int, perSecond int, closePairs []string) {
	log = slices.Clone(log)
	slices.SortStableFunc(log, func(a, b request) int { return a.at.Compare(b.at) })
	minGap = time.Hour
	for i := 1; i < len(log); i++ {
		g := log[i].at.Sub(log[i-1].at)
		if g < minGap {
			minGap = g
		}
		if g < crawlDelay-jitter {
			if tooClose < 10 {
				closePairs = append(closePairs, fmt.Sprintf("%s (%d) then %s (%d) after %v", log[i-1].uri, log[i-1].status, log[i].uri, log[i].status, g))
			}
			tooClose++
		}
	}
	for i, j := 0, 0; i < len(log); i++ {
		for log[i].at.Sub(log[j].at) >= time.Second {
			j++
		}
		perSecond = max(perSecond, i-j+1)
	}
	return minGap, tooClose, perSecond, closePairs
}

// allowedHits is how many times a crawl may request a URL: once, or as
// many attempts as its fault takes (the fetcher tries 4 times in all).
// An article reached through an old URL may be fetched twice: directly,
// and at the end of the redirect when that is fetched first.
func allowedHits(uri string, faults map[int]string) int {
	p, _, _ := strings.Cut(uri, "?")
	switch p {
	case "/robots.txt": // one 503
		return 2
	case "/loi/treo.html":
		return 4
	}
	if uri != p || !strings.HasPrefix(p, "/bai/") {
		return 1
	}
	switch faults[articleID(p)] {
	case fault503, fault429, faultReset, faultMoved:
		return 2
	case fault500x2:
		return 3
	case faultDown:
		return 4
	}
	return 1
}

// pageHits counts requests by URI, leaving out what every run reads
// afresh (robots.txt and the sitemaps).
func pageHits(log []request) map[string]int {
	out := map[string]int{}
	for _, r := range log {
		if r.uri == "/robots.txt" || strings.HasPrefix(r.uri, "/sitemap") {
			continue
		}
		out[r.uri]++
	}
	return out
}

func runsOf(t *testing.T, data string) []int64 {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(data, "corpus.db")+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT id FROM runs ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids
}

// TestCrawlAcceptance crawls the generated site with the tinso binary and
// measures, from the server's own log and the corpus file: every
// reachable article stored exactly once, nothing disallowed or excluded
// fetched, the per-host spacing (Crawl-delay) never broken, every fault
// survived and the permanent ones recorded, peak RSS under 300 MB. Then
// the same crawl of a fresh copy of the site is killed (SIGKILL) halfway
// and resumed: the same documents are stored, and no page is fetched
// more often than in the uninterrupted crawl, except those in flight.
func TestCrawlAcceptance(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the crawl takes minutes")
	}
	bin := buildTinso(t)
	bomb := gzipBomb()
	faults := articleFaults()
	want := reachable(faults)
	wantFailures := expectedFailures(faults)

	// 1. The uninterrupted crawl.
	site := newUnionSite(bomb)
	srv := startSite(t, site)
	data := filepath.Join(t.TempDir(), "clean")
	start := time.Now()
	cmd, out, errb := startTinso(t, bin, crawlArgs(data, srv.URL)...)
	clean := finish(cmd, out, errb, start)
	log := site.requests()
	t.Logf("crawl: exit %d in %v, %d requests, peak RSS %.1f MiB; %s", clean.code, clean.elapsed.Round(time.Millisecond),
		len(log), float64(clean.maxRSS)/1024, clean.counts())
	if clean.code != exitOK && clean.code != exitSomeFailed {
		t.Fatalf("crawl: exit %d\n%s", clean.code, clean.stderr)
	}
	checkCrawl(t, "crawl", bin, data, log, want, wantFailures, faults, false)
	clean.checkRSS(t, "crawl")
	pages := map[string]bool{}
	rereads := 0
	for _, r := range log {
		pages[r.uri] = true
		if r.uri == "/robots.txt" || strings.HasPrefix(r.uri, "/sitemap") {
			rereads++
		}
	}
	nFaults := len(faults) + len(specialFaults) + brokenLinks + 2 // and robots.txt's 503, the lost child sitemap
	t.Logf("site: %d distinct URLs requested (%d articles, %d categories × %d listing pages), %d of them faulty (%.1f %%: %d article faults, %d fault URLs, %d broken links, robots.txt, a child sitemap); robots.txt and sitemaps: %d requests",
		len(pages), totalArticles, len(categories), pagesPerCategory(), nFaults, 100*float64(nFaults)/float64(len(pages)),
		len(faults), len(specialFaults), brokenLinks, rereads)

	// 2. Killed halfway, then resumed, against a fresh copy of the site.
	site2 := newUnionSite(bomb)
	srv2 := startSite(t, site2)
	data2 := filepath.Join(t.TempDir(), "killed")
	start = time.Now()
	cmd, out, errb = startTinso(t, bin, crawlArgs(data2, srv2.URL)...)
	for site2.count() < len(log)/2 && time.Since(start) < 10*time.Minute {
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	killed := finish(cmd, out, errb, start)
	atKill := site2.count()
	stored, _ := storedDocs(t, data2)
	t.Logf("killed after %v, %d requests, %d documents stored", killed.elapsed.Round(time.Millisecond), atKill, len(stored))
	if killed.code != -1 {
		t.Fatalf("the crawl ended (exit %d) before it was killed: make the site larger", killed.code)
	}
	start = time.Now()
	cmd, out, errb = startTinso(t, bin, resumeArgs(data2)...)
	resumed := finish(cmd, out, errb, start)
	log2 := site2.requests()
	t.Logf("resume: exit %d in %v, %d requests, peak RSS %.1f MiB; %s", resumed.code, resumed.elapsed.Round(time.Millisecond),
		len(log2)-atKill, float64(resumed.maxRSS)/1024, resumed.counts())
	if resumed.code != exitOK && resumed.code != exitSomeFailed {
		t.Fatalf("resume: exit %d\n%s", resumed.code, resumed.stderr)
	}
	checkCrawl(t, "killed+resumed", bin, data2, log2, want, wantFailures, faults, true)
	killed.checkRSS(t, "killed crawl")
	resumed.checkRSS(t, "resumed crawl")

	a, _ := storedDocs(t, data)
	b, _ := storedDocs(t, data2)
	if len(a) != len(b) {
		t.Errorf("killed+resumed stored %d documents, the uninterrupted crawl %d", len(b), len(a))
	}
	for k, d := range a {
		if b[k].hash != d.hash {
			t.Errorf("%s: hash %q after the kill, %q uninterrupted", k, b[k].hash, d.hash)
		}
	}
	rereads = 0
	for _, r := range log2 {
		if r.uri == "/robots.txt" || strings.HasPrefix(r.uri, "/sitemap") {
			rereads++
		}
	}
	t.Logf("killed+resumed: robots.txt and sitemaps: %d requests (read again by the resumed run)", rereads)
	cleanHits, hits := pageHits(log), pageHits(log2)
	var again []string
	extra := 0
	for u, n := range hits {
		if n > cleanHits[u] {
			again = append(again, fmt.Sprintf("%s (%d, uninterrupted %d)", u, n, cleanHits[u]))
			extra += n - cleanHits[u]
		}
	}
	sort.Strings(again)
	// In flight at the kill: pages handed to the workers, fetched and not
	// yet settled in the frontier. The crawler hands out at most
	// 4 × workers pages at a time.
	inFlight := 4 * crawlWorkers
	t.Logf("pages fetched again after the kill: %d requests on %d URLs (in flight allowed: %d): %v", extra, len(again), inFlight, again)
	if len(again) > inFlight {
		t.Errorf("%d pages fetched again after the kill, more than the %d in flight", len(again), inFlight)
	}
}

// checkCrawl measures one complete crawl from the server's log and the
// corpus file.
func checkCrawl(t *testing.T, name, bin, data string, log []request, want map[string]bool, wantFailures []string, faults map[int]string, resumed bool) {
	t.Helper()
	// Stored: every reachable article exactly once, under its canonical
	// URL, and nothing else.
	got, rows := storedDocs(t, data)
	var missing, unexpected []string
	for p := range want {
		if _, ok := got[p]; !ok {
			missing = append(missing, p)
		}
	}
	for p := range got {
		if !want[p] {
			unexpected = append(unexpected, p)
		}
	}
	sort.Strings(missing)
	sort.Strings(unexpected)
	if len(missing) > 0 || len(unexpected) > 0 || rows != len(want) {
		t.Errorf("%s: %d documents stored, want %d; missing %v; unexpected %v", name, rows, len(want), missing, unexpected)
	}
	hashes := map[string]string{}
	for p, d := range got {
		if q, dup := hashes[d.hash]; dup {
			t.Errorf("%s: the same page stored as %s and %s", name, p, q)
		}
		hashes[d.hash] = p
	}
	for id, f := range faults {
		p := fmt.Sprintf("/bai/%d.html", id)
		if f == faultCharset && got[p].title != articleTitle(id) {
			t.Errorf("%s: %s (wrong charset header) title %q, want %q", name, p, got[p].title, articleTitle(id))
		}
	}

	// Fetched: nothing robots.txt forbids or --exclude leaves out; a
	// User-Agent naming tinso and the contact.
	for _, r := range log {
		u, _ := url.Parse(r.uri)
		if strings.HasPrefix(u.Path, "/noi-bo/") || u.Query().Has("print") || u.Path == "/tim-kiem" {
			t.Errorf("%s: fetched %s, which robots.txt or --exclude forbids", name, r.uri)
		}
		if !strings.HasPrefix(r.agent, "tinso/") || !strings.Contains(r.agent, contact) {
			t.Errorf("%s: User-Agent %q", name, r.agent)
			break
		}
	}
	byPath := map[string]int{}
	for _, r := range log {
		u, _ := url.Parse(r.uri)
		byPath[u.Path]++
	}
	if !resumed {
		var over []string
		for u, n := range pageHits(log) {
			if max := allowedHits(u, faults); n > max {
				over = append(over, fmt.Sprintf("%s ×%d (at most %d)", u, n, max))
			}
		}
		sort.Strings(over)
		if len(over) > 0 {
			t.Errorf("%s: %d URLs requested more often than their faults explain: %v", name, len(over), over)
		}
	}
	for id, f := range faults {
		if f == faultTrack {
			if n := byPath[fmt.Sprintf("/bai/%d.html", id)]; n != 1 {
				t.Errorf("%s: /bai/%d.html (linked with tracking parameters too) fetched %d times", name, id, n)
			}
		}
	}

	// Spacing: no two requests closer than the Crawl-delay (less the
	// jitter of the server's own clock), and never closer than 1/--rate.
	unstamped := 0
	for _, r := range log {
		if r.at.Equal(r.handled) {
			unstamped++
		}
	}
	if unstamped > 0 {
		t.Logf("%s: %d requests without a kernel time stamp (their handler's start is used)", name, unstamped)
	}
	handled := slices.Clone(log)
	for i := range handled {
		handled[i].at = handled[i].handled
	}
	handlerGap, _, _, _ := rateFigures(handled)
	minGap, tooClose, perSecond, closePairs := rateFigures(log)
	t.Logf("%s: min interval between requests %v (Crawl-delay %v, 1/--rate %v; %v between handler starts); %d gaps under %v; at most %d requests in one second",
		name, minGap, crawlDelay, time.Second/200, handlerGap, tooClose, crawlDelay-jitter, perSecond)
	if tooClose > 0 {
		t.Errorf("%s: %d requests closer than %v to the previous one (min %v): %v", name, tooClose, crawlDelay-jitter, minGap, closePairs)
	}
	if limit := int(time.Second/crawlDelay) + 1; perSecond > limit {
		t.Errorf("%s: %d requests in one second, more than %d", name, perSecond, limit)
	}

	// Faults: each survived; the permanent ones recorded with a reason.
	failed, fs := failedPaths(t, bin, data, runsOf(t, data))
	failed = slices.Compact(failed)
	if !slices.Equal(failed, wantFailures) {
		t.Errorf("%s: tinso failures lists %v\nwant %v", name, failed, wantFailures)
	}
	reasons := map[string]string{}
	for _, f := range fs {
		u, _ := url.Parse(f.Source)
		reasons[u.Path] = f.Stage + ": " + f.Reason
	}
	for p, want := range map[string]string{
		"/loi/treo.html":     "timeout",
		"/loi/vong-a.html":   "redirect loop",
		"/loi/vong-c.html":   "redirect loop",
		"/loi/chuyen/0.html": "more than 10 redirects",
		"/loi/lon.html":      "limit",
		"/loi/lon-cl.html":   "limit",
		"/loi/bom.html":      "gzip body unpacks",
		"/bai/9001.html":     "404",
	} {
		if !strings.Contains(reasons[p], want) {
			t.Errorf("%s: failure of %s is %q, want it to say %q", name, p, reasons[p], want)
		}
	}
	if testing.Verbose() {
		for _, p := range wantFailures {
			t.Logf("%s: failure %s: %.160s", name, p, reasons[p])
		}
	}
}

// TestIngestWARCFixture ingests the wget capture committed under
// ingest/warc/testdata: its two articles are stored with the capture's
// URLs and date (the home page is a listing, skipped). A copy cut in the
// middle of its last response stores the complete records before the cut
// and reports the broken tail as a failure (exit 3).
func TestIngestWARCFixture(t *testing.T) {
	const fixture = "../../ingest/warc/testdata/site.warc.gz"
	raw, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	const date = "2026-11-23T06:45:48Z"
	articles := []string{
		"http://127.0.0.1:8765/tin-tuc/dai-hoi-cong-doan.html",
		"http://127.0.0.1:8765/tin-tuc/tet-sum-vay.html",
	}
	stored := func(data string) map[string]string {
		db, err := sql.Open("sqlite", filepath.Join(data, "corpus.db")+"?_pragma=query_only(1)")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query(`SELECT url, fetched_at FROM documents`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]string{}
		for rows.Next() {
			var u, at string
			rows.Scan(&u, &at)
			out[u] = at
		}
		return out
	}

	data := t.TempDir()
	out, errs, code := run(t, "", "ingest", "--data", data, "--json", fixture)
	if code != exitOK {
		t.Fatalf("ingest %s: exit %d\n%s%s", fixture, code, out, errs)
	}
	got := stored(data)
	wantAll := map[string]string{articles[0]: date, articles[1]: date}
	if fmt.Sprint(got) != fmt.Sprint(wantAll) {
		t.Errorf("stored %v, want %v", got, wantAll)
	}

	// The members of the per-record gzip: cut the last response (the
	// seventh record) in its middle.
	starts := gzipMembers(t, raw)
	if len(starts) != 9 {
		t.Fatalf("%d gzip members, want the 9 records", len(starts))
	}
	cut := starts[6] + (starts[7]-starts[6])/2
	truncated := filepath.Join(t.TempDir(), "cut.warc.gz")
	if err := os.WriteFile(truncated, raw[:cut], 0o644); err != nil {
		t.Fatal(err)
	}
	data = t.TempDir()
	out, errs, code = run(t, "", "ingest", "--data", data, "--json", truncated)
	if code != exitSomeFailed {
		t.Errorf("truncated: exit %d, want %d\n%s%s", code, exitSomeFailed, out, errs)
	}
	got = stored(data)
	if want := map[string]string{articles[0]: date}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("truncated: stored %v, want %v", got, want)
	}
	fout, _, _ := run(t, "", "failures", "--data", data)
	if !strings.Contains(fout, "cut.warc.gz") || !strings.Contains(fout, "warc:") ||
		!(strings.Contains(fout, "truncated") || strings.Contains(fout, "broken")) {
		t.Errorf("tinso failures after a truncated WARC:\n%s", fout)
	}
	t.Logf("truncated WARC (%d of %d bytes): %s", cut, len(raw), strings.TrimSpace(fout))
}

// gzipMembers returns the offsets where the gzip members of b start.
func gzipMembers(t *testing.T, b []byte) []int {
	t.Helper()
	br := bytes.NewReader(b) // an io.ByteReader: gzip reads no further than each member
	zr, err := gzip.NewReader(br)
	if err != nil {
		t.Fatal(err)
	}
	starts := []int{0}
	for {
		zr.Multistream(false)
		if _, err := io.Copy(io.Discard, zr); err != nil {
			t.Fatal(err)
		}
		off := len(b) - br.Len()
		if off == len(b) {
			return starts
		}
		starts = append(starts, off)
		if err := zr.Reset(br); err != nil {
			t.Fatal(err)
		}
	}
}
