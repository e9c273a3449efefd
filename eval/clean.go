package eval

// Scoring of the cleaner: how much of the article a page cleaner keeps and
// how much page furniture it lets through, by three public yardsticks and
// the project's own gold:
//
//   - a gold folder like shared/data/golden (clean/*.json): body shingle
//     P/R/F1, and hit rates for title, published and author;
//   - the scrapinghub article-extraction-benchmark (ground-truth.json):
//     4-gram shingle P/R/F1, normalised per page and macro-averaged,
//     exactly as its evaluate.py;
//   - trafilatura's evaldata.json: must-have and must-not-have segments,
//     micro-averaged P/R/accuracy/F1, and the publication-date accuracy;
//     a folder that also holds ground-truth.json (vi-synthetic) is scored
//     by shingles too, and its listing pages (empty ground truth) must be
//     flagged as not articles.
//
// The scorers take the outputs (corpus.Article) and do not care how they
// were made; RunGold and RunBench produce them from any Extractor, timing
// the extractor alone (file reading and gunzip are left out).

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/tinso/tinso/corpus"
)

// ShingleN is the shingle length of the scrapinghub metric.
const ShingleN = 4

// maxPageBytes bounds what ReadPage gunzips: a benchmark page is a few
// megabytes at most.
const maxPageBytes = 256 << 20

// ---------------------------------------------------------------------------
// Tokens and shingles (scrapinghub evaluate.py)

// isWordRune reports whether r is matched by Python's `\w` on str (the
// Unicode flag is the default): letters, numbers and the underscore.
// Combining marks are not word characters, which is why NFD text splits
// and outputs are NFC-normalised where the ground truth is NFC.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Tokens splits text into the runs of word characters (Python's `\w+`).
func Tokens(text string) []string {
	var toks []string
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, text[start:])
	}
	return toks
}

// shingles counts the n-token shingles of text. A text of fewer than n
// tokens (but at least one) is one shingle, as in evaluate.py.
func shingles(toks []string, n int) map[string]int {
	m := make(map[string]int, len(toks))
	if len(toks) == 0 {
		return m
	}
	if len(toks) < n {
		m[strings.Join(toks, " ")]++
		return m
	}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}

// Shingles are one page's shingle counts, normalised to sum 1 (all zero
// when neither text has a token), so that long pages weigh no more than
// short ones.
type Shingles struct {
	TP, FP, FN float64
}

// MatchShingles compares the 4-gram shingle multisets of the expected and
// the predicted text: scrapinghub's string_shingle_matching.
func MatchShingles(truth, pred string) Shingles {
	t := shingles(Tokens(truth), ShingleN)
	p := shingles(Tokens(pred), ShingleN)
	var s Shingles
	for k, tc := range t {
		pc := p[k]
		s.TP += float64(min(tc, pc))
		if tc > pc {
			s.FN += float64(tc - pc)
		}
	}
	for k, pc := range p {
		if tc := t[k]; pc > tc {
			s.FP += float64(pc - tc)
		}
	}
	if sum := s.TP + s.FP + s.FN; sum > 0 {
		s.TP, s.FP, s.FN = s.TP/sum, s.FP/sum, s.FN/sum
	}
	return s
}

// Precision is evaluate.py's precision_score.
func (s Shingles) Precision() float64 {
	switch {
	case s.FP == 0 && s.FN == 0:
		return 1
	case s.TP == 0 && s.FP == 0:
		return 0
	}
	return s.TP / (s.TP + s.FP)
}

// Recall is evaluate.py's recall_score.
func (s Shingles) Recall() float64 {
	switch {
	case s.FP == 0 && s.FN == 0:
		return 1
	case s.TP == 0 && s.FN == 0:
		return 0
	}
	return s.TP / (s.TP + s.FN)
}

// F1 is the page's own F1 (for listing the worst pages; the reported F1 is
// the harmonic mean of the averages, see ShingleScore).
func (s Shingles) F1() float64 { return harmonic(s.Precision(), s.Recall()) }

