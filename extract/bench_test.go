package extract

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/tinso/tinso/corpus"
)

// unionTexts are real union news texts; they belong to their publishers
// and are read in place, never copied into the repository.
var unionTexts = filepath.Join("..", "..", "shared", "data", "vi-news", "baomoi-magizbox", "union")

// BenchmarkFigures measures the figure extractor over the union texts and
// reports MB/s of text (b.SetBytes), on one goroutine.
func BenchmarkFigures(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join(unionTexts, "*.txt"))
	if len(paths) == 0 {
		b.Skip("union texts not available")
	}
	var texts []string
	var size int64
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, nfc(string(raw)))
		size += int64(len(raw))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			Figures(t)
		}
	}
}

// BenchmarkCleanHTML measures the HTML cleaner (decoding, main content,
// metadata; no figures) over the scrapinghub benchmark pages, read in
// place; it reports pages/s on one goroutine.
func BenchmarkCleanHTML(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "data", "extraction-bench", "scrapinghub-aeb", "html", "*.html.gz"))
	if len(paths) == 0 {
		b.Skip("scrapinghub pages not available")
	}
	var pages [][]byte
	for _, p := range paths {
		pages = append(pages, gunzipFile(b, p))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, raw := range pages {
			if _, err := Clean(corpus.Document{Raw: raw}, Options{Mode: HTMLMode}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
}

func gunzipFile(b *testing.B, p string) []byte {
	fh, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		b.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		b.Fatal(err)
	}
	return raw
}
