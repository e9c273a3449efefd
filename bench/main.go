// Command bench compares tinso's cleaner with the Go peers that users will
// name, go-trafilatura and go-readability, on the same pages in one run:
// the scrapinghub article-extraction-benchmark, trafilatura's evaluation
// set and (when present) our vi-synthetic pages. It prints, side by side,
// pages/s on one thread (extractor time only: reading and gunzip are done
// before the clock starts) and the scores of package eval (shingle F1,
// segment F1, publication-date accuracy).
//
// It lives in its own module so that the main module never depends on the
// peers. See README.md.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/eval"
	"github.com/tinso/tinso/extract"
)

// extractor is one contestant.
type extractor struct {
	name string
	run  eval.Extractor
}

func tinso(doc corpus.Document) (corpus.Article, error) {
	return extract.Clean(doc, extract.Options{})
}

func pageURL(doc corpus.Document) *url.URL {
	u, err := url.Parse(doc.URL)
	if err != nil || doc.URL == "" {
		u, _ = url.Parse("https://example.com/")
	}
	return u
}

// goTrafilatura is go-trafilatura with the options of the published runs:
// fallback extractors on (as scrapinghub's runner and the "+ fallback"
// row of go-trafilatura's own comparison), comments excluded.
func goTrafilatura(fallback bool) eval.Extractor {
	return func(doc corpus.Document) (corpus.Article, error) {
		res, err := trafilatura.Extract(bytes.NewReader(doc.Raw), trafilatura.Options{
			EnableFallback:  fallback,
			ExcludeComments: true,
			OriginalURL:     pageURL(doc),
		})
		if err != nil {
			return corpus.Article{}, err
		}
		a := corpus.Article{Source: doc.Source, Title: res.Metadata.Title, Author: res.Metadata.Author, Body: res.ContentText}
		if !res.Metadata.Date.IsZero() {
			a.Published = res.Metadata.Date.Format("2006-01-02")
		}
		a.IsArticle = strings.TrimSpace(a.Body) != ""
		return a, nil
	}
}

// goReadability is readeck's go-readability v2 with its defaults; the text
// is its RenderText (the successor of v1's TextContent that scrapinghub's
// runner printed).
func goReadability(doc corpus.Document) (corpus.Article, error) {
	p := readability.NewParser()
	art, err := p.Parse(bytes.NewReader(doc.Raw), pageURL(doc))
	if err != nil {
		return corpus.Article{}, err
	}
	a := corpus.Article{Source: doc.Source, Title: art.Title(), Author: art.Byline()}
	if art.Node != nil {
		var b strings.Builder
		if err := art.RenderText(&b); err != nil {
			return corpus.Article{}, err
		}
		a.Body = b.String()
	}
	if t, err := art.PublishedTime(); err == nil {
		a.Published = t.Format("2006-01-02")
	}
	a.IsArticle = strings.TrimSpace(a.Body) != ""
	return a, nil
}

// set is one loaded benchmark with its pages' bytes.
type set struct {
	bench eval.Bench
	raws  [][]byte
	bytes int
}

// row is one extractor's results over all sets.
type row struct {
	name   string
	runs   []eval.Run
	cpu    []time.Duration // process CPU time while extracting, per set
	scores []eval.BenchScore
}

// cpuTimed wraps an extractor to add the process CPU time of each call to
// *total.
func cpuTimed(ex eval.Extractor, total *time.Duration) eval.Extractor {
	return func(doc corpus.Document) (corpus.Article, error) {
		t0, _ := cpuNow()
		defer func() {
			t1, _ := cpuNow()
			*total += t1 - t0
		}()
		return ex(doc)
	}
}

// pagesPerSecond is pages over CPU time when it was measured, else over
// the extractor's wall-clock time.
func pagesPerSecond(pages int, cpu, wall time.Duration) float64 {
	d := wall
	if _, ok := cpuNow(); ok && cpu > 0 {
		d = cpu
	}
	if d <= 0 {
		return 0
	}
	return float64(pages) / d.Seconds()
}

// slowest is the page that took the extractor longest (wall clock).
func slowest(run eval.Run) (string, time.Duration) {
	var id string
	var d time.Duration
	for k, r := range run.Results {
		if r.Elapsed > d || r.Elapsed == d && k < id {
			id, d = k, r.Elapsed
		}
	}
	return id, d
}

