package extract

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// htmlPublished finds the publication date of an HTML page from its
// structured metadata and visible datelines; url may be empty. It returns
// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (the local time as printed, no zone
// conversion), or "" when none is found.
//
// The sources, first found wins (after htmldate, the library trafilatura
// uses): a full date in the URL (or canonical/og:url; with the meta time
// when they agree), publication meta tags (article:published_time,
// DC.date.issued, sailthru.date, itemprop=datePublished...), JSON-LD
// datePublished (the article object first, @graph included),
// <abbr class=published>, <time pubdate> and entry-date times, the date
// element (class/id/itemprop naming a date or byline, English, German,
// Spanish, Vietnamese CMS slugs) nearest the headline, other <time>
// elements, visible datelines (after a label like "Published:",
// "Veröffentlicht", "Cập nhật:", else the short dated line nearest the
// headline, else a Vietnamese dateline), a date in the title, a CMS
// timestamp id in the URL, and last the modification date.
//
// Two corrections follow: a printed dateline that equals the metadata's
// modification date (and is not labelled as an update) wins over the
// machine publication date, and the same instant printed in local time
// ("23:37" for "03:37+00:00") wins over the UTC stamp. Dates labelled as
// updates, comments, related lists and sidebars, dates inside body
// sentences, and copyright years (no day and month) never count; years
// are bounded to 1993..2035; numeric dates are read day first, month
// first only when day first is impossible.
func htmlPublished(doc *goquery.Document, url string) string {
	if doc == nil {
		return ""
	}
	return scanMeta(doc).published(url)
}

// dateVal is a calendar date with an optional time of day, as printed.
type dateVal struct {
	y, m, d  int
	hh, mi   int
	hasTime  bool
	fromText bool // found in free text (weaker than an attribute)
}

func (v dateVal) ok() bool { return v.y != 0 }

func (v dateVal) String() string {
	if v.y == 0 {
		return ""
	}
	b := make([]byte, 0, 16)
	b = appendPad(b, v.y, 4)
	b = append(b, '-')
	b = appendPad(b, v.m, 2)
	b = append(b, '-')
	b = appendPad(b, v.d, 2)
	if v.hasTime && !(v.hh == 0 && v.mi == 0) {
		b = append(b, 'T')
		b = appendPad(b, v.hh, 2)
		b = append(b, ':')
		b = appendPad(b, v.mi, 2)
	}
	return string(b)
}

func appendPad(b []byte, v, width int) []byte {
	s := strconv.Itoa(v)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// Sanity bounds for a page's publication year: the web before 1993 had no
// news pages, and the bound above keeps plans ("đến năm 2045") and
// expiry dates out.
const (
	minPubYear = 1993
	maxPubYear = 2035
)

func validYMD(y, m, d int) bool {
	if y < minPubYear || y > maxPubYear || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if d > days[m-1] {
		return false
	}
	if m == 2 && d == 29 && !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		return false
	}
	return true
}

// published picks the publication date from the scanned page.
func (s *metaScan) published(url string) string {
	v := s.publishedFirst(url)
	// A page that prints, as its dateline, the date its metadata gives as
	// the modification date presents itself as of that date (republished
	// or updated stories): the printed date wins over the machine one.
	if mod := s.modified(); mod.ok() && (!v.ok() || !sameDay(mod, v)) {
		vis := s.dateElementDate()
		if !vis.ok() {
			vis = s.textDate()
		}
		if vis.ok() && sameDay(vis, mod) {
			return vis.String()
		}
	}
	// The same instant printed in the page's own time zone ("23:37" for a
	// meta "03:37+00:00"): the local time as printed wins.
	if v.ok() && v.hasTime {
		for _, vis := range [...]dateVal{s.dateElementDate(), s.timeDate(false)} {
			if vis.ok() && vis.hasTime && vis.mi == v.mi && vis.hh != v.hh {
				if d := minutesOf(vis) - minutesOf(v); d%60 == 0 && d >= -14*60 && d <= 14*60 {
					return vis.String()
				}
			}
		}
	}
	if v.ok() {
		return v.String()
	}
	return s.modified().String()
}

