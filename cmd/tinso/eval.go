package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/eval"
	"github.com/tinso/tinso/extract"
)

func newEvalCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "eval",
		Short: "Measure tinso's extraction against gold files",
		Long:  "Eval scores tinso's extractors against hand-made gold files.",
	}
	c.AddCommand(newEvalFiguresCmd(), newEvalCleanCmd())
	for _, sub := range c.Commands() {
		sub.Long += "\n" + exitCodesHelp
	}
	return c
}

// evalFiguresOptions are the flags of tinso eval figures.
type evalFiguresOptions struct {
	Gold  string  // directory with clean/*.json and figures/*.jsonl
	Input string  // raw inputs: figures are taken end to end from DIR/<doc>
	Show  bool    // list every miss, false positive and unit/approx error
	MinP  float64 // fail (exit 1) below this overall precision
	MinR  float64 // fail (exit 1) below this overall recall
}

func newEvalFiguresCmd() *cobra.Command {
	var opts evalFiguresOptions
	c := &cobra.Command{
		Use:   "figures --gold DIR",
		Short: "Score the figure extractor against gold figures",
		Long: `Eval figures runs the figure extractor on the body of each gold document
(DIR/clean/*.json) and scores it against DIR/figures/*.jsonl by the rules of
spec/figures.md: a prediction matches a gold figure when kinds and values
agree; each gold figure matches at most one prediction. It prints precision,
recall and F1 per kind and overall, the unit accuracy of matched counts and
the approx accuracy of matched figures.

With --input DIR the figures are taken end to end: each gold document's raw
input DIR/<doc> (the page or text dump it was made from) is cleaned and its
figures extracted as tinso extract does, so furniture that survives cleaning
shows up as false positives and lost paragraphs as misses. Gold offsets refer
to the gold body, so end-to-end matching ignores them: kinds and values must
agree, and a prediction with the gold figure's text is preferred.`,
		Example: `  tinso eval figures --gold ../shared/data/golden
  tinso eval figures --gold ../shared/data/golden --show --min-p 0.98 --min-r 0.97
  tinso eval figures --gold ../shared/data/golden --input ../shared/data/seeds --min-p 0.95 --min-r 0.95`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			return runEvalFigures(c.Context(), opts, c.OutOrStdout())
		},
	}
	c.Flags().StringVar(&opts.Gold, "gold", "", "gold directory laid out like shared/data/golden (required)")
	c.Flags().StringVar(&opts.Input, "input", "", "take figures end to end from the raw inputs DIR/<doc> instead of the gold bodies")
	c.Flags().BoolVar(&opts.Show, "show", false, "list each miss, false positive, unit and approx error")
	c.Flags().Float64Var(&opts.MinP, "min-p", 0, "exit 1 if overall precision is below this")
	c.Flags().Float64Var(&opts.MinR, "min-r", 0, "exit 1 if overall recall is below this")
	c.MarkFlagRequired("gold")
	return c
}

func runEvalFigures(ctx context.Context, opts evalFiguresOptions, out io.Writer) error {
	docs, err := eval.LoadGold(opts.Gold)
	if err != nil {
		return err
	}
	pred := map[string][]corpus.Figure{}
	var s eval.FigureScore
	if opts.Input != "" {
		fmt.Fprintf(out, "end to end: figures of the cleaned inputs in %s\n", opts.Input)
		run, err := eval.RunGold(ctx, docs, opts.Input, func(doc corpus.Document) (corpus.Article, error) {
			return extract.Extract(doc, extract.Options{})
		})
		if err != nil {
			return err
		}
		for _, d := range docs {
			r := run.Results[d.Doc]
			if r.Err != nil {
				fmt.Fprintf(out, "%s: %v (scored as no figures)\n", d.Doc, r.Err)
				continue
			}
			pred[d.Doc] = r.Article.Figures
		}
		s = eval.ScoreFiguresEndToEnd(docs, pred)
	} else {
		for _, d := range docs {
			if err := ctx.Err(); err != nil {
				return err
			}
			pred[d.Doc] = extract.Figures(d.Body)
		}
		s = eval.ScoreFigures(docs, pred)
	}
	printFigureScore(out, len(docs), s, opts.Show)
	if p := s.Overall.Precision(); opts.MinP > 0 && p < opts.MinP {
		return withCode(exitFailure, fmt.Errorf("eval figures: precision %.4f is below --min-p %.4f", p, opts.MinP))
	}
	if r := s.Overall.Recall(); opts.MinR > 0 && r < opts.MinR {
		return withCode(exitFailure, fmt.Errorf("eval figures: recall %.4f is below --min-r %.4f", r, opts.MinR))
	}
	return nil
}

