package index

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPreparedPutTwice: a prepared entry is indexed under the id Put
// gives it, with the article's revision; Put again with the same entry
// (a retry after a failed batch) maps the article afresh instead of
// reusing the document bleve already took.
func TestPreparedPutTwice(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "index.bleve"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	es := entries(3)
	for i := range es {
		if es[i].Prepared, err = Prepare(es[i].Article); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{}
	for _, e := range es {
		want[e.ID] = Rev(e.Article)
	}
	for round := range 2 {
		if err := ix.Put(ctx, es); err != nil {
			t.Fatalf("Put, round %d: %v", round, err)
		}
		if d := cmp.Diff(want, revs(t, ix)); d != "" {
			t.Errorf("Revs, round %d (-want +got):\n%s", round, d)
		}
		res, err := ix.Search(ctx, Query{Text: "bai so 2"})
		if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != "2" {
			t.Errorf("Search, round %d = %+v, %v; want document 2 first", round, res, err)
		}
	}
}
