package urlnorm

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTP://LaoDong.VN:80/Cong-Doan/Bai-Viet.html#binh-luan", "http://laodong.vn/Cong-Doan/Bai-Viet.html"},
		{"https://laodong.vn:443", "https://laodong.vn/"},
		{"https://laodong.vn:8443/a", "https://laodong.vn:8443/a"},
		{"http://laodong.vn./a", "http://laodong.vn/a"},
		{"http://user:pw@laodong.vn/a", "http://laodong.vn/a"},
		{"  http://laodong.vn/a\n/b ", "http://laodong.vn/a/b"},
		// tracking and session parameters dropped, the rest sorted
		{"https://laodong.vn/a?utm_source=zalo&utm_medium=social&zarsrc=30&id=7&gidzl=xyz&fbclid=abc", "https://laodong.vn/a?id=7"},
		{"https://laodong.vn/a?b=2&a=1&UTM_Campaign=x&gclid=1&mc_cid=2&_ga=3", "https://laodong.vn/a?a=1&b=2"},
		{"https://laodong.vn/a?tag=x&page=2&tag=a", "https://laodong.vn/a?page=2&tag=x&tag=a"},
		{"https://laodong.vn/a?utm_source=x", "https://laodong.vn/a"},
		{"https://laodong.vn/a?", "https://laodong.vn/a"},
		{"https://laodong.vn/a?&&x=1&", "https://laodong.vn/a?x=1"},
		{"https://laodong.vn/a;jsessionid=ABC123?PHPSESSID=9&x=1", "https://laodong.vn/a?x=1"},
		// dot segments, escapes
		{"https://laodong.vn/a/./b/../c", "https://laodong.vn/a/c"},
		{"https://laodong.vn/a/b/..", "https://laodong.vn/a/"},
		{"https://laodong.vn/../../a", "https://laodong.vn/a"},
		{"https://laodong.vn/%7euser/%e1%bb%a9", "https://laodong.vn/~user/%E1%BB%A9"},
		{"https://laodong.vn/tin-tức", "https://laodong.vn/tin-t%E1%BB%A9c"},
		{"https://laodong.vn/a%2Fb", "https://laodong.vn/a%2Fb"},
		{"https://laodong.vn/s?q=c%C3%B4ng+%c4%91o%C3%A0n", "https://laodong.vn/s?q=c%C3%B4ng+%C4%91o%C3%A0n"},
		{"https://laodong.vn/s?q=công đoàn", "https://laodong.vn/s?q=c%C3%B4ng%20%C4%91o%C3%A0n"},
		// path case kept, empty path is "/"
		{"https://LAODONG.vn", "https://laodong.vn/"},
		{"https://laodong.vn/CongDoan", "https://laodong.vn/CongDoan"},
		// internationalised host
		{"https://côngđoàn.vn/a", "https://xn--cngon-uqa0lsj.vn/a"},
		{"http://[::1]:80/a", "http://[::1]/a"},
	}
	for _, tt := range tests {
		got, err := Canonical(tt.in)
		if err != nil {
			t.Errorf("Canonical(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Canonical(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// Canonical is idempotent.
		if again, err := Canonical(got); err != nil || again != got {
			t.Errorf("Canonical(%q) = %q, %v: not idempotent", got, again, err)
		}
	}
}

func TestCanonicalInvalid(t *testing.T) {
	for _, in := range []string{"", "ftp://laodong.vn/a", "mailto:a@b.vn", "/relative", "http://", "javascript:void(0)", "http://a b.vn/"} {
		if got, err := Canonical(in); err == nil {
			t.Errorf("Canonical(%q) = %q, want error", in, got)
		}
	}
}

func TestResolve(t *testing.T) {
	base, _ := url.Parse("https://ldld.bacninh.gov.vn/tin-tuc/cong-doan/index.html?page=1")
	tests := []struct{ ref, want string }{
		{"bai-1.html", "https://ldld.bacninh.gov.vn/tin-tuc/cong-doan/bai-1.html"},
		{"../hoat-dong/bai-2.html?utm_source=fb", "https://ldld.bacninh.gov.vn/tin-tuc/hoat-dong/bai-2.html"},
		{"/", "https://ldld.bacninh.gov.vn/"},
		{"//LDLD.bacninh.gov.vn/x#y", "https://ldld.bacninh.gov.vn/x"},
		{"?page=2", "https://ldld.bacninh.gov.vn/tin-tuc/cong-doan/index.html?page=2"},
		{"HTTP://other.vn", "http://other.vn/"},
	}
	for _, tt := range tests {
		got, err := Resolve(base, tt.ref)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tt.ref, err)
			continue
		}
		if got.String() != tt.want {
			t.Errorf("Resolve(%q) = %q, want %q", tt.ref, got, tt.want)
		}
	}
	for _, ref := range []string{"", "#top", "mailto:x@y.vn", "javascript:void(0)", "tel:0123", "data:text/html,x"} {
		if got, err := Resolve(base, ref); err == nil {
			t.Errorf("Resolve(%q) = %v, want error", ref, got)
		}
	}
}

