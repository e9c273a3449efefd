package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/tinso/tinso/corpus"
)

// Options tune Open.
type Options struct {
	// ReadOnly opens an existing index for searching only. Several
	// read-only opens may share an index; a writer is asked to let go for
	// a moment (see the package doc).
	ReadOnly bool
	// Wait is how long Open waits for a writer in another process to let
	// go before returning a *BusyError. Zero means 5 s: a writer lets a
	// search in after its current batch, well under a second.
	Wait time.Duration
	// Rebuild (writers only) deletes the index at dir, if any, and creates
	// an empty one: "tinso reindex", or the answer to ErrStale. A
	// directory that holds something other than an index is left alone
	// and reported.
	Rebuild bool
	// BatchSize is the number of documents Put sends to bleve at once.
	// Zero means 1000: bleve builds a segment per batch and merges them
	// later, so small batches cost merges (500 → 1000 → 2000 docs per
	// batch index the baomoi sample at roughly 1 : 1.3 : 1.6 the speed);
	// 1000 keeps a batch around 2 s of work on a busy 2-core machine, so
	// a waiting search gets in well within Options.Wait, and memory
	// bounded (1000 articles ≈ 4 MB of text, ~100 MB while analysed).
	BatchSize int
	// Articles, when set, loads a hit's article from the corpus: Search
	// then fills Hit.Title, Hit.Snippet (Query.Highlight) and Hit.Figures
	// from it. The index stores no text of its own.
	Articles func(id string) (corpus.Article, error)
}

func (o *Options) applyDefaults() {
	if o.Wait <= 0 {
		o.Wait = 5 * time.Second
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 1000
	}
}

// Index is a bleve index of the corpus. Its methods are safe for
// concurrent use.
type Index struct {
	dir  string
	opts Options

	mu   sync.RWMutex // held for reading by every operation, for writing while yielding
	b    bleve.Index  // nil once closed
	lost error        // why b is nil after a failed yield (lock.go)

	stop chan struct{} // writers: stops the watcher (lock.go)
	done chan struct{}
}

// Open opens the index in dir, creating it unless opts.ReadOnly. A
// read-only open of a missing index returns ErrNoIndex; an index built
// with another analysis version returns ErrStale; an index held by a
// writer that does not let go within opts.Wait returns a *BusyError.
func Open(dir string, opts Options) (*Index, error) {
	opts.applyDefaults()
	ix := &Index{dir: dir, opts: opts}
	exists := isIndex(dir)
	if opts.ReadOnly {
		if opts.Rebuild {
			return nil, fmt.Errorf("open index %s: rebuild needs a writable index", dir)
		}
		if !exists {
			return nil, fmt.Errorf("open index %s: %w", dir, ErrNoIndex)
		}
		b, err := openShared(dir, opts.Wait)
		if err != nil {
			return nil, err
		}
		ix.b = b
	} else {
		if opts.Rebuild && exists {
			// Take the lock first: never delete an index another process
			// is writing to. An index that cannot be read (stale,
			// damaged) is what Rebuild is for.
			if old, err := openExclusive(dir, opts.Wait); err == nil {
				old.Close()
			} else if errors.Is(err, ErrBusy) {
				return nil, err
			}
			if err := removeIndex(dir); err != nil {
				return nil, err
			}
			exists = false
		}
		var b bleve.Index
		var err error
		if exists {
			b, err = openExclusive(dir, opts.Wait)
		} else {
			b, err = create(dir)
		}
		if err != nil {
			return nil, err
		}
		writePID(dir)
		ix.b = b
	}
	if err := ix.checkVersion(); err != nil {
		ix.b.Close()
		if !opts.ReadOnly {
			os.Remove(filepath.Join(dir, pidFile))
		}
		return nil, err
	}
	if !opts.ReadOnly {
		ix.startWatcher()
	}
	return ix, nil
}

// isIndex reports whether dir holds a bleve index.
func isIndex(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "index_meta.json"))
	return err == nil
}

// removeIndex deletes the index in dir, after checking that dir holds an
// index and nothing else of the user's.
func removeIndex(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("rebuild index %s: %w", dir, err)
	}
	for _, e := range entries {
		switch n := e.Name(); {
		case n == "index_meta.json", n == "store", n == pidFile, isWaitFile(n):
		default:
			return fmt.Errorf("rebuild index %s: it holds %s, which is not part of an index; remove it by hand", dir, n)
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("rebuild index %s: %w", dir, err)
	}
	return nil
}

