package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tinso/tinso/corpus"
)

type figuresOptions struct {
	Data   string
	Filter figureFilterFlags
	CSV    bool
	JSON   bool
	Limit  int
}

func newFiguresCmd() *cobra.Command {
	var opts figuresOptions
	c := &cobra.Command{
		Use:   "figures [filters] [--csv | --json]",
		Short: "List the figures across the corpus, filtered",
		Long: `Figures lists every stored figure with the article it comes from: a
readable table, CSV (--csv: one row a figure with article id, site,
published, title, url and every figure field, with a UTF-8 byte-order mark
so that Excel shows Vietnamese) or JSON Lines (--json: the figure object of
spec/figures.md plus article_id, site, published, title, url).

Filters combine: --site, --kind, --category, --from/--to (publication
dates), --min/--max (the figure's value). tinso stats sums the same rows.`,
		Example: `  tinso figures --kind money --min 1e9 --from 2021 --to 2021
  tinso figures --kind count --category members --csv > members.csv`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if opts.CSV && opts.JSON {
				return withCode(exitUsage, fmt.Errorf("figures: --csv and --json cannot be used together"))
			}
			opts.Data = dataDir(c)
			return runFigures(c.Context(), opts, c.OutOrStdout())
		},
	}
	opts.Filter.register(c)
	c.Flags().BoolVar(&opts.CSV, "csv", false, "print CSV with a UTF-8 byte-order mark")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object a line")
	c.Flags().IntVar(&opts.Limit, "limit", 0, "print at most `N` figures (0: all)")
	return c
}

// figureRowJSON is one line of tinso figures --json.
type figureRowJSON struct {
	ArticleID int64   `json:"article_id"`
	Site      *string `json:"site"`
	Published *string `json:"published"`
	Title     *string `json:"title"`
	URL       *string `json:"url"`
	corpus.Figure
}

func runFigures(ctx context.Context, opts figuresOptions, stdout io.Writer) error {
	filter, err := opts.Filter.filter("figures")
	if err != nil {
		return err
	}
	store, err := openReader(ctx, opts.Data)
	if err != nil {
		return err
	}
	defer store.Close()
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	var csvw *csv.Writer
	var tw *tabwriter.Writer
	switch {
	case opts.CSV:
		out.WriteString("\ufeff")
		csvw = csv.NewWriter(out)
		csvw.Write([]string{"article_id", "site", "published", "title", "url", "kind", "value", "unit", "category",
			"approx", "min", "max", "num", "den", "per", "text", "sentence"})
	case !opts.JSON:
		tw = tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSITE\tPUBLISHED\tKIND\tVALUE\tUNIT\tCATEGORY\tAPPROX\tTEXT")
	}
	n := 0
	stop := fmt.Errorf("limit reached")
	err = store.Figures(ctx, filter, func(r corpus.FigureRow) error {
		if opts.Limit > 0 && n >= opts.Limit {
			return stop
		}
		n++
		f := r.Figure
		switch {
		case opts.JSON:
			b, err := json.Marshal(figureRowJSON{ArticleID: r.ArticleID, Site: nullable(r.Site), Published: nullable(r.Published),
				Title: nullable(r.Title), URL: nullable(r.URL), Figure: f})
			if err != nil {
				return err
			}
			out.Write(b)
			out.WriteByte('\n')
		case opts.CSV:
			csvw.Write([]string{strconv.FormatInt(r.ArticleID, 10), r.Site, r.Published, r.Title, r.URL, string(f.Kind),
				f.Value.String(), f.Unit, f.Category, string(f.Approx), optDec(f.Min), optDec(f.Max), optDec(f.Num),
				optDec(f.Den), f.Per, f.Text, f.Sentence})
		default:
			unit := f.Unit
			if f.Per != "" {
				unit += "/" + f.Per
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ArticleID, r.Site, r.Published, f.Kind,
				displayValue(f), unit, f.Category, f.Approx, oneLine(f.Text))
		}
		return nil
	})
	if err != nil && err != stop {
		return fmt.Errorf("figures: %w", err)
	}
	if csvw != nil {
		csvw.Flush()
	}
	if tw != nil {
		tw.Flush()
	}
	return nil
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
