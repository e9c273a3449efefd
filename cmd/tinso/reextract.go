package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/extract"
	"github.com/tinso/tinso/ingest"
)

type reextractOptions struct {
	Data       string
	All        bool
	JSON       bool
	Rules      string
	NoProgress bool
}

func newReextractCmd() *cobra.Command {
	var opts reextractOptions
	c := &cobra.Command{
		Use:   "reextract [--all] [--json]",
		Short: "Extract stored documents again with this tinso, without refetching",
		Long: `Reextract runs cleaning and figure extraction again over the raw documents
kept in the corpus, and replaces their articles and figures. By default only
articles extracted by another extractor version than this tinso's are
redone; --all redoes every document. Nothing is fetched. A document that is
no longer an article (a listing) loses its article but keeps its raw bytes.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Data = dataDir(c)
			return runReextract(c.Context(), opts, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	c.Flags().BoolVar(&opts.All, "all", false, "re-extract every document, not only those from another extractor version")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print the summary as one JSON object")
	c.Flags().StringVar(&opts.Rules, "rules", "", "per-site selector rules, a JSON `FILE` (see README)")
	c.Flags().BoolVar(&opts.NoProgress, "no-progress", false, "do not draw the progress line, even on a terminal")
	return c
}

func runReextract(ctx context.Context, opts reextractOptions, stdout, stderr io.Writer) error {
	xopts, err := extractOptions{Rules: opts.Rules}.extractOptions()
	if err != nil {
		return err
	}
	store, err := openWriter(ctx, opts.Data)
	if err != nil {
		return err
	}
	defer store.Close()
	ix, err := openIndexWriter(opts.Data, stderr)
	if err != nil {
		return err
	}
	defer ix.Close()
	bar := newProgress(stderr, 0, !opts.NoProgress && !opts.JSON)
	p := &ingest.Pipeline{
		Store:   store,
		Extract: func(d corpus.Document) (corpus.Article, error) { return extract.Extract(d, xopts) },
		Version: extract.Version,
		Index:   indexer{ix},
		OnEvent: func(e ingest.Event) { bar.add(e.Outcome) },
		Command: "reextract",
	}
	sum, err := p.Reextract(ctx, opts.All)
	bar.finish()
	interrupted := ctx.Err() != nil
	if err != nil && !interrupted {
		return fmt.Errorf("reextract: %w", err)
	}
	c := sum.Counts
	// Articles dropped as no longer articles leave the index too.
	if c.Skipped > 0 && !interrupted {
		if _, _, err := reconcile(ctx, store, ix); err != nil {
			fmt.Fprintf(stderr, "tinso: reextract: the search index was not updated (%v); run tinso reindex --repair\n", err)
		}
	}
	if opts.JSON {
		b, _ := json.Marshal(map[string]any{"data": opts.Data, "run": sum.RunID, "version": extract.Version,
			"updated": c.Updated, "unchanged": c.Unchanged, "skipped": c.Skipped,
			"failed": c.Failed, "seconds": sum.Elapsed.Seconds(), "failures": sum.Failures})
		fmt.Fprintf(stdout, "%s\n", b)
	} else {
		for _, f := range sum.Failures {
			fmt.Fprintf(stderr, "tinso: reextract %s: %s: %s\n", f.Source, f.Stage, f.Reason)
		}
		fmt.Fprintf(stdout, "re-extracted with extractor %s in %.1fs: %d updated, %d unchanged, %d no longer articles, %d failed\n",
			extract.Version, sum.Elapsed.Seconds(), c.Updated, c.Unchanged, c.Skipped, c.Failed)
	}
	switch {
	case interrupted:
		return withCode(exitInterrupted, fmt.Errorf("reextract: interrupted; run it again to finish"))
	case c.Failed > 0 || sum.IndexErr != nil:
		return withCode(exitSomeFailed, fmt.Errorf("reextract: %d documents failed", c.Failed))
	}
	return nil
}