func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ExactMatch is evaluate.py's accuracy for one page: the token sequences
// are equal.
func ExactMatch(truth, pred string) bool {
	a, b := Tokens(truth), Tokens(pred)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// ShingleScore is the macro-averaged shingle metric over pages.
type ShingleScore struct {
	Pages          int     // pages scored
	Precision      float64 // mean over pages with TP+FP > 0
	Recall         float64 // mean over pages with TP+FN > 0
	F1             float64 // harmonic mean of Precision and Recall
	Accuracy       float64 // share of pages whose tokens match exactly
	PrecisionPages int     // pages in the precision mean
	RecallPages    int     // pages in the recall mean
}

// MacroShingles averages per-page shingle counts as evaluate.py does;
// exact[i] says whether page i matched exactly.
func MacroShingles(pages []Shingles, exact []bool) ShingleScore {
	sc := ShingleScore{Pages: len(pages)}
	var ps, rs float64
	for _, s := range pages {
		if s.TP+s.FP > 0 {
			ps += s.Precision()
			sc.PrecisionPages++
		}
		if s.TP+s.FN > 0 {
			rs += s.Recall()
			sc.RecallPages++
		}
	}
	if sc.PrecisionPages > 0 {
		sc.Precision = ps / float64(sc.PrecisionPages)
	}
	if sc.RecallPages > 0 {
		sc.Recall = rs / float64(sc.RecallPages)
	}
	sc.F1 = harmonic(sc.Precision, sc.Recall)
	n := 0
	for _, e := range exact {
		if e {
			n++
		}
	}
	if len(exact) > 0 {
		sc.Accuracy = float64(n) / float64(len(exact))
	}
	return sc
}

// ---------------------------------------------------------------------------
// Segments (trafilatura tests/eval)

// normSpace folds every run of white space (Python's `\s`) to one space and
// trims the ends: trafilatura's trim().
func normSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, isPySpace), " ")
}

// isPySpace is Python's str.isspace: Go's unicode.IsSpace plus the
// information separators U+001C..U+001F.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f
}

// Segments are the counts of trafilatura's segment metric: with-segments
// found (TP) or not (FN), without-segments found (FP) or not (TN).
type Segments struct {
	TP, FN, FP, TN int
}

// Add sums two counts.
func (s Segments) Add(o Segments) Segments {
	return Segments{s.TP + o.TP, s.FN + o.FN, s.FP + o.FP, s.TN + o.TN}
}

// Precision is TP/(TP+FP), 0 when nothing was found.
func (s Segments) Precision() float64 { return frac(s.TP, s.TP+s.FP) }

// Recall is TP/(TP+FN).
func (s Segments) Recall() float64 { return frac(s.TP, s.TP+s.FN) }

// Accuracy is (TP+TN)/all.
func (s Segments) Accuracy() float64 { return frac(s.TP+s.TN, s.TP+s.TN+s.FP+s.FN) }

// F1 is 2TP/(2TP+FP+FN).
func (s Segments) F1() float64 { return frac(2*s.TP, 2*s.TP+s.FP+s.FN) }

func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// MatchSegments checks the with- and without-segments against an
// extracted text, both sides whitespace-normalised. An empty output finds
// nothing.
func MatchSegments(with, without []string, output string) Segments {
	out := normSpace(output)
	var s Segments
	if out == "" {
		s.FN = len(with)
		s.TN = len(without)
		return s
	}
	for _, w := range with {
		if strings.Contains(out, normSpace(w)) {
			s.TP++
		} else {
			s.FN++
		}
	}
	for _, w := range without {
		if strings.Contains(out, normSpace(w)) {
			s.FP++
		} else {
			s.TN++
		}
	}
	return s
}

// ---------------------------------------------------------------------------
// Dates

var datePrefix = regexp.MustCompile(`^\s*(\d{4})-(\d{1,2})-(\d{1,2})`)

