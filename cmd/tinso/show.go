package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/tinso/tinso/corpus"
)

type showOptions struct {
	Data string
	JSON bool
	Body bool
}

func newShowCmd() *cobra.Command {
	var opts showOptions
	c := &cobra.Command{
		Use:   "show [--json] [--body] ID|URL|PATH",
		Short: "Print one stored article with its figures",
		Long: `Show prints one article from the corpus, found by its id (as figures and
search print it), its URL, or the path it was ingested from: title, site,
published date, author, where it came from, and its figures as a table.
--body adds the article text; --json prints the article object of
spec/figures.md (with "id" and "url") on one line.`,
		Example: `  tinso show 42
  tinso show --json https://congdoan.vn/tin-tuc/123.html | jq .figures`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Data = dataDir(c)
			return runShow(c.Context(), opts, args[0], c.OutOrStdout())
		},
	}
	c.Flags().BoolVar(&opts.JSON, "json", false, "print the article as one JSON object")
	c.Flags().BoolVar(&opts.Body, "body", false, "print the article text too")
	return c
}

func runShow(ctx context.Context, opts showOptions, ref string, stdout io.Writer) error {
	store, err := openReader(ctx, opts.Data)
	if err != nil {
		return err
	}
	defer store.Close()
	sa, err := store.Article(ctx, ref)
	if errors.Is(err, corpus.ErrNotFound) {
		return fmt.Errorf("show: no article %q in %s\nTry: tinso figures or tinso search to find ids", ref, opts.Data)
	}
	if err != nil {
		return fmt.Errorf("show: %w", err)
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if opts.JSON {
		b, err := json.Marshal(storedArticleJSON(sa))
		if err != nil {
			return fmt.Errorf("show %s: %w", ref, err)
		}
		out.Write(b)
		out.WriteByte('\n')
		return nil
	}
	a := sa.Article
	fmt.Fprintf(out, "article %d\n", sa.ID)
	for _, kv := range [][2]string{{"title", a.Title}, {"site", a.Site}, {"url", sa.URL}, {"source", a.Source},
		{"published", a.Published}, {"author", a.Author}, {"extractor", sa.ExtractorVersion}} {
		if kv[1] != "" {
			fmt.Fprintf(out, "  %-10s %s\n", kv[0]+":", oneLine(kv[1]))
		}
	}
	for _, p := range a.Problems {
		fmt.Fprintf(out, "  problem:   %s\n", p)
	}
	fmt.Fprintln(out)
	writeTable(out, a)
	if opts.Body {
		fmt.Fprintln(out, a.Body)
	}
	return nil
}

// storedArticleJSON is the spec's article object plus the store's id and
// URL.
func storedArticleJSON(sa corpus.StoredArticle) any {
	b, _ := json.Marshal(sa.Article)
	var m map[string]any
	json.Unmarshal(b, &m)
	m["id"] = sa.ID
	m["url"] = nil
	if sa.URL != "" {
		m["url"] = sa.URL
	}
	return m
}
