package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestParseDateline(t *testing.T) {
	valid := []struct{ in, want string }{
		{"Thứ Tư, ngày 9 tháng 2 năm 2022 - 09:00", "2022-02-09T09:00"},
		{"11/01/2021", "2021-01-11"},
		{"Thứ ba 03/08/2021 02:10", "2021-08-03T02:10"},
		{"Cập nhật: 11/01/2021", "2021-01-11"},
		{"Cập nhật lúc 15:20, ngày 11/01/2021", "2021-01-11T15:20"},
		{"09:00 09/02/2022", "2022-02-09T09:00"},
		{"2022-02-09", "2022-02-09"},
		{"2022-02-09T09:00:00+07:00", "2022-02-09T09:00"},
		{"2022-02-09T02:00:00Z", "2022-02-09T09:00"},
		{"2022-02-08T20:30:00-05:00", "2022-02-09T08:30"},
		{"Thứ Tư, 09/02/2022 09:00 (GMT+7)", "2022-02-09T09:00"},
		{"Thứ Tư, 09/02/2022 - 09:00 GMT+07:00", "2022-02-09T09:00"},
		{"11/01/2021 1884 Đã xem", "2021-01-11"},
		{"Hoàng Tâm - Thể thao Việt Nam | 06:10 07/02/2017", "2017-02-07T06:10"},
		{"Chủ nhật, 9-2-2022, 9h30", "2022-02-09T09:30"},
		{"09.02.2022 | 9:05 PM", "2022-02-09T21:05"},
		{"Ngày đăng: 9 tháng 2, 2022", "2022-02-09"},
		{"Thứ Hai, 29/02/2016", "2016-02-29"},
		{"NGÀY 9 THÁNG 2 NĂM 2022", "2022-02-09"},
		{"Đăng lúc: 14 giờ 05 phút, 09/02/2022", "2022-02-09T14:05"},
		{"12:30 AM 09/02/2022", "2022-02-09T00:30"},
		{"09/02/2022 25:00", "2022-02-09"},
		{"Ngày 09/02/2022 lúc 9h", "2022-02-09T09:00"},
		{"2022-02-09T09:00:00.000Z", "2022-02-09T16:00"},
		{"(09/02/2022)", "2022-02-09"},
		{"Tác giả: Minh Anh | 09/02/2022", "2022-02-09"},
	}
	for _, c := range valid {
		got, ok := parseDateline(c.in)
		if !ok || got != c.want {
			t.Errorf("parseDateline(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	invalid := []string{
		"",
		"© 2022 Liên đoàn Lao động tỉnh",
		"Bản quyền thuộc về Báo Lao Động 09/02/2022",
		"Ngày 12/6, Liên đoàn Lao động huyện tổ chức Đại hội",
		"Sáng 15/7/2021, LĐLĐ tỉnh trao quà cho công nhân",
		"ban hành Nghị quyết 02 ngày 22/5/2018 về tăng cường công tác phát triển đoàn viên",
		"Thứ Hai, 30/02/2021",
		"13/13 chỉ tiêu",
		"Nghị quyết 02-NQ/TW",
		"Giấy phép số: 03/GP-TTĐT do Sở Thông tin & Truyền thông cấp ngày 11/10/2016.",
		"Tổng số: 195 | Trang: 1 trên tổng số 20 trang",
		"năm 2022",
		"09/02",
		"1/2/3",
		"09/02/22",
		"(28/7/1929 - 28/7/2021), đồng chí Nguyễn Đình Khang, Uỷ viên BCH Trung ương Đảng, Chủ tịch",
		"Quyết định 15/3/2022/QĐ-UBND",
		"2022-13-01",
		"Thời gian nộp hồ sơ: đến hết ngày 31.8.2021 tại văn phòng công đoàn",
		strings.Repeat("09/02/2022 ", 100),
	}
	for _, in := range invalid {
		if got, ok := parseDateline(in); ok {
			t.Errorf("parseDateline(%q) = %q, want no dateline", in, got)
		}
	}
}

// FuzzParseDateline checks the contract on any input: no panic, and a
// result is "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM".
func FuzzParseDateline(f *testing.F) {
	for _, s := range []string{"Thứ Tư, ngày 9 tháng 2 năm 2022 - 09:00", "11/01/2021 1884 Đã xem",
		"2022-02-09T02:00:00Z", "09:00 09/02/2022", "© 2022", "9h 9/2/2022 (GMT+7)"} {
		f.Add(s)
	}
	shape := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$`)
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := parseDateline(s); ok && !shape.MatchString(got) {
			t.Errorf("parseDateline(%q) = %q", s, got)
		}
	})
}

// seedGold is one file of golden/clean.
type seedGold struct {
	Doc       string  `json:"doc"`
	Title     string  `json:"title"`
	Published *string `json:"published"`
	Author    *string `json:"author"`
	Body      string  `json:"body"`
}

// shingleF1 scores a body against the gold as the clean benchmarks do:
// word tokens (letters, digits, marks), lower-cased, 4-gram shingles,
// multiset overlap.
func shingleF1(got, want string) (p, r, f float64) {
	g, w := shingles(got), shingles(want)
	ng, nw, common := 0, 0, 0
	for s, c := range g {
		ng += c
		common += min(c, w[s])
	}
	for _, c := range w {
		nw += c
	}
	if ng == 0 || nw == 0 {
		if ng == nw {
			return 1, 1, 1
		}
		return 0, 0, 0
	}
	p, r = float64(common)/float64(ng), float64(common)/float64(nw)
	if p+r == 0 {
		return p, r, 0
	}
	return p, r, 2 * p * r / (p + r)
}

var wordTokenRe = regexp.MustCompile(`[\p{L}\p{N}\p{M}_]+`)

func shingles(s string) map[string]int {
	toks := wordTokenRe.FindAllString(strings.ToLower(s), -1)
	out := map[string]int{}
	if len(toks) < 4 {
		if len(toks) > 0 {
			out[strings.Join(toks, " ")]++
		}
		return out
	}
	for i := 0; i+4 <= len(toks); i++ {
		out[strings.Join(toks[i:i+4], " ")]++
	}
	return out
}

func TestCleanTextSeeds(t *testing.T) {
	goldDir := filepath.Join("..", "..", "shared", "data", "golden", "clean")
	files, _ := filepath.Glob(filepath.Join(goldDir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no gold in %s", goldDir)
	}
	for _, gf := range files {
		raw, err := os.ReadFile(gf)
		if err != nil {
			t.Fatal(err)
		}
		var g seedGold
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("%s: %v", gf, err)
		}
		src, err := os.ReadFile(filepath.Join("testdata", "seeds", g.Doc))
		if err != nil {
			t.Errorf("%s: %v", g.Doc, err)
			continue
		}
		text, err := decodeText(src)
		if err != nil {
			t.Fatalf("%s: %v", g.Doc, err)
		}
		p := cleanText(text)
		pr, rc, f1 := shingleF1(p.Body, g.Body)
		t.Logf("%s: body P=%.3f R=%.3f F1=%.3f", g.Doc, pr, rc, f1)
		if f1 < 0.97 {
			t.Errorf("%s: body F1 %.3f < 0.97\n got: %q", g.Doc, f1, p.Body)
		}
		if p.Title != g.Title {
			t.Errorf("%s: title %q, want %q", g.Doc, p.Title, g.Title)
		}
		wantDate := ""
		if g.Published != nil {
			wantDate, _, _ = strings.Cut(*g.Published, "T")
		}
		if gotDate, _, _ := strings.Cut(p.Published, "T"); gotDate != wantDate {
			t.Errorf("%s: published %q, want date %q", g.Doc, p.Published, wantDate)
		}
		wantAuthor := ""
		if g.Author != nil {
			wantAuthor = *g.Author
		}
		if p.Author != wantAuthor {
			t.Errorf("%s: author %q, want %q", g.Doc, p.Author, wantAuthor)
		}
		if !p.IsArticle {
			t.Errorf("%s: not an article", g.Doc)
		}
		if p.Body == g.Body {
			t.Logf("%s: body identical to gold", g.Doc)
		}
	}
}

// Made-up sentences for the cleaner tests: long enough to be prose.
const (
	tcP1 = "Sáng 9/2, Liên đoàn Lao động huyện tổ chức hội nghị tổng kết hoạt động công đoàn năm 2021 với sự tham dự của đông đảo đoàn viên."
	tcP2 = "Trong năm, các cấp công đoàn đã thăm hỏi, tặng quà cho hơn 500 đoàn viên có hoàn cảnh khó khăn với tổng số tiền 250 triệu đồng."
	tcP3 = "Hội nghị đề ra phương hướng, nhiệm vụ năm 2022, trong đó tập trung phát triển đoàn viên và thành lập công đoàn cơ sở mới."
	tcP4 = "Dịp này, Ban Thường vụ Liên đoàn Lao động tỉnh tặng bằng khen cho 12 tập thể và 20 cá nhân có thành tích xuất sắc trong năm."
)

// tcDump joins lines with blank lines, as the page dumps print blocks.
func tcDump(lines ...string) string { return strings.Join(lines, "\n\n") }

func TestCleanTextRules(t *testing.T) {
	const title = "Công đoàn huyện tổng kết hoạt động năm 2021"
	cases := []struct {
		name                     string
		in                       string
		title, published, author string
		body                     []string // the paragraphs, in order
	}{
		{
			name: "font size, slideshow, banner slug, share bar and view counter are dropped",
			in: tcDump("  • Slideshow Chạy chính 1", "  • Slideshow Chạy chính 2", "banner-cong-doan-tinh",
				title, "09/02/2022 1884 Đã xem", "Cỡ chữ: A+ A-", "Chia sẻ", "Facebook Twitter Zalo",
				tcP1, "Lượt xem: 1.234", tcP2),
			title: title, published: "2022-02-09", body: []string{tcP1, tcP2},
		},
		{
			name:  "dateline with time above the headline; a site label is no headline",
			in:    tcDump("Thứ ba 03/08/2021 02:10", "Liên đoàn Lao động tỉnh", title, tcP1, tcP2),
			title: title, published: "2021-08-03T02:10", body: []string{tcP1, tcP2},
		},
		{
			name:  "Vietnamese dateline under the headline, indentation removed, inner NBSP kept",
			in:    tcDump(title, "Thứ Tư, ngày 9 tháng 2 năm 2022 - 09:00", "\u00a0\u00a0 "+tcP1+" \u00a0", "  Chỉ tiêu đạt\u00a0 106 % so với kế hoạch năm được giao cho toàn huyện."),
			title: title, published: "2022-02-09T09:00",
			body: []string{tcP1, "Chỉ tiêu đạt\u00a0 106 % so với kế hoạch năm được giao cho toàn huyện."},
		},
		{
			name:  "a section label above the headline is no headline",
			in:    tcDump("Trang chủ / Tin tức / Hoạt động", "Tin tức - Sự kiện", title, tcP1, tcP2),
			title: title, body: []string{tcP1, tcP2},
		},
		{
			name:  "a lede right under the headline; an event date is no dateline",
			in:    title + "\nNgày 12/6, Liên đoàn Lao động huyện tổ chức Đại hội Công đoàn huyện lần thứ XI.\nanh tin bai\n\nLãnh đạo huyện tặng hoa chúc mừng Đại hội.\n\n" + tcP2,
			title: title,
			body:  []string{"Ngày 12/6, Liên đoàn Lao động huyện tổ chức Đại hội Công đoàn huyện lần thứ XI.", "Lãnh đạo huyện tặng hoa chúc mừng Đại hội.", tcP2},
		},
		{
			name: "alt lines repeating the headline go, captions and subheadings stay",
			in: tcDump(title, tcP1, title+"\nLãnh đạo LĐLĐ tỉnh phát biểu tại hội nghị", "Nhiều kết quả nổi bật",
				"Công đoàn huyện tổng kết hoạt động năm 2021 tại hội trường\nCác đại biểu dự hội nghị.", tcP2),
			title: title,
			body:  []string{tcP1, "Lãnh đạo LĐLĐ tỉnh phát biểu tại hội nghị", "Nhiều kết quả nổi bật", "Các đại biểu dự hội nghị.", tcP2},
		},
		{
			name:  "an alt text repeating its caption is dropped",
			in:    tcDump(title, tcP1, "Các đại biểu dự hội nghị", "Các đại biểu dự hội nghị", tcP2),
			title: title, body: []string{tcP1, "Các đại biểu dự hội nghị", tcP2},
		},
		{
			name:  "a related-articles box flattened into one line is dropped",
			in:    title + "\n\n" + tcP1 + "\nHà Nam: Công nhân được hỗ trợ tiền thuê nhà trọ trong đợt dịch Các cấp công đoàn đồng hành cùng người lao động trong cuộc chiến chống dịch bệnh Covid-19 Công đoàn ngành Y tế kết nạp 300 đoàn viên mới\n\n" + tcP2,
			title: title, body: []string{tcP1, tcP2},
		},
		{
			name: "an inline 'Tin liên quan' run is skipped and the article goes on",
			in: tcDump(title, tcP1, "Tin liên quan", "Công đoàn tỉnh trao 300 suất quà Tết cho công nhân",
				"Hội nghị đối thoại với người lao động tại khu công nghiệp", tcP2),
			title: title, body: []string{tcP1, tcP2},
		},
		{
			name: "signature with a role line, then related lists, counters and footer",
			in: tcDump(title, tcP1, tcP2, "\u00a0", "Phùng Quang Huấn", "\u00a0\u00a0\u00a0\u00a0 Chủ tịch LĐLĐ huyện Na Hang",
				"Tổng số: 195 | Trang: 1 trên tổng số 20 trang", "Xem tin theo ngày: / /"),
			title: title, author: "Phùng Quang Huấn", body: []string{tcP1, tcP2},
		},
		{
			name: "office byline, then a list heading and a site footer",
			in: tcDump(title, tcP1, tcP2, "Văn phòng LĐLĐ tỉnh", "Bài viết cùng chuyên mục",
				"TRANG THÔNG TIN ĐIỆN TỬ TỔNG HỢP", "Địa chỉ: 417 Trần Hưng Đạo, Tp. Phan Thiết", "Điện thoại: (0252) 3 822398",
				"Giấy phép số: 03/GP-TTĐT do Sở Thông tin & Truyền thông cấp ngày 11/10/2016.", "Top"),
			title: title, author: "Văn phòng LĐLĐ tỉnh", body: []string{tcP1, tcP2},
		},
		{
			name: "name signature, comment box, licence and copyright",
			in: tcDump(title, tcP1, tcP2, "Hải Yến", "Bình luận bài viết", "Bình luận", "BÁO ĐIỆN TỬ",
				"Giấy phép xuất bản số 68/GP-BTTTT do Bộ Thông tin - Truyền thông cấp ngày 16/2/2017",
				"© 2022 Bản quyền thuộc về Báo điện tử"),
			title: title, author: "Hải Yến", body: []string{tcP1, tcP2},
		},
		{
			name: "header byline with an honorific and a role, behind a section label",
			in: tcDump(title, "Hoạt động công đoàn - Đ/c Nguyễn Văn Danh - Chủ tịch LĐLĐ tỉnh Hà Tĩnh", tcP1,
				"Đồng chí Nguyễn Văn Danh - Chủ tịch LĐLĐ tỉnh Hà Tĩnh", tcP2),
			title: title, author: "Nguyễn Văn Danh",
			body: []string{tcP1, "Đồng chí Nguyễn Văn Danh - Chủ tịch LĐLĐ tỉnh Hà Tĩnh", tcP2},
		},
		{
			name: "teasers printing their headline twice end the article",
			in: tcDump(title, tcP1, tcP2,
				"Công đoàn tỉnh trao 300 suất quà cho công nhân Công đoàn tỉnh trao 300 suất quà cho công nhân",
				"Sáng 15/7, Công đoàn tỉnh trao 300 suất quà cho công nhân có hoàn cảnh khó khăn tại khu công nghiệp ...",
				"Chia sẻ", "Tin cùng chuyên mục", "Hội nghị đối thoại tại doanh nghiệp", tcP3),
			title: title, body: []string{tcP1, tcP2},
		},
		{
			name: "a run of headlines after the last paragraph is a teaser list",
			in: tcDump(title, tcP1, tcP2, "Công đoàn tỉnh trao 300 suất quà Tết cho công nhân lao động",
				"Hội nghị đối thoại với người lao động tại khu công nghiệp phía Bắc",
				"Liên đoàn Lao động huyện kết nạp thêm 120 đoàn viên công đoàn mới"),
			title: title, body: []string{tcP1, tcP2},
		},
		{
			name:  "one caption after the last paragraph stays",
			in:    tcDump(title, tcP1, tcP2, "Các đại biểu chụp ảnh lưu niệm tại hội nghị"),
			title: title, body: []string{tcP1, tcP2, "Các đại biểu chụp ảnh lưu niệm tại hội nghị"},
		},
		{
			name: "visit counters and tags end the article",
			in: tcDump(title, tcP1, tcP2, "  • Từ khóa :", "BẢN ĐỒ HUYỆN", "Đăng nhập", "Thống kê truy cập",
				"  • Đang online: 45", "  • Hôm nay: 3815"),
			title: title, body: []string{tcP1, tcP2},
		},
		{
			name:  "one contact line inside the article is no footer",
			in:    tcDump(title, tcP1, "Địa chỉ: số 12 đường Trần Phú, thành phố Hà Tĩnh.", tcP2, tcP3),
			title: title, body: []string{tcP1, "Địa chỉ: số 12 đường Trần Phú, thành phố Hà Tĩnh.", tcP2, tcP3},
		},
		{
			name:  "a total in the article is no page counter; page links are furniture",
			in:    tcDump(title, tcP1, "Tổng số: 1.738 đoàn viên", tcP2, "« Trước 1 2 3 Sau »"),
			title: title, body: []string{tcP1, "Tổng số: 1.738 đoàn viên", tcP2},
		},
		{
			name:  "a sentence about a copyright is no footer",
			in:    tcDump(title, tcP1, "Cơ quan chủ quản cấp trên không nên can thiệp quá sâu vào hoạt động chuyên môn của công đoàn cơ sở trong doanh nghiệp.", tcP2),
			title: title,
			body:  []string{tcP1, "Cơ quan chủ quản cấp trên không nên can thiệp quá sâu vào hoạt động chuyên môn của công đoàn cơ sở trong doanh nghiệp.", tcP2},
		},
		{
			name:  "signature with outlet and dateline dates the page",
			in:    tcDump(title, tcP1, tcP2, "Minh Anh - Báo Lao Động | 06:10 07/02/2022", "Tin liên quan", "Công đoàn tỉnh trao 300 suất quà Tết"),
			title: title, published: "2022-02-07T06:10", author: "Minh Anh", body: []string{tcP1, tcP2},
		},
		{
			name:  "a source line signs a reposted article",
			in:    tcDump(title, tcP1, tcP2, "Theo Lao Động"),
			title: title, author: "Lao Động", body: []string{tcP1, tcP2},
		},
		{
			name:  "a headline ending with a question mark is not the first paragraph",
			in:    "Vì sao công nhân chưa mặn mà với nhà ở xã hội dành cho người lao động?\n" + tcP1 + "\n" + tcP2,
			title: "Vì sao công nhân chưa mặn mà với nhà ở xã hội dành cho người lao động?", body: []string{tcP1, tcP2},
		},
		{
			name:  "a hard-wrapped dump is joined back",
			in:    tcWrap(title+"\n\n"+tcP1+" "+tcP2+"\n\n"+tcP3+" "+tcP4, 72),
			title: title, body: []string{tcP1 + " " + tcP2, tcP3 + " " + tcP4},
		},
		{
			name: "plain text with no prose is kept whole",
			in:   "LĐLĐ tỉnh trao 500 suất quà\n\nKinh phí 250 triệu đồng",
			body: []string{"LĐLĐ tỉnh trao 500 suất quà", "Kinh phí 250 triệu đồng"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := cleanText(c.in)
			if p.Title != c.title {
				t.Errorf("title %q, want %q", p.Title, c.title)
			}
			if p.Published != c.published {
				t.Errorf("published %q, want %q", p.Published, c.published)
			}
			if p.Author != c.author {
				t.Errorf("author %q, want %q", p.Author, c.author)
			}
			if want := strings.Join(c.body, "\n\n"); p.Body != want {
				t.Errorf("body:\n%s\nwant:\n%s", p.Body, want)
			}
			if !p.IsArticle {
				t.Errorf("not an article")
			}
		})
	}
}

// tcWrap hard-wraps each paragraph of s at width runes, like a text
// browser's dump.
func tcWrap(s string, width int) string {
	var out []string
	for _, para := range strings.Split(s, "\n\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
				out = append(out, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		out = append(out, line, "")
	}
	return strings.Join(out, "\n")
}

func TestCleanTextListing(t *testing.T) {
	heads := []string{
		"Công đoàn tỉnh trao quà Tết cho công nhân lao động tại khu công nghiệp",
		"Hội nghị đối thoại giữa người sử dụng lao động và đại diện tập thể",
		"Liên đoàn Lao động huyện kết nạp thêm hàng trăm đoàn viên mới trong quý",
		"Đại hội Công đoàn cơ sở trường tiểu học thành công tốt đẹp nhiệm kỳ mới",
		"Tập huấn nghiệp vụ cho cán bộ công đoàn cơ sở khối doanh nghiệp tư nhân",
		"Trao mái ấm Công đoàn cho đoàn viên có hoàn cảnh đặc biệt khó khăn ở xã",
		"Phát động tháng hành động về an toàn vệ sinh lao động năm nay tại tỉnh",
		"Chương trình Tết Sum vầy mang xuân ấm áp đến với người lao động xa quê",
		"Ký kết thỏa ước lao động tập thể ngành dệt may có nhiều điểm có lợi hơn",
		"Giải bóng đá nam công nhân viên chức lao động khai mạc trên sân vận động",
		"Khám sức khỏe miễn phí cho nữ công nhân tại các doanh nghiệp điện tử lớn",
		"Tuyên dương những tấm gương lao động giỏi, lao động sáng tạo tiêu biểu",
	}
	var lines []string
	for i, h := range heads {
		lines = append(lines, h,
			fmt.Sprintf("Ngày %d/1, đơn vị đã tổ chức chương trình với sự tham gia của đông đảo công nhân, người lao động trên địa bàn.", i+1))
	}
	p := cleanText(tcDump(lines...))
	if p.IsArticle || p.Body != "" {
		t.Errorf("listing taken for an article: %q", p.Body)
	}
}

func TestCleanTextNoPanic(t *testing.T) {
	inputs := []string{"", "\n\n\n", "\u00a0", "·", "a", strings.Repeat("x", 100000),
		strings.Repeat("Tin liên quan\n", 1000), strings.Repeat("Minh Anh\n\n", 500),
		strings.Repeat(tcP1+"\n", 2000), "\xff\xfe invalid", strings.Repeat("• \n", 300)}
	// large inputs must stay linear: one long line, many short lines, a
	// hard-wrapped paragraph of a megabyte, many related-article headings
	inputs = append(inputs, strings.Repeat(tcP1+" ", 20000),
		strings.Repeat(tcP1+"\n\n", 20000), tcWrap(strings.Repeat(tcP2+" ", 8000), 72),
		strings.Repeat(tcP1+"\n\nTin liên quan\n\nMinh Anh\n\n", 5000))
	for _, in := range inputs {
		_ = cleanText(in) // must not panic
	}
}

// FuzzCleanText checks that any text is cleaned without a panic, and
// that the body is made of trimmed, non-empty paragraphs.
func FuzzCleanText(f *testing.F) {
	f.Add(tcDump("Công đoàn huyện tổng kết năm", "09/02/2022 09:00", tcP1, "Minh Anh", "Tin liên quan", "Bình luận"))
	f.Add("Tiêu đề\nNgày 12/6, LĐLĐ tổ chức hội nghị với nhiều đại biểu tham dự.\nanh tin bai\n\n© 2022")
	f.Fuzz(func(t *testing.T, s string) {
		p := cleanText(s)
		if p.Body == "" {
			return
		}
		if !p.IsArticle {
			t.Errorf("a body but no article: %q", p.Body)
		}
		for _, para := range strings.Split(p.Body, "\n\n") {
			if para == "" || para != tcTrim(para) {
				t.Errorf("paragraph %q is empty or not trimmed", para)
			}
		}
	})
}

func TestSplitSignature(t *testing.T) {
	body := []string{tcP1, tcP2}
	signed := []struct {
		tail   []string
		author string
	}{
		{[]string{"Minh Anh"}, "Minh Anh"},
		{[]string{"PV"}, "PV"},
		{[]string{"T.Thủy"}, "T.Thủy"},
		{[]string{"Nguyễn Văn Danh - Chủ tịch LĐLĐ tỉnh Hà Tĩnh"}, "Nguyễn Văn Danh"},
		{[]string{"Đ/c Nguyễn Văn Danh - Chủ tịch LĐLĐ tỉnh Hà Tĩnh"}, "Nguyễn Văn Danh"},
		{[]string{"TS. Nguyễn Thị Hoa, Trưởng ban Nữ công"}, "Nguyễn Thị Hoa"},
		{[]string{"Phùng Quang Huấn", "Chủ tịch LĐLĐ huyện Na Hang"}, "Phùng Quang Huấn"},
		{[]string{"Theo Lao Động"}, "Lao Động"},
		{[]string{"(Theo laodong.vn)"}, "laodong.vn"},
		{[]string{"Trang Phạm", "Theo The Conversation"}, "Trang Phạm"},
		{[]string{"Anh Tú (Theo ESPN FC)"}, "Anh Tú"},
		{[]string{"Văn phòng LĐLĐ tỉnh"}, "Văn phòng LĐLĐ tỉnh"},
		{[]string{"Ban Tuyên giáo LĐLĐ tỉnh Bình Thuận"}, "Ban Tuyên giáo LĐLĐ tỉnh Bình Thuận"},
		{[]string{"Minh Anh - Hải Yến"}, "Minh Anh - Hải Yến"},
		{[]string{"Hoàng Tâm - Thể thao Việt Nam | 06:10 07/02/2017"}, "Hoàng Tâm"},
		{[]string{"Tin, ảnh: Minh Anh"}, "Minh Anh"},
		{[]string{"Nhật ThanhVietnamNet"}, "Nhật Thanh"},
		{[]string{"Nguyễn Thị Hoa - CĐCS Công ty may Hòa Thọ"}, "Nguyễn Thị Hoa"},
		{[]string{"Minh Anh (LĐLĐ huyện Na Hang)"}, "Minh Anh"},
		{[]string{"Quân Đỗ - Bá Đoàn"}, "Quân Đỗ - Bá Đoàn"},
		{[]string{"Minh Anh, Hải Yến"}, "Minh Anh, Hải Yến"},
	}
	for _, c := range signed {
		rest, author := splitSignature(append(append([]string{}, body...), c.tail...))
		if author != c.author || !slices.Equal(rest, body) {
			t.Errorf("splitSignature(… %q) = %q, %q; want the body and %q", c.tail, rest, author, c.author)
		}
	}
	unsigned := [][]string{
		{tcP3},
		{"Các đại biểu dự hội nghị."},
		{"Lãnh đạo LĐLĐ tỉnh phát biểu tại hội nghị"},
		{"Theo kế hoạch, hội nghị sẽ diễn ra trong hai ngày"},
		{"Chủ tịch LĐLĐ huyện phát biểu chỉ đạo hội nghị."},
		{"Kết luận"},
		{"Tiếp tục đổi mới từ thành quả đã đạt được"},
		{"Hà Tĩnh: Công đoàn đồng hành cùng người lao động"},
		{"Đại hội Công đoàn huyện Nho Quan"},
		{"Hội Nghị Tổng Kết"},
		{"Trung Quốc - bài toán khó của nhiều nước"},
		{"Nguyễn Văn A phát biểu"},
	}
	for _, tail := range unsigned {
		in := append(append([]string{}, body...), tail...)
		rest, author := splitSignature(in)
		if author != "" || !slices.Equal(rest, in) {
			t.Errorf("splitSignature(… %q) = %q, %q; want no signature", tail, rest, author)
		}
	}
	if rest, author := splitSignature([]string{"Minh Anh"}); author != "" || len(rest) != 1 {
		t.Errorf("a page that is only a name was signed: %q %q", rest, author)
	}
	if rest, author := splitSignature(nil); author != "" || len(rest) != 0 {
		t.Errorf("splitSignature(nil) = %q, %q", rest, author)
	}
}

// TestWordCounters: the allocation-free counters agree with the slices
// they stand for.
func TestWordCounters(t *testing.T) {
	for _, s := range []string{"", "   ", "Công đoàn  cơ sở", "• Trang 1 | 2 | 3 »", "A+ A-", "\u00a0Hôm nay:\t3815 ", "--- ***", "anh1.jpg"} {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d, want %d", s, got, want)
		}
		if got, want := tcCountWordRuns(s), len(tcWordsOf(foldPhrase(s))); got != want {
			t.Errorf("tcCountWordRuns(%q) = %d, want %d", s, got, want)
		}
	}
}
