// Package sqlite is the embedded corpus.Store: one SQLite file
// (modernc.org/sqlite, pure Go, no cgo, no server) in the data directory.
//
// Tables are named and laid out for analysts who open the file with the
// sqlite3 shell: documents (raw bytes, gzip-compressed, with provenance),
// articles (the fields of spec/figures.md), figures (one row a figure),
// runs and failures. The schema carries a version (PRAGMA user_version) and
// Open migrates an older file forward.
//
// Consistency: a batch of records is written in one transaction, in which
// a record that fails is rolled back alone (see Put); the database runs in
// WAL mode, so a process killed at any moment leaves a consistent file, and
// the next run finds exactly the records that committed. Writers are kept to one process by a
// lock file beside the database; readers (show, figures, stats, search) may
// run while an ingest writes.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/tinso/tinso/corpus"
)

// FileName is the database's name inside the data directory.
const FileName = "corpus.db"

// lockName is the writer's lock file inside the data directory.
const lockName = "corpus.lock"

// Store is the SQLite corpus.Store.
type Store struct {
	db       *sql.DB
	path     string
	lock     *os.File // held by a writer, nil for a reader
	readOnly bool

	mu       sync.Mutex
	prepared map[string]*sql.Stmt // see stmt

	wmu sync.Mutex // held by Put and Close
	w   *writer    // see writer
}

var _ corpus.Store = (*Store)(nil)

// Options tune Open.
type Options struct {
	// ReadOnly opens an existing store for reading, without the writer's
	// lock, so that show, figures and stats run beside an ingest.
	ReadOnly bool
}

// ErrNoStore is returned by a read-only Open of a data directory that has
// no corpus yet.
var ErrNoStore = errors.New("no corpus here yet")

// Open opens (a writer creates) the store in the data directory dir. A
// writer takes the directory's lock: a second writer gets corpus.ErrLocked
// with the holder's pid, never a half-written file.
func Open(ctx context.Context, dir string, opts Options) (*Store, error) {
	path := filepath.Join(dir, FileName)
	s := &Store{path: path, readOnly: opts.ReadOnly}
	if opts.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("open corpus %s: %w", dir, ErrNoStore)
		}
	} else {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open corpus: %w", err)
		}
		lock, err := acquireLock(filepath.Join(dir, lockName))
		if err != nil {
			return nil, fmt.Errorf("open corpus %s: %w", dir, err)
		}
		s.lock = lock
	}
	db, err := sql.Open("sqlite", dsn(path, opts.ReadOnly))
	if err != nil {
		s.unlock()
		return nil, fmt.Errorf("open corpus %s: %w", path, err)
	}
	s.db = db
	// A few connections: in WAL mode readers (the pipeline's lookups) do
	// not wait for the writer's transaction. Writes come from one
	// goroutine (the pipeline's writer), so they never contend; Put keeps
	// one connection for itself (see writer). All of them stay open when
	// idle: the pool's default keeps two, so it closed and reopened
	// connections all through an ingest, each time running the pragmas
	// and preparing the statements again.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open corpus %s: %w", path, err)
	}
	return s, nil
}

// dsn builds the driver's connection string. WAL lets readers run beside
// the writer and keeps the file consistent through a crash; synchronous
// NORMAL in WAL mode can lose the last commits on power loss but never
// corrupts, a fair trade for a corpus that can be re-ingested.
//
// Pages stay SQLite's default 4 KiB. (A page_size of 16 KiB used to be
// asked for here, but SQLite fixes the page size when the new file is put
// in WAL mode, before it could apply, so no corpus ever had it.) Measured
// on the issue-4 sample, 16 KiB pages wrote 3.4 times the bytes per
// document: most pages a batch dirties are index leaves that take one
// small entry each (a key is a random hash), and each is written whole.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "cache_size(-16384)") // 16 MiB per connection
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		// Statement journals (a multi-row INSERT needs one, in case it
		// fails halfway) stay in memory instead of a temporary file: two
		// system calls a page saved. The writer's statements touch a few
		// pages each.
		q.Add("_pragma", "temp_store(MEMORY)")
		// A checkpoint every 4000 pages (16 MiB of WAL) instead of every
		// 1000: the batches write the same index leaves and table tails
		// again and again, and a checkpoint copies a page once however
		// often the WAL holds it. A tenth fewer bytes read and a twentieth
		// fewer written; durability is the same.
		q.Add("_pragma", "wal_autocheckpoint(4000)")
	}
	return path + "?" + q.Encode()
}

// Path is the database file, for messages ("sqlite3 PATH").
func (s *Store) Path() string { return s.path }

// DB exposes the handle for tests and one-off maintenance.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database and releases the writer's lock.
func (s *Store) Close() error {
	var err error
	if s.db != nil {
		s.wmu.Lock()
		err = s.closeWriter()
		s.wmu.Unlock()
		s.closePrepared()
		if cerr := s.db.Close(); err == nil {
			err = cerr
		}
	}
	s.unlock()
	return err
}

func (s *Store) unlock() {
	if s.lock != nil {
		releaseLock(s.lock)
		s.lock = nil
	}
}

// lockHolder reads the pid a lock file records, for the error message.
func lockHolder(f *os.File) string {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0)
	pid := strings.TrimSpace(string(b[:n]))
	if _, err := strconv.Atoi(pid); err != nil {
		return ""
	}
	return pid
}
