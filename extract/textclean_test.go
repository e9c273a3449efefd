package extract

import (
	"encoding/json"
	"fmt"
	"sort"
	"os"
	"path/filepath"
	"regexp"
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
	}
	for _, in := range invalid {
		if got, ok := parseDateline(in); ok {
			t.Errorf("parseDateline(%q) = %q, want no dateline", in, got)
		}
	}
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

// SURVEY-START (temporary)
func TestZZSurvey(t *testing.T) {
	dir := os.Getenv("SURVEY_DIR")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	sort.Strings(files)
	if len(files) > 400 && os.Getenv("SURVEY_ALL") == "" {
		files = files[:400]
	}
	var sum float64
	n := 0
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		text, err := decodeText(raw)
		if err != nil {
			continue
		}
		lines := strings.Split(text, "\n")
		// dantri: drop # header lines
		var keep []string
		for _, l := range lines {
			if !strings.HasPrefix(l, "# ") {
				keep = append(keep, l)
			}
		}
		text = strings.Join(keep, "\n")
		p := cleanText(text)
		// reference: everything after the first line
		ref := strings.Join(keep[1:], "\n")
		_, _, f1 := shingleF1(p.Body, ref)
		sum += f1
		n++
		mark := ""
		if f1 < 0.9 || p.Title != "" && p.Title != strings.TrimSpace(keep[0]) {
			mark = "  <<<"
		}
		fmt.Printf("%s F1=%.3f title=%q pub=%q author=%q art=%v%s\n", filepath.Base(f), f1, trunc(p.Title), p.Published, p.Author, p.IsArticle, mark)
		if f1 < 0.9 && os.Getenv("SURVEY_MISSING") != "" {
			got := map[string]bool{}
			for _, para := range strings.Split(p.Body, "\n\n") {
				got[strings.TrimSpace(para)] = true
			}
			for _, l := range keep[1:] {
				if l = strings.TrimSpace(l); l != "" && !got[l] {
					fmt.Printf("    MISSING %q\n", trunc(l))
				}
			}
		}
	}
	fmt.Printf("mean F1 %.4f over %d\n", sum/float64(n), n)
}

func trunc(s string) string {
	r := []rune(s)
	if len(r) > 50 {
		return string(r[:50])
	}
	return s
}

func TestZZDebug(t *testing.T) {
	f := os.Getenv("DEBUG_FILE")
	if f == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(f)
	text, _ := decodeText(raw)
	ls := tcLines(text)
	start, end := tcArticleSpan(ls)
	ti, di := tcHeader(ls, start)
	fmt.Println("start", start, "end", end, "title", ti, "dateline", di)
	for i, l := range ls {
		fmt.Printf("%3d k=%d w=%d prose=%v hl=%v %q\n", i, l.kind, l.words, tcIsProse(l), tcHeadlineLike(l), trunc(l.text))
	}
	p := cleanText(text)
	fmt.Printf("TITLE %q\nPUB %q\nAUTHOR %q\nBODY:\n%s\n", p.Title, p.Published, p.Author, p.Body)
}

func TestZZDumps(t *testing.T) {
	dir := os.Getenv("DUMP_DIR")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		text, _ := decodeText(raw)
		p := cleanText(text)
		paras := strings.Split(p.Body, "\n\n")
		fmt.Printf("== %s\n title=%q pub=%q author=%q art=%v paras=%d\n first=%q\n last=%q\n", filepath.Base(f), p.Title, p.Published, p.Author, p.IsArticle, len(paras), trunc(paras[0]), trunc(paras[len(paras)-1]))
	}
}

func TestZZStats(t *testing.T) {
	for _, dir := range strings.Split(os.Getenv("STAT_DIRS"), ",") {
		if dir == "" {
			t.Skip()
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			raw, _ := os.ReadFile(f)
			text, _ := decodeText(raw)
			ls := tcLines(text)
			start, end := tcArticleSpan(ls)
			if start < 0 {
				continue
			}
			P, T, W, H := 0, 0, 0, 0
			ti, _ := tcHeader(ls, start)
			tf := ""
			if ti >= 0 {
				tf = ls[ti].fold
			}
			for i := start; i < end; i++ {
				l := ls[i]
				if l.kind != tcText {
					continue
				}
				if tcIsProse(l) {
					P++
					W += l.words
					if i > start && ls[i-1].kind == tcText && tcHeadlineLike(ls[i-1]) && !tcIsProse(ls[i-1]) && !tcAltOfTitle(ls, i-1, tf) {
						T++
					}
				} else if tcHeadlineLike(l) {
					H++
				}
			}
			fmt.Printf("%-40.40s P=%3d H=%3d T=%3d T/P=%.2f meanW=%.0f\n", filepath.Base(f), P, H, T, float64(T)/float64(P), float64(W)/float64(P))
		}
	}
}
