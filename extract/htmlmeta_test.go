package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

func metaDoc(t *testing.T, src string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestPublishedHTMLMeta(t *testing.T) {
	cases := []struct {
		name, url, html, want string
	}{
		{"og published beats modified", "",
			`<html><head><meta property="article:modified_time" content="2021-05-01T10:00:00+02:00">
			<meta property="article:published_time" content="2021-03-08T09:15:00+01:00"></head><body><p>x</p></body></html>`,
			"2021-03-08T09:15"},
		{"meta name date", "", `<html><head><meta name="date" content="2019-12-16"></head><body></body></html>`, "2019-12-16"},
		{"DC.date.issued", "", `<head><meta name="DC.date.issued" content="2018-06-22"></head>`, "2018-06-22"},
		{"sailthru", "", `<head><meta name="sailthru.date" content="2020-01-28 10:02:00"></head>`, "2020-01-28T10:02"},
		{"itemprop meta", "", `<body><div><meta itemprop="datePublished" content="2016-12-30"></div></body>`, "2016-12-30"},
		{"json-ld", "", `<head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
			"dateModified":"2022-02-03T12:00:00Z","datePublished":"2022-02-02T08:30:00Z","headline":"H"}</script></head>`, "2022-02-02T08:30"},
		{"json-ld graph prefers article", "", `<head><script type="application/ld+json">{"@graph":[
			{"@type":"WebPage","datePublished":"2020-01-01T00:00:00+00:00"},
			{"@type":"Article","datePublished":"2021-04-28T07:00:00+00:00"}]}</script></head>`, "2021-04-28T07:00"},
		{"broken json-ld", "", `<head><script type="application/ld+json">{"@type":"Article", "datePublished": "2019-10-19T06:00:00+02:00", }</script></head>`, "2019-10-19T06:00"},
		{"url date", "https://example.org/blog/2014/05/18/post/", `<body><p>Nothing</p></body>`, "2014-05-18"},
		{"web archive url is no date", "https://web.archive.org/web/20160526181643/http://x.de/2008/07/29/a", `<body><p>8. März 2021</p></body>`, "2021-03-08"},
		{"time pubdate", "", `<body><time datetime="2015-11-12T10:00" pubdate>12.11.</time></body>`, "2015-11-12T10:00"},
		{"time entry-date", "", `<body><time class="updated" datetime="2016-01-01">x</time><time class="entry-date published" datetime="2015-11-12">x</time></body>`, "2015-11-12"},
		{"abbr published", "", `<body><abbr class="published" title="2009-02-18T10:00:00">18 Feb</abbr></body>`, "2009-02-18T10:00"},
		{"german dateline", "", `<body><div class="meta">Veröffentlicht am 8. März 2021 um 10:30 Uhr</div></body>`, "2021-03-08T10:30"},
		{"english dateline", "", `<body><span class="posted-on">Posted on March 8, 2021</span></body>`, "2021-03-08"},
		{"english ordinal", "", `<body><div class="byline">By Jo, 3rd of July 2019</div></body>`, "2019-07-03"},
		{"french", "", `<body><p class="date">Publié le 5 août 2020</p></body>`, "2020-08-05"},
		{"spanish", "", `<body><span class="fecha">4 de mayo de 2022</span></body>`, "2022-05-04"},
		{"polish", "", `<body><div class="data">12 października 2021</div></body>`, "2021-10-12"},
		{"numeric day first", "", `<body><span class="date">03.08.2021</span></body>`, "2021-08-03"},
		{"numeric impossible day first", "", `<body><span class="date">01/23/2020</span></body>`, "2020-01-23"},
		{"vietnamese long", "", `<body><div class="ngaydang">Thứ Tư, ngày 9 tháng 2 năm 2022 - 09:00</div></body>`, "2022-02-09T09:00"},
		{"vietnamese numeric", "", `<body><h1>Tin</h1><div class="time">Thứ ba 03/08/2021 02:10</div></body>`, "2021-08-03T02:10"},
		{"vietnamese cap nhat", "", `<body><table><tr><td class="ngay">Cập nhật: 11/01/2021</td></tr></table></body>`, "2021-01-11"},
		{"vietnamese text dateline", "", `<body><h1>Tiêu đề</h1><p>Thứ Tư, 09/02/2022 - 09:00</p><p>Sáng 8/2, hội nghị...</p></body>`, "2022-02-09T09:00"},
		{"time before date", "", `<body><h1>T</h1><span class="time">09:00 09/02/2022</span></body>`, "2022-02-09T09:00"},
		{"chinese", "", `<body><span class="date">2021年3月8日 10:00</span></body>`, "2021-03-08T10:00"},
		{"copyright only", "", `<body><h1>T</h1><p>text</p><footer>© 2022 Báo Lao Động. Bản quyền</footer></body>`, ""},
		{"published label beats updated", "", `<body><h1>T</h1><p>Updated: 10 May 2021</p><p>Published: 8 May 2021</p></body>`, "2021-05-08"},
		{"sidebar date ignored", "", `<body><aside><span class="date">01.01.2020</span></aside><article><h1>T</h1><span class="date">05.02.2021</span></article></body>`, "2021-02-05"},
		{"comment dates ignored", "", `<body><h1>T</h1><p>body</p><div class="comments"><span class="comment-date">3 June 2021</span></div></body>`, ""},
		{"year out of bounds", "", `<body><span class="date">01.01.1890</span></body>`, ""},
		{"no date", "", `<body><h1>Nothing</h1><p>Version 1.2.3 released, call 0123-456-789.</p></body>`, ""},
		{"modified only as reserve", "", `<head><meta property="article:modified_time" content="2021-05-01"></head><body></body>`, "2021-05-01"},
		{"event date in the body is not a dateline", "", `<body><h1>Tiêu đề bài viết</h1><p>Thời gian áp dụng từ ngày 06/01/2023 đến 05/02/2023 (từ ngày 14 tháng Chạp), tổng số vé bán ra tính đến ngày 18/12/2022 là hơn 830.000 vé trên các chặng bay nội địa.</p></body>`, ""},
		{"lede dateline", "", `<body><h1>Headline here</h1><p>29.11.2022 – Mehrfach und vehement hatte die Branche gefordert, dass die Regierung endlich handelt und die Bioenergie fördert.</p></body>`, "2022-11-29"},
		{"printed dateline equal to the modified date wins", "", `<head><meta property="article:published_time" content="2021-11-29T14:13:00+01:00"><meta property="article:modified_time" content="2022-01-12T14:27:00+01:00"></head>
			<body><h1>Fische und Schmerzen</h1><div class="post-date">12.01.2022</div></body>`, "2022-01-12"},
		{"same instant printed in local time", "", `<head><meta property="article:published_time" content="2022-05-04T03:37:37+00:00"></head>
			<body><h1>Minister presente</h1><span class="date">3 de mayo de 2022 - 23:37</span></body>`, "2022-05-03T23:37"},
		{"updated label in a date element", "", `<head><meta property="article:published_time" content="2017-12-15T08:50:02-05:00"><meta property="article:modified_time" content="2018-07-24T14:15:58-04:00"></head>
			<body><h1>The best movies</h1><div class="c-byline">By A. Writer Updated Jul 24, 2018, 2:15pm EDT</div></body>`, "2017-12-15T08:50"},
		{"date in title", "", `<head><title>08.11.2021 | Online-Fachtag zum Thema</title></head><body><p>x</p></body>`, "2021-11-08"},
		{"cms timestamp id in url", "https://dantri.com.vn/xa-hoi/khoi-cong-nha-ga-20221224192522724.htm", `<body><h1>Khởi công nhà ga</h1></body>`, "2022-12-24"},
		{"url day-month-year", "https://weisser-ring.de/media-news/meldungen/29-10-2021", `<body><h1>Meldung</h1></body>`, "2021-10-29"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := htmlPublished(metaDoc(t, c.html), c.url)
			if got != c.want {
				t.Errorf("htmlPublished = %q, want %q", got, c.want)
			}
		})
	}
}

