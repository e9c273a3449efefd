package extract

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// htmlMetadata reads title, publication date and author with one scan of
// the document; url may be empty.
func htmlMetadata(doc *goquery.Document, url string) (title, published, author string) {
	if doc == nil {
		return "", "", ""
	}
	s := scanMeta(doc)
	return s.title(), s.published(url), s.author()
}

// htmlTitle returns the page's headline: the h1 that the <title> or
// og:title repeats, else og:title, JSON-LD headline or <title> with the
// site name cut off. Never the site name alone.
func htmlTitle(doc *goquery.Document) string {
	if doc == nil {
		return ""
	}
	return scanMeta(doc).title()
}

// htmlAuthor returns the article's author: JSON-LD author, author meta
// tags (not URLs), rel=author and byline elements (English and Vietnamese
// CMS names), without "By", "Theo", "Bài và ảnh:" or honorifics; "" when
// unsure.
func htmlAuthor(doc *goquery.Document) string {
	if doc == nil {
		return ""
	}
	return scanMeta(doc).author()
}

// metaScan is what one walk over the document collects for the metadata.
type metaScan struct {
	lang      string
	titleTag  string
	canonical string
	ogURL     string
	metas     []metaKV
	jsonLD    []string
	body      *html.Node
	h1s       []*html.Node // up to 8 h1 (and a few h2 when no h1)
	h2s       []*html.Node
	timeEls   []scanEl
	abbrEls   []*html.Node
	dateEls   []scanEl
	authorEls []scanEl
	textEls   []scanEl     // text nodes with digits, in document order
	sigCands  []*html.Node // short paragraphs right after a long one, after the headline
	logoNames []string     // alt texts of logos and banners
	titleEls  []scanEl     // elements named as headlines (tieude, title, headline)
	headOrd   int          // document order of the headline, 0 if none
	headNodes []*html.Node // headings the title repeats

	keep map[*html.Node]bool // the headline's ancestors

	pubDone     bool
	pubMeta     dateVal
	ldValues    []any
	ldOK        []bool
	ldDatesDone bool
	ldPub       dateVal
	ldMod       dateVal
	elDone      bool
	elDate      dateVal
	textDone    bool
	textVal     dateVal
	ld          *ldInfo
}

type metaKV struct {
	key     string // lower-case name, property or itemprop
	kind    string // "name", "property", "itemprop", "http-equiv"
	content string
}

type scanEl struct {
	n         *html.Node
	furniture bool // inside comments, sidebars, related lists, navigation
	modified  bool // named for an update, not the publication
	afterHead bool // after the headline
	ord       int  // element count in document order
}

