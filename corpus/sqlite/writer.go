package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// writer is the one connection Put writes through, held from the first
// Put to Close, with the statements it runs prepared on it once.
//
// Through database/sql's pool, each batch's transaction could land on any
// connection: a statement was prepared again on every connection it met
// (and again whenever the pool closed an idle one), and every use inside
// a transaction went through Tx.StmtContext, which builds a new statement
// handle each time. Together they were an eighth of the store's CPU time
// in an ingest. With its own connection the writer opens its transactions with
// BEGIN IMMEDIATE, taking the write lock at once rather than upgrading a
// read lock halfway through the batch.
type writer struct {
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
}

// writerConn returns the store's writer, opening it on first use. The
// caller holds s.wmu.
func (s *Store) writerConn(ctx context.Context) (*writer, error) {
	if s.w != nil {
		return s.w, nil
	}
	c, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	s.w = &writer{conn: c, stmts: map[string]*sql.Stmt{}}
	return s.w, nil
}

// closeWriter closes the writer, if open. The caller holds s.wmu.
func (s *Store) closeWriter() error {
	if s.w == nil {
		return nil
	}
	w := s.w
	s.w = nil
	w.closeStmts()
	return w.conn.Close()
}

// closeStmts closes the statements prepared on the writer's connection.
func (w *writer) closeStmts() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// discardWriter drops a writer whose connection may still be inside a
// transaction, so that the pool never hands that connection out again.
// The caller holds s.wmu.
func (s *Store) discardWriter() {
	if s.w == nil {
		return
	}
	w := s.w
	s.w = nil
	w.closeStmts()
	// ErrBadConn makes database/sql close the connection rather than
	// return it to the pool; SQLite rolls back what it left open.
	w.conn.Raw(func(any) error { return driver.ErrBadConn })
	w.conn.Close()
}

func (w *writer) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.conn.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	w.stmts[q] = st
	return st, nil
}

func (w *writer) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := w.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (w *writer) queryRow(ctx context.Context, q string, args ...any) scanner {
	st, err := w.stmt(ctx, q)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}

// inTx runs f in a transaction on the writer: committed if f returns nil,
// rolled back otherwise. The rollback does not heed ctx, so that an
// interrupted batch leaves nothing half-written on the connection. If
// the transaction cannot be ended, the writer is discarded.
func (s *Store) inTx(ctx context.Context, f func(w *writer) error) error {
	w, err := s.writerConn(ctx)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if _, err := w.exec(ctx, `BEGIN IMMEDIATE`); err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	err = f(w)
	if err == nil {
		if _, err = w.exec(ctx, `COMMIT`); err != nil {
			err = fmt.Errorf("store: commit: %w", err)
		}
	}
	if err != nil {
		if _, rerr := w.exec(context.WithoutCancel(ctx), `ROLLBACK`); rerr != nil {
			s.discardWriter()
		}
	}
	return err
}