func TestFindDatePublished(t *testing.T) {
	cases := []struct {
		in   string
		us   bool
		want string
	}{
		{"8. März 2021", false, "2021-03-08"},
		{"am 08.03.21", false, "2021-03-08"},
		{"Mar 8th, 2021 at 3:15 pm", false, "2021-03-08T15:15"},
		{"Monday, 8 March 2021, 14:05", false, "2021-03-08T14:05"},
		{"2021-03-08T14:05:00+01:00", false, "2021-03-08T14:05"},
		{"03/08/2021", true, "2021-03-08"},
		{"03/08/2021", false, "2021-08-03"},
		{"9 tháng 2, 2022", false, "2022-02-09"},
		{"version 1.2.2021.4", false, ""},
		{"2020-13-45", false, ""},
		{"31.02.2021", false, ""},
		{"© 2022", false, ""},
	}
	for _, c := range cases {
		v, _ := findDate(c.in, c.us, 200)
		if v.String() != c.want {
			t.Errorf("findDate(%q) = %q, want %q", c.in, v.String(), c.want)
		}
	}
}

func TestTitleHTMLMeta(t *testing.T) {
	cases := []struct{ name, html, want string }{
		{"h1 repeated in title", `<head><title>Hội nghị tổng kết năm 2021 - Báo Lao Động</title></head><body><h1 class="title"> Hội nghị tổng kết năm 2021 </h1></body>`, "Hội nghị tổng kết năm 2021"},
		{"og title with site suffix", `<head><meta property="og:site_name" content="Example News"><meta property="og:title" content="Big story | Example News"></head><body><h1>Example News</h1></body>`, "Big story"},
		{"site prefix", `<head><title>Example News | A long headline about things</title><meta property="og:site_name" content="Example News"></head><body></body>`, "A long headline about things"},
		{"host suffix", `<head><title>Copy paste from tmux - flowfx.de</title></head><body></body>`, "Copy paste from tmux"},
		{"json-ld headline", `<head><script type="application/ld+json">{"@type":"NewsArticle","headline":"The headline"}</script><title>Site</title></head><body><h1>Site</h1></body>`, "The headline"},
		{"never the site name", `<head><title>Báo Lao Động</title><meta property="og:site_name" content="Báo Lao Động"></head><body><h1>Báo Lao Động</h1><h2>Công nhân được hỗ trợ</h2></body>`, "Công nhân được hỗ trợ"},
		{"legacy table headline, title is the site", `<head><title>Công đoàn huyện Minh Sơn</title></head><body><table><tr><td class="banner"><img src="/banner.jpg" alt="CÔNG ĐOÀN HUYỆN MINH SƠN"></td></tr>
			<tr><td class="boxtitle">ĐỌC NHIỀU NHẤT</td></tr><tr><td class="tieude"><b>Công đoàn huyện tổng kết công tác năm 2021</b></td></tr></table></body>`, "Công đoàn huyện tổng kết công tác năm 2021"},
		{"blog: the post heading, not the blog name", `<head><title>Was ist Virales Marketing? | DimidoBlog</title></head><body><h1>DimidoBlog</h1><h2 class="entry-title">Was ist Virales Marketing?</h2></body>`, "Was ist Virales Marketing?"},
		{"soft hyphens dropped", `<head><title>Mes&shy;sen&shy;ger&shy;diens&shy;te sind kein Raum</title></head><body></body>`, "Messengerdienste sind kein Raum"},
		{"dash in headline kept", `<head><title>Covid-19: Hà Nội - Hải Phòng mở lại tuyến xe</title></head><body></body>`, "Covid-19: Hà Nội - Hải Phòng mở lại tuyến xe"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := htmlTitle(metaDoc(t, c.html)); got != c.want {
				t.Errorf("htmlTitle = %q, want %q", got, c.want)
			}
		})
	}
}