func hasDigitIn(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

const (
	maxScanEls = 3000
)

func scanMeta(doc *goquery.Document) *metaScan {
	s := &metaScan{}
	if len(doc.Nodes) == 0 {
		return s
	}
	root := doc.Nodes[0]
	// the headline's ancestors are never furniture, whatever their class
	// ("has-sidebar" page wrappers)
	keep, headList, matched := headlineAncestors(root)
	s.keep = keep
	if matched {
		s.headNodes = headList
	}
	heads := map[*html.Node]bool{}
	for _, n := range headList {
		heads[n] = true
	}
	type open struct {
		n         *html.Node
		furn, art bool
	}
	var stack []open
	furn, art := 0, 0
	seenHead := len(heads) == 0
	ord := 0
	mdWalk(root, func(n *html.Node) bool {
		if n.Type == html.TextNode {
			if s.body != nil && len(s.textEls) < maxScanEls && hasDigitIn(n.Data) {
				if t := strings.TrimSpace(n.Data); len(t) >= 6 && len(t) <= 400 {
					s.textEls = append(s.textEls, scanEl{n: n, furniture: furn > 0, afterHead: seenHead, ord: ord})
				}
			}
			return false
		}
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		switch n.Data {
		case "html":
			s.lang = strings.ToLower(attr(n, "lang"))
		case "body":
			s.body = n
		case "title":
			if s.titleTag == "" && n.FirstChild != nil {
				s.titleTag = cleanTitle(mdText(n, 600))
			}
			return false
		case "meta":
			s.addMeta(n)
			return false
		case "link":
			rel := strings.ToLower(attr(n, "rel"))
			if rel == "canonical" && s.canonical == "" {
				s.canonical = attr(n, "href")
			}
			return false
		case "script":
			t := strings.ToLower(attr(n, "type"))
			if strings.Contains(t, "ld+json") && n.FirstChild != nil && len(s.jsonLD) < 20 && len(n.FirstChild.Data) < 1<<20 {
				s.jsonLD = append(s.jsonLD, n.FirstChild.Data)
			}
			return false
		case "style", "noscript", "template", "svg", "iframe", "select", "textarea", "option", "button":
			return false
		}
		ord++
		if heads[n] && !seenHead {
			seenHead = true
			s.headOrd = ord
		}
		o := open{n: n, art: n.Data == "article"}
		if !keep[n] {
			switch furnitureKind(n) {
			case furnStrong:
				o.furn = true
			case furnWeak:
				// a side panel inside the article holds its own metadata
				o.furn = art == 0
			}
		}
		if o.furn || o.art {
			stack = append(stack, o)
			if o.furn {
				furn++
			}
			if o.art {
				art++
			}
		}
		inFurn := furn > 0
		if ip := attr(n, "itemprop"); ip != "" {
			c, ok := attrOK(n, "content")
			if !ok {
				c, ok = attrOK(n, "datetime")
			}
			if ok && n.Data != "meta" {
				s.metas = append(s.metas, metaKV{key: strings.ToLower(ip), kind: "itemprop", content: c})
			}
		}
		switch n.Data {
		case "h1":
			if len(s.h1s) < 8 {
				s.h1s = append(s.h1s, n)
			}
		case "p", "div":
			if seenHead && !inFurn && len(s.sigCands) < 64 && isSignatureLine(n) {
				s.sigCands = append(s.sigCands, n)
			}
		case "img":
			// a logo or banner's alt text names the site
			if alt := attr(n, "alt"); alt != "" && (!seenHead || len(headList) == 0) && len(s.logoNames) < 3 && utf8.RuneCountInString(alt) <= 60 {
				if names := lowerASCII(attr(n, "class") + " " + attr(n, "id") + " " + attr(n, "src")); logoKW.in(names) {
					s.logoNames = append(s.logoNames, alt)
				}
			}
		case "h2":
			if len(s.h2s) < 8 && !inFurn {
				s.h2s = append(s.h2s, n)
			}
		case "time":
			if len(s.timeEls) < maxScanEls {
				s.timeEls = append(s.timeEls, scanEl{n: n, furniture: inFurn})
			}
		case "abbr":
			if len(s.abbrEls) < maxScanEls {
				s.abbrEls = append(s.abbrEls, n)
			}
		}
		names := elementNames(n)
		if len(names) > 2 && n.Data != "body" && n.Data != "html" {
			if dateishName(names) && len(s.dateEls) < maxScanEls {
				s.dateEls = append(s.dateEls, scanEl{n: n, furniture: inFurn, modified: modifiedName(names), afterHead: seenHead, ord: ord})
			}
			if len(s.titleEls) < 64 && titleKW.in(names) && !subtitleKW.in(names) {
				s.titleEls = append(s.titleEls, scanEl{n: n, furniture: inFurn})
			}
			if authorishName(names) && len(s.authorEls) < maxScanEls {
				s.authorEls = append(s.authorEls, scanEl{n: n, furniture: inFurn})
			}
		}
		if strings.EqualFold(attr(n, "rel"), "author") && len(s.authorEls) < maxScanEls {
			s.authorEls = append(s.authorEls, scanEl{n: n, furniture: inFurn})
		}
		return true
	}, func(n *html.Node) {
		if k := len(stack) - 1; k >= 0 && stack[k].n == n {
			if stack[k].furn {
				furn--
			}
			if stack[k].art {
				art--
			}
			stack = stack[:k]
		}
	})
	if s.lang == "" {
		for _, m := range s.metas {
			if m.key == "og:locale" || m.key == "content-language" || m.key == "language" {
				s.lang = strings.ToLower(m.content)
				break
			}
		}
	}
	return s
}

func (s *metaScan) addMeta(n *html.Node) {
	content, ok := attrOK(n, "content")
	if !ok {
		if c, ok2 := attrOK(n, "datetime"); ok2 {
			content, ok = c, true
		}
	}
	if !ok {
		if cs := attr(n, "charset"); cs != "" {
			return
		}
		return
	}
	for _, kind := range [...]string{"property", "name", "itemprop", "http-equiv"} {
		if k, ok := attrOK(n, kind); ok && k != "" {
			key := strings.ToLower(strings.TrimSpace(k))
			if key == "og:url" && s.ogURL == "" {
				s.ogURL = content
			}
			s.metas = append(s.metas, metaKV{key: key, kind: kind, content: content})
			return
		}
	}
	if mdHasAttr(n, "pubdate") {
		s.metas = append(s.metas, metaKV{key: "pubdate", kind: "name", content: content})
	}
}

// headlineAncestors returns the elements that contain the headline: the
// first h1-h3 that the <title> or og:title repeats, else the first h1,
// else the first article element.
func headlineAncestors(root *html.Node) (keep map[*html.Node]bool, heads []*html.Node, matched bool) {
	var title, og string
	var matches []*html.Node
	var h1, art *html.Node
	best := 0
	mdWalk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		switch n.Data {
		case "title":
			if title == "" {
				title = normTitle(mdText(n, 400))
			}
			return false
		case "meta":
			if og == "" && (attr(n, "property") == "og:title" || attr(n, "name") == "twitter:title") {
				og = normTitle(attr(n, "content"))
			}
			return false
		case "h1", "h2", "h3":
			if n.Data == "h1" && h1 == nil {
				h1 = n
			}
			headlineMatch(n, title, og, &matches, &best)
			return false
		case "p", "div", "span", "header", "td", "h4", "strong", "b":
			// headlines styled by class: <p class="h1">, <td class="tieude">
			if c := lowerASCII(attr(n, "class") + " " + attr(n, "itemprop")); len(c) > 2 && headKW.in(c) {
				if headlineMatch(n, title, og, &matches, &best) {
					return false
				}
			}
		case "article":
			if art == nil {
				art = n
			}
		case "script", "style", "svg", "noscript", "template":
			return false
		}
		return true
	}, nil)
	matched = len(matches) > 0
	if len(matches) == 0 && h1 != nil {
		matches = append(matches, h1)
	}
	if len(matches) == 0 && art != nil {
		matches = append(matches, art)
	}
	keep = map[*html.Node]bool{}
	for _, m := range matches {
		for p := m; p != nil && !keep[p]; p = p.Parent {
			keep[p] = true
		}
	}
	return keep, matches, matched
}

