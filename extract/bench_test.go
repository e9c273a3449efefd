package extract

import (
	"os"
	"path/filepath"
	"testing"
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
