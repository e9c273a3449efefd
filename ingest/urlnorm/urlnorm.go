package urlnorm

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"golang.org/x/net/idna"
)

// trackingParams are query keys that only say where a reader came from:
// dropping them makes the Zalo, Facebook and newsletter copies of one
// article the same URL. Keys are compared lower case; trackingPrefixes
// covers families (utm_source, utm_medium, ...).
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true,
	"gbraid": true, "wbraid": true, "msclkid": true, "yclid": true,
	"twclid": true, "ttclid": true, "igshid": true, "mibextid": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true,
	"_hsenc": true, "_hsmi": true, "mkt_tok": true,
	"fb_action_ids": true, "fb_action_types": true, "fb_source": true, "fb_ref": true,
	// Zalo, the usual way Vietnamese readers share a link.
	"zarsrc": true, "gidzl": true,
	// Session identifiers make every visit a new URL.
	"phpsessid": true, "jsessionid": true, "aspsessionid": true,
}

var trackingPrefixes = []string{"utm_"}

// IsTrackingParam reports whether a query key is dropped by Canonical.
func IsTrackingParam(key string) bool {
	k := strings.ToLower(key)
	if trackingParams[k] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// Canonical returns the canonical form of an absolute http(s) URL:
//
//   - scheme and host lower case, internationalised host names in
//     punycode, a trailing dot removed, default ports (:80, :443) dropped;
//   - user information and the fragment dropped;
//   - the path kept as is (paths are case-sensitive) apart from "." and
//     ".." segments, percent-escapes written in upper case and unreserved
//     characters unescaped; an empty path becomes "/";
//   - tracking and session parameters dropped (IsTrackingParam), the rest
//     sorted by key (values of a repeated key keep their order), an empty
//     query dropped.
//
// Two URLs that differ only in these ways name the same page.
func Canonical(raw string) (string, error) {
	u, err := parseAbs(raw)
	if err != nil {
		return "", err
	}
	return canon(u)
}

// Parse is Canonical returning a *url.URL.
func Parse(raw string) (*url.URL, error) {
	s, err := Canonical(raw)
	if err != nil {
		return nil, err
	}
	return url.Parse(s)
}

// Resolve resolves a link as found in a page (relative or absolute)
// against the page's URL and returns it canonical. Links that do not lead
// to an http(s) page (mailto:, javascript:, "#top") are errors.
func Resolve(base *url.URL, ref string) (*url.URL, error) {
	ref = cleanRef(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return nil, fmt.Errorf("resolve %q: not a link to another page", ref)
	}
	r, err := url.Parse(ref)
	if err != nil {
		return nil, fmt.Errorf("resolve %q: %w", ref, err)
	}
	if base != nil {
		r = base.ResolveReference(r)
	}
	if err := checkAbs(r, ref); err != nil {
		return nil, err
	}
	s, err := canon(r)
	if err != nil {
		return nil, err
	}
	return url.Parse(s)
}

// SameSite reports whether two URLs belong to the same site for a crawl:
// the same host and port, ignoring the scheme and a leading "www.". A
// subdomain is another site: a provincial union's pages under
// ldld.example.gov.vn must not lead the crawl into the whole provincial
// portal at example.gov.vn.
func SameSite(a, b *url.URL) bool {
	if a == nil || b == nil {
		return false
	}
	return SiteKey(a) == SiteKey(b)
}

// SiteKey is the host (and non-default port) that SameSite compares:
// lower case, without a leading "www.".
func SiteKey(u *url.URL) string {
	h := strings.ToLower(u.Host)
	if p := u.Port(); (p == "80" && u.Scheme == "http") || (p == "443" && u.Scheme == "https") {
		h = strings.TrimSuffix(h, ":"+p)
	}
	return strings.TrimPrefix(h, "www.")
}

// cleanRef removes what browsers remove from an href before parsing:
// surrounding spaces and any tab or newline inside.
func cleanRef(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	return s
}

func parseAbs(raw string) (*url.URL, error) {
	raw = cleanRef(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("canonical %q: %w", raw, err)
	}
	if err := checkAbs(u, raw); err != nil {
		return nil, err
	}
	return u, nil
}

func checkAbs(u *url.URL, raw string) error {
	s := strings.ToLower(u.Scheme)
	if s != "http" && s != "https" {
		return fmt.Errorf("canonical %q: not an http(s) URL", raw)
	}
	if u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("canonical %q: no host", raw)
	}
	return nil
}

// canon writes u in canonical form (see Canonical).
func canon(u *url.URL) (string, error) {
	scheme := strings.ToLower(u.Scheme)
	host, err := canonHost(u, scheme)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(host)
	b.WriteString(canonPath(u.EscapedPath()))
	if q := canonQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String(), nil
}

func canonHost(u *url.URL, scheme string) (string, error) {
	name := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if name == "" {
		return "", fmt.Errorf("canonical %q: no host", u.String())
	}
	if !isASCII(name) {
		if a, err := idna.Lookup.ToASCII(name); err == nil {
			name = a
		} else {
			return "", fmt.Errorf("canonical %q: host: %w", u.String(), err)
		}
	}
	if strings.Contains(name, ":") { // IPv6 literal
		name = "[" + name + "]"
	}
	port := u.Port()
	if port == "" || (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		return name, nil
	}
	return name + ":" + port, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// canonPath removes dot segments and session path parameters
// (";jsessionid=..."), and normalises escapes.
func canonPath(p string) string {
	p = normEscapes(p, "/;:@!$&'()*+,=")
	if i := strings.Index(strings.ToLower(p), ";jsessionid="); i >= 0 {
		rest := p[i+1:]
		end := strings.IndexByte(rest, '/')
		if end < 0 {
			p = p[:i]
		} else {
			p = p[:i] + rest[end:]
		}
	}
	p = removeDotSegments(p)
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	return p
}

// removeDotSegments is RFC 3986 section 5.2.4, on an escaped path.
func removeDotSegments(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	return strings.Join(out, "/")
}

type param struct{ key, raw string }

func canonQuery(q string) string {
	if q == "" {
		return ""
	}
	var ps []param
	for _, kv := range strings.Split(q, "&") {
		if kv == "" {
			continue
		}
		kv = normEscapes(kv, "/?:@!$'()*+,;=")
		k := kv
		if i := strings.IndexByte(kv, '='); i >= 0 {
			k = kv[:i]
		}
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if IsTrackingParam(k) {
			continue
		}
		ps = append(ps, param{k, kv})
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].key < ps[j].key })
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.raw)
	}
	return b.String()
}

const hexDigits = "0123456789ABCDEF"

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// normEscapes writes escapes in upper case, unescapes unreserved
// characters, escapes a stray "%" and any byte that is neither unreserved
// nor in keep (spaces, non-ASCII, quotes, ...), so that every spelling of
// one path or query comes out the same.
func normEscapes(s, keep string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' {
			if i+2 < len(s) {
				h, ok1 := unhex(s[i+1])
				l, ok2 := unhex(s[i+2])
				if ok1 && ok2 {
					v := h<<4 | l
					if unreserved(v) {
						b.WriteByte(v)
					} else {
						b.WriteByte('%')
						b.WriteByte(hexDigits[v>>4])
						b.WriteByte(hexDigits[v&15])
					}
					i += 2
					continue
				}
			}
			b.WriteString("%25")
			continue
		}
		if unreserved(c) || (c < 0x80 && strings.IndexByte(keep, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}
