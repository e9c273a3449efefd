package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/index"
)

type searchOptions struct {
	Data   string
	Filter figureFilterFlags
	Limit  int
	Offset int
	Sort   string
	Facets []string
	JSON   bool
}

func newSearchCmd() *cobra.Command {
	var opts searchOptions
	c := &cobra.Command{
		Use:   "search [flags] QUERY...",
		Short: "Search the corpus: accent-insensitive words, phrases, filters, facets",
		Long: `Search finds stored articles. Accents are optional: "cong doan" finds
"công đoàn", and "Ủy ban" finds "Uỷ ban"; an accented word also ranks
articles with exactly that spelling first ("đường" before "Dương"). A title
match weighs more than a body match.

Query language:
  words          every word must match (in the title or the body)
  "a phrase"     the words in that order
  -word          articles without it ("-a phrase" too)
  site:HOST      only that site (and its subdomains); or --site
  cong*          prefix; wild?card; fuzzy~ or fuzzy~2 (folded like the index)

Filters: --from/--to publication dates; --kind with --min/--max keeps
articles with a figure of that kind in the range (the figure is shown with
the hit); --category members keeps articles counting members.

Output: the hits with their title, site, date, id (for tinso show) and a
snippet with the matches in bold on a terminal; --json prints one object a
line (id, score, title, site, published, snippet with <mark>, figures),
then, with --facets, one {"total", "facets"} object.

The search index is read while an ingest writes: a search waits a
fraction of a second for the writer to finish its current batch. An
ingest busy in one long batch makes search give up after 5 s with a
message; run it again.`,
		Example: `  tinso search mai am cong doan
  tinso search '"Mái ấm Công đoàn"' --kind money --min 1e9 --from 2021 --to 2021
  tinso search đoàn viên --category members --facets site,year --json`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Data = dataDir(c)
			return runSearch(c.Context(), opts, strings.Join(args, " "), c.OutOrStdout())
		},
	}
	opts.Filter.register(c)
	c.Flags().IntVar(&opts.Limit, "limit", 10, "show `N` hits")
	c.Flags().IntVar(&opts.Offset, "offset", 0, "skip the first `N` hits")
	c.Flags().StringVar(&opts.Sort, "sort", "relevance", "order hits by relevance or date (newest first)")
	c.Flags().StringSliceVar(&opts.Facets, "facets", nil, "count hits by `NAMES`: site, year, kind, category")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object a line")
	return c
}

// query turns the flags into an index query; bad values exit 2.
func (o searchOptions) query(text string) (index.Query, error) {
	f, err := o.Filter.filter("search")
	if err != nil {
		return index.Query{}, err
	}
	q := index.Query{Text: text, From: f.From, To: f.To, Kind: f.Kind, Category: f.Category, Min: f.Min, Max: f.Max,
		Limit: o.Limit, Offset: o.Offset, Highlight: true}
	if f.Site != "" {
		q.Sites = append(q.Sites, f.Site)
	}
	switch strings.ToLower(o.Sort) {
	case "", "relevance":
		q.Sort = index.ByRelevance
	case "date":
		q.Sort = index.ByDate
	default:
		return q, withCode(exitUsage, fmt.Errorf("search: --sort must be relevance or date, not %q", o.Sort))
	}
	if o.Limit < 1 || o.Offset < 0 {
		return q, withCode(exitUsage, errors.New("search: --limit must be at least 1 and --offset not negative"))
	}
	for _, f := range o.Facets {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "site", "year", "kind", "category":
			q.Facets = append(q.Facets, f)
		default:
			return q, withCode(exitUsage, fmt.Errorf("search: --facets %q: facets are site, year, kind, category", f))
		}
	}
	return q, nil
}

// hitJSON is one line of tinso search --json.
type hitJSON struct {
	ID        string          `json:"id"`
	Score     float64         `json:"score"`
	Title     *string         `json:"title"`
	Site      *string         `json:"site"`
	Published *string         `json:"published"`
	Snippet   string          `json:"snippet"`
	Figures   []corpus.Figure `json:"figures"`
}

