package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/tinso/tinso/corpus"
)

// MaxDocumentSize bounds one document, compressed or not: union articles
// are tens of kilobytes and the heaviest real pages a few megabytes;
// anything past 64 MiB is not an article and would only exhaust memory.
const MaxDocumentSize = 64 << 20

// ErrTooLarge is returned for a document over its size limit
// (MaxDocumentSize at most).
var ErrTooLarge = errors.New("document too large")

// documentExts are the file name endings a folder walk picks up. A file
// named on the command line is read whatever its name: its type is decided
// by its content.
var documentExts = []string{".txt", ".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".txt.gz"}

// IsURL reports whether an argument is an http(s) URL.
func IsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// Expand turns one command-line argument into document sources: "-" for
// standard input, a URL, a file, or the documents of a folder (searched
// recursively, in name order).
func Expand(arg string) ([]string, error) {
	if arg == "-" || IsURL(arg) {
		return []string{arg}, nil
	}
	st, err := os.Stat(arg)
	if err != nil {
		return nil, describeFSError(err)
	}
	if !st.IsDir() {
		return []string{arg}, nil
	}
	var files []string
	err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isDocumentName(p) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, describeFSError(err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("folder has no documents (%s)", strings.Join(documentExts, ", "))
	}
	sort.Strings(files)
	return files, nil
}

func isDocumentName(p string) bool {
	l := strings.ToLower(p)
	for _, ext := range documentExts {
		if strings.HasSuffix(l, ext) {
			return true
		}
	}
	return false
}

func describeFSError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or folder")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}

// ReadFile reads a local file ("-" is r, standard input) into a Document.
// Gzip content is unpacked, whatever the file is called.
func ReadFile(src string, stdin io.Reader) (corpus.Document, error) {
	return ReadFileMax(src, stdin, MaxDocumentSize)
}

// ReadFileMax is ReadFile with a size limit of max bytes, applied to the
// file and to its unpacked content.
func ReadFileMax(src string, stdin io.Reader, max int64) (corpus.Document, error) {
	if max <= 0 || max > MaxDocumentSize {
		max = MaxDocumentSize
	}
	r := stdin
	if src != "-" {
		fh, err := os.Open(src)
		if err != nil {
			return corpus.Document{}, describeFSError(err)
		}
		defer fh.Close()
		r = fh
	}
	if fh, ok := r.(*os.File); ok && src != "-" {
		if st, err := fh.Stat(); err == nil && st.Size() > max {
			return corpus.Document{}, tooLarge(max)
		}
	}
	raw, err := readLimited(r, max)
	if err != nil {
		return corpus.Document{}, err
	}
	raw, err = gunzipIfCompressed(raw, max)
	if err != nil {
		return corpus.Document{}, err
	}
	return corpus.Document{Source: src, FetchedAt: time.Now(), Raw: raw}, nil
}

func readLimited(r io.Reader, max int64) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(raw)) > max {
		return nil, tooLarge(max)
	}
	return raw, nil
}

// tooLarge is ErrTooLarge with the limit that applied.
func tooLarge(max int64) error {
	return fmt.Errorf("%w: larger than %s", ErrTooLarge, sizeString(max))
}

// sizeString prints a byte count the way limits are given ("16 MiB").
func sizeString(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// gunzipIfCompressed unpacks gzip content (by its magic bytes), bounded
// by MaxDocumentSize so that a small bomb cannot fill memory.
func gunzipIfCompressed(raw []byte, max int64) ([]byte, error) {
	if len(raw) < 2 || raw[0] != 0x1f || raw[1] != 0x8b {
		return raw, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	out, err := readLimited(zr, max)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, fmt.Errorf("gzip: unpacks to more than %s", sizeString(max))
		}
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return out, nil
}
