package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/corpus/sqlite"
	"github.com/tinso/tinso/index"
	"github.com/tinso/tinso/ingest"
)

// indexDirName is the search index's folder inside the data directory.
const indexDirName = "index.bleve"

func indexDir(data string) string { return filepath.Join(data, indexDirName) }

// openIndexWriter opens the index for writing beside a corpus writer. An
// index built by another tinso (another analyzer) is rebuilt: the corpus
// has everything it needs, and reconcile fills it again.
func openIndexWriter(data string, stderr io.Writer) (*index.Index, error) {
	ix, err := index.Open(indexDir(data), index.Options{})
	if errors.Is(err, index.ErrStale) {
		fmt.Fprintln(stderr, "tinso: the search index was built by another tinso version; rebuilding it from the corpus")
		ix, err = index.Open(indexDir(data), index.Options{Rebuild: true})
	}
	if err != nil {
		return nil, fmt.Errorf("open search index: %w", err)
	}
	return ix, nil
}

// indexer feeds the pipeline's stored articles to the index.
type indexer struct{ ix *index.Index }

func (x indexer) Index(ctx context.Context, entries []ingest.IndexEntry) error {
	es := make([]index.Entry, len(entries))
	for i, e := range entries {
		es[i] = index.Entry{ID: strconv.FormatInt(e.ArticleID, 10), Article: e.Article}
		es[i].Prepared, _ = e.Prepared.(*index.Prepared)
	}
	return x.ix.Put(ctx, es)
}

// Prepare analyses an article for the index on the worker that extracted
// it (ingest.Preparer).
func (indexer) Prepare(a corpus.Article) (any, error) { return index.Prepare(a) }

// needsReconcile tells whether the corpus and the index may disagree: the
// article counts differ, or the last run before this one did not finish
// cleanly (killed or interrupted between a corpus commit and the index
// write, or an index error). Checking costs two counts and one row.
func needsReconcile(ctx context.Context, store *sqlite.Store, ix *index.Index) (bool, error) {
	var articles uint64
	var lastStatus string
	var indexFailures int
	db := store.DB()
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&articles); err != nil {
		return false, err
	}
	db.QueryRowContext(ctx, `SELECT status FROM runs WHERE status <> 'running' ORDER BY id DESC LIMIT 1`).Scan(&lastStatus)
	db.QueryRowContext(ctx, `SELECT count(*) FROM failures WHERE stage = 'index' AND run_id = (SELECT max(id) FROM runs WHERE status <> 'running')`).Scan(&indexFailures)
	n, err := ix.Count()
	if err != nil {
		return false, err
	}
	return n != articles || (lastStatus != "" && lastStatus != "done") || indexFailures > 0, nil
}

// reconcile makes the index agree with the corpus: articles missing from
// the index or indexed at another revision are (re)indexed, documents the
// corpus no longer has are deleted. It returns how many of each.
func reconcile(ctx context.Context, store corpus.Store, ix *index.Index) (put, deleted int, err error) {
	indexed := map[string]string{}
	if err := ix.Revs(func(id, rev string) error {
		indexed[id] = rev
		return nil
	}); err != nil {
		return 0, 0, fmt.Errorf("read index revisions: %w", err)
	}
	var batch []index.Entry
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := ix.Put(ctx, batch); err != nil {
			return err
		}
		put += len(batch)
		batch = batch[:0]
		return nil
	}
	err = store.Articles(ctx, func(id int64, a corpus.Article) error {
		key := strconv.FormatInt(id, 10)
		rev, ok := indexed[key]
		delete(indexed, key)
		if ok && rev == index.Rev(a) {
			return nil
		}
		batch = append(batch, index.Entry{ID: key, Article: a})
		if len(batch) >= 500 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return put, 0, fmt.Errorf("reindex: %w", err)
	}
	if len(indexed) > 0 {
		ids := make([]string, 0, len(indexed))
		for id := range indexed {
			ids = append(ids, id)
		}
		if err := ix.Delete(ids...); err != nil {
			return put, 0, fmt.Errorf("reindex: delete %d orphans: %w", len(ids), err)
		}
	}
	return put, len(indexed), nil
}