func runSearch(ctx context.Context, opts searchOptions, text string, stdout io.Writer) error {
	q, err := opts.query(text)
	if err != nil {
		return err
	}
	store, err := openReader(ctx, opts.Data)
	if err != nil {
		return err
	}
	defer store.Close()
	ix, err := index.Open(indexDir(opts.Data), index.Options{
		ReadOnly: true,
		Articles: func(id string) (corpus.Article, error) {
			sa, err := store.Article(ctx, id)
			return sa.Article, err
		},
	})
	switch {
	case errors.Is(err, index.ErrNoIndex):
		return fmt.Errorf("search: %s has no search index yet\nTry: tinso reindex --data %s", opts.Data, opts.Data)
	case errors.Is(err, index.ErrStale):
		return fmt.Errorf("search: the index in %s was built by another tinso version\nTry: tinso reindex --data %s", opts.Data, opts.Data)
	case err != nil:
		return fmt.Errorf("search: %w", err)
	}
	defer ix.Close()
	res, err := ix.Search(ctx, q)
	var qe *index.QueryError
	if errors.As(err, &qe) {
		return withCode(exitUsage, fmt.Errorf("search: %w", err))
	}
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if opts.JSON {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false) // <mark> stays readable
		for _, h := range res.Hits {
			var snip []string
			for _, f := range h.Snippet {
				snip = append(snip, f.Render("<mark>", "</mark>", html.EscapeString))
			}
			figs := h.Figures
			if figs == nil {
				figs = []corpus.Figure{}
			}
			score := h.Score
			if math.IsNaN(score) || math.IsInf(score, 0) {
				score = 0 // a filter-only match has no relevance score
			}
			err := enc.Encode(hitJSON{ID: h.ID, Score: score, Title: nullable(h.Title), Site: nullable(h.Site),
				Published: nullable(h.Published), Snippet: strings.Join(snip, " … "), Figures: figs})
			if err != nil {
				return fmt.Errorf("search: hit %s: %w", h.ID, err)
			}
		}
		if len(q.Facets) > 0 {
			facets := map[string][]map[string]any{}
			for _, name := range q.Facets {
				facets[name] = []map[string]any{}
				for _, fc := range res.Facets[name] {
					facets[name] = append(facets[name], map[string]any{"term": fc.Term, "count": fc.Count})
				}
			}
			enc.Encode(map[string]any{"total": res.Total, "facets": facets})
		}
		return nil
	}
	if res.Total == 0 {
		printNoHits(ctx, out, ix, q)
		return nil
	}
	bold, reset := "", ""
	if isTerminal(stdout) {
		bold, reset = "\x1b[1m", "\x1b[0m"
	}
	fmt.Fprintf(out, "%d articles match (%s)\n\n", res.Total, res.Took.Round(1e5))
	for i, h := range res.Hits {
		meta := []string{}
		for _, m := range []string{h.Site, h.Published} {
			if m != "" {
				meta = append(meta, m)
			}
		}
		meta = append(meta, "#"+h.ID)
		title := index.Mark(oneLine(h.Title), nil, "", "", nil)
		if len(h.TitleMarks) > 0 {
			title = index.Mark(h.Title, h.TitleMarks, bold, reset, nil)
		}
		fmt.Fprintf(out, "%d. %s  (%s)\n", opts.Offset+i+1, title, strings.Join(meta, ", "))
		for _, f := range h.Snippet {
			fmt.Fprintf(out, "   %s\n", f.Render(bold, reset, nil))
		}
		for _, f := range h.Figures {
			fmt.Fprintf(out, "   %s %s %s  %q\n", f.Kind, displayValue(f), f.Unit, oneLine(f.Text))
		}
		fmt.Fprintln(out)
	}
	for _, name := range q.Facets {
		fmt.Fprintf(out, "%s:", name)
		for _, fc := range res.Facets[name] {
			fmt.Fprintf(out, "  %s (%d)", fc.Term, fc.Count)
		}
		fmt.Fprintln(out)
	}
	if shown := uint64(opts.Offset + len(res.Hits)); shown < res.Total {
		fmt.Fprintf(out, "… %d more: --offset %d\n", res.Total-shown, shown)
	}
	return nil
}

// printNoHits says nothing matched and suggests what would.
func printNoHits(ctx context.Context, w io.Writer, ix *index.Index, q index.Query) {
	fmt.Fprintf(w, "No article matches %q.\n", q.Text)
	if folded := index.Fold(q.Text); folded != strings.ToLower(q.Text) {
		fmt.Fprintf(w, "Accents are optional: tinso search %s finds the same words with or without them.\n", folded)
	}
	sugg, err := ix.Suggest(ctx, q)
	if err != nil {
		return
	}
	for _, s := range sugg {
		fmt.Fprintf(w, "%d articles match %s.\n", s.Total, s.What)
	}
	if len(sugg) == 0 && (q.From != "" || q.To != "") {
		fmt.Fprintln(w, "Try a wider date range (--from/--to).")
	}
}
