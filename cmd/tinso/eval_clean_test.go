package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The fixtures of package eval: a gold folder with its seeds, and tiny
// scrapinghub, trafilatura and vi-synthetic shaped folders.
var (
	evalTestdata = filepath.Join("..", "..", "eval", "testdata")
	testGold     = filepath.Join(evalTestdata, "gold")
	testBench    = filepath.Join(evalTestdata, "bench")
)

func TestEvalCleanGold(t *testing.T) {
	out, errs, code := run(t, "", "eval", "clean", "--gold", testGold, "--show")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"gold " + testGold, "inputs " + filepath.Join(testGold, "..", "seeds"),
		"2 pages, 0 errors", "pages/s", "body", "F1", "title", "published", "author", "worst documents:", "a.txt"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	// An explicit --input, and a bar no cleaner can meet.
	_, errs, code = run(t, "", "eval", "clean", "--gold", testGold, "--input", filepath.Join(evalTestdata, "seeds"), "--min-f1", "1.01")
	if code != exitFailure || !strings.Contains(errs, "body F1") {
		t.Errorf("an unmet --min-f1 gave exit %d: %s", code, errs)
	}
	_, errs, code = run(t, "", "eval", "clean", "--gold", testGold, "--min-meta", "1.01")
	if code != exitFailure || !strings.Contains(errs, "title hit rate") {
		t.Errorf("an unmet --min-meta gave exit %d: %s", code, errs)
	}
	// Inputs missing: a fatal error.
	if _, _, code := run(t, "", "eval", "clean", "--gold", testGold, "--input", t.TempDir()); code != exitFailure {
		t.Errorf("missing inputs gave exit %d, want 1", code)
	}
}

func TestEvalCleanBenches(t *testing.T) {
	sh := filepath.Join(testBench, "scrapinghub")
	tr := filepath.Join(testBench, "trafilatura")
	vi := filepath.Join(testBench, "vi")
	out, errs, code := run(t, "", "eval", "clean", "--scrapinghub", sh, "--trafilatura", tr, "--trafilatura", vi, "--show", "--worst", "1")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"scrapinghub (" + sh + "): 2 pages", "trafilatura (" + tr + "): 2 pages", "vi (" + vi + "): 2 pages",
		"segments", "tp ", "date", "listings", "v2-listing", "worst pages:", "worst page",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "worst pages:"); n != 3 {
		t.Errorf("%d worst-page lists, want one a set:\n%s", n, out)
	}
	_, errs, code = run(t, "", "eval", "clean", "--trafilatura", tr, "--min-f1", "1.01", "--min-date", "1.01")
	if code != exitFailure || !strings.Contains(errs, "segment F1") || !strings.Contains(errs, "date accuracy") {
		t.Errorf("unmet bars gave exit %d: %s", code, errs)
	}
	_, errs, code = run(t, "", "eval", "clean", "--trafilatura", vi, "--min-page-f1", "1.01")
	if code != exitFailure || !strings.Contains(errs, "shingle F1 of v1-nfd") {
		t.Errorf("an unmet --min-page-f1 gave exit %d: %s", code, errs)
	}
}

func TestEvalCleanUsage(t *testing.T) {
	for _, args := range [][]string{
		{"eval", "clean"},
		{"eval", "clean", "--input", "x"},
		{"eval", "clean", "--gold", testGold, "extra"},
		{"eval", "clean", "--bogus"},
	} {
		if _, errs, code := run(t, "", args...); code != exitUsage {
			t.Errorf("tinso %v: exit %d, want %d (%s)", args, code, exitUsage, errs)
		}
	}
	if _, _, code := run(t, "", "eval", "clean", "--scrapinghub", t.TempDir()); code != exitFailure {
		t.Errorf("an empty scrapinghub folder gave exit %d, want 1", code)
	}
	out, _, _ := run(t, "", "eval", "clean", "--help")
	for _, want := range []string{"Exit codes:", "--scrapinghub", "--trafilatura", "--min-f1", "pages/s"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

func TestEvalFiguresEndToEnd(t *testing.T) {
	out, errs, code := run(t, "", "eval", "figures", "--gold", testGold, "--input", filepath.Join(evalTestdata, "seeds"), "--show")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "end to end") || !strings.Contains(out, "overall") {
		t.Errorf("report:\n%s", out)
	}
	if _, _, code := run(t, "", "eval", "figures", "--gold", testGold, "--input", t.TempDir()); code != exitFailure {
		t.Errorf("missing inputs gave exit %d, want 1", code)
	}
}

// TestEvalCleanShared holds issue 3's bars on the project's gold (text
// mode: body F1 ≥ 0.97, title, published and author right on every seed)
// and on the Vietnamese synthetic pages (every article page ≥ 0.97, the
// listing flagged).
func TestEvalCleanShared(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "data")
	gold := filepath.Join(data, "golden")
	vi := filepath.Join(data, "extraction-bench", "vi-synthetic")
	for _, p := range []string{gold, vi} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("shared data not available: %v", err)
		}
	}
	out, errs, code := run(t, "", "eval", "clean", "--gold", gold, "--min-f1", "0.97", "--min-meta", "1")
	t.Log("\n" + out)
	if code != exitOK {
		t.Errorf("gold: exit %d: %s", code, errs)
	}
	out, errs, code = run(t, "", "eval", "clean", "--trafilatura", vi, "--min-page-f1", "0.97", "--listing")
	t.Log("\n" + out)
	if code != exitOK {
		t.Errorf("vi-synthetic: exit %d: %s", code, errs)
	}
}

// TestEvalCleanPublicBenches holds the bars on the public benchmarks:
// scrapinghub shingle F1 ≥ 0.95; trafilatura's set segment F1 ≥ 0.90 and
// dates ≥ 88 %. It takes about ten seconds; -short skips it.
func TestEvalCleanPublicBenches(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bench := filepath.Join("..", "..", "..", "shared", "data", "extraction-bench")
	sh, tf := filepath.Join(bench, "scrapinghub-aeb"), filepath.Join(bench, "trafilatura-eval")
	for _, p := range []string{sh, tf} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("benchmark data not available: %v", err)
		}
	}
	out, errs, code := run(t, "", "eval", "clean", "--scrapinghub", sh, "--min-f1", "0.95")
	t.Log("\n" + out)
	if code != exitOK {
		t.Errorf("scrapinghub: exit %d: %s", code, errs)
	}
	out, errs, code = run(t, "", "eval", "clean", "--trafilatura", tf, "--min-f1", "0.90", "--min-date", "0.88")
	t.Log("\n" + out)
	if code != exitOK {
		t.Errorf("trafilatura set: exit %d: %s", code, errs)
	}
}