func TestSameSite(t *testing.T) {
	p := func(s string) *url.URL { u, _ := url.Parse(s); return u }
	tests := []struct {
		a, b string
		want bool
	}{
		{"https://laodong.vn/a", "http://www.laodong.vn/b", true},
		{"https://laodong.vn/a", "https://LAODONG.vn:443/b", true},
		{"https://laodong.vn/a", "https://thegioi.laodong.vn/b", false},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8081/", false},
		{"https://ldld.bacninh.gov.vn/", "https://bacninh.gov.vn/", false},
	}
	for _, tt := range tests {
		if got := SameSite(p(tt.a), p(tt.b)); got != tt.want {
			t.Errorf("SameSite(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestMatcher(t *testing.T) {
	m, err := NewMatcher(
		[]string{"/tin-tức/*", "https://*.vn/cong-doan/*", `re:/\d{4}/\d{2}/`},
		[]string{"/tin-tức/video/*", "*?page=*", "*.php"},
	)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		url  string
		want bool
	}{
		{"https://laodong.vn/tin-tức/bai-1.html", true},
		{"https://laodong.vn/tin-t%e1%bb%a9c/bai-1.html", true},
		{"https://laodong.vn/tin-tức/video/clip.html", false},
		{"https://laodong.vn/tin-tức/index.html?page=2", false},
		{"https://ldld.hanoi.gov.vn/cong-doan/a.html", true},
		{"https://ldld.hanoi.gov.vn/cong-doan/a.php", false},
		{"https://laodong.vn/2024/05/bai.html", true},
		{"https://laodong.vn/the-thao/bai.html", false},
		{"not a url", false},
	}
	for _, tt := range tests {
		if got := m.Match(tt.url); got != tt.want {
			t.Errorf("Match(%q) = %v, want %v", tt.url, got, tt.want)
		}
	}

	all, _ := NewMatcher(nil, nil)
	if !all.Match("https://laodong.vn/x") {
		t.Error("empty matcher excludes")
	}
	// "?" is one character, "." literal.
	q, _ := NewMatcher([]string{"/a?.html"}, nil)
	for u, want := range map[string]bool{"https://x.vn/ab.html": true, "https://x.vn/abc.html": false, "https://x.vn/a.html": false, "https://x.vn/abXhtml": false} {
		if got := q.Match(u); got != want {
			t.Errorf("glob /a?.html on %s = %v, want %v", u, got, want)
		}
	}
	for _, bad := range []string{"re:(", ""} {
		if _, err := NewMatcher([]string{bad}, nil); err == nil {
			t.Errorf("pattern %q accepted", bad)
		}
	}
}

const listing = `<!DOCTYPE html>
<html><head>
<link rel="canonical" href="https://www.congdoan.vn/tin-tuc/cong-doan?utm_source=rss">
<link rel="next" href="/tin-tuc/cong-doan?page=2">
<link rel="stylesheet" href="/site.css">
</head><body>
<a href="/tin-tuc/cong-doan/dai-hoi-123.html">Đại hội</a>
<a href="/tin-tuc/cong-doan/dai-hoi-123.html#binh-luan">Bình luận</a>
<a href="https://congdoan.vn/tin-tuc/cong-doan/tet-456.html?fbclid=x">Tết</a>
<a href="https://facebook.com/share?u=x">Chia sẻ</a>
<a href="https://thoisu.congdoan.vn/a.html">Subdomain</a>
<a href="mailto:toasoan@congdoan.vn">Thư</a>
<a href="javascript:void(0)">JS</a>
<a href="#top">Lên đầu</a>
<a href="/upload/anh.JPG">Ảnh</a>
<a href="/tin-tuc/cong-doan/tet-456.html">Xem tiếp</a>
<div class="paging">
  <a href="/tin-tuc/cong-doan?page=1">1</a>
  <a href="/tin-tuc/cong-doan/trang-3.htm">3</a>
  <a href="/tin-tuc/cong-doan/page/4/">Trang 4</a>
  <a href="/danh-muc?start=40">Trang sau »</a>
  <a href="/danh-muc?start=80">»</a>
  <a href="/danh-muc-cuoi">Tiếp</a>
</div>
</body></html>`

func TestExtract(t *testing.T) {
	got, err := ExtractHTML("https://congdoan.vn/tin-tuc/cong-doan?page=1", []byte(listing))
	if err != nil {
		t.Fatal(err)
	}
	want := Links{
		Canonical: "https://www.congdoan.vn/tin-tuc/cong-doan",
		Pagination: []string{
			"https://congdoan.vn/tin-tuc/cong-doan?page=2",
			"https://congdoan.vn/tin-tuc/cong-doan/trang-3.htm",
			"https://congdoan.vn/tin-tuc/cong-doan/page/4/",
			"https://congdoan.vn/danh-muc?start=40",
			"https://congdoan.vn/danh-muc?start=80",
			"https://congdoan.vn/danh-muc-cuoi",
		},
		Links: []string{
			"https://congdoan.vn/tin-tuc/cong-doan/dai-hoi-123.html",
			"https://congdoan.vn/tin-tuc/cong-doan/tet-456.html",
			"https://congdoan.vn/tin-tuc/cong-doan/trang-3.htm",
			"https://congdoan.vn/tin-tuc/cong-doan/page/4/",
			"https://congdoan.vn/danh-muc?start=40",
			"https://congdoan.vn/danh-muc?start=80",
			"https://congdoan.vn/danh-muc-cuoi",
			"https://congdoan.vn/tin-tuc/cong-doan?page=2",
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Extract (-want +got):\n%s", diff)
	}
}

func TestExtractBaseHref(t *testing.T) {
	page := `<html><head><base href="https://laodong.vn/cong-doan/"></head>
<body><a href="bai-1.html">1</a><a href="https://laodong.vn/cong-doan/">self</a></body></html>`
	got, err := ExtractHTML("https://laodong.vn/cong-doan/", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"https://laodong.vn/cong-doan/bai-1.html"}, got.Links); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
	if _, err := ExtractHTML("not a url", []byte(page)); err == nil {
		t.Error("bad page URL accepted")
	}
}

func TestPaginationDetectors(t *testing.T) {
	urls := map[string]bool{
		"https://x.vn/cong-doan?page=2":         true,
		"https://x.vn/cong-doan?trang=12":       true,
		"https://x.vn/cong-doan?p=3&cat=1":      true,
		"https://x.vn/cong-doan/trang-2":        true,
		"https://x.vn/cong-doan/trang-2.htm":    true,
		"https://x.vn/cong-doan/page/2/":        true,
		"https://x.vn/cong-doan/page2.html":     true,
		"https://x.vn/cong-doan-trang-5.html":   true,
		"https://x.vn/cong-doan/p3":             true,
		"https://x.vn/cong-doan?page=abc":       false,
		"https://x.vn/dai-hoi-1234567.ldo":      false,
		"https://x.vn/homepage":                 false,
		"https://x.vn/trang-chu":                false,
		"https://x.vn/cong-doan/bai-trang-2024": true, // a slug ending like a page is accepted: cheap to follow
	}
	for s, want := range urls {
		u, _ := url.Parse(s)
		if got := IsPaginationURL(u); got != want {
			t.Errorf("IsPaginationURL(%s) = %v, want %v", s, got, want)
		}
	}
	texts := map[string]bool{
		"2": true, " 12 ": true, "Trang 3": true, "Trang sau": true, "TRANG SAU »": true,
		"Tiếp": true, "Tie\u0302\u0301p": true, "»": true, "››": true, ">>": true, "Trước": true,
		"Xem tiếp": false, "Đọc tiếp": false, "Công đoàn": false, "": false, "2024 năm": false,
	}
	for s, want := range texts {
		if got := IsPaginationText(s); got != want {
			t.Errorf("IsPaginationText(%q) = %v, want %v", s, got, want)
		}
	}
}
