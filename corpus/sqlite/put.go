package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/tinso/tinso/corpus"
)

// Lookup returns what is stored under key.
func (s *Store) Lookup(ctx context.Context, key string) (corpus.Known, bool, error) {
	var k corpus.Known
	var art sql.NullInt64
	var ver, etag, lm sql.NullString
	err := s.queryRow(ctx, nil, `
SELECT a.id, d.hash, a.extractor_version, d.etag, d.last_modified
FROM documents d LEFT JOIN articles a ON a.document_id = d.id
WHERE d.key = ?`, key).Scan(&art, &k.Hash, &ver, &etag, &lm)
	if errors.Is(err, sql.ErrNoRows) {
		return k, false, nil
	}
	if err != nil {
		return k, false, fmt.Errorf("lookup %s: %w", key, err)
	}
	k.ArticleID, k.ExtractorVersion, k.ETag, k.LastModified = art.Int64, ver.String, etag.String, lm.String
	return k, true, nil
}

// Put stores a batch of records in one transaction; a record that fails
// is rolled back alone.
//
// A savepoint per record would give that guarantee directly, but it makes
// SQLite copy every page a record touches into a statement journal first,
// a sixth of the store's CPU time. Records almost never fail, so the batch
// is first written without savepoints; only if a record fails is that
// attempt rolled back and the batch written again record by record, each
// in its own savepoint, from the same starting state.
func (s *Store) Put(ctx context.Context, runID int64, recs []corpus.Record) ([]corpus.PutResult, error) {
	results := make([]corpus.PutResult, len(recs))
	// Compress before taking the writer: it is a third of Put's time.
	raws := make([][]byte, len(recs))
	for i, r := range recs {
		z, err := compress(r.Doc.Raw)
		if err != nil {
			results[i].Err = fmt.Errorf("store %s: compress: %w", r.Doc.Source, err)
			continue
		}
		raws[i] = z
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err := s.inTx(ctx, func(w *writer) error { return putBatch(ctx, w, runID, recs, raws, results, false) })
	if errors.Is(err, errRecordFailed) {
		for i := range results {
			if raws[i] != nil {
				results[i] = corpus.PutResult{}
			}
		}
		err = s.inTx(ctx, func(w *writer) error { return putBatch(ctx, w, runID, recs, raws, results, true) })
	}
	if err != nil {
		return nil, err
	}
	return results, nil
}

// errRecordFailed is putBatch's word, without savepoints, that a record
// failed and the batch must be written again with them.
var errRecordFailed = errors.New("a record failed")

// putBatch writes, inside the writer's transaction, the records whose raw
// bytes are compressed (raws[i] is not nil) and fills in their results.
// With savepoints a record that fails is rolled back alone and recorded
// in its result. Without, the first record that fails ends putBatch with
// errRecordFailed: the caller rolls the transaction back and the results
// are void.
func putBatch(ctx context.Context, w *writer, runID int64, recs []corpus.Record, raws [][]byte, results []corpus.PutResult, savepoints bool) error {
	stamp := now()
	for i, r := range recs {
		if raws[i] == nil {
			continue
		}
		if savepoints {
			if _, err := w.exec(ctx, `SAVEPOINT rec`); err != nil {
				return fmt.Errorf("store: savepoint: %w", err)
			}
		}
		res, err := putOne(ctx, w, runID, stamp, r, raws[i])
		if err != nil {
			if !savepoints {
				return errRecordFailed
			}
			res = corpus.PutResult{Err: fmt.Errorf("store %s: %w", r.Doc.Source, err)}
			if _, err := w.exec(ctx, `ROLLBACK TO rec`); err != nil {
				return fmt.Errorf("store: rollback: %w", err)
			}
		}
		if savepoints {
			if _, err := w.exec(ctx, `RELEASE rec`); err != nil {
				return fmt.Errorf("store: release: %w", err)
			}
		}
		results[i] = res
	}
	return nil
}

// findDocument looks for the stored document a record replaces: the one
// under its key (canonical URL or content hash) or, for a file whose
// content changed, the latest one read from the same path. It is one
// statement that tries the key first, because per-statement overhead is
// most of what a lookup costs.
const findDocument = `
SELECT d.id, d.hash, a.id, a.extractor_version FROM documents d LEFT JOIN articles a ON a.document_id = d.id
WHERE d.key = ?
UNION ALL
SELECT * FROM (
  SELECT d.id, d.hash, a.id, a.extractor_version FROM documents d LEFT JOIN articles a ON a.document_id = d.id
  WHERE ? AND d.source = ? AND d.url IS NULL ORDER BY d.id DESC LIMIT 1)
LIMIT 1`

// putOne writes one record. The document is found by its key (canonical
// URL or content hash); a file whose content changed is found by its path
// and updated in place, so editing a file does not leave its old version
// behind. stamp is the batch's time, for updated_at and extracted_at.
func putOne(ctx context.Context, w *writer, runID int64, stamp string, r corpus.Record, raw []byte) (corpus.PutResult, error) {
	key := corpus.DocumentKey(r.Doc, r.Hash)
	var docID int64
	var artID sql.NullInt64
	var hash string
	var ver sql.NullString
	byPath := r.Doc.URL == "" && r.Doc.Source != "-"
	err := w.queryRow(ctx, findDocument, key, byPath, r.Doc.Source).Scan(&docID, &hash, &artID, &ver)
	outcome := corpus.Updated
	switch {
	case errors.Is(err, sql.ErrNoRows):
		outcome = corpus.New
	case err != nil:
		return corpus.PutResult{}, err
	case hash == r.Hash && ver.Valid && ver.String == r.ExtractorVersion:
		return corpus.PutResult{Outcome: corpus.Unchanged, ArticleID: artID.Int64}, nil
	}
	d := r.Doc
	fetched := d.FetchedAt
	if fetched.IsZero() {
		fetched = time.Now()
	}
	args := []any{key, d.Source, nullStr(d.URL), nullStr(d.Site), nullStr(d.ContentType),
		fetched.UTC().Format(time.RFC3339Nano), nullInt(d.Status), nullStr(d.ETag), nullStr(d.LastModified),
		r.Hash, int64(len(d.Raw)), raw, runID, stamp}
	if outcome == corpus.New {
		ins, err := w.exec(ctx, `
INSERT INTO documents (key, source, url, site, content_type, fetched_at, status, etag, last_modified, hash, size, raw, run_id, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		if err != nil {
			return corpus.PutResult{}, err
		}
		if docID, err = ins.LastInsertId(); err != nil {
			return corpus.PutResult{}, err
		}
	} else {
		_, err := w.exec(ctx, `
UPDATE documents SET key = ?, source = ?, url = ?, site = ?, content_type = ?, fetched_at = ?, status = ?,
  etag = ?, last_modified = ?, hash = ?, size = ?, raw = ?, run_id = ?, updated_at = ?
WHERE id = ?`, append(args, docID)...)
		if err != nil {
			return corpus.PutResult{}, err
		}
	}
	id, err := putArticle(ctx, w, docID, artID, stamp, r)
	if err != nil {
		return corpus.PutResult{}, err
	}
	return corpus.PutResult{Outcome: outcome, ArticleID: id}, nil
}

// putArticle replaces a document's article and figures. The article keeps
// its id across updates, so links to it (and the search index) stay valid.
// artID is the document's article, if it has one: putOne found it, so the
// article is updated or inserted directly rather than through an upsert
// that returns its id.
func putArticle(ctx context.Context, w *writer, docID int64, artID sql.NullInt64, stamp string, r corpus.Record) (int64, error) {
	a := r.Article
	var problems any
	if len(a.Problems) > 0 {
		b, err := json.Marshal(a.Problems)
		if err != nil {
			return 0, err
		}
		problems = string(b)
	}
	args := []any{a.Source, nullStr(r.Doc.URL), nullStr(a.Site), nullStr(a.Title), nullStr(a.Published), nullStr(a.Author),
		a.Body, nullStr(a.Decoding), problems, r.ExtractorVersion, stamp}
	if artID.Valid {
		_, err := w.exec(ctx, `
UPDATE articles SET source = ?, url = ?, site = ?, title = ?, published = ?, author = ?, body = ?,
  decoding = ?, problems = ?, extractor_version = ?, extracted_at = ?
WHERE id = ?`, append(args, artID.Int64)...)
		if err != nil {
			return 0, err
		}
	} else {
		res, err := w.exec(ctx, `
INSERT INTO articles (source, url, site, title, published, author, body, decoding, problems, extractor_version, extracted_at, document_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, docID)...)
		if err != nil {
			return 0, err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return 0, err
		}
		artID = sql.NullInt64{Int64: id, Valid: true}
	}
	// A new article's id can be an old one's (the highest id is reused
	// after a delete), and a delete run without foreign keys (the sqlite3
	// shell's default) leaves that article's figures behind.
	if _, err := w.exec(ctx, `DELETE FROM figures WHERE article_id = ?`, artID.Int64); err != nil {
		return 0, err
	}
	if err := putFigures(ctx, w, artID.Int64, a.Figures); err != nil {
		return 0, err
	}
	return artID.Int64, nil
}

// figureColumns is the number of values a figure row binds.
const figureColumns = 16

// figureChunk is the most figures one INSERT writes. A statement per
// figure cost more in database/sql and statement set-up than in SQLite's
// B-tree; one per article (a few figures, up to a few dozen) removes
// most of that. Statements are prepared per row count, so the cap bounds
// how many are kept.
const figureChunk = 32

// figureInserts[n] inserts n figures.
var figureInserts = func() []string {
	qs := make([]string, figureChunk+1)
	row := "(" + strings.Repeat("?, ", figureColumns-1) + "?)"
	for n := 1; n <= figureChunk; n++ {
		qs[n] = `INSERT INTO figures (article_id, seq, kind, value, unit, category, approx, min, max, num, den, per, text, start, "end", sentence)
VALUES ` + strings.Repeat(row+", ", n-1) + row
	}
	return qs
}()

// putFigures inserts an article's figures, seq in slice order, up to
// figureChunk in one statement.
func putFigures(ctx context.Context, w *writer, artID int64, figs []corpus.Figure) error {
	args := make([]any, 0, min(len(figs), figureChunk)*figureColumns)
	for lo := 0; lo < len(figs); lo += figureChunk {
		hi := min(lo+figureChunk, len(figs))
		args = args[:0]
		for i, f := range figs[lo:hi] {
			var value any
			if f.Value.Date != "" {
				value = f.Value.Date
			} else {
				value = number(f.Value.Num)
			}
			args = append(args, artID, int64(lo+i), string(f.Kind), value, nullStr(f.Unit), nullStr(f.Category),
				nullStr(string(f.Approx)), optNumber(f.Min), optNumber(f.Max), optNumber(f.Num), optNumber(f.Den),
				nullStr(f.Per), f.Text, int64(f.Start), int64(f.End), nullStr(f.Sentence))
		}
		if _, err := w.exec(ctx, figureInserts[hi-lo], args...); err != nil {
			return fmt.Errorf("figures %d-%d: %w", lo, hi-1, err)
		}
	}
	return nil
}

// Forget deletes the article of a document that is no longer an article,
// keeping the document (and its raw bytes) for a later reextract.
func (s *Store) Forget(ctx context.Context, documentID int64) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM articles WHERE document_id = ?`, documentID)
	if err != nil {
		return fmt.Errorf("forget document %d: %w", documentID, err)
	}
	return nil
}

// number stores an integral decimal as an SQLite integer (exact, and what
// sum() adds exactly) and a fraction as a real.
func number(d corpus.Decimal) any {
	if d.Exp == 0 {
		return d.Coef
	}
	return d.Float64()
}

func optNumber(d *corpus.Decimal) any {
	if d == nil {
		return nil
	}
	return number(*d)
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// gzipWriters reuses compressors: each holds about a megabyte of tables.
var gzipWriters sync.Pool

// compress gzips raw bytes at the fastest level: pages shrink four- to
// eightfold either way, and ingest speed matters more than the last bytes.
// klauspost/compress writes the same gzip as the standard library (which
// reads it back) in two thirds of the time: 39 against 60 µs for a baomoi
// text, a tenth of the store's share of an ingest's CPU.
func compress(raw []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(raw)/4 + 64)
	zw, _ := gzipWriters.Get().(*gzip.Writer)
	if zw == nil {
		var err error
		if zw, err = gzip.NewWriterLevel(&buf, gzip.BestSpeed); err != nil {
			return nil, err
		}
	} else {
		zw.Reset(&buf)
	}
	defer gzipWriters.Put(zw)
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
