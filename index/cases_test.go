package index_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/index"
)

// Search behaviour as data, in the style of bleve's test/tests: each
// folder of testdata holds docs.jsonl (one article a line, the JSON of
// figures.md plus an "id") and searches.json (queries with their expected
// hits). Adding a regression case is a JSON edit.

// search is one entry of searches.json.
type search struct {
	Name  string `json:"name"`
	Query struct {
		Text      string   `json:"text"`
		Sites     []string `json:"sites"`
		From      string   `json:"from"`
		To        string   `json:"to"`
		Kind      string   `json:"kind"`
		Category  string   `json:"category"`
		Min       *float64 `json:"min"`
		Max       *float64 `json:"max"`
		Limit     int      `json:"limit"`
		Offset    int      `json:"offset"`
		Sort      string   `json:"sort"`
		Facets    []string `json:"facets"`
		Highlight bool     `json:"highlight"`
	} `json:"query"`
	Result struct {
		// Hits are the expected ids in order; with Unordered, as a set.
		Hits      []string `json:"hits"`
		Unordered bool     `json:"unordered"`
		// Total, when set, is the expected total (Hits may be a page).
		Total *uint64 `json:"total"`
		// Facets: name → "term:count" in the order returned.
		Facets map[string][]string `json:"facets"`
		// Snippets: id → the first fragment rendered with <mark>.
		Snippets map[string]string `json:"snippets"`
		// Titles: id → the title rendered with <mark>.
		Titles map[string]string `json:"titles"`
		// Figures: id → the texts of the figures that matched the filter.
		Figures map[string][]string `json:"figures"`
		// Error, when set, is a piece of the expected *QueryError.
		Error string `json:"error"`
	} `json:"result"`
}

func (s search) query() index.Query {
	q := s.Query
	return index.Query{
		Text: q.Text, Sites: q.Sites, From: q.From, To: q.To,
		Kind: corpus.Kind(q.Kind), Category: q.Category, Min: q.Min, Max: q.Max,
		Limit: q.Limit, Offset: q.Offset, Sort: index.Sort(q.Sort),
		Facets: q.Facets, Highlight: q.Highlight,
	}
}

func TestCases(t *testing.T) { runCases(t, false) }

// TestCasesPrepared runs the cases on an index whose documents were
// analysed ahead by Prepare, as tinso ingest does: the hits, their order
// and the facets must be those of Put's own analysis.
func TestCasesPrepared(t *testing.T) { runCases(t, true) }

// TestCasesUnchecked runs the cases again with every phrase ranked
// unchecked and only its hits checked (the path of phrases of common
// words on a large corpus): the hits must be the same.
func TestCasesUnchecked(t *testing.T) {
	defer index.SetVerifyBudget(0)()
	runCases(t, false)
}

func runCases(t *testing.T, prepared bool) {
	dirs, err := filepath.Glob("testdata/*/searches.json")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, f := range dirs {
		dir := filepath.Dir(f)
		t.Run(filepath.Base(dir), func(t *testing.T) { runCase(t, dir, prepared) })
	}
}

func runCase(t *testing.T, dir string, prepared bool) {
	docs := readDocs(t, filepath.Join(dir, "docs.jsonl"))
	ix, err := index.Open(filepath.Join(t.TempDir(), "index.bleve"), index.Options{
		Articles: func(id string) (corpus.Article, error) {
			a, ok := docs[id]
			if !ok {
				return a, errors.New("no test document " + id)
			}
			return a, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var entries []index.Entry
	for id, a := range docs {
		e := index.Entry{ID: id, Article: a}
		if prepared {
			if e.Prepared, err = index.Prepare(a); err != nil {
				t.Fatalf("Prepare(%s): %v", id, err)
			}
		}
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].ID < entries[j].ID })
	if err := ix.Put(context.Background(), entries); err != nil {
		t.Fatal(err)
	}

	raw, err := os.ReadFile(filepath.Join(dir, "searches.json"))
	if err != nil {
		t.Fatal(err)
	}
	var searches []search
	if err := json.Unmarshal(raw, &searches); err != nil {
		t.Fatalf("%s/searches.json: %v", dir, err)
	}
	for _, s := range searches {
		t.Run(s.Name, func(t *testing.T) { runSearch(t, ix, s) })
	}
}

func runSearch(t *testing.T, ix *index.Index, s search) {
	res, err := ix.Search(context.Background(), s.query())
	want := s.Result
	if want.Error != "" {
		var qe *index.QueryError
		if !errors.As(err, &qe) || !strings.Contains(err.Error(), want.Error) {
			t.Fatalf("Search(%+v) = %v, want a *QueryError with %q", s.Query, err, want.Error)
		}
		return
	}
	if err != nil {
		t.Fatalf("Search(%+v): %v", s.Query, err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	wantHits := want.Hits
	if want.Unordered {
		got, wantHits = sorted(got), sorted(wantHits)
	}
	if d := cmp.Diff(wantHits, got, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("hits of %+v (-want +got):\n%s%s", s.Query, d, explain(res))
	}
	if want.Total != nil && *want.Total != res.Total {
		t.Errorf("total = %d, want %d", res.Total, *want.Total)
	}
	if want.Total == nil && !want.Unordered && s.Query.Limit == 0 && res.Total != uint64(len(want.Hits)) {
		t.Errorf("total = %d, want %d (the hits listed)", res.Total, len(want.Hits))
	}
	for name, wf := range want.Facets {
		var gf []string
		for _, c := range res.Facets[name] {
			gf = append(gf, c.Term+":"+itoa(c.Count))
		}
		if d := cmp.Diff(wf, gf); d != "" {
			t.Errorf("facet %s (-want +got):\n%s", name, d)
		}
	}
	for id, ws := range want.Snippets {
		h := hit(res, id)
		if h == nil || len(h.Snippet) == 0 {
			t.Errorf("no snippet for %s", id)
			continue
		}
		if g := h.Snippet[0].Render("<mark>", "</mark>", nil); g != ws {
			t.Errorf("snippet of %s:\n got %s\nwant %s", id, g, ws)
		}
	}
	for id, wt := range want.Titles {
		h := hit(res, id)
		if h == nil {
			t.Errorf("no hit %s", id)
			continue
		}
		if g := index.Mark(h.Title, h.TitleMarks, "<mark>", "</mark>", nil); g != wt {
			t.Errorf("title of %s:\n got %s\nwant %s", id, g, wt)
		}
	}
	for id, wf := range want.Figures {
		h := hit(res, id)
		if h == nil {
			t.Errorf("no hit %s", id)
			continue
		}
		var gf []string
		for _, f := range h.Figures {
			gf = append(gf, f.Text)
		}
		if d := cmp.Diff(wf, gf); d != "" {
			t.Errorf("figures of %s (-want +got):\n%s", id, d)
		}
	}
}

func hit(res index.Result, id string) *index.Hit {
	for i := range res.Hits {
		if res.Hits[i].ID == id {
			return &res.Hits[i]
		}
	}
	return nil
}

func explain(res index.Result) string {
	var b strings.Builder
	for _, h := range res.Hits {
		b.WriteString("  " + h.ID + " " + h.Title + "\n")
	}
	return b.String()
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// readDocs reads docs.jsonl: the figures.md article object plus "id".
func readDocs(t *testing.T, path string) map[string]corpus.Article {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]corpus.Article{}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var head struct {
			ID string `json:"id"`
		}
		var a corpus.Article
		if err := json.Unmarshal(line, &head); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		if err := json.Unmarshal(line, &a); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		docs[head.ID] = a
	}
	return docs
}