// elementNames is an element's class, id and itemprop in lower case
// ("" when it has none); WordPress's "status-publish" names no date.
func elementNames(n *html.Node) string {
	var class, id, ip string
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			class = a.Val
		case "id":
			id = a.Val
		case "itemprop":
			ip = a.Val
		}
	}
	if class == "" && id == "" && ip == "" {
		return ""
	}
	names := lowerASCII(class + " " + id + " " + ip)
	if strings.Contains(names, "status-publish") {
		names = strings.ReplaceAll(names, "status-publish", "")
	}
	return names
}

// headlineMatch records n as the headline when the title repeats its text
// and it is the longest such element so far (not the site name).
func headlineMatch(n *html.Node, title, og string, matches *[]*html.Node, best *int) bool {
	// a text longer than both titles cannot be repeated by them
	limit := max(len(title), len(og))*2 + 16
	raw := mdText(n, limit)
	if len(raw) >= limit {
		return false
	}
	t := normTitle(raw)
	if len(t) < 8 || len(t) < *best || !(strings.Contains(title, t) || strings.Contains(og, t)) {
		return false
	}
	if len(t) > *best {
		*matches, *best = (*matches)[:0], len(t)
	}
	if len(*matches) < 4 {
		*matches = append(*matches, n)
	}
	return true
}

// walkNodes visits the tree under root in document order without
// recursion (pages can nest deeply). enter returns whether to descend;
// leave (may be nil) is called after a descended node's children.
func mdWalk(root *html.Node, enter func(*html.Node) bool, leave func(*html.Node)) {
	if root == nil {
		return
	}
	n := root
	for {
		descend := enter(n)
		if descend && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		if descend && leave != nil {
			leave(n)
		}
		// climb until a sibling is found
		for {
			if n == root {
				return
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
			if n == nil {
				return
			}
			if leave != nil {
				leave(n) // its children are done
			}
		}
	}
}

func mdHasAttr(n *html.Node, key string) bool {
	_, ok := attrOK(n, key)
	return ok
}

var mdBlockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "td": true, "th": true, "tr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "section": true, "article": true,
	"header": true, "footer": true, "table": true, "dd": true, "dt": true, "blockquote": true, "figure": true,
	"figcaption": true, "hr": true,
}

// nodeText returns the text under n, spaces collapsed, block boundaries
// as spaces, cut after about limit bytes.
func mdText(n *html.Node, limit int) string {
	var b strings.Builder
	space := false
	mdWalk(n, func(c *html.Node) bool {
		if b.Len() >= limit {
			return false
		}
		switch c.Type {
		case html.TextNode:
			for _, r := range c.Data {
				if unicode.IsSpace(r) || r == 0xa0 {
					space = true
					continue
				}
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteRune(r)
				if b.Len() >= limit {
					break
				}
			}
			return false
		case html.ElementNode:
			switch c.Data {
			case "script", "style", "noscript", "template", "svg":
				return false
			}
			if mdBlockTags[c.Data] {
				space = true
			}
			return true
		}
		return c == n
	}, nil)
	return b.String()
}

const (
	furnNone = iota
	furnWeak
	furnStrong
)

// furnitureKind classifies containers that hold other articles' dates and
// bylines: comments, related and popular lists, navigation (strong), and
// side panels and widgets (weak: inside an article they hold its own
// metadata). English and Vietnamese CMS names.
func furnitureKind(n *html.Node) int {
	switch n.Data {
	case "nav":
		return furnStrong
	case "aside":
		return furnWeak
	case "body", "html", "main", "article", "h1":
		return furnNone
	}
	kind := furnNone
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		v := a.Val
		for i := 0; i < len(v); {
			for i < len(v) && isNameSep(v[i]) {
				i++
			}
			j := i
			for j < len(v) && !isNameSep(v[j]) {
				j++
			}
			if j > i {
				switch furnitureWords[lowerASCII(v[i:j])] {
				case furnStrong:
					return furnStrong
				case furnWeak:
					kind = furnWeak
				}
			}
			i = j
		}
	}
	return kind
}

func isNameSep(c byte) bool { return c == ' ' || c == '-' || c == '_' || c == '\t' || c == '\n' }

var furnitureWords = map[string]int{}

func init() {
	for _, w := range []string{"comment", "comments", "commentlist", "related", "relatedposts", "recent", "popular", "mostread",
		"trending", "navigation", "navbar", "menu", "breadcrumb", "breadcrumbs", "tinlienquan", "lienquan",
		"tinkhac", "binhluan", "docnhieu", "xemnhieu", "tinmoi", "yarpp", "crp", "disqus", "reply", "replies",
		"respond", "pingback", "trackback"} {
		furnitureWords[w] = furnStrong
	}
	for _, w := range []string{"sidebar", "widget", "widgets", "sidebox", "cotphai", "cottrai", "chantrang", "jp", "most"} {
		furnitureWords[w] = furnWeak
	}
}

