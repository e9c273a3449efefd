package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunFixtures runs every contestant on the tiny fixtures of package
// eval and checks that the tables come out (the scores there mean nothing).
func TestRunFixtures(t *testing.T) {
	fx := filepath.Join("..", "eval", "testdata", "bench")
	dump := t.TempDir()
	var out bytes.Buffer
	err := run(context.Background(), filepath.Join(fx, "scrapinghub"), filepath.Join(fx, "trafilatura"), filepath.Join(fx, "vi"),
		1, "", dump, 1, true, &out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| extractor | pages/s |", "| tinso |", "| go-trafilatura |", "| go-readability |",
		"scrapinghub F1", "trafilatura seg F1", "trafilatura date", "vi F1", "worst pages"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dump, "go-readability", "vi.json")); err != nil {
		t.Errorf("no dump: %v", err)
	}
	if err := run(context.Background(), "", "", "", 1, "nobody", "", 0, false, &out); err == nil {
		t.Error("no sets gave no error")
	}
}
