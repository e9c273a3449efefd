package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
)

// bleve (scorch) keeps its root in a bbolt file that is locked with
// flock: exclusively by a writer, shared by read-only opens. Left alone a
// search would block until an ingest ends, hours later. So:
//
//   - Every open passes a bolt timeout and retries until Options.Wait,
//     then fails with a *BusyError naming the writer's pid (pidFile).
//   - A reader that finds the index locked leaves a request file
//     (waitPrefix + pid) in the index directory and keeps it fresh.
//   - A writer watches for request files (every watchEvery) and, between
//     two batches, closes its bleve index, lets the readers take their
//     shared lock, and reopens as soon as they are done. Batches are
//     durable when Put returns, so a reader always sees whole batches.

const (
	pidFile    = "tinso-writer.pid"
	waitPrefix = "tinso-wait-"
	watchEvery = 100 * time.Millisecond
	// staleWait: a request file not refreshed for this long belongs to a
	// reader that died; the writer removes it.
	staleWait = 30 * time.Second
	// yieldWait bounds how long a yielding writer waits for the readers
	// to take their lock before it reopens anyway.
	yieldWait = 2 * time.Second
	// reclaimWait bounds how long a yielding writer waits to get the
	// index back from readers; past it the writer's index is closed
	// (ErrClosed).
	reclaimWait = 2 * time.Minute
)

func isWaitFile(name string) bool { return strings.HasPrefix(name, waitPrefix) }

// openBleve opens an existing index, waiting at most timeout for the
// bolt lock.
func openBleve(dir string, readOnly bool, timeout time.Duration) (bleve.Index, error) {
	return bleve.OpenUsing(dir, map[string]interface{}{
		"read_only":    readOnly,
		"bolt_timeout": timeout.String(),
	})
}

func isTimeout(err error) bool { return errors.Is(err, bolt.ErrTimeout) }

// openShared opens dir read-only, asking a writer to yield if one holds it.
func openShared(dir string, wait time.Duration) (bleve.Index, error) {
	start := time.Now()
	b, err := openBleve(dir, true, 20*time.Millisecond)
	if err == nil || !isTimeout(err) {
		return b, wrapOpen(dir, err)
	}
	req := filepath.Join(dir, fmt.Sprintf("%s%d-%d", waitPrefix, os.Getpid(), start.UnixNano()))
	if err := os.WriteFile(req, nil, 0o644); err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	defer os.Remove(req)
	for {
		left := wait - time.Since(start)
		if left <= 0 {
			return nil, &BusyError{Dir: dir, PID: writerPID(dir), Waited: time.Since(start)}
		}
		b, err = openBleve(dir, true, min(left, 250*time.Millisecond))
		if err == nil || !isTimeout(err) {
			return b, wrapOpen(dir, err)
		}
		now := time.Now()
		os.Chtimes(req, now, now) // still waiting
	}
}

// openExclusive opens dir for writing, waiting up to wait for readers or
// another writer.
func openExclusive(dir string, wait time.Duration) (bleve.Index, error) {
	start := time.Now()
	for {
		b, err := openBleve(dir, false, min(max(wait-time.Since(start), 10*time.Millisecond), 250*time.Millisecond))
		if err == nil {
			return b, nil
		}
		if !isTimeout(err) {
			return nil, wrapOpen(dir, err)
		}
		if time.Since(start) >= wait {
			return nil, &BusyError{Dir: dir, PID: writerPID(dir), Waited: time.Since(start)}
		}
	}
}

func wrapOpen(dir string, err error) error {
	if err == nil {
		return nil
	}
	if msg := err.Error(); strings.Contains(msg, "error parsing mapping") {
		// An analyzer of an older tinso that this one no longer has;
		// bleve's message would quote the whole mapping.
		return fmt.Errorf("open index %s: its mapping names analysis this tinso does not have: %w", dir, ErrStale)
	}
	return fmt.Errorf("open index %s: %w", dir, err)
}

func writePID(dir string) {
	os.WriteFile(filepath.Join(dir, pidFile), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644)
}

func writerPID(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, pidFile))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return pid
}

// waiting reports whether a live reader is waiting for the index, and
// removes the request files of dead ones.
func waiting(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	live := false
	for _, e := range entries {
		if !isWaitFile(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		if time.Since(info.ModTime()) > staleWait {
			os.Remove(filepath.Join(dir, e.Name()))
			continue
		}
		live = true
	}
	return live
}

// startWatcher starts the writer's goroutine that yields to readers.
func (ix *Index) startWatcher() {
	ix.stop, ix.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(ix.done)
		t := time.NewTicker(watchEvery)
		defer t.Stop()
		for {
			select {
			case <-ix.stop:
				return
			case <-t.C:
				if waiting(ix.dir) {
					ix.yield()
				}
			}
		}
	}()
}

// yield closes the writer's index until the waiting readers have opened
// theirs, then takes it back. Put and Search wait meanwhile.
func (ix *Index) yield() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.b == nil {
		return
	}
	err := ix.b.Close()
	ix.b = nil
	if err != nil {
		ix.lost = fmt.Errorf("index %s: close to let a search in: %v: %w", ix.dir, err, ErrClosed)
		return
	}
	deadline := time.Now().Add(yieldWait)
	for time.Now().Before(deadline) && waiting(ix.dir) {
		time.Sleep(10 * time.Millisecond)
	}
	b, err := openExclusive(ix.dir, reclaimWait)
	if err != nil {
		// ix.b stays nil: later calls report this.
		ix.lost = fmt.Errorf("index %s: could not take it back after letting a search in: %v: %w", ix.dir, err, ErrClosed)
		return
	}
	ix.b = b
}