// lowerASCII lower-cases s, allocating only when it has capitals.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// kwSet finds any of a set of keywords inside a string, indexed by the
// keyword's first byte, with a bitmap of the second bytes that follow it
// (one pass, no allocation; most positions are passed over on two table
// reads).
type kwSet struct {
	first  [256][]string
	second [256][4]uint64 // second[b]: the bytes that follow b in a keyword
	single [256]bool      // a one-byte keyword
}

func newKWSet(words ...string) *kwSet {
	k := &kwSet{}
	for _, w := range words {
		k.first[w[0]] = append(k.first[w[0]], w)
		if len(w) == 1 {
			k.single[w[0]] = true
			continue
		}
		k.second[w[0]][w[1]>>6] |= 1 << (w[1] & 63)
	}
	return k
}

func (k *kwSet) in(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		b, c := s[i], s[i+1]
		if k.second[b][c>>6]&(1<<(c&63)) == 0 && !k.single[b] {
			continue
		}
		for _, w := range k.first[b] {
			if strings.HasPrefix(s[i:], w) {
				return true
			}
		}
	}
	if n := len(s); n > 0 && k.single[s[n-1]] {
		return true
	}
	return false
}

var (
	dateKW = newKWSet("date", "datum", "time", "publish", "posted", "byline", "dateline", "fecha", "parution",
		"ngay", "thoigian", "thoi-gian", "thoi_gian", "submitted", "created", "meta", "subline", "author", "autor",
		"post-info", "postinfo", "article-info", "entry-info", "data-publ", "calendar", "zeit", "pubdate", "stamp")
	updateKW   = newKWSet("update")
	pubNameKW  = newKWSet("publish", "date-pub")
	notDateKW  = newKWSet("timeline", "runtime", "datetimepicker", "dateformat", "metabox-toggle")
	modifiedKW = newKWSet("update", "modif", "lastmod", "revised", "capnhat", "cap-nhat")
	titleKW    = newKWSet("tieude", "tieu-de", "tieu_de", "headline", "title")
	subtitleKW = newKWSet("subtitle", "sub-title", "tieudephu")
	headKW     = newKWSet("h1", "title", "headline", "tieude", "tieu-de")
	logoKW     = newKWSet("logo", "banner", "masthead")
	notAuthKW  = newKWSet("comment", "avatar", "author-box", "authorbox", "about-author", "author-bio", "author-desc", "authors-list", "photo", "anh-")
	authKW     = newKWSet("author", "autor", "byline", "tacgia", "tac-gia", "tac_gia", "writer", "reporter",
		"nguoiviet", "nguoi-viet", "butdanh", "but-danh", "journalist", "verfasser", "creator", "signature", "auteur")
)

// dateishName reports class/id/itemprop names of date or byline holders.
func dateishName(names string) bool {
	if dateKW.in(names) {
		// names that only look like dates
		if updateKW.in(names) && !pubNameKW.in(names) {
			return true // kept, marked as modified
		}
		return !notDateKW.in(names)
	}
	for i := 0; i < len(names); {
		for i < len(names) && isNameSep(names[i]) {
			i++
		}
		j := i
		for j < len(names) && !isNameSep(names[j]) {
			j++
		}
		switch names[i:j] {
		case "data", "info", "details", "czas":
			return true
		}
		i = j
	}
	return false
}

func modifiedName(names string) bool { return modifiedKW.in(names) }

// ---- title ----

func (s *metaScan) metaValue(keys ...string) string {
	for _, k := range keys {
		for _, m := range s.metas {
			if m.key == k {
				if v := cleanTitle(html.UnescapeString(m.content)); v != "" {
					return v
				}
			}
		}
	}
	return ""
}

// siteNames lists the page's own names: og:site_name, application-name,
// the JSON-LD publisher or website, and the host.
func (s *metaScan) siteNames() []string {
	var out []string
	for _, k := range [...]string{"og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site", "publisher", "copyright", "dc.publisher"} {
		if v := s.metaValue(k); v != "" && len(v) < 80 {
			out = append(out, strings.TrimPrefix(v, "@"))
		}
	}
	ld := s.ldData()
	out = append(out, ld.sites...)
	out = append(out, s.logoNames...)
	for _, u := range [...]string{s.canonical, s.ogURL} {
		if h := hostOf(u); h != "" {
			out = append(out, h)
			break
		}
	}
	return out
}

func hostOf(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		return ""
	}
	h := u[i+3:]
	if j := strings.IndexAny(h, "/?#:"); j >= 0 {
		h = h[:j]
	}
	return strings.TrimPrefix(strings.ToLower(h), "www.")
}

