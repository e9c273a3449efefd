// Command tinso turns Vietnamese trade-union news into data: it cleans
// pages, extracts figures, and (later) stores and searches them.
//
// This package is wiring only: flags → library calls → output. One file a
// command; run functions take options and writers so tests call them.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// Exit codes, listed in every command's help.
const (
	exitOK          = 0
	exitFailure     = 1 // fatal error, or an evaluation bar (--min-*) not met
	exitUsage       = 2 // bad flags or arguments
	exitSomeFailed  = 3 // finished, but some documents failed
	exitInterrupted = 130
)

const exitCodesHelp = `
Exit codes:
  0    success
  1    fatal error, or an evaluation bar (--min-*, --listing) not met
  2    bad usage: unknown flag, missing argument
  3    finished, but some documents failed (each is reported on stderr)
  130  interrupted (Ctrl-C)`

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func withCode(code int, err error) error { return &exitError{code: code, err: err} }

// defaultMemoryLimit is the Go runtime's soft memory limit unless
// GOMEMLIMIT says otherwise. bleve's indexing leaves much short-lived
// garbage: without a limit an ingest of the 8,865-document sample peaked
// at 705 MB resident, with 400 MiB at 483–501 MB, with 360 MiB at 453 MB
// (kilobytes of time -v's maximum resident set) and 4 % slower: the
// margin keeps the ingest under 500 MB.
const defaultMemoryLimit = 360 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := newRootCmd(os.Stdin, os.Stdout, os.Stderr).ExecuteContext(ctx)
	code := exitCode(ctx, err)
	if err != nil && code != exitSomeFailed {
		fmt.Fprintf(os.Stderr, "Error: %v\n", err)
		if code == exitUsage {
			fmt.Fprintln(os.Stderr, "Try: tinso --help")
		}
	}
	os.Exit(code)
}

// exitCode maps an error to the documented exit codes in one place.
func exitCode(ctx context.Context, err error) int {
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return exitInterrupted
	default:
		return exitFailure
	}
}