// minutesOf counts the minutes from a fixed origin to v.
func minutesOf(v dateVal) int {
	days := int(time.Date(v.y, time.Month(v.m), v.d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	return days*1440 + v.hh*60 + v.mi
}

func sameDay(a, b dateVal) bool { return a.y == b.y && a.m == b.m && a.d == b.d }

// modified is the page's modification date from JSON-LD or meta tags.
func (s *metaScan) modified() dateVal {
	if _, mod := s.jsonLDDates(); mod.ok() {
		return mod
	}
	return s.metaModified()
}

// publishedFirst returns the first date found in the sources, in order.
func (s *metaScan) publishedFirst(url string) dateVal {
	// 1. A complete date in the URL: blogs and many news sites print it.
	for _, u := range []string{url, s.canonical, s.ogURL} {
		if v := urlDate(u); v.ok() {
			// a more precise source (with the time) of the same day wins
			if m := s.metaPublished(); m.ok() && sameDay(m, v) {
				return m
			}
			return v
		}
	}
	// 2. Publication meta tags.
	if v := s.metaPublished(); v.ok() {
		return v
	}
	// 3. JSON-LD.
	if pub, _ := s.jsonLDDates(); pub.ok() {
		return pub
	}
	// 4. <abbr class="published" title="...">, data-utime.
	if v := s.abbrDate(); v.ok() {
		return v
	}
	// 5. <time pubdate> and entry-date times.
	if v := s.timeDate(true); v.ok() {
		return v
	}
	// 6. The date element nearest the headline.
	if v := s.dateElementDate(); v.ok() {
		return v
	}
	// 7. Any other <time>.
	if v := s.timeDate(false); v.ok() {
		return v
	}
	// 8. Labelled and unlabelled datelines in the visible text.
	if v := s.textDate(); v.ok() {
		return v
	}
	// 9. A date in the title or the headline ("08.11.2021 | Fachtag").
	for _, t := range [...]string{s.titleTag, s.metaValue("og:title")} {
		if v, _ := findDate(t, false, 200); v.ok() {
			return v
		}
	}
	for _, n := range s.h1s {
		if v, _ := findDate(mdText(n, 200), false, 200); v.ok() {
			return v
		}
	}
	// 10. A CMS timestamp id in the URL ("...-20221224192522724.htm").
	for _, u := range []string{url, s.canonical, s.ogURL} {
		if v := urlTimestamp(u); v.ok() {
			return v
		}
	}
	return dateVal{}
}

// urlTimestamp reads a YYYYMMDDhhmmss run of 14 to 17 digits in the last
// path segment of a URL, as Vietnamese news CMSs number their articles;
// the date only (the id is the creation time, not the printed one).
func urlTimestamp(u string) dateVal {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	u = strings.TrimRight(u, "/")
	if i := strings.LastIndexByte(u, '/'); i >= 0 {
		u = u[i+1:]
	}
	for i := 0; i < len(u); {
		if !isDig(u[i]) {
			i++
			continue
		}
		j := i
		for j < len(u) && isDig(u[j]) {
			j++
		}
		if n := j - i; n >= 14 && n <= 17 {
			y, m, d := mdAtoi(u[i:i+4]), mdAtoi(u[i+4:i+6]), mdAtoi(u[i+6:i+8])
			hh, mi, ss := mdAtoi(u[i+8:i+10]), mdAtoi(u[i+10:i+12]), mdAtoi(u[i+12:i+14])
			if validYMD(y, m, d) && hh < 24 && mi < 60 && ss < 60 {
				return dateVal{y: y, m: m, d: d}
			}
		}
		i = j
	}
	return dateVal{}
}

// pubMetaKeys are meta name/property/itemprop values (lower case) that
// carry the original publication date, most specific first.
var pubMetaKeys = map[string]int{
	"article:published_time": 1, "og:published_time": 1, "og:article:published_time": 1,
	"article.published": 1, "article:publicationdate": 1, "article_date_original": 1,
	"datepublished": 1, "date_published": 1, "publishdate": 1, "publish_date": 1,
	"publish-date": 1, "published-date": 1, "published_time": 1, "publication_date": 1,
	"pubdate": 1, "parsely-pub-date": 1, "sailthru.date": 1, "citation_publication_date": 1,
	"citation_date": 1, "citation_online_date": 1, "dc.date.issued": 1, "dcterms.issued": 1,
	"dc.date.publication": 1, "originalpublicationdate": 1, "rnews:datepublished": 1,
	"shareaholic:article_published_time": 1, "cxenseparse:recs:publishtime": 1,
	"bt:pubdate": 1, "article.created": 1, "og:pubdate": 1, "pub_date": 1, "vr:published_time": 1,
	"date": 2, "dc.date": 2, "dc:date": 2, "dcterms.date": 2, "dc.date.created": 2,
	"dc.created": 2, "dcterms.created": 2, "dc:created": 2, "datecreated": 2, "dateposted": 2,
	"created": 2, "creation_date": 2, "gentime": 3, "timestamp": 3, "itemprop:datecreated": 2,
}

// modMetaKeys carry a modification date: a reserve only.
var modMetaKeys = map[string]bool{
	"article:modified_time": true, "og:updated_time": true, "og:article:modified_time": true,
	"datemodified": true, "dc.modified": true, "dcterms.modified": true, "modified_time": true,
	"updated_time": true, "last-modified": true, "lastmodified": true, "dateupdate": true,
	"article:modified": true, "revised": true,
}

func (s *metaScan) metaPublished() dateVal {
	if s.pubDone {
		return s.pubMeta
	}
	s.pubDone = true
	best, bestRank := dateVal{}, 99
	for _, m := range s.metas {
		if m.kind == "http-equiv" {
			if m.key == "date" && bestRank > 3 {
				if v := parseDateAttr(m.content); v.ok() {
					best, bestRank = v, 3
				}
			}
			continue
		}
		r, ok := pubMetaKeys[m.key]
		if !ok || r >= bestRank {
			continue
		}
		if v := parseDateAttr(m.content); v.ok() {
			best, bestRank = v, r
		}
	}
	s.pubMeta = best
	return best
}

func (s *metaScan) metaModified() dateVal {
	for _, m := range s.metas {
		if modMetaKeys[m.key] {
			if v := parseDateAttr(m.content); v.ok() {
				return v
			}
		}
	}
	return dateVal{}
}

// urlDate reads /2021/03/08/, 2021-03-08 or 2021_03_08 in a URL.
func urlDate(u string) dateVal {
	if u == "" {
		return dateVal{}
	}
	// the path only: hosts and queries hold ids
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			u = u[j:]
		} else {
			return dateVal{}
		}
	}
	// web archive snapshots: the crawl date is not the page's
	if strings.HasPrefix(u, "/web/") {
		return dateVal{}
	}
	for i := 0; i+8 <= len(u); i++ {
		if i > 0 && isDig(u[i-1]) {
			continue
		}
		if !(isDig(u[i]) && isDig(u[i+1]) && isDig(u[i+2]) && isDig(u[i+3])) {
			continue
		}
		sep := u[i+4]
		if sep != '/' && sep != '-' && sep != '_' {
			continue
		}
		y := mdAtoi(u[i : i+4])
		j := i + 5
		m, j2 := mdDigits(u, j, 2)
		if j2 == j || j2 >= len(u) || u[j2] != sep {
			continue
		}
		d, j3 := mdDigits(u, j2+1, 2)
		if j3 == j2+1 || (j3 < len(u) && isDig(u[j3])) {
			continue
		}
		if validYMD(y, m, d) {
			return dateVal{y: y, m: m, d: d}
		}
	}
	// DD-MM-YYYY, DD.MM.YYYY, DD_MM_YYYY
	for i := 0; i+10 <= len(u); i++ {
		if (i > 0 && isDig(u[i-1])) || !isDig(u[i]) || !isDig(u[i+1]) {
			continue
		}
		sep := u[i+2]
		if (sep != '-' && sep != '.' && sep != '_') || u[i+5] != sep || !isDig(u[i+3]) || !isDig(u[i+4]) {
			continue
		}
		if !(isDig(u[i+6]) && isDig(u[i+7]) && isDig(u[i+8]) && isDig(u[i+9])) || (i+10 < len(u) && isDig(u[i+10])) {
			continue
		}
		d, m, y := mdAtoi(u[i:i+2]), mdAtoi(u[i+3:i+5]), mdAtoi(u[i+6:i+10])
		if validYMD(y, m, d) {
			return dateVal{y: y, m: m, d: d}
		}
	}
	return dateVal{}
}

