package index_test

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/index"
)

// knownItemBar is the acceptance bar of issue 5: a query of 4 title words
// without accents finds the article in the top 3 for at least 95 % of
// the union articles.
const knownItemBar = 0.95

// TestKnownItem indexes every union article (and, unless -short, the
// 8,860 articles of the baomoi sample as distractors), then searches
// each union article by 4 words of its title with the accents removed:
// words 1–4, and 4 words drawn with a fixed seed (a stand-in for the
// held-out queries). It reports the top-3 rates and fails below the bar,
// and checks the size of the index against the article text (bar 3×).
func TestKnownItem(t *testing.T) {
	union := loadBaomoi(t, "union")
	all := union
	if !testing.Short() {
		all = append(all, loadBaomoi(t, "sample-every4th")...)
	}
	seen := map[string]bool{}
	var es []index.Entry
	for _, e := range all {
		if !seen[e.ID] { // 42 union files are also in the sample
			seen[e.ID] = true
			es = append(es, e)
		}
	}
	dir := filepath.Join(t.TempDir(), "index.bleve")
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		// The size bar of issue 5: the index on disk under 3× the text.
		ix.Close()
		size, text := dirSize(t, dir), textBytes(es)
		ratio := float64(size) / float64(text)
		t.Logf("index size: %.1f MB for %.1f MB of article text = %.2f×", float64(size)/1e6, float64(text)/1e6, ratio)
		// 153 documents alone are mostly fixed overhead (the bolt
		// root, segment headers): the bar is for the full sample.
		if ratio >= 3 && !testing.Short() {
			t.Errorf("index is %.2f× the article text, bar 3×", ratio)
		}
	}()
	if err := ix.Put(context.Background(), es); err != nil {
		t.Fatal(err)
	}

	rng := rand.New(rand.NewPCG(5, 2017))
	for _, mode := range []string{"first 4 words", "4 random words"} {
		found := 0
		for _, e := range union {
			q := titleQuery(e.Article, mode, rng)
			res, err := ix.Search(context.Background(), index.Query{Text: q, Limit: 3})
			if err != nil {
				t.Errorf("%s: query %q: %v", e.ID, q, err)
				continue
			}
			if slices.ContainsFunc(res.Hits, func(h index.Hit) bool { return h.ID == e.ID }) {
				found++
			} else {
				t.Logf("%s: miss %s: %q (title %q, %d hits)", mode, e.ID, q, e.Article.Title, res.Total)
			}
		}
		rate := float64(found) / float64(len(union))
		t.Logf("known item, %s: %d/%d = %.1f%% in the top 3 (%d documents indexed)", mode, found, len(union), 100*rate, len(es))
		if rate < knownItemBar {
			t.Errorf("known item, %s: %.1f%% in the top 3, bar %.0f%%", mode, 100*rate, 100*knownItemBar)
		}
	}
}

// titleQuery makes a known-item query: 4 words of the title (words 1–4,
// or 4 in title order drawn by rng), accents removed, punctuation as the
// title has it.
func titleQuery(a corpus.Article, mode string, rng *rand.Rand) string {
	words := strings.Fields(a.Title)
	if len(words) > 4 {
		if mode == "first 4 words" {
			words = words[:4]
		} else {
			idx := rng.Perm(len(words))[:4]
			slices.Sort(idx)
			var pick []string
			for _, i := range idx {
				pick = append(pick, words[i])
			}
			words = pick
		}
	}
	return stripAccents(strings.Join(words, " "))
}
