package eval

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tinso/tinso/corpus"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Don't stop_me now, 3.5 Việt", []string{"Don", "t", "stop_me", "now", "3", "5", "Việt"}},
		// Python's \w does not match combining marks: NFD text splits.
		{"Vie\u0323\u0302t Nam", []string{"Vie", "t", "Nam"}},
		{"x² 中文字 — «ok»", []string{"x²", "中文字", "ok"}},
		{"  \n", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchShingles(t *testing.T) {
	tests := []struct {
		name        string
		truth, pred string
		want        Shingles
		p, r        float64
	}{
		{"one shingle differs", "a b c d e", "a b c d x", Shingles{1. / 3, 1. / 3, 1. / 3}, 0.5, 0.5},
		{"punctuation and case of spaces ignored", "a, b\n\nc d!", "a b c d", Shingles{1, 0, 0}, 1, 1},
		{"short texts are one shingle", "a b", "a b", Shingles{1, 0, 0}, 1, 1},
		{"short texts differ", "a b", "a b c", Shingles{0, 0.5, 0.5}, 0, 0},
		{"empty output", "a b c d e", "", Shingles{0, 0, 1}, 0, 0},
		{"both empty", "", "...", Shingles{}, 1, 1},
		{"multisets", "a b c d a b c d", "a b c d", Shingles{0.2, 0, 0.8}, 1, 0.2},
		{"extra text", "a b c d", "a b c d a b c d", Shingles{0.2, 0.8, 0}, 0.2, 1},
	}
	for _, tt := range tests {
		got := MatchShingles(tt.truth, tt.pred)
		if !near(got.TP, tt.want.TP) || !near(got.FP, tt.want.FP) || !near(got.FN, tt.want.FN) {
			t.Errorf("%s: MatchShingles = %+v, want %+v", tt.name, got, tt.want)
		}
		if !near(got.Precision(), tt.p) || !near(got.Recall(), tt.r) {
			t.Errorf("%s: P %v R %v, want %v %v", tt.name, got.Precision(), got.Recall(), tt.p, tt.r)
		}
	}
	if !ExactMatch("a, b c", "a b\nc.") || ExactMatch("a b", "a b c") {
		t.Error("ExactMatch compares token sequences")
	}
}

func TestMacroShingles(t *testing.T) {
	pages := []Shingles{
		{1, 0, 0},        // perfect
		{0, 0, 1},        // nothing extracted: recall only
		{},               // nothing expected, nothing extracted: neither
		{0, 1, 0},        // a listing page with text extracted: precision only
		{0.5, 0.25, .25}, // P 2/3, R 2/3
	}
	s := MacroShingles(pages, []bool{true, false, true, false, false})
	if s.PrecisionPages != 3 || s.RecallPages != 3 {
		t.Fatalf("pages in means: %d, %d", s.PrecisionPages, s.RecallPages)
	}
	wantP := (1 + 0 + 2./3) / 3
	wantR := (1 + 0 + 2./3) / 3
	if !near(s.Precision, wantP) || !near(s.Recall, wantR) || !near(s.F1, 2*wantP*wantR/(wantP+wantR)) {
		t.Errorf("macro %+v", s)
	}
	if !near(s.Accuracy, 0.4) {
		t.Errorf("accuracy %v", s.Accuracy)
	}
	if z := MacroShingles(nil, nil); z.F1 != 0 || math.IsNaN(z.Precision) {
		t.Errorf("empty macro %+v", z)
	}
}

func TestMatchSegments(t *testing.T) {
	out := "The quick\u00a0brown fox\n\njumps over the   lazy dog.\nCopyright 2020"
	s := MatchSegments([]string{"quick brown fox", "lazy\tdog.", "missing"}, []string{"Copyright 2020", "Impressum"}, out)
	if s != (Segments{TP: 2, FN: 1, FP: 1, TN: 1}) {
		t.Fatalf("segments %+v", s)
	}
	if !near(s.Precision(), 2./3) || !near(s.Recall(), 2./3) || !near(s.Accuracy(), 3./5) || !near(s.F1(), 4./6) {
		t.Errorf("P %v R %v A %v F1 %v", s.Precision(), s.Recall(), s.Accuracy(), s.F1())
	}
	if e := MatchSegments([]string{"a", "b"}, []string{"c"}, " \n "); e != (Segments{FN: 2, TN: 1}) {
		t.Errorf("empty output %+v", e)
	}
	if z := (Segments{}); z.Precision() != 0 || z.F1() != 0 {
		t.Error("zero segments must not divide by zero")
	}
}

func TestDatePart(t *testing.T) {
	for in, want := range map[string]string{
		"2022-02-09T09:00": "2022-02-09", "2022-02-09": "2022-02-09", "2022-11-1": "2022-11-01",
		"": "", "09/02/2022": "", "2022-13-01": "", " 2020-03-04T10:00:00Z": "2020-03-04",
	} {
		if got := DatePart(in); got != want {
			t.Errorf("DatePart(%q) = %q, want %q", in, got, want)
		}
	}
	// Malformed gold dates stay dated but can match no output.
	for in, want := range map[string]string{"2022-11-1": "2022-11-01", "2022-29-11": "2022-29-11", " 2022-01.26": "2022-01.26", "": ""} {
		if got := goldDate(in); got != want {
			t.Errorf("goldDate(%q) = %q, want %q", in, got, want)
		}
	}
}

var (
	tagRE    = regexp.MustCompile(`(?s)<(script|style)\b.*?</(script|style)>|<[^>]*>`)
	publRE   = regexp.MustCompile(`article:published_time" content="([^"]+)"`)
	blockEnd = regexp.MustCompile(`(?i)</(p|div|li|nav|footer|article)>`)
)

// fullText is a fake extractor: all the text of the page, a block a line.
func fullText(doc corpus.Document) (corpus.Article, error) {
	s := blockEnd.ReplaceAllString(string(doc.Raw), "\n")
	s = tagRE.ReplaceAllString(s, "")
	var pub string
	if m := publRE.FindStringSubmatch(string(doc.Raw)); m != nil {
		pub = m[1]
	}
	s = strings.TrimSpace(s)
	return corpus.Article{Body: s, Published: pub, IsArticle: s != ""}, nil
}

// oracle answers the ground truth of b, fails on one page and panics on
// another when asked to.
func oracle(b Bench, failID, panicID string) Extractor {
	bySource := map[string]BenchPage{}
	for _, p := range b.Pages {
		bySource[p.File] = p
	}
	return func(doc corpus.Document) (corpus.Article, error) {
		p := bySource[doc.Source]
		switch p.ID {
		case failID:
			return corpus.Article{}, errors.New("cannot read")
		case panicID:
			panic("boom")
		}
		body := p.Body
		if !p.HasBody {
			body = strings.Join(p.With, "\n")
		}
		return corpus.Article{Body: body, Published: p.Date, IsArticle: strings.TrimSpace(body) != ""}, nil
	}
}

func bench(t *testing.T, name string) Bench {
	t.Helper()
	dir := filepath.Join("testdata", "bench", name)
	var b Bench
	var err error
	if name == "scrapinghub" {
		b, err = LoadScrapinghub(dir)
	} else {
		b, err = LoadTrafilatura(dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadBenches(t *testing.T) {
	sh := bench(t, "scrapinghub")
	if sh.Name != "scrapinghub" || len(sh.Pages) != 2 || sh.NFC || !sh.Pages[0].HasBody || sh.Pages[0].HasSegs {
		t.Fatalf("scrapinghub %+v", sh)
	}
	if !strings.HasSuffix(sh.Pages[0].File, "p1.html.gz") || !strings.HasSuffix(sh.Pages[1].File, "p2.html") {
		t.Errorf("files %s %s", sh.Pages[0].File, sh.Pages[1].File)
	}
	raws, err := ReadAll(sh)
	if err != nil || !strings.Contains(string(raws[0]), "quick brown fox") {
		t.Fatalf("gunzip: %v %.40q", err, raws)
	}

	tr := bench(t, "trafilatura")
	if len(tr.Pages) != 2 || tr.NFC || tr.Pages[0].ID != "t1" || !tr.Pages[0].HasSegs || tr.Pages[0].HasBody {
		t.Fatalf("trafilatura %+v", tr)
	}
	if tr.Pages[0].Date != "2020-03-04" || tr.Pages[1].Date != "" {
		t.Errorf("dates %q %q", tr.Pages[0].Date, tr.Pages[1].Date)
	}

	vi := bench(t, "vi")
	if len(vi.Pages) != 2 || !vi.NFC {
		t.Fatalf("vi %+v", vi)
	}
	v1, v2 := vi.Pages[0], vi.Pages[1]
	if !v1.HasBody || !v1.HasSegs || v1.Date != "2022-02-09" || v1.Listing() {
		t.Errorf("v1 %+v", v1)
	}
	if !v2.Listing() || v2.HasSegs || !strings.HasSuffix(v2.File, "v2-listing.html") {
		t.Errorf("v2 %+v", v2)
	}

	if _, err := LoadScrapinghub(t.TempDir()); err == nil {
		t.Error("an empty folder loaded")
	}
	if _, err := LoadTrafilatura(filepath.Join("testdata", "bench", "scrapinghub")); err == nil {
		t.Error("a folder without evaldata.json loaded")
	}
}

func TestRunAndScoreBench(t *testing.T) {
	ctx := context.Background()
	sh := bench(t, "scrapinghub")
	run, err := RunBench(ctx, sh, nil, oracle(sh, "", ""))
	if err != nil {
		t.Fatal(err)
	}
	if run.Pages != 2 || run.Errors != 0 || run.Elapsed <= 0 || run.PagesPerSecond() <= 0 {
		t.Errorf("run %+v", run)
	}
	s := ScoreBench(sh, run.Results)
	if s.Body == nil || s.Body.F1 != 1 || s.Body.Accuracy != 1 || s.Segments != nil {
		t.Errorf("oracle on scrapinghub: %+v", s.Body)
	}

	// The page text with its menu and footer: recall 1, precision below.
	run, _ = RunBench(ctx, sh, nil, fullText)
	s = ScoreBench(sh, run.Results)
	if s.Body.Recall != 1 || s.Body.Precision >= 1 || s.Body.Precision < 0.5 {
		t.Errorf("full text on scrapinghub: %+v", *s.Body)
	}
	if w := s.Worst(1); len(w) != 1 || w[0].ID != "p1" {
		t.Errorf("worst %+v", w)
	}

	// A failing and a panicking page are errors that score as empty output.
	raws, _ := ReadAll(sh)
	run, err = RunBench(ctx, sh, raws, oracle(sh, "p1", "p2"))
	if err != nil || run.Errors != 2 {
		t.Fatalf("errors %d, %v", run.Errors, err)
	}
	s = ScoreBench(sh, run.Results)
	if s.Errors != 2 || s.Body.Recall != 0 || s.Body.PrecisionPages != 0 {
		t.Errorf("failed pages: %+v", *s.Body)
	}
	if !strings.Contains(run.Results["p2"].Err.Error(), "panic: boom") {
		t.Errorf("panic: %v", run.Results["p2"].Err)
	}

	tr := bench(t, "trafilatura")
	run, _ = RunBench(ctx, tr, nil, fullText)
	s = ScoreBench(tr, run.Results)
	// t1: 2 with found, 2 without found; t2 (latin-1 bytes read as they are):
	// "Ein Satz über Bären." not found, Impressum found.
	if s.Segments == nil || *s.Segments != (Segments{TP: 2, FN: 1, FP: 3, TN: 0}) {
		t.Errorf("segments %+v", s.Segments)
	}
	if s.Dates != (Hits{1, 1}) || s.Body != nil {
		t.Errorf("dates %+v", s.Dates)
	}

	vi := bench(t, "vi")
	run, _ = RunBench(ctx, vi, nil, fullText)
	s = ScoreBench(vi, run.Results)
	// NFD page: NFC-normalised before scoring, so its tokens match.
	p := s.PerPage[0]
	if p.Shingles.Recall() != 1 || p.Segments.TP != 2 || p.Segments.FP != 2 {
		t.Errorf("v1: %+v", p)
	}
	if s.Listings != (Hits{0, 1}) {
		t.Errorf("full text takes the listing as an article: %+v", s.Listings)
	}
	if f, id := s.MinF1(); id != "v1-nfd" || f >= 1 {
		t.Errorf("min F1 %v %s", f, id)
	}
	run, _ = RunBench(ctx, vi, nil, oracle(vi, "", ""))
	s = ScoreBench(vi, run.Results)
	if s.Body.F1 != 1 || s.Listings != (Hits{1, 1}) || s.Dates != (Hits{1, 1}) || s.BodyPages != 1 {
		t.Errorf("oracle on vi: %+v %+v %+v", *s.Body, s.Listings, s.Dates)
	}
}

func TestRunAndScoreClean(t *testing.T) {
	docs, err := LoadGold(filepath.Join("testdata", "gold"))
	if err != nil {
		t.Fatal(err)
	}
	input := filepath.Join("testdata", "seeds")
	title, pub := "Tin", "2022-02-09T09:00"
	ex := func(doc corpus.Document) (corpus.Article, error) {
		if strings.HasSuffix(doc.Source, "b.txt") {
			return corpus.Article{Body: string(doc.Raw), Author: "Ai đó"}, nil
		}
		lines := strings.Split(strings.TrimSpace(string(doc.Raw)), "\n")
		return corpus.Article{Title: " " + title + " ", Published: pub, Body: strings.Join(lines[3:4], "\n")}, nil
	}
	run, err := RunGold(context.Background(), docs, input, ex)
	if err != nil || run.Pages != 2 {
		t.Fatalf("run %+v %v", run, err)
	}
	s := ScoreClean(docs, run.Results)
	if s.Body.F1 != 1 || s.Body.Accuracy != 1 {
		t.Errorf("body %+v", s.Body)
	}
	// a: title trimmed equal, published on date part; b: nulls agree,
	// except the author that b's gold does not have.
	if s.Title != (Hits{2, 2}) || s.Published != (Hits{2, 2}) || s.Author != (Hits{1, 2}) {
		t.Errorf("title %+v published %+v author %+v", s.Title, s.Published, s.Author)
	}
	// The whole seed as body: furniture lowers precision only.
	run, _ = RunGold(context.Background(), docs, input, func(doc corpus.Document) (corpus.Article, error) {
		return corpus.Article{Body: string(doc.Raw)}, nil
	})
	s = ScoreClean(docs, run.Results)
	if s.Body.Recall != 1 || s.Body.Precision >= 1 || s.Published != (Hits{1, 2}) {
		t.Errorf("whole seed: %+v %+v", s.Body, s.Published)
	}
	if f, doc := s.MinF1(); doc != "a.txt" || f >= 1 {
		t.Errorf("min F1 %v %s", f, doc)
	}
	if _, err := RunGold(context.Background(), docs, t.TempDir(), ex); err == nil {
		t.Error("missing inputs gave no error")
	}
}

func TestScoreFiguresEndToEnd(t *testing.T) {
	docs, err := LoadGold(filepath.Join("testdata", "gold"))
	if err != nil {
		t.Fatal(err)
	}
	// Offsets are those of another body: they must not matter.
	var pred []corpus.Figure
	for _, g := range docs[0].Figures {
		g.Start += 100
		g.End += 100
		pred = append(pred, g)
	}
	// A furniture figure and a same-valued figure with another text.
	furniture := corpus.Figure{Kind: corpus.Count, Value: num("1234"), Unit: "lượt xem", Text: "1.234 lượt xem"}
	pred = append([]corpus.Figure{furniture}, pred...)
	s := ScoreFiguresEndToEnd(docs, map[string][]corpus.Figure{"a.txt": pred})
	if s.Overall.Gold != 7 || s.Overall.Matched != 7 || s.Overall.Predicted != 8 || len(s.FalsePositives) != 1 {
		t.Fatalf("overall %+v, fp %+v", s.Overall, s.FalsePositives)
	}
	// Same value twice: the one with the gold text is matched.
	g := docs[0].Figures[3] // 90,74 triệu đồng
	other := g
	other.Text = "90.740.000 đồng"
	s = ScoreFiguresEndToEnd([]GoldDoc{{Doc: "x", Figures: []corpus.Figure{g}}}, map[string][]corpus.Figure{"x": {other, g}})
	if s.Overall.Matched != 1 || len(s.FalsePositives) != 1 || s.FalsePositives[0].Figure.Text != "90.740.000 đồng" {
		t.Errorf("text preference: %+v", s.FalsePositives)
	}
}