func printFigureScore(w io.Writer, ndocs int, s eval.FigureScore, show bool) {
	fmt.Fprintf(w, "figures: %d documents, %d gold, %d predicted, %d matched\n\n", ndocs, s.Overall.Gold, s.Overall.Predicted, s.Overall.Matched)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\tgold\tpred\tmatch\tP\tR\tF1\t")
	kinds := make([]string, 0, len(s.ByKind))
	for k := range s.ByKind {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	row := func(name string, t eval.Tally) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", name, t.Gold, t.Predicted, t.Matched, t.Precision(), t.Recall(), t.F1())
	}
	for _, k := range kinds {
		row(k, *s.ByKind[corpus.Kind(k)])
	}
	row("overall", s.Overall)
	tw.Flush()
	fmt.Fprintf(w, "\ncount unit accuracy: %.3f (%d/%d)\n", s.UnitAccuracy(), s.UnitRight, s.UnitTotal)
	fmt.Fprintf(w, "approx accuracy:     %.3f (%d/%d)\n", s.ApproxAccuracy(), s.ApproxRight, s.ApproxTotal)
	if !show {
		return
	}
	section := func(title string, n int) {
		if n > 0 {
			fmt.Fprintf(w, "\n%s (%d):\n", title, n)
		}
	}
	section("missed", len(s.Missed))
	for _, m := range s.Missed {
		fmt.Fprintf(w, "  %s  %-8s %-14s %-16s %q\n", m.Doc, m.Figure.Kind, displayValue(m.Figure), m.Figure.Unit, m.Figure.Text)
	}
	section("false positives", len(s.FalsePositives))
	for _, m := range s.FalsePositives {
		fmt.Fprintf(w, "  %s  %-8s %-14s %-16s %q\n", m.Doc, m.Figure.Kind, displayValue(m.Figure), m.Figure.Unit, m.Figure.Text)
	}
	section("unit errors", len(s.UnitErrors))
	for _, e := range s.UnitErrors {
		fmt.Fprintf(w, "  %s  %q: gold %q, got %q\n", e.Doc, e.Gold.Text, e.Gold.Unit, e.Pred.Unit)
	}
	section("approx errors", len(s.ApproxErrors))
	for _, e := range s.ApproxErrors {
		fmt.Fprintf(w, "  %s  %q: gold %q, got %q\n", e.Doc, e.Gold.Text, e.Gold.Approx, e.Pred.Approx)
	}
}

// evalCleanOptions are the flags of tinso eval clean.
type evalCleanOptions struct {
	Gold        string   // golden-shaped folder: clean/*.json
	Input       string   // the gold documents' raw inputs (default GOLD/../seeds)
	Scrapinghub string   // folder with ground-truth.json and html/
	Trafilatura []string // folders with evaldata.json and html/ (+ ground-truth.json)
	Show        bool     // list the worst pages of each set
	Worst       int      // how many pages --show lists
	MinF1       float64  // fail below this body F1 (each set)
	MinPageF1   float64  // fail when a page with a body scores below this F1
	MinMeta     float64  // fail below this title, published or author hit rate
	MinDate     float64  // fail below this publication-date accuracy
	Listing     bool     // fail when a listing page is taken as an article
}