func isDig(c byte) bool { return c >= '0' && c <= '9' }

func mdAtoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// readDigits reads up to max digits of s from i.
func mdDigits(s string, i, max int) (int, int) {
	v, j := 0, i
	for j < len(s) && j-i < max && isDig(s[j]) {
		v = v*10 + int(s[j]-'0')
		j++
	}
	return v, j
}

// parseDateAttr reads a machine date (an attribute or JSON value): ISO
// 8601 with or without time, "20210308", a Unix time, or failing that any
// printed date.
func parseDateAttr(s string) dateVal {
	s = strings.TrimSpace(s)
	if len(s) < 6 {
		return dateVal{}
	}
	if len(s) > 200 {
		s = s[:200]
	}
	// ISO: YYYY-MM-DD[T ]HH:MM
	if len(s) >= 8 && isDig(s[0]) && isDig(s[1]) && isDig(s[2]) && isDig(s[3]) {
		y := mdAtoi(s[:4])
		if len(s) >= 10 && (s[4] == '-' || s[4] == '/' || s[4] == '.') {
			m, j := mdDigits(s, 5, 2)
			if j < len(s) && s[j] == s[4] {
				d, k := mdDigits(s, j+1, 2)
				if k > j+1 && (k == len(s) || !isDig(s[k])) && validYMD(y, m, d) {
					v := dateVal{y: y, m: m, d: d}
					readClock(s[k:], &v)
					return v
				}
			}
		}
		// YYYYMMDD[HHMM]
		n := 0
		for n < len(s) && isDig(s[n]) {
			n++
		}
		if n == 8 || n == 12 || n == 14 {
			y, m, d := mdAtoi(s[:4]), mdAtoi(s[4:6]), mdAtoi(s[6:8])
			if validYMD(y, m, d) {
				v := dateVal{y: y, m: m, d: d}
				if n >= 12 {
					hh, mi := mdAtoi(s[8:10]), mdAtoi(s[10:12])
					if hh < 24 && mi < 60 {
						v.hh, v.mi, v.hasTime = hh, mi, true
					}
				}
				return v
			}
		}
		// Unix seconds or milliseconds
		if (n == 10 || n == 13) && n == len(s) {
			sec, err := strconv.ParseInt(s[:10], 10, 64)
			if err == nil {
				t := time.Unix(sec, 0).UTC()
				if validYMD(t.Year(), int(t.Month()), t.Day()) {
					return dateVal{y: t.Year(), m: int(t.Month()), d: t.Day()}
				}
			}
		}
	}
	v, _ := findDate(s, false, 48)
	return v
}

// readClock reads "THH:MM" or " HH:MM" at the start of s.
func readClock(s string, v *dateVal) {
	if len(s) < 6 || (s[0] != 'T' && s[0] != ' ' && s[0] != 't') {
		return
	}
	hh, j := mdDigits(s, 1, 2)
	if j != 3 || s[j] != ':' {
		return
	}
	mi, k := mdDigits(s, 4, 2)
	if k != 6 || hh > 23 || mi > 59 {
		return
	}
	v.hh, v.mi, v.hasTime = hh, mi, true
}

