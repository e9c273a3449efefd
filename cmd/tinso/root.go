package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "tinso",
		Short: "Turn Vietnamese trade-union news into data",
		Long: `tinso reads Vietnamese trade-union ("công đoàn") news and gives back the
figures an analyst counts: members recruited, money raised, percent of
targets reached, congress terms, dates.` + "\n" + exitCodesHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return withCode(exitUsage, fmt.Errorf("%s: %w", c.CommandPath(), err))
	})
	root.PersistentFlags().String("data", defaultDataDir, "the data `DIR` holding corpus.db and the search index (or set TINSO_DATA)")
	root.AddCommand(newExtractCmd(), newEvalCmd(), newIngestCmd(), newReextractCmd(), newShowCmd(),
		newFiguresCmd(), newStatsCmd(), newFailuresCmd(), newReindexCmd(), newSearchCmd())
	for _, c := range root.Commands() {
		c.Long += "\n" + exitCodesHelp
	}
	return root
}

// usageArgs wraps a cobra argument check so that its error exits with 2.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return withCode(exitUsage, fmt.Errorf("%s: %w", c.CommandPath(), err))
		}
		return nil
	}
}
