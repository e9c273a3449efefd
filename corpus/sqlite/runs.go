package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tinso/tinso/corpus"
)

// BeginRun records the start of a run.
func (s *Store) BeginRun(ctx context.Context, command string, args []string) (int64, error) {
	b, _ := json.Marshal(args)
	res, err := s.db.ExecContext(ctx, `INSERT INTO runs (command, args, started_at, status) VALUES (?, ?, ?, 'running')`,
		command, string(b), now())
	if err != nil {
		return 0, fmt.Errorf("begin run: %w", err)
	}
	return res.LastInsertId()
}

// Fail records one document's failure.
func (s *Store) Fail(ctx context.Context, f corpus.Failure) error {
	at := f.At
	if at.IsZero() {
		at = time.Now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO failures (run_id, source, stage, reason, at) VALUES (?, ?, ?, ?, ?)`,
		f.RunID, f.Source, f.Stage, f.Reason, at.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("record failure of %s: %w", f.Source, err)
	}
	return nil
}

// EndRun records a run's counts and status.
func (s *Store) EndRun(ctx context.Context, runID int64, c corpus.RunCounts, status string) error {
	_, err := s.db.ExecContext(ctx, `
UPDATE runs SET finished_at = ?, status = ?, new = ?, updated = ?, unchanged = ?, failed = ?, skipped = ?
WHERE id = ?`, now(), status, c.New, c.Updated, c.Unchanged, c.Failed, c.Skipped, runID)
	if err != nil {
		return fmt.Errorf("end run %d: %w", runID, err)
	}
	return nil
}

// Failures lists a run's failures; runID 0 means the latest run that
// recorded any.
func (s *Store) Failures(ctx context.Context, runID int64) ([]corpus.Failure, error) {
	if runID == 0 {
		err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(run_id), 0) FROM failures`).Scan(&runID)
		if err != nil {
			return nil, fmt.Errorf("failures: %w", err)
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT run_id, source, stage, reason, at FROM failures WHERE run_id = ? ORDER BY id`, runID)
	if err != nil {
		return nil, fmt.Errorf("failures: %w", err)
	}
	defer rows.Close()
	var out []corpus.Failure
	for rows.Next() {
		var f corpus.Failure
		var at string
		if err := rows.Scan(&f.RunID, &f.Source, &f.Stage, &f.Reason, &at); err != nil {
			return nil, fmt.Errorf("failures: %w", err)
		}
		f.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, f)
	}
	return out, rows.Err()
}

func scanTime(s sql.NullString) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s.String)
	return t
}
