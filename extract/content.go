package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/tinso/tinso/corpus"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The generic main-content finder works like Mozilla's Readability, with
// the paragraph-level filtering of trafilatura and Vietnamese CMS class
// names: drop the furniture the markup names (nav, aside, footer,
// "tinlienquan", "binhluan", ...), score the containers of paragraphs by the
// text they hold, keep the best one and those of its siblings that look
// alike, then print its blocks one a paragraph, leaving out link lists.

// maxTreeDepth bounds every walk of the element tree: real pages nest a few
// dozen levels, and a page nested deeper is cut there instead of costing
// time or stack.
const maxTreeDepth = 400

// Class and id words, matched as substrings of the lower-cased class and
// id attributes like Readability's patterns, extended with the slugs of
// Vietnamese CMSs (tinlienquan: related news, binhluan: comments, chiase:
// share, luotxem: views, chantrang: footer, cotphai: right column,
// menungang: top menu, quangcao: advertising, noidung: content, chitiet:
// detail, tomtat: lead). The lists are searched as keyword sets (kwSet),
// several times faster than one regexp alternation on every element of
// every page.
var (
	// unlikelyNames mark furniture left out outright, unless a class or
	// id of their own names content (maybeNames, see rescued) or they
	// name an article's header (isArticleHeader).
	unlikelyNames = []string{
		"-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment",
		"community", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header",
		"legends", "menu", "related", "remark", "replies", "rss", "shoutbox",
		"sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break",
		"agegate", "pagination", "pager", "popup", "yom-remote", "teaser",
		"newsletter", "paywall", "recommend", "subscri", "signup", "sign-up",
		"cookie", "consent", "modal", "dialog", "adblock", "ad-block",
		"disclaimer", "disclosure", "affiliate", "ratings", "rating-",
		"sharing", "share-", "-share", "shariff", "author-bio", "authorbio",
		"about-the-author", "abouttheauthor", "authorbox", "author-box",
		"tag-list", "taglist", "tagcloud", "read-more", "readmore",
		"more-articles", "morearticles", "most-read", "mostread", "trending",
		"outbrain", "taboola", "tinlienquan", "tin-lien-quan", "lienquan",
		"lien-quan", "tinkhac", "tin-khac", "docnhieu", "doc-nhieu", "xemnhieu",
		"xem-nhieu", "binhluan", "binh-luan", "chiase", "chia-se", "luotxem",
		"luot-xem", "chantrang", "chan-trang", "dautrang", "dau-trang",
		"menungang", "cotphai", "cot-phai", "cottrai", "cot-trai", "quangcao",
		"quang-cao", "thongke", "duongdan", "thamdo", "tham-do", "copyright",
		"banquyen", "ban-quyen",
	}
	maybeNames = []string{
		"and", "article", "body", "column", "content", "main", "mathjax",
		"shadow", "noidung", "noi-dung", "chitiet", "chi-tiet", "baiviet",
		"bai-viet",
	}
	// negativeNames and positiveNames weigh a container's score.
	negativeNames = []string{
		"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
		"footer", "gdpr", "masthead", "media", "meta", "outbrain", "promo",
		"related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
		"sponsor", "shopping", "tags", "widget", "tinlienquan", "lienquan",
		"tinkhac", "binhluan", "chiase", "luotxem", "chantrang", "quangcao",
		"thongke", "cotphai", "ngaydang", "tacgia",
	}
	positiveNames = []string{
		"article", "body", "content", "entry", "hentry", "h-entry", "main",
		"page", "pagination", "post", "text", "blog", "story", "noidung",
		"noi-dung", "chitiet", "chi-tiet", "baiviet", "bai-viet", "tomtat",
		"sapo", "detail",
	}
	// bodyNames are the class and id words CMSs give the article text
	// itself (trafilatura's first-choice list, and Vietnamese ones): a
	// strong signal, weighed like itemprop="articleBody".
	bodyNames = []string{
		"post-text", "post_text", "post-body", "post-entry", "postentry",
		"post-content", "post_content", "postcontent", "article-text",
		"articletext", "entry-content", "article-content", "article__content",
		"article-body", "article__body", "articlebody", "articlecontent",
		"body-text", "art-content", "story-body", "storycontent",
		"story-content", "field-body", "fulltext", "detail-content",
		"content-detail", "news-content", "noidung", "noi-dung",
		"chitiet-noidung", "singular-content", "fck_detail", "cms-body",
	}
	// bylineNames mark the byline, dateline and share/meta rows above or
	// below an article: left out of the body when short.
	bylineNames = []string{
		"byline", "author", "dateline", "date", "time", "meta", "posted",
		"publish", "credit", "caption-credit", "tacgia", "tac-gia", "ngaydang",
		"ngay-dang", "thoigian", "thoi-gian", "nguon",
	}
)

// neutralNames are CMS class names that hold a negative word but say
// nothing of the element: Drupal's "field--label-hidden" hides a field's
// label, not the field; Elementor wraps every block of a page, the
// article's paragraphs too, in "elementor-widget-container".
var neutralNames = []string{"label-hidden", "elementor-widget"}

// nameClass is what an element's class and id say about it.
type nameClass uint8

const (
	nameUnlikely nameClass = 1 << iota
	nameNegative
	namePositive
	nameByline
	nameArticleBody // itemprop="articleBody"
	nameFurniture   // a furniture word, whatever else the names say
	nameClassified  // the other bits are set
)

// The word lists as keyword sets: one pass over an element's names per
// list instead of one search per word.
var (
	unlikelyKW      = newKWSet(unlikelyNames...)
	maybeKW         = newKWSet(maybeNames...)
	negativeKW      = newKWSet(negativeNames...)
	positiveKW      = newKWSet(positiveNames...)
	bodyKW          = newKWSet(bodyNames...)
	bylineKW        = newKWSet(bylineNames...)
	articleHeaderKW = newKWSet(articleHeaderNames...)
)

