package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tinso/tinso/corpus"
)

func open(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func dec(s string) *corpus.Decimal {
	d, err := corpus.ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return &d
}

// article makes an article whose figures exercise every column: an exact
// integer beyond float precision, a fraction, a date, a range and a ratio.
func article(title string) corpus.Article {
	body := "Quyên góp 1.041 triệu đồng, đạt 90,74% (4.497/3.200), ngày 6/11/2018, từ 300 - 500 người."
	return corpus.Article{
		Source: "x", Site: "congdoan.vn", Title: title, Published: "2021-03-05", Body: body, IsArticle: true,
		Problems: []corpus.Problem{{Stage: "decode", Reason: "guessed windows-1258"}},
		Figures: []corpus.Figure{
			{Kind: corpus.Money, Value: corpus.Value{Num: *dec("1041000000")}, Unit: "VND", Text: "1.041 triệu đồng", Start: 10, End: 26, Sentence: body},
			{Kind: corpus.Money, Value: corpus.Value{Num: *dec("9007199254740993")}, Unit: "VND", Text: "x", Start: 0, End: 1},
			{Kind: corpus.Percent, Value: corpus.Value{Num: *dec("90.74")}, Text: "90,74%", Start: 33, End: 39, Approx: corpus.Over},
			{Kind: corpus.Ratio, Value: corpus.Value{Num: *dec("1.4053")}, Num: dec("4497"), Den: dec("3200"), Text: "4.497/3.200", Start: 41, End: 52},
			{Kind: corpus.Date, Value: corpus.Value{Date: "2018-11-06"}, Text: "ngày 6/11/2018", Start: 55, End: 69},
			{Kind: corpus.Count, Value: corpus.Value{Num: *dec("300")}, Min: dec("300"), Max: dec("500"), Unit: "người", Category: "people", Text: "300 - 500 người", Start: 74, End: 89},
		},
	}
}

func record(url, source, raw, title string) corpus.Record {
	return corpus.Record{
		Doc:     corpus.Document{Source: source, URL: url, Site: "congdoan.vn", FetchedAt: time.Unix(1700000000, 0), Raw: []byte(raw)},
		Hash:    corpus.ContentHash([]byte(raw)),
		Article: article(title), ExtractorVersion: "v1",
	}
}

func put(t *testing.T, s *Store, recs ...corpus.Record) []corpus.Outcome {
	t.Helper()
	res, err := s.Put(context.Background(), 1, recs)
	if err != nil {
		t.Fatal(err)
	}
	var out []corpus.Outcome
	for _, r := range res {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		out = append(out, r.Outcome)
	}
	return out
}

func count(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPutIdempotent(t *testing.T) {
	s := open(t, t.TempDir())
	url := "https://congdoan.vn/tin/1.html"
	steps := []struct {
		name string
		recs []corpus.Record
		want []corpus.Outcome
		docs int
	}{
		{"first", []corpus.Record{record(url, url, "<p>a</p>", "A"), record("", "a.txt", "text a", "B")}, []corpus.Outcome{corpus.New, corpus.New}, 2},
		{"again", []corpus.Record{record(url, url, "<p>a</p>", "A"), record("", "a.txt", "text a", "B")}, []corpus.Outcome{corpus.Unchanged, corpus.Unchanged}, 2},
		{"same file content under another name", []corpus.Record{record("", "copy/a.txt", "text a", "B")}, []corpus.Outcome{corpus.Unchanged}, 2},
		{"page changed", []corpus.Record{record(url, url, "<p>a2</p>", "A2")}, []corpus.Outcome{corpus.Updated}, 2},
		{"file edited in place", []corpus.Record{record("", "a.txt", "text a, edited", "B2")}, []corpus.Outcome{corpus.Updated}, 2},
		{"new extractor version", func() []corpus.Record {
			r := record(url, url, "<p>a2</p>", "A2")
			r.ExtractorVersion = "v2"
			return []corpus.Record{r}
		}(), []corpus.Outcome{corpus.Updated}, 2},
	}
	for _, st := range steps {
		got := put(t, s, st.recs...)
		if diff := cmp.Diff(st.want, got); diff != "" {
			t.Errorf("%s: outcomes (-want +got):\n%s", st.name, diff)
		}
		if n := count(t, s, "documents"); n != st.docs {
			t.Errorf("%s: %d documents, want %d", st.name, n, st.docs)
		}
		if n := count(t, s, "articles"); n != st.docs {
			t.Errorf("%s: %d articles, want %d", st.name, n, st.docs)
		}
		if n := count(t, s, "figures"); n != 6*st.docs {
			t.Errorf("%s: %d figures, want %d (figures replaced, not added)", st.name, n, 6*st.docs)
		}
	}
	sa, err := s.Article(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	if sa.Article.Title != "A2" || sa.ExtractorVersion != "v2" {
		t.Errorf("the page was not updated in place: %q %q", sa.Article.Title, sa.ExtractorVersion)
	}
}

// TestRoundTrip: what is stored reads back field for field, numbers
// exactly (an integer past float precision, a fraction, a date).
func TestRoundTrip(t *testing.T) {
	s := open(t, t.TempDir())
	rec := record("https://congdoan.vn/tin/2.html", "https://congdoan.vn/tin/2.html", "<p>b</p>", "Tiêu đề")
	put(t, s, rec)
	got, err := s.Article(context.Background(), "1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rec.Article, got.Article); diff != "" {
		t.Errorf("article (-stored +read back):\n%s", diff)
	}
	if got.URL != rec.Doc.URL || !got.FetchedAt.Equal(rec.Doc.FetchedAt) {
		t.Errorf("provenance: %q %v", got.URL, got.FetchedAt)
	}
	var raw []byte
	err = s.Raw(context.Background(), "", true, func(r corpus.Reextraction) error {
		raw = r.Doc.Raw
		return nil
	})
	if err != nil || string(raw) != "<p>b</p>" {
		t.Errorf("raw bytes: %q, %v", raw, err)
	}
	if _, err := s.Article(context.Background(), "99"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("missing article: %v, want ErrNotFound", err)
	}
}

// TestStatsMatchFigures: for every filter and grouping, the stats' counts
// and sums equal what Figures lists under the same filter.
func TestStatsMatchFigures(t *testing.T) {
	s := open(t, t.TempDir())
	a := record("https://a.vn/1", "https://a.vn/1", "1", "A")
	b := record("https://b.vn/2", "https://b.vn/2", "2", "B")
	b.Article.Site, b.Article.Published = "b.vn", "2022-01"
	put(t, s, a, b)
	min := 1e6
	filters := []corpus.FigureFilter{
		{}, {Kind: corpus.Money}, {Site: "b.vn"}, {From: "2022"}, {To: "2021"}, {Min: &min}, {Category: "people"},
	}
	for _, f := range filters {
		var n int64
		var sum float64
		err := s.Figures(context.Background(), f, func(r corpus.FigureRow) error {
			n++
			if r.Figure.Kind != corpus.Date {
				sum += r.Figure.Value.Num.Float64()
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, by := range [][]corpus.StatGroup{nil, {corpus.BySite, corpus.ByYear}, {corpus.ByMonth, corpus.ByCategory}} {
			rows, err := s.Stats(context.Background(), f, by)
			if err != nil {
				t.Fatal(err)
			}
			var sn int64
			var ssum float64
			for _, r := range rows {
				sn += r.Count
				ssum += r.Sum
			}
			if sn != n || math.Abs(ssum-sum) > 1e-6*math.Max(1, math.Abs(sum)) {
				t.Errorf("filter %+v by %v: stats %d figures sum %v, figures lists %d sum %v", f, by, sn, ssum, n, sum)
			}
		}
	}
}

func TestSecondWriterIsTurnedAway(t *testing.T) {
	dir := t.TempDir()
	w := open(t, dir)
	put(t, w, record("https://a.vn/1", "https://a.vn/1", "1", "A"))
	if _, err := Open(context.Background(), dir, Options{}); !errors.Is(err, corpus.ErrLocked) {
		t.Fatalf("second writer: %v, want ErrLocked", err)
	}
	r, err := Open(context.Background(), dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("a reader beside the writer: %v", err)
	}
	defer r.Close()
	if _, err := r.Article(context.Background(), "1"); err != nil {
		t.Errorf("reader: %v", err)
	}
	w.Close()
	w2, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatalf("writer after the first closed: %v", err)
	}
	w2.Close()
}

func TestReaderOnMissingStore(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "none"), Options{ReadOnly: true})
	if !errors.Is(err, ErrNoStore) {
		t.Fatalf("got %v, want ErrNoStore", err)
	}
}

func TestSchemaVersion(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	var v int
	s.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != SchemaVersion {
		t.Fatalf("user_version %d, want %d", v, SchemaVersion)
	}
	// A file from a newer tinso is refused, not misread.
	s.db.Exec(`PRAGMA user_version = 99`)
	s.Close()
	if _, err := Open(context.Background(), dir, Options{}); err == nil {
		t.Fatal("a newer schema was opened")
	}
}

func TestRunsAndFailures(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	id, err := s.BeginRun(ctx, "ingest", []string{"a"})
	if err != nil {
		t.Fatal(err)
	}
	s.Fail(ctx, corpus.Failure{RunID: id, Source: "bad.html", Stage: "read", Reason: "empty"})
	s.EndRun(ctx, id, corpus.RunCounts{New: 1, Failed: 1}, "done")
	fs, err := s.Failures(ctx, 0)
	if err != nil || len(fs) != 1 || fs[0].Source != "bad.html" || fs[0].Reason != "empty" {
		t.Fatalf("failures: %+v %v", fs, err)
	}
	// A run left "running" by a killed process is closed as killed.
	s.BeginRun(ctx, "ingest", nil)
	dir := filepath.Dir(s.path)
	s.Close()
	s2 := open(t, dir)
	var status string
	s2.db.QueryRow(`SELECT status FROM runs ORDER BY id DESC LIMIT 1`).Scan(&status)
	if status != "killed" {
		t.Errorf("stale run status %q, want killed", status)
	}
}

// TestMigrateFromVersion1: a corpus written by the first schema is
// migrated in place, its rows kept.
func TestMigrateFromVersion1(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite", filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(migrations[0]); err != nil {
		t.Fatal(err)
	}
	db.Exec(`PRAGMA user_version = 1`)
	db.Exec(`INSERT INTO documents (key, source, fetched_at, hash, size, raw, updated_at) VALUES ('k', 'a.txt', 'x', 'h', 1, x'00', 'x')`)
	db.Close()

	s := open(t, dir)
	var v, n int
	s.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	s.db.QueryRow(`SELECT count(*) FROM documents`).Scan(&n)
	if v != SchemaVersion || n != 1 {
		t.Fatalf("after migration: version %d, %d documents; want %d and 1", v, n, SchemaVersion)
	}
	if _, err := s.Enqueue(context.Background(), "c", []corpus.FrontierURL{{URL: "https://a.vn/"}}); err != nil {
		t.Errorf("the new table: %v", err)
	}
	var idx int
	s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'documents_hash'`).Scan(&idx)
	if idx != 0 {
		t.Error("schema 3 drops the index on documents.hash; it is still there")
	}
}

func TestFrontier(t *testing.T) {
	s := open(t, t.TempDir())
	ctx := context.Background()
	n, err := s.Enqueue(ctx, "c", []corpus.FrontierURL{{URL: "u1"}, {URL: "u2", Depth: 1}, {URL: "u1"}})
	if err != nil || n != 2 {
		t.Fatalf("enqueue: %d %v", n, err)
	}
	n, _ = s.Enqueue(ctx, "c", []corpus.FrontierURL{{URL: "u2", Depth: 1}, {URL: "u0", Depth: 0}})
	if n != 1 {
		t.Errorf("a seen URL was queued again: %d new", n)
	}
	q, _ := s.Queued(ctx, "c", 10)
	var got []string
	for _, u := range q {
		got = append(got, u.URL)
	}
	if diff := cmp.Diff([]string{"u1", "u0", "u2"}, got); diff != "" {
		t.Errorf("breadth-first order (-want +got):\n%s", diff)
	}
	s.Settle(ctx, "c", corpus.FrontierURL{URL: "u1", State: "done"})
	s.Settle(ctx, "c", corpus.FrontierURL{URL: "u0", State: "failed", Reason: "HTTP 404"})
	p, _ := s.Progress(ctx, "c")
	if p != (corpus.CrawlProgress{Queued: 1, Done: 1, Failed: 1}) {
		t.Errorf("progress %+v", p)
	}
	s.Requeue(ctx, "c")
	if p, _ := s.Progress(ctx, "c"); p.Queued != 3 {
		t.Errorf("requeue: %+v", p)
	}
}