// jsonLDDates reads datePublished (and dateModified as a reserve) from
// the page's JSON-LD, preferring the article object over the web page.
func (s *metaScan) jsonLDDates() (pub, mod dateVal) {
	if s.ldDatesDone {
		return s.ldPub, s.ldMod
	}
	s.ldDatesDone = true
	defer func() { s.ldPub, s.ldMod = pub, mod }()
	bestRank := 99
	for i, raw := range s.jsonLD {
		if !strings.Contains(raw, "date") && !strings.Contains(raw, "Date") {
			continue
		}
		data, ok := s.ldParsed(i)
		if !ok {
			// broken JSON: read the first datePublished by hand
			if v := jsonFieldDate(raw, `"datePublished"`); v.ok() && bestRank > 5 {
				pub, bestRank = v, 5
			}
			if !mod.ok() {
				mod = jsonFieldDate(raw, `"dateModified"`)
			}
			continue
		}
		walkJSONLD(data, 0, func(obj map[string]any) {
			rank := jsonTypeRank(obj)
			for _, f := range [...]string{"datePublished", "dateCreated", "uploadDate"} {
				str, ok := obj[f].(string)
				if !ok {
					continue
				}
				r := rank
				if f != "datePublished" {
					r++
				}
				if r < bestRank {
					if v := parseDateAttr(str); v.ok() {
						pub, bestRank = v, r
					}
				}
			}
			if str, ok := obj["dateModified"].(string); ok && !mod.ok() {
				mod = parseDateAttr(str)
			}
		})
	}
	return pub, mod
}

// jsonTypeRank ranks a JSON-LD object by its @type: articles first, then
// pages and other things.
func jsonTypeRank(obj map[string]any) int {
	var types []string
	switch t := obj["@type"].(type) {
	case string:
		types = []string{t}
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				types = append(types, s)
			}
		}
	}
	best := 4
	for _, t := range types {
		lt := strings.ToLower(t)
		switch {
		case strings.Contains(lt, "article") || strings.Contains(lt, "posting") || lt == "report" || lt == "review" || strings.Contains(lt, "blog"):
			best = min(best, 0)
		case lt == "webpage" || lt == "itempage" || lt == "collectionpage" || lt == "aboutpage":
			best = min(best, 2)
		case lt == "comment" || lt == "person" || lt == "organization" || lt == "imageobject":
			best = min(best, 6)
		default:
			best = min(best, 3)
		}
	}
	return best
}

func walkJSONLD(v any, depth int, f func(map[string]any)) {
	if depth > 12 {
		return
	}
	switch t := v.(type) {
	case map[string]any:
		f(t)
		for k, x := range t {
			if k == "comment" || k == "review" || k == "author" || k == "publisher" || k == "itemListElement" {
				continue
			}
			switch x.(type) {
			case map[string]any, []any:
				walkJSONLD(x, depth+1, f)
			}
		}
	case []any:
		for _, x := range t {
			walkJSONLD(x, depth+1, f)
		}
	}
}

// cleanJSON drops what pages wrap their JSON-LD in: comments markers,
// CDATA, raw control characters in strings.
func cleanJSON(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<!--")
	s = strings.TrimSuffix(s, "-->")
	s = strings.TrimPrefix(strings.TrimSpace(s), "//<![CDATA[")
	s = strings.TrimSuffix(strings.TrimSpace(s), "//]]>")
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 && r != ' ' }) >= 0 {
		s = strings.Map(func(r rune) rune {
			if r < 0x20 {
				return ' '
			}
			return r
		}, s)
	}
	return s
}

// jsonFieldDate finds `"key": "value"` in text and parses the value.
func jsonFieldDate(raw, key string) dateVal {
	i := strings.Index(raw, key)
	if i < 0 {
		return dateVal{}
	}
	rest := raw[i+len(key):]
	j := strings.IndexByte(rest, '"')
	if j < 0 || j > 5 {
		return dateVal{}
	}
	rest = rest[j+1:]
	k := strings.IndexByte(rest, '"')
	if k < 0 || k > 60 {
		return dateVal{}
	}
	return parseDateAttr(rest[:k])
}

// abbrDate reads <abbr class="published" title="2021-03-08..."> and
// Facebook-style data-utime.
func (s *metaScan) abbrDate() dateVal {
	for _, n := range s.abbrEls {
		if v := attr(n, "data-utime"); v != "" {
			if d := parseDateAttr(v); d.ok() {
				return d
			}
		}
		cls := strings.ToLower(attr(n, "class"))
		if strings.Contains(cls, "published") || strings.Contains(cls, "date") {
			if d := parseDateAttr(attr(n, "title")); d.ok() {
				return d
			}
			if d, _ := findDate(mdText(n, 80), false, 80); d.ok() {
				return d
			}
		}
	}
	return dateVal{}
}

// timeDate reads <time> elements: with strong (pubdate, published,
// entry-date) marks first; else the first datable one outside comments.
func (s *metaScan) timeDate(strong bool) dateVal {
	for _, te := range s.timeEls {
		n := te.n
		cls := strings.ToLower(attr(n, "class") + " " + attr(n, "itemprop"))
		isPub := mdHasAttr(n, "pubdate") || strings.Contains(cls, "entry-date") || strings.Contains(cls, "published") ||
			strings.Contains(cls, "datepublished") || strings.Contains(cls, "publish") || strings.Contains(cls, "post-date") ||
			strings.Contains(cls, "created")
		isMod := strings.Contains(cls, "updated") || strings.Contains(cls, "modified")
		if strong != isPub || (isMod && !isPub) || (!strong && te.furniture) {
			continue
		}
		if v := parseDateAttr(attr(n, "datetime")); v.ok() {
			return v
		}
		if v, _ := findDate(mdText(n, 80), false, 80); v.ok() {
			return v
		}
	}
	return dateVal{}
}