// classify reads an element's class, id and itemprop once.
func classify(n *html.Node) nameClass {
	c := nameClassified
	var names string
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			names += " " + a.Val
		case "itemprop":
			if strings.Contains(a.Val, "articleBody") {
				c |= nameArticleBody
			}
			continue
		}
	}
	if names == "" {
		return c
	}
	names = lowerASCII(names) + " "
	if unlikelyKW.in(names) {
		if !rescued(names) && !isArticleHeader(names) {
			c |= nameUnlikely
		}
		// Beside the content, a furniture word is furniture whatever
		// else the names say: "article-body__newsletter" and
		// "post-related" are not the article's text. "header" alone
		// does not count: the header beside an article is its own
		// more often than not.
		if !strings.Contains(names, "header") || unlikelyKW.in(strings.ReplaceAll(names, "header", " ")) {
			c |= nameFurniture
		}
	}
	neg := names
	for _, w := range neutralNames {
		if strings.Contains(neg, w) {
			neg = strings.ReplaceAll(neg, w, "")
		}
	}
	if negativeKW.in(neg) || strings.Contains(names, " hid ") {
		c |= nameNegative
	}
	if positiveKW.in(names) {
		c |= namePositive
	}
	if bodyKW.in(names) {
		c |= nameArticleBody
	}
	if bylineKW.in(names) && !strings.Contains(names, "caption") {
		c |= nameByline
	}
	return c
}

// rescued reports whether names that hold a furniture word also name
// content in a class or id of their own: "column sidebar" and "entry-content
// share-enabled" are content, "author-box--content", "comments-body" and
// "related-content" are furniture's parts (a class names a part of a
// block by adding to the block's name).
func rescued(names string) bool {
	for _, tok := range strings.Fields(names) {
		if maybeKW.in(tok) && !unlikelyKW.in(tok) {
			return true
		}
	}
	return false
}

// articleHeaderNames tell an article's own header (title, lead, byline:
// "entry-header", "post__header", "single-header", "intro-header") from
// the page's (logo, menu).
var articleHeaderNames = []string{"article", "post", "entry", "story", "single", "intro", "lead", "detail", "news"}

// isArticleHeader reports whether names, lower-cased and padded with
// spaces, are those of an article's header: "header" is their only
// furniture word and an article word goes with it.
func isArticleHeader(names string) bool {
	if !strings.Contains(names, "header") || !articleHeaderKW.in(names) {
		return false
	}
	return !unlikelyKW.in(strings.ReplaceAll(names, "header", " "))
}

// droppedTags never hold article text.
var droppedTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true,
	atom.Svg: true, atom.Canvas: true, atom.Nav: true, atom.Aside: true,
	atom.Footer: true, atom.Object: true, atom.Embed: true,
	atom.Template: true, atom.Dialog: true, atom.Head: true, atom.Menu: true,
	atom.Audio: true, atom.Video: true, atom.Map: true,
}

// blockTags start and end a paragraph of output text.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Table: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Ul: true, atom.Caption: true,
	atom.Center: true, atom.Summary: true, atom.Body: true,
}

// nodeStats are the text measures of one element's subtree.
type nodeStats struct {
	chars     int // letters and digits of the text
	linkChars int // of which inside links
	commas    int
	paras     int // <p> descendants
	lis       int // <li> descendants
	inputs    int
	ownChars  int // chars of the inline text not inside a block child
	ownLinks  int
	ownCommas int
	capChars  int // chars inside figures and their captions
	score     float64
	scored    bool
}

// contentFinder holds the state of one pass of the main-content search.
// A pass never changes the tree: what it leaves out is marked in skip, so
// that a stricter pass that finds too little can be followed by a looser
// one on the same tree.
type contentFinder struct {
	stripUnlikely bool // leave out elements named like furniture
	weightClasses bool // let class and id names weigh the scores
	cleanLists    bool // leave out link lists and forms inside the content
	skip          map[*html.Node]bool
	allChars      map[*html.Node]int // chars of each subtree, nothing skipped
	nameCache     map[*html.Node]nameClass
	stats         map[*html.Node]*nodeStats
	total         int // chars of the whole body
	candidates    []*html.Node
}

func (f *contentFinder) stat(n *html.Node) *nodeStats {
	s := f.stats[n]
	if s == nil {
		s = &nodeStats{}
		f.stats[n] = s
	}
	return s
}

// names returns the classification of an element, computed once per
// page and shared by the passes.
func (f *contentFinder) names(n *html.Node) nameClass {
	c := f.nameCache[n]
	if c == 0 {
		c = classify(n)
		f.nameCache[n] = c
	}
	return c
}

// classWeight is Readability's class weight: +25 for an article-like class
// or id, -25 for furniture-like; +50 for itemprop="articleBody".
func (f *contentFinder) classWeight(n *html.Node) float64 {
	c := f.names(n)
	w := 0.0
	if c&nameNegative != 0 {
		w -= 25
	}
	if c&namePositive != 0 {
		w += 25
	}
	if c&nameArticleBody != 0 {
		w += 50
	}
	return w
}

// attr returns an attribute's value.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// isNeverText reports whether an element can never hold article text: a
// dropped tag or hidden.
func isNeverText(n *html.Node) bool {
	if droppedTags[n.DataAtom] {
		return true
	}
	if _, ok := attrOK(n, "hidden"); ok {
		return true
	}
	if strings.EqualFold(attr(n, "aria-hidden"), "true") && n.DataAtom != atom.Span {
		return true
	}
	style := strings.ToLower(attr(n, "style"))
	if strings.Contains(style, "display:none") || strings.Contains(style, "display: none") || strings.Contains(style, "visibility:hidden") {
		return true
	}
	return false
}

// isUnlikely reports whether an element is named like furniture and not
// like content.
func (f *contentFinder) isUnlikely(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Body, atom.Html, atom.A, atom.Main, atom.Article, atom.P, atom.Tbody, atom.Tr:
		return false
	}
	c := f.names(n)
	return c&nameUnlikely != 0 && c&nameArticleBody == 0
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// countChars counts the letters and digits of s, and its commas.
func countChars(s string) (chars, commas int) {
	for _, r := range s {
		switch {
		case r == ',' || r == '，' || r == '、':
			commas++
		case r < utf8.RuneSelf:
			if r >= '0' && r <= '9' || r|0x20 >= 'a' && r|0x20 <= 'z' {
				chars++
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			chars++
		}
	}
	return chars, commas
}

// removeNeverText deletes the elements that never hold text (scripts,
// styles, hidden elements, comments) once, before the passes, and cuts
// the tree at maxTreeDepth. It reports whether it cut.
func removeNeverText(n *html.Node, depth int) (cut bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode:
			n.RemoveChild(c)
		case c.Type == html.ElementNode && depth >= maxTreeDepth:
			n.RemoveChild(c)
			cut = true
		case c.Type == html.ElementNode && isNeverText(c):
			n.RemoveChild(c)
		case c.Type == html.ElementNode:
			if removeNeverText(c, depth+1) {
				cut = true
			}
		}
		c = next
	}
	return cut
}

