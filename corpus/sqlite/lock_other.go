//go:build !unix

package sqlite

import (
	"fmt"
	"os"
)

// acquireLock on systems without flock only creates the lock file: SQLite's
// own locking still keeps writes consistent, but a second writer is not
// turned away with a clear message.
func acquireLock(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	return f, nil
}

func releaseLock(f *os.File) { f.Close() }
