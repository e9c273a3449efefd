package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

type failuresOptions struct {
	Data string
	Run  int64
	JSON bool
}

func newFailuresCmd() *cobra.Command {
	var opts failuresOptions
	c := &cobra.Command{
		Use:   "failures [--run N] [--json]",
		Short: "List the documents a run could not store, with their reasons",
		Long: `Failures lists the documents that an ingest or reextract run could not
store: source, stage (read, fetch, extract, store, index) and reason. The
latest run with failures by default, or run N (--run). --json prints one
object a line.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Data = dataDir(c)
			return runFailures(c.Context(), opts, c.OutOrStdout())
		},
	}
	c.Flags().Int64Var(&opts.Run, "run", 0, "the run `N` to list (default: the latest run with failures)")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object a line")
	return c
}

func runFailures(ctx context.Context, opts failuresOptions, stdout io.Writer) error {
	store, err := openReader(ctx, opts.Data)
	if err != nil {
		return err
	}
	defer store.Close()
	fs, err := store.Failures(ctx, opts.Run)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	for _, f := range fs {
		if opts.JSON {
			b, _ := json.Marshal(f)
			fmt.Fprintf(out, "%s\n", b)
			continue
		}
		fmt.Fprintf(out, "run %d\t%s\t%s: %s\n", f.RunID, f.Source, f.Stage, f.Reason)
	}
	return nil
}