// Where a text node sits, for measure.
const (
	inLink   uint8 = 1 << iota // inside a link
	inFigure                   // inside a figure or its caption
)

// measure fills the stats of n's subtree; in says where n sits.
func (f *contentFinder) measure(n *html.Node, depth int, in uint8) *nodeStats {
	s := f.stat(n)
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.TextNode:
			ch, co := countChars(c.Data)
			s.chars += ch
			s.commas += co
			s.ownChars += ch
			s.ownCommas += co
			if in&inLink != 0 {
				s.linkChars += ch
				s.ownLinks += ch
			}
			if in&inFigure != 0 {
				s.capChars += ch
			}
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Input, atom.Select, atom.Textarea, atom.Button, atom.Label:
				// Form controls hold no article text; the fields a
				// reader fills in are counted so that a form is known
				// for one. Buttons and hidden inputs are not: a recipe's
				// servings buttons or a print button do not make the
				// text around them a form.
				if isFormField(c) {
					s.inputs++
				}
				f.skip[c] = true
				c = next
				continue
			}
			if in&inFigure != 0 && isCreditElement(c) {
				// A picture's credit is not its caption.
				f.skip[c] = true
				break
			}
			if f.stripUnlikely && f.allChars[c]*3 < f.total && f.isUnlikely(c) {
				f.skip[c] = true
				f.skipLabelBefore(c)
				break
			}
			cin := in
			switch c.DataAtom {
			case atom.A:
				cin |= inLink
			case atom.Figure, atom.Figcaption:
				cin |= inFigure
			}
			cs := f.measure(c, depth+1, cin)
			s.chars += cs.chars
			s.linkChars += cs.linkChars
			s.capChars += cs.capChars
			s.commas += cs.commas
			s.paras += cs.paras
			s.lis += cs.lis
			s.inputs += cs.inputs
			if !blockTags[c.DataAtom] && c.DataAtom != atom.Td && c.DataAtom != atom.Th && c.DataAtom != atom.Li {
				s.ownChars += cs.ownChars
				s.ownLinks += cs.ownLinks
				s.ownCommas += cs.ownCommas
			}
			switch c.DataAtom {
			case atom.P:
				s.paras++
			case atom.Li:
				s.lis++
			}
		}
		c = next
	}
	return s
}

// scoreParagraphs gives every paragraph-like element's text to its
// ancestors, as Readability does, and returns the scored candidates.
func (f *contentFinder) scoreParagraphs(root *html.Node) []*html.Node {
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || f.skip[c] {
				continue
			}
			if s := f.stats[c]; s != nil {
				// A paragraph gives its text to its ancestors; a container
				// with loose inline text (text between <br>s, a div of
				// text with a few block children) gives that text to
				// itself first.
				var chars, links, commas int
				var first *html.Node
				if isParagraphLike(c) {
					chars, links, commas, first = s.chars, s.linkChars, s.commas, c.Parent
				} else if s.ownChars >= 25 && c.DataAtom != atom.Li && headingLevel(c.DataAtom) == 0 {
					chars, links, commas, first = s.ownChars, s.ownLinks, s.ownCommas, c
				}
				if first != nil && chars >= 25 {
					own := 1 + float64(commas) + minf(float64(chars)/100, 3)
					own *= 1 - float64(links)/float64(chars)
					f.credit(first, own)
				}
			}
			if depth < maxTreeDepth {
				walk(c, depth+1)
			}
		}
	}
	walk(root, 0)
	return f.candidates
}

// credit adds a paragraph's score to n and, diminishing, to its parent
// and grandparent.
func (f *contentFinder) credit(n *html.Node, own float64) {
	level := 0
	for a := n; a != nil && a.Type == html.ElementNode && a.DataAtom != atom.Html && level < 3; a = a.Parent {
		as := f.stat(a)
		if !as.scored {
			as.scored = true
			as.score = f.initialScore(a)
			f.candidates = append(f.candidates, a)
		}
		switch level {
		case 0:
			as.score += own
		case 1:
			as.score += own / 2
		default:
			as.score += own / float64(level*3)
		}
		level++
	}
}

// isParagraphLike reports whether an element holds running text: a
// paragraph, a cell, a pre, or a div whose own children are inline.
func isParagraphLike(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Pre, atom.Td, atom.Blockquote:
		return true
	case atom.Div, atom.Section, atom.Article, atom.Span, atom.Font, atom.Center:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && blockTags[c.DataAtom] && c.DataAtom != atom.Hr {
				return false
			}
		}
		return n.DataAtom != atom.Span && n.DataAtom != atom.Font
	}
	return false
}

func (f *contentFinder) initialScore(n *html.Node) float64 {
	s := 0.0
	if f.weightClasses {
		s = f.classWeight(n)
	}
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main, atom.Section:
		s += 5
	case atom.Pre, atom.Td, atom.Blockquote:
		s += 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		s -= 3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		s -= 5
	}
	return s
}

func (f *contentFinder) linkDensity(n *html.Node) float64 {
	s := f.stats[n]
	if s == nil || s.chars == 0 {
		return 0
	}
	return float64(s.linkChars) / float64(s.chars)
}

