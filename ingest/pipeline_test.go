package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/corpus/sqlite"
	"github.com/tinso/tinso/extract"
	"github.com/tinso/tinso/ingest"
)

const article = "Công đoàn huyện có 78 CĐCS với 1.738 đoàn viên, quyên góp 90,74 triệu đồng cho Mái ấm Công đoàn.\n"

func write(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func runPipeline(t *testing.T, dataDir string, args []string, maxSize int64) ingest.Summary {
	t.Helper()
	st, err := sqlite.Open(context.Background(), dataDir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var earlier []corpus.Failure
	srcs := ingest.Sources(args, func(src string, err error) {
		earlier = append(earlier, corpus.Failure{Source: src, Stage: "read", Reason: err.Error()})
	})
	p := &ingest.Pipeline{Store: st, Extract: extractDoc, Version: extract.Version, MaxSize: maxSize, Stdin: strings.NewReader("")}
	sum, err := p.Run(context.Background(), srcs, earlier)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// TestBadInputsInABatch: each bad document is a failure with its reason,
// the good ones are stored, and a second run changes nothing.
func TestBadInputsInABatch(t *testing.T) {
	in := t.TempDir()
	for i := range 3 {
		write(t, filepath.Join(in, "ok", string(rune('a'+i))+".txt"), []byte(strings.Repeat(article, i+1)))
	}
	write(t, filepath.Join(in, "empty.txt"), nil)
	write(t, filepath.Join(in, "image.html"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"))
	write(t, filepath.Join(in, "broken.html.gz"), []byte{0x1f, 0x8b, 8, 0, 0, 0})
	write(t, filepath.Join(in, "huge.html"), bytes.Repeat([]byte("<p>"+article+"</p>\n"), 3000)) // ~350 KB
	if err := os.Symlink(in, filepath.Join(in, "ok", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(in, "missing.html"), filepath.Join(in, "dangling.html")); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	// A 256 KiB limit stands in for the 16 MiB default.
	sum := runPipeline(t, data, []string{in, filepath.Join(in, "nothing-here.txt")}, 256<<10)

	reasons := map[string]string{}
	for _, f := range sum.Failures {
		reasons[filepath.Base(f.Source)] = f.Stage + ": " + f.Reason
	}
	want := map[string]string{
		"empty.txt":        "empty",
		"image.html":       "binary",
		"broken.html.gz":   "gzip",
		"huge.html":        "larger than 256 KiB",
		"loop":             "folder loop",
		"dangling.html":    "broken link",
		"nothing-here.txt": "no such file",
	}
	for name, frag := range want {
		if !strings.Contains(reasons[name], frag) {
			t.Errorf("%s: reason %q, want it to mention %q", name, reasons[name], frag)
		}
	}
	if len(reasons) != len(want) {
		t.Errorf("failures: %v", reasons)
	}
	if sum.Counts.New != 3 || sum.Counts.Failed != len(want) {
		t.Errorf("counts %+v, want 3 new and %d failed", sum.Counts, len(want))
	}

	again := runPipeline(t, data, []string{filepath.Join(in, "ok")}, 256<<10)
	// The folder still holds the loop, reported again.
	if again.Counts != (corpus.RunCounts{Unchanged: 3, Failed: 1}) {
		t.Errorf("second run: %+v, want 3 unchanged and the loop failed", again.Counts)
	}
}

func TestSourcesOrderAndPatterns(t *testing.T) {
	in := t.TempDir()
	for _, n := range []string{"b/2.html", "b/1.txt", "a.htm", "skip.pdf", "c/3.html.gz"} {
		write(t, filepath.Join(in, n), []byte("x"))
	}
	var errs []string
	got := ingest.Sources([]string{in, filepath.Join(in, "b", "*.html"), "https://x.vn/a", "-"}, func(s string, err error) {
		errs = append(errs, s+": "+err.Error())
	})
	for i := range got {
		got[i] = strings.TrimPrefix(got[i], in+"/")
	}
	want := []string{"a.htm", "b/1.txt", "b/2.html", "c/3.html.gz", "b/2.html", "https://x.vn/a", "-"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sources:\n got %v\nwant %v", got, want)
	}
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	ingest.Sources([]string{filepath.Join(in, "z*.html")}, func(s string, err error) { errs = append(errs, err.Error()) })
	sort.Strings(errs)
	if len(errs) != 1 || !strings.Contains(errs[0], "no file matches") {
		t.Errorf("an empty pattern: %v", errs)
	}
}

// preparingIndexer records what the pipeline gives an Indexer that
// prepares articles ahead.
type preparingIndexer struct {
	mu      sync.Mutex
	entries []ingest.IndexEntry
}

func (x *preparingIndexer) Prepare(a corpus.Article) (any, error) {
	return "prepared:" + a.Title + "|" + a.Body, nil
}

func (x *preparingIndexer) Index(_ context.Context, es []ingest.IndexEntry) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.entries = append(x.entries, es...)
	return nil
}

// TestPreparedEntries: an Indexer that prepares gets each stored article
// with what it prepared from that article, once, in batches of at most
// IndexBatch; a second run stores nothing new and indexes nothing.
func TestPreparedEntries(t *testing.T) {
	in := t.TempDir()
	for i := range 7 {
		text := fmt.Sprintf("Công đoàn cơ sở số %d tổng kết năm.\n\n%s\nNăm nay có thêm %d đoàn viên mới.\n", i, article, 10+i)
		write(t, filepath.Join(in, fmt.Sprintf("a%d.txt", i)), []byte(text))
	}
	data := t.TempDir()
	st, err := sqlite.Open(context.Background(), data, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for run, wantIndexed := range []int{7, 0} {
		ix := &preparingIndexer{}
		p := &ingest.Pipeline{Store: st, Extract: extractDoc, Version: extract.Version, Index: ix, IndexBatch: 3}
		srcs := ingest.Sources([]string{in}, func(src string, err error) { t.Errorf("%s: %v", src, err) })
		sum, err := p.Run(context.Background(), srcs, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.IndexErr != nil || len(ix.entries) != wantIndexed || sum.Counts.New+sum.Counts.Updated != wantIndexed {
			t.Fatalf("run %d: %d indexed, counts %+v, index error %v; want %d indexed", run, len(ix.entries), sum.Counts, sum.IndexErr, wantIndexed)
		}
		ids := map[int64]bool{}
		for _, e := range ix.entries {
			if want := "prepared:" + e.Article.Title + "|" + e.Article.Body; e.Prepared != want {
				t.Errorf("article %d: Prepared = %v, want its own preparation", e.ArticleID, e.Prepared)
			}
			if ids[e.ArticleID] {
				t.Errorf("article %d indexed twice", e.ArticleID)
			}
			ids[e.ArticleID] = true
		}
	}
}
