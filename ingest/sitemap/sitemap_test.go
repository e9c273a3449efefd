package sitemap

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

const urlset = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>
      https://ldld.example.vn/tin-tuc/dai-hoi-cong-doan.html
    </loc>
    <lastmod>2024-05-12T08:30:00+07:00</lastmod>
    <changefreq>daily</changefreq>
    <image:image><image:loc>https://ldld.example.vn/anh.jpg</image:loc></image:image>
  </url>
  <url><loc>https://ldld.example.vn/tim?q=c&amp;p=2</loc><lastmod>2024-05</lastmod></url>
  <url><loc><![CDATA[https://ldld.example.vn/cdata.html]]></loc><lastmod>hôm qua</lastmod></url>
  <url><lastmod>2024-01-01</lastmod></url>
  <url><loc>/tuong-doi.html</loc></url>
  <URL><LOC>https://ldld.example.vn/hoa.html</LOC><LastMod>2024-01-02</LastMod></URL>
</urlset>`

func TestParseURLSet(t *testing.T) {
	for name, data := range map[string][]byte{
		"plain":    []byte(urlset),
		"gzip":     gz([]byte(urlset)),
		"bom":      append([]byte("\ufeff\n  "), urlset...),
		"prefixed": []byte(strings.NewReplacer("<url>", "<sm:url>", "</url>", "</sm:url>", "<loc>", "<sm:loc>", "</loc>", "</sm:loc>", "urlset xmlns=", "sm:urlset xmlns:sm=", "</urlset>", "</sm:urlset>").Replace(urlset)),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := Parse(data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := []Entry{
				{Loc: "https://ldld.example.vn/tin-tuc/dai-hoi-cong-doan.html", LastMod: time.Date(2024, 5, 12, 1, 30, 0, 0, time.UTC)},
				{Loc: "https://ldld.example.vn/tim?q=c&p=2", LastMod: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
				{Loc: "https://ldld.example.vn/cdata.html"},
				{Loc: "https://ldld.example.vn/hoa.html", LastMod: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)},
			}
			if diff := cmp.Diff(want, got.URLs, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
				t.Errorf("URLs (-want +got):\n%s", diff)
			}
			if len(got.Sitemaps) != 0 {
				t.Errorf("sitemaps: %v", got.Sitemaps)
			}
			var reasons []string
			for _, p := range got.Problems {
				reasons = append(reasons, p.String())
			}
			joined := strings.Join(reasons, "\n")
			for _, w := range []string{"hôm qua", "without <loc>", "/tuong-doi.html"} {
				if !strings.Contains(joined, w) {
					t.Errorf("problems %q lack %q", joined, w)
				}
			}
			if len(got.Problems) != 3 || got.Problems[0].Line == 0 {
				t.Errorf("problems: %v", got.Problems)
			}
		})
	}
}

func TestParseIndex(t *testing.T) {
	idx := `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
	<sitemap><loc>https://x.vn/sitemap-1.xml.gz</loc><lastmod>2024-05-12</lastmod></sitemap>
	<sitemap>
	  <loc>https://x.vn/sitemap-2.xml</loc>
	</sitemap>
	</sitemapindex>`
	got, err := Parse([]byte(idx), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := &Result{Sitemaps: []Entry{
		{Loc: "https://x.vn/sitemap-1.xml.gz", LastMod: time.Date(2024, 5, 12, 0, 0, 0, 0, time.UTC)},
		{Loc: "https://x.vn/sitemap-2.xml"},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("index (-want +got):\n%s", diff)
	}
}

func TestParseText(t *testing.T) {
	got, err := Parse([]byte("https://x.vn/a\r\n\n# note\n  https://x.vn/b  \nkhông phải URL\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.URLs) != 2 || got.URLs[1].Loc != "https://x.vn/b" || len(got.Problems) != 1 || got.Problems[0].Line != 5 {
		t.Errorf("text sitemap: %+v", got)
	}
}

func TestParseErrors(t *testing.T) {
	many := "<urlset>" + strings.Repeat("<url><loc>https://x.vn/a</loc></url>", 20) + "</urlset>"
	bomb := gz([]byte("<urlset>" + strings.Repeat(" ", 4<<20) + "</urlset>"))
	tests := []struct {
		name    string
		data    []byte
		opts    Options
		wantErr error  // errors.Is target, or nil
		errText string // substring of the error
		urls    int    // entries still returned
	}{
		{"html page", []byte("<!DOCTYPE html><html><body>404</body></html>"), Options{}, ErrNotSitemap, "<html>", 0},
		{"empty", []byte("  \n"), Options{}, ErrNotSitemap, "empty", 0},
		{"too many", []byte(many), Options{MaxEntries: 5}, ErrTooMany, "more than 5", 5},
		{"too large", []byte(many), Options{MaxSize: 200}, ErrTooLarge, "line", 5},
		{"gzip bomb", bomb, Options{MaxSize: 1 << 20}, ErrTooLarge, "", 0},
		{"truncated gzip", gz([]byte(many))[:60], Options{}, nil, "unexpected EOF", -1},
		{"bad gzip header", []byte{0x1f, 0x8b, 1, 2, 3}, Options{}, nil, "gzip", 0},
		{"syntax", []byte("<urlset><url><loc>https://x.vn/a</loc></url><url><loc>https://x.vn/b</loc><</urlset>"), Options{}, nil, "line 1", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.data, tt.opts)
			if err == nil {
				t.Fatalf("no error; got %+v", got)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.errText) || !strings.HasPrefix(err.Error(), "sitemap: ") {
				t.Errorf("error %q lacks %q", err, tt.errText)
			}
			if got == nil {
				t.Fatal("nil result")
			}
			if tt.urls >= 0 && len(got.URLs) != tt.urls {
				t.Errorf("kept %d URLs, want %d", len(got.URLs), tt.urls)
			}
		})
	}
}

func TestNamespacesTolerated(t *testing.T) {
	// No namespace, a foreign default namespace, entities, an unclosed tag.
	data := `<urlset xmlns="http://www.google.com/schemas/sitemap/0.84"><url><loc>https://x.vn/a&nbsp;</loc></url>
<url><loc>https://x.vn/b</loc><lastmod>2024-05-12 10:00:00</lastmod><priority>0.5</url></urlset>`
	got, err := Parse([]byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.URLs) != 2 || got.URLs[1].LastMod.IsZero() {
		t.Errorf("got %+v", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(urlset))
	f.Add(gz([]byte(urlset)))
	f.Add([]byte(`<sitemapindex><sitemap><loc>https://x.vn/s.xml</loc></sitemap></sitemapindex>`))
	f.Add([]byte("https://x.vn/a\nhttps://x.vn/b\n"))
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1258"?><urlset><url><loc>https://x.vn/c` + "\xf2" + `</loc></url></urlset>`))
	f.Add([]byte(`<urlset><url><loc>https://x.vn/a</loc><url><loc>https://x.vn/b</loc></url>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := Options{MaxSize: 1 << 20, MaxEntries: 100}
		got, err := Parse(data, opts)
		if got == nil {
			t.Fatalf("nil result (err %v)", err)
		}
		if n := len(got.URLs) + len(got.Sitemaps); n > opts.MaxEntries {
			t.Fatalf("%d entries over the limit", n)
		}
		for _, e := range append(got.URLs, got.Sitemaps...) {
			if reason := checkLoc(e.Loc); reason != "" {
				t.Fatalf("kept a bad loc: %s", reason)
			}
		}
		if err != nil && !strings.HasPrefix(err.Error(), "sitemap: ") {
			t.Fatalf("error without context: %v", err)
		}
		_ = fmt.Sprint(got.Problems)
	})
}