func main() {
	data := filepath.Join("..", "..", "shared", "data", "extraction-bench")
	var (
		sh       = flag.String("scrapinghub", filepath.Join(data, "scrapinghub-aeb"), "scrapinghub-aeb folder (empty to skip)")
		tr       = flag.String("trafilatura", filepath.Join(data, "trafilatura-eval"), "trafilatura-eval folder (empty to skip)")
		vi       = flag.String("vi", filepath.Join(data, "vi-synthetic"), "vi-synthetic folder (empty to skip)")
		procs    = flag.Int("procs", 1, "GOMAXPROCS while extracting (1: single thread)")
		only     = flag.String("only", "", "comma-separated extractors to run (default all): tinso, go-trafilatura, go-trafilatura-nofallback, go-readability")
		dump     = flag.String("dump", "", "write each extractor's outputs to DIR/<extractor>/<set>.json ({id: {articleBody, date}})")
		worst    = flag.Int("worst", 0, "list the N worst pages of each extractor and set")
		markdown = flag.Bool("markdown", false, "print the summary as a Markdown table")
	)
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run . [flags]\n\nRuns tinso, go-trafilatura and go-readability on the same benchmark pages and prints pages/s and F1 side by side.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *sh, *tr, *vi, *procs, *only, *dump, *worst, *markdown, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, sh, tr, vi string, procs int, only, dump string, worst int, markdown bool, out io.Writer) error {
	var sets []set
	load := func(dir string, loader func(string) (eval.Bench, error)) error {
		if dir == "" {
			return nil
		}
		b, err := loader(dir)
		if err != nil {
			return err
		}
		raws, err := eval.ReadAll(b) // not timed
		if err != nil {
			return err
		}
		n := 0
		for _, r := range raws {
			n += len(r)
		}
		sets = append(sets, set{bench: b, raws: raws, bytes: n})
		return nil
	}
	if err := load(sh, eval.LoadScrapinghub); err != nil {
		return err
	}
	if err := load(tr, eval.LoadTrafilatura); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(vi, "evaldata.json")); vi != "" && err == nil {
		if err := load(vi, eval.LoadTrafilatura); err != nil {
			return err
		}
	}
	if len(sets) == 0 {
		return errors.New("no benchmark folder found (see -scrapinghub, -trafilatura, -vi)")
	}

	all := []extractor{
		{"tinso", tinso},
		{"go-trafilatura", goTrafilatura(true)},
		{"go-trafilatura-nofallback", goTrafilatura(false)},
		{"go-readability", goReadability},
	}
	var exs []extractor
	for _, e := range all {
		if only == "" || contains(strings.Split(only, ","), e.name) {
			exs = append(exs, e)
		}
	}
	if len(exs) == 0 {
		return fmt.Errorf("-only %q names no extractor", only)
	}

	prev := runtime.GOMAXPROCS(procs)
	defer runtime.GOMAXPROCS(prev)
	clock := "wall-clock time"
	if _, ok := cpuNow(); ok {
		clock = "process CPU time (robust to other load on the machine; wall-clock pages/s in the detail table)"
	}
	fmt.Fprintf(out, "GOMAXPROCS=%d, %s, %s/%s, %d CPUs\n", procs, runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	fmt.Fprintf(out, "pages/s: pages over the extractor's %s; pages are read and gunzipped before timing\n", clock)
	for _, s := range sets {
		fmt.Fprintf(out, "  %s: %d pages, %.1f MB\n", s.bench.Name, len(s.bench.Pages), float64(s.bytes)/1e6)
	}
	fmt.Fprintln(out)

	var rows []row
	for _, e := range exs {
		r := row{name: e.name}
		for _, s := range sets {
			runtime.GC()
			debug.FreeOSMemory()
			start := time.Now()
			var cpu time.Duration
			run, err := eval.RunBench(ctx, s.bench, s.raws, cpuTimed(e.run, &cpu))
			if err != nil {
				return err
			}
			sc := eval.ScoreBench(s.bench, run.Results)
			r.runs = append(r.runs, run)
			r.cpu = append(r.cpu, cpu)
			r.scores = append(r.scores, sc)
			fmt.Fprintf(os.Stderr, "%s on %s: %d pages in %.1fs\n", e.name, s.bench.Name, run.Pages, time.Since(start).Seconds())
			if dump != "" {
				if err := dumpRun(dump, e.name, s.bench, run); err != nil {
					return err
				}
			}
		}
		rows = append(rows, r)
	}
	printSummary(out, sets, rows, markdown)
	fmt.Fprintln(out)
	printDetail(out, sets, rows)
	if worst > 0 {
		printWorst(out, sets, rows, worst)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}

// headline is a set's main F1: shingles when it has bodies (scrapinghub,
// vi-synthetic), else segments (trafilatura).
func headline(sc eval.BenchScore) (string, float64) {
	if sc.Body != nil {
		return "F1", sc.Body.F1
	}
	if sc.Segments != nil {
		return "seg F1", sc.Segments.F1()
	}
	return "F1", 0
}

func printSummary(w io.Writer, sets []set, rows []row, markdown bool) {
	head := []string{"extractor", "pages/s"}
	for _, s := range sets {
		h, _ := headline(eval.ScoreBench(s.bench, nil))
		head = append(head, s.bench.Name+" "+h)
		if eval.ScoreBench(s.bench, nil).Dates.Total > 0 {
			head = append(head, s.bench.Name+" date")
		}
	}
	head = append(head, "errors")
	var lines [][]string
	for _, r := range rows {
		var pages int
		var elapsed, cpu time.Duration
		errs := 0
		line := []string{r.name, ""}
		for i := range sets {
			pages += r.runs[i].Pages
			elapsed += r.runs[i].Elapsed
			cpu += r.cpu[i]
			errs += r.runs[i].Errors
			_, f := headline(r.scores[i])
			line = append(line, fmt.Sprintf("%.3f", f))
			if r.scores[i].Dates.Total > 0 {
				line = append(line, fmt.Sprintf("%.1f %%", 100*r.scores[i].Dates.Rate()))
			}
		}
		line[1] = fmt.Sprintf("%.1f", pagesPerSecond(pages, cpu, elapsed))
		line = append(line, fmt.Sprint(errs))
		lines = append(lines, line)
	}
	if markdown {
		fmt.Fprintln(w, "| "+strings.Join(head, " | ")+" |")
		fmt.Fprintln(w, "|"+strings.Repeat(" ---: |", len(head)))
		for _, l := range lines {
			fmt.Fprintln(w, "| "+strings.Join(l, " | ")+" |")
		}
		return
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, l := range lines {
		fmt.Fprintln(tw, strings.Join(l, "\t")+"\t")
	}
	tw.Flush()
}

func printDetail(w io.Writer, sets []set, rows []row) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "set\textractor\tpages/s\twall pages/s\tslowest page\terrors\tP\tR\tF1\texact\tseg P\tseg R\tseg F1\tseg acc\tdate\tlistings\t")
	for i, s := range sets {
		for _, r := range rows {
			run, sc := r.runs[i], r.scores[i]
			id, d := slowest(run)
			if len(id) > 16 {
				id = id[:16] + "…"
			}
			cols := []string{s.bench.Name, r.name,
				fmt.Sprintf("%.1f", pagesPerSecond(run.Pages, r.cpu[i], run.Elapsed)),
				fmt.Sprintf("%.1f", run.PagesPerSecond()),
				fmt.Sprintf("%s %.0f ms", id, float64(d)/1e6),
				fmt.Sprint(run.Errors)}
			if b := sc.Body; b != nil {
				cols = append(cols, f3(b.Precision), f3(b.Recall), f3(b.F1), f3(b.Accuracy))
			} else {
				cols = append(cols, "", "", "", "")
			}
			if g := sc.Segments; g != nil {
				cols = append(cols, f3(g.Precision()), f3(g.Recall()), f3(g.F1()), f3(g.Accuracy()))
			} else {
				cols = append(cols, "", "", "", "")
			}
			if sc.Dates.Total > 0 {
				cols = append(cols, fmt.Sprintf("%d/%d", sc.Dates.Right, sc.Dates.Total))
			} else {
				cols = append(cols, "")
			}
			if sc.Listings.Total > 0 {
				cols = append(cols, fmt.Sprintf("%d/%d", sc.Listings.Right, sc.Listings.Total))
			} else {
				cols = append(cols, "")
			}
			fmt.Fprintln(tw, strings.Join(cols, "\t")+"\t")
		}
	}
	tw.Flush()
}