func (s *metaScan) title() string {
	og := s.metaValue("og:title", "twitter:title", "dc.title", "dcterms.title", "parsely-title", "sailthru.title", "title")
	ld := s.ldData()
	tt := s.titleTag
	sites := s.siteNames()
	var heads []string
	for _, n := range s.h1s {
		if t := cleanTitle(mdText(n, 400)); t != "" && len(t) < 400 {
			heads = append(heads, t)
		}
	}
	// 1. the longest heading that the title or og:title repeats
	for _, n := range s.headNodes {
		h := cleanTitle(mdText(n, 400))
		if h == "" || isSiteName(h, sites) || utf8.RuneCountInString(h) < 4 {
			continue
		}
		// an h1 that says more than the title-tag headline ("Irme
		// Stetter-Karp" → "Irme Stetter-Karp ist neue ZdK-Präsidentin")
		nh := normTitle(h)
		for _, h1 := range heads {
			if n1 := normTitle(h1); len(n1) > len(nh) && len(n1) < 300 && strings.Contains(n1, nh) {
				return h1
			}
		}
		return stripSiteNameIn(h, sites, true)
	}
	// 2. an h1 that the JSON-LD headline repeats
	for _, h := range heads {
		if isSiteName(h, sites) || utf8.RuneCountInString(h) < 4 {
			continue
		}
		nh := normTitle(h)
		for _, ref := range [...]string{ld.headline} {
			if ref == "" {
				continue
			}
			nr := normTitle(ref)
			if nr == nh || (len(nh) >= 10 && strings.Contains(nr, nh)) {
				return h
			}
		}
	}
	for _, cand := range [...]string{og, ld.headline, tt} {
		if cand == "" {
			continue
		}
		t := stripSiteName(cand, sites)
		if t != "" && !isSiteName(t, sites) {
			return t
		}
	}
	for _, h := range heads {
		if !isSiteName(h, sites) {
			return h
		}
	}
	// the longest element named as a headline (old table layouts:
	// <td class="tieude">), else an h2
	best := ""
	for _, e := range s.titleEls {
		if e.furniture {
			continue
		}
		t := cleanTitle(mdText(e.n, 400))
		if n := utf8.RuneCountInString(t); n >= 10 && n <= 250 && len(t) > len(best) && !isSiteName(t, sites) {
			best = t
		}
	}
	if best != "" {
		return best
	}
	for _, n := range s.h2s {
		if t := cleanTitle(mdText(n, 400)); t != "" && !isSiteName(t, sites) {
			return t
		}
	}
	return ""
}

// cleanTitle collapses spaces and drops soft hyphens and zero-width
// characters.
func cleanTitle(s string) string {
	if strings.ContainsAny(s, "\u00ad\u200b\u200c\u200d\ufeff") {
		s = strings.Map(func(r rune) rune {
			switch r {
			case '\u00ad', '\u200b', '\u200c', '\u200d', '\ufeff':
				return -1
			}
			return r
		}, s)
	}
	return foldSpaces(s)
}

