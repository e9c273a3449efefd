package sqlite

import (
	"context"
	"database/sql"
)

// The store runs the same few statements for every document; preparing
// them once instead of per call halves the store's cost (SQLite's parser
// was a seventh of an ingest's CPU time). Put's own statements are
// prepared on its connection instead (see writer); these are the rest:
// Lookup, the frontier's, the readers'.

// stmt returns the prepared form of q, inside tx when tx is not nil.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, q string) (*sql.Stmt, error) {
	s.mu.Lock()
	st, ok := s.prepared[q]
	s.mu.Unlock()
	if !ok {
		var err error
		if st, err = s.db.PrepareContext(ctx, q); err != nil {
			return nil, err
		}
		s.mu.Lock()
		if s.prepared == nil {
			s.prepared = map[string]*sql.Stmt{}
		}
		if old, ok := s.prepared[q]; ok {
			st.Close()
			st = old
		} else {
			s.prepared[q] = st
		}
		s.mu.Unlock()
	}
	if tx != nil {
		return tx.StmtContext(ctx, st), nil
	}
	return st, nil
}

// scanner is a row to scan, or the error that prevented the query.
type scanner interface{ Scan(dest ...any) error }

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

func (s *Store) queryRow(ctx context.Context, tx *sql.Tx, q string, args ...any) scanner {
	st, err := s.stmt(ctx, tx, q)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}

func (s *Store) exec(ctx context.Context, tx *sql.Tx, q string, args ...any) (sql.Result, error) {
	st, err := s.stmt(ctx, tx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// closePrepared closes the prepared statements before the database.
func (s *Store) closePrepared() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.prepared {
		st.Close()
	}
	s.prepared = nil
}