func minf(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

// bestCandidate picks the element with the highest link-discounted score,
// then climbs to an ancestor when the text is split between siblings.
func (f *contentFinder) bestCandidate(candidates []*html.Node) *html.Node {
	var best *html.Node
	bestScore := 0.0
	for _, c := range candidates {
		s := f.stats[c]
		s.score *= 1 - f.linkDensity(c)
		if best == nil || s.score > bestScore {
			best, bestScore = c, s.score
		}
	}
	if best == nil {
		return nil
	}
	// Readability's climb: when several close runners-up share an
	// ancestor, the article is that ancestor.
	var close []*html.Node
	for _, c := range candidates {
		if c != best && f.stats[c].score >= bestScore*0.75 {
			close = append(close, c)
		}
	}
	if len(close) >= 3 {
		for a := best.Parent; a != nil && a.DataAtom != atom.Body && a.Type == html.ElementNode; a = a.Parent {
			n := 0
			for _, c := range close {
				if isAncestor(a, c) {
					n++
				}
			}
			if n >= 3 {
				best = a
				break
			}
		}
	}
	// A parent holding little more text than its child is the same
	// container with a wrapper; take the wider one so that a lead or a
	// caption beside the paragraphs is kept.
	for p := best.Parent; p != nil && p.Type == html.ElementNode && p.DataAtom != atom.Body; p = p.Parent {
		ps, bs := f.stats[p], f.stats[best]
		if ps == nil || bs == nil || float64(ps.chars) > float64(bs.chars)*1.05+20 || f.linkDensity(p) > 0.3 {
			break
		}
		best = p
	}
	return best
}

func isAncestor(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// contentNodes returns the best candidate and those siblings that hold
// article text too (a lead in a sibling div, a second column of text).
func (f *contentFinder) contentNodes(best *html.Node) []*html.Node {
	parent := best.Parent
	if parent == nil {
		return []*html.Node{best}
	}
	bs := f.stats[best]
	threshold := bs.score * 0.2
	if threshold < 10 {
		threshold = 10
	}
	var out []*html.Node
	for c := parent.FirstChild; c != nil; c = c.NextSibling {
		if c == best {
			out = append(out, c)
			continue
		}
		if c.Type != html.ElementNode {
			continue
		}
		s := f.stats[c]
		if s == nil {
			continue
		}
		bonus := 0.0
		if sameClass(c, best) {
			bonus = bs.score * 0.2
		}
		ld := f.linkDensity(c)
		switch {
		case s.scored && s.score+bonus >= threshold && ld < 0.3:
			out = append(out, c)
		case (c.DataAtom == atom.P || c.DataAtom == atom.Div && isParagraphLike(c)) && ld < 0.25 && s.chars >= 80:
			// A paragraph, or a div used as one (Readability turns
			// those into paragraphs first).
			out = append(out, c)
		case ld < 0.1 && s.chars >= 100 && s.lis >= 3:
			// A list of plain items beside the text: ingredients,
			// key figures, steps.
			out = append(out, c)
		}
	}
	return out
}

// maxProseClimb bounds how many levels above the best candidate the
// search for prose blocks goes: page builders (WPBakery, Elementor,
// Drupal paragraphs) nest an article's blocks five or six levels deep
// under their common container.
const maxProseClimb = 6

// widenContent adds to the content the prose blocks around it that the
// sibling search of contentNodes misses: a lead or standfirst in the
// article's header, a body split by a page builder into blocks that each
// sit in their own wrapper, a last section after an inline box. From the
// best candidate it climbs while the ancestors stay free of link lists,
// and at each level scans the siblings outwards on both sides, keeping
// the blocks that read as prose (isProse) and the short ones between
// them (subheadings, pictures). A block of furniture (a link list, a
// form, teasers, an element named like furniture) closes that side for
// good: what lies beyond it is the page, not the article. The nodes come
// back in document order.
func (f *contentFinder) widenContent(best *html.Node, nodes []*html.Node) []*html.Node {
	in := make(map[*html.Node]bool, len(nodes)+4)
	for _, n := range nodes {
		in[n] = true
	}
	added := false
	open := [2]bool{true, true} // before, after
	top := best
	for cur, level := best, 0; level <= maxProseClimb && (open[0] || open[1]); cur, level = cur.Parent, level+1 {
		up := cur.Parent
		if up == nil || up.Type != html.ElementNode || up.DataAtom == atom.Html || f.linkDensity(up) >= 0.3 {
			break
		}
		if up.DataAtom != atom.Body && f.names(up)&(nameFurniture|nameNegative) != 0 {
			// The content sits in furniture (a footer, a sidebar box):
			// nothing around it is the article's.
			break
		}
		for side := range open {
			if open[side] {
				open[side] = f.widenSide(cur, side == 1, in, &added)
			}
		}
		top = up
	}
	if !added {
		return nodes
	}
	var out []*html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if in[c] {
				out = append(out, c)
				continue
			}
			if c.Type == html.ElementNode && depth < maxTreeDepth && !f.skip[c] {
				walk(c, depth+1)
			}
		}
	}
	walk(top, 0)
	return out
}

// widenSide scans the siblings of cur on one side, nearest first, and
// marks in in the prose blocks and the short elements between them. It
// reports whether the side is still open: false when it met furniture.
func (f *contentFinder) widenSide(cur *html.Node, after bool, in map[*html.Node]bool, added *bool) bool {
	next := func(n *html.Node) *html.Node {
		if after {
			return n.NextSibling
		}
		return n.PrevSibling
	}
	var pending []*html.Node
	take := func() {
		for _, p := range pending {
			in[p] = true
		}
		pending = pending[:0]
	}
	for c := next(cur); c != nil; c = next(c) {
		if c.Type != html.ElementNode {
			continue
		}
		if in[c] {
			take()
			continue
		}
		switch f.sideKind(c, after) {
		case sideProse:
			take()
			in[c] = true
			*added = true
		case sideShort:
			pending = append(pending, c)
		default:
			return false
		}
	}
	return true
}

const (
	sideShort     = iota // a heading, a picture, a byline: kept between prose blocks
	sideProse            // article text
	sideFurniture        // closes the side
)

// minProseAfter is the length (letters and digits) a block after the
// content needs to be taken on its own: shorter text there is more often
// a newsletter or app promotion, a disclaimer or a signature than the
// article's last paragraph; it is taken only between longer blocks.
const minProseAfter = 250

// sideKind tells what an element beside the content is.
func (f *contentFinder) sideKind(n *html.Node, after bool) int {
	if f.skip[n] {
		if f.allChars[n] >= 80 {
			return sideFurniture
		}
		return sideShort
	}
	s := f.stats[n]
	if s == nil {
		return sideShort
	}
	if s.chars < 80 {
		if s.chars >= 20 && f.linkDensity(n) > 0.5 || s.inputs > 0 {
			return sideFurniture
		}
		return sideShort
	}
	if s.capChars*2 > s.chars {
		// A picture and its caption.
		return sideShort
	}
	if !f.isProse(n) {
		return sideFurniture
	}
	if after && s.chars < minProseAfter {
		return sideShort
	}
	return sideProse
}

