package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func TestExpandFolder(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.html", "a.txt", "sub/c.html.gz", "sub/d.HTM", "skip.jpg", "notes.md"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	got, err := Expand(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		rel, _ := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
	}
	if want := "a.txt b.html sub/c.html.gz sub/d.HTM"; strings.Join(names, " ") != want {
		t.Errorf("Expand = %v, want %s", names, want)
	}
	if _, err := Expand(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing path: %v", err)
	}
	empty := t.TempDir()
	if _, err := Expand(empty); err == nil {
		t.Error("empty folder accepted")
	}
	if got, _ := Expand("https://example.vn/a"); len(got) != 1 {
		t.Errorf("URL not passed through: %v", got)
	}
}

func TestReadFileGzipByContent(t *testing.T) {
	dir := t.TempDir()
	page := []byte("<p>Công đoàn</p>")
	p := filepath.Join(dir, "page.html") // gzip content under a plain name
	os.WriteFile(p, gz(t, page), 0o644)
	doc, err := ReadFile(p, nil)
	if err != nil || !bytes.Equal(doc.Raw, page) {
		t.Fatalf("ReadFile = %q, %v", doc.Raw, err)
	}
	bad := filepath.Join(dir, "bad.html.gz")
	os.WriteFile(bad, []byte{0x1f, 0x8b, 0, 1, 2}, 0o644)
	if _, err := ReadFile(bad, nil); err == nil || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("corrupt gzip: %v", err)
	}
	doc, err = ReadFile("-", strings.NewReader("từ stdin"))
	if err != nil || string(doc.Raw) != "từ stdin" || doc.Source != "-" {
		t.Errorf("stdin: %q %v", doc.Raw, err)
	}
}

func TestFetch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			w.Header().Set("Content-Type", "text/html; charset=windows-1258")
			w.Header().Set("ETag", `"v1"`)
			w.Write([]byte("<p>bài</p>"))
		case "/moved":
			http.Redirect(w, r, "/ok", http.StatusFound)
		case "/slow":
			time.Sleep(2 * time.Second)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	ctx := context.Background()

	doc, err := Fetch(ctx, srv.URL+"/moved", FetchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.URL != srv.URL+"/ok" || doc.Status != 200 || doc.ContentType != "text/html; charset=windows-1258" || doc.ETag != `"v1"` || doc.Site == "" {
		t.Errorf("provenance not kept: %+v", doc)
	}
	if _, err := Fetch(ctx, srv.URL+"/missing", FetchOptions{}); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("404: %v", err)
	}
	if _, err := Fetch(ctx, srv.URL+"/slow", FetchOptions{Timeout: 100 * time.Millisecond}); err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("timeout: %v", err)
	}
	if _, err := Fetch(ctx, "ftp://example.vn/x", FetchOptions{}); err == nil {
		t.Error("ftp URL accepted")
	}
}
