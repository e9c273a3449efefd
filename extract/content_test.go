package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"

	"github.com/tinso/tinso/corpus"
)

// para is a paragraph of made-up article text, long enough to be scored.
const para = "Năm 2021, các cấp công đoàn trong huyện đã kết nạp mới 1.245 đoàn viên, nâng tổng số đoàn viên lên 12.345 người, đạt 103,5% chỉ tiêu được giao."

func page2(head, body string) string {
	return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + head + "</head><body>" + body + "</body></html>"
}

// TestCleanHTMLBody checks what the generic rules keep and drop, one
// layout a case.
func TestCleanHTMLBody(t *testing.T) {
	p2 := strings.Replace(para, "1.245", "2.000", 1)
	p3 := strings.Replace(para, "1.245", "3.000", 1)
	tests := []struct {
		name string
		html string
		want []string // the body's paragraphs
	}{
		{
			name: "semantic furniture dropped",
			html: page2("<title>T</title>", `<header><nav><a href="/">Trang chủ</a> <a href="/a">Tin tức</a></nav></header>
<main><article><h1>T</h1><p>`+para+`</p><p>`+p2+`</p></article></main>
<aside><h3>Đọc nhiều</h3><ul><li><a href="/x">Một bài khác rất dài để làm mồi câu</a></li></ul></aside>
<footer><p>Bản quyền © 2022 Liên đoàn Lao động. Địa chỉ: số 12 Trần Hưng Đạo.</p></footer>`),
			want: []string{para, p2},
		},
		{
			name: "Vietnamese class names",
			html: page2("", `<div class="menungang"><a href="/">Trang chủ</a></div>
<div class="noidung"><p>`+para+`</p><p>`+p2+`</p></div>
<div class="tinlienquan"><h3>Tin liên quan</h3><ul><li><a href="/1">Công đoàn trao 200 suất quà Tết cho công nhân</a></li><li><a href="/2">Hội nghị Ban Chấp hành lần thứ 12</a></li></ul></div>
<div class="binhluan"><h3>Bình luận</h3><p>Chưa có bình luận nào, hãy là người đầu tiên.</p></div>
<div id="chantrang">Cơ quan chủ quản: Liên đoàn Lao động huyện. Điện thoại: 0200 3 812 345</div>`),
			want: []string{para, p2},
		},
		{
			name: "br paragraphs in a legacy table",
			html: page2("", `<table><tr><td class="menu"><a href="/">Trang chủ</a><br><a href="/b">Giới thiệu</a></td>
<td><font face="Arial">`+para+`<br><br>`+p2+`<br><br>`+p3+`</font></td></tr></table>`),
			want: []string{para, p2, p3},
		},
		{
			name: "caption kept, credit line dropped",
			html: page2("", `<article><p>`+para+`</p><figure><img src="a.jpg" alt="ảnh"><figcaption>Lãnh đạo LĐLĐ tỉnh trao quà cho đoàn viên.</figcaption></figure><p>Ảnh: Minh Anh</p><p>`+p2+`</p></article>`),
			want: []string{para, "Lãnh đạo LĐLĐ tỉnh trao quà cho đoàn viên.", p2},
		},
		{
			name: "data table rows joined by tabs",
			html: page2("", `<article><p>`+para+`</p><table><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr><tr><td>Đoàn viên mới</td><td>1.245</td></tr></table><p>`+p2+`</p></article>`),
			want: []string{para, "Chỉ tiêu\tKết quả", "Đoàn viên mới\t1.245", p2},
		},
		{
			name: "slideshow caption printed twice kept once",
			html: page2("", `<article><p>`+para+`</p><div class="slide"><p>Đoàn viên nhận quà Tết tại trụ sở công đoàn.</p></div><div class="slide"><p>Đoàn viên nhận quà Tết tại trụ sở công đoàn.</p></div><p>`+p2+`</p></article>`),
			want: []string{para, "Đoàn viên nhận quà Tết tại trụ sở công đoàn.", p2},
		},
		{
			name: "scripts, styles and hidden elements never text",
			html: page2("<style>p{color:red}</style>", `<article><script>var x = "Một đoạn mã";</script><p>`+para+`</p><p style="display:none">Văn bản ẩn không được in ra.</p><p hidden>Cũng ẩn.</p><p>`+p2+`</p></article>`),
			want: []string{para, p2},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := cleanHTML(tc.html, "", nil)
			if !p.IsArticle {
				t.Fatalf("not an article; body %q", p.Body)
			}
			got := strings.Split(p.Body, "\n\n")
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("body paragraphs (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCleanHTMLListing checks that a category page is not stored as an
// article.
func TestCleanHTMLListing(t *testing.T) {
	var items strings.Builder
	for i := 0; i < 8; i++ {
		items.WriteString(`<div class="item"><h3><a href="/tin/` + string(rune('a'+i)) + `">Liên đoàn Lao động huyện trao quà Tết cho công nhân lần ` + string(rune('A'+i)) + `</a></h3><p>Liên đoàn Lao động huyện trao quà Tết cho công nhân khó khăn.</p></div>`)
	}
	p := cleanHTML(page2("<title>Hoạt động công đoàn</title>", `<main><h1>Hoạt động công đoàn</h1>`+items.String()+`</main>`), "", nil)
	if p.IsArticle || p.Body != "" {
		t.Errorf("listing taken for an article: %q", p.Body)
	}
}

// TestCleanHTMLDeep checks that pathological nesting yields an article
// and a problem, not a panic or an empty result.
func TestCleanHTMLDeep(t *testing.T) {
	src := "<html><body>" + strings.Repeat("<div>", 100000) + para + strings.Repeat("</div>", 100000) + "</body></html>"
	p := cleanHTML(src, "", nil)
	if !strings.Contains(p.Body, "1.245 đoàn viên") {
		t.Errorf("text lost: %q", p.Body)
	}
	if len(p.Problems) == 0 {
		t.Error("no problem reported for markup the parser refused")
	}
}

// TestLooksLikeHTML checks that the type is decided by content.
func TestLooksLikeHTML(t *testing.T) {
	for _, s := range []string{"<!DOCTYPE html><p>x", "  <html lang=vi>", "<div class=a>x</div>", "<P>Đoạn văn</P>"} {
		if !looksLikeHTML(s) {
			t.Errorf("looksLikeHTML(%q) = false", s)
		}
	}
	for _, s := range []string{"Công đoàn có 50 đoàn viên.", "a < b > c", "Tin liên quan\nTrang chủ"} {
		if looksLikeHTML(s) {
			t.Errorf("looksLikeHTML(%q) = true", s)
		}
	}
}

// FuzzCleanHTML checks that any bytes read as HTML give a valid article:
// no panic, NFC UTF-8 fields, figures at their offsets.
func FuzzCleanHTML(f *testing.F) {
	f.Add([]byte(page2("<title>T</title>", "<article><p>"+para+"</p></article>")))
	f.Add([]byte("<table><tr><td>" + para + "<br><br>x</td></tr></table>"))
	f.Add([]byte("<div><div><p>Ảnh: <a href=x>y</a></p></div></div><script>"))
	f.Add([]byte("<html><body><ul><li><a href=/1>Một tiêu đề rất dài cho tin</a></li></ul>"))
	f.Add([]byte("\xef\xbb\xbf<meta charset=windows-1258><p>C\xf4ng \xf0o\xe0n</p>"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		a, err := Extract(corpus.Document{Raw: raw}, Options{Mode: HTMLMode})
		if err != nil {
			return
		}
		for _, s := range []string{a.Title, a.Published, a.Author, a.Body} {
			if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
				t.Fatalf("field not NFC UTF-8: %q", s)
			}
		}
		body := []rune(a.Body)
		for _, fig := range a.Figures {
			if fig.Start < 0 || fig.End > len(body) || string(body[fig.Start:fig.End]) != fig.Text {
				t.Fatalf("figure %q not at [%d:%d]", fig.Text, fig.Start, fig.End)
			}
		}
	})
}

// TestCleanHTMLHomePage checks that a site's root page full of headline
// links is not an article, while the same text at an article's address is.
func TestCleanHTMLHomePage(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		b.WriteString(`<div class="box"><h3><a href="/tin/` + string(rune('a'+i)) + `">Tiêu đề tin số ` + string(rune('A'+i)) + ` về hoạt động của công đoàn</a></h3></div>`)
	}
	html := page2(`<link rel="canonical" href="https://congdoan.example.vn/">`, b.String()+`<div class="noidung"><p>`+para+`</p><p>`+para+` Thêm.</p><p>`+para+` Hai.</p><p>`+para+` Ba.</p></div>`)
	if p := cleanHTML(html, "", nil); p.IsArticle {
		t.Errorf("home page taken for an article: %q", p.Body)
	}
	art := strings.Replace(html, `href="https://congdoan.example.vn/"`, `href="https://congdoan.example.vn/tin/1.html"`, 1)
	if p := cleanHTML(art, "", nil); !p.IsArticle {
		t.Error("article page not taken for an article")
	}
}
