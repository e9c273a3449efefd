package index

import (
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// Sentinel errors; callers test them with errors.Is.
var (
	// ErrNoIndex: a read-only Open found no index at the path ("run tinso
	// ingest or tinso reindex first").
	ErrNoIndex = errors.New("no index")
	// ErrStale: the index was built by another version of the analysis
	// or mapping; it must be rebuilt (Options.Rebuild, "tinso reindex").
	ErrStale = errors.New("index built by another version of tinso")
	// ErrBusy: another process holds the index for writing and did not
	// let go within Options.Wait. Open returns a *BusyError that matches it.
	ErrBusy = errors.New("index is busy")
	// ErrClosed: the Index was closed, or a writer could not take the
	// index back after letting a search in.
	ErrClosed = errors.New("index is closed")
)

var (
	errDateForm  = errors.New("want YYYY, YYYY-MM or YYYY-MM-DD")
	errDateRange = errors.New("year out of range (1800 to 2200)")
)

// BusyError says who holds the index. It matches ErrBusy.
type BusyError struct {
	Dir    string
	PID    int           // the writer's process id, 0 when unknown
	Waited time.Duration // how long Open waited
}

func (e *BusyError) Error() string {
	who := "another process"
	if e.PID > 0 {
		who = fmt.Sprintf("process %d", e.PID)
	}
	return fmt.Sprintf("index is busy: %s is writing to %s (an ingest or reindex) and did not let go within %s; retry when it has finished",
		who, e.Dir, e.Waited.Round(time.Millisecond))
}

// Is makes errors.Is(err, ErrBusy) true.
func (e *BusyError) Is(target error) bool { return target == ErrBusy }

// QueryError is a malformed query: bad syntax in Query.Text (an
// unbalanced quote, a lone operator) or an invalid option (a date that is
// not a date, an unknown facet, Min above Max). Its message is one line
// meant for the user; the CLI maps it to exit code 2.
type QueryError struct {
	Field string // "text", "from", "to", "kind", "category", "min", "max", "facets", "sort", "limit", "offset"
	Pos   int    // byte offset in Query.Text for Field "text", else -1
	Msg   string
	Text  string // the offending input
}

func (e *QueryError) Error() string {
	if e.Field == "text" {
		col := utf8.RuneCountInString(e.Text[:min(max(e.Pos, 0), len(e.Text))]) + 1
		return fmt.Sprintf("bad query: %s (column %d of %q)", e.Msg, col, e.Text)
	}
	if e.Text == "" {
		return fmt.Sprintf("bad query: %s: %s", e.Field, e.Msg)
	}
	return fmt.Sprintf("bad query: %s %q: %s", e.Field, e.Text, e.Msg)
}

// EntryError is an entry Put skipped; the others are indexed. It names
// the document.
type EntryError struct {
	ID  string
	Err error
}

func (e *EntryError) Error() string { return fmt.Sprintf("index document %q: %v", e.ID, e.Err) }

func (e *EntryError) Unwrap() error { return e.Err }
