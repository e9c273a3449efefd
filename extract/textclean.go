package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The text-mode cleaner works on the lines of a plain-text dump of a web
// page (see testdata/seeds): one block of text per line, paragraphs
// usually separated by blank lines. It does on lines what the HTML
// cleaner does on elements:
//
//  1. every line is classified on its own: junk (font-size controls,
//     slideshow labels, share bars, view counters, image placeholders),
//     stop (the start of what follows an article: related-article lists,
//     comment boxes, tags, page and visit counters, site footers), a
//     dateline, or text;
//  2. the article is the stretch between two stops that holds the most
//     prose; it starts at its first prose line;
//  3. the header above it gives the title (the headline next to the
//     dateline or nearest the body), the dateline and a byline;
//  4. inside the stretch, image alt lines that repeat the headline, glued
//     related-article boxes and inline "Tin liên quan" runs are dropped;
//  5. the tail after the last prose paragraph gives the signature (the
//     author) and loses any teaser run.

// cleanText cleans a plain-text dump of a web page: it keeps the article
// and finds its title, dateline and byline. text is NFC with LF line ends.
func cleanText(text string) page {
	ls := tcLines(text)
	if len(ls) == 0 {
		return page{}
	}
	start, end := tcArticleSpan(ls)
	if start < 0 {
		// No prose at all: a short note or a list, kept whole.
		var paras []string
		for _, l := range ls {
			if l.kind == tcText {
				paras = append(paras, l.text)
			}
		}
		body := strings.Join(paras, "\n\n")
		return page{Body: body, IsArticle: body != ""}
	}

	var p page
	titleAt, datelineAt := tcHeader(ls, start)
	if titleAt >= 0 {
		p.Title = ls[titleAt].core
	}
	if datelineAt >= 0 {
		p.Published = ls[datelineAt].date
	}
	titleFold := ""
	if titleAt >= 0 {
		titleFold = ls[titleAt].folded()
	}

	// Header lines below the headline: bylines, datelines and labels are
	// metadata; any other text (a short lede, a caption) is the body's.
	var paras []string
	headerAuthor, headerMarked := "", false
	from := max(titleAt, datelineAt) + 1
	if titleAt < 0 {
		from = start
	}
	for i := max(titleAt+1, 0); i < start; i++ {
		l := ls[i]
		if l.kind != tcText || i == titleAt {
			continue
		}
		if name, marked, ok := tcHeaderByline(l.core); ok {
			// a bare name counts next to the headline or the dateline
			// only; elsewhere it is a caption or a subheading
			// (so does one with an honorific: "KTS Võ Trọng Nghĩa." under
			// a photo is a caption)
			near := titleAt >= 0 && i == titleAt+1 || datelineAt >= 0 && (i == datelineAt+1 || i == datelineAt-1)
			labelled := marked && tcHasLabel(l.core)
			if !labelled && (!near || strings.HasSuffix(l.core, ".")) {
				continue
			}
			if headerAuthor == "" || marked && !headerMarked {
				headerAuthor, headerMarked = name, marked
			}
			continue
		}
		if i >= from && l.words >= tcMinHeaderWords && !tcAltOfTitle(ls, i, titleFold) && !tcIsLabel(l) {
			paras = append(paras, l.text)
		}
	}

	// The article's own lines.
	var body []tcKept
	for i := start; i < end; i++ {
		l := ls[i]
		switch {
		case l.kind == tcDateline && (i == start || tcPureDateline(l.core)):
			if p.Published == "" {
				p.Published = l.date
			}
			continue
		case l.kind == tcSoftStop:
			// after a signature, "Tin liên quan" lists other articles
			if next, ok := tcSkipInlineBox(ls, i, end); ok && !tcSigned(body) {
				i = next - 1
				continue
			}
			end = i
		case l.kind != tcText && l.kind != tcDateline:
			continue
		case tcAltOfTitle(ls, i, titleFold):
			continue
		case tcIsGluedHeadlines(l):
			continue
		case tcIsSectionLabel(l):
			continue
		case len(body) > 0 && body[len(body)-1].text == l.text:
			continue // an alt text repeating its caption
		}
		if i >= end {
			break
		}
		body = append(body, tcKept{l.text, i, tcIsProse(l)})
	}

	// The tail: a signature ends the article, and a run of headline-like
	// lines after the last paragraph is a teaser list.
	last := -1
	for i, k := range body {
		if k.prose {
			last = i
		}
	}
	author := ""
	if last >= 0 {
		tail := make([]string, 0, len(body)-last-1)
		for _, k := range body[last+1:] {
			tail = append(tail, k.text)
		}
		cut, name, found := tcTailSignature(tail)
		switch {
		case found:
			author = name
			body = body[:last+1+cut]
		case tcIsTeaserRun(ls, body[last+1:]):
			body = body[:last+1]
		}
		// A dateline printed with the signature ("Minh Anh | 09:00
		// 09/02/2022") dates the page when the header did not.
		if p.Published == "" && found {
			for _, s := range tail[cut:] {
				if d, ok := tcDatelineIn(s); ok {
					p.Published = d
					break
				}
			}
		}
	}
	for _, k := range body {
		paras = append(paras, k.text)
	}
	switch {
	case headerMarked:
		p.Author = headerAuthor
	case author != "":
		p.Author = author
	default:
		p.Author = headerAuthor
	}
	if tcIsListing(ls, start, end, titleFold) {
		p.Body, p.IsArticle = "", false
		return p
	}
	p.Body = strings.Join(paras, "\n\n")
	p.IsArticle = p.Body != ""
	return p
}

// tcKept is a line kept in the body: its text, its index in the lines and
// whether it is prose.
type tcKept struct {
	text  string
	line  int
	prose bool
}

// tcSigned reports whether the body kept so far ends with a signature
// after its last paragraph (looking at the last few lines only).
func tcSigned(body []tcKept) bool {
	last := -1
	for i := len(body) - 1; i >= 0 && i >= len(body)-5; i-- {
		if body[i].prose {
			last = i
			break
		}
	}
	if last < 0 {
		return false
	}
	var tail []string
	for _, k := range body[last+1:] {
		tail = append(tail, k.text)
	}
	_, _, found := tcTailSignature(tail)
	return found
}

// tcIsTeaserRun reports whether the lines after the last paragraph are a
// list of other articles: at least tcTeaserRun of them, each a headline of
// a few words or a cut-off lede. Table cells and short notes are not.
func tcIsTeaserRun(ls []tcLine, tail []tcKept) bool {
	if len(tail) < tcTeaserRun {
		return false
	}
	for _, k := range tail {
		l := ls[k.line]
		if !tcIsTeaserLede(l) && !tcIsSectionLabel(l) && !(tcHeadlineLike(l) && l.words >= 4) {
			return false
		}
	}
	return true
}

// tcPureDateline reports a dateline line with nothing but the date, the
// time and dateline words ("Cập nhật: 11/01/2021 09:00").
func tcPureDateline(s string) bool {
	for _, w := range dlSplitWords(strings.ToLower(s)) {
		if !dlIsWord(w) && !dlAllDigits(w) {
			return false
		}
	}
	return true
}