// dateElementDate looks at elements whose class, id or itemprop names a
// date or a byline, outside comments and related lists, and takes the one
// nearest the headline (elements before it count double: above headlines
// are tickers and section heads; below them, bylines). A date the page
// labels as an update is not taken, wherever else it appears.
func (s *metaScan) dateElementDate() dateVal {
	if s.elDone {
		return s.elDate
	}
	s.elDone = true
	type cand struct {
		v   dateVal
		ord int
	}
	var cands []cand
	var rejected []dateVal
	for _, de := range s.dateEls {
		if de.furniture || de.modified {
			continue
		}
		v, upd := s.elementDate(de.n)
		if upd.ok() {
			rejected = append(rejected, upd)
		}
		if v.ok() {
			cands = append(cands, cand{v, de.ord})
		}
	}
	bestDist := -1
next:
	for _, c := range cands {
		for _, r := range rejected {
			if sameDay(r, c.v) {
				continue next
			}
		}
		dist := c.ord - s.headOrd
		if dist < 0 {
			dist = -2 * dist
		}
		if bestDist < 0 || dist < bestDist {
			s.elDate, bestDist = c.v, dist
		}
	}
	return s.elDate
}

// elementDate reads the date of one date element: its content or
// datetime attribute, its text, its title attribute. upd is a date its
// text labels as an update.
func (s *metaScan) elementDate(n *html.Node) (v, upd dateVal) {
	if a := attr(n, "content"); a != "" {
		if d := parseDateAttr(a); d.ok() {
			return d, upd
		}
	}
	if a := attr(n, "datetime"); a != "" {
		if d := parseDateAttr(a); d.ok() {
			return d, upd
		}
	}
	txt := mdText(n, 160)
	if d, pos, end := findDateSpan(txt, false, 160); d.ok() {
		if !updatedBefore(txt, pos) {
			return d, upd
		}
		// "Updated 9 May, first published 8 May": look further
		if d2, pos2, _ := findDateSpan(txt[end:], false, 160); d2.ok() && !updatedBefore(txt[end:], pos2) {
			return d2, d
		}
		return dateVal{}, d
	}
	if a := attr(n, "title"); a != "" {
		if d, _ := findDate(a, false, 60); d.ok() {
			return d, upd
		}
	}
	return dateVal{}, upd
}

// updatedBefore reports whether the words just before a date found at pos
// (a byte offset) say it is a modification date.
func updatedBefore(txt string, pos int) bool {
	lo := max(0, pos-30)
	w := strings.ToLower(txt[lo:pos])
	for _, k := range [...]string{"update", "modif", "aktualisiert", "geändert", "actualiz", "mis à jour", "zaktualizowan", "aggiornat", "edited", "bearbeitet", "revised", "überarbeitet"} {
		if strings.Contains(w, k) {
			return true
		}
	}
	return false
}

// textDate looks for datelines in the visible text, outside comments,
// related lists and side panels: short text lines (a date inside a
// sentence is an event, not the publication) holding a full date, the one
// after a publication label or in a date-named element first, else the
// one nearest the headline (lines before it count double), else a
// Vietnamese dateline.
func (s *metaScan) textDate() dateVal {
	if s.textDone {
		return s.textVal
	}
	s.textDone = true
	var labelled, near dateVal
	bestL, bestN := -1, -1
	for _, te := range s.textEls {
		if te.furniture {
			continue
		}
		t := strings.TrimSpace(te.n.Data)
		runes := utf8.RuneCountInString(t)
		v, pos, end := findDateSpan(t, false, 400)
		if !v.ok() {
			continue
		}
		if pos == 0 && (ledeDateline(t[end:]) || runes <= 600) {
			// "29.11.2022 – Mehrfach und vehement ...": a dateline
			// opening the lede
			runes = 0
		}
		if runes > 150 {
			continue
		}
		if updatedBefore(t, pos) || (te.n.Parent != nil && modifiedName(elementNames(te.n.Parent))) {
			continue
		}
		dist := te.ord - s.headOrd
		if dist < 0 {
			dist = -2 * dist
		}
		if pubLabelBefore(t, pos) || parentIsDateish(te.n) {
			if bestL < 0 || dist < bestL {
				labelled, bestL = v, dist
			}
			continue
		}
		if runes <= 80 && (bestN < 0 || dist < bestN) {
			near, bestN = v, dist
		}
	}
	switch {
	case labelled.ok():
		s.textVal = labelled
	case near.ok():
		s.textVal = near
	default:
		s.textVal = s.vnDateline()
	}
	return s.textVal
}

// ledeDateline reports whether the text after a date opening a paragraph
// starts with a dateline dash.
func ledeDateline(rest string) bool {
	rest = strings.TrimLeft(rest, " \u00a0")
	for _, d := range [...]string{"– ", "- ", "— ", "-- "} {
		if strings.HasPrefix(rest, d) {
			return true
		}
	}
	return false
}

