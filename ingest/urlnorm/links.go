package urlnorm

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/unicode/norm"
)

// Links is what a crawler takes from one page. Every URL is absolute and
// canonical (see Canonical).
type Links struct {
	// Canonical is the page's rel=canonical URL, "" if it has none. It may
	// name another site (syndicated articles); the crawler decides.
	Canonical string
	// Pagination holds the same-site links that lead to another page of a
	// listing: rel=next/prev first, then links that look like page N
	// ("?page=2", "/trang-2", "/page/2") or whose text is a page number or
	// "Trang sau", "Tiếp", "»". A crawl follows them beyond its depth limit
	// so that a category is read to its end.
	Pagination []string
	// Links holds every same-site link to a page (assets such as images,
	// scripts and archives left out, and links back to the page itself),
	// deduplicated, in document order; Pagination's links are among them.
	Links []string
}

// ExtractHTML parses an HTML page fetched from pageURL and returns its
// links (see Links).
func ExtractHTML(pageURL string, html []byte) (Links, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(html))
	if err != nil {
		return Links{}, fmt.Errorf("links %s: %w", pageURL, err)
	}
	return Extract(pageURL, doc)
}

// Extract returns the links of a parsed page fetched from pageURL. Links
// are resolved against <base href> when the page has one.
func Extract(pageURL string, doc *goquery.Document) (Links, error) {
	page, err := Parse(pageURL)
	if err != nil {
		return Links{}, fmt.Errorf("links: %w", err)
	}
	base := page
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if r, err := url.Parse(cleanRef(href)); err == nil {
			if b := page.ResolveReference(r); b.Scheme == "http" || b.Scheme == "https" {
				base = b
			}
		}
	}

	var out Links
	seen := map[string]bool{page.String(): true}
	seenPage := map[string]bool{}
	addPage := func(s string) {
		if !seenPage[s] {
			seenPage[s] = true
			out.Pagination = append(out.Pagination, s)
		}
	}

	doc.Find("link[rel][href]").Each(func(_ int, s *goquery.Selection) {
		rel := relTokens(s)
		href, _ := s.Attr("href")
		u, err := Resolve(base, href)
		if err != nil {
			return
		}
		if rel["canonical"] && out.Canonical == "" {
			out.Canonical = u.String()
		}
		if (rel["next"] || rel["prev"] || rel["previous"]) && SameSite(u, page) {
			addPage(u.String())
		}
	})

	doc.Find("a[href], area[href]").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		u, err := Resolve(base, href)
		if err != nil || !SameSite(u, page) || IsAsset(u) {
			return
		}
		key := u.String()
		if !seen[key] {
			seen[key] = true
			out.Links = append(out.Links, key)
		}
		rel := relTokens(s)
		if rel["next"] || rel["prev"] || rel["previous"] || IsPaginationURL(u) || IsPaginationText(s.Text()) {
			if key != page.String() {
				addPage(key)
			}
		}
	})
	// rel=next given only as <link> is a page of the listing too.
	for _, p := range out.Pagination {
		if !seen[p] {
			seen[p] = true
			out.Links = append(out.Links, p)
		}
	}
	return out, nil
}

func relTokens(s *goquery.Selection) map[string]bool {
	rel, _ := s.Attr("rel")
	m := map[string]bool{}
	for _, t := range strings.Fields(strings.ToLower(rel)) {
		m[t] = true
	}
	return m
}

// assetExts are file endings that are never an article page. PDF is among
// them until the pipeline can extract PDF text.
var assetExts = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true,
	".svg": true, ".bmp": true, ".ico": true, ".tif": true, ".tiff": true,
	".css": true, ".js": true, ".json": true, ".woff": true, ".woff2": true, ".ttf": true,
	".mp3": true, ".mp4": true, ".m4a": true, ".avi": true, ".mov": true, ".wmv": true,
	".flv": true, ".webm": true, ".ogg": true, ".wav": true,
	".zip": true, ".rar": true, ".7z": true, ".gz": true, ".tar": true, ".exe": true, ".apk": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true, ".pdf": true,
}

// IsAsset reports whether a URL names a file that is not a page (an
// image, a script, an archive, an office document) by its extension.
func IsAsset(u *url.URL) bool {
	return assetExts[strings.ToLower(path.Ext(u.Path))]
}

var (
	// ".../trang-2", ".../page/2", ".../page2.html", ".../cong-doan-trang-3.htm"
	pagePathRE = regexp.MustCompile(`(?i)(?:^|[/_-])(?:trang|page)[-_/]?\d{1,5}(?:\.[a-z]{2,5})?/?$`)
	// ".../p2", ".../tin-tuc-p3.html"
	pagePathShortRE = regexp.MustCompile(`(?i)[/-]p\d{1,5}(?:\.html?)?/?$`)
	digitsRE        = regexp.MustCompile(`^\d{1,5}$`)
)

// pageParams are query keys that number the pages of a listing.
var pageParams = map[string]bool{
	"page": true, "trang": true, "p": true, "pg": true, "paged": true,
	"pageindex": true, "pagenum": true, "pagenumber": true, "page_no": true, "pageno": true,
}

// IsPaginationURL reports whether a URL looks like page N of a listing:
// "?page=2" (or trang, p, pg, paged, pageindex, ...), "/trang-2",
// "/page/2", "/p2".
func IsPaginationURL(u *url.URL) bool {
	for k, vs := range u.Query() {
		if pageParams[strings.ToLower(k)] {
			for _, v := range vs {
				if digitsRE.MatchString(v) {
					return true
				}
			}
		}
	}
	return pagePathRE.MatchString(u.Path) || pagePathShortRE.MatchString(u.Path)
}

// nextWords are link texts that move through a listing, lower case NFC.
var nextWords = map[string]bool{
	"trang sau": true, "trang tiếp": true, "trang tiếp theo": true, "tiếp": true,
	"tiếp theo": true, "sau": true, "trang trước": true, "trước": true,
	"trang cuối": true, "trang đầu": true, "cuối": true, "đầu": true,
	"next": true, "previous": true, "prev": true, "last": true, "first": true,
}

// IsPaginationText reports whether a link's text names a page of a
// listing: a page number ("2", "Trang 2"), "Trang sau", "Tiếp", "Trước",
// or only arrows ("»", "›", ">>"). "Xem tiếp" and "Đọc tiếp" (read more)
// lead to an article, not a page, and are not pagination.
func IsPaginationText(text string) bool {
	t := strings.ToLower(norm.NFC.String(strings.Join(strings.Fields(text), " ")))
	if t == "" {
		return false
	}
	if strings.Trim(t, "»«›‹><… ") == "" {
		return true // arrows only
	}
	t = strings.TrimSpace(strings.Trim(t, "»«›‹>< "))
	if digitsRE.MatchString(t) {
		return true
	}
	if n, ok := strings.CutPrefix(t, "trang "); ok && digitsRE.MatchString(n) {
		return true
	}
	return nextWords[t]
}