// isProse reports whether an element beside the content reads as article
// text: enough letters, few of them in links, no form, not named like
// furniture or a byline, not a run of teasers.
func (f *contentFinder) isProse(n *html.Node) bool {
	s := f.stats[n]
	if s == nil || f.skip[n] || s.chars < 80 || s.inputs > 0 {
		return false
	}
	if f.linkDensity(n) >= 0.2 {
		return false
	}
	if f.names(n)&(nameFurniture|nameByline|nameNegative) != 0 {
		return false
	}
	if s.commas == 0 && s.paras == 0 && s.chars < 200 && !isParagraphLike(n) {
		return false
	}
	if s.chars < 500 && f.bylineChars(n, 0)*2 > s.chars {
		// An author box ("contrib-byline" and a short bio): a block
		// beside the article whose text is mostly under a byline's or
		// furniture's name is about the article, not of it. An
		// article's header with its byline and its lead is kept (the
		// byline is cleaned out of it with the rest).
		return false
	}
	return f.headlineLinks(n, 0) < 2
}

// bylineChars counts the chars of n under elements named like a byline or
// like furniture.
func (f *contentFinder) bylineChars(n *html.Node, depth int) int {
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || f.skip[c] {
			continue
		}
		if f.names(c)&(nameByline|nameFurniture) != 0 {
			if s := f.stats[c]; s != nil {
				total += s.chars
			}
			continue
		}
		if depth < 8 {
			total += f.bylineChars(c, depth+1)
		}
	}
	return total
}

// headlineLinks counts, up to 2, the links of headline length in n that
// are not inside a paragraph: the titles of teasers ("More in Sport",
// "Tin cùng chuyên mục"). Links inside running text do not count.
func (f *contentFinder) headlineLinks(n *html.Node, depth int) int {
	count := 0
	for c := n.FirstChild; c != nil && count < 2; c = c.NextSibling {
		if c.Type != html.ElementNode || f.skip[c] {
			continue
		}
		switch c.DataAtom {
		case atom.P, atom.Blockquote, atom.Pre:
			continue
		case atom.A:
			if s := f.stats[c]; s != nil && s.chars >= 15 {
				count++
			}
			continue
		}
		if depth < 8 {
			count += f.headlineLinks(c, depth+1)
		}
	}
	return count
}

func sameClass(a, b *html.Node) bool {
	ca := attr(a, "class")
	return ca != "" && ca == attr(b, "class")
}

// cleanConditionally removes, inside the content, the containers that are
// lists of links or forms rather than text, as Readability does.
func (f *contentFinder) cleanConditionally(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && !f.skip[c] {
			if f.isJunkContainer(c) {
				f.skip[c] = true
				f.skipLabelBefore(c)
			} else if depth < maxTreeDepth {
				f.cleanConditionally(c, depth+1)
			}
		}
		c = next
	}
}

// skipLabelBefore leaves out the heading of a left-out list ("Tin liên
// quan", "Related", "Auch interessant"): a short element just before it.
func (f *contentFinder) skipLabelBefore(n *html.Node) {
	p := n.PrevSibling
	for p != nil && p.Type == html.TextNode && strings.TrimSpace(p.Data) == "" {
		p = p.PrevSibling
	}
	if p == nil || p.Type != html.ElementNode || f.skip[p] {
		return
	}
	if s := f.stats[p]; s != nil && s.chars < 50 && (headingLevel(p.DataAtom) > 0 || s.commas == 0) && !endsWithFullStop(p) {
		f.skip[p] = true
	}
}

// endsWithFullStop reports whether the text of n ends with a full stop: a
// short sentence of the article ("He is held in London."), not the label
// of a list ("Tin liên quan", "Read more:", "Was denkst du?").
func endsWithFullStop(n *html.Node) bool {
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		switch c.Type {
		case html.TextNode:
			t := strings.TrimRight(c.Data, " \t\r\n\u00a0")
			if t == "" {
				continue
			}
			t = strings.TrimRight(t, "\"'”»)")
			return strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") || strings.HasSuffix(t, "。")
		case html.ElementNode:
			if c.FirstChild != nil {
				return endsWithFullStop(c)
			}
		}
	}
	return false
}

func (f *contentFinder) isJunkContainer(n *html.Node) bool {
	if s := f.stats[n]; s != nil && s.chars < 150 && n.DataAtom != atom.P && n.DataAtom != atom.A {
		if f.names(n)&nameByline != 0 {
			return true
		}
		if n.DataAtom == atom.Time || n.DataAtom == atom.Address {
			return true
		}
	}
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Ul, atom.Ol, atom.Table, atom.Form, atom.Dl, atom.Header:
	default:
		return false
	}
	s := f.stats[n]
	if s == nil {
		return false
	}
	if s.commas >= 10 {
		return false
	}
	w := 0.0
	if f.weightClasses {
		w = f.classWeight(n)
	}
	ld := f.linkDensity(n)
	switch {
	case w < 0:
		return true
	case s.inputs > 0 && s.inputs > s.paras/3 && s.chars < charsPerFormField*s.inputs:
		return true
	case w < 25 && ld > 0.33 && s.chars < 1000:
		return true
	case ld > 0.5:
		return true
	case (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol) && ld > 0.3 && s.lis > 2:
		return true
	}
	return false
}

// charsPerFormField is the text a container needs for each form field in
// it to be kept as text: a comment or newsletter form holds a sentence
// or two per field ("Your email address will not be published"), an
// article with a search box or a poll beside its paragraphs far more.
const charsPerFormField = 250

// isCreditElement reports whether an element of a figure holds the
// picture's credit: a <cite>, or a class or id that says credit,
// copyright or source.
func isCreditElement(n *html.Node) bool {
	if n.DataAtom == atom.Cite {
		return true
	}
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			v := strings.ToLower(a.Val)
			if strings.Contains(v, "credit") || strings.Contains(v, "copyright") || strings.Contains(v, "source") || strings.Contains(v, "photographer") {
				return true
			}
		}
	}
	return false
}

// isFormField reports whether a form control is a field a reader fills
// in: a text input, a check box, a select or a text area, not a button or
// a hidden input.
func isFormField(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Select, atom.Textarea:
		return true
	case atom.Input:
		switch strings.ToLower(attr(n, "type")) {
		case "hidden", "submit", "button", "image", "reset":
			return false
		}
		return true
	}
	return false
}

// block is one paragraph of output text.
type block struct {
	text      strings.Builder
	linkChars int
	heading   int // 1..6 for h1..h6
	pre       bool
}

