package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tinso/tinso/corpus"
)

var _ corpus.Frontier = (*Store)(nil)

// Enqueue adds the URLs the crawl has not seen, in one transaction.
func (s *Store) Enqueue(ctx context.Context, crawl string, urls []corpus.FrontierURL) (int, error) {
	if len(urls) == 0 {
		return 0, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	defer tx.Rollback()
	added := 0
	at := now()
	for _, u := range urls {
		state := u.State
		if state == "" {
			state = "queued"
		}
		res, err := s.exec(ctx, tx, `INSERT INTO frontier (crawl, url, depth, state, reason, added_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (crawl, url) DO NOTHING`, crawl, u.URL, u.Depth, state, nullStr(u.Reason), at)
		if err != nil {
			return 0, fmt.Errorf("enqueue %s: %w", u.URL, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			added++
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	return added, nil
}

// Queued returns the next queued URLs in breadth-first order.
func (s *Store) Queued(ctx context.Context, crawl string, limit int) ([]corpus.FrontierURL, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT url, depth FROM frontier WHERE crawl = ? AND state = 'queued'
ORDER BY depth, id LIMIT ?`, crawl, limit)
	if err != nil {
		return nil, fmt.Errorf("frontier: %w", err)
	}
	defer rows.Close()
	var out []corpus.FrontierURL
	for rows.Next() {
		u := corpus.FrontierURL{State: "queued"}
		if err := rows.Scan(&u.URL, &u.Depth); err != nil {
			return nil, fmt.Errorf("frontier: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Settle records a URL's final state.
func (s *Store) Settle(ctx context.Context, crawl string, u corpus.FrontierURL) error {
	_, err := s.exec(ctx, nil, `UPDATE frontier SET state = ?, reason = ?, settled_at = ? WHERE crawl = ? AND url = ?`,
		u.State, nullStr(u.Reason), now(), crawl, u.URL)
	if err != nil {
		return fmt.Errorf("settle %s: %w", u.URL, err)
	}
	return nil
}

// Requeue queues the whole crawl again.
func (s *Store) Requeue(ctx context.Context, crawl string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE frontier SET state = 'queued', reason = NULL, settled_at = NULL WHERE crawl = ?`, crawl)
	if err != nil {
		return fmt.Errorf("requeue %s: %w", crawl, err)
	}
	return nil
}

// Progress counts the frontier by state.
func (s *Store) Progress(ctx context.Context, crawl string) (corpus.CrawlProgress, error) {
	var p corpus.CrawlProgress
	rows, err := s.db.QueryContext(ctx, `SELECT state, count(*) FROM frontier WHERE crawl = ? GROUP BY state`, crawl)
	if err != nil {
		return p, fmt.Errorf("frontier: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return p, err
		}
		switch st {
		case "queued":
			p.Queued = n
		case "done":
			p.Done = n
		case "failed":
			p.Failed = n
		case "skipped":
			p.Skipped = n
		}
	}
	return p, rows.Err()
}

// SaveCrawl records a crawl's options.
func (s *Store) SaveCrawl(ctx context.Context, crawl, options string) error {
	t := now()
	_, err := s.db.ExecContext(ctx, `INSERT INTO crawls (name, options, started_at, updated_at) VALUES (?, ?, ?, ?)
ON CONFLICT (name) DO UPDATE SET options = excluded.options, updated_at = excluded.updated_at`, crawl, options, t, t)
	if err != nil {
		return fmt.Errorf("save crawl %s: %w", crawl, err)
	}
	return nil
}

// LatestCrawl returns the most recently saved crawl with queued URLs.
func (s *Store) LatestCrawl(ctx context.Context) (string, string, bool, error) {
	var name, opts string
	err := s.db.QueryRowContext(ctx, `SELECT c.name, c.options FROM crawls c
WHERE EXISTS (SELECT 1 FROM frontier f WHERE f.crawl = c.name AND f.state = 'queued')
ORDER BY c.updated_at DESC LIMIT 1`).Scan(&name, &opts)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("latest crawl: %w", err)
	}
	return name, opts, true, nil
}