func TestAuthorHTMLMeta(t *testing.T) {
	cases := []struct{ name, html, want string }{
		{"json-ld person", `<head><script type="application/ld+json">{"@type":"Article","author":{"@type":"Person","name":"Daniel Lemire"}}</script></head>`, "Daniel Lemire"},
		{"json-ld list", `<head><script type="application/ld+json">{"@type":"Article","author":[{"@type":"Person","name":"A B"},{"@type":"Person","name":"C D"}]}</script></head>`, "A B; C D"},
		{"meta author", `<head><meta name="author" content="Jon Nitz"></head>`, "Jon Nitz"},
		{"article:author URL skipped", `<head><meta property="article:author" content="https://facebook.com/x"></head><body><span class="author">By Emily Burack</span></body>`, "Emily Burack"},
		{"rel author", `<body><a rel="author" href="/u/1">Heiko Adams</a></body>`, "Heiko Adams"},
		{"vietnamese tacgia", `<body><p class="tacgia">Bài và ảnh: Nguyễn Văn An</p></body>`, "Nguyễn Văn An"},
		{"theo", `<body><div class="author">Theo Minh Hà</div></body>`, "Minh Hà"},
		{"honorific and role", `<body><p class="tac-gia">Đ/c Nguyễn Văn Danh - Chủ tịch LĐLĐ tỉnh Hà Tĩnh</p></body>`, "Nguyễn Văn Danh"},
		{"byline with date", `<body><div class="byline">By Andrew Woodcock, 28 September 2020</div></body>`, "Andrew Woodcock"},
		{"signature line closing a vietnamese article", `<html lang="vi"><body><h1>Hội nghị tổng kết</h1><div class="noidung"><p>` + strings.Repeat("Công đoàn các cấp đã vận động, hỗ trợ đoàn viên. ", 6) + `</p>
			<p style="text-align:right"><strong>Hải Yến</strong></p></div></body></html>`, "Hải Yến"},
		{"signature with Theo", `<html lang="vi"><body><h1>Giá chung cư</h1><p>` + strings.Repeat("Thị trường bất động sản còn nhiều biến động lớn. ", 6) + `</p><p style="text-align: right">Theo <strong>Thanh Xuân</strong></p></body></html>`, "Thanh Xuân"},
		{"section, honorific, name and role", `<body><p class="tacgia">Hoạt động công đoàn - Đ/c Nguyễn Văn Danh - Chủ tịch LĐLĐ tỉnh Hà Tĩnh</p></body>`, "Nguyễn Văn Danh"},
		{"label glued to the name", `<body><span class="author">Veröffentlicht von<a href="/u">Chris Jung</a></span></body>`, "Chris Jung"},
		{"photo credit is no byline", `<body><span class="author">Foto: Ingo Schneider</span></body>`, ""},
		{"german subheading is no signature", `<html lang="de"><body><h1>Rezept</h1><p>` + strings.Repeat("Die Paprika waschen und das Hackfleisch anbraten. ", 6) + `</p><p><strong>Gefüllte Paprika</strong></p></body></html>`, ""},
		{"login name only as a last resort", `<head><meta name="author" content="christian.stadtfeld"></head><body><span class="byline">Christian P. Stadtfeld</span></body>`, "Christian P. Stadtfeld"},
		{"comment author ignored", `<body><div class="comments"><span class="comment-author">Troll</span></div></body>`, ""},
		{"site as author ignored", `<head><meta property="og:site_name" content="Example News"><meta name="author" content="Example News"></head>`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := htmlAuthor(metaDoc(t, c.html)); got != c.want {
				t.Errorf("htmlAuthor = %q, want %q", got, c.want)
			}
		})
	}
}

