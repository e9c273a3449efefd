package urlnorm

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Matcher decides whether a URL is inside a crawl's scope, from the
// --include and --exclude patterns an analyst gives.
//
// Pattern syntax. A pattern is a glob unless it starts with "re:":
//
//   - a glob is anchored at both ends; "*" matches any run of characters,
//     "/" and "?" included, "?" matches exactly one character, everything
//     else is literal. A glob that starts with "/" is matched against the
//     path and query ("/tin-tuc/*", "/tag/*"); any other glob against the
//     whole canonical URL ("https://*.vn/cong-doan/*"). Non-ASCII
//     characters may be written as they are ("/tin-tức/*").
//   - "re:" followed by a Go (RE2) regular expression is matched, not
//     anchored, against the whole canonical URL ("re:/\d{4}/\d{2}/").
//
// Globs are the common case because analysts can write them without
// escaping the dots and question marks that fill URLs; regular expressions
// are there for the rest. Matching is case-sensitive: paths are.
type Matcher struct {
	include, exclude []pattern
}

type pattern struct {
	src      string
	re       *regexp.Regexp
	pathOnly bool
}

// NewMatcher compiles include and exclude patterns. An error names the
// pattern that does not compile.
func NewMatcher(include, exclude []string) (*Matcher, error) {
	m := &Matcher{}
	for _, list := range []struct {
		src []string
		dst *[]pattern
	}{{include, &m.include}, {exclude, &m.exclude}} {
		for _, s := range list.src {
			p, err := compilePattern(s)
			if err != nil {
				return nil, err
			}
			*list.dst = append(*list.dst, p)
		}
	}
	return m, nil
}

func compilePattern(s string) (pattern, error) {
	if expr, ok := strings.CutPrefix(s, "re:"); ok {
		re, err := regexp.Compile(expr)
		if err != nil {
			return pattern{}, fmt.Errorf("pattern %q: %w", s, err)
		}
		return pattern{src: s, re: re}, nil
	}
	if s == "" {
		return pattern{}, fmt.Errorf("pattern %q: empty", s)
	}
	// Spell literal characters the way canonical URLs do, so that
	// "/tin-tức/*" matches ".../tin-t%E1%BB%A9c/...".
	glob := normEscapes(s, "/;:@!$&'()*+,=?#[]")
	var b strings.Builder
	b.WriteString("^")
	for _, r := range glob {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return pattern{}, fmt.Errorf("pattern %q: %w", s, err)
	}
	return pattern{src: s, re: re, pathOnly: strings.HasPrefix(s, "/")}, nil
}

func (p pattern) match(full, pathQuery string) bool {
	if p.pathOnly {
		return p.re.MatchString(pathQuery)
	}
	return p.re.MatchString(full)
}

// Match reports whether a URL is in scope: it matches an include pattern
// (or there are none) and no exclude pattern. The URL is canonicalised
// first; one that is not an http(s) URL never matches.
func (m *Matcher) Match(rawURL string) bool {
	u, err := Parse(rawURL)
	if err != nil {
		return false
	}
	return m.MatchURL(u)
}

// MatchURL is Match for a URL already canonical.
func (m *Matcher) MatchURL(u *url.URL) bool {
	full := u.String()
	pq := u.EscapedPath()
	if u.RawQuery != "" {
		pq += "?" + u.RawQuery
	}
	if len(m.include) > 0 {
		in := false
		for _, p := range m.include {
			if p.match(full, pq) {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	for _, p := range m.exclude {
		if p.match(full, pq) {
			return false
		}
	}
	return true
}
