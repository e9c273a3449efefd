package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/corpus/sqlite"
	"github.com/tinso/tinso/extract"
	"github.com/tinso/tinso/index"
	"github.com/tinso/tinso/ingest"
)

// BenchmarkIngest measures issue 5's ingest bar: the whole ingest with
// indexing (read → extract → store in SQLite → index, as tinso ingest
// runs it) against bare bleve indexing the same articles with the same
// mapping, in the same run. Run with
//
//	go test ./index/ -run '^$' -bench Ingest -benchtime 1x
//	TINSO_BENCH_100K=1 go test ./index/ -run '^$' -bench Ingest/100k -benchtime 1x -timeout 60m
//
// Bare bleve gets the articles already made, in the ingest's batches
// (ingest.DefaultIndexBatch): bare-docs/s and ingest/bare (the bar is
// 0.8) measure what tinso adds around bleve (reading, extraction, the
// corpus, the pipeline). It also indexes them in Put's larger batches
// (index.DefaultBatchSize), which the ingest does not use to bound its
// memory: bare1000-docs/s and ingest/bare1000.
// The ingest analyses articles ahead on its extraction worker
// (index.Prepare, ingest.Preparer) while bleve builds the previous
// batch's segment; bare bleve analyses inside Batch, as bleve does. The
// benchmark runs with Go's default collector settings for both; under
// tinso's 360 MiB memory limit the ingest prepares only part of the
// articles (ingest.roomToPrepare).
// The 100k case ingests the baomoi sample repeated as fresh files (each
// copy's bytes differ by trailing blank lines, so the corpus stores each
// once and the articles are the sample's).
func BenchmarkIngest(b *testing.B) {
	files := sampleFiles(b)
	b.Run("sample", func(b *testing.B) { benchIngest(b, files, 3) })
	b.Run("100k", func(b *testing.B) {
		if os.Getenv("TINSO_BENCH_100K") == "" {
			b.Skip("set TINSO_BENCH_100K=1 to ingest 100,000 documents (about 15 minutes)")
		}
		b.StopTimer()
		benchIngest(b, repeatFiles(b, files, 100000), 2)
	})
}

func sampleFiles(b testing.TB) []string {
	files, err := filepath.Glob(filepath.Join(baomoiDir, "sample-every4th", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Skipf("no baomoi texts in %s", baomoiDir)
	}
	sort.Strings(files)
	return files
}

// repeatFiles writes n files, the sample over and over, copy k of a text
// ending in k+1 newlines.
func repeatFiles(b *testing.B, files []string, n int) []string {
	dir := b.TempDir()
	var out []string
	for rep := 0; len(out) < n; rep++ {
		sub := filepath.Join(dir, strconv.Itoa(rep))
		if err := os.Mkdir(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		for _, f := range files {
			if len(out) == n {
				break
			}
			raw, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			raw = append(raw, strings.Repeat("\n", rep+1)...)
			p := filepath.Join(sub, filepath.Base(f))
			if err := os.WriteFile(p, raw, 0o644); err != nil {
				b.Fatal(err)
			}
			out = append(out, p)
		}
	}
	return out
}

// pipelineIndexer gives the pipeline's stored articles to an index, as
// tinso ingest does.
type pipelineIndexer struct{ ix *index.Index }

func (x pipelineIndexer) Index(ctx context.Context, entries []ingest.IndexEntry) error {
	es := make([]index.Entry, len(entries))
	for i, e := range entries {
		es[i] = index.Entry{ID: strconv.FormatInt(e.ArticleID, 10), Article: e.Article}
		es[i].Prepared, _ = e.Prepared.(*index.Prepared)
	}
	return x.ix.Put(ctx, es)
}

func (pipelineIndexer) Prepare(a corpus.Article) (any, error) { return index.Prepare(a) }

func benchIngest(b *testing.B, files []string, rounds int) {
	b.StopTimer()
	// The articles the ingest makes, extracted beforehand and made into
	// bleve documents for the bare run. The copies of a text (same file
	// name) share one document, so that 100,000 of them do not keep
	// gigabytes live during the runs: the collector would scan them all
	// the time, which tinso ingest never has to.
	var docs []index.BareDocument
	made := map[string]index.BareDocument{}
	for i, f := range files {
		d, ok := made[filepath.Base(f)]
		if !ok {
			doc, err := ingest.ReadFile(f, nil)
			if err != nil {
				b.Fatal(err)
			}
			a, err := extract.Extract(doc, extract.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if a.IsArticle {
				d = index.BareDocuments([]index.Entry{{Article: a}})[0]
			}
			made[filepath.Base(f)] = d
		}
		if d.Doc != nil {
			docs = append(docs, index.BareDocument{ID: strconv.Itoa(i), Doc: d.Doc})
		}
	}
	made = nil
	root := b.TempDir()
	bareRun := func(batch int) time.Duration {
		dir := filepath.Join(root, "bare.bleve")
		os.RemoveAll(dir)
		return timeIt(b, func() {
			if err := index.BareIndex(dir, docs, batch); err != nil {
				b.Fatal(err)
			}
		})
	}
	// Ingest and bare runs alternate and the best of each counts: the
	// machine is shared, and a neighbour's load would otherwise decide
	// the ratio.
	var ours, bare, bareBig time.Duration
	for i := 0; i < b.N; i++ {
		for r := range rounds {
			data := filepath.Join(root, fmt.Sprintf("data-%d-%d", i, r))
			d := timeIt(b, func() {
				stored := runIngest(b, data, files)
				if stored != len(docs) {
					b.Fatalf("ingest stored %d articles, extraction alone made %d", stored, len(docs))
				}
			})
			ours = best(ours, d)
			os.RemoveAll(data)
			bare = best(bare, bareRun(ingest.DefaultIndexBatch))
			bareBig = best(bareBig, bareRun(index.DefaultBatchSize))
		}
	}
	n := float64(len(docs))
	b.ReportMetric(n/ours.Seconds(), "docs/s")
	b.ReportMetric(n/bare.Seconds(), "bare-docs/s")
	b.ReportMetric(bare.Seconds()/ours.Seconds(), "ingest/bare")
	b.ReportMetric(n/bareBig.Seconds(), "bare1000-docs/s")
	b.ReportMetric(bareBig.Seconds()/ours.Seconds(), "ingest/bare1000")
}

// runIngest ingests files into a fresh data directory, indexing as it
// stores, and returns how many articles were stored.
func runIngest(b testing.TB, data string, files []string) int {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, data, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ix, err := index.Open(filepath.Join(data, "index.bleve"), index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	p := &ingest.Pipeline{
		Store:   st,
		Extract: func(d corpus.Document) (corpus.Article, error) { return extract.Extract(d, extract.Options{}) },
		Version: extract.Version,
		Index:   pipelineIndexer{ix},
	}
	sum, err := p.Run(ctx, files, nil)
	if err != nil {
		b.Fatal(err)
	}
	if sum.IndexErr != nil || sum.Counts.Failed > 0 {
		b.Fatalf("ingest: %d failed, index: %v", sum.Counts.Failed, sum.IndexErr)
	}
	if err := ix.Close(); err != nil {
		b.Fatal(err)
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	return sum.Counts.New
}