// ---- measurement on the public benchmarks (skipped without the data) ----

var benchDir = func() string {
	if d := os.Getenv("TINSO_BENCH_DIR"); d != "" {
		return d
	}
	return "../../shared/data/extraction-bench"
}()

func readBenchHTML(_ testing.TB, path string) *goquery.Document {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil
		}
		raw, err = io.ReadAll(zr)
		if err != nil {
			return nil
		}
	}
	var text string
	if utf8.Valid(raw) {
		text = string(raw)
	} else {
		r, err := charset.NewReader(bytes.NewReader(raw), "")
		if err != nil {
			return nil
		}
		b, err := io.ReadAll(r)
		if err != nil {
			return nil
		}
		text = string(b)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(nfc(text)))
	if err != nil {
		return nil
	}
	return doc
}

type metaGold struct {
	url, file                    string
	date, title, author          string
	hasDate, hasTitle, hasAuthor bool
}

type metaScore struct {
	dateN, dateOK, titleN, titleOK, authN, authOK, authNonEmptyN, authNonEmptyOK int
	misses                                                                       []string
}

func (sc *metaScore) add(g metaGold, doc *goquery.Document) {
	title, pub, author := htmlMetadata(doc, g.url)
	if g.hasDate && g.date != "" {
		sc.dateN++
		if len(pub) >= 10 && pub[:10] == g.date[:min(10, len(g.date))] {
			sc.dateOK++
		} else {
			sc.misses = append(sc.misses, "DATE\t"+g.file+"\tgot="+pub+"\twant="+g.date+"\t"+g.url)
		}
	}
	if g.hasTitle && g.title != "" {
		sc.titleN++
		if strings.EqualFold(normSpaces(title), normSpaces(g.title)) {
			sc.titleOK++
		} else {
			sc.misses = append(sc.misses, "TITLE\t"+g.file+"\tgot="+title+"\twant="+g.title)
		}
	}
	if g.hasAuthor {
		sc.authN++
		ok := strings.EqualFold(normSpaces(author), normSpaces(g.author))
		if ok {
			sc.authOK++
		}
		if g.author != "" {
			sc.authNonEmptyN++
			if ok {
				sc.authNonEmptyOK++
			}
		}
		if !ok {
			sc.misses = append(sc.misses, "AUTHOR\t"+g.file+"\tgot="+author+"\twant="+g.author)
		}
	}
}