// textWriter turns a subtree into paragraphs: block elements and <br>
// break paragraphs, table cells are joined with tabs, white space runs are
// folded as a browser shows them.
type textWriter struct {
	skip    map[*html.Node]bool
	paras   []block
	cur     block
	space   bool // a space is pending
	inLink  int
	heading int
	pre     int
}

func (w *textWriter) flush() {
	if w.cur.text.Len() > 0 {
		w.paras = append(w.paras, w.cur)
	}
	w.cur = block{}
	w.space = false
}

func (w *textWriter) text(s string) {
	if w.pre > 0 {
		w.cur.pre = true
		w.cur.text.WriteString(s)
		return
	}
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u200b' {
			if w.cur.text.Len() > 0 {
				w.space = true
			}
			continue
		}
		if w.space {
			w.cur.text.WriteByte(' ')
			w.space = false
		}
		w.cur.text.WriteRune(r)
		if w.inLink > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			w.cur.linkChars++
		}
	}
	if w.heading > 0 {
		w.cur.heading = w.heading
	}
}

func (w *textWriter) walk(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			w.text(c.Data)
		case html.ElementNode:
			if depth >= maxTreeDepth || w.skip[c] {
				continue
			}
			switch c.DataAtom {
			case atom.Br, atom.Hr:
				w.flush()
				continue
			case atom.Td, atom.Th:
				if w.cur.text.Len() > 0 {
					w.cur.text.WriteByte('\t')
					w.space = false
				}
				w.walk(c, depth+1)
				continue
			case atom.Img:
				continue
			}
			block := blockTags[c.DataAtom]
			if block {
				w.flush()
			}
			level := headingLevel(c.DataAtom)
			if level > 0 {
				w.heading = level
			}
			if c.DataAtom == atom.A {
				w.inLink++
			}
			if c.DataAtom == atom.Pre {
				w.pre++
			}
			w.walk(c, depth+1)
			if c.DataAtom == atom.Pre {
				w.pre--
			}
			if c.DataAtom == atom.A {
				w.inLink--
			}
			if level > 0 {
				w.heading = 0
			}
			if block {
				w.flush()
			}
		}
	}
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// paragraphs prints the content nodes as cleaned paragraphs: link lists
// and the page title are left out.
func paragraphs(nodes []*html.Node, skip map[*html.Node]bool, title string) []string {
	w := textWriter{skip: skip}
	for _, n := range nodes {
		w.flush()
		if n.Type == html.ElementNode && n.DataAtom == atom.Br {
			continue
		}
		if n.Type == html.TextNode {
			w.text(n.Data)
			continue
		}
		w.walk(n, 0)
		w.flush()
	}
	w.flush()
	normTitle := foldSpaces(title)
	seen := make(map[string]int)
	var out []string
	for _, b := range w.paras {
		t := strings.TrimSpace(b.text.String())
		t = strings.Trim(t, "\t ")
		if t == "" {
			continue
		}
		chars, _ := countChars(t)
		if chars == 0 {
			continue
		}
		if (b.linkChars*2 > chars && chars < 400 || b.linkChars*3 > chars && chars < 100) && !showsURL(t) {
			// A link list's line, unless the link shows its address:
			// a source or a shop cited in the text, not a headline.
			continue
		}
		if b.heading == 1 || (b.heading > 0 && normTitle != "" && foldSpaces(t) == normTitle) {
			continue
		}
		if isCreditLine(t) || isWidgetLine(t) {
			continue
		}
		// A paragraph printed twice is a slideshow caption or a pull
		// quote repeating the text: keep the first. A short line repeated
		// further on is the text's own (the same label or amount under
		// each step of a recipe or a timetable) and is kept; repeated
		// right after itself, it is a caption again.
		if chars >= minRepeatChars/4 {
			if last, ok := seen[t]; ok && (chars >= minRepeatChars || len(out)-last <= 2) {
				continue
			}
			seen[t] = len(out)
		}
		out = append(out, t)
	}
	return out
}

// showsURL reports whether a line shows a web address as text.
func showsURL(t string) bool {
	return strings.Contains(t, "://") || strings.Contains(t, "www.")
}

// minRepeatChars is the length (letters and digits) from which a
// paragraph printed twice anywhere is taken for a repeat of the same
// element; from a quarter of it, only when printed twice in a row.
const minRepeatChars = 80

// creditLine matches a picture credit or copyright line standing alone:
// "Foto: dpa", "Ảnh: Minh Anh", "© Reuters", "Photo by X/Getty Images",
// "Image copyright EPA". A caption with its credit inside ("... (Ảnh:
// Minh Anh)") is a caption, and kept.
var creditLine = regexp.MustCompile(`(?i)^(\(?(foto|fotos|bild|bilder|photo|photos|photograph|picture|image|images|imagen|quelle|bildquelle|source|credit|credits|crédito|kuva|ảnh|nguồn ảnh|titelbild|grafik|illustration)\s*[:：]|(photo|photograph|picture|image|bild|foto)s?\s+(copyright|credit|courtesy|by|via|von)\s|©|\(c\)\s)`)

func isCreditLine(t string) bool {
	return len(t) < 120 && creditLine.MatchString(t)
}

// widgetLine matches the labels that page widgets print alone on a line:
// an advertisement slot ("Advertisement", "Anzeige", "Quảng cáo"), a
// lightbox's buttons ("Caption", "Close") and a gallery's counter ("Image
// 1 of 8", "Ảnh 2/5").
var widgetLine = regexp.MustCompile(`(?i)^(advertisement|advertisment|advert|ads?|anzeige|werbung|publicidad|publicité|pubblicità|reklama|quảng cáo|sponsored|caption|close|(image|photo|picture|slide|bild|foto|ảnh|hình)\s*\d+\s*(of|/|von|de|di|trên)\s*/?\s*\d*)\s*[:.]?$`)

func isWidgetLine(t string) bool {
	return len(t) < 40 && widgetLine.MatchString(t)
}

// trimTrailingLabels drops the short unpunctuated lines left at the end
// of a body: the headings of lists that were left out ("Auch interessant",
// "Tin cùng chuyên mục"), "Print", "Tags".
func trimTrailingLabels(paras []string) []string {
	for len(paras) > 1 {
		last := paras[len(paras)-1]
		if utf8.RuneCountInString(last) >= 40 || strings.IndexAny(last, "0123456789") >= 0 {
			break
		}
		r, _ := utf8.DecodeLastRuneInString(last)
		if strings.ContainsRune(".!?\"”»)…", r) {
			break
		}
		paras = paras[:len(paras)-1]
	}
	return paras
}

