package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/extract"
	"github.com/tinso/tinso/ingest"
	"github.com/tinso/tinso/ingest/fetch"
	"github.com/tinso/tinso/ingest/urlnorm"
)

// ingestOptions are the flags of tinso ingest.
type ingestOptions struct {
	Data       string
	FromList   string // a file of sources, one a line ("-": standard input)
	JSON       bool   // the summary as one JSON object
	Workers    int
	MaxSize    string
	Timeout    time.Duration
	Rules      string
	Mode       string
	NoProgress bool

	// Crawling (see crawlFlags).
	Crawl    []string
	Sitemaps []string
	Depth    int
	MaxPages int
	Include  []string
	Exclude  []string
	Rate     float64
	Contact  string
	Resume   bool
	Refresh  bool
}

func newIngestCmd() *cobra.Command {
	var opts ingestOptions
	c := &cobra.Command{
		Use:   "ingest [flags] PATH|URL|- ...",
		Short: "Read or fetch documents, extract them and store them in the corpus",
		Long: `Ingest reads documents (files, folders searched recursively, shell patterns
such as 'pages/*.html', http(s) URLs fetched with one GET each, - for one
document on standard input, or a list of those with --from-list), cleans
and extracts each one as tinso extract does, and stores the document (raw
bytes, compressed), its article and its figures in the corpus (the SQLite
file corpus.db in the data directory: --data DIR, or TINSO_DATA, default
./tinso-data) and indexes the article for tinso search (index.bleve in the
same directory), batch by batch in the same run. If an earlier run was
killed between the two, the index is repaired from the corpus first.

Each document is stored in one transaction: all of it or nothing. Ingesting
is idempotent: a URL is stored once (under its canonical URL), a file once
(under its content hash, whatever its name); input already stored with the
same bytes is reported unchanged and not extracted again; a changed page or
file is updated in place. Listing and home pages are skipped, not stored.

A document that cannot be read, fetched or extracted (missing, empty,
binary, too large, a folder link that loops) is recorded as a failure with
its reason (see tinso failures) and the rest are stored. Ctrl-C finishes
the documents in flight and stops; a run killed outright leaves the store
consistent, and running the same command again completes the rest.

Only one ingest (or reextract) writes to a data directory at a time; a
second one stops at once with a message naming the first one's pid.
Reading commands (show, figures, stats) work while an ingest runs.

Progress is drawn on standard error when it is a terminal; the summary
(new, updated, unchanged, skipped, failed) is printed at the end, as JSON
with --json.`,
		Example: `  tinso ingest ../shared/data/seeds/
  tinso ingest --data ~/union-data 'archive/**/*.html' https://example.vn/tin/123.html
  find pages -name '*.html' | tinso ingest --from-list -`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 && opts.FromList == "" && len(opts.Crawl) == 0 && len(opts.Sitemaps) == 0 && !opts.Resume {
				return withCode(exitUsage, errors.New("ingest: give at least one PATH, URL or -, or --from-list FILE, --crawl URL, --sitemap URL or --resume"))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Data = dataDir(c)
			return runIngest(c.Context(), opts, args, c.InOrStdin(), c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	c.Flags().StringVar(&opts.FromList, "from-list", "", "read sources (paths, URLs, patterns), one a line, from `FILE` (- for standard input)")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print the summary as one JSON object")
	c.Flags().IntVar(&opts.Workers, "workers", 0, "documents extracted in parallel (default: one per core, less one for the search index)")
	c.Flags().StringVar(&opts.MaxSize, "max-size", "16MiB", "skip documents larger than `SIZE` as failures (KiB, MiB)")
	c.Flags().DurationVar(&opts.Timeout, "timeout", 30*time.Second, "time limit for fetching one URL")
	c.Flags().StringVar(&opts.Rules, "rules", "", "per-site selector rules, a JSON `FILE` (see README)")
	c.Flags().StringVar(&opts.Mode, "mode", "auto", "read documents as html, text, or auto (by content)")
	c.Flags().BoolVar(&opts.NoProgress, "no-progress", false, "do not draw the progress line, even on a terminal")
	c.Flags().StringArrayVar(&opts.Crawl, "crawl", nil, "crawl the site from this start `URL`: same-site links, breadth first (repeatable)")
	c.Flags().StringArrayVar(&opts.Sitemaps, "sitemap", nil, "ingest the pages a sitemap or sitemap index lists, gzipped or not (repeatable)")
	c.Flags().IntVar(&opts.Depth, "depth", 5, "follow links at most `N` steps from the start (pagination does not count)")
	c.Flags().IntVar(&opts.MaxPages, "max-pages", 0, "stop after `N` pages in this run (0: no limit)")
	c.Flags().StringArrayVar(&opts.Include, "include", nil, "only follow URLs matching this `PATTERN`: a glob on the whole URL (* any text, ? one character), on path and query if it starts with /, or re:REGEXP (repeatable)")
	c.Flags().StringArrayVar(&opts.Exclude, "exclude", nil, "never follow URLs matching this `PATTERN` (same forms as --include; repeatable)")
	c.Flags().Float64Var(&opts.Rate, "rate", 1, "requests per second to one host (robots.txt Crawl-delay may slow it further)")
	c.Flags().StringVar(&opts.Contact, "contact", "", "a URL or e-mail for site owners, sent in the User-Agent")
	c.Flags().BoolVar(&opts.Resume, "resume", false, "resume the latest interrupted crawl where it stopped")
	c.Flags().BoolVar(&opts.Refresh, "refresh", false, "crawl pages already stored again (conditional GET: unchanged pages answer 304)")
	return c
}

// ingestReport is the summary tinso ingest prints.
type ingestReport struct {
	Data      string `json:"data"`
	Run       int64  `json:"run"`
	Documents int    `json:"documents"`
	corpus.RunCounts
	Seconds     float64          `json:"seconds"`
	DocsPerSec  float64          `json:"docs_per_second"`
	Interrupted bool             `json:"interrupted,omitempty"`
	IndexError  string           `json:"index_error,omitempty"`
	Failures    []corpus.Failure `json:"failures,omitempty"`
}

func runIngest(ctx context.Context, opts ingestOptions, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	maxSize, err := parseSize(opts.MaxSize)
	if err != nil {
		return withCode(exitUsage, fmt.Errorf("ingest: --max-size: %w", err))
	}
	xopts, err := extractOptions{Rules: opts.Rules, Mode: opts.Mode}.extractOptions()
	if err != nil {
		return err
	}
	if opts.FromList != "" {
		list, err := readListFile(opts.FromList, stdin)
		if err != nil {
			return withCode(exitUsage, fmt.Errorf("ingest: --from-list: %w", err))
		}
		args = append(args, list...)
	}
	var earlier []corpus.Failure
	sources := ingest.Sources(args, func(src string, err error) {
		earlier = append(earlier, corpus.Failure{Source: src, Stage: "read", Reason: err.Error(), At: time.Now()})
	})

	store, err := openWriter(ctx, opts.Data)
	if err != nil {
		return err
	}
	defer store.Close()
	crawl, err := opts.crawlOptions(ctx, store, len(args) > 0 || opts.FromList != "")
	if err != nil {
		return err
	}
	// A body over --max-size is a failure anyway: stop reading it there
	// rather than at the fetcher's own 64 MiB, so that a huge page or a
	// gzip bomb costs little memory.
	fetcher := fetch.New(fetch.Options{UserAgent: userAgent(opts.Contact), Rate: opts.Rate, Timeout: opts.Timeout,
		MaxBody: maxSize, MaxDecoded: maxSize})
	defer fetcher.Close()

	ix, err := openIndexWriter(opts.Data, stderr)
	if err != nil {
		return err
	}
	defer ix.Close()
	// A run killed between a corpus commit and the index write leaves
	// them disagreeing: repair before adding more.
	if stale, err := needsReconcile(ctx, store, ix); err != nil {
		return fmt.Errorf("ingest: check the search index: %w", err)
	} else if stale {
		put, deleted, err := reconcile(ctx, store, ix)
		if err != nil {
			return fmt.Errorf("ingest: repair the search index: %w", err)
		}
		if put+deleted > 0 && !opts.JSON {
			fmt.Fprintf(stderr, "tinso: search index repaired: %d articles indexed again, %d removed\n", put, deleted)
		}
	}

	total := len(sources) + len(earlier)
	if crawl != nil {
		total = 0 // unknown: the crawl finds its pages as it goes
	}
	bar := newProgress(stderr, total, !opts.NoProgress && !opts.JSON)
	p := &ingest.Pipeline{
		Store:   store,
		Extract: func(d corpus.Document) (corpus.Article, error) { return extract.Extract(d, xopts) },
		Version: extract.Version,
		Workers: opts.Workers,
		MaxSize: maxSize,
		Stdin:   stdin,
		Fetch: func(ctx context.Context, u string) (corpus.Document, error) {
			res, err := fetcher.Get(ctx, fetch.Request{URL: u})
			if err != nil {
				return corpus.Document{}, err
			}
			if c, err := urlnorm.Canonical(res.Doc.URL); err == nil {
				res.Doc.URL = c
			}
			return res.Doc, nil
		},
		Index:   indexer{ix},
		OnEvent: func(e ingest.Event) { bar.addCrawled(e.Outcome, e.Queued) },
		Command: "ingest",
		Args:    args,
	}
	var sum ingest.Summary
	var runErr error
	if crawl != nil {
		crawl.Frontier, crawl.Fetcher = store, fetcher
		sum, runErr = p.Crawl(ctx, *crawl)
	} else {
		sum, runErr = p.Run(ctx, sources, earlier)
	}
	bar.finish()

	rep := ingestReport{Data: opts.Data, Run: sum.RunID, Documents: sum.Total, RunCounts: sum.Counts,
		Seconds: sum.Elapsed.Seconds(), Failures: sum.Failures}
	if sum.Elapsed > 0 {
		rep.DocsPerSec = float64(sum.Counts.New+sum.Counts.Updated+sum.Counts.Unchanged+sum.Counts.Skipped+sum.Counts.Failed) / sum.Elapsed.Seconds()
	}
	if sum.IndexErr != nil {
		rep.IndexError = sum.IndexErr.Error()
	}
	interrupted := runErr != nil && ctx.Err() != nil
	rep.Interrupted = interrupted
	if runErr != nil && !interrupted {
		return fmt.Errorf("ingest: %w", runErr)
	}
	printIngestReport(stdout, stderr, rep, opts.JSON)
	switch {
	case interrupted:
		return withCode(exitInterrupted, fmt.Errorf("ingest: interrupted; run the same command again to finish"))
	case rep.Failed > 0 || rep.IndexError != "":
		return withCode(exitSomeFailed, fmt.Errorf("ingest: %d documents failed", rep.Failed))
	}
	return nil
}

func printIngestReport(stdout, stderr io.Writer, rep ingestReport, asJSON bool) {
	if asJSON {
		b, _ := json.Marshal(rep)
		fmt.Fprintf(stdout, "%s\n", b)
		return
	}
	for _, f := range rep.Failures {
		fmt.Fprintf(stderr, "tinso: ingest %s: %s: %s\n", f.Source, f.Stage, f.Reason)
	}
	if rep.IndexError != "" {
		fmt.Fprintf(stderr, "tinso: ingest: the search index lags behind the corpus (%s); the next ingest or tinso reindex repairs it\n", rep.IndexError)
	}
	state := ""
	if rep.Interrupted {
		state = " (interrupted)"
	}
	fmt.Fprintf(stdout, "ingested %d documents into %s in %.1fs (%.0f docs/s)%s: %d new, %d updated, %d unchanged, %d skipped (not articles), %d failed\n",
		rep.Documents, rep.Data, rep.Seconds, rep.DocsPerSec, state, rep.New, rep.Updated, rep.Unchanged, rep.Skipped, rep.Failed)
}

// readListFile reads --from-list: a file, or standard input for "-".
func readListFile(name string, stdin io.Reader) ([]string, error) {
	if name == "-" {
		return ingest.ReadList(stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ingest.ReadList(f)
}

// parseSize reads "16MiB", "500KiB", "16MB", "1048576".
func parseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"gib", 1 << 30}, {"mib", 1 << 20}, {"kib", 1 << 10}, {"gb", 1 << 30}, {"mb", 1 << 20}, {"kb", 1 << 10}, {"g", 1 << 30}, {"m", 1 << 20}, {"k", 1 << 10}, {"b", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size (16MiB, 500KiB)", s)
	}
	if n > ingest.MaxDocumentSize/mult {
		return 0, fmt.Errorf("%q is over the largest document tinso reads (%d MiB)", s, ingest.MaxDocumentSize>>20)
	}
	return n * mult, nil
}

// crawlSettings are the crawl's options as saved for --resume.
type crawlSettings struct {
	Start    []string `json:"start,omitempty"`
	Sitemaps []string `json:"sitemaps,omitempty"`
	Depth    int      `json:"depth"`
	MaxPages int      `json:"max_pages,omitempty"`
	Include  []string `json:"include,omitempty"`
	Exclude  []string `json:"exclude,omitempty"`
}

// crawlOptions builds the crawl of --crawl/--sitemap, or the one --resume
// continues; nil when the run is not a crawl.
func (o ingestOptions) crawlOptions(ctx context.Context, store corpus.Frontier, hasSources bool) (*ingest.CrawlOptions, error) {
	set := crawlSettings{Start: o.Crawl, Sitemaps: o.Sitemaps, Depth: o.Depth, MaxPages: o.MaxPages, Include: o.Include, Exclude: o.Exclude}
	var name string
	switch {
	case o.Resume:
		if len(o.Crawl)+len(o.Sitemaps) > 0 || hasSources {
			return nil, withCode(exitUsage, errors.New("ingest: --resume continues the latest crawl; give no other sources"))
		}
		n, saved, ok, err := store.LatestCrawl(ctx)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errors.New("ingest --resume: no interrupted crawl in this data directory")
		}
		if err := json.Unmarshal([]byte(saved), &set); err != nil {
			return nil, fmt.Errorf("ingest --resume: saved options of %s: %w", n, err)
		}
		name = n
	case len(o.Crawl)+len(o.Sitemaps) == 0:
		return nil, nil
	case hasSources:
		return nil, withCode(exitUsage, errors.New("ingest: --crawl and --sitemap run alone, without PATH or URL arguments"))
	default:
		if len(o.Crawl) > 0 {
			name = o.Crawl[0]
		} else {
			name = o.Sitemaps[0]
		}
		if c, err := urlnorm.Canonical(name); err == nil {
			name = c
		} else {
			return nil, withCode(exitUsage, fmt.Errorf("ingest: %q is not an http(s) URL", name))
		}
	}
	m, err := urlnorm.NewMatcher(set.Include, set.Exclude)
	if err != nil {
		return nil, withCode(exitUsage, fmt.Errorf("ingest: %w", err))
	}
	b, _ := json.Marshal(set)
	if err := store.SaveCrawl(ctx, name, string(b)); err != nil {
		return nil, err
	}
	return &ingest.CrawlOptions{Name: name, Start: set.Start, Sitemaps: set.Sitemaps, MaxDepth: set.Depth,
		MaxPages: set.MaxPages, Match: m, Refresh: o.Refresh}, nil
}

// userAgent names tinso and, with --contact, how to reach its operator.
func userAgent(contact string) string {
	if contact == "" {
		contact = "https://github.com/tinso/tinso"
	}
	return "tinso/0.3 (+" + contact + ")"
}
