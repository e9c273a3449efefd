package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tinso/tinso/corpus"
)

const articleHTML = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Công đoàn trao quà - Báo Công đoàn</title></head><body>
<nav><a href="/">Trang chủ</a></nav><div class="luotxem">Lượt xem: 1.234</div>
<article><h1>Công đoàn trao quà</h1><p>Năm 2021, công đoàn huyện kết nạp mới 1.245 đoàn viên, đạt 103,5% chỉ tiêu được giao trong năm.</p>
<p>Quỹ Mái ấm Công đoàn tiếp nhận 350 triệu đồng, hỗ trợ xây mới 7 căn nhà cho đoàn viên khó khăn trong huyện.</p></article>
<footer>Bản quyền © 2022. Điện thoại: 0200 3 812 345</footer></body></html>`

func decodeArticles(t *testing.T, out string) []corpus.Article {
	t.Helper()
	var as []corpus.Article
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var a corpus.Article
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("not JSON: %q: %v", line, err)
		}
		as = append(as, a)
	}
	return as
}

// TestExtractHTMLInputs checks that HTML is read by content whatever the
// name, gzip is unpacked, folders are walked, and the furniture's
// figures (the view counter, the phone) are not in the output.
func TestExtractHTMLInputs(t *testing.T) {
	dir := t.TempDir()
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write([]byte(articleHTML))
	w.Close()
	writeFile(t, dir, "a.html", []byte(articleHTML))
	writeFile(t, dir, "b.html.gz", z.Bytes())
	writeFile(t, dir, "c.txt", []byte(articleHTML)) // HTML under a .txt name

	out, errs, code := run(t, "", "extract", "--json", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	as := decodeArticles(t, out)
	if len(as) != 3 {
		t.Fatalf("%d articles, want 3", len(as))
	}
	for _, a := range as {
		if a.Title != "Công đoàn trao quà" || !a.IsArticle {
			t.Errorf("%s: title %q, is_article %v", a.Source, a.Title, a.IsArticle)
		}
		var texts []string
		for _, f := range a.Figures {
			texts = append(texts, f.Text)
		}
		if got := strings.Join(texts, "|"); got != "1.245 đoàn viên|103,5%|350 triệu đồng|7 căn nhà" {
			t.Errorf("%s: figures %s", a.Source, got)
		}
	}
}

func TestExtractURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/tin/1" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(articleHTML))
	}))
	defer srv.Close()
	out, errs, code := run(t, "", "extract", "--json", srv.URL+"/tin/1", srv.URL+"/missing")
	if code != exitSomeFailed || !strings.Contains(errs, "/missing") || !strings.Contains(errs, "404") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	a := decodeArticles(t, out)[0]
	if a.Site != "127.0.0.1" || len(a.Figures) != 4 {
		t.Errorf("site %q, %d figures", a.Site, len(a.Figures))
	}
}

// TestExtractMalformedHTML checks that broken input never stops the
// batch: a clear per-document error or a best-effort article.
func TestExtractMalformedHTML(t *testing.T) {
	dir := t.TempDir()
	binary := writeFile(t, dir, "image.html", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"))
	empty := writeFile(t, dir, "empty.html", nil)
	deep := writeFile(t, dir, "deep.html", []byte("<html><body>"+strings.Repeat("<div>", 100000)+"Có 50 đoàn viên."+"</body></html>"))
	latin := writeFile(t, dir, "latin.html", []byte("<html><body><p>Caf\xe9 cr\xe8me: 50 personnes, pas de charset.</p></body></html>"))
	good := writeFile(t, dir, "good.html", []byte(articleHTML))

	out, errs, code := run(t, "", "extract", "--json", binary, empty, deep, latin, good)
	if code != exitSomeFailed {
		t.Fatalf("exit %d, want %d: %s", code, exitSomeFailed, errs)
	}
	if !strings.Contains(errs, "image.html: binary") || !strings.Contains(errs, "empty.html: empty") {
		t.Errorf("stderr %q", errs)
	}
	as := decodeArticles(t, out)
	if len(as) != 3 {
		t.Fatalf("%d articles printed, want 3 (deep, latin, good)", len(as))
	}
	if !strings.Contains(as[0].Body, "50 đoàn viên") || len(as[0].Problems) == 0 {
		t.Errorf("deep page: body %q problems %v", as[0].Body, as[0].Problems)
	}
	if !strings.Contains(as[1].Body, "Café crème") {
		t.Errorf("latin-1 page not decoded: %q (%s)", as[1].Body, as[1].Decoding)
	}
}

func TestExtractRulesFlag(t *testing.T) {
	dir := t.TempDir()
	page := writeFile(t, dir, "a.html", []byte(articleHTML))
	bad := writeFile(t, dir, "bad.json", []byte(`{"sites": [{"host": "x.vn", "body": "div[["}]}`))
	_, errs, code := run(t, "", "extract", "--rules", bad, page)
	if code != exitUsage || !strings.Contains(errs, "x.vn") {
		t.Errorf("bad rules: exit %d, stderr %q", code, errs)
	}
	_, _, code = run(t, "", "extract", "--rules", filepath.Join(dir, "none.json"), page)
	if code != exitUsage {
		t.Errorf("missing rules file: exit %d", code)
	}
	_, _, code = run(t, "", "extract", "--mode", "pdf", page)
	if code != exitUsage {
		t.Errorf("bad mode: exit %d", code)
	}
}
