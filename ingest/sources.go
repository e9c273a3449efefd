package ingest

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Sources expands command-line arguments into document sources: "-"
// (standard input) and URLs stay as they are, a file is itself, a folder
// is its documents (recursively, following symbolic links), and a pattern
// with * ? or [ is expanded like the shell would. Nothing stops the
// expansion: an argument or entry that cannot be used (missing, unreadable
// folder, a symbolic link looping back to a folder above it) is passed to
// onErr with its reason, and the rest are returned in order.
func Sources(args []string, onErr func(source string, err error)) []string {
	var out []string
	for _, arg := range args {
		switch {
		case arg == "-" || IsURL(arg):
			out = append(out, arg)
			continue
		}
		if _, err := os.Lstat(arg); err != nil && strings.ContainsAny(arg, "*?[") {
			matches, gerr := filepath.Glob(arg)
			if gerr != nil {
				onErr(arg, fmt.Errorf("bad pattern: %w", gerr))
				continue
			}
			if len(matches) == 0 {
				onErr(arg, fmt.Errorf("no file matches the pattern"))
				continue
			}
			for _, m := range matches {
				out = appendPath(out, m, true, onErr)
			}
			continue
		}
		out = appendPath(out, arg, false, onErr)
	}
	return out
}

// appendPath adds a file, or a folder's documents. A file named
// explicitly is taken whatever its name; inside folders (and from a
// pattern's folders) only document names count.
func appendPath(out []string, p string, fromPattern bool, onErr func(string, error)) []string {
	st, err := os.Stat(p)
	if err != nil {
		onErr(p, describeFSError(err))
		return out
	}
	if !st.IsDir() {
		return append(out, p)
	}
	before := len(out)
	out = walkFolder(out, p, map[string]bool{}, onErr)
	if len(out) == before && !fromPattern {
		onErr(p, fmt.Errorf("folder has no documents (%s)", strings.Join(documentExts, ", ")))
	}
	return out
}

// walkFolder adds the documents under dir in name order, following
// symbolic links. A link to a folder that contains it (a loop) is
// reported and not followed; a folder reached twice through links is
// walked once (seen holds real paths).
func walkFolder(out []string, dir string, seen map[string]bool, onErr func(string, error)) []string {
	real, err := filepath.EvalSymlinks(dir)
	if err == nil {
		if seen[real] {
			return out
		}
		seen[real] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		onErr(dir, fmt.Errorf("read folder: %w", describeFSError(err)))
		return out
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			st, err := os.Stat(p)
			if err != nil {
				if isDocumentName(p) {
					onErr(p, fmt.Errorf("broken link: %w", describeFSError(err)))
				}
				continue
			}
			isDir = st.IsDir()
			if isDir {
				if target, err := filepath.EvalSymlinks(p); err == nil && real != "" &&
					(real == target || strings.HasPrefix(real, target+string(filepath.Separator))) {
					onErr(p, fmt.Errorf("folder loop: the link leads back to %s, which contains it; not followed", target))
					continue
				}
			}
		}
		if !isDir {
			if isDocumentName(p) {
				out = append(out, p)
			}
			continue
		}
		out = walkFolder(out, p, seen, onErr)
	}
	return out
}

// ReadList reads a list of sources, one a line: paths, URLs or patterns.
// Blank lines and lines starting with # are skipped.
func ReadList(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read list: %w", err)
	}
	return out, nil
}
