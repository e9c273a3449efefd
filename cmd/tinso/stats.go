package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tinso/tinso/corpus"
)

type statsOptions struct {
	Data   string
	Filter figureFilterFlags
	By     []string
	CSV    bool
	JSON   bool
}

func newStatsCmd() *cobra.Command {
	var opts statsOptions
	c := &cobra.Command{
		Use:   "stats [--by site,year,...] [filters] [--csv | --json]",
		Short: "Count and sum figures, grouped by site, year, month, kind or category",
		Long: `Stats counts and sums the figures that tinso figures lists under the same
filters, grouped by --by (any of site, year, month, kind, category, in the
order given). Groups are always split by kind, and money by currency, so
that no sum adds đồng to percents or to dollars. For a range the sum adds
its value (the lower end).

Columns: the groups, KIND, UNIT (money only), FIGURES (how many), ARTICLES
(how many distinct articles), SUM (of the values).`,
		Example: `  tinso stats --kind money --by site,year          # money raised per site per year
  tinso stats --kind count --category members --by year   # members recruited per year`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if opts.CSV && opts.JSON {
				return withCode(exitUsage, fmt.Errorf("stats: --csv and --json cannot be used together"))
			}
			opts.Data = dataDir(c)
			return runStats(c.Context(), opts, c.OutOrStdout())
		},
	}
	opts.Filter.register(c)
	c.Flags().StringSliceVar(&opts.By, "by", nil, "group by `KEYS`: site, year, month, kind, category (comma-separated)")
	c.Flags().BoolVar(&opts.CSV, "csv", false, "print CSV with a UTF-8 byte-order mark")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object a line")
	return c
}

func runStats(ctx context.Context, opts statsOptions, stdout io.Writer) error {
	filter, err := opts.Filter.filter("stats")
	if err != nil {
		return err
	}
	var by []corpus.StatGroup
	for _, b := range opts.By {
		g := corpus.StatGroup(strings.ToLower(strings.TrimSpace(b)))
		switch g {
		case corpus.BySite, corpus.ByYear, corpus.ByMonth, corpus.ByKind, corpus.ByCategory:
			by = append(by, g)
		default:
			return withCode(exitUsage, fmt.Errorf("stats: --by %q: group by site, year, month, kind or category", b))
		}
	}
	store, err := openReader(ctx, opts.Data)
	if err != nil {
		return err
	}
	defer store.Close()
	rows, err := store.Stats(ctx, filter, by)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	// Kind is always a group; print it once, where --by put it or after
	// the asked groups.
	kindAsked := false
	head := make([]string, 0, len(by)+5)
	for _, g := range by {
		head = append(head, string(g))
		kindAsked = kindAsked || g == corpus.ByKind
	}
	if !kindAsked {
		head = append(head, "kind")
	}
	head = append(head, "unit", "figures", "articles", "sum")
	cellsOf := func(r corpus.StatRow, empty string) []string {
		cells := make([]string, 0, len(head))
		for _, k := range r.Keys {
			if k == "" {
				k = empty
			}
			cells = append(cells, k)
		}
		if !kindAsked {
			cells = append(cells, string(r.Kind))
		}
		return append(cells, r.Unit, strconv.FormatInt(r.Count, 10), strconv.FormatInt(r.Articles, 10), formatSum(r.Sum))
	}
	switch {
	case opts.JSON:
		for _, r := range rows {
			m := map[string]any{}
			for i, g := range by {
				m[string(g)] = r.Keys[i]
			}
			m["kind"], m["unit"], m["figures"], m["articles"], m["sum"] = r.Kind, r.Unit, r.Count, r.Articles, r.Sum
			b, _ := json.Marshal(m)
			fmt.Fprintf(out, "%s\n", b)
		}
	case opts.CSV:
		out.WriteString("\ufeff")
		w := csv.NewWriter(out)
		w.Write(head)
		for _, r := range rows {
			w.Write(cellsOf(r, ""))
		}
		w.Flush()
	default:
		tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, strings.ToUpper(strings.Join(head, "\t")))
		for _, r := range rows {
			fmt.Fprintln(tw, strings.Join(cellsOf(r, "-"), "\t"))
		}
		tw.Flush()
	}
	return nil
}

// formatSum prints a sum without exponent notation: analysts read
// 1041000000, not 1.041e+09.
func formatSum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
