package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
)

// Rules are user-supplied per-site selectors, tried before the generic
// rules. They are read from a JSON file:
//
//	{"sites": [
//	  {"host": "laodong.vn",
//	   "title": "h1.title",
//	   "body": "div.article-content",
//	   "published": "span.time",
//	   "author": "p.author",
//	   "drop": ["div.related", ".ads"]}
//	]}
//
// host matches the page's host and its subdomains ("laodong.vn" matches
// "www.laodong.vn"). Every selector is CSS (as goquery takes it) and
// optional: a field whose selector is missing or matches nothing falls
// back to the generic rules.
type Rules struct {
	Sites []SiteRule `json:"sites"`
}

// SiteRule holds the selectors of one site.
type SiteRule struct {
	Host      string   `json:"host"`
	Title     string   `json:"title,omitempty"`
	Body      string   `json:"body,omitempty"`
	Published string   `json:"published,omitempty"`
	Author    string   `json:"author,omitempty"`
	Drop      []string `json:"drop,omitempty"`
}

// ParseRules reads a rules file and checks every selector, so that a typo
// is reported once, with its site and field, instead of silently matching
// nothing on every page.
func ParseRules(data []byte) (*Rules, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r Rules
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	for i := range r.Sites {
		s := &r.Sites[i]
		s.Host = strings.ToLower(strings.TrimSpace(s.Host))
		if s.Host == "" {
			return nil, fmt.Errorf("rules: site %d has no host", i+1)
		}
		fields := map[string]string{"title": s.Title, "body": s.Body, "published": s.Published, "author": s.Author}
		for j, d := range s.Drop {
			fields[fmt.Sprintf("drop[%d]", j)] = d
		}
		for name, sel := range fields {
			if sel == "" {
				continue
			}
			if _, err := cascadia.Compile(sel); err != nil {
				return nil, fmt.Errorf("rules: site %s: %s selector %q: %v", s.Host, name, sel, err)
			}
		}
	}
	return &r, nil
}

// forHost returns the rule of a host, the longest matching one first
// ("news.laodong.vn" before "laodong.vn"), or nil.
func (r *Rules) forHost(host string) *SiteRule {
	if r == nil || host == "" {
		return nil
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	var best *SiteRule
	for i := range r.Sites {
		s := &r.Sites[i]
		if host == s.Host || strings.HasSuffix(host, "."+s.Host) {
			if best == nil || len(s.Host) > len(best.Host) {
				best = s
			}
		}
	}
	return best
}

// pageHost is the host a page belongs to: from its URL, else from the
// canonical or og:url link inside it (a saved page keeps those).
func pageHost(doc *goquery.Document, pageURL string) string {
	for _, cand := range []string{
		pageURL,
		doc.Find(`link[rel="canonical"]`).AttrOr("href", ""),
		doc.Find(`meta[property="og:url"]`).AttrOr("content", ""),
	} {
		if u, err := url.Parse(strings.TrimSpace(cand)); err == nil && u.Host != "" {
			return u.Hostname()
		}
	}
	return ""
}

// isHomePage reports whether the page's address is a site's root: its own
// URL, else its canonical or og:url link ("https://laodong.vn/"). A home
// page is a run of teasers, never an article.
func isHomePage(doc *goquery.Document, pageURL string) bool {
	for _, cand := range []string{
		pageURL,
		doc.Find(`link[rel="canonical"]`).AttrOr("href", ""),
		doc.Find(`meta[property="og:url"]`).AttrOr("content", ""),
	} {
		u, err := url.Parse(strings.TrimSpace(cand))
		if err != nil || u.Host == "" {
			continue
		}
		p := strings.TrimSuffix(u.Path, "/")
		return (p == "" || strings.EqualFold(p, "/index.html") || strings.EqualFold(p, "/index.php")) && u.RawQuery == ""
	}
	return false
}

// applySiteRule fills the fields the rule finds; the generic rules fill
// the others. It reports whether the rule found the body.
func applySiteRule(doc *goquery.Document, rule *SiteRule, p *page) bool {
	for _, d := range rule.Drop {
		doc.Find(d).Remove()
	}
	if rule.Title != "" {
		if t := foldSpaces(doc.Find(rule.Title).First().Text()); t != "" {
			p.Title = nfc(t)
		}
	}
	if rule.Author != "" {
		if a := foldSpaces(doc.Find(rule.Author).First().Text()); a != "" {
			if c := cleanAuthor(a); c != "" {
				a = c
			} else {
				a = stripBylineLabels(a)
			}
			p.Author = nfc(a)
		}
	}
	if rule.Published != "" {
		sel := doc.Find(rule.Published).First()
		for _, v := range []string{sel.AttrOr("datetime", ""), sel.AttrOr("content", ""), foldSpaces(sel.Text())} {
			if d, ok := parseDateline(v); ok {
				p.Published = d
				break
			}
		}
	}
	if rule.Body == "" {
		return false
	}
	body := doc.Find(rule.Body)
	if body.Length() == 0 {
		return false
	}
	var paras []string
	body.Each(func(_ int, s *goquery.Selection) {
		for _, n := range s.Nodes {
			removeNeverText(n, 0)
		}
		paras = append(paras, paragraphs(s.Nodes, nil, p.Title)...)
	})
	p.Body = strings.Join(paras, "\n\n")
	return true
}