func normSpaces(s string) string { return strings.Join(strings.Fields(nfc(s)), " ") }

func (sc *metaScore) report(t *testing.T, name string) {
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	t.Logf("%s: date %d/%d = %.3f; title %d/%d = %.3f; author %d/%d = %.3f (non-empty gold %d/%d = %.3f)",
		name, sc.dateOK, sc.dateN, ratio(sc.dateOK, sc.dateN), sc.titleOK, sc.titleN, ratio(sc.titleOK, sc.titleN),
		sc.authOK, sc.authN, ratio(sc.authOK, sc.authN), sc.authNonEmptyOK, sc.authNonEmptyN, ratio(sc.authNonEmptyOK, sc.authNonEmptyN))
	if out := os.Getenv("TINSO_META_MISSES"); out != "" {
		sort.Strings(sc.misses)
		_ = os.WriteFile(filepath.Join(out, name+".tsv"), []byte(strings.Join(sc.misses, "\n")+"\n"), 0o644)
	}
}

func TestHTMLMetaBenchTrafilatura(t *testing.T) {
	dir := filepath.Join(benchDir, "trafilatura-eval")
	raw, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		t.Skip("trafilatura-eval data not available")
	}
	var data map[string]map[string]any
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	urls := make([]string, 0, len(data))
	for u := range data {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	var sc metaScore
	for _, u := range urls {
		it := data[u]
		g := metaGold{url: u}
		g.file, _ = it["file"].(string)
		g.date, g.hasDate = it["date"].(string)
		g.title, g.hasTitle = it["title"].(string)
		g.author, g.hasAuthor = it["author"].(string)
		doc := readBenchHTML(t, filepath.Join(dir, "html", g.file+".gz"))
		if doc == nil {
			t.Errorf("cannot read %s", g.file)
			continue
		}
		sc.add(g, doc)
	}
	sc.report(t, "trafilatura-eval")
}