// trimDatelines drops the paragraphs near the start and the end of a body
// that hold a date and nothing else: the dateline ("Published November
// 20th, 2019 - 07:29 GMT", "Cập nhật: 11/01/2021") is the page's, not
// the article's text.
func trimDatelines(paras []string) []string {
	out := paras[:0:0]
	for i, p := range paras {
		if (i < 3 || i >= len(paras)-2) && len(paras) > 1 && isDateline(p) {
			continue
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return paras
	}
	return out
}

// datelineWords are the words a dateline holds besides its numbers:
// months and weekdays (English, German, French, Spanish, Italian,
// Vietnamese), "published", "updated", time zones.
var datelineWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`jan feb mar apr may jun jul aug sep sept oct nov dec
		january february march april june july august september october november december
		januar februar märz mai juni juli oktober dezember
		janvier février mars avril juin juillet août septembre octobre novembre décembre
		enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
		gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
		mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday sunday
		montag dienstag mittwoch donnerstag freitag samstag sonntag
		lundi mardi mercredi jeudi vendredi samedi dimanche
		published updated posted modified last on at am pm gmt utc est edt cet cest et pt uhr um
		veröffentlicht aktualisiert publié mis à jour le el de del la der den
		ngày tháng năm lúc giờ thứ chủ nhật cập đăng sáng chiều tối hai ba tư năm sáu bảy`) {
		m[w] = true
	}
	return m
}()

// isDateline reports whether a paragraph is a date and nothing else.
func isDateline(t string) bool {
	if utf8.RuneCountInString(t) > 80 {
		return false
	}
	hasYear, named, other := false, false, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(t), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		switch {
		case strings.IndexFunc(w, unicode.IsDigit) >= 0:
			// "2019", "20th", "07", "19h30"
			if len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) {
				hasYear = true
			}
		case datelineWords[w]:
			named = true
		default:
			other++
		}
	}
	// A year with a month's or a weekday's name, or a numeric date: not
	// a phone number or a price that happens to hold "2012".
	return hasYear && other <= 1 && (named || numericDate.MatchString(t))
}

var numericDate = regexp.MustCompile(`(^|[^\d])(\d{1,2}[./-]\d{1,2}[./-](19|20)\d{2}|(19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2})($|[^\d])`)

// foldSpaces folds runs of white space (NBSP included) into one space and
// trims the ends.
func foldSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// mainContent finds the article paragraphs of a parsed page. Like
// Readability, it tries strict passes first and loosens them when they
// leave less than minArticleChars, keeping the longest result.
func mainContent(doc *goquery.Document, title string, p *page) (paras []string, linkRatio float64) {
	body := findBody(doc.Get(0))
	if body == nil {
		return nil, 0
	}
	if removeNeverText(body, 0) {
		p.Problems = append(p.Problems, corpus.Problem{Stage: "clean",
			Reason: fmt.Sprintf("elements nested deeper than %d levels were ignored", maxTreeDepth)})
	}
	allChars := make(map[*html.Node]int, 1024)
	countSubtreeChars(body, allChars, 0)
	linkChars := countLinkChars(body, allChars, 0)
	linkRatio = float64(linkChars) / float64(allChars[body]+1)
	nameCache := make(map[*html.Node]nameClass, 1024)
	var longest []string
	longestChars := -1
	for _, pass := range []contentFinder{
		{stripUnlikely: true, weightClasses: true, cleanLists: true},
		{weightClasses: true, cleanLists: true},
		{cleanLists: true},
		{},
	} {
		pass.nameCache = nameCache
		paras, listing := pass.run(body, allChars, title)
		if listing {
			return nil, linkRatio
		}
		chars := countParaChars(paras)
		if chars >= minArticleChars {
			return paras, linkRatio
		}

		if chars > longestChars {
			longest, longestChars = paras, chars
		}
	}
	// Little text on a page made of links: a home or category page whose
	// headlines were left out as link lists, not a short article.
	if longestChars < 150 && linkRatio > 0.35 || longestChars < 250 && linkRatio > 0.5 {
		return nil, linkRatio
	}
	return longest, linkRatio
}

// countLinkChars counts the chars inside links, from the subtree counts.
func countLinkChars(n *html.Node, allChars map[*html.Node]int, depth int) int {
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || depth >= maxTreeDepth {
			continue
		}
		if c.DataAtom == atom.A {
			total += allChars[c]
			continue
		}
		total += countLinkChars(c, allChars, depth+1)
	}
	return total
}

// countParaChars counts the letters and digits of paragraphs.
func countParaChars(paras []string) int {
	n := 0
	for _, p := range paras {
		c, _ := countChars(p)
		n += c
	}
	return n
}

// countSubtreeChars records the chars of every element's subtree.
func countSubtreeChars(n *html.Node, out map[*html.Node]int, depth int) int {
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			ch, _ := countChars(c.Data)
			total += ch
		case html.ElementNode:
			if depth < maxTreeDepth {
				total += countSubtreeChars(c, out, depth+1)
			}
		}
	}
	out[n] = total
	return total
}

// minArticleChars is the length (letters and digits) below which a pass
// is thought to have missed the article: a short news item has 500.
const minArticleChars = 300

// run is one pass over the body.
func (f contentFinder) run(body *html.Node, allChars map[*html.Node]int, title string) (paras []string, listing bool) {
	nodes, listing := f.find(body, allChars)
	if listing || len(nodes) == 0 {
		return nil, listing
	}
	return paragraphs(nodes, f.skip, title), false
}

// find is the search of one pass: the content nodes in document order,
// with what is left out of them marked in f.skip, or listing when the
// content is a run of teasers.
func (f *contentFinder) find(body *html.Node, allChars map[*html.Node]int) (nodes []*html.Node, listing bool) {
	f.stats = make(map[*html.Node]*nodeStats, 1024)
	f.skip = make(map[*html.Node]bool)
	f.allChars = allChars
	f.total = allChars[body]
	f.measure(body, 0, 0)
	if f.total == 0 {
		return nil, false
	}
	best := f.bestCandidate(f.scoreParagraphs(body))
	if best == nil {
		best = body
	}
	nodes = f.contentNodes(best)
	if f.cleanLists {
		for _, n := range nodes {
			if n.Type == html.ElementNode {
				f.cleanConditionally(n, 0)
			}
		}
	}
	if f.isListing(nodes) {
		return nil, true
	}
	wide := nodes
	if f.weightClasses {
		// Without the names, prose cannot be told from furniture text.
		wide = f.widenContent(best, nodes)
	}
	if f.cleanLists && len(wide) != len(nodes) {
		done := make(map[*html.Node]bool, len(nodes))
		for _, n := range nodes {
			done[n] = true
		}
		for _, n := range wide {
			if n.Type == html.ElementNode && !done[n] {
				f.cleanConditionally(n, 0)
			}
		}
	}
	return wide, false
}