// create makes a new index in dir.
func create(dir string) (bleve.Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("create index %s: mapping: %w", dir, err)
	}
	b, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	if err := b.SetInternal([]byte(versionKey), []byte(analysisVersion)); err != nil {
		b.Close()
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	return b, nil
}

const versionKey = "tinso_version"

func (ix *Index) checkVersion() error {
	v, err := ix.b.GetInternal([]byte(versionKey))
	if err != nil {
		return fmt.Errorf("open index %s: %w", ix.dir, err)
	}
	if string(v) != analysisVersion {
		return fmt.Errorf("open index %s: built as %q, this tinso reads %q: %w", ix.dir, v, analysisVersion, ErrStale)
	}
	return nil
}

// Close releases the index and its lock.
func (ix *Index) Close() error {
	if ix.stop != nil {
		close(ix.stop)
		<-ix.done
		ix.stop = nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.b == nil {
		return nil
	}
	err := ix.b.Close()
	ix.b = nil
	if !ix.opts.ReadOnly {
		os.Remove(filepath.Join(ix.dir, pidFile))
	}
	if err != nil {
		return fmt.Errorf("close index %s: %w", ix.dir, err)
	}
	return nil
}

// with runs fn on the open bleve index, holding off a yield.
func (ix *Index) with(fn func(b bleve.Index) error) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.b == nil {
		if ix.lost != nil {
			return ix.lost
		}
		return ErrClosed
	}
	return fn(ix.b)
}

// Put indexes the entries, replacing any document with the same ID. It
// sends them to bleve in batches of Options.BatchSize; each batch is on
// disk when Put moves to the next, and a waiting search may get in
// between two batches. An entry that cannot be indexed (no ID) is skipped
// and reported as an *EntryError; the returned error joins them. A
// failing batch stops Put and names the batch's first and last ids; so
// does ctx, checked between batches.
func (ix *Index) Put(ctx context.Context, entries []Entry) error {
	if ix.opts.ReadOnly {
		return fmt.Errorf("put: index %s is open read-only", ix.dir)
	}
	var skipped []error
	for len(entries) > 0 {
		if err := ctx.Err(); err != nil {
			return errors.Join(append(skipped, fmt.Errorf("index documents from %q on: %w", entries[0].ID, err))...)
		}
		n := min(len(entries), ix.opts.BatchSize)
		chunk := entries[:n]
		entries = entries[n:]
		err := ix.with(func(b bleve.Index) error {
			batch := b.NewBatch()
			for _, e := range chunk {
				if e.ID == "" {
					skipped = append(skipped, &EntryError{ID: e.ID, Err: errors.New("empty id")})
					continue
				}
				var err error
				if d := e.Prepared.take(); d != nil {
					d.SetID(e.ID)
					err = batch.IndexAdvanced(d)
				} else {
					err = batch.Index(e.ID, document(e.Article, Rev(e.Article)))
				}
				if err != nil {
					skipped = append(skipped, &EntryError{ID: e.ID, Err: err})
				}
			}
			if batch.Size() == 0 {
				return nil
			}
			if err := b.Batch(batch); err != nil {
				return fmt.Errorf("index batch of documents %q..%q: %w", chunk[0].ID, chunk[len(chunk)-1].ID, err)
			}
			return nil
		})
		if err != nil {
			return errors.Join(append(skipped, err)...)
		}
	}
	return errors.Join(skipped...)
}

// Delete removes the documents with these ids; an id not in the index is
// ignored.
func (ix *Index) Delete(ids ...string) error {
	if ix.opts.ReadOnly {
		return fmt.Errorf("delete: index %s is open read-only", ix.dir)
	}
	for len(ids) > 0 {
		n := min(len(ids), ix.opts.BatchSize)
		chunk := ids[:n]
		ids = ids[n:]
		err := ix.with(func(b bleve.Index) error {
			batch := b.NewBatch()
			for _, id := range chunk {
				batch.Delete(id)
			}
			if err := b.Batch(batch); err != nil {
				return fmt.Errorf("delete documents %q..%q: %w", chunk[0], chunk[len(chunk)-1], err)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Count returns the number of documents in the index.
func (ix *Index) Count() (uint64, error) {
	var n uint64
	err := ix.with(func(b bleve.Index) (err error) {
		n, err = b.DocCount()
		return err
	})
	return n, err
}