func TestHTMLMetaBenchViSynthetic(t *testing.T) {
	dir := filepath.Join(benchDir, "vi-synthetic")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Skip("vi-synthetic data not available")
	}
	var data map[string]struct {
		Date string `json:"date"`
		URL  string `json:"url"`
	}
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	var sc metaScore
	for id, it := range data {
		doc := readBenchHTML(t, filepath.Join(dir, "html", id+".html"))
		if doc == nil {
			t.Errorf("cannot read %s", id)
			continue
		}
		sc.add(metaGold{url: it.URL, file: id, date: it.Date, hasDate: true}, doc)
		if it.Date != "" {
			if ti := htmlTitle(doc); ti == "" {
				t.Errorf("%s: no title", id)
			}
		}
	}
	sc.report(t, "vi-synthetic")
	if sc.dateOK != sc.dateN {
		t.Errorf("vi-synthetic dates: %d/%d right", sc.dateOK, sc.dateN)
	}
}

// TestHTMLMetaBenchReadability scores against Mozilla readability's
// expected metadata (title, byline, publishedTime where present): its
// answers, not human gold, so only logged.
func TestHTMLMetaBenchReadability(t *testing.T) {
	dir := filepath.Join(benchDir, "readability-testpages")
	entries, err := os.ReadDir(filepath.Join(dir, "metadata"))
	if err != nil {
		t.Skip("readability-testpages data not available")
	}
	var sc metaScore
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(dir, "metadata", e.Name()))
		if err != nil {
			continue
		}
		var m struct {
			Title         *string `json:"title"`
			Byline        *string `json:"byline"`
			PublishedTime *string `json:"publishedTime"`
		}
		if json.Unmarshal(raw, &m) != nil {
			continue
		}
		id := strings.TrimSuffix(e.Name(), ".json")
		doc := readBenchHTML(t, filepath.Join(dir, "html", id+".html.gz"))
		if doc == nil {
			continue
		}
		g := metaGold{file: id}
		if m.PublishedTime != nil && len(*m.PublishedTime) >= 10 {
			g.date, g.hasDate = (*m.PublishedTime)[:10], true
		}
		if m.Title != nil {
			g.title, g.hasTitle = *m.Title, true
		}
		if m.Byline != nil {
			g.author, g.hasAuthor = *m.Byline, true
		}
		sc.add(g, doc)
	}
	sc.report(t, "readability-testpages")
}

// TestHTMLMetaDebug prints every date source for the pages named in
// TINSO_META_DEBUG (trafilatura-eval file names, comma separated).
func TestHTMLMetaDebug(t *testing.T) {
	names := os.Getenv("TINSO_META_DEBUG")
	if names == "" {
		t.Skip("set TINSO_META_DEBUG=file[,file]")
	}
	dir := filepath.Join(benchDir, "trafilatura-eval")
	raw, _ := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	var data map[string]map[string]any
	_ = json.Unmarshal(raw, &data)
	for _, name := range strings.Split(names, ",") {
		if strings.Contains(name, "/") {
			data = map[string]map[string]any{"": {"file": name}}
		}
		for u, it := range data {
			if it["file"] != name {
				continue
			}
			path := filepath.Join(dir, "html", name+".gz")
			if strings.Contains(name, "/") {
				path = name
			}
			doc := readBenchHTML(t, path)
			s := scanMeta(doc)
			pub, mod := s.jsonLDDates()
			t.Logf("%s %s gold=%v", name, u, it["date"])
			t.Logf("  url=%v canon=%v og=%v meta=%v metamod=%v ld=%v/%v abbr=%v timeStrong=%v", urlDate(u), s.canonical, s.ogURL, s.metaPublished(), s.metaModified(), pub, mod, s.abbrDate(), s.timeDate(true))
			t.Logf("  dateEl=%v time=%v text=%v lang=%s", s.dateElementDate(), s.timeDate(false), s.textDate(), s.lang)
			for _, de := range s.dateEls {
				v, _ := findDate(mdText(de.n, 120), false, 120)
				if !v.ok() {
					continue
				}
				why := ""
				for p := de.n; p != nil && de.furniture; p = p.Parent {
					if p.Type == html.ElementNode && !s.keep[p] && furnitureKind(p) != furnNone {
						why = p.Data + "." + attr(p, "class") + "#" + attr(p, "id")
						break
					}
				}
				t.Logf("    el <%s class=%q id=%q> furn=%v(%s) mod=%v %q -> %v", de.n.Data, attr(de.n, "class"), attr(de.n, "id"), de.furniture, why, de.modified, mdText(de.n, 80), v)
			}
			for _, te := range s.timeEls {
				t.Logf("    time furn=%v %v", te.furniture, te.n.Attr)
			}
			t.Logf("  title=%q author=%q", s.title(), s.author())
		}
	}
}

