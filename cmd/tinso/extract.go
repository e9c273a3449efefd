package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/extract"
)

// extractOptions are the flags of tinso extract.
type extractOptions struct {
	JSON bool // one article object a line (JSON Lines)
	CSV  bool // one row a figure, with a UTF-8 byte-order mark for Excel
}

// maxInputSize bounds one input document: union articles are tens of
// kilobytes; anything past 64 MiB is not an article and would only exhaust
// memory.
const maxInputSize = 64 << 20

func newExtractCmd() *cobra.Command {
	var opts extractOptions
	c := &cobra.Command{
		Use:   "extract [--json | --csv] FILE|DIR|- ...",
		Short: "Extract the figures of documents and print them (stores nothing)",
		Long: `Extract reads plain-text documents (files, folders of .txt files searched
recursively, or - for standard input), finds the figures in them (money,
counts, percents, ratios, periods, dates) and prints them. It touches no
store.

Output:
  (default)  a readable table per document
  --json     one article object a line (JSON Lines), as in spec/figures.md
  --csv      one row a figure: source, kind, value, unit, category, approx,
             min, max, num, den, per, text, sentence; with a UTF-8 byte-order
             mark so that Excel shows Vietnamese

A document that cannot be read (missing, empty, binary, invalid UTF-8) is
reported on stderr with its name and reason; the others are still printed,
and the exit code is 3.`,
		Example: `  tinso extract report.txt
  tinso extract --json articles/ > figures.jsonl
  cat page.txt | tinso extract --csv - > figures.csv`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			if opts.JSON && opts.CSV {
				return withCode(exitUsage, errors.New("extract: --json and --csv cannot be used together"))
			}
			return runExtract(c.Context(), opts, args, c.InOrStdin(), c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	c.Flags().BoolVar(&opts.JSON, "json", false, "print one article object a line (JSON Lines)")
	c.Flags().BoolVar(&opts.CSV, "csv", false, "print one CSV row a figure, with a UTF-8 byte-order mark")
	return c
}

// runExtract extracts every input and prints it. A failed document is
// reported on stderr and counted; the error returned then carries exit
// code 3.
func runExtract(ctx context.Context, opts extractOptions, inputs []string, stdin io.Reader, stdout, stderr io.Writer) error {
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	var csvw *csv.Writer
	if opts.CSV {
		out.WriteString("\ufeff")
		csvw = csv.NewWriter(out)
		csvw.Write([]string{"source", "kind", "value", "unit", "category", "approx", "min", "max", "num", "den", "per", "text", "sentence"})
	}
	failed, total := 0, 0
	report := func(source string, err error) {
		failed++
		fmt.Fprintf(stderr, "tinso: extract %s: %v\n", source, err)
	}
	for _, in := range inputs {
		sources, err := expandInput(in)
		if err != nil {
			total++
			report(in, err)
			continue
		}
		for _, src := range sources {
			if err := ctx.Err(); err != nil {
				return err
			}
			total++
			doc, err := readDocument(src, stdin)
			if err != nil {
				report(src, err)
				continue
			}
			a, err := extract.Text(doc)
			if err != nil {
				report(src, err)
				continue
			}
			switch {
			case opts.JSON:
				b, err := json.Marshal(a)
				if err != nil {
					report(src, err)
					continue
				}
				out.Write(b)
				out.WriteByte('\n')
			case opts.CSV:
				writeCSV(csvw, a)
			default:
				writeTable(out, a)
			}
		}
	}
	if csvw != nil {
		csvw.Flush()
	}
	if failed > 0 {
		return withCode(exitSomeFailed, fmt.Errorf("extract: %d of %d documents failed", failed, total))
	}
	return nil
}

// expandInput turns one argument into document sources: "-" for stdin, a
// file, or the .txt files of a folder, recursively and in order.
func expandInput(in string) ([]string, error) {
	if in == "-" {
		return []string{"-"}, nil
	}
	st, err := os.Stat(in)
	if err != nil {
		return nil, describeFSError(err)
	}
	if !st.IsDir() {
		return []string{in}, nil
	}
	var files []string
	err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".txt") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, describeFSError(err)
	}
	if len(files) == 0 {
		return nil, errors.New("folder has no .txt files")
	}
	sort.Strings(files)
	return files, nil
}

func describeFSError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or folder")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}

// readDocument reads one source into a Document, bounded by maxInputSize.
func readDocument(src string, stdin io.Reader) (corpus.Document, error) {
	var r io.Reader = stdin
	if src != "-" {
		fh, err := os.Open(src)
		if err != nil {
			return corpus.Document{}, describeFSError(err)
		}
		defer fh.Close()
		r = fh
	}
	raw, err := io.ReadAll(io.LimitReader(r, maxInputSize+1))
	if err != nil {
		return corpus.Document{}, fmt.Errorf("read: %w", err)
	}
	if len(raw) > maxInputSize {
		return corpus.Document{}, fmt.Errorf("larger than %d MiB", maxInputSize>>20)
	}
	return corpus.Document{Source: src, FetchedAt: time.Now(), Raw: raw}, nil
}

func optDec(d *corpus.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func writeCSV(w *csv.Writer, a corpus.Article) {
	for _, f := range a.Figures {
		w.Write([]string{a.Source, string(f.Kind), f.Value.String(), f.Unit, f.Category, string(f.Approx),
			optDec(f.Min), optDec(f.Max), optDec(f.Num), optDec(f.Den), f.Per, f.Text, f.Sentence})
	}
}

// displayValue prints a figure's value for people: ranges as "lo..hi",
// ratios as "num/den".
func displayValue(f corpus.Figure) string {
	switch {
	case f.Kind == corpus.Ratio && f.Num != nil && f.Den != nil:
		return f.Num.String() + "/" + f.Den.String()
	case f.Min != nil && f.Max != nil:
		return f.Min.String() + ".." + f.Max.String()
	}
	return f.Value.String()
}

func writeTable(w io.Writer, a corpus.Article) {
	fmt.Fprintf(w, "%s: %d figures\n", a.Source, len(a.Figures))
	if len(a.Figures) == 0 {
		fmt.Fprintln(w)
		return
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  KIND\tVALUE\tUNIT\tCATEGORY\tAPPROX\tTEXT")
	for _, f := range a.Figures {
		unit := f.Unit
		if f.Per != "" {
			unit += "/" + f.Per
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", f.Kind, displayValue(f), unit, f.Category, f.Approx, oneLine(f.Text))
	}
	tw.Flush()
	fmt.Fprintln(w)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
