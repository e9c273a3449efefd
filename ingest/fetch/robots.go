package fetch

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/temoto/robotstxt"
)

// Robots is one origin's robots.txt as tinso obeys it.
//
// What a robots.txt answer means (RFC 9309, and what Google does):
//
//   - 2xx: the rules apply. Lines the parser cannot use (a rule before any
//     User-agent, a Crawl-delay that is not a number) are dropped, not
//     fatal; only the first 500 KiB are read.
//   - 3xx: followed, up to 5 hops; more counts as 4xx.
//   - 4xx (401 and 403 included), except 429: there are no rules; all is
//     allowed.
//   - 429, 5xx, a timeout or a connection failure: the site may be
//     struggling, and its rules are unknown. Everything on the origin is
//     disallowed (a retryable error, ErrRobotsUnavailable) until
//     Options.RobotsErrorTTL has passed, then robots.txt is fetched again.
//     This is the conservative reading RFC 9309 asks for: better to skip
//     a site for a while than to crawl what it forbids.
type Robots struct {
	group    *robotstxt.Group
	delay    time.Duration
	sitemaps []string
	status   int // the robots.txt status; 0 when unreachable
	// unavailable is set when robots.txt could not be read (429, 5xx,
	// network): everything is disallowed.
	unavailable string
}

// maxRobotsSize is what RFC 9309 asks a crawler to parse at least.
const maxRobotsSize = 500 << 10

// ParseRobots builds the policy from a robots.txt answer: its HTTP status
// and body. agent is the name looked up among User-agent lines; a
// Crawl-delay over maxDelay is capped to it. It never fails: broken lines
// are dropped, and an unusable answer falls back to the policies above.
func ParseRobots(status int, body []byte, agent string, maxDelay time.Duration) *Robots {
	switch {
	case status >= 200 && status < 300:
	case status == 429 || status >= 500 || status < 100:
		return unavailableRobots(status, fmt.Sprintf("robots.txt answered HTTP %d", status))
	default: // 1xx leftovers, 3xx past the redirect limit, 4xx
		return &Robots{status: status, group: &robotstxt.Group{}}
	}
	if len(body) > maxRobotsSize {
		body = body[:maxRobotsSize]
		if i := bytes.LastIndexAny(body, "\r\n"); i >= 0 {
			body = body[:i+1] // drop the cut line
		}
	}
	clean, sitemaps := sanitizeRobots(body, maxDelay)
	data, err := robotstxt.FromBytes(clean)
	if err != nil {
		// sanitizeRobots keeps only lines the parser accepts, so this
		// does not happen (the fuzz test checks); if it did, the rules
		// would be unknown: be conservative.
		return unavailableRobots(status, "robots.txt unparsable: "+strings.TrimSpace(err.Error()))
	}
	g := data.FindGroup(strings.ToLower(agent))
	d := g.CrawlDelay
	if d < 0 {
		d = 0
	}
	if d > maxDelay {
		d = maxDelay
	}
	return &Robots{group: g, delay: d, sitemaps: sitemaps, status: status}
}

func unavailableRobots(status int, reason string) *Robots {
	return &Robots{status: status, unavailable: reason, group: &robotstxt.Group{}}
}

// Allowed reports whether a path (with its query, escaped as on the wire:
// u.RequestURI()) may be fetched. robots.txt itself always may.
func (r *Robots) Allowed(pathQuery string) bool {
	if r.unavailable != "" {
		return false
	}
	if pathQuery == "" {
		pathQuery = "/"
	}
	if pathQuery == "/robots.txt" {
		return true
	}
	return r.group.Test(normalizeEscapes(pathQuery))
}

// CrawlDelay is the Crawl-delay for tinso's agent (capped), 0 if none.
func (r *Robots) CrawlDelay() time.Duration { return r.delay }

// Sitemaps lists the Sitemap: lines, as written.
func (r *Robots) Sitemaps() []string { return r.sitemaps }

// Status is the robots.txt HTTP status; 0 if it could not be fetched.
func (r *Robots) Status() int { return r.status }

// Unavailable says why robots.txt could not be read ("" if it was): then
// nothing on the origin is allowed for now.
func (r *Robots) Unavailable() string { return r.unavailable }

// sanitizeRobots rewrites a robots.txt into lines robotstxt parses without
// error: one "key: value" a line, comments dropped, values cut at the first
// space, group rules before any User-agent dropped, Crawl-delay kept only
// when it is a finite number (capped at maxDelay), rule paths written with
// upper-case escapes and non-ASCII bytes escaped so that they compare with
// escaped request paths. It also returns the Sitemap lines.
func sanitizeRobots(body []byte, maxDelay time.Duration) ([]byte, []string) {
	var out bytes.Buffer
	var sitemaps []string
	seenAgent := false
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	for len(body) > 0 {
		var line []byte
		if i := bytes.IndexAny(body, "\r\n"); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			line, body = body, nil
		}
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		k, v, ok := strings.Cut(string(line), ":")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		f := strings.Fields(v)
		v = ""
		if len(f) > 0 {
			v = f[0]
		}
		switch k {
		case "user-agent", "useragent":
			if v == "" {
				continue
			}
			seenAgent = true
			fmt.Fprintf(&out, "user-agent: %s\n", safeToken(v))
		case "allow", "disallow":
			if !seenAgent {
				continue
			}
			// An empty Disallow is kept: it allows everything and ends
			// the group, so that the next User-agent starts a new one.
			fmt.Fprintf(&out, "%s: %s\n", k, normalizeEscapes(safeToken(v)))
		case "crawl-delay", "crawldelay":
			if !seenAgent {
				continue
			}
			d, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsNaN(d) || math.IsInf(d, 0) || d < 0 {
				continue
			}
			if max := maxDelay.Seconds(); d > max {
				d = max
			}
			fmt.Fprintf(&out, "crawl-delay: %s\n", strconv.FormatFloat(d, 'f', -1, 64))
		case "sitemap":
			// The value is a URL: "sitemap: https://..." was cut at the
			// first colon, which is the key's.
			if v != "" && len(sitemaps) < 100 {
				sitemaps = append(sitemaps, v)
			}
		}
	}
	return out.Bytes(), sitemaps
}

// safeToken keeps a value to printable, valid UTF-8 without the bytes the
// robotstxt scanner treats as separators.
func safeToken(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\v' || r == 0xFEFF {
			return -1
		}
		return r
	}, s)
}

// normalizeEscapes escapes bytes outside printable ASCII and writes
// existing escapes in upper case, so that "/tin-tức" in robots.txt and
// "/tin-t%e1%bb%a9c" on the wire compare equal.
func normalizeEscapes(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte('%')
			b.WriteByte(upper(s[i+1]))
			b.WriteByte(upper(s[i+2]))
			i += 2
		case c <= 0x20 || c >= 0x7f:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}