// TestHTMLMetaSources writes, for every dated trafilatura-eval page, what
// each date source says (to TINSO_META_SOURCES, a TSV file).
func TestHTMLMetaSources(t *testing.T) {
	out := os.Getenv("TINSO_META_SOURCES")
	if out == "" {
		t.Skip("set TINSO_META_SOURCES=file.tsv")
	}
	dir := filepath.Join(benchDir, "trafilatura-eval")
	raw, _ := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	var data map[string]map[string]any
	_ = json.Unmarshal(raw, &data)
	var lines []string
	for u, it := range data {
		gold, _ := it["date"].(string)
		if gold == "" {
			continue
		}
		name := it["file"].(string)
		doc := readBenchHTML(t, filepath.Join(dir, "html", name+".gz"))
		s := scanMeta(doc)
		pub, mod := s.jsonLDDates()
		u0 := urlDate(u)
		if !u0.ok() {
			u0 = urlDate(s.canonical)
		}
		if !u0.ok() {
			u0 = urlDate(s.ogURL)
		}
		cols := []string{name, gold, s.published(u), u0.String(), s.metaPublished().String(), pub.String(), s.abbrDate().String(),
			s.timeDate(true).String(), s.dateElementDate().String(), s.timeDate(false).String(), s.textDate().String(), mod.String(), s.metaModified().String(), u}
		lines = append(lines, strings.Join(cols, "\t"))
	}
	sort.Strings(lines)
	_ = os.WriteFile(out, []byte("file\tgold\tout\turl\tmeta\tld\tabbr\ttimeS\tel\ttime\ttext\tldmod\tmetamod\tu\n"+strings.Join(lines, "\n")+"\n"), 0o644)
}

// TestHTMLMetaViHTML reads the real Vietnamese pages in shared/data/vi-html
// (no gold): every article page must yield a title, a date and no site
// name as title; the results are logged for reading.
func TestHTMLMetaViHTML(t *testing.T) {
	dir := filepath.Join(benchDir, "..", "vi-html", "dantri-enewswebapp")
	raw, err := os.ReadFile(filepath.Join(dir, "index.jsonl"))
	if err != nil {
		t.Skip("vi-html data not available")
	}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var it struct {
			File, Kind, URL string
		}
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) != nil {
			continue
		}
		it.File, _ = m["file"].(string)
		it.Kind, _ = m["kind"].(string)
		it.URL, _ = m["likely_url"].(string)
		doc := readBenchHTML(t, filepath.Join(dir, it.File))
		if doc == nil {
			continue
		}
		title, pub, author := htmlMetadata(doc, it.URL)
		t.Logf("%-8s %-17s %-25q %q", it.Kind, pub, author, title)
		if it.Kind == "article" && (title == "" || pub == "" || strings.Contains(title, "Dân trí")) {
			t.Errorf("%s: title %q published %q", it.File, title, pub)
		}
	}
}

