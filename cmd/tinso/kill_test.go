package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tinso/tinso/corpus/sqlite"
)

// buildTinso builds the command once for tests that run it as a process.
func buildTinso(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tinso")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// fingerprint lists every stored figure by its document's content hash,
// so that two stores built in different orders compare equal.
func fingerprint(t *testing.T, data string) (docs int, figs []string) {
	t.Helper()
	s, err := sqlite.Open(context.Background(), data, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	db := s.DB()
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q %v", check, err)
	}
	var dup int
	db.QueryRow(`SELECT count(*) FROM (SELECT hash FROM documents GROUP BY hash HAVING count(*) > 1)`).Scan(&dup)
	if dup != 0 {
		t.Errorf("%d documents stored more than once", dup)
	}
	var orphans int
	db.QueryRow(`SELECT count(*) FROM documents d LEFT JOIN articles a ON a.document_id = d.id WHERE a.id IS NULL`).Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d documents without their article: a partial record", orphans)
	}
	db.QueryRow(`SELECT count(*) FROM documents`).Scan(&docs)
	rows, err := db.Query(`
SELECT d.hash, f.seq, f.kind, f.value, f.text FROM figures f
JOIN articles a ON a.id = f.article_id JOIN documents d ON d.id = a.document_id
ORDER BY d.hash, f.seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var hash, kind, text string
		var seq int
		var value any
		if err := rows.Scan(&hash, &seq, &kind, &value, &text); err != nil {
			t.Fatal(err)
		}
		figs = append(figs, fmt.Sprint(hash, seq, kind, value, text))
	}
	return docs, figs
}

// waitForDocs polls a store being written by another process until it
// holds at least n documents or limit has passed.
func waitForDocs(t *testing.T, data string, n int, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if s, err := sqlite.Open(context.Background(), data, sqlite.Options{ReadOnly: true}); err == nil {
			var docs int
			s.DB().QueryRow(`SELECT count(*) FROM documents`).Scan(&docs)
			s.Close()
			if docs >= n {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestKilledIngestResumes kills tinso ingest with SIGKILL at random
// moments, ten times, then lets it finish: every document is stored
// exactly once, the file passes integrity_check, and the figures equal a
// clean run's.
func TestKilledIngestResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if _, err := os.Stat(baomoiSample); err != nil {
		t.Skip("shared data not present")
	}
	bin := buildTinso(t)
	files, _ := filepath.Glob(filepath.Join(baomoiSample, "*.txt"))
	if len(files) > 1000 {
		files = files[:1000]
	}
	seeds, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	list := filepath.Join(t.TempDir(), "list.txt")
	os.WriteFile(list, []byte(strings.Join(append(seeds, files...), "\n")), 0o644)
	ingestCmd := func(data string) *exec.Cmd {
		// One worker and small batches make the run long enough to be
		// killed in many different places.
		return exec.Command(bin, "ingest", "--data", data, "--from-list", list, "--workers", "1", "--no-progress")
	}

	clean := filepath.Join(t.TempDir(), "clean")
	start := time.Now()
	if out, err := ingestCmd(clean).CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, out)
	}
	cleanTime := time.Since(start)
	wantDocs, wantFigs := fingerprint(t, clean)

	killed := filepath.Join(t.TempDir(), "killed")
	rng := rand.New(rand.NewPCG(1, 2))
	stored := 0
	for i := range 10 {
		cmd := ingestCmd(killed)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Each kill waits until this run has stored something new (or,
		// once every document is in, a while into the indexing), then a
		// random moment more, so the kills land all along the run on a
		// fast machine as on a slow one.
		wait := time.Duration(rng.Int64N(int64(cleanTime / 20)))
		if stored < wantDocs {
			waitForDocs(t, killed, stored+1, cleanTime)
		} else {
			wait = time.Duration(rng.Int64N(int64(cleanTime / 2)))
		}
		time.Sleep(wait)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		stored, _ = fingerprint(t, killed)
		t.Logf("kill %d, %v after new progress: %d documents stored", i+1, wait.Round(time.Millisecond), stored)
	}
	if out, err := ingestCmd(killed).CombinedOutput(); err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	gotDocs, gotFigs := fingerprint(t, killed)
	if gotDocs != wantDocs {
		t.Errorf("documents: %d after kills, %d in a clean run", gotDocs, wantDocs)
	}
	if len(gotFigs) != len(wantFigs) {
		t.Fatalf("figures: %d after kills, %d in a clean run", len(gotFigs), len(wantFigs))
	}
	for i := range wantFigs {
		if gotFigs[i] != wantFigs[i] {
			t.Fatalf("figure %d differs:\n got %s\nwant %s", i, gotFigs[i], wantFigs[i])
		}
	}
	// Ctrl-C: the documents in flight are finished, the run says so and
	// exits 130, and nothing partial is left. The signal goes as soon as
	// the first batch is committed, so that it lands mid-run however fast
	// the machine is.
	interrupted := filepath.Join(t.TempDir(), "interrupted")
	cmd := ingestCmd(interrupted)
	start = time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForDocs(t, interrupted, 1, cleanTime)
	signalled := time.Now()
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Errorf("Ctrl-C: exit %d (%v), want %d", code, err, exitInterrupted)
	}
	if d := time.Since(signalled); d > cleanTime/2 {
		t.Errorf("Ctrl-C took %v to stop (a whole run takes %v)", d, cleanTime)
	}
	if docs, _ := fingerprint(t, interrupted); docs == 0 || docs >= wantDocs {
		t.Errorf("Ctrl-C after the first commit stored %d of %d documents", docs, wantDocs)
	}

	// And a second writer meanwhile is turned away with a clear message.
	busy := filepath.Join(t.TempDir(), "busy")
	first := ingestCmd(busy)
	first.Start()
	defer func() { first.Process.Kill(); first.Wait() }()
	waitForDocs(t, busy, 1, cleanTime)
	out, err := ingestCmd(busy).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "in use by another tinso process") {
		t.Errorf("second writer: %v\n%s", err, out)
	}
}