// vnDateline tries the Vietnamese dateline parser on short text lines.
func (s *metaScan) vnDateline() dateVal {
	if !s.vietnamese() {
		return dateVal{}
	}
	for _, te := range s.textEls {
		if te.furniture {
			continue
		}
		t := strings.TrimSpace(te.n.Data)
		if len(t) < 8 || len(t) > 120 {
			continue
		}
		if iso, ok := parseDateline(t); ok {
			if v := parseDateAttr(iso); v.ok() {
				return v
			}
		}
	}
	return dateVal{}
}

// pubLabelBefore reports a publication label in the 40 bytes before pos.
func pubLabelBefore(txt string, pos int) bool {
	lo := max(0, pos-40)
	w := strings.ToLower(txt[lo:pos])
	for _, k := range [...]string{
		"publi", "posted", "veröffentlicht", "erschienen", "datum", "date", "stand:", "geschrieben",
		"ngày đăng", "đăng ngày", "ngày xuất bản", "cập nhật", "đăng lúc", "fecha", "publié", "pubblicat", "opublikowano",
		"dodano", "written", "erstellt", "écrit",
	} {
		if strings.Contains(w, k) {
			return true
		}
	}
	return false
}

func parentIsDateish(n *html.Node) bool {
	p := n.Parent
	for i := 0; i < 2 && p != nil && p.Type == html.ElementNode; i++ {
		if dateishName(elementNames(p)) {
			return true
		}
		if p.Data == "time" {
			return true
		}
		p = p.Parent
	}
	return false
}

// ---- the date parser for printed text ----

type dtoken struct {
	kind byte   // 'n' number, 'w' word, 'p' punctuation
	s    string // digits, lower-case word, or the punctuation
	v    int    // value of a number
	sp   bool   // space before
	pos  int    // byte offset in the source
}

// tokenizeDate splits text into numbers, words and punctuation marks.
// CJK ideographs are one token each.
func tokenizeDate(s string, maxTok int) []dtoken {
	toks := make([]dtoken, 0, 16)
	sp := false
	for i := 0; i < len(s) && len(toks) < maxTok; {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			sp = true
			i++
		case isDig(c):
			j := i
			for j < len(s) && isDig(s[j]) {
				j++
			}
			v := 0
			if j-i <= 9 {
				v = mdAtoi(s[i:j])
			} else {
				v = -1
			}
			toks = append(toks, dtoken{kind: 'n', s: s[i:j], v: v, sp: sp, pos: i})
			sp = false
			i = j
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == 0xa0 || unicode.IsSpace(r) {
				sp = true
				i += n
				continue
			}
			if unicode.IsLetter(r) {
				if unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) {
					toks = append(toks, dtoken{kind: 'w', s: s[i : i+n], sp: sp, pos: i})
					sp = false
					i += n
					continue
				}
				j := i + n
				for j < len(s) {
					r2, n2 := utf8.DecodeRuneInString(s[j:])
					if !(unicode.IsLetter(r2) || unicode.Is(unicode.Mn, r2)) || unicode.Is(unicode.Han, r2) {
						break
					}
					j += n2
				}
				toks = append(toks, dtoken{kind: 'w', s: strings.ToLower(s[i:j]), sp: sp, pos: i})
				sp = false
				i = j
				continue
			}
			toks = append(toks, dtoken{kind: 'p', s: s[i : i+n], sp: sp, pos: i})
			sp = false
			i += n
		}
	}
	return toks
}

// monthNames maps month names and abbreviations (lower case, no dot) in
// the languages of the pages we meet to 1..12.
var monthNames = map[string]int{}

