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

// ErrTooLarge is returned for a document over MaxDocumentSize.
var ErrTooLarge = fmt.Errorf("larger than %d MiB", MaxDocumentSize>>20)

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
	r := stdin
	if src != "-" {
		fh, err := os.Open(src)
		if err != nil {
			return corpus.Document{}, describeFSError(err)
		}
		defer fh.Close()
		r = fh
	}
	raw, err := readLimited(r)
	if err != nil {
		return corpus.Document{}, err
	}
	raw, err = gunzipIfCompressed(raw)
	if err != nil {
		return corpus.Document{}, err
	}
	return corpus.Document{Source: src, FetchedAt: time.Now(), Raw: raw}, nil
}

func readLimited(r io.Reader) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxDocumentSize+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(raw) > MaxDocumentSize {
		return nil, ErrTooLarge
	}
	return raw, nil
}

// gunzipIfCompressed unpacks gzip content (by its magic bytes), bounded
// by MaxDocumentSize so that a small bomb cannot fill memory.
func gunzipIfCompressed(raw []byte) ([]byte, error) {
	if len(raw) < 2 || raw[0] != 0x1f || raw[1] != 0x8b {
		return raw, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	out, err := readLimited(zr)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, fmt.Errorf("gzip: unpacks to more than %d MiB", MaxDocumentSize>>20)
		}
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return out, nil
}