func f3(x float64) string { return fmt.Sprintf("%.3f", x) }

func printWorst(w io.Writer, sets []set, rows []row, n int) {
	for i, s := range sets {
		for _, r := range rows {
			fmt.Fprintf(w, "\n%s on %s, worst pages:\n", r.name, s.bench.Name)
			for _, p := range r.scores[i].Worst(n) {
				line := "  " + p.ID
				if p.HasBody {
					line += fmt.Sprintf("  P %.3f R %.3f F1 %.3f", p.Shingles.Precision(), p.Shingles.Recall(), p.Shingles.F1())
				}
				if p.HasSegs {
					line += fmt.Sprintf("  segments tp %d fn %d fp %d", p.Segments.TP, p.Segments.FN, p.Segments.FP)
				}
				if p.Err != nil {
					line += "  error: " + p.Err.Error()
				}
				fmt.Fprintln(w, line)
			}
		}
	}
}

// dumpRun writes one extractor's outputs on one set in the
// ground-truth.json shape, for checking the scores with another tool.
func dumpRun(dir, name string, b eval.Bench, run eval.Run) error {
	type item struct {
		ArticleBody string `json:"articleBody"`
		Date        string `json:"date,omitempty"`
		IsArticle   bool   `json:"is_article"`
		Error       string `json:"error,omitempty"`
	}
	m := map[string]item{}
	for _, p := range b.Pages {
		r := run.Results[p.ID]
		it := item{ArticleBody: r.Article.Body, Date: r.Article.Published, IsArticle: r.Article.IsArticle}
		if r.Err != nil {
			it = item{Error: r.Err.Error()}
		}
		m[p.ID] = it
	}
	data, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	d := filepath.Join(dir, name)
	if err := os.MkdirAll(d, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(d, b.Name+".json"), data, 0o644)
}
