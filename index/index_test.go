package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tinso/tinso/corpus"
)

var ctx = context.Background()

func article(title string) corpus.Article {
	return corpus.Article{Title: title, Body: title + " công đoàn", Site: "laodong.vn", Published: "2021-05-06"}
}

func entries(n int) []Entry {
	var es []Entry
	for i := range n {
		es = append(es, Entry{ID: fmt.Sprint(i + 1), Article: article(fmt.Sprintf("Bài số %d", i+1))})
	}
	return es
}

func revs(t *testing.T, ix *Index) map[string]string {
	t.Helper()
	got := map[string]string{}
	if err := ix.Revs(func(id, rev string) error { got[id] = rev; return nil }); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestLifecycle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index.bleve")
	if _, err := Open(dir, Options{ReadOnly: true}); !errors.Is(err, ErrNoIndex) {
		t.Fatalf("read-only open of a missing index: %v, want ErrNoIndex", err)
	}
	ix, err := Open(dir, Options{BatchSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	es := entries(7)
	es = append(es, Entry{ID: "", Article: article("no id")})
	err = ix.Put(ctx, es)
	var ee *EntryError
	if !errors.As(err, &ee) || !strings.Contains(err.Error(), "empty id") {
		t.Errorf("Put with an empty id: %v, want an *EntryError", err)
	}
	if n, err := ix.Count(); err != nil || n != 7 {
		t.Errorf("Count = %d, %v; want 7", n, err)
	}
	want := map[string]string{}
	for _, e := range es[:7] {
		want[e.ID] = Rev(e.Article)
	}
	if d := cmp.Diff(want, revs(t, ix)); d != "" {
		t.Errorf("Revs (-want +got):\n%s", d)
	}

	// Re-putting an id replaces it; its rev follows the article.
	changed := article("Bài đã sửa")
	if err := ix.Put(ctx, []Entry{{ID: "3", Article: changed}}); err != nil {
		t.Fatal(err)
	}
	want["3"] = Rev(changed)
	if err := ix.Delete("5", "6", "no-such-id"); err != nil {
		t.Fatal(err)
	}
	delete(want, "5")
	delete(want, "6")
	if d := cmp.Diff(want, revs(t, ix)); d != "" {
		t.Errorf("Revs after update and delete (-want +got):\n%s", d)
	}
	res, err := ix.Search(ctx, Query{Text: "bai da sua"})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != "3" || res.Hits[0].Site != "laodong.vn" || res.Hits[0].Published != "2021-05-06" {
		t.Errorf("Search after update = %+v, %v", res, err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopen read-only: the same documents; writes are refused.
	ro, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, revs(t, ro)); d != "" {
		t.Errorf("Revs after reopen (-want +got):\n%s", d)
	}
	if err := ro.Put(ctx, entries(1)); err == nil {
		t.Error("Put on a read-only index succeeded")
	}
	ro.Close()
	if _, err := ro.Count(); !errors.Is(err, ErrClosed) {
		t.Errorf("Count after Close: %v, want ErrClosed", err)
	}
}

func TestRevChanges(t *testing.T) {
	a := article("x")
	b := a
	b.Figures = []corpus.Figure{{Kind: corpus.Money, Value: corpus.Value{Num: corpus.Int(5)}}}
	c := a
	c.Author = "someone" // not indexed: same rev
	if Rev(a) == Rev(b) {
		t.Error("a new figure does not change Rev")
	}
	if Rev(a) != Rev(c) {
		t.Error("the author, which is not indexed, changes Rev")
	}
}

func TestStaleAndRebuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index.bleve")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, entries(2)); err != nil {
		t.Fatal(err)
	}
	if err := ix.b.SetInternal([]byte(versionKey), []byte("tinso-index-0")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := Open(dir, Options{ReadOnly: true}); !errors.Is(err, ErrStale) {
		t.Fatalf("open of an old index: %v, want ErrStale", err)
	}
	ix, err = Open(dir, Options{Rebuild: true})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 0 {
		t.Errorf("Count after rebuild = %d, want 0", n)
	}
	ix.Close()

	// An index whose analysis this tinso does not know (an analyzer
	// renamed) is stale, not a bleve error quoting the whole mapping.
	bleveErr := errors.New("error parsing mapping JSON: error building analyzer: no token filter with name or type 'tinso_vi_old' registered\nmapping contents:\n{...}")
	if err := wrapOpen(dir, bleveErr); !errors.Is(err, ErrStale) || strings.Contains(err.Error(), "\n") {
		t.Errorf("unknown analysis: %v, want a one-line ErrStale", err)
	}

	// Rebuild never deletes an index another process is writing to.
	w, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{Rebuild: true, Wait: 200 * time.Millisecond}); !errors.Is(err, ErrBusy) {
		t.Errorf("rebuild of a busy index: %v, want ErrBusy", err)
	}
	w.Close()

	// Rebuild never deletes a folder that is not an index.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "index_meta.json"), []byte("{}"), 0o644)
	os.WriteFile(filepath.Join(other, "thesis.docx"), []byte("precious"), 0o644)
	if _, err := Open(other, Options{Rebuild: true}); err == nil || !strings.Contains(err.Error(), "thesis.docx") {
		t.Errorf("rebuild of a folder with other files: %v", err)
	}
	if _, err := os.Stat(filepath.Join(other, "thesis.docx")); err != nil {
		t.Error("rebuild removed a file that is not part of an index")
	}
}

// TestReaderDuringWrite: a read-only open while a writer has the index
// gets in (the writer yields), sees what was written, and the writer
// carries on afterwards.
func TestReaderDuringWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index.bleve")
	w, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Put(ctx, entries(5)); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r, err := Open(dir, Options{ReadOnly: true, Wait: 3 * time.Second})
	if err != nil {
		t.Fatalf("read-only open during a write: %v", err)
	}
	t.Logf("reader got in after %v", time.Since(start))
	if n, err := r.Count(); err != nil || n != 5 {
		t.Errorf("reader Count = %d, %v; want 5", n, err)
	}
	// The writer waits for the reader, then goes on.
	done := make(chan error, 1)
	go func() { done <- w.Put(ctx, entries(8)) }()
	time.Sleep(100 * time.Millisecond)
	r.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Put after the reader left: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the writer did not take the index back")
	}
	if n, err := w.Count(); err != nil || n != 8 {
		t.Errorf("writer Count = %d, %v; want 8", n, err)
	}
}

