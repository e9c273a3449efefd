package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/corpus/sqlite"
)

// defaultDataDir is where the corpus and the index live unless --data or
// TINSO_DATA says otherwise.
const defaultDataDir = "./tinso-data"

// dataDir resolves the data directory: --data, then TINSO_DATA, then
// ./tinso-data.
func dataDir(c *cobra.Command) string {
	if f := c.Flags().Lookup("data"); f != nil && f.Changed {
		return f.Value.String()
	}
	if d := os.Getenv("TINSO_DATA"); d != "" {
		return d
	}
	return defaultDataDir
}

// openWriter opens the corpus for writing (ingest, reextract, reindex).
func openWriter(ctx context.Context, dir string) (*sqlite.Store, error) {
	s, err := sqlite.Open(ctx, dir, sqlite.Options{})
	if err != nil {
		return nil, storeError(err)
	}
	return s, nil
}

// openReader opens the corpus for reading (show, figures, stats,
// failures); an ingest may run meanwhile.
func openReader(ctx context.Context, dir string) (*sqlite.Store, error) {
	s, err := sqlite.Open(ctx, dir, sqlite.Options{ReadOnly: true})
	if err != nil {
		return nil, storeError(err)
	}
	return s, nil
}

// storeError adds what to do next to the store's own errors.
func storeError(err error) error {
	switch {
	case errors.Is(err, sqlite.ErrNoStore):
		return fmt.Errorf("%w\nTry: tinso ingest PATH|URL... (or --data DIR to point at an existing corpus)", err)
	case errors.Is(err, corpus.ErrLocked):
		return err
	}
	return err
}

// figureFilterFlags are the filters shared by figures and stats.
type figureFilterFlags struct {
	Site, Kind, Category, From, To, Min, Max string
}

func (f *figureFilterFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&f.Site, "site", "", "only articles from this `HOST` (and its subdomains)")
	c.Flags().StringVar(&f.Kind, "kind", "", "only figures of this `KIND`: money, count, percent, ratio, period, date, ordinal, duration")
	c.Flags().StringVar(&f.Category, "category", "", "only counts of this `CATEGORY` (members, unions, people, ...)")
	c.Flags().StringVar(&f.From, "from", "", "only articles published on or after `DATE` (2021, 2021-03, 2021-03-15)")
	c.Flags().StringVar(&f.To, "to", "", "only articles published on or before `DATE` (2021 means through 2021-12-31)")
	c.Flags().StringVar(&f.Min, "min", "", "only figures whose value is at least `N` (1e9, 1000000000)")
	c.Flags().StringVar(&f.Max, "max", "", "only figures whose value is at most `N`")
}

// filter validates the flags; a bad value is a usage error (exit 2).
func (f figureFilterFlags) filter(cmd string) (corpus.FigureFilter, error) {
	out := corpus.FigureFilter{Site: strings.ToLower(f.Site), Category: f.Category}
	if f.Kind != "" {
		k := corpus.Kind(strings.ToLower(f.Kind))
		switch k {
		case corpus.Money, corpus.Count, corpus.Percent, corpus.Ratio, corpus.Period, corpus.Date, corpus.Ordinal, corpus.Duration:
		default:
			return out, withCode(exitUsage, fmt.Errorf("%s: --kind %q is not a kind (money, count, percent, ratio, period, date, ordinal, duration)", cmd, f.Kind))
		}
		out.Kind = k
	}
	for _, d := range []struct {
		name, val string
		dst       *string
	}{{"--from", f.From, &out.From}, {"--to", f.To, &out.To}} {
		if d.val == "" {
			continue
		}
		if !isDatePrefix(d.val) {
			return out, withCode(exitUsage, fmt.Errorf("%s: %s %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", cmd, d.name, d.val))
		}
		*d.dst = d.val
	}
	for _, n := range []struct {
		name, val string
		dst       **float64
	}{{"--min", f.Min, &out.Min}, {"--max", f.Max, &out.Max}} {
		if n.val == "" {
			continue
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(n.val, "_", ""), 64)
		if err != nil {
			return out, withCode(exitUsage, fmt.Errorf("%s: %s %q is not a number (write 1e9 or 1000000000)", cmd, n.name, n.val))
		}
		*n.dst = &v
	}
	return out, nil
}

// isDatePrefix accepts YYYY, YYYY-MM and YYYY-MM-DD.
func isDatePrefix(s string) bool {
	switch len(s) {
	case 4, 7, 10:
	default:
		return false
	}
	for i, r := range s {
		if i == 4 || i == 7 {
			if r != '-' {
				return false
			}
			continue
		}
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