func newEvalCleanCmd() *cobra.Command {
	var opts evalCleanOptions
	c := &cobra.Command{
		Use:   "clean [--gold DIR] [--scrapinghub DIR] [--trafilatura DIR]...",
		Short: "Score the cleaner (article body, title, date, author) against gold and public benchmarks",
		Long: `Eval clean runs tinso's cleaner (the article alone, before the figures) on
the pages of one or more test sets and scores what it keeps:

  --gold DIR         a folder laid out like shared/data/golden: clean/*.json
                     hold doc, title, published, author and body; the inputs
                     are --input DIR/<doc> (default DIR/../seeds). Prints
                     body P, R, F1 and the hit rates of title (equal after
                     trimming), published (same date part; both null is a
                     hit) and author (equal; both null is a hit).
  --scrapinghub DIR  the article-extraction-benchmark folder (ground-truth.json,
                     html/<id>.html.gz): 4-gram shingles of \w+ tokens, per
                     page tp/fp/fn normalised to sum 1, precision averaged
                     over pages with tp+fp>0, recall over pages with tp+fn>0,
                     F1 their harmonic mean; accuracy = exact token match.
                     The gold body is scored the same way.
  --trafilatura DIR  trafilatura's evaldata.json with html/<file>(.gz):
                     must-have and must-not-have segments searched in the
                     whitespace-normalised output, micro P, R, accuracy, F1;
                     and the publication-date accuracy over pages with a
                     date. A folder that also has ground-truth.json
                     (vi-synthetic) is scored by shingles too, after NFC,
                     and its listing pages must come out as not articles.
                     Repeat the flag for several folders.

Each set prints its pages/s: pages run one after the other, and only the
cleaner is timed (reading and gunzip are not); bench/ compares it with the
peers on one thread. --show lists the worst pages. The --min-* flags
and --listing are bars: the exit code is 1 when one is not met.`,
		Example: `  tinso eval clean --gold ../shared/data/golden --min-f1 0.97 --min-meta 1
  tinso eval clean --scrapinghub ../shared/data/extraction-bench/scrapinghub-aeb --min-f1 0.95
  tinso eval clean --trafilatura ../shared/data/extraction-bench/trafilatura-eval --min-f1 0.90 --min-date 0.88
  tinso eval clean --trafilatura ../shared/data/extraction-bench/vi-synthetic --min-page-f1 0.97 --listing --show`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if opts.Gold == "" && opts.Scrapinghub == "" && len(opts.Trafilatura) == 0 {
				return withCode(exitUsage, errors.New("eval clean: give at least one of --gold, --scrapinghub, --trafilatura"))
			}
			if opts.Input != "" && opts.Gold == "" {
				return withCode(exitUsage, errors.New("eval clean: --input needs --gold"))
			}
			return runEvalClean(c.Context(), opts, c.OutOrStdout())
		},
	}
	f := c.Flags()
	f.StringVar(&opts.Gold, "gold", "", "gold folder laid out like shared/data/golden (clean/*.json)")
	f.StringVar(&opts.Input, "input", "", "the gold documents' raw inputs (default: GOLD/../seeds)")
	f.StringVar(&opts.Scrapinghub, "scrapinghub", "", "scrapinghub benchmark folder (ground-truth.json, html/)")
	f.StringArrayVar(&opts.Trafilatura, "trafilatura", nil, "folder with evaldata.json and html/ (trafilatura-eval, vi-synthetic); repeatable")
	f.BoolVar(&opts.Show, "show", false, "list the worst pages of each set")
	f.IntVar(&opts.Worst, "worst", 10, "how many pages --show lists per set")
	f.Float64Var(&opts.MinF1, "min-f1", 0, "exit 1 if a set's body F1 (shingle or segment) is below this")
	f.Float64Var(&opts.MinPageF1, "min-page-f1", 0, "exit 1 if a page with a ground-truth body scores a shingle F1 below this")
	f.Float64Var(&opts.MinMeta, "min-meta", 0, "exit 1 if the gold title, published or author hit rate is below this")
	f.Float64Var(&opts.MinDate, "min-date", 0, "exit 1 if a set's publication-date accuracy is below this")
	f.BoolVar(&opts.Listing, "listing", false, "exit 1 if a listing page (empty ground truth) is not flagged as not an article")
	return c
}