func init() {
	lists := [][]string{
		// English
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
		// German
		{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
		{"jänner", "feber", "maerz", "apr", "mai", "jun", "jul", "aug", "sept", "okt", "nov", "dez"},
		{"jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"},
		// French
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		{"janv", "févr", "mars", "avr", "mai", "juin", "juil", "aout", "sept", "oct", "nov", "déc"},
		{"jan", "fevrier", "mar", "avr", "mai", "jun", "juillet", "aou", "sep", "oct", "nov", "decembre"},
		// Spanish
		{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "setiembre", "oct", "nov", "dic"},
		// Portuguese
		{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		{"jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"},
		// Italian
		{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		{"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"},
		// Dutch
		{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
		// Polish (genitive, nominative)
		{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
		{"styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień"},
		{"sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"},
		// Czech (genitive)
		{"ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října", "listopadu", "prosince"},
		// Turkish, Indonesian
		{"ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"},
		{"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"},
		// Russian (genitive)
		{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		// Swedish, Danish, Norwegian
		{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
		{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"},
	}
	for _, l := range lists {
		for i, name := range l {
			if _, dup := monthNames[name]; !dup {
				monthNames[name] = i + 1
			}
		}
	}
}

// weekday and filler words that may stand between the parts of a date.
var dateFillers = map[string]bool{
	"de": true, "del": true, "of": true, "the": true, "st": true, "nd": true, "rd": true, "th": true,
	"er": true, "ème": true, "º": true, "°": true,
}

func monthWord(t dtoken) int {
	if t.kind != 'w' {
		return 0
	}
	return monthNames[t.s]
}

// findDate returns the first full date (day, month and year) printed in
// s, and its byte offset; the time of day when it is printed next to it.
// usFirst reads ambiguous numeric dates month first.
func findDate(s string, usFirst bool, maxBytes int) (dateVal, int) {
	v, pos, _ := findDateSpan(s, usFirst, maxBytes)
	return v, pos
}

// findDateSpan is findDate that also returns the byte offset after the
// date.
func findDateSpan(s string, usFirst bool, maxBytes int) (dateVal, int, int) {
	if len(s) > maxBytes {
		s = s[:maxBytes]
		for len(s) > 0 && !utf8.RuneStart(s[len(s)-1]) {
			s = s[:len(s)-1]
		}
	}
	// cheap reject: a date needs at least 3 digits (d m yyyy)
	digits := 0
	for i := 0; i < len(s); i++ {
		if isDig(s[i]) {
			digits++
		}
	}
	if digits < 4 {
		return dateVal{}, -1, -1
	}
	toks := tokenizeDate(s, 200)
	for i := range toks {
		if v, end, ok := dateAt(toks, i, usFirst); ok {
			clockAround(toks, i, end, &v)
			e := len(s)
			if end < len(toks) {
				e = toks[end].pos
			}
			return v, toks[i].pos, e
		}
	}
	return dateVal{}, -1, -1
}

func isSep(t dtoken, seps string) bool {
	return t.kind == 'p' && len(t.s) == 1 && strings.IndexByte(seps, t.s[0]) >= 0
}

// dateAt reads a date starting at token i; end is the index after it.
func dateAt(t []dtoken, i int, usFirst bool) (dateVal, int, bool) {
	n := len(t)
	a := t[i]
	switch a.kind {
	case 'n':
		// a number glued to a preceding number chain ("1.2.2021" inside
		// "3.1.2.2021", phone numbers) is not a date start
		if i >= 2 && t[i-1].kind == 'p' && !t[i-1].sp && !a.sp && t[i-2].kind == 'n' && (t[i-1].s == "." || t[i-1].s == "/" || t[i-1].s == "-") {
			return dateVal{}, 0, false
		}
		// YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年MM月DD日
		if len(a.s) == 4 && i+4 < n {
			sep, b, sep2, c := t[i+1], t[i+2], t[i+3], t[i+4]
			if sep.kind == 'p' && sep2.kind == 'p' && sep.s == sep2.s && isSep(sep, "-/.") && b.kind == 'n' && c.kind == 'n' &&
				len(b.s) <= 2 && len(c.s) <= 2 && !b.sp && !c.sp && !sep.sp {
				if validYMD(a.v, b.v, c.v) && !(i+6 < n && t[i+5].s == sep.s && t[i+6].kind == 'n' && !t[i+5].sp) {
					return dateVal{y: a.v, m: b.v, d: c.v}, i + 5, true
				}
			}
			if (sep.s == "年" || sep.s == "년") && b.kind == 'n' && (sep2.s == "月" || sep2.s == "월") && c.kind == 'n' {
				if validYMD(a.v, b.v, c.v) {
					end := i + 5
					if end < n && (t[end].s == "日" || t[end].s == "일") {
						end++
					}
					return dateVal{y: a.v, m: b.v, d: c.v}, end, true
				}
			}
			// "2021, March 8" is rare; "2021 March 8" (ISO-like text)
			if m := monthWord(sep); m > 0 && b.kind == 'n' && len(b.s) <= 2 && validYMD(a.v, m, b.v) {
				return dateVal{y: a.v, m: m, d: b.v}, i + 3, true
			}
		}
		if len(a.s) > 2 || a.v < 1 || a.v > 31 {
			return dateVal{}, 0, false
		}
		// D.M.YYYY, D/M/YYYY, D-M-YYYY, D.M.YY
		if i+4 < n {
			sep, b, sep2, c := t[i+1], t[i+2], t[i+3], t[i+4]
			if isSep(sep, "./-") && sep2.kind == 'p' && sep2.s == sep.s && b.kind == 'n' && c.kind == 'n' && len(b.s) <= 2 &&
				!sep.sp && (!b.sp || sep.s == ".") && (!c.sp || sep.s == ".") && !sep2.sp {
				y := c.v
				okYear := len(c.s) == 4
				if len(c.s) == 2 && sep.s != "-" {
					// two-digit year, not a version or a score chain
					if !(i+6 < n && t[i+5].kind == 'p' && !t[i+5].sp && (t[i+5].s == "." || t[i+5].s == "/") && t[i+6].kind == 'n') {
						okYear = true
						if y >= 90 {
							y += 1900
						} else {
							y += 2000
						}
					}
				}
				if okYear && !(i+6 < n && len(c.s) == 4 && t[i+5].kind == 'p' && !t[i+5].sp && t[i+5].s == sep.s && t[i+6].kind == 'n') {
					d, m := a.v, b.v
					if usFirst || !validYMD(y, m, d) {
						if validYMD(y, d, m) {
							d, m = m, d
						}
					}
					if validYMD(y, m, d) {
						return dateVal{y: y, m: m, d: d}, i + 5, true
					}
				}
			}
		}
		// D[.|st|º] [de|of] MONTH [,|de] YYYY; Vietnamese D tháng M năm YYYY
		j := i + 1
		for k := 0; k < 3 && j < n; k++ {
			if t[j].kind == 'p' && (t[j].s == "." || t[j].s == "º" || t[j].s == "°") {
				j++
				continue
			}
			if t[j].kind == 'w' && dateFillers[t[j].s] {
				j++
				continue
			}
			break
		}
		if j < n {
			if m := monthWord(t[j]); m > 0 {
				k := j + 1
				for c := 0; c < 3 && k < n; c++ {
					if t[k].kind == 'p' && (t[k].s == "." || t[k].s == "," || t[k].s == "-") {
						k++
						continue
					}
					if t[k].kind == 'w' && (t[k].s == "de" || t[k].s == "del" || t[k].s == "of") {
						k++
						continue
					}
					break
				}
				if k < n && t[k].kind == 'n' && len(t[k].s) == 4 && validYMD(t[k].v, m, a.v) {
					return dateVal{y: t[k].v, m: m, d: a.v}, k + 1, true
				}
			}
			if t[j].kind == 'w' && t[j].s == "tháng" && j+1 < n && t[j+1].kind == 'n' {
				m := t[j+1].v
				k := j + 2
				for c := 0; c < 2 && k < n; c++ {
					if (t[k].kind == 'w' && t[k].s == "năm") || isSep(t[k], ",/.-") {
						k++
						continue
					}
					break
				}
				if k < n && t[k].kind == 'n' && len(t[k].s) == 4 && validYMD(t[k].v, m, a.v) {
					return dateVal{y: t[k].v, m: m, d: a.v}, k + 1, true
				}
			}
		}
	case 'w':
		// MONTH D[st][,] YYYY
		m := monthWord(a)
		if m == 0 {
			return dateVal{}, 0, false
		}
		j := i + 1
		if j < n && t[j].kind == 'p' && t[j].s == "." {
			j++
		}
		if j >= n || t[j].kind != 'n' || len(t[j].s) > 2 {
			return dateVal{}, 0, false
		}
		d := t[j].v
		k := j + 1
		for c := 0; c < 3 && k < n; c++ {
			if (t[k].kind == 'w' && dateFillers[t[k].s]) || isSep(t[k], ",.") {
				k++
				continue
			}
			break
		}
		if k < n && t[k].kind == 'n' && len(t[k].s) == 4 && validYMD(t[k].v, m, d) {
			return dateVal{y: t[k].v, m: m, d: d}, k + 1, true
		}
	}
	return dateVal{}, 0, false
}

// clockAround attaches a time of day printed right after the date
// (", 09:00", "um 10:30 Uhr", "- 09:00", "at 3:15 pm") or right before it
// ("09:00 09/02/2022").
func clockAround(t []dtoken, start, end int, v *dateVal) {
	n := len(t)
	j := end
	for c := 0; c < 3 && j < n; c++ {
		if t[j].kind == 'p' && (t[j].s == "," || t[j].s == "-" || t[j].s == "|" || t[j].s == "–" || t[j].s == "@" || t[j].s == "/" || t[j].s == "·") {
			j++
			continue
		}
		if t[j].kind == 'w' && clockFillers[t[j].s] {
			j++
			continue
		}
		break
	}
	if hh, mi, ok := clockAt(t, j); ok {
		v.hh, v.mi, v.hasTime = hh, mi, true
		return
	}
	// before: HH:MM [,|-] date
	k := start - 1
	for c := 0; c < 2 && k >= 0; c++ {
		if t[k].kind == 'p' && (t[k].s == "," || t[k].s == "-" || t[k].s == "|" || t[k].s == "–") {
			k--
			continue
		}
		break
	}
	if k >= 2 && t[k].kind == 'n' && len(t[k].s) == 2 && t[k-1].s == ":" && t[k-2].kind == 'n' && len(t[k-2].s) <= 2 {
		if k >= 4 && t[k-3].s == ":" {
			return // HH:MM:SS before: leave it
		}
		hh, mi := t[k-2].v, t[k].v
		if hh < 24 && mi < 60 {
			v.hh, v.mi, v.hasTime = hh, mi, true
		}
	}
}

var clockFillers = map[string]bool{
	"um": true, "at": true, "à": true, "a": true, "las": true, "lúc": true, "o": true, "godz": true,
	"klo": true, "alle": true, "às": true, "kl": true, "ore": true, "h": false, "t": true,
}

// clockAt reads HH:MM or HHhMM at token j, with am/pm.
func clockAt(t []dtoken, j int) (int, int, bool) {
	n := len(t)
	if j+2 >= n || t[j].kind != 'n' || len(t[j].s) > 2 {
		return 0, 0, false
	}
	sep := t[j+1]
	if !((sep.kind == 'p' && (sep.s == ":" || sep.s == ".")) || (sep.kind == 'w' && sep.s == "h")) || sep.sp {
		return 0, 0, false
	}
	if t[j+2].kind != 'n' || len(t[j+2].s) != 2 || t[j+2].sp {
		return 0, 0, false
	}
	if sep.s == "." && !(j+3 < n && t[j+3].kind == 'w' && (t[j+3].s == "uhr" || t[j+3].s == "h")) {
		return 0, 0, false
	}
	hh, mi := t[j].v, t[j+2].v
	k := j + 3
	if k+1 < n && t[k].s == ":" && t[k+1].kind == 'n' {
		k += 2
	}
	if k < n && t[k].kind == 'w' {
		switch t[k].s {
		case "pm", "p", "ch", "chiều", "tối":
			if hh < 12 {
				hh += 12
			}
		case "am", "a", "sa", "sáng":
			if hh == 12 {
				hh = 0
			}
		}
	}
	if hh > 23 || mi > 59 {
		return 0, 0, false
	}
	return hh, mi, true
}
