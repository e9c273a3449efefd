package main

import (
	"context"
	"fmt"
	"io"
	"sort"
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
	c.AddCommand(newEvalFiguresCmd())
	return c
}

// evalFiguresOptions are the flags of tinso eval figures.
type evalFiguresOptions struct {
	Gold string  // directory with clean/*.json and figures/*.jsonl
	Show bool    // list every miss, false positive and unit/approx error
	MinP float64 // fail (exit 1) below this overall precision
	MinR float64 // fail (exit 1) below this overall recall
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
the approx accuracy of matched figures.`,
		Example: `  tinso eval figures --gold ../shared/data/golden
  tinso eval figures --gold ../shared/data/golden --show --min-p 0.98 --min-r 0.97`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			return runEvalFigures(c.Context(), opts, c.OutOrStdout())
		},
	}
	c.Flags().StringVar(&opts.Gold, "gold", "", "gold directory laid out like shared/data/golden (required)")
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
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		pred[d.Doc] = extract.Figures(d.Body)
	}
	s := eval.ScoreFigures(docs, pred)
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
