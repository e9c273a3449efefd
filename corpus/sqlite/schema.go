package sqlite

import (
	"context"
	"fmt"
	"time"
)

// migrations build the schema step by step; migrations[i] takes a file
// from user_version i to i+1. A later tinso appends steps and never edits
// old ones, so an older corpus.db is migrated forward in place.
var migrations = []string{
	// 1: the first schema.
	`
CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE, -- canonical URL, or sha256:HASH for a file
  source        TEXT NOT NULL,        -- path or URL as given
  url           TEXT,                 -- canonical URL (NULL for files)
  site          TEXT,
  content_type  TEXT,
  fetched_at    TEXT NOT NULL,        -- RFC 3339
  status        INTEGER,              -- HTTP status (NULL for files)
  etag          TEXT,
  last_modified TEXT,
  hash          TEXT NOT NULL,        -- hex SHA-256 of the raw bytes
  size          INTEGER NOT NULL,     -- raw size in bytes
  raw           BLOB NOT NULL,        -- the raw bytes, gzip-compressed
  run_id        INTEGER,              -- the run that last wrote it
  updated_at    TEXT NOT NULL
);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_hash ON documents(hash);

CREATE TABLE articles (
  id                INTEGER PRIMARY KEY,
  document_id       INTEGER NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
  source            TEXT NOT NULL,
  url               TEXT,
  site              TEXT,
  title             TEXT,
  published         TEXT,            -- ISO 8601 date or prefix (2021, 2021-03)
  author            TEXT,
  body              TEXT NOT NULL,
  decoding          TEXT,
  problems          TEXT,            -- JSON array of {stage, reason}, NULL if none
  extractor_version TEXT NOT NULL,
  extracted_at      TEXT NOT NULL
);
CREATE INDEX articles_site ON articles(site);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE figures (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,      -- position among the article's figures
  kind       TEXT NOT NULL,         -- money, count, percent, ratio, period, date, ordinal, duration
  value,                            -- a number, or an ISO date text for kind = 'date'
  unit       TEXT,
  category   TEXT,
  approx     TEXT,                  -- over, under, about, vague; NULL when exact
  min, max, num, den,               -- ranges and ratios
  per        TEXT,
  text       TEXT NOT NULL,         -- exactly body[start:end]
  start      INTEGER NOT NULL,      -- code-point offsets into articles.body
  "end"      INTEGER NOT NULL,
  sentence   TEXT
);
CREATE INDEX figures_article ON figures(article_id, seq);
CREATE INDEX figures_kind ON figures(kind, category);

CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,
  command     TEXT NOT NULL,
  args        TEXT,                  -- JSON array
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL,         -- running, done, interrupted, failed, killed
  new         INTEGER NOT NULL DEFAULT 0,
  updated     INTEGER NOT NULL DEFAULT 0,
  unchanged   INTEGER NOT NULL DEFAULT 0,
  failed      INTEGER NOT NULL DEFAULT 0,
  skipped     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE failures (
  id      INTEGER PRIMARY KEY,
  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  source  TEXT NOT NULL,
  stage   TEXT NOT NULL,
  reason  TEXT NOT NULL,
  at      TEXT NOT NULL
);
CREATE INDEX failures_run ON failures(run_id);
`,
	// 2: the crawl frontier, so that a crawl resumes after a kill.
	`
CREATE TABLE frontier (
  id       INTEGER PRIMARY KEY,
  crawl    TEXT NOT NULL,             -- the crawl's start: a site or sitemap URL
  url      TEXT NOT NULL,             -- canonical URL
  depth    INTEGER NOT NULL,          -- links from the start
  state    TEXT NOT NULL,             -- queued, done, failed, skipped
  reason   TEXT,
  added_at TEXT NOT NULL,
  settled_at TEXT,
  UNIQUE (crawl, url)
);
CREATE INDEX frontier_queue ON frontier(crawl, state, depth, id);

CREATE TABLE crawls (
  name       TEXT PRIMARY KEY,        -- the crawl's start URL
  options    TEXT NOT NULL,           -- JSON: depth, max pages, patterns, ...
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
	// 3: no index on documents.hash. Nothing looks documents up by hash
	// (a file's key is sha256:HASH, and the key is indexed), and as hashes
	// are random, keeping the index cost every document a leaf page
	// written to the WAL: a sixth of an ingest's writes.
	`
DROP INDEX IF EXISTS documents_hash;
`,
}

// SchemaVersion is the user_version this tinso writes.
var SchemaVersion = len(migrations)

// migrate brings the file to SchemaVersion. A file from a newer tinso is
// refused rather than misread. A writer also marks runs left "running" by
// a killed process as "killed": it holds the lock, so no one else runs.
func (s *Store) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > SchemaVersion {
		return fmt.Errorf("schema version %d is newer than this tinso knows (%d): upgrade tinso", v, SchemaVersion)
	}
	if v < SchemaVersion && s.readOnly {
		return fmt.Errorf("schema version %d is older than %d: run a tinso ingest or reextract once to migrate it", v, SchemaVersion)
	}
	for ; v < SchemaVersion; v++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to schema %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, v+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to schema %d: %w", v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate to schema %d: %w", v+1, err)
		}
	}
	if !s.readOnly {
		_, err := s.db.ExecContext(ctx, `UPDATE runs SET status = 'killed', finished_at = ? WHERE status = 'running'`, now())
		if err != nil {
			return fmt.Errorf("close stale runs: %w", err)
		}
	}
	return nil
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }
