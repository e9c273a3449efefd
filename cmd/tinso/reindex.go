package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/tinso/tinso/index"
)

type reindexOptions struct {
	Data   string
	Repair bool
	JSON   bool
}

func newReindexCmd() *cobra.Command {
	var opts reindexOptions
	c := &cobra.Command{
		Use:   "reindex [--repair]",
		Short: "Rebuild the search index from the corpus",
		Long: `Reindex rebuilds the search index (index.bleve in the data directory) from
the articles in the corpus: after an analyzer change, or when the index is
lost or damaged. Nothing is fetched or extracted again.

--repair keeps the index and only fixes where it disagrees with the corpus
(articles missing or out of date are indexed, articles the corpus no
longer has are removed); tinso ingest does this by itself after a run that
was killed.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Data = dataDir(c)
			return runReindex(c.Context(), opts, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	c.Flags().BoolVar(&opts.Repair, "repair", false, "fix the index where it disagrees with the corpus instead of rebuilding it")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print the summary as one JSON object")
	return c
}

func runReindex(ctx context.Context, opts reindexOptions, stdout, stderr io.Writer) error {
	// The corpus writer's lock keeps an ingest from writing meanwhile.
	store, err := openWriter(ctx, opts.Data)
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	ix, err := index.Open(indexDir(opts.Data), index.Options{Rebuild: !opts.Repair})
	if err != nil && opts.Repair {
		ix, err = openIndexWriter(opts.Data, stderr)
	}
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	defer ix.Close()
	put, deleted, err := reconcile(ctx, store, ix)
	if err != nil {
		return err
	}
	n, _ := ix.Count()
	secs := time.Since(start).Seconds()
	if opts.JSON {
		b, _ := json.Marshal(map[string]any{"data": opts.Data, "indexed": put, "removed": deleted, "documents": n, "seconds": secs})
		fmt.Fprintf(stdout, "%s\n", b)
		return nil
	}
	fmt.Fprintf(stdout, "search index: %d articles indexed, %d removed, %d in the index (%.1fs)\n", put, deleted, n, secs)
	return nil
}