// BenchmarkHTMLMetadata measures one metadata scan (title, date, author)
// per page over trafilatura's pages, parsing excluded.
func BenchmarkHTMLMetadata(b *testing.B) {
	dir := filepath.Join(benchDir, "trafilatura-eval", "html")
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Skip("trafilatura-eval data not available")
	}
	var docs []*goquery.Document
	for i, e := range ents {
		if i%10 != 0 {
			continue
		}
		if d := readBenchHTML(nil, filepath.Join(dir, e.Name())); d != nil {
			docs = append(docs, d)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		htmlTitle(d)
		htmlAuthor(d)
		htmlPublished(d, "")
	}
}

// BenchmarkHTMLParse is the parse alone, for scale.
func BenchmarkHTMLParse(b *testing.B) {
	dir := filepath.Join(benchDir, "trafilatura-eval", "html")
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Skip("trafilatura-eval data not available")
	}
	var pages []string
	for i, e := range ents {
		if i%10 != 0 {
			continue
		}
		if d := readBenchHTML(nil, filepath.Join(dir, e.Name())); d != nil {
			h, _ := d.Html()
			pages = append(pages, h)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _ = goquery.NewDocumentFromReader(strings.NewReader(pages[i%len(pages)]))
	}
}

// TestHTMLMetaMalformed: deep nesting, huge attributes, broken JSON-LD and
// binary noise yield a best-effort answer, never a panic or a hang.
func TestHTMLMetaMalformed(t *testing.T) {
	pages := []string{
		strings.Repeat("<div class=date>", 500) + "8. März 2021" + strings.Repeat("</div>", 500),
		`<meta name="date" content="` + strings.Repeat("9", 100000) + `">`,
		`<script type="application/ld+json">` + strings.Repeat(`{"@graph":[`, 5000) + `</script>`,
		`<script type="application/ld+json">{"datePublished": "` + strings.Repeat("2", 70) + `"}</script>`,
		"\x00\x01\xff<title>\xfe\xfd</title><time datetime=\"\xff\">",
		`<h1></h1><title></title><p class="author">` + strings.Repeat("By ", 1000) + `</p>`,
		strings.Repeat(`<span class="date">31.02.2021 99:99</span>`, 5000),
	}
	for i, p := range pages {
		title, pub, author := htmlMetadata(metaDoc(t, p), "http://x/9999/99/99/")
		t.Logf("%d: %q %q %q", i, title, pub, author)
	}
	if _, pub, _ := htmlMetadata(metaDoc(t, pages[0]), ""); pub != "2021-03-08" {
		t.Errorf("deep nesting: published %q", pub)
	}
}

func FuzzHTMLMeta(f *testing.F) {
	f.Add(`<html><head><meta property="article:published_time" content="2021-03-08T09:15:00+01:00"><title>A - B</title></head><body><h1>A</h1><div class="byline">By C, March 8, 2021</div></body></html>`)
	f.Add(`<p class="ngaydang">Thứ Tư, ngày 9 tháng 2 năm 2022 - 09:00</p><p class="tacgia">Bài và ảnh: Minh Anh</p>`)
	f.Add(`<script type="application/ld+json">{"@graph":[{"@type":"Article","datePublished":"2022-02-02","author":[{"name":"X"}]}]}</script>`)
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
		if err != nil {
			return
		}
		_, pub, _ := htmlMetadata(doc, src)
		if pub != "" && len(pub) != 10 && len(pub) != 16 {
			t.Fatalf("published %q", pub)
		}
	})
}

func FuzzFindDatePublished(f *testing.F) {
	for _, s := range []string{"8. März 2021", "Mar 8th, 2021 at 3:15 pm", "2021年3月8日", "ngày 9 tháng 2 năm 2022 - 09:00", "03/08/2021 02:10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, pos := findDate(s, false, 400)
		if v.ok() && (pos < 0 || pos >= len(s) || !validYMD(v.y, v.m, v.d)) {
			t.Fatalf("findDate(%q) = %v at %d", s, v, pos)
		}
		parseDateAttr(s)
		urlDate(s)
		urlTimestamp(s)
	})
}