// isListing reports whether the content found is a run of teasers (a
// category page, a home page) rather than an article: several of its
// blocks open with a headline link.
func (f *contentFinder) isListing(nodes []*html.Node) bool {
	if len(nodes) == 1 {
		// A single container: look at its children.
		var kids []*html.Node
		for c := nodes[0].FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && !f.skip[c] {
				kids = append(kids, c)
			}
		}
		nodes = kids
	}
	if f.articleTeasers(nodes) {
		return true
	}
	teasers, blocks := 0, 0
	for _, n := range nodes {
		s := f.stats[n]
		if n.Type != html.ElementNode || s == nil || s.chars == 0 {
			continue
		}
		blocks++
		if s.chars < 600 && f.opensWithHeadlineLink(n) {
			teasers++
		}
	}
	return teasers >= 4 && teasers*2 >= blocks
}

// hasHeadlineLink reports whether n holds a heading whose text is a link
// of headline length: a teaser's title ("<h2><a>...</a></h2>").
func (f *contentFinder) hasHeadlineLink(n *html.Node, depth int) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			for a := c.FirstChild; a != nil; a = a.NextSibling {
				if a.Type == html.ElementNode && a.DataAtom == atom.A && f.allChars[a] >= 15 {
					return true
				}
			}
			continue
		}
		if depth < 6 && f.hasHeadlineLink(c, depth+1) {
			return true
		}
	}
	return false
}

// articleTeasers reports whether most of the text of nodes sits in four or
// more short <article> elements that open with a headline link: HTML5
// marks each teaser of a listing as an article, however deep the theme
// nests them (forum posts are articles too, but without headline links).
func (f *contentFinder) articleTeasers(nodes []*html.Node) bool {
	count, inside, total := 0, 0, 0
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if f.skip[c] {
				total -= f.allChars[c] // left out already: a slider, a box
				continue
			}
			if c.DataAtom == atom.Article {
				if chars := f.allChars[c]; chars > 0 && chars < 600 && f.hasHeadlineLink(c, 0) {
					count++
					inside += chars
				}
				continue
			}
			if depth < 8 {
				walk(c, depth+1)
			}
		}
	}
	for _, n := range nodes {
		if n.Type == html.ElementNode && !f.skip[n] {
			total += f.allChars[n]
			walk(n, 0)
		}
	}
	// An article page whose theme puts a slider of teasers in the same
	// container still has prose of its own beside them (a listing has
	// little more than a blurb).
	return count >= 4 && inside*2 >= total && total-inside < 2*minArticleChars
}

// opensWithHeadlineLink reports whether the first text of n is a link of
// headline length.
func (f *contentFinder) opensWithHeadlineLink(n *html.Node) bool {
	var first *html.Node
	var walk func(n *html.Node, depth int) bool
	walk = func(n *html.Node, depth int) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
				first = c
				return true
			}
			if c.Type == html.ElementNode && !f.skip[c] && depth < 30 && walk(c, depth+1) {
				return true
			}
		}
		return false
	}
	walk(n, 0)
	for a := first; a != nil && a != n.Parent; a = a.Parent {
		if a.Type == html.ElementNode && a.DataAtom == atom.A {
			return f.stats[a] != nil && f.stats[a].chars >= 15
		}
	}
	return false
}

func findBody(root *html.Node) *html.Node {
	var found *html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Body {
				found = c
				return
			}
			if depth < 3 {
				walk(c, depth+1)
			}
		}
	}
	walk(root, 0)
	return found
}

// cleanHTML finds the article in an HTML page: per-site rules first, then
// the generic main-content scorer; title, published and author from the
// page's metadata and visible bylines.
func cleanHTML(src, pageURL string, rules *Rules) page {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		// The parser refuses pathological markup (elements nested
		// deeper than 512): read the text between the tags instead.
		p := cleanText(tagsToText(src))
		p.Problems = append(p.Problems, corpus.Problem{Stage: "clean",
			Reason: fmt.Sprintf("html not parsed (%v); read as text between tags", err)})
		return p
	}
	var p page
	bodyFound := false
	if rule := rules.forHost(pageHost(doc, pageURL)); rule != nil {
		bodyFound = applySiteRule(doc, rule, &p)
	}
	// One scan for the metadata, before the content search changes the
	// tree (it removes the scripts that hold JSON-LD).
	title, published, author := htmlMetadata(doc, pageURL)
	if p.Title == "" {
		p.Title = nfc(foldSpaces(title))
	}
	if p.Author == "" {
		p.Author = nfc(foldSpaces(author))
	}
	if p.Published == "" {
		p.Published = published
	}
	if !bodyFound {
		home := isHomePage(doc, pageURL)
		paras, linkRatio := mainContent(doc, p.Title, &p)
		if home && linkRatio > 0.3 {
			// A site's root address holding teasers, not one long
			// text: a home page.
			paras = nil
		}
		paras, signed := splitSignature(paras)
		if p.Author == "" {
			p.Author = signed
		}
		paras = trimDatelines(trimTrailingLabels(paras))
		for i := range paras {
			paras[i] = nfc(paras[i])
		}
		p.Body = strings.Join(paras, "\n\n")
	}
	p.Body = nfc(p.Body)
	p.IsArticle = p.Body != ""
	return p
}

// tagsToText is the fallback for markup the parser refuses: the text
// between tags, with a line break for every tag, entities decoded.
// Script and style contents are not skipped: this is a last resort.
func tagsToText(src string) string {
	var b strings.Builder
	inTag := false
	for _, r := range src {
		switch {
		case r == '<':
			inTag = true
		case r == '>' && inTag:
			inTag = false
			b.WriteByte('\n')
		case !inTag:
			b.WriteRune(r)
		}
	}
	lines := strings.Split(html.UnescapeString(b.String()), "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
