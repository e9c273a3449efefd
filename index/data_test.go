package index_test

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/index"
)

// The baomoi texts are read in place from the shared data folder beside
// the clone, never copied into the repository; tests that need them skip
// when it is absent. Each file is one article: title, sapo, then the body
// on one line; the file name is the baomoi article id.
const baomoiDir = "../../shared/data/vi-news/baomoi-magizbox"

// loadBaomoi reads the articles of one folder (union, sample-every4th),
// sorted by id. The texts carry no site, date or figures: those are made
// up deterministically from the id (fakeMeta) so that filters and facets
// have something to work on.
func loadBaomoi(tb testing.TB, sub string) []index.Entry {
	tb.Helper()
	dir := filepath.Join(baomoiDir, sub)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Skipf("no baomoi texts in %s", dir)
	}
	sort.Strings(files)
	var es []index.Entry
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		lines := strings.SplitN(string(bytes.TrimSpace(raw)), "\n", 2)
		a := corpus.Article{Title: strings.TrimSpace(lines[0]), IsArticle: true}
		if len(lines) > 1 {
			a.Body = strings.TrimSpace(strings.ReplaceAll(lines[1], "\n", "\n\n"))
		}
		fakeMeta(id, &a)
		es = append(es, index.Entry{ID: id, Article: a})
	}
	return es
}

var fakeSites = []string{"laodong.vn", "nld.com.vn", "congdoan.vn", "baomoi.com", "dantri.com.vn"}

// fakeMeta gives an article a site, a date and a few figures chosen by a
// hash of its id: money values spread log-uniformly from 10⁶ to 10¹¹
// đồng, member counts, percents.
func fakeMeta(id string, a *corpus.Article) {
	h := fnv.New64a()
	h.Write([]byte(id))
	x := h.Sum64()
	next := func(n uint64) uint64 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return x % n
	}
	a.Site = fakeSites[next(uint64(len(fakeSites)))]
	a.Published = fmt.Sprintf("%d-%02d-%02d", 2014+next(4), 1+next(12), 1+next(28))
	for range next(4) {
		v := int64(math.Pow(10, 6+float64(next(5000))/1000))
		a.Figures = append(a.Figures, corpus.Figure{Kind: corpus.Money, Value: corpus.Value{Num: corpus.Int(v)}, Unit: "VND", Text: fmt.Sprint(v, " đồng")})
	}
	if next(3) == 0 {
		v := int64(10 + next(5000))
		a.Figures = append(a.Figures, corpus.Figure{Kind: corpus.Count, Category: "members", Value: corpus.Value{Num: corpus.Int(v)}, Unit: "đoàn viên", Text: fmt.Sprint(v, " đoàn viên")})
	}
	if next(4) == 0 {
		a.Figures = append(a.Figures, corpus.Figure{Kind: corpus.Percent, Value: corpus.Value{Num: corpus.Int(int64(next(120)))}, Unit: "%"})
	}
}

// stripAccents removes diacritics as a user without a Vietnamese
// keyboard types: "Đà Nẵng" → "Da Nang" (case kept).
func stripAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		case r == 'Đ':
			b.WriteRune('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// textBytes is the stored article text of entries: title plus body.
func textBytes(es []index.Entry) int64 {
	var n int64
	for _, e := range es {
		n += int64(len(e.Article.Title) + len(e.Article.Body))
	}
	return n
}

// dirSize is the size of the files under dir.
func dirSize(tb testing.TB, dir string) int64 {
	var n int64
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}
