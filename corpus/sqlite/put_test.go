package sqlite

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tinso/tinso/corpus"
)

// TestPutFailingRecordRolledBackAlone: a record that fails leaves nothing
// behind, not even its document row, and the rest of its batch is stored
// (Put writes the batch again with savepoints when a record fails).
func TestPutFailingRecordRolledBackAlone(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	if _, err := s.db.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.title = 'bad'
BEGIN SELECT RAISE(ABORT, 'refused'); END`); err != nil {
		t.Fatal(err)
	}
	recs := []corpus.Record{
		record("https://a.vn/1", "https://a.vn/1", "<p>1</p>", "one"),
		record("https://a.vn/2", "https://a.vn/2", "<p>2</p>", "bad"),
		record("https://a.vn/3", "https://a.vn/3", "<p>3</p>", "three"),
	}
	res, err := s.Put(ctx, 1, recs)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res {
		if r.Err != nil {
			got = append(got, "error")
		} else {
			got = append(got, r.Outcome.String())
		}
	}
	if diff := cmp.Diff([]string{corpus.New.String(), "error", corpus.New.String()}, got); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	for table, want := range map[string]int{"documents": 2, "articles": 2, "figures": 12} {
		if n := count(t, s, table); n != want {
			t.Errorf("%d %s, want %d", n, table, want)
		}
	}
	if _, found, _ := s.Lookup(ctx, "https://a.vn/2"); found {
		t.Error("the failed record's document was kept")
	}
	// The writer is not left inside a transaction: the next batch goes in.
	if _, err := s.db.Exec(`DROP TRIGGER refuse`); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]corpus.Outcome{corpus.Unchanged, corpus.New}, put(t, s, recs[0], recs[1])); diff != "" {
		t.Errorf("after the failure, outcomes (-want +got):\n%s", diff)
	}
}

// TestPutManyFigures: an article with more figures than one INSERT takes
// keeps all of them, in order.
func TestPutManyFigures(t *testing.T) {
	s := open(t, t.TempDir())
	r := record("https://a.vn/many", "https://a.vn/many", "<p>many</p>", "many")
	var want []string
	r.Article.Figures = nil
	for i := range 2*figureChunk + 5 {
		text := fmt.Sprintf("%d người", i+1)
		want = append(want, text)
		r.Article.Figures = append(r.Article.Figures, corpus.Figure{
			Kind: corpus.Count, Value: corpus.Value{Num: corpus.Int(int64(i + 1))}, Unit: "người", Text: text, Start: i, End: i + 1,
		})
	}
	put(t, s, r)
	sa, err := s.Article(context.Background(), "https://a.vn/many")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range sa.Article.Figures {
		got = append(got, f.Text)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("figures (-want +got):\n%s", diff)
	}
	var seqs, maxSeq int
	s.db.QueryRow(`SELECT count(DISTINCT seq), max(seq) FROM figures`).Scan(&seqs, &maxSeq)
	if seqs != len(want) || maxSeq != len(want)-1 {
		t.Errorf("seq: %d distinct, max %d; want %d and %d", seqs, maxSeq, len(want), len(want)-1)
	}
}

// TestPutAfterForget: a document whose article was forgotten gets a new
// article when it is stored again, with its figures.
func TestPutAfterForget(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	r := record("https://a.vn/f", "https://a.vn/f", "<p>f</p>", "F")
	put(t, s, r)
	var docID int64
	if err := s.db.QueryRow(`SELECT id FROM documents`).Scan(&docID); err != nil {
		t.Fatal(err)
	}
	if err := s.Forget(ctx, docID); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "figures"); n != 0 {
		t.Fatalf("%d figures after Forget, want 0", n)
	}
	if diff := cmp.Diff([]corpus.Outcome{corpus.Updated}, put(t, s, r)); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	for table, want := range map[string]int{"documents": 1, "articles": 1, "figures": 6} {
		if n := count(t, s, table); n != want {
			t.Errorf("%d %s, want %d", n, table, want)
		}
	}
}

// TestPutReusedArticleID: an article deleted without foreign keys (as the
// sqlite3 shell does by default) leaves its figures behind; the next
// article given its id must not inherit them.
func TestPutReusedArticleID(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	r := record("https://a.vn/r", "https://a.vn/r", "<p>r</p>", "R")
	put(t, s, r)
	c, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`PRAGMA foreign_keys = OFF`, `DELETE FROM articles`, `PRAGMA foreign_keys = ON`} {
		if _, err := c.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	c.Close()
	if n := count(t, s, "figures"); n != 6 {
		t.Fatalf("%d figures left behind, want 6 (the test needs them)", n)
	}
	put(t, s, r)
	if n := count(t, s, "figures"); n != 6 {
		t.Errorf("%d figures, want 6: the new article took the old one's", n)
	}
}
