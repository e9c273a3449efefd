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

// TestCleanHTMLRules checks the rules that widen the content beyond the
// best candidate and the ones that keep furniture out of it, one small
// layout a rule.
func TestCleanHTMLRules(t *testing.T) {
	p2 := strings.Replace(para, "1.245", "2.000", 1)
	p3 := strings.Replace(para, "1.245", "3.000", 1)
	p4 := strings.Replace(para, "1.245", "4.000", 1)
	lead := "Sáng 12/3, Liên đoàn Lao động huyện tổ chức hội nghị tổng kết, biểu dương 35 công đoàn cơ sở xuất sắc trong năm."
	short := "Hội nghị tổng kết công tác công đoàn năm 2022 đã diễn ra tại hội trường huyện."
	tests := []struct {
		name string
		html string
		want []string
	}{
		{
			name: "lead in the article header beside the body",
			html: page2("<title>T</title>", `<div class="wrap"><div class="top"><h1>T</h1><div class="info"><p>`+lead+`</p></div></div>
<div class="main"><div class="noidung"><p>`+para+`</p><p>`+p2+`</p><p>`+p3+`</p></div></div></div>
<div class="tinlienquan"><a href="/1">Một tin liên quan có tiêu đề dài</a><a href="/2">Một tin khác có tiêu đề dài</a></div>`),
			want: []string{lead, para, p2, p3},
		},
		{
			name: "body split into page-builder blocks",
			html: page2("<title>Hội nghị tổng kết</title>", `<div class="page"><h1>Hội nghị tổng kết</h1><div class="row"><div class="col"><div class="text-block"><p>`+para+`</p><p>`+p2+`</p></div></div></div>
<div class="row"><div class="col"><h2>Kết quả nổi bật</h2></div></div>
<div class="row"><div class="col"><div class="text-block"><p>`+p3+`</p><p>`+p4+`</p><p>`+lead+`</p></div></div></div></div>`),
			want: []string{para, p2, "Kết quả nổi bật", p3, p4, lead},
		},
		{
			name: "a link list closes the side: the footer text beyond stays out",
			html: page2("", `<div class="page"><div class="wrap"><div class="main"><div class="noidung"><p>`+para+`</p><p>`+p2+`</p><p>`+p3+`</p></div></div>
<div class="box"><a href="/1">Công đoàn trao 200 suất quà Tết cho công nhân</a> <a href="/2">Hội nghị Ban Chấp hành Liên đoàn lần thứ 12</a> <a href="/3">Đại hội Công đoàn cơ sở nhiệm kỳ 2023 - 2028</a></div></div>
<div class="bottom"><p>Cơ quan chủ quản: Liên đoàn Lao động huyện Minh Sơn, số 12 đường Trần Hưng Đạo, điện thoại 0200 3 812 345, giấy phép số 45/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 12/5/2020. Chịu trách nhiệm nội dung: Chủ tịch Liên đoàn Lao động huyện. Ghi rõ nguồn khi phát hành lại thông tin từ trang này, mọi hình thức sao chép khác đều phải được sự đồng ý bằng văn bản.</p></div></div>`),
			want: []string{para, p2, p3},
		},
		{
			name: "author box beside the body left out",
			html: page2("", `<div class="page"><div class="box"><div class="byline">Nguyễn Văn An, phóng viên mảng công đoàn<div class="short-bio">Viết về đời sống công nhân, lao động và việc làm từ năm 2010, từng đoạt giải báo chí toàn quốc về đề tài công nhân, người lao động và tổ chức công đoàn các cấp trong tỉnh.</div></div></div>
<div class="noidung"><p>`+para+`</p><p>`+p2+`</p><p>`+p3+`</p></div></div>`),
			want: []string{para, p2, p3},
		},
		{
			name: "teasers with summaries beside the body left out",
			html: page2("", `<div class="page"><div class="noidung"><p>`+para+`</p><p>`+p2+`</p><p>`+p3+`</p></div>
<div class="more"><div class="item"><h3><a href="/1">Trao 200 suất quà Tết</a></h3><div>Chiều 20/1, công đoàn huyện đã trao 200 suất quà cho công nhân có hoàn cảnh khó khăn, mỗi suất trị giá 500.000 đồng, tổng kinh phí 100 triệu đồng do các doanh nghiệp trên địa bàn đóng góp.</div></div>
<div class="item"><h3><a href="/2">Hội nghị Ban Chấp hành</a></h3><div>Hội nghị đã đánh giá kết quả hoạt động năm qua, đề ra phương hướng, nhiệm vụ năm tới với nhiều chỉ tiêu mới về phát triển đoàn viên và thành lập công đoàn cơ sở.</div></div></div></div>`),
			want: []string{para, p2, p3},
		},
		{
			name: "buttons do not make a list a form; a comment form is left out",
			html: page2("", `<article><p>`+para+`</p><div class="thanhphan"><button>-</button><button>+</button><ul><li>2 kg gạo tẻ</li><li>1 lít dầu ăn</li><li>500 g đường kính trắng</li></ul></div><p>`+p2+`</p><p>`+p3+`</p>
<form><p>Gửi ý kiến của bạn</p><input name="ten"><input name="email"><textarea></textarea><button>Gửi</button></form></article>`),
			want: []string{para, "2 kg gạo tẻ", "1 lít dầu ăn", "500 g đường kính trắng", p2, p3},
		},
		{
			name: "CMS names that are not furniture: label-hidden, elementor-widget",
			html: page2("", `<div class="region"><div class="field field--label-hidden"><div class="field--item"><p>`+lead+`</p></div></div>
<div class="field field--label-hidden"><div class="field--item"><p>`+para+`</p><p>`+p2+`</p></div></div>
<div class="elementor-widget-container"><p>`+p3+`</p></div></div>`),
			want: []string{lead, para, p2, p3},
		},
		{
			name: "an article's header is not the page's",
			html: page2("<title>Tiêu đề</title>", `<header class="site-header"><a href="/">Trang chủ</a></header><article><header class="entry-header"><h1>Tiêu đề</h1><p>`+lead+`</p></header>
<div class="entry-content"><p>`+para+`</p><p>`+p2+`</p><p>`+p3+`</p></div></article>`),
			want: []string{lead, para, p2, p3},
		},
		{
			name: "dialogs, disclaimers and the parts of furniture blocks left out",
			html: page2("", `<article><div class="noidung"><p>`+para+`</p><div class="modal-dialog"><p>Đặt trang này làm trang chủ của bạn: mở cài đặt của trình duyệt, chọn trang chủ.</p></div><p>`+p2+`</p>
<div class="affiliate-disclaimer">Chúng tôi có thể nhận hoa hồng khi bạn mua hàng qua các liên kết trong bài.</div><div class="author-box--content">Tác giả có 10 năm viết về công đoàn, lao động và việc làm, từng đoạt giải báo chí toàn quốc về đề tài công nhân, người lao động. Liên hệ với tác giả qua hộp thư điện tử của tòa soạn hoặc số điện thoại đường dây nóng của báo.</div><p>`+p3+`</p></div></article>`),
			want: []string{para, p2, p3},
		},
		{
			name: "widget labels, credits and datelines are not text",
			html: page2("", `<article><p>Thứ Tư, ngày 9 tháng 2 năm 2022 - 09:00</p><p>`+para+`</p><p>Quảng cáo</p><figure><img src="a.jpg"><figcaption>Đoàn viên nhận quà Tết. <span class="photo-credit">Ảnh: Minh Anh</span></figcaption></figure><p>Ảnh 1/5</p><p>Photo by Minh Anh/TTXVN</p><p>`+p2+`</p><p>Cập nhật: 11/01/2022</p></article>`),
			want: []string{para, "Đoàn viên nhận quà Tết.", p2},
		},
		{
			name: "a link that shows its address is text",
			html: page2("", `<article><p>`+para+`</p><p>Xem toàn văn: <a href="https://congdoan.vn/van-ban">https://congdoan.vn/van-ban</a></p><p><a href="/tin-khac">Công đoàn trao 200 suất quà Tết cho công nhân khó khăn</a></p><p>`+p2+`</p></article>`),
			want: []string{para, "Xem toàn văn: https://congdoan.vn/van-ban", p2},
		},
		{
			name: "a short line repeated further on is kept, repeated in a row it is not",
			html: page2("", `<article><h3>Bữa sáng</h3><p>`+para+`</p><p>Định mức: 1 suất mỗi người</p><h3>Bữa trưa</h3><p>`+p2+`</p><p>Định mức: 1 suất mỗi người</p><p>Định mức: 1 suất mỗi người</p><p>`+p3+`</p></article>`),
			want: []string{"Bữa sáng", para, "Định mức: 1 suất mỗi người", "Bữa trưa", p2, "Định mức: 1 suất mỗi người", p3},
		},
		{
			name: "a list with a few links in its items is text",
			html: page2("", `<article><p>`+para+`</p><ul><li>Công đoàn cơ sở <a href="/a">Công ty May 10</a> kết nạp 120 đoàn viên mới.</li><li>Công đoàn cơ sở <a href="/b">Giày Thượng Đình</a> tổ chức 3 lớp tập huấn.</li><li>Công đoàn ngành <a href="/c">Giáo dục</a> trao 50 suất học bổng.</li></ul><p>`+p2+`</p><p>`+p3+`</p></article>`),
			want: []string{para, "Công đoàn cơ sở Công ty May 10 kết nạp 120 đoàn viên mới.", "Công đoàn cơ sở Giày Thượng Đình tổ chức 3 lớp tập huấn.", "Công đoàn ngành Giáo dục trao 50 suất học bổng.", p2, p3},
		},
		{
			name: "a short sentence before a left-out box is kept, a list's label is not",
			html: page2("", `<article><p>`+para+`</p><p>Hội nghị kết thúc lúc 11 giờ.</p><div class="tinlienquan"><a href="/1">Một tin liên quan có tiêu đề dài</a></div><p>`+p2+`</p><p>Tin liên quan</p><div class="related"><a href="/2">Một tin khác có tiêu đề dài</a></div><p>`+p3+`</p></article>`),
			want: []string{para, "Hội nghị kết thúc lúc 11 giờ.", p2, p3},
		},
		{
			name: "divs used as paragraphs beside the best one",
			html: page2("", `<div class="body"><div class="para">`+short+`</div><div class="para">`+para+`<br><br>`+p2+`<br><br>`+p3+`</div><div class="para">`+p4+`</div></div><div class="sidebar"><a href="/x">Đọc nhiều nhất trong tuần qua</a></div>`),
			want: []string{short, para, p2, p3, p4},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := cleanHTML(tc.html, "", nil)
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
	for _, s := range []string{"<!DOCTYPE html><p>x", "  <html lang=vi>", "<div class=a>x</div>", "<P>Đoạn văn</P>", `<p style="margin: 0"><span lang="EN-US">Đoạn</span> văn</p>`} {
		if !looksLikeHTML(s) {
			t.Errorf("looksLikeHTML(%q) = false", s)
		}
	}
	for _, s := range []string{"Công đoàn có 50 đoàn viên.", "a < b > c", "Tin liên quan\nTrang chủ", "điểm <a> và <b> của bài"} {
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

// TestCleanHTMLArticleTeasers checks that teasers marked up as <article>
// elements, however deeply the theme nests them and whatever came of
// their headline links, make a listing; the same teasers beside an
// article's own prose do not.
func TestCleanHTMLArticleTeasers(t *testing.T) {
	var items strings.Builder
	for i := 0; i < 6; i++ {
		items.WriteString(`<article class="story"><h2><a href="/tin/` + string(rune('a'+i)) + `">Liên đoàn Lao động huyện trao quà Tết cho công nhân lần ` + string(rune('A'+i)) + `</a></h2><span class="time">02/08/2021 16:06</span><div class="summary">LĐLĐ- Liên đoàn Lao động huyện trao 200 suất quà Tết cho công nhân có hoàn cảnh khó khăn trên địa bàn, mỗi suất trị giá 500.000 đồng gồm tiền mặt và nhu yếu phẩm, do các doanh nghiệp đóng góp.</div></article>`)
	}
	featured := `<div class="featured"><article class="story"><a href="/x"><img src="x.jpg" alt=""></a><h2><a href="/x">Đừng xét tuyển đại học chỉ căn cứ vào điểm học bạ của thí sinh</a></h2></article></div>`
	listing := page2("<title>Công đoàn</title>", `<div class="l-content">`+featured+`<div class="timeline">`+items.String()+`</div></div>`)
	if p := cleanHTML(listing, "", nil); p.IsArticle || p.Body != "" {
		t.Errorf("listing taken for an article: %q", p.Body)
	}
	art := page2("<title>Hội nghị</title>", `<div class="l-content"><div class="noidung"><p>`+para+`</p><p>`+para+` Thêm.</p><p>`+para+` Hai.</p><p>`+para+` Ba.</p></div><div class="timeline">`+items.String()+`</div></div>`)
	if p := cleanHTML(art, "", nil); !p.IsArticle || !strings.Contains(p.Body, para) {
		t.Errorf("article beside teasers not taken: %q", p.Body)
	}
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

// TestIsDateline checks what counts as a line holding a date and nothing
// else.
func TestIsDateline(t *testing.T) {
	for _, s := range []string{
		"Published November 20th, 2019 - 07:29 GMT",
		"UPDATED: Tue., Nov. 19, 2019",
		"Thứ Tư, ngày 9 tháng 2 năm 2022 - 09:00",
		"Cập nhật: 11/01/2021",
		"05.02.2020",
	} {
		if !isDateline(s) {
			t.Errorf("isDateline(%q) = false", s)
		}
	}
	for _, s := range []string{
		"+81 158-23-2012",
		"Năm 2021, công đoàn kết nạp 1.245 đoàn viên.",
		"Hội nghị ngày 9/2/2022 bầu Ban Chấp hành mới",
		"2022",
	} {
		if isDateline(s) {
			t.Errorf("isDateline(%q) = true", s)
		}
	}
}

// TestKWSet checks the keyword finder on its edges: one-byte keywords,
// keywords at the end, keywords sharing a first byte.
func TestKWSet(t *testing.T) {
	k := newKWSet("share", "sidebar", "x", "-ad-")
	for _, s := range []string{"post-share", "sidebar", "box x", "x", "top-ad-slot", "is-sidebar-left"} {
		if !k.in(s) {
			t.Errorf("in(%q) = false", s)
		}
	}
	for _, s := range []string{"", "shar", "side-bar", "ad-", "content"} {
		if k.in(s) {
			t.Errorf("in(%q) = true", s)
		}
	}
}