// TestBusy: a writer that does not let go (in a long batch) or a second
// writer gets a *BusyError naming the pid, not bolt's raw timeout.
func TestBusy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index.bleve")
	w, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := Open(dir, Options{Wait: 300 * time.Millisecond}); !errors.Is(err, ErrBusy) {
		t.Errorf("second writer: %v, want ErrBusy", err)
	}
	w.mu.RLock() // as during a long batch
	_, err = Open(dir, Options{ReadOnly: true, Wait: 300 * time.Millisecond})
	w.mu.RUnlock()
	var be *BusyError
	if !errors.As(err, &be) || be.PID != os.Getpid() {
		t.Fatalf("reader during a long batch: %v, want a *BusyError with pid %d", err, os.Getpid())
	}
	if msg := err.Error(); !strings.Contains(msg, "index is busy") || !strings.Contains(msg, fmt.Sprint(os.Getpid())) || strings.Contains(msg, "\n") {
		t.Errorf("busy message %q", msg)
	}
	// The request file of the reader that gave up is gone.
	if m, _ := filepath.Glob(filepath.Join(dir, waitPrefix+"*")); len(m) > 0 {
		t.Errorf("request files left behind: %v", m)
	}
}

func TestSuggest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index.bleve")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(ctx, entries(3)); err != nil {
		t.Fatal(err)
	}
	q := Query{Text: "cong doan", From: "2022", Sites: []string{"nld.com.vn"}}
	res, err := ix.Search(ctx, q)
	if err != nil || res.Total != 0 {
		t.Fatalf("Search = %v, %v; want no hits", res.Total, err)
	}
	sugg, err := ix.Suggest(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sugg {
		got = append(got, fmt.Sprintf("%s: %d", s.What, s.Total))
	}
	sort.Strings(got)
	// Each filter alone excludes everything: no single relaxation helps.
	if len(got) != 0 {
		t.Errorf("Suggest = %v, want none", got)
	}
	q.Sites = nil
	sugg, err = ix.Suggest(ctx, q)
	if err != nil || len(sugg) != 1 || sugg[0].Total != 3 || sugg[0].Query.From != "" {
		t.Errorf("Suggest without the date range = %+v, %v", sugg, err)
	}
}