// normTitle folds case, quotes and spaces for comparing titles.
func normTitle(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isSiteName(t string, sites []string) bool {
	nt := normTitle(t)
	if nt == "" {
		return true
	}
	for _, s := range sites {
		ns := normTitle(s)
		if ns == "" {
			continue
		}
		if nt == ns {
			return true
		}
		// the host: "laodong.vn" vs "Lao Động"
		if strings.Contains(s, ".") && !strings.Contains(s, " ") {
			label := s
			if i := strings.IndexByte(label, '.'); i > 0 {
				label = label[:i]
			}
			if normTitle(foldAccents(t)) == normTitle(label) || normTitle(foldAccents(t)) == ns {
				return true
			}
		}
	}
	return false
}

// foldAccents drops Latin diacritics and maps đ to d (for host matching).
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var titleSeps = []string{" | ", " || ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " / ", " ~ ", " › ", " ‹ ", " : "}

// stripSiteName cuts a leading or trailing site name from a title:
// "Headline - Báo Lao Động", "Site | Headline". Without a known site name,
// a short last part after a strong separator ("|", "–", "::") is cut when
// the rest is clearly longer.
func stripSiteName(t string, sites []string) string {
	return stripSiteNameIn(t, sites, false)
}

// stripSiteNameIn is stripSiteName; for visible headings (heading true)
// only known site names, hosts and short tails after a pipe are cut.
func stripSiteNameIn(t string, sites []string, heading bool) string {
	for iter := 0; iter < 3; iter++ {
		changed := false
		for _, sep := range titleSeps {
			i := strings.LastIndex(t, sep)
			if i > 0 {
				last := strings.TrimSpace(t[i+len(sep):])
				if isSiteName(last, sites) || looksLikeHost(last) {
					t, changed = strings.TrimSpace(t[:i]), true
					break
				}
			}
			if j := strings.Index(t, sep); j > 0 {
				first := strings.TrimSpace(t[:j])
				if isSiteName(first, sites) || looksLikeHost(first) {
					t, changed = strings.TrimSpace(t[j+len(sep):]), true
					break
				}
			}
		}
		if !changed {
			break
		}
	}
	// unknown site name after a pipe or similar: cut short tails
	for iter := 0; iter < 3; iter++ {
		cut := cutShortTail(t, heading)
		if cut == t {
			break
		}
		t = cut
	}
	return t
}

func cutShortTail(t string, heading bool) string {
	for _, sep := range [...]string{" | ", " || ", " :: ", " » ", " - ", " – ", " — ", " : "} {
		if heading && sep != " | " && sep != " || " {
			continue
		}
		i := strings.LastIndex(t, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):])
		tw, hw := len(strings.Fields(tail)), len(strings.Fields(head))
		if tw <= 4 && hw >= 2*tw && hw >= 3 && (sep == " | " || sep == " || " || sep == " :: " || sep == " » " || startsUpper(tail)) {
			if sep == " - " || sep == " – " || sep == " — " || sep == " : " {
				// a dash may be part of the headline: cut only a name-like tail
				if !nameLikeTail(tail) {
					continue
				}
			}
			return head
		}
	}
	return t
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// nameLikeTail: every word capitalised (or a host), as site names are.
func nameLikeTail(s string) bool {
	if looksLikeHost(s) {
		return true
	}
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func looksLikeHost(s string) bool {
	if strings.ContainsAny(s, " /") || !strings.Contains(s, ".") {
		return false
	}
	i := strings.LastIndexByte(s, '.')
	tld := s[i+1:]
	if len(tld) < 2 || len(tld) > 6 {
		return false
	}
	for _, r := range tld {
		if r < 'a' || r > 'z' {
			if r < 'A' || r > 'Z' {
				return false
			}
		}
	}
	return true
}

// ---- JSON-LD ----

type ldInfo struct {
	headline string
	authors  []string
	sites    []string
}

// ldParsed returns the i-th JSON-LD script decoded (once), and false when
// it is not valid JSON.
func (s *metaScan) ldParsed(i int) (any, bool) {
	if s.ldValues == nil {
		s.ldValues = make([]any, len(s.jsonLD))
		s.ldOK = make([]bool, len(s.jsonLD))
		for j, raw := range s.jsonLD {
			s.ldOK[j] = json.Unmarshal([]byte(cleanJSON(raw)), &s.ldValues[j]) == nil
		}
	}
	return s.ldValues[i], s.ldOK[i]
}

func (s *metaScan) ldData() *ldInfo {
	if s.ld != nil {
		return s.ld
	}
	s.ld = &ldInfo{}
	bestHead := 99
	bestAuth := 99
	for i := range s.jsonLD {
		data, ok := s.ldParsed(i)
		if !ok {
			continue
		}
		walkJSONLD(data, 0, func(obj map[string]any) {
			rank := jsonTypeRank(obj)
			if h, ok := obj["headline"].(string); ok && rank < bestHead && strings.TrimSpace(h) != "" {
				s.ld.headline, bestHead = foldSpaces(html.UnescapeString(h)), rank
			}
			if a, ok := obj["author"]; ok && rank < bestAuth && rank < 6 {
				if names := ldNames(a); len(names) > 0 {
					s.ld.authors, bestAuth = names, rank
				}
			}
			if p, ok := obj["publisher"].(map[string]any); ok {
				if n, ok := p["name"].(string); ok && n != "" {
					s.ld.sites = append(s.ld.sites, n)
				}
			}
			if t, ok := obj["@type"].(string); ok && (t == "WebSite" || t == "Organization" || t == "NewsMediaOrganization") {
				if n, ok := obj["name"].(string); ok && n != "" {
					s.ld.sites = append(s.ld.sites, n)
				}
			}
		})
	}
	return s.ld
}

func ldNames(a any) []string {
	var out []string
	add := func(x any) {
		switch t := x.(type) {
		case string:
			if !strings.Contains(t, "://") {
				out = append(out, t)
			}
		case map[string]any:
			if typ, _ := t["@type"].(string); typ == "Organization" || typ == "NewsMediaOrganization" {
				return
			}
			if n, ok := t["name"].(string); ok && !strings.Contains(n, "://") {
				out = append(out, n)
			}
		}
	}
	switch t := a.(type) {
	case []any:
		for _, x := range t {
			add(x)
		}
	default:
		add(t)
	}
	return out
}

// ---- author ----

func (s *metaScan) author() string {
	weak := ""
	consider := func(a string) bool {
		if a == "" || s.isSiteAuthor(a) {
			return false
		}
		if usernameLike(a) {
			if weak == "" {
				weak = a
			}
			return false
		}
		return true
	}
	// 1. JSON-LD
	if names := s.ldData().authors; len(names) > 0 {
		if a := joinAuthors(names); consider(a) {
			return a
		}
	}
	// 2. meta tags
	for _, k := range [...]string{"author", "article:author", "og:article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl", "citation_author", "dc:creator"} {
		for _, m := range s.metas {
			if m.key != k || m.kind == "itemprop" {
				continue
			}
			if a := cleanAuthor(html.UnescapeString(m.content)); consider(a) {
				return a
			}
		}
	}
	// 3. byline elements
	for _, e := range s.authorEls {
		if e.furniture {
			continue
		}
		if a := cleanAuthor(bylineText(e.n)); consider(a) {
			return a
		}
	}
	// 4. the signature line closing the article
	if a := s.signature(); consider(a) {
		return a
	}
	return weak
}

// bylineText is the text of a byline element: a nested itemprop=name
// when there is one, with spaces between inline elements.
func bylineText(n *html.Node) string {
	if n.Data == "link" || n.Data == "meta" {
		return ""
	}
	t := ""
	mdWalk(n, func(c *html.Node) bool {
		if t != "" {
			return false
		}
		if c != n && c.Type == html.ElementNode && strings.EqualFold(attr(c, "itemprop"), "name") {
			t = mdTextSpaced(c, 120)
			return false
		}
		return true
	}, nil)
	if t == "" {
		t = mdTextSpaced(n, 200)
	}
	if utf8.RuneCountInString(t) > 150 {
		return ""
	}
	return t
}

// mdTextSpaced is mdText with a space at every element boundary.
func mdTextSpaced(n *html.Node, limit int) string {
	var b strings.Builder
	mdWalk(n, func(c *html.Node) bool {
		if b.Len() >= limit {
			return false
		}
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
			return false
		case html.ElementNode:
			switch c.Data {
			case "script", "style", "noscript", "template", "svg", "button", "select":
				return false
			}
			b.WriteByte(' ')
			return true
		}
		return c == n
	}, nil)
	return cleanTitle(b.String())
}

// signature finds the name line that closes an article, as Vietnamese
// papers print it: a short paragraph of capitalised words (often bold or
// right-aligned) right after a long body paragraph.
func (s *metaScan) signature() string {
	vi := s.vietnamese()
	var found string
	for _, p := range s.sigCands {
		t := mdTextSpaced(p, 120)
		// capitalised words make a name only in Vietnamese (German
		// capitalises every noun)
		if a := cleanAuthor(t); a != "" && nameLike(a) && (vi || vietnameseLetters(a)) {
			found = a
		}
	}
	return found
}

// isSignatureLine reports a short paragraph that follows a long body
// paragraph and is not followed by another: the closing byline.
func isSignatureLine(p *html.Node) bool {
	t := mdText(p, 120)
	if n := utf8.RuneCountInString(t); n < 4 || n > 60 {
		return false
	}
	if !longTextBefore(p) {
		return false
	}
	if next := nextElement(p); next != nil && next.Data == "p" && len(mdText(next, 300)) >= 200 {
		return false
	}
	return true
}

// longTextBefore reports a long paragraph (an element or a text run
// ended by <br>) right before n.
func longTextBefore(n *html.Node) bool {
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		switch c.Type {
		case html.TextNode:
			if t := strings.TrimSpace(c.Data); t != "" {
				return len(t) >= 200
			}
		case html.ElementNode:
			if c.Data == "br" {
				continue
			}
			return (c.Data == "p" || c.Data == "div") && len(mdText(c, 300)) >= 200
		}
	}
	return false
}

