package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/corpus/sqlite"
	"github.com/tinso/tinso/extract"
	"github.com/tinso/tinso/ingest"
)

// benchSample is the acceptance sample of issue 4, read in place.
const benchSample = "../../shared/data/vi-news/baomoi-magizbox/sample-every4th"

func sampleSources(b *testing.B) []string {
	if _, err := os.Stat(benchSample); err != nil {
		b.Skip("shared data not present: ", err)
	}
	return ingest.Sources([]string{benchSample, "../../shared/data/seeds"}, func(string, error) {})
}

func extractDoc(d corpus.Document) (corpus.Article, error) {
	return extract.Extract(d, extract.Options{})
}

// nullStore stores nothing: the pipeline with it measures reading and
// extraction alone, in the same run as the real store.
type nullStore struct{ corpus.Store }

func (nullStore) Lookup(context.Context, string) (corpus.Known, bool, error) {
	return corpus.Known{}, false, nil
}
func (nullStore) Put(_ context.Context, _ int64, recs []corpus.Record) ([]corpus.PutResult, error) {
	return make([]corpus.PutResult, len(recs)), nil
}
func (nullStore) BeginRun(context.Context, string, []string) (int64, error)     { return 1, nil }
func (nullStore) Fail(context.Context, corpus.Failure) error                    { return nil }
func (nullStore) EndRun(context.Context, int64, corpus.RunCounts, string) error { return nil }

// BenchmarkIngest compares the whole pipeline storing into SQLite with the
// same pipeline storing nothing, on the 8,865 documents of the issue-4
// sample: docs/s of each, reported as metrics. Run with
//
//	go test -run='^$' -bench=Ingest -benchtime=1x ./ingest/
func BenchmarkIngest(b *testing.B) {
	srcs := sampleSources(b)
	for _, tc := range []struct {
		name  string
		store func(b *testing.B) corpus.Store
	}{
		{"extract-only", func(*testing.B) corpus.Store { return nullStore{} }},
		{"extract+store", func(b *testing.B) corpus.Store {
			s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "data"), sqlite.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { s.Close() })
			return s
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				st := tc.store(b)
				b.StartTimer()
				p := &ingest.Pipeline{Store: st, Extract: extractDoc, Version: extract.Version}
				sum, err := p.Run(context.Background(), srcs, nil)
				if err != nil {
					b.Fatal(err)
				}
				if sum.Counts.Failed > 0 {
					b.Fatalf("%d failed: %v", sum.Counts.Failed, sum.Failures[0])
				}
			}
			b.ReportMetric(float64(len(srcs)*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