// cleanExtractor is tinso's cleaner as the evaluation calls it.
func cleanExtractor(doc corpus.Document) (corpus.Article, error) {
	return extract.Clean(doc, extract.Options{})
}

// runEvalClean scores every set asked for, prints each, and checks the
// bars once all are printed.
func runEvalClean(ctx context.Context, opts evalCleanOptions, out io.Writer) error {
	var unmet []string
	bar := func(set, what string, got, min float64) {
		if min > 0 && got < min {
			unmet = append(unmet, fmt.Sprintf("%s: %s %.4f is below %.4f", set, what, got, min))
		}
	}
	if opts.Gold != "" {
		docs, err := eval.LoadGold(opts.Gold)
		if err != nil {
			return err
		}
		input := opts.Input
		if input == "" {
			input = filepath.Join(opts.Gold, "..", "seeds")
		}
		run, err := eval.RunGold(ctx, docs, input, cleanExtractor)
		if err != nil {
			return err
		}
		s := eval.ScoreClean(docs, run.Results)
		printCleanScore(out, opts.Gold, input, run, s, opts)
		name := "gold " + opts.Gold
		bar(name, "body F1", s.Body.F1, opts.MinF1)
		f, doc := s.MinF1()
		bar(name, "body F1 of "+doc, f, opts.MinPageF1)
		bar(name, "title hit rate", s.Title.Rate(), opts.MinMeta)
		bar(name, "published hit rate", s.Published.Rate(), opts.MinMeta)
		bar(name, "author hit rate", s.Author.Rate(), opts.MinMeta)
	}
	type set struct {
		dir  string
		load func(string) (eval.Bench, error)
	}
	var sets []set
	if opts.Scrapinghub != "" {
		sets = append(sets, set{opts.Scrapinghub, eval.LoadScrapinghub})
	}
	for _, d := range opts.Trafilatura {
		sets = append(sets, set{d, eval.LoadTrafilatura})
	}
	for _, st := range sets {
		b, err := st.load(st.dir)
		if err != nil {
			return err
		}
		run, err := eval.RunBench(ctx, b, nil, cleanExtractor)
		if err != nil {
			return err
		}
		s := eval.ScoreBench(b, run.Results)
		printBenchScore(out, b, run, s, opts)
		if s.Body != nil {
			bar(b.Name, "shingle F1", s.Body.F1, opts.MinF1)
			if s.BodyPages > 0 {
				f, id := s.MinF1()
				bar(b.Name, "shingle F1 of "+id, f, opts.MinPageF1)
			}
		}
		if s.Segments != nil {
			bar(b.Name, "segment F1", s.Segments.F1(), opts.MinF1)
		}
		if s.Dates.Total > 0 {
			bar(b.Name, "date accuracy", s.Dates.Rate(), opts.MinDate)
		}
		if opts.Listing && s.Listings.Right < s.Listings.Total {
			unmet = append(unmet, fmt.Sprintf("%s: %d of %d listing pages taken as articles", b.Name, s.Listings.Total-s.Listings.Right, s.Listings.Total))
		}
	}
	if len(unmet) > 0 {
		return withCode(exitFailure, fmt.Errorf("eval clean: %s", strings.Join(unmet, "; ")))
	}
	return nil
}

func printRunLine(w io.Writer, what string, run eval.Run) {
	fmt.Fprintf(w, "%s: %d pages, %d errors, %.3f s, %.1f pages/s\n", what, run.Pages, run.Errors, run.Elapsed.Seconds(), run.PagesPerSecond())
}

func printShingles(w io.Writer, label string, s eval.ShingleScore) {
	fmt.Fprintf(w, "  %-10s P %.3f  R %.3f  F1 %.3f  exact %.3f  (shingles; P over %d pages, R over %d)\n",
		label, s.Precision, s.Recall, s.F1, s.Accuracy, s.PrecisionPages, s.RecallPages)
}

func printHits(w io.Writer, label string, h eval.Hits) {
	fmt.Fprintf(w, "  %-10s %d/%d  %.3f\n", label, h.Right, h.Total, h.Rate())
}