func nextElement(n *html.Node) *html.Node {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return nil
		}
	}
	return nil
}

// vietnamese reports a page in Vietnamese: declared, or its title uses
// Vietnamese letters.
func (s *metaScan) vietnamese() bool {
	return strings.HasPrefix(s.lang, "vi") || vietnameseLetters(s.titleTag)
}

// vietnameseLetters reports letters only Vietnamese uses (ă, ơ, ư, đ and
// the dot-below and hook-above tones).
func vietnameseLetters(s string) bool {
	for _, r := range strings.ToLower(s) {
		switch {
		case r == 'ă' || r == 'ơ' || r == 'ư' || r == 'đ':
			return true
		case r >= 0x1EA0 && r <= 0x1EF9: // Latin Extended Additional: ạ ả ấ ... ỹ
			return true
		}
	}
	return false
}

// nameLike reports 2 to 6 words that all start with a capital letter,
// or an all-capitals line: a person's name.
func nameLike(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 6 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// usernameLike reports a login name ("christian.stadtfeld", "fhaacker"):
// one lower-case token.
func usernameLike(s string) bool {
	if strings.ContainsAny(s, " ") {
		return false
	}
	for _, r := range s {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func (s *metaScan) isSiteAuthor(a string) bool {
	return isSiteName(a, s.siteNames())
}

func joinAuthors(names []string) string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		if a := cleanAuthor(n); a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return strings.Join(out, "; ")
}

// authorPrefixes are the byline labels cut before the name (lower case).
var authorPrefixes = []string{
	"bài và ảnh:", "bài và ảnh", "bài, ảnh:", "bài/ảnh:", "bài:", "tác giả:", "tác giả", "người viết:", "thực hiện:", "nhóm pv:",
	"theo:", "theo ", "posted by", "published by", "written by", "words by", "story by", "text by", "reported by", "by:", "by ",
	"veröffentlicht von", "erstellt von", "eingestellt von", "geschrieben von", "publiziert von", "verfasst von", "ein beitrag von",
	"von:", "von ", "autor:", "autorin:", "autor ", "autorin ", "text und interview:", "text und fotos:", "text & fotos:", "text:",
	"interview:", "auteur :", "auteur:", "par :", "par ", "par:", "por:", "por ", "di ", "door ", "av ", "author:", "redakteur:",
}

// photo credits and other lines that are not a byline
var notBylinePrefixes = []string{"ảnh:", "ảnh ", "foto:", "fotos:", "photo:", "photos:", "bild:", "bildquelle:", "quelle:", "nguồn:", "source:", "©", "(c)",
	"veröffentlicht am", "publiziert am", "posted on", "published on", "erstellt am", "sign in", "log in", "login", "anmelden", "đăng nhập"}

// honorifics cut before a Vietnamese or other name.
var honorifics = []string{"đ/c ", "đồng chí ", "ông ", "bà ", "anh ", "chị ", "ths. ", "ths ", "ts. ", "pgs.ts ", "pgs.ts. ", "pgs. ts. ", "gs.ts. ", "dr. ", "prof. ", "mr. ", "mrs. ", "ms. ", "nhà báo ", "pv ", "pv. ", "phóng viên ", "luật sư ", "ls. "}

// vnRoles start a role, not a name ("Chủ tịch LĐLĐ tỉnh").
var vnRoles = []string{"chủ tịch", "phó chủ tịch", "giám đốc", "phó giám đốc", "trưởng", "phó trưởng", "bí thư", "phó bí thư",
	"ủy viên", "uỷ viên", "cán bộ", "chuyên viên", "thư ký", "tổng biên tập", "phóng viên", "cộng tác viên", "ctv", "kế toán"}

// cleanAuthor strips labels, honorifics, roles, dates and handles from a
// byline; "" when what is left does not look like a name.
func cleanAuthor(s string) string {
	s = strings.TrimLeft(cleanTitle(s), ":-–—|,.•· ")
	if s == "" || strings.Contains(s, "://") || strings.HasPrefix(s, "www.") {
		return ""
	}
	ls := strings.ToLower(s)
	for _, p := range notBylinePrefixes {
		if strings.HasPrefix(ls, p) {
			return ""
		}
	}
	// "Hoạt động công đoàn - Đ/c Nguyễn Văn Danh - Chủ tịch LĐLĐ tỉnh":
	// the part with an honorific, else the first part that is a name
	if parts := splitByline(s); len(parts) > 1 {
		pick := ""
		for _, p := range parts {
			if hasHonorific(p) {
				pick = p
				break
			}
		}
		if pick == "" {
			for _, p := range parts {
				if q := stripBylineLabels(p); nameLike(q) && !isRole(q) {
					pick = p
					break
				}
			}
		}
		if pick == "" {
			pick = parts[0]
		}
		s = pick
	}
	s = stripBylineLabels(s)
	// a role, date or place after the name: "Name, 28 September 2020"
	for _, sep := range [...]string{" | ", " (", ", ", " · ", " • ", " on ", " am ", " le ", " el ", " il ", " / "} {
		if i := strings.Index(s, sep); i > 0 {
			s = strings.TrimSpace(s[:i])
		}
	}
	s = strings.Trim(s, " :-–—|,;@•·")
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 60 || isRole(s) {
		return ""
	}
	// no digits, mail addresses, or long sentences
	if strings.ContainsAny(s, "0123456789@<>{}=[]") || len(strings.Fields(s)) > 6 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) {
		return ""
	}
	ls = strings.ToLower(s)
	switch ls {
	case "admin", "administrator", "author", "autor", "autorin", "anonymous", "unknown", "editor", "staff", "super user",
		"kommentar", "comment", "comments", "share", "follow", "tác giả", "more", "posts", "view all", "posted", "published",
		"veröffentlicht", "publiziert am", "publisher", "by", "von", "por", "par", "theo", "written", "redakteur", "guest":
		return ""
	}
	for _, org := range [...]string{" gmbh", " e.v", " e. v", " ag", " inc", " ltd", " llc", " verlag", " s.a.", " kg"} {
		if strings.HasSuffix(ls, org) || strings.Contains(ls, org+" ") || strings.Contains(ls, org+".") {
			return ""
		}
	}
	return s
}

func splitByline(s string) []string {
	for _, sep := range [...]string{" - ", " – ", " — "} {
		if strings.Contains(s, sep) {
			var out []string
			for _, p := range strings.Split(s, sep) {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
			return out
		}
	}
	return []string{s}
}

func hasHonorific(s string) bool {
	ls := strings.ToLower(s)
	for _, p := range honorifics[:4] { // đ/c, đồng chí, ông, bà
		if strings.HasPrefix(ls, p) {
			return true
		}
	}
	return false
}

func isRole(s string) bool {
	ls := strings.ToLower(s)
	for _, r := range vnRoles {
		if strings.HasPrefix(ls, r) {
			return true
		}
	}
	return false
}

// stripBylineLabels cuts labels ("By", "Theo", "Bài và ảnh:") and
// honorifics ("Đ/c", "Dr.") before a name.
func stripBylineLabels(s string) string {
	s = strings.TrimLeft(s, ":-–—|,.•· ")
	for i := 0; i < 4; i++ {
		ls := strings.ToLower(s)
		cut := false
		for _, p := range authorPrefixes {
			if strings.HasPrefix(ls, p) {
				s = strings.TrimSpace(s[len(p):])
				cut = true
				break
			}
		}
		if !cut {
			for _, p := range honorifics {
				if strings.HasPrefix(ls, p) {
					s = strings.TrimSpace(s[len(p):])
					cut = true
					break
				}
			}
		}
		s = strings.TrimLeft(s, ":-–—|,. ")
		if !cut {
			break
		}
	}
	return s
}

// authorishName reports class/id/itemprop names of byline holders
// (English, German, French, Spanish and Vietnamese CMS slugs).
func authorishName(names string) bool {
	return authKW.in(names) && !notAuthKW.in(names)
}