// DatePart returns the YYYY-MM-DD part of an ISO date or date-time
// ("2022-02-09T09:00" → "2022-02-09"; "2022-11-1" → "2022-11-01"), or ""
// when s does not start with a full date.
func DatePart(s string) string {
	m := datePrefix.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%s-%02d-%02d", m[1], mo, d)
}

// ---------------------------------------------------------------------------
// Running an extractor

// Extractor turns one document into an article. tinso's is extract.Clean;
// the peers in bench/ are wrapped to the same shape (Body, Published,
// IsArticle).
type Extractor func(doc corpus.Document) (corpus.Article, error)

// Result is an extractor's output for one page.
type Result struct {
	Article corpus.Article
	Err     error
	Elapsed time.Duration
}

// Run is an extractor's outputs over a set of pages, by page ID (the gold
// doc name for a gold folder).
type Run struct {
	Results map[string]Result
	Pages   int
	Errors  int
	Elapsed time.Duration // extractor time only: reading is not timed
}

// PagesPerSecond is pages over extractor time.
func (r Run) PagesPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Pages) / r.Elapsed.Seconds()
}

// call runs ex on doc, timing it, and turns a panic into an error so that
// one bad page does not end a benchmark.
func call(ex Extractor, doc corpus.Document) (res Result) {
	start := time.Now()
	defer func() {
		res.Elapsed = time.Since(start)
		if p := recover(); p != nil {
			res = Result{Err: fmt.Errorf("panic: %v", p), Elapsed: time.Since(start)}
		}
	}()
	a, err := ex(doc)
	return Result{Article: a, Err: err}
}

func (r *Run) add(id string, res Result) {
	if r.Results == nil {
		r.Results = map[string]Result{}
	}
	r.Results[id] = res
	r.Pages++
	r.Elapsed += res.Elapsed
	if res.Err != nil {
		r.Errors++
	}
}

// ReadPage reads a benchmark file, gunzipping a .gz one.
func ReadPage(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".gz") {
		return b, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxPageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) > maxPageBytes {
		return nil, fmt.Errorf("%s: more than %d bytes", path, maxPageBytes)
	}
	return out, nil
}

// InputPath finds a gold document's input in dir: dir/doc, else the doc's
// stem with a usual extension.
func InputPath(dir, doc string) (string, error) {
	p := filepath.Join(dir, doc)
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	s := stem(doc)
	for _, ext := range []string{".txt", ".html", ".htm", ".html.gz"} {
		q := filepath.Join(dir, s+ext)
		if _, err := os.Stat(q); err == nil {
			return q, nil
		}
	}
	return "", fmt.Errorf("input for %s: %s not found", doc, p)
}

// RunGold runs ex on the input of each gold document, read from
// inputDir. A missing input is an error; an extractor error is recorded
// in the document's Result.
func RunGold(ctx context.Context, docs []GoldDoc, inputDir string, ex Extractor) (Run, error) {
	var run Run
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return run, err
		}
		path, err := InputPath(inputDir, d.Doc)
		if err != nil {
			return run, err
		}
		raw, err := ReadPage(path)
		if err != nil {
			return run, err
		}
		run.add(d.Doc, call(ex, corpus.Document{Source: path, Raw: raw}))
	}
	return run, nil
}

// ---------------------------------------------------------------------------
// Gold clean folder

// Hits counts right answers of one metadata field.
type Hits struct{ Right, Total int }

// Rate is Right/Total (1 when there is nothing to judge).
func (h Hits) Rate() float64 { return ratio(h.Right, h.Total) }

func (h *Hits) add(ok bool) {
	h.Total++
	if ok {
		h.Right++
	}
}

// DocScore is one gold document's scores.
type DocScore struct {
	Doc                            string
	Shingles                       Shingles
	Exact                          bool
	TitleOK, PublishedOK, AuthorOK bool
	Title, Published, Author       [2]string // gold, got ("" for null)
	Err                            error
}