// Tuning constants of the text cleaner.
const (
	// tcProseWords is how many words a line with a sentence end needs to
	// be prose; tcLongProse is how many make any line prose.
	tcProseWords = 8
	tcLongProse  = 30
	// tcQuestionProse: a line ending with "?" or "!" needs this many
	// words to be prose rather than a headline.
	tcQuestionProse = 20
	// tcHeaderWindow is how many non-blank lines above the body are
	// searched for the headline and the dateline.
	tcHeaderWindow = 15
	// tcMinHeaderWords: a header line below the headline with fewer words
	// is a label, not a lede.
	tcMinHeaderWords = 6
	// tcMinTitleWords: a headline-like line above another one is the
	// headline only with this many words (menu items have fewer).
	tcMinTitleWords = 5
	// tcTeaserRun: this many headline-like lines after the last paragraph,
	// with no signature, are a list of other articles.
	tcTeaserRun = 3
)

// tcKind is what a line is on its own.
type tcKind int

const (
	tcText     tcKind = iota
	tcJunk            // dropped wherever it is
	tcStop            // ends the article: lists, comments, counters, footers
	tcSoftStop        // "Tin liên quan" / "Xem thêm": an inline box or the end
	tcDateline        // a dateline line
)

// tcLine is one non-blank line of the dump.
type tcLine struct {
	text      string // indentation and trailing space removed, inside verbatim
	core      string // text without a leading bullet
	fold      string // foldPhrase(core) once folded() has run
	folded_   bool
	words     int  // strings.Fields(core)
	gapBefore bool // a blank line (or the start) precedes it
	kind      tcKind
	date      string // the parsed dateline when kind == tcDateline
}

// folded returns foldPhrase(core) (lower case, one tone placement),
// computed on first use: the rules look at short lines, and folding every
// paragraph-long line cost more than the rest of the text cleaner.
func (l *tcLine) folded() string {
	if !l.folded_ {
		l.fold, l.folded_ = foldPhrase(l.core), true
	}
	return l.fold
}

// tcLines splits text into classified non-blank lines. Hard-wrapped dumps
// (lines cut at a fixed width) and lines broken before a lower-case word
// (an inline link lost by the dump) are joined back.
func tcLines(text string) []tcLine {
	raw := strings.Split(text, "\n")
	wrapWidth := tcWrapWidth(raw)
	var ls []tcLine
	var parts []string // the pieces of the line being built
	words, lastLen := 0, 0
	gap, gapBefore := true, true
	flush := func() {
		if len(parts) > 0 {
			ls = append(ls, tcLine{text: strings.Join(parts, " "), gapBefore: gapBefore})
			parts = parts[:0]
		}
	}
	for _, r := range raw {
		t := tcTrim(r)
		if t == "" {
			gap = true
			continue
		}
		n := utf8.RuneCountInString(t)
		if !gap && len(parts) > 0 {
			first, _ := utf8.DecodeRuneInString(t)
			// a wrapped line ends where the next word did not fit
			firstWord, _, _ := strings.Cut(t, " ")
			wrapped := wrapWidth > 0 && lastLen+1+utf8.RuneCountInString(firstWord) > wrapWidth
			// a sentence cut where an inline link was: "... trên" / "đường Láng ..."
			cut := unicode.IsLower(first) && !tcTerminal(parts[len(parts)-1]) &&
				words >= 5 && strings.ContainsRune(t, ' ')
			if wrapped || cut {
				parts = append(parts, t)
				words += countFields(t)
				lastLen = n
				continue
			}
		}
		flush()
		parts = append(parts, t)
		words, lastLen = countFields(t), n
		gapBefore, gap = gap, false
	}
	flush()
	for i := range ls {
		tcClassify(&ls[i])
	}
	tcMarkFooters(ls)
	return ls
}

// tcWrapSlack is how far below the wrap width a wrapped line may end
// (the width less the longest word); tcWrapMinLines lines that long make a
// wrapped dump.
const (
	tcWrapSlack    = 20
	tcWrapMinLines = 5
)

// tcWrapWidth detects a hard-wrapped dump: most long lines end within a
// few characters of one width of at most 100. It returns that width, or 0.
func tcWrapWidth(raw []string) int {
	width, nonBlank := 0, 0
	for _, r := range raw {
		n := utf8.RuneCountInString(strings.TrimRightFunc(r, unicode.IsSpace))
		if n > 0 {
			nonBlank++
		}
		width = max(width, n)
	}
	if width == 0 || width > 100 {
		return 0
	}
	near := 0
	for _, r := range raw {
		if n := utf8.RuneCountInString(strings.TrimRightFunc(r, unicode.IsSpace)); n >= width-tcWrapSlack {
			near++
		}
	}
	if near >= tcWrapMinLines && near*10 >= nonBlank*4 {
		return width
	}
	return 0
}

// tcTrim removes leading indentation and trailing white space, including
// NBSP and zero-width characters.
func tcTrim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u200c' || r == '\u200d'
	})
}

// tcBullets are list marks that start menu and counter lines.
const tcBullets = "•·●○◦▪▫■□►▶»›-–—*+"

// tcClassify fills core, fold, words and kind of a line.
func tcClassify(l *tcLine) {
	l.core = strings.TrimLeft(l.text, tcBullets)
	l.core = tcTrim(l.core)
	if l.core == "" {
		l.core = l.text
	}
	l.words = countFields(l.core)
	switch {
	case tcOnlySymbols(l.core):
		l.kind = tcJunk
	case tcIsStop(l):
		l.kind = tcStop
	case tcIsSoftStop(l):
		l.kind = tcSoftStop
	case l.words <= tcDatelineWords && tcDatelineShaped(l.core) && tcParseLineDate(l):
		l.kind = tcDateline
	case tcIsJunk(l):
		l.kind = tcJunk
	}
}

// tcDatelineWords bounds the length of a dateline line.
const tcDatelineWords = 16

// tcDatelineShaped reports a line that may be a dateline: at most two
// lower-case words that are not dateline words ("Thời gian nộp hồ sơ: Đến
// hết ngày 31.8.2021" is a sentence with a date).
func tcDatelineShaped(s string) bool {
	n := 0
	for _, w := range dlSplitWords(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !dlIsWord(w) {
			n++
		}
	}
	return n <= 2
}

func tcParseLineDate(l *tcLine) bool {
	d, ok := parseDateline(l.core)
	if ok {
		l.date = d
	}
	return ok
}

// tcDatelineIn reads a dateline inside a signature line, after a "|" or
// a dash: "Hoàng Tâm - Thể thao Việt Nam | 06:10 07/02/2017".
func tcDatelineIn(s string) (string, bool) {
	if d, ok := parseDateline(s); ok {
		return d, true
	}
	if i := strings.LastIndex(s, "|"); i >= 0 {
		return parseDateline(s[i+1:])
	}
	return "", false
}

// tcOnlySymbols reports a line with no letter or digit ("·", "|", "***").
func tcOnlySymbols(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// tcTerminal reports whether s ends a sentence: . ! ? … : ; possibly
// inside closing quotes or brackets.
func tcTerminal(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)]* \u00a0")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;", r)
}

// tcIsProse reports a line of running text: a sentence of some length,
// or any long line. A question or exclamation needs more words, as
// headlines often end with one.
func tcIsProse(l tcLine) bool {
	if l.words >= tcLongProse {
		return true
	}
	if l.words < tcProseWords || !tcTerminal(l.core) || !tcHasLower(l.core) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(l.core, "\"'”’»)] \u00a0"))
	return r != '?' && r != '!' || l.words >= tcQuestionProse
}

// tcIsTeaserLede reports a teaser's cut-off lede ("... quận ...").
func tcIsTeaserLede(l tcLine) bool {
	s := strings.TrimRight(l.core, " \u00a0")
	return strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…")
}

// tcHasLowerWord reports a word that starts with a lower-case letter.
func tcHasLowerWord(s string) bool {
	for _, w := range strings.Fields(s) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			return true
		}
	}
	return false
}

func tcHasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// tcHeadlineLike reports a line shaped like a headline, caption or
// subheading: a few words, no full stop at the end.
func tcHeadlineLike(l tcLine) bool {
	if l.words < 2 || l.words > tcLongProse {
		return false
	}
	return !strings.HasSuffix(strings.TrimRight(l.core, "\"'”’ "), ".")
}

// tcWordsOf splits a folded line into words (letters and digits).
func tcWordsOf(fold string) []string {
	return strings.FieldsFunc(fold, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// tcCountWordRuns is len(tcWordsOf(foldPhrase(s))) without folding or
// allocating: folding keeps letters letters and digits digits.
func tcCountWordRuns(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// countFields is len(strings.Fields(s)) without the slice.
func countFields(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// tcHasPrefix reports whether fold starts with one of the phrases, as
// whole words.
func tcHasPrefix(fold string, phrases []string) (string, bool) {
	for _, p := range phrases {
		if strings.HasPrefix(fold, p) {
			rest := fold[len(p):]
			if rest == "" {
				return p, true
			}
			r, _ := utf8.DecodeRuneInString(rest)
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return p, true
			}
		}
	}
	return "", false
}

// tcFoldAll folds a table of phrases once, at start-up.
func tcFoldAll(phrases ...string) []string {
	out := make([]string, len(phrases))
	for i, p := range phrases {
		out[i] = foldPhrase(p)
	}
	return out
}

// tcListHeadings start the lists that follow an article: other articles,
// comments, counters. A line made of one of them, and at most a few words
// from tcHeadingTail ("Bình luận bài viết", "Tin mới nhất", "Bình luận
// (3)"), ends the article; "Ý kiến chuyên gia" is a subheading.
var tcListHeadings = tcFoldAll(
	"tin cùng chuyên mục", "các tin cùng chuyên mục", "bài viết cùng chuyên mục",
	"bài cùng chuyên mục", "tin bài cùng chuyên mục", "cùng chuyên mục", "tin cùng loại",
	"các tin khác", "tin khác", "các bài khác", "bài viết khác", "các bài viết khác",
	"tin bài khác", "các tin bài khác", "tin tức khác", "xem tin khác", "xem các tin khác",
	"tin mới", "tin mới nhất", "tin mới hơn", "tin cũ hơn", "bài viết mới", "các bài viết mới",
	"tin tức mới", "tin đã đưa", "các tin đã đưa", "tin đã đăng", "các tin đã đăng",
	"bài đã đăng", "tin bài đã đưa", "tin trước", "tin tiếp theo", "tin xem nhiều",
	"đọc nhiều", "xem nhiều", "tin đọc nhiều", "tin nổi bật", "tin tiêu điểm", "tin hot",
	"có thể bạn quan tâm", "bạn có thể quan tâm", "có thể bạn muốn xem",
	"bình luận", "các bình luận", "ý kiến bạn đọc", "ý kiến", "gửi bình luận",
	"viết bình luận", "gửi ý kiến", "ý kiến của bạn", "thảo luận", "phản hồi",
	"thống kê truy cập", "lượt truy cập", "số lượt truy cập", "tổng lượt truy cập",
	"đang online", "đang truy cập", "trực tuyến", "xem tin theo ngày", "xem theo ngày",
	"liên kết website", "liên kết web",
)

// tcHeadingTail are the words that may follow a list heading on its line.
var tcHeadingTail = setOf("nhất", "bài", "viết", "này", "khác", "của", "bạn", "đọc", "mới",
	"cùng", "chuyên", "mục", "hơn", "tin", "tức", "các")

// tcTagHeadings start a line of tags, which ends the article whatever
// follows on the line ("Từ khóa: công đoàn, đại hội").
var tcTagHeadings = tcFoldAll("từ khóa", "từ khoá", "tags", "tag:", "thẻ:", "chủ đề:", "keywords")

// tcHeadingWords bounds the length of a list heading line, tcTagWords of
// a tag line.
const (
	tcHeadingWords = 6
	tcTagWords     = 25
)

// tcIsHeading reports whether fold is one of the phrases followed only by
// tcHeadingTail words, numbers and punctuation.
func tcIsHeading(fold string, phrases []string) bool {
	p, ok := tcHasPrefix(fold, phrases)
	if !ok {
		return false
	}
	for _, w := range tcWordsOf(fold[len(p):]) {
		if !tcHeadingTail[foldPhrase(w)] && !dlAllDigits(w) {
			return false
		}
	}
	return true
}

// tcSoftHeadings start a related-article run that may sit inside the
// article ("Tin liên quan") or end it.
var tcSoftHeadings = tcFoldAll("tin liên quan", "bài liên quan", "tin bài liên quan",
	"bài viết liên quan", "các tin liên quan", "tin tức liên quan", "các bài liên quan",
	"xem thêm", "đọc thêm", "xem tiếp")

// tcFooterStrong start a line that only a site footer prints.
var tcFooterStrong = tcFoldAll("bản quyền", "copyright", "©", "ghi rõ nguồn",
	"cấm sao chép", "nghiêm cấm sao chép", "cơ quan chủ quản", "chịu trách nhiệm nội dung",
	"chịu trách nhiệm xuất bản", "chịu trách nhiệm chính", "người chịu trách nhiệm",
	"thiết kế bởi", "thiết kế và phát triển", "phát triển bởi", "designed by", "powered by",
	"giấy phép số", "giấy phép xuất bản", "giấy phép hoạt động", "giấy phép thiết lập",
	"giấy phép:", "liên hệ quảng cáo", "trang thông tin điện tử", "cổng thông tin điện tử",
	"xem phiên bản di động", "phiên bản di động", "phiên bản máy tính")

// tcFooterWeak start contact lines; two of them close together make a
// footer (one alone may be part of an article: "Địa chỉ: số 1 ...").
var tcFooterWeak = tcFoldAll("địa chỉ", "trụ sở", "điện thoại", "đt", "tel", "fax",
	"email", "e-mail", "website", "hotline", "đường dây nóng", "tổng biên tập",
	"phó tổng biên tập", "trưởng ban biên tập", "ban biên tập")

// tcFooterWindow is how close (in non-blank lines) two contact lines must
// be to make a footer; tcFooterWords bounds the length of a footer line.
const (
	tcFooterWindow = 3
	tcFooterWords  = 25
)

// tcIsStop reports a line that starts what follows an article.
func tcIsStop(l *tcLine) bool {
	if l.words <= tcHeadingWords && tcIsHeading(l.folded(), tcListHeadings) {
		return true
	}
	if l.words <= tcTagWords {
		if _, ok := tcHasPrefix(l.folded(), tcTagHeadings); ok {
			return true
		}
	}
	// A footer line is short and looks like one: a "label: value", a
	// number, a symbol, or no sentence end ("Cơ quan chủ quản cấp trên
	// không nên can thiệp ..." is a sentence).
	if l.words <= tcFooterWords && (l.words <= 12 || !tcTerminal(l.core) || strings.ContainsAny(l.core, ":©@0123456789")) {
		f := l.folded()
		if _, ok := tcHasPrefix(f, tcFooterStrong); ok {
			return true
		}
		if strings.Contains(f, "©") || strings.Contains(f, "bản quyền thuộc") || strings.Contains(f, "ghi rõ nguồn") {
			return true
		}
	}
	// page counters: "Tổng số: 195 | Trang: 1 trên tổng số 20 trang",
	// "Trang 1/20"; visit counters: "Hôm nay: 3815", "Tất cả: 3653161"
	if l.words <= 16 && (tcPageCounterRe(l.folded()) || tcVisitCounter(l.folded())) {
		return true
	}
	// teasers that print the headline twice (image title + link text):
	// two equal halves of at least three words each
	return l.words >= 6 && l.words%2 == 0 && tcIsDoubled(l.core)
}

// tcVisitHeads label the numbers of a visit counter.
var tcVisitHeads = tcFoldAll("hôm nay", "hôm qua", "trong tuần", "tuần này", "trong tháng",
	"tháng này", "tất cả", "tổng cộng", "tổng truy cập", "đang online", "đang truy cập",
	"lượt truy cập", "số người truy cập", "đang xem", "online", "khách", "thành viên")

// tcVisitCounter reports "Hôm nay: 3815" and the like.
func tcVisitCounter(f string) bool {
	p, ok := tcHasPrefix(f, tcVisitHeads)
	if !ok {
		return false
	}
	rest := strings.TrimLeft(f[len(p):], " :")
	return rest != "" && rest[0] >= '0' && rest[0] <= '9'
}

// tcPageCounterRe reports a page counter ("Tổng số: 195 | Trang: 1 trên
// tổng số 20 trang", "Trang 1/20").
func tcPageCounterRe(f string) bool {
	if strings.Contains(f, "trên tổng số") && strings.Contains(f, "trang") {
		return true
	}
	// "Trang 1/20", "Trang: 2"; not "Trang 3 của báo cáo ..."
	if p, ok := tcHasPrefix(f, []string{"trang"}); ok {
		ws := tcWordsOf(f[len(p):])
		return len(ws) > 0 && dlAllDigits(ws[0]) && tcIsPager(append(ws, "trang"))
	}
	return false
}

// tcIsDoubled reports a line that is one phrase of at least three words
// printed twice: "X X".
func tcIsDoubled(s string) bool {
	s = strings.Join(strings.Fields(s), " ")
	n := len(s)
	if n < 11 || n%2 == 0 {
		return false
	}
	h := n / 2
	return s[h] == ' ' && s[:h] == s[h+1:] && len(strings.Fields(s[:h])) >= 3
}

// tcIsSoftStop reports a "Tin liên quan" heading (alone on its line).
func tcIsSoftStop(l *tcLine) bool {
	if l.words > tcHeadingWords {
		return false
	}
	return tcIsHeading(l.folded(), tcSoftHeadings)
}

// tcMarkFooters turns weak footer lines into stops when another one
// follows within tcFooterWindow lines.
func tcMarkFooters(ls []tcLine) {
	lastWeak := -1
	for i := range ls {
		l := &ls[i]
		if l.kind != tcText && l.kind != tcJunk && l.kind != tcDateline || l.words > 40 {
			continue
		}
		if _, ok := tcHasPrefix(l.folded(), tcFooterWeak); !ok || !tcLabelled(l.folded()) {
			continue
		}
		if lastWeak >= 0 && i-lastWeak <= tcFooterWindow {
			ls[lastWeak].kind = tcStop
			l.kind = tcStop
		}
		lastWeak = i
	}
}

// tcLabelled reports a "label: value" line ("Điện thoại: (0252) 3 822398",
// "Email: x@y"), or a label followed by a number.
func tcLabelled(f string) bool {
	i := strings.IndexAny(f, ":0123456789@")
	return i >= 0 && i <= 30
}

// tcShareWords make up share bars and print tools ("Chia sẻ", "In bài",
// "Facebook Twitter Zalo").
var tcShareWords = setOf("chia", "sẻ", "in", "bài", "viết", "bản", "gửi", "email", "e", "mail",
	"cho", "bạn", "bè", "lưu", "facebook", "twitter", "zalo", "tweet", "like", "share",
	"thích", "google", "pinterest", "linkedin", "copy", "link", "sao", "chép", "liên", "kết",
	"print", "save", "lại", "quay", "trở", "về", "đầu", "trang", "lên", "top", "đóng",
	"tải", "xuống", "pdf", "nghe", "đọc", "audio", "bình", "chọn", "tin", "hệ", "sơ", "đồ",
	"site", "rss", "sitemap", "mobile")

// tcJunkPrefixes start lines that are page furniture.
var tcJunkPrefixes = tcFoldAll("cỡ chữ", "font chữ", "kích thước chữ", "slideshow", "banner",
	"quảng cáo", "advertisement", "trang chủ", "đăng nhập", "đăng ký", "tìm kiếm",
	"xem thêm:", "đọc thêm:", "tin liên quan:", "bài liên quan:", "xem tiếp:")

// tcViewWords mark view counters ("Lượt xem: 1884", "1884 Đã xem").
var tcViewWords = tcFoldAll("lượt xem", "đã xem", "lượt đọc", "lượt views", "views", "lượt thích")

// tcIsJunk reports page furniture that never belongs to an article.
func tcIsJunk(l *tcLine) bool {
	runs := tcCountWordRuns(l.core)
	if runs == 0 {
		return true
	}
	if l.words > 25 && runs > 8 {
		// Every rule below is for short lines (and folding a
		// paragraph is the costliest step of the text cleaner); a run
		// of symbols with a few words in it still goes through.
		return strings.Trim(strings.ReplaceAll(l.core, " ", ""), "Aa+-–") == ""
	}
	f := l.folded()
	if _, ok := tcHasPrefix(f, tcJunkPrefixes); ok && l.words <= 25 {
		return true
	}
	ws := tcWordsOf(f)
	// font-size buttons: "A+ A-", "A A A"
	if strings.Trim(strings.ReplaceAll(l.core, " ", ""), "Aa+-–") == "" {
		return true
	}
	if l.words <= 8 {
		for _, v := range tcViewWords {
			if strings.Contains(f, v) && strings.IndexAny(f, "0123456789") >= 0 {
				return true
			}
		}
	}
	if len(ws) <= 8 {
		share := true
		for _, w := range ws {
			if !tcShareWords[foldPhrase(w)] {
				share = false
				break
			}
		}
		if share {
			return true
		}
	}
	// URL slugs and file names: "banner-trai-xinh-gai-dep", "anh1.jpg"
	if l.words == 1 && (strings.Count(l.core, "-") >= 2 && tcASCIILower(l.core) ||
		tcHasAnySuffix(f, ".jpg", ".jpeg", ".png", ".gif", ".webp")) {
		return true
	}
	// image placeholders: alt text without any Vietnamese letter ("anh tin
	// bai", "image", "photo")
	if l.words <= 4 && tcASCIILower(l.core) && !strings.ContainsAny(l.core, "0123456789") {
		return true
	}
	// breadcrumbs: "Trang chủ » Tin tức » Hoạt động", "Tin tức > Hoạt động",
	// "Trang chủ / Tin tức / Hoạt động"
	if l.words <= 12 && !tcTerminal(l.core) && (strings.Contains(l.core, "»") ||
		strings.Contains(l.core, " > ") || strings.Contains(l.core, " › ") || strings.Count(l.core, " / ") >= 2) {
		return true
	}
	if l.words <= 20 && tcIsPager(ws) {
		return true
	}
	if l.words <= 6 && strings.Contains(f, "cỡ chữ") {
		return true
	}
	return false
}

// tcPagerWords label page links ("Trang 1 2 3 Sau").
var tcPagerWords = setOf("trang", "sau", "trước", "tiếp", "đầu", "cuối", "next", "prev",
	"previous", "first", "last", "page")

// tcIsPager reports pagination: page numbers and page words only, with
// at least one page word or three numbers ("« 1 2 3 4 5 »"); a lone
// number (a table cell) is not.
func tcIsPager(ws []string) bool {
	numbers, pager := 0, 0
	for _, w := range ws {
		switch {
		case dlAllDigits(w):
			numbers++
		case tcPagerWords[foldPhrase(w)]:
			pager++
		default:
			return false
		}
	}
	return pager > 0 || numbers >= 3
}

func tcHasAnySuffix(s string, sufs ...string) bool {
	for _, x := range sufs {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// tcASCIILower reports a string of lower-case ASCII letters, digits,
// spaces and hyphens only.
func tcASCIILower(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == ' ' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// tcIsLabel reports, in the header, a section label or a line naming an
// organisation only ("Liên đoàn Lao động tỉnh"): the site or the section.
func tcIsLabel(l tcLine) bool {
	return tcIsSectionLabel(l) || l.words <= 8 && tcOrgOnly(l.core, tcOrgVocab)
}

// tcIsSectionLabel reports a section label printed before a teaser or a
// byline ("Hoạt động công đoàn -").
func tcIsSectionLabel(l tcLine) bool {
	t := strings.TrimRight(l.core, " \u00a0")
	return l.words <= 8 && (strings.HasSuffix(t, " -") || strings.HasSuffix(t, " –"))
}

// tcArticleSpan finds the article: among the stretches between stops, the
// one with the most prose words (teaser ledes do not count). It returns
// the index of its first prose line and the end of the stretch, or -1.
func tcArticleSpan(ls []tcLine) (int, int) {
	bestStart, bestEnd, bestScore := -1, -1, 0
	score, first := 0, -1
	flush := func(end int) {
		if first >= 0 && score > bestScore {
			bestStart, bestEnd, bestScore = first, end, score
		}
	}
	for i, l := range ls {
		if l.kind == tcStop {
			flush(i)
			score, first = 0, -1
			continue
		}
		if l.kind != tcText || !tcIsProse(l) || tcIsTeaserLede(l) || tcIsGluedHeadlines(l) {
			continue
		}
		if first < 0 {
			first = i
		}
		score += l.words
	}
	flush(len(ls))
	return bestStart, bestEnd
}

// tcHeader finds the headline and the dateline above the body start: the
// dateline is the first one in the window; the headline is the
// headline-like line just above the dateline, else the one nearest the
// body. Either index is -1 when absent.
func tcHeader(ls []tcLine, start int) (title, dateline int) {
	title, dateline = -1, -1
	lo := max(0, start-tcHeaderWindow)
	for i := lo; i < start; i++ {
		if ls[i].kind == tcDateline && dateline < 0 {
			dateline = i
		}
	}
	candidate := func(i int) bool {
		l := ls[i]
		if l.kind != tcText || l.words < 3 || !tcHeadlineLike(l) || tcIsLabel(l) || l.core != l.text {
			return false // (a bulleted line is a menu or list item)
		}
		if _, _, ok := tcHeaderByline(l.core); ok {
			return false
		}
		return !strings.Contains(l.core, "»") && !strings.Contains(l.core, " | ")
	}
	if dateline >= 0 {
		for i := dateline - 1; i >= max(lo, dateline-2); i-- {
			if candidate(i) {
				return i, dateline
			}
		}
	}
	for i := start - 1; i >= lo; i-- {
		if candidate(i) {
			// A headline can be followed by a second one or a
			// subheading before the first paragraph: the first line of
			// such a run is the headline (menu items are shorter).
			for i > lo && candidate(i-1) && len(tcWordsOf(ls[i-1].folded())) >= tcMinTitleWords {
				i--
			}
			return i, dateline
		}
	}
	return -1, dateline
}

// tcAltOfTitle reports an image's alt or title text that repeats the
// headline: most of its words are the headline's, it has no full stop,
// and it is not much longer than the headline. Next to a caption (the
// following line, with no blank line between) a looser match is enough.
func tcAltOfTitle(ls []tcLine, i int, titleFold string) bool {
	if titleFold == "" {
		return false
	}
	l := &ls[i]
	// (equal folds have as many words: no need to fold a paragraph)
	if l.words == countFields(titleFold) && l.folded() == titleFold {
		return true
	}
	if !tcHeadlineLike(*l) || l.words < 3 {
		return false
	}
	tw := tcWordsOf(titleFold)
	lw := tcWordsOf(l.folded())
	if len(lw) > len(tw)*3/2+2 {
		return false
	}
	in := map[string]bool{}
	for _, w := range tw {
		in[w] = true
	}
	hit := 0
	for _, w := range lw {
		if in[w] {
			hit++
		}
	}
	share := float64(hit) / float64(len(lw))
	captionNext := i+1 < len(ls) && !ls[i+1].gapBefore && ls[i+1].kind == tcText
	return share >= 0.8 || captionNext && share >= 0.6
}

// tcSentenceStarters are words written with a capital only at the start
// of a sentence or headline; one in the middle of a line, right after a
// lower-case word, marks two headlines glued together.
var tcSentenceStarters = setOf("các", "những", "một", "nhiều", "trong", "với", "sau", "khi",
	"để", "từ", "tại", "về", "ngày", "sáng", "chiều", "tối", "hơn", "gần", "trên", "dưới",
	"nhằm", "cùng", "mỗi", "tất", "không", "chưa", "đã", "sẽ", "đang", "vì", "do", "nếu",
	"bởi", "hàng", "toàn", "đây", "thêm", "tiếp")

// tcIsGluedHeadlines reports a related-articles box flattened into one
// line: long, no sentence end anywhere, and a sentence-starting word
// capitalised right after a lower-case word ("... tổ chức Công đoàn Các
// cấp Công đoàn ...").
func tcIsGluedHeadlines(l tcLine) bool {
	if l.words < 20 || tcTerminal(l.core) || strings.Contains(l.core, ". ") {
		return false
	}
	ws := strings.Fields(l.core)
	for i := 1; i < len(ws); i++ {
		prev, _ := utf8.DecodeLastRuneInString(ws[i-1])
		first, _ := utf8.DecodeRuneInString(ws[i])
		if unicode.IsLower(prev) && unicode.IsUpper(first) && tcSentenceStarters[foldPhrase(ws[i])] {
			return true
		}
	}
	return false
}

// tcSkipInlineBox handles a "Tin liên quan" heading at ls[i]: when a run
// of headline-like lines follows and the article goes on after it, it
// returns the index where the article resumes.
func tcSkipInlineBox(ls []tcLine, i, end int) (int, bool) {
	j := i + 1
	for j < end && j-i <= 8 && (tcHeadlineLike(ls[j]) || tcIsTeaserLede(ls[j]) || ls[j].kind == tcJunk) && !tcIsProse(ls[j]) {
		j++
	}
	if j >= end || j == i+1 {
		return 0, false
	}
	if ls[j].kind == tcText && tcIsProse(ls[j]) && !tcIsTeaserLede(ls[j]) {
		return j, true
	}
	return 0, false
}

// tcIsListing reports a listing or home page: in the stretch, nearly all
// paragraphs are teasers, with a different headline right above each or a
// cut-off lede. A photo story, whose paragraphs sit under alt lines
// repeating the headline, is not a listing. The thresholds are
// conservative (a photo story or a table has many more headline-like lines
// than paragraphs, like a listing): calling an article a listing loses all
// of it.
func tcIsListing(ls []tcLine, start, end int, titleFold string) bool {
	prose, proseWords, headed, headWords, cutoff := 0, 0, 0, 0, 0
	for i := start; i < end; i++ {
		l := ls[i]
		if l.kind != tcText {
			continue
		}
		switch {
		case tcIsProse(l):
			prose++
			proseWords += l.words
			if tcIsTeaserLede(l) {
				cutoff++
			}
			if i > start {
				prev := ls[i-1]
				if prev.kind == tcText && tcHeadlineLike(prev) && !tcIsProse(prev) && !tcItemLabel(prev) && !tcAltOfTitle(ls, i-1, titleFold) {
					headed++
					headWords += prev.words
				}
			}
		}
	}
	// teaser headlines are whole headlines, and teasers are a sentence or
	// two; a listicle's subheadings and a photo story's captions are
	// mostly shorter, its paragraphs longer
	return headed >= tcListingHeaded && headed*10 >= prose*9 &&
		headWords >= headed*tcTeaserHeadWords && proseWords < prose*tcTeaserWords ||
		cutoff >= tcListingCutoff && cutoff*2 >= prose
}

// tcItemLabel reports the label of a list item in an article ("Tẩy da
// chết:", "1. Cấy ghép nội tạng"): a teaser's headline is neither.
func tcItemLabel(l tcLine) bool {
	if strings.HasSuffix(strings.TrimSpace(l.core), ":") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(l.core)
	return unicode.IsDigit(r)
}

// tcListingHeaded and tcListingCutoff are the fewest teasers (under their
// own headline, or cut off with "...") that make a listing; a listicle or a
// photo story has fewer, or prose between them.
const (
	tcListingHeaded = 10
	tcListingCutoff = 5
	// tcTeaserHeadWords is the least mean length of teaser headlines,
	// tcTeaserWords the most of teasers.
	tcTeaserHeadWords = 9
	tcTeaserWords     = 45
)

// tcHeaderByline reads a byline printed in the header: "Tác giả: Minh
// Anh", "Bài và ảnh: Minh Anh", "Hoạt động công đoàn - Đ/c Nguyễn Văn
// Danh - Chủ tịch LĐLĐ tỉnh", or a line that is only a name. marked is
// true when a label or an honorific says it is a byline.
func tcHeaderByline(s string) (name string, marked, ok bool) {
	if utf8.RuneCountInString(s) > 150 {
		return "", false, false
	}
	f := foldPhrase(s)
	if p, ok := tcHasPrefix(f, tcBylineLabels); ok {
		rest := tcCutFold(s, p)
		if n, ok := tcBylineName(rest); ok {
			return n, true, true
		}
	}
	for _, seg := range tcSplitSegments(s) {
		if h := tcHonorificLen(seg); h > 0 {
			if n, ok := tcBylineName(seg[h:]); ok {
				return n, true, true
			}
		}
	}
	if n, ok := tcBylineName(s); ok && !strings.Contains(s, ":") {
		return n, false, true
	}
	return "", false, false
}

// tcHasLabel reports a line starting with a byline label ("Tác giả:").
func tcHasLabel(s string) bool {
	_, ok := tcHasPrefix(foldPhrase(s), tcBylineLabels)
	return ok
}

// tcBylineLabels introduce a byline.
var tcBylineLabels = tcFoldAll("tác giả", "bài và ảnh", "bài, ảnh", "bài - ảnh", "bài/ảnh",
	"bài", "tin và ảnh", "tin, ảnh", "tin", "người viết", "thực hiện", "bài viết",
	"người đăng", "đăng bởi", "bởi", "by", "nhóm phóng viên")

// tcCutFold returns s after the first len(foldPhrase prefix) words and any
// ":" or "-" that follows.
func tcCutFold(s, prefix string) string {
	n := len(strings.Fields(prefix))
	ws := strings.Fields(s)
	if n > len(ws) {
		return ""
	}
	// the colon may be glued to the prefix ("giả:") or stand alone
	return strings.TrimLeft(strings.Join(ws[n:], " "), " :-–")
}

// tcSplitSegments splits a byline at " - ", " – ", " | " and ", ".
func tcSplitSegments(s string) []string {
	s = strings.NewReplacer(" – ", "\x00", " — ", "\x00", " - ", "\x00", " | ", "\x00", "|", "\x00", ", ", "\x00").Replace(s)
	var out []string
	for _, p := range strings.Split(s, "\x00") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// tcHonorifics are titles printed before a name and left out of author.
var tcHonorifics = []string{"Đ/c", "Đ/C", "đ/c", "Đc", "Đồng chí", "đồng chí", "Ông", "Bà",
	"PGS.TS.", "PGS.TS", "GS.TS.", "GS.TS", "PGS.", "PGS", "GS.", "TS.", "ThS.", "ThS", "TS", "BS.",
	"BSCKII", "BSCKI", "BSCK", "LS.", "KS.", "NB.", "Luật sư", "Nhà báo", "Tiến sĩ", "Thạc sĩ",
	"KTS.", "KTS", "NSND", "NSƯT", "NGND", "NGƯT", "TS.BS", "ThS.BS", "BS", "GS",
	"Bác sĩ", "Kỹ sư", "Kĩ sư", "Nghệ sĩ", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá",
	"Đại úy", "Đại uý", "Thượng úy", "Thượng uý", "Trung úy", "Trung uý", "Thiếu úy", "Thiếu uý"}

// tcHonorificLen returns the byte length of the honorifics starting s
// (with the spaces after them), or 0.
func tcHonorificLen(s string) int {
	n := 0
	for range 3 {
		matched := false
		for _, h := range tcHonorifics {
			if strings.HasPrefix(s[n:], h) {
				rest := s[n+len(h):]
				if rest == "" {
					continue
				}
				r, _ := utf8.DecodeRuneInString(rest)
				if r != ' ' && r != '.' && r != '\u00a0' {
					continue
				}
				n += len(h)
				for n < len(s) && (s[n] == ' ' || s[n] == '.') {
					n++
				}
				if strings.HasPrefix(s[n:], "\u00a0") {
					n += len("\u00a0")
				}
				matched = true
				break
			}
		}
		if !matched {
			break
		}
	}
	return n
}

// tcBylineName reads the name at the start of a byline: honorific
// dropped, role ("- Chủ tịch LĐLĐ tỉnh"), source ("(Theo X)") and
// dateline ("| 09:00 09/02/2022") cut. Several names joined by dashes or
// commas are kept as printed ("Nhâm Thân – Duy Cường").
func tcBylineName(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) > tcMaxBylineBytes {
		return "", false
	}
	if i := strings.Index(s, "("); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	segs := tcSplitSegments(s)
	if len(segs) == 0 {
		return "", false
	}
	var names []string
	for k, seg := range segs {
		if k > 0 && tcBylineExtra(seg) {
			break // the rest is the role, the outlet or the date
		}
		seg = strings.TrimSpace(seg[tcHonorificLen(seg):])
		cut := tcCutRole(seg)
		seg = strings.TrimRight(cut, " ,;")
		if !tcPersonName(seg) {
			if k > 0 && !tcHasLowerWord(seg) {
				break // another capitalised name or outlet
			}
			return "", false // "Trung Quốc - bài toán ..." is a headline
		}
		names = append(names, seg)
	}
	if len(names) == 1 {
		return names[0], true
	}
	// keep the printed separator between several authors
	first, lastName := names[0], names[len(names)-1]
	i := strings.Index(s, first)
	j := strings.LastIndex(s, lastName)
	if i < 0 || j < i {
		return first, true
	}
	return s[i : j+len(lastName)], true
}

// tcBylineExtra reports what a byline prints after the name: a role
// ("Chủ tịch LĐLĐ tỉnh"), an outlet ("Thể thao Việt Nam"), an office or a
// dateline.
func tcBylineExtra(seg string) bool {
	if _, ok := tcHasPrefix(foldPhrase(seg), tcRoles); ok {
		return true
	}
	if tcPublication(seg) || tcOrgOnly(seg, tcWorkplaceVocab) {
		return true
	}
	if _, ok := tcHasPrefix(foldPhrase(seg), tcWorkplaceHeads); ok {
		return true
	}
	_, ok := parseDateline(seg)
	return ok
}

// tcMaxBylineBytes bounds a byline: a longer paragraph is text.
const tcMaxBylineBytes = 300

// tcWorkplaceHeads start the name of a workplace or a body printed after
// a name in a byline, whatever words follow ("CĐCS Công ty may Hòa Thọ").
var tcWorkplaceHeads = tcFoldAll("công ty", "tổng công ty", "cđcs", "cđ", "lđlđ", "công đoàn",
	"liên đoàn", "trường", "bệnh viện", "ubnd", "ủy ban", "sở", "phòng", "ban", "văn phòng",
	"trung tâm", "nhà máy", "xí nghiệp", "hợp tác xã", "htx", "chi nhánh", "báo", "đài",
	"tạp chí", "hội", "đảng ủy", "viện", "khoa", "huyện", "tỉnh", "thành phố", "tp", "quận")

// tcRoles start a role printed after a name ("Chủ tịch LĐLĐ huyện").
var tcRoles = tcFoldAll("chủ tịch", "phó chủ tịch", "trưởng ban", "phó trưởng ban",
	"trưởng phòng", "phó trưởng phòng", "giám đốc", "phó giám đốc", "tổng giám đốc",
	"bí thư", "phó bí thư", "ủy viên", "uỷ viên", "tỉnh ủy viên", "tổng biên tập",
	"phó tổng biên tập", "phóng viên", "cộng tác viên", "chuyên viên", "cán bộ", "thư ký",
	"chánh văn phòng", "phó chánh văn phòng", "hiệu trưởng", "phó hiệu trưởng", "tổ trưởng",
	"trưởng", "phó", "nguyên", "chủ nhiệm", "phó chủ nhiệm", "kế toán", "giáo viên",
	"nhân viên", "đoàn viên", "công nhân", "bộ trưởng", "thứ trưởng", "đại biểu",
	"trưởng đoàn", "trưởng khoa", "chủ tịch công đoàn", "văn phòng")

// tcCutRole cuts a role glued after a name without a dash ("Nguyễn Văn
// Danh, Chủ tịch" is split earlier; "Nguyễn Văn Danh Chủ tịch LĐLĐ").
func tcCutRole(seg string) string {
	ws := strings.Fields(seg)
	for i := 1; i < len(ws); i++ {
		if _, ok := tcHasPrefix(foldPhrase(strings.Join(ws[i:], " ")), tcRoles); ok {
			return strings.Join(ws[:i], " ")
		}
	}
	return seg
}

// tcRoleLine reports a line that is only a role ("Chủ tịch LĐLĐ huyện Na
// Hang"), printed under a signature.
func tcRoleLine(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 15 || strings.HasSuffix(strings.TrimSpace(s), ":") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	t := strings.TrimRight(s, ". ")
	if strings.ContainsAny(t, ".!?;") {
		return false
	}
	_, ok := tcHasPrefix(foldPhrase(s), tcRoles)
	return ok
}

// tcAbbrevBylines are bylines of one word that are not names.
var tcAbbrevBylines = setOf("PV", "PV.", "P.V", "CTV", "CTV.", "BTV", "NV", "Nhóm PV", "PV-CTV", "BBT", "TTXVN", "VNA")

// tcNotNameWords are capitalised words that do not occur in Vietnamese
// personal names but do in headings and furniture.
var tcNotNameWords = setOf("tin", "bài", "ảnh", "video", "luận", "chia", "sẻ", "chủ", "hệ",
	"nhập", "ký", "top", "tags", "khóa", "xem", "thêm", "đọc", "các", "những", "của", "và",
	"với", "trong", "ngày", "tháng", "năm", "tại", "theo", "lđlđ", "cđcs", "tỉnh", "huyện",
	"phố", "quận", "phường", "xã", "báo", "đài", "tạp", "chí", "điện", "tử", "online", "số",
	"hội", "ban", "phòng", "thông", "mục", "tổng", "kết", "trao", "tặng", "lao", "động",
	"giáo", "dục", "nhà", "nước", "ủy", "sở", "bộ", "cục", "tổ", "chức", "hoạt")

// tcPersonName reports a personal name (or a reporter's abbreviation): one
// to five capitalised words, each made of letters and dots only.
func tcPersonName(s string) bool {
	s = strings.TrimSpace(s)
	if tcAbbrevBylines[foldPhrase(s)] {
		return true
	}
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 5 {
		return false
	}
	dotted := false
	for _, w := range ws {
		first, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(first) {
			return false
		}
		for _, r := range w {
			if r == '.' {
				dotted = true
				continue
			}
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
				return false
			}
		}
		if utf8.RuneCountInString(w) > 12 || tcNotNameWords[foldPhrase(strings.Trim(w, "."))] {
			return false
		}
	}
	// one plain word ("Kết") is too weak; initials ("T.Thủy", "Q.N") are not
	return len(ws) >= 2 || dotted && utf8.RuneCountInString(ws[0]) >= 3
}

// tcPublicationWords mark the outlet part of "Name - Outlet".
var tcPublicationWords = tcFoldAll("thể thao", "việt nam", "báo", "đài", "tạp chí", "online",
	"news", "tv", "vtv", "vov", "ttxvn", "lao động", "dân trí", "tuổi trẻ", "thanh niên",
	"tiền phong", "nhân dân", "người lao động", "vnexpress", "zing", "vietnamnet")

// tcPublication reports an outlet name in a byline segment.
func tcPublication(seg string) bool {
	f := " " + foldPhrase(seg) + " "
	for _, p := range tcPublicationWords {
		if strings.Contains(f, " "+p+" ") {
			return true
		}
	}
	return false
}

// tcOfficeHeads start an office byline ("Văn phòng LĐLĐ tỉnh").
var tcOfficeHeads = tcFoldAll("văn phòng", "ban", "phòng", "bộ phận", "tổ", "nhóm", "bbt",
	"ban biên tập", "lđlđ", "liên đoàn lao động", "công đoàn", "cđ", "cđcs", "trung tâm",
	"cổng thông tin", "trang thông tin", "tòa soạn", "toà soạn")

// tcOrgVocab are the lower-case words an organisation's name is made of.
var tcOrgVocab = setOf("tỉnh", "huyện", "thị", "xã", "thành", "phố", "quận", "phường", "trấn",
	"ngành", "cơ", "sở", "công", "đoàn", "liên", "lao", "động", "văn", "phòng", "ban",
	"tuyên", "giáo", "tổ", "chức", "kiểm", "tra", "nữ", "chính", "sách", "pháp", "luật",
	"thường", "vụ", "thông", "tin", "truyền", "biên", "tập", "tổng", "hợp", "viên", "dục",
	"y", "tế", "tài", "kinh", "xây", "dựng", "nông", "nghiệp", "thương", "giao", "vận",
	"tải", "bưu", "điện", "khu", "cấp", "trên", "trực", "tiếp", "nhóm", "phóng", "tử",
	"trang", "báo", "đài", "tạp", "chí", "quan", "hệ", "quốc", "đối", "ngoại", "kế", "toán",
	"hành", "và", "bộ", "phận", "trung", "tâm", "cổng", "tòa", "soạn", "đời", "sống",
	"việt", "nam")

// tcWorkplaceVocab extends tcOrgVocab with the words of workplaces and
// bodies printed after a name in a byline ("Nguyễn Thị Hoa - CĐCS Công ty
// may Hòa Thọ"); a headline can be made of them, so they do not make a
// site label.
var tcWorkplaceVocab = func() map[string]bool {
	m := setOf("ty", "cổ", "phần", "tnhh", "mtv", "chi", "nhánh", "nhà", "máy", "xí",
		"trường", "học", "mầm", "non", "tiểu", "trung", "phổ", "đại", "cao", "đẳng", "bệnh",
		"viện", "khoa", "trạm", "hội", "đồng", "đảng", "ủy", "nhân", "dân", "hiệp",
		"hợp", "tác", "sản", "xuất", "doanh")
	for w := range tcOrgVocab {
		m[w] = true
	}
	return m
}()

// tcOrgOnly reports a short line that names an organisation only: its
// lower-case words all belong to organisation names, and one of them or an
// abbreviation (LĐLĐ) is there.
func tcOrgOnly(s string, vocab map[string]bool) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 10 {
		return false
	}
	evidence := 0
	for _, w := range ws {
		w = strings.Trim(w, ".,:;()")
		if w == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		fw := foldPhrase(w)
		switch {
		case tcOrgAbbrevs[fw]:
			evidence++
		case unicode.IsUpper(r):
			// a proper noun ("Bá Đoàn" is a name, "Hà Tĩnh" a place)
		case vocab[fw]:
			evidence++
		default:
			return false
		}
	}
	return evidence > 0 && !tcTerminal(s)
}

// tcOrgAbbrevs are abbreviations of union and state bodies.
var tcOrgAbbrevs = setOf("lđlđ", "cđ", "cđcs", "cđn", "ubnd", "hđnd", "tlđ", "tlđlđvn", "bch", "bbt")

// tcOfficeByline reports an office byline ("Văn phòng LĐLĐ tỉnh",
// "Ban Tuyên giáo LĐLĐ tỉnh"): short, starts with an office word and
// holds only organisation words and proper nouns.
func tcOfficeByline(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	if len(strings.Fields(s)) > 8 || strings.ContainsAny(s, ",:;!?\"“”") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	if _, ok := tcHasPrefix(foldPhrase(s), tcOfficeHeads); !ok {
		return false
	}
	return tcOrgOnly(s, tcWorkplaceVocab)
}

// tcSourceLine reads a source line ("Theo Lao Động", "(Theo VNE)",
// "Nguồn: laodong.vn") and returns the source.
func tcSourceLine(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	var rest string
	switch {
	case strings.HasPrefix(s, "Theo ") || strings.HasPrefix(s, "theo "):
		rest = s[len("Theo "):]
	case strings.HasPrefix(s, "Nguồn:") || strings.HasPrefix(s, "Nguồn :") || strings.HasPrefix(s, "Nguồn tin:"):
		rest = strings.TrimLeft(s[strings.Index(s, ":")+1:], " ")
	default:
		return "", false
	}
	rest = tcUnglue(strings.TrimRight(strings.TrimSpace(rest), "."))
	ws := strings.Fields(rest)
	if len(ws) == 0 || len(ws) > 6 || strings.ContainsAny(rest, ",;:!?") {
		return "", false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(r) && len(ws) > 1 && !strings.Contains(ws[0], ".") {
		return "", false // "theo kế hoạch của UBND" is a sentence
	}
	for _, w := range ws[1:] {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && !tcWorkplaceVocab[foldPhrase(w)] {
			return "", false
		}
	}
	return rest, true
}

// tcSignature reads one signature paragraph: a name, a name with a
// role, source or dateline, a reporter's abbreviation or an office.
func tcSignature(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 120 {
		return "", false
	}
	// "T.ThủyTheo SoMag": a source glued to the name by the dump
	if i := strings.Index(s, "Theo "); i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLower(r) {
			s = s[:i]
		}
	}
	// "Tin, ảnh: Minh Anh", "Tác giả: Minh Anh"
	if i := strings.Index(s, ":"); i > 0 && tcHasLabel(s[:i]) {
		s = strings.TrimSpace(s[i+1:])
	}
	s = tcUnglue(s)
	if tcOfficeByline(s) {
		return strings.TrimRight(s, ". "), true
	}
	if name, ok := tcBylineName(s); ok {
		return name, true
	}
	if src, ok := tcSourceLine(s); ok {
		return src, true
	}
	return "", false
}

// splitSignature recognises a signature at the end of an article's
// paragraphs: a byline ("Minh Anh", "PV", "Nguyễn Văn Danh - Chủ tịch
// LĐLĐ tỉnh Hà Tĩnh"), optionally followed by a role line ("Chủ tịch LĐLĐ
// huyện Na Hang") and a source line ("Theo Lao Động"), or a source or
// office byline alone ("Theo Lao Động", "Văn phòng LĐLĐ tỉnh"). It returns
// the paragraphs without the signature and the author as golden rule 4
// wants it: the name without honorific or role, an office as printed, a
// source without "Theo". A sentence is never a signature; when none is
// found, paras come back unchanged and author is "".
func splitSignature(paras []string) (rest []string, author string) {
	n := len(paras)
	if n < 2 {
		// a page that is only a name has no article to sign
		return paras, ""
	}
	end := n
	source := ""
	if src, ok := tcSourceLine(paras[end-1]); ok {
		source = src
		end--
	}
	if end >= 2 && tcRoleLine(paras[end-1]) {
		if name, ok := tcBylineName(paras[end-2]); ok {
			return paras[:end-2], name
		}
	}
	if end >= 2 {
		if name, ok := tcSignature(paras[end-1]); ok {
			return paras[:end-1], name
		}
	}
	if source != "" && end >= 1 {
		return paras[:end], source
	}
	return paras, ""
}

// tcTailSignature finds a signature among the short lines after the last
// paragraph. It returns how many tail lines stay in the body (those
// before the signature), the author, and whether one was found.
func tcTailSignature(tail []string) (int, string, bool) {
	for i := 0; i < len(tail) && i < 4; i++ {
		// the signature block is tail[i:j]; splitSignature needs a
		// paragraph before it, hence the placeholder
		for j := min(len(tail), i+3); j > i; j-- {
			block := append([]string{"."}, tail[i:j]...)
			rest, author := splitSignature(block)
			if author != "" && len(rest) == 1 {
				return i, author, true
			}
		}
	}
	return 0, "", false
}

// tcUnglue cuts an outlet glued by the dump to a short byline's word
// ("Nhật ThanhVietnamNet" → "Nhật Thanh", "Vân DuNgười lao động" → "Vân
// Du").
func tcUnglue(s string) string {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 6 {
		return s
	}
	for k, w := range ws {
		if i := tcCamelCut(w); i > 0 {
			return strings.Join(append(ws[:k:k], w[:i]), " ")
		}
	}
	return s
}

// tcCamelCut returns where a word turns from lower to upper case after
// at least two letters ("ThanhVietnamNet" → 5), or 0.
func tcCamelCut(w string) int {
	var prev rune
	n := 0
	for i, r := range w {
		if n >= 2 && unicode.IsLower(prev) && unicode.IsUpper(r) {
			return i
		}
		prev = r
		n++
	}
	return 0
}
