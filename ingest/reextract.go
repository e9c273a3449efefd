package ingest

import (
	"context"
	"fmt"

	"github.com/tinso/tinso/corpus"
)

// Reextract runs extraction again over the raw documents the store keeps
// (those whose article came from another extractor version than
// p.Version, or all of them), through the same workers and writer as
// Run: articles are replaced in place and indexed, a document that is no
// longer an article loses its article (Summary.Counts.Skipped) but keeps
// its raw bytes. Nothing is read or fetched.
func (p *Pipeline) Reextract(ctx context.Context, all bool) (Summary, error) {
	produce := func(ctx context.Context, jobs chan<- job) {
		err := p.Store.Raw(ctx, p.Version, all, func(r corpus.Reextraction) error {
			select {
			case jobs <- job{src: r.Doc.Source, stored: &r}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if err != nil && ctx.Err() == nil {
			e := Event{Source: "corpus", Outcome: "failed", Stage: "store", Err: fmt.Errorf("read stored documents: %w", err)}
			select {
			case jobs <- job{src: "corpus", fail: &e}:
			case <-ctx.Done():
			}
		}
	}
	work := func(ctx context.Context, j job) (op, bool) {
		if j.fail != nil {
			return op{event: *j.fail}, true
		}
		r := j.stored
		art, err := p.safeExtract(r.Doc)
		switch {
		case err != nil:
			return op{event: Event{Source: j.src, Outcome: "failed", Stage: "extract", Err: err}}, true
		case !art.IsArticle:
			return op{forget: r.DocumentID, event: Event{Source: j.src, Outcome: "skipped"}}, true
		}
		return op{rec: &corpus.Record{Doc: r.Doc, Hash: r.Hash, Article: art, ExtractorVersion: p.Version}}, true
	}
	return p.execute(ctx, 0, nil, produce, work)
}
