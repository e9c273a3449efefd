package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/extract"
	"github.com/tinso/tinso/ingest"
)

// extractOptions are the flags of tinso extract.
type extractOptions struct {
	JSON    bool          // one article object a line (JSON Lines)
	CSV     bool          // one row a figure, with a UTF-8 byte-order mark for Excel
	Rules   string        // per-site rules file (JSON)
	Mode    string        // auto, html or text
	Timeout time.Duration // per URL
}

func newExtractCmd() *cobra.Command {
	var opts extractOptions
	c := &cobra.Command{
		Use:   "extract [--json | --csv] FILE|DIR|URL|- ...",
		Short: "Clean documents, extract their figures and print them (stores nothing)",
		Long: `Extract reads documents (HTML pages or plain-text dumps: files, folders
searched recursively for .html, .htm, .txt and their .gz forms, http(s) URLs
fetched with one GET, or - for standard input), keeps the article alone
(title, published date, author, body: menus, counters, related-article
lists, share bars, comments and footers are left out), finds the figures in
its body (money, counts, percents, ratios, periods, dates) and prints them.
It touches no store.

A document is read as HTML or as text by its content, not its name; gzip
content is unpacked. Charsets: valid UTF-8 first, then the HTTP header or
<meta charset>, windows-1258, and pages in the legacy TCVN3 and VNI fonts
are repaired to Unicode. A listing or home page is printed with
"is_article": false and an empty body.

Per-site rules (--rules FILE) give CSS selectors for a site's title, body,
published date, author and elements to drop; see the README.

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
	c.Flags().StringVar(&opts.Rules, "rules", "", "per-site selector rules, a JSON `FILE` (see README)")
	c.Flags().StringVar(&opts.Mode, "mode", "auto", "read documents as html, text, or auto (by content)")
	c.Flags().DurationVar(&opts.Timeout, "timeout", 30*time.Second, "time limit for fetching one URL")
	return c
}

// runExtract extracts every input and prints it. A failed document is
// reported on stderr and counted; the error returned then carries exit
// code 3.
func runExtract(ctx context.Context, opts extractOptions, inputs []string, stdin io.Reader, stdout, stderr io.Writer) error {
	xopts, err := opts.extractOptions()
	if err != nil {
		return err
	}
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
		sources, err := ingest.Expand(in)
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
			doc, err := readSource(ctx, src, stdin, opts.Timeout)
			if err != nil {
				report(src, err)
				continue
			}
			a, err := extract.Extract(doc, xopts)
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

// extractOptions reads the rules file and the mode.
func (o extractOptions) extractOptions() (extract.Options, error) {
	var x extract.Options
	switch strings.ToLower(o.Mode) {
	case "", "auto":
	case "html":
		x.Mode = extract.HTMLMode
	case "text", "txt":
		x.Mode = extract.PlainMode
	default:
		return x, withCode(exitUsage, fmt.Errorf("extract: --mode must be auto, html or text, not %q", o.Mode))
	}
	if o.Rules != "" {
		b, err := os.ReadFile(o.Rules)
		if err != nil {
			return x, withCode(exitUsage, fmt.Errorf("extract: --rules: %w", err))
		}
		r, err := extract.ParseRules(b)
		if err != nil {
			return x, withCode(exitUsage, fmt.Errorf("extract: --rules %s: %w", o.Rules, err))
		}
		x.Rules = r
	}
	return x, nil
}

// readSource reads a file, standard input or a URL.
func readSource(ctx context.Context, src string, stdin io.Reader, timeout time.Duration) (corpus.Document, error) {
	if ingest.IsURL(src) {
		return ingest.Fetch(ctx, src, ingest.FetchOptions{Timeout: timeout})
	}
	return ingest.ReadFile(src, stdin)
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
	if !a.IsArticle {
		fmt.Fprintf(w, "%s: not an article (a listing or home page)\n\n", a.Source)
		return
	}
	fmt.Fprintf(w, "%s: %d figures\n", a.Source, len(a.Figures))
	for _, kv := range [][2]string{{"title", a.Title}, {"published", a.Published}, {"author", a.Author}} {
		if kv[1] != "" {
			fmt.Fprintf(w, "  %-10s %s\n", kv[0]+":", oneLine(kv[1]))
		}
	}
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