// CleanScore is the cleaner's score on a gold folder.
type CleanScore struct {
	Docs                     int
	Body                     ShingleScore
	Title, Published, Author Hits
	PerDoc                   []DocScore
}

// MinF1 returns the worst per-document body F1 and its document.
func (s CleanScore) MinF1() (float64, string) {
	best, doc := 1.0, ""
	for _, d := range s.PerDoc {
		if f := d.Shingles.F1(); f < best || doc == "" {
			best, doc = f, d.Doc
		}
	}
	return best, doc
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// ScoreClean scores outputs (by gold doc name) against the gold clean
// files: body by shingles as scrapinghub does; title equal after trimming
// white space; published equal on its date part; author equal after
// trimming. A null gold field and an empty output agree. A document with
// no output (or an error) scores as an empty article.
func ScoreClean(docs []GoldDoc, outs map[string]Result) CleanScore {
	s := CleanScore{Docs: len(docs)}
	var sh []Shingles
	var exact []bool
	for _, d := range docs {
		r := outs[d.Doc]
		a := r.Article
		if r.Err != nil {
			a = corpus.Article{}
		}
		body := norm.NFC.String(a.Body)
		ds := DocScore{Doc: d.Doc, Err: r.Err}
		ds.Shingles = MatchShingles(d.Body, body)
		ds.Exact = ExactMatch(d.Body, body)
		ds.Title = [2]string{strings.TrimSpace(deref(d.Title)), strings.TrimSpace(a.Title)}
		ds.Published = [2]string{deref(d.Published), a.Published}
		ds.Author = [2]string{strings.TrimSpace(deref(d.Author)), strings.TrimSpace(a.Author)}
		ds.TitleOK = ds.Title[0] == ds.Title[1]
		ds.PublishedOK = DatePart(ds.Published[0]) == DatePart(ds.Published[1]) &&
			(ds.Published[0] == "") == (ds.Published[1] == "")
		ds.AuthorOK = ds.Author[0] == ds.Author[1]
		s.Title.add(ds.TitleOK)
		s.Published.add(ds.PublishedOK)
		s.Author.add(ds.AuthorOK)
		sh = append(sh, ds.Shingles)
		exact = append(exact, ds.Exact)
		s.PerDoc = append(s.PerDoc, ds)
	}
	s.Body = MacroShingles(sh, exact)
	return s
}

// ---------------------------------------------------------------------------
// Benchmarks: scrapinghub, trafilatura, vi-synthetic

// BenchPage is one page of an extraction benchmark and what is expected of
// it. A page carries a body (shingle metric), segments (segment metric),
// a date, or several of these.
type BenchPage struct {
	ID      string // ground-truth key, or the evaldata file name's stem
	File    string // path of the HTML file; .gz is gunzipped
	URL     string
	Body    string // expected article body
	HasBody bool   // Body is ground truth (an empty one: not an article)
	With    []string
	Without []string
	HasSegs bool   // With and Without are ground truth
	Date    string // expected publication date (YYYY-MM-DD, see goldDate), "" if none
}

// Listing reports whether the page holds no article: its ground-truth
// body is empty, so the ideal output is none and is_article false.
func (p BenchPage) Listing() bool { return p.HasBody && strings.TrimSpace(p.Body) == "" }

// Bench is a loaded benchmark folder.
type Bench struct {
	Name  string // the folder's base name
	Dir   string
	Pages []BenchPage
	// NFC normalises outputs to NFC before scoring (set for a folder with
	// both evaldata.json and ground-truth.json, the vi-synthetic layout,
	// whose truth is NFC).
	NFC bool
}

type groundTruth struct {
	ArticleBody *string `json:"articleBody"`
	URL         string  `json:"url"`
	Date        string  `json:"date"`
}

type evalItem struct {
	File    string   `json:"file"`
	With    []string `json:"with"`
	Without []string `json:"without"`
	Date    *string  `json:"date"`
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// htmlFile finds html/<name>(.gz) in dir.
func htmlFile(dir, name string) (string, error) {
	for _, n := range []string{name + ".gz", name} {
		p := filepath.Join(dir, "html", n)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: no html/%s or html/%s.gz", dir, name, name)
}

// LoadScrapinghub reads a scrapinghub-aeb folder: ground-truth.json and
// html/<id>.html.gz.
func LoadScrapinghub(dir string) (Bench, error) {
	var gt map[string]groundTruth
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &gt); err != nil {
		return Bench{}, fmt.Errorf("load scrapinghub: %w", err)
	}
	if len(gt) == 0 {
		return Bench{}, fmt.Errorf("load scrapinghub %s: empty ground-truth.json", dir)
	}
	b := Bench{Name: filepath.Base(filepath.Clean(dir)), Dir: dir}
	for id, g := range gt {
		f, err := htmlFile(dir, id+".html")
		if err != nil {
			return Bench{}, fmt.Errorf("load scrapinghub: %w", err)
		}
		b.Pages = append(b.Pages, BenchPage{ID: id, File: f, URL: g.URL, Body: deref(g.ArticleBody), HasBody: g.ArticleBody != nil})
	}
	sort.Slice(b.Pages, func(i, j int) bool { return b.Pages[i].ID < b.Pages[j].ID })
	return b, nil
}

// LoadTrafilatura reads a folder with trafilatura's evaldata.json and
// html/<file>(.gz). When the folder also holds ground-truth.json (the
// vi-synthetic layout), its bodies and dates are joined to the pages by
// URL or ID, pages only in ground-truth.json (listings) are added, and
// outputs are NFC-normalised before scoring.
func LoadTrafilatura(dir string) (Bench, error) {
	var ed map[string]evalItem
	if err := readJSON(filepath.Join(dir, "evaldata.json"), &ed); err != nil {
		return Bench{}, fmt.Errorf("load trafilatura: %w", err)
	}
	if len(ed) == 0 {
		return Bench{}, fmt.Errorf("load trafilatura %s: empty evaldata.json", dir)
	}
	b := Bench{Name: filepath.Base(filepath.Clean(dir)), Dir: dir}
	byURL, byID := map[string]int{}, map[string]int{}
	for url, it := range ed {
		if it.File == "" {
			return Bench{}, fmt.Errorf("load trafilatura %s: %s has no file", dir, url)
		}
		f, err := htmlFile(dir, it.File)
		if err != nil {
			return Bench{}, fmt.Errorf("load trafilatura: %w", err)
		}
		p := BenchPage{ID: stem(it.File), File: f, URL: url, With: it.With, Without: it.Without, HasSegs: true}
		if it.Date != nil {
			p.Date = goldDate(*it.Date)
		}
		b.Pages = append(b.Pages, p)
	}
	sort.Slice(b.Pages, func(i, j int) bool { return b.Pages[i].ID < b.Pages[j].ID })
	for i, p := range b.Pages {
		if _, dup := byID[p.ID]; dup {
			return Bench{}, fmt.Errorf("load trafilatura %s: two pages named %s", dir, p.ID)
		}
		byURL[p.URL], byID[p.ID] = i, i
	}
	gtPath := filepath.Join(dir, "ground-truth.json")
	if _, err := os.Stat(gtPath); errors.Is(err, os.ErrNotExist) {
		return b, nil
	}
	var gt map[string]groundTruth
	if err := readJSON(gtPath, &gt); err != nil {
		return Bench{}, fmt.Errorf("load trafilatura: %w", err)
	}
	b.NFC = true
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		g := gt[id]
		k, ok := byID[id]
		if !ok && g.URL != "" {
			k, ok = byURL[g.URL]
		}
		if !ok {
			f, err := htmlFile(dir, id+".html")
			if err != nil {
				return Bench{}, fmt.Errorf("load trafilatura: %w", err)
			}
			b.Pages = append(b.Pages, BenchPage{ID: id, File: f, URL: g.URL})
			k = len(b.Pages) - 1
		}
		p := &b.Pages[k]
		p.Body, p.HasBody = deref(g.ArticleBody), g.ArticleBody != nil
		if p.Date == "" {
			p.Date = goldDate(g.Date)
		}
	}
	sort.Slice(b.Pages, func(i, j int) bool { return b.Pages[i].ID < b.Pages[j].ID })
	return b, nil
}

// goldDate is the expected date of a page: its date part, zero-padded
// ("2022-11-1" → "2022-11-01"). A date that is not a valid YYYY-MM-DD
// (trafilatura's evaldata has "2022-01.26" and "2022-29-11") is kept as it
// is: the page still counts as dated, and no output can match it, as in
// the upstream string comparison.
func goldDate(s string) string {
	s = strings.TrimSpace(s)
	if d := DatePart(s); d != "" {
		return d
	}
	return s
}

// ReadAll reads every page of b (gunzipped), in the order of b.Pages.
func ReadAll(b Bench) ([][]byte, error) {
	raws := make([][]byte, len(b.Pages))
	for i, p := range b.Pages {
		raw, err := ReadPage(p.File)
		if err != nil {
			return nil, err
		}
		raws[i] = raw
	}
	return raws, nil
}

// RunBench runs ex on every page of b, timing the extractor alone. raws,
// when not nil, are the pages' bytes in the order of b.Pages (ReadAll);
// otherwise each page is read before its timed call.
func RunBench(ctx context.Context, b Bench, raws [][]byte, ex Extractor) (Run, error) {
	if raws != nil && len(raws) != len(b.Pages) {
		return Run{}, fmt.Errorf("run %s: %d pages but %d inputs", b.Name, len(b.Pages), len(raws))
	}
	var run Run
	for i, p := range b.Pages {
		if err := ctx.Err(); err != nil {
			return run, err
		}
		var raw []byte
		if raws != nil {
			raw = raws[i]
		} else {
			var err error
			if raw, err = ReadPage(p.File); err != nil {
				return run, err
			}
		}
		run.add(p.ID, call(ex, corpus.Document{Source: p.File, URL: p.URL, Raw: raw}))
	}
	return run, nil
}

// PageScore is one benchmark page's scores.
type PageScore struct {
	ID        string
	HasBody   bool
	Shingles  Shingles
	Exact     bool
	HasSegs   bool
	Segments  Segments
	Date      [2]string // expected, got (date parts); expected "" when undated
	DateOK    bool
	Listing   bool // the page holds no article
	IsArticle bool // the extractor's flag
	BodyLen   int  // runes of output
	Err       error
}

// BenchScore is an extractor's score on one benchmark.
type BenchScore struct {
	Name      string
	Pages     int
	Errors    int
	Body      *ShingleScore // pages with a ground-truth body; nil if none
	Segments  *Segments     // pages with segments; nil if none
	Dates     Hits          // pages with an expected date
	Listings  Hits          // listing pages flagged not an article
	PerPage   []PageScore
	BodyPages int // pages with a non-empty ground-truth body
}

// MinF1 returns the worst per-page shingle F1 among pages with a
// non-empty ground-truth body, and that page (1, "" when there are none).
func (s BenchScore) MinF1() (float64, string) {
	worst, id := 1.0, ""
	for _, p := range s.PerPage {
		if !p.HasBody || p.Listing {
			continue
		}
		if f := p.Shingles.F1(); id == "" || f < worst {
			worst, id = f, p.ID
		}
	}
	return worst, id
}

// ScoreBench scores an extractor's results (by page ID) on b: the
// shingle metric over pages with a ground-truth body (a listing page
// counts against precision if anything was extracted from it, as in
// evaluate.py), the segment metric micro-averaged over pages with
// segments, date accuracy over dated pages, and the share of listing
// pages flagged as not articles. A page without a result, or whose
// extractor failed, scores as an empty output.
func ScoreBench(b Bench, results map[string]Result) BenchScore {
	s := BenchScore{Name: b.Name, Pages: len(b.Pages)}
	var sh []Shingles
	var exact []bool
	var segs Segments
	hasSegs := false
	for _, p := range b.Pages {
		r, ok := results[p.ID]
		a := r.Article
		if !ok || r.Err != nil {
			a = corpus.Article{}
		}
		if r.Err != nil {
			s.Errors++
		}
		body := a.Body
		if b.NFC {
			body = norm.NFC.String(body)
		}
		ps := PageScore{ID: p.ID, HasBody: p.HasBody, HasSegs: p.HasSegs, Listing: p.Listing(),
			IsArticle: a.IsArticle, BodyLen: len([]rune(body)), Err: r.Err}
		if p.HasBody {
			ps.Shingles = MatchShingles(p.Body, body)
			ps.Exact = ExactMatch(p.Body, body)
			sh = append(sh, ps.Shingles)
			exact = append(exact, ps.Exact)
			if !ps.Listing {
				s.BodyPages++
			}
		}
		if p.HasSegs {
			with, without := p.With, p.Without
			if b.NFC {
				with, without = nfcAll(with), nfcAll(without)
			}
			ps.Segments = MatchSegments(with, without, body)
			segs = segs.Add(ps.Segments)
			hasSegs = true
		}
		if p.Date != "" {
			ps.Date = [2]string{p.Date, DatePart(a.Published)}
			ps.DateOK = ps.Date[0] == ps.Date[1]
			s.Dates.add(ps.DateOK)
		}
		if ps.Listing {
			s.Listings.add(!a.IsArticle)
		}
		s.PerPage = append(s.PerPage, ps)
	}
	if len(sh) > 0 {
		m := MacroShingles(sh, exact)
		s.Body = &m
	}
	if hasSegs {
		s.Segments = &segs
	}
	return s
}

func nfcAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = norm.NFC.String(s)
	}
	return out
}