func printCleanScore(w io.Writer, gold, input string, run eval.Run, s eval.CleanScore, opts evalCleanOptions) {
	printRunLine(w, fmt.Sprintf("gold %s (inputs %s)", gold, input), run)
	printShingles(w, "body", s.Body)
	printHits(w, "title", s.Title)
	printHits(w, "published", s.Published)
	printHits(w, "author", s.Author)
	if !opts.Show {
		fmt.Fprintln(w)
		return
	}
	docs := append([]eval.DocScore(nil), s.PerDoc...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Shingles.F1() < docs[j].Shingles.F1() })
	if opts.Worst >= 0 && opts.Worst < len(docs) {
		docs = docs[:opts.Worst]
	}
	fmt.Fprintln(w, "  worst documents:")
	for _, d := range docs {
		fmt.Fprintf(w, "    %s  P %.3f  R %.3f  F1 %.3f\n", d.Doc, d.Shingles.Precision(), d.Shingles.Recall(), d.Shingles.F1())
		if d.Err != nil {
			fmt.Fprintf(w, "      error: %v\n", d.Err)
		}
		for _, m := range []struct {
			name string
			ok   bool
			v    [2]string
		}{{"title", d.TitleOK, d.Title}, {"published", d.PublishedOK, d.Published}, {"author", d.AuthorOK, d.Author}} {
			if !m.ok {
				fmt.Fprintf(w, "      %s: gold %q, got %q\n", m.name, m.v[0], m.v[1])
			}
		}
	}
	fmt.Fprintln(w)
}

func printBenchScore(w io.Writer, b eval.Bench, run eval.Run, s eval.BenchScore, opts evalCleanOptions) {
	printRunLine(w, fmt.Sprintf("%s (%s)", b.Name, b.Dir), run)
	if s.Body != nil {
		printShingles(w, "body", *s.Body)
		if s.BodyPages > 0 {
			f, id := s.MinF1()
			fmt.Fprintf(w, "  %-10s F1 %.3f  (%s)\n", "worst page", f, id)
		}
	}
	if g := s.Segments; g != nil {
		fmt.Fprintf(w, "  %-10s P %.3f  R %.3f  F1 %.3f  accuracy %.3f  (tp %d, fn %d, fp %d, tn %d)\n",
			"segments", g.Precision(), g.Recall(), g.F1(), g.Accuracy(), g.TP, g.FN, g.FP, g.TN)
	}
	if s.Dates.Total > 0 {
		printHits(w, "date", s.Dates)
	}
	if s.Listings.Total > 0 {
		var names []string
		for _, p := range s.PerPage {
			if p.Listing {
				flag := "not an article"
				if p.IsArticle {
					flag = fmt.Sprintf("TAKEN AS AN ARTICLE (%d chars)", p.BodyLen)
				}
				names = append(names, p.ID+": "+flag)
			}
		}
		fmt.Fprintf(w, "  %-10s %d/%d flagged not an article (%s)\n", "listings", s.Listings.Right, s.Listings.Total, strings.Join(names, ", "))
	}
	if opts.Show {
		fmt.Fprintln(w, "  worst pages:")
		for _, p := range s.Worst(max(opts.Worst, 0)) {
			line := "    " + p.ID
			if p.HasBody {
				line += fmt.Sprintf("  P %.3f  R %.3f  F1 %.3f", p.Shingles.Precision(), p.Shingles.Recall(), p.Shingles.F1())
			}
			if p.HasSegs {
				line += fmt.Sprintf("  segments tp %d fn %d fp %d", p.Segments.TP, p.Segments.FN, p.Segments.FP)
			}
			if p.Date[0] != "" && !p.DateOK {
				line += fmt.Sprintf("  date %s, got %q", p.Date[0], p.Date[1])
			}
			if p.Listing && p.IsArticle {
				line += "  listing taken as an article"
			}
			line += fmt.Sprintf("  (%d chars)", p.BodyLen)
			if p.Err != nil {
				line += fmt.Sprintf("  error: %v", p.Err)
			}
			fmt.Fprintln(w, line)
		}
	}
	fmt.Fprintln(w)
}