// Worst returns up to n pages, worst first: by shingle F1 when the page
// has a body, else by segment errors (FN+FP), wrong dates and errors
// breaking ties.
func (s BenchScore) Worst(n int) []PageScore {
	pages := append([]PageScore(nil), s.PerPage...)
	badness := func(p PageScore) float64 {
		b := 0.0
		if p.HasBody {
			b += 1 - p.Shingles.F1()
			if p.Listing && p.IsArticle {
				b += 1
			}
		}
		if p.HasSegs {
			if t := p.Segments.TP + p.Segments.FN + p.Segments.FP + p.Segments.TN; t > 0 {
				b += float64(p.Segments.FN+p.Segments.FP) / float64(t)
			}
		}
		if p.Date[0] != "" && !p.DateOK {
			b += 0.01
		}
		if p.Err != nil {
			b += 2
		}
		return b
	}
	sort.SliceStable(pages, func(i, j int) bool { return badness(pages[i]) > badness(pages[j]) })
	if n < len(pages) {
		pages = pages[:n]
	}
	return pages
}

// ---------------------------------------------------------------------------
// Figures end to end

// ScoreFiguresEndToEnd scores figures taken from the raw inputs (cleaned
// by the extractor itself) against the gold figures. Offsets in gold
// refer to the gold body, not to the extractor's body, so they play no
// part: a prediction matches a gold figure when kinds and values agree
// (Match); among several, one with the same text (white space folded) is
// preferred, then the first in document order. The tallies, unit and
// approx accounting are those of ScoreFigures.
func ScoreFiguresEndToEnd(docs []GoldDoc, predicted map[string][]corpus.Figure) FigureScore {
	return scoreFigures(docs, predicted, func(g, cand, cur corpus.Figure) bool {
		gt := normSpace(g.Text)
		return normSpace(cand.Text) == gt && normSpace(cur.Text) != gt
	})
}
