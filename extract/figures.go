package extract

import (
	"sort"
	"strings"

	"github.com/tinso/tinso/corpus"
)

// Figures finds the figures of figures.md in an article body. The body
// should already be NFC (Article does that); offsets are code points.
//
// The finder walks the body's tokens once. At each number it tries, in
// order: the things that are not figures (names like "Covid-19", document
// numbers, ordinals), dates, periods, then quantities (percent, money,
// ratio, count) with their qualifier, range and unit.
func Figures(body string) []corpus.Figure {
	f := newFinder(body)
	f.run()
	return f.figs
}

type finder struct {
	rs    []rune
	toks  []token
	sents []span
	figs  []corpus.Figure
	// sentText caches the text of the last sentence asked for: figures of
	// one sentence share it.
	sentSpan span
	sentText string
	// lenient accepts what an isolated expression means but running text
	// does not: a month or a year on its own ("tháng tám", "năm 2009").
	lenient bool
	// joins counts the "_" that join two syllables of one word
	// ("đoàn_viên", "Công_đoàn cơ_sở"); segmented is set when they are
	// frequent enough for the text to be word-segmented throughout, so that
	// a syllable standing alone is a word of its own.
	joins     int
	segmented bool
}

type span struct{ start, end int }

func newFinder(body string) *finder {
	rs := []rune(body)
	f := &finder{rs: rs, toks: tokenize(body), sents: sentences(rs)}
	if strings.IndexByte(body, '_') >= 0 {
		var words int
		f.toks, f.joins, words = joinSegmented(f.toks)
		f.segmented = f.joins >= minSegmentedJoins && f.joins*segmentedShare >= words
	}
	return f
}

// A text is word-segmented when at least minSegmentedJoins syllables and
// one word token in segmentedShare follow a "_": about one in three does
// in segmented news, while an e-mail address or a file name in running
// text adds only a few.
const (
	minSegmentedJoins = 4
	segmentedShare    = 20
)

// joinSegmented reads word-segmented text, where "_" joins the syllables
// of a word ("đoàn_viên", "nhiệm_kỳ", "Ít_nhất"): a "_" between two
// syllables is dropped from the tokens and the syllable after it counts
// as spaced, so that units, qualifiers, keywords and categories match as
// in running text. Offsets do not change: a figure's text still spans the
// body as written ("1.000 đoàn_viên"). It returns the tokens left, how
// many "_" joined two syllables and how many word tokens there are.
func joinSegmented(toks []token) (out []token, joins, words int) {
	out = toks[:0]
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		if t.kind == tPunct && t.text == "_" && !t.space && len(out) > 0 && out[len(out)-1].kind == tWord &&
			k+1 < len(toks) && toks[k+1].kind == tWord && !toks[k+1].space {
			toks[k+1].space = true // read below, after this write
			joins++
			continue
		}
		if t.kind == tWord {
			words++
		}
		out = append(out, t)
	}
	return out, joins, words
}

// joinedNext reports whether token i+1 is the next syllable of the same
// segmented word as token i ("đồng_nghiệp"): a unit or a currency never
// ends inside a word.
func (f *finder) joinedNext(i int) bool {
	if f.joins == 0 || i < 0 || i+1 >= len(f.toks) {
		return false
	}
	a, b := f.toks[i], f.toks[i+1]
	return a.kind == tWord && b.kind == tWord && b.start == a.end+1 && f.rs[a.end] == '_'
}

// wordLen returns how many tokens from i make up n tokens extended to the
// end of the segmented word the n-th one belongs to: "nhà_máy_điện" is
// one unit even though the lexicon knows only "nhà máy".
func (f *finder) wordLen(i, n int) int {
	for f.joinedNext(i+n-1) && n < maxNounLen {
		n++
	}
	return n
}

func (f *finder) run() {
	for i := 0; i < len(f.toks); {
		if n := f.at(i); n > 0 {
			i += n
			continue
		}
		i++
	}
	sort.SliceStable(f.figs, func(a, b int) bool { return f.figs[a].Start < f.figs[b].Start })
	f.shareSpanYears()
}

// at tries every rule at token i and returns how many tokens it consumed.
func (f *finder) at(i int) int {
	t := f.toks[i]
	switch t.kind {
	case tWord:
		switch t.low {
		case "hàng":
			return f.vagueAt(i, i+1) // "hàng nghìn đoàn viên"
		case "cả":
			// "cả ngàn xe tăng": "cả" is a qualifier, outside the text
			if n := f.vagueAt(i+1, i+1); n > 0 {
				return n + 1
			}
			return 0
		case "chục":
			// a bare "chục ngàn người", "chục triệu đồng"
			if m, ok := vagueMagnitudes[f.low(i+1)]; ok && m >= 3 {
				return f.vagueAt(i, i)
			}
		case "tháng":
			return f.monthYearAt(i, i)
		}
		if !startsWordNumber(t.low) {
			return 0
		}
		if n := f.wordDateAt(i); n > 0 {
			return n
		}
		// a number in words needs a second number word or a unit after its
		// first word ("hai mươi", "ba tỷ", "mười đồng"): "một số" is not one
		if f.numberWordFollows(i) {
			return f.quantityAt(i)
		}
		return 0
	case tNum:
		if n := f.periodAt(i); n > 0 {
			return n
		}
		if n := f.notFigureAt(i); n > 0 {
			return n
		}
		if n := f.wordDateAt(i); n > 0 {
			return n
		}
		if n := f.dateAt(i); n > 0 {
			return n
		}
		return f.quantityAt(i)
	case tPunct:
		// a currency sign before the number: "$10", "€20"
		if _, ok := currencies[t.text]; ok && f.isNum(i+1) && f.toks[i+1].glued() {
			if n := f.quantityAt(i + 1); n > 0 {
				return n + 1
			}
		}
	}
	return 0
}

// startsWordNumber reports whether a number in words can start with w in
// running text: a digit word or "mười", not a bare magnitude ("tỷ lệ").
func startsWordNumber(w string) bool {
	d, ok := digitWords[w]
	return (ok && d >= 0 && w != "mốt" && w != "lăm" && w != "nhăm" && w != "tư") || w == "mười"
}

// numberWordFollows reports whether the number word at i goes on as a
// number or takes a unit: "hai mươi", "ba tỷ", "mười đồng". For "năm" only
// a magnitude, a percent or a currency make it the digit five ("năm
// triệu"), since "năm" is mostly "year".
func (f *finder) numberWordFollows(i int) bool {
	w := f.low(i + 1)
	_, mag := magnitudes[w]
	mag = mag && !f.notMagnitude(i+1) // "một tỷ lệ"
	if _, cur := currencies[w]; cur && w != "đ" {
		return true
	}
	if f.low(i) != "năm" && (isNumberWord(w) || w == "mốt" || w == "lăm" || w == "tư" || w == "phẩy" || w == "chấm") {
		return true
	}
	return (mag && w != "k" && w != "tr" && w != "t") || w == "mươi" || w == "trăm" || w == "phần"
}

// --- token helpers ---

func (f *finder) tok(i int) (token, bool) {
	if i < 0 || i >= len(f.toks) {
		return token{}, false
	}
	return f.toks[i], true
}

// low returns the folded word at i, or "" when i is not a word.
func (f *finder) low(i int) string {
	if t, ok := f.tok(i); ok && t.kind == tWord {
		return t.low
	}
	return ""
}

func (f *finder) isNum(i int) bool {
	t, ok := f.tok(i)
	return ok && t.kind == tNum
}

func (f *finder) isPunct(i int, chars string) bool {
	t, ok := f.tok(i)
	return ok && t.kind == tPunct && strings.Contains(chars, t.text)
}

const dashes = "-–—‐‑"

// phraseAt returns the length in tokens of the longest phrase of set that
// starts at word token i (words separated by single spaces, same line).
func (f *finder) phraseAt(i int, has func(string) bool, maxLen int) int {
	best := 0
	var b strings.Builder
	for n := 0; n < maxLen; n++ {
		t, ok := f.tok(i + n)
		if !ok || t.kind != tWord || (n > 0 && (!t.space || t.newline)) {
			break
		}
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.low)
		if has(b.String()) {
			best = n + 1
		}
	}
	return best
}

// phraseBefore returns the length of the longest phrase of set that ends at
// token i (inclusive).
func (f *finder) phraseBefore(i int, set phraseSet, maxLen int) int {
	if w := f.low(i); w == "" || !set.last[w] {
		return 0
	}
	best := 0
	key := ""
	for n := 1; n <= maxLen; n++ {
		k := i - n + 1
		if k < 0 {
			break
		}
		t := f.toks[k]
		if t.kind != tWord || (n > 1 && f.toks[k+1].newline) {
			break
		}
		if n == 1 {
			key = t.low
		} else {
			key = t.low + " " + key
		}
		if set.all[key] {
			best = n
		}
	}
	return best
}

func inSet(set map[string]bool) func(string) bool {
	return func(s string) bool { return set[s] }
}

// --- emitting ---

func (f *finder) text(first, last int) (string, int, int) {
	s, e := f.toks[first].start, f.toks[last].end
	return string(f.rs[s:e]), s, e
}

// emit records a figure spanning tokens first..last. A figure never runs
// across a line break: paragraphs, captions and list items are separate.
func (f *finder) emit(fig corpus.Figure, first, last int) {
	for k := first + 1; k <= last; k++ {
		if f.toks[k].newline {
			return
		}
	}
	fig.Text, fig.Start, fig.End = f.text(first, last)
	fig.Sentence = f.sentence(fig.Start, fig.End)
	f.figs = append(f.figs, fig)
}

// sentences splits text at sentence-final punctuation followed by white
// space, and at line breaks.
func sentences(rs []rune) []span {
	var out []span
	start := 0
	flush := func(end int) {
		for start < end && isSpace(rs[start]) {
			start++
		}
		e := end
		for e > start && isSpace(rs[e-1]) {
			e--
		}
		if e > start {
			out = append(out, span{start, e})
		}
		start = end
	}
	for i, r := range rs {
		switch r {
		case '\n', '\r':
			flush(i)
		case '.', '!', '?', ';', '…':
			if i+1 == len(rs) || isSpace(rs[i+1]) {
				flush(i + 1)
			}
		}
	}
	flush(len(rs))
	return out
}

func (f *finder) sentenceSpan(pos int) span {
	k := sort.Search(len(f.sents), func(k int) bool { return f.sents[k].end > pos })
	if k < len(f.sents) && f.sents[k].start <= pos {
		return f.sents[k]
	}
	return span{pos, pos}
}

// maxSentence bounds the sentence printed with a figure: text without
// punctuation (a table dump, a run-on list) would otherwise repeat the
// whole body with every figure.
const maxSentence = 600

func (f *finder) sentence(pos, posEnd int) string {
	s := f.sentenceSpan(pos)
	if s.end-s.start > maxSentence {
		// a window around the figure, cut at spaces
		start, end := max(s.start, pos-maxSentence/2), min(s.end, max(posEnd, pos+maxSentence/2))
		for k := 0; k < 40 && start > s.start && !isSpace(f.rs[start-1]); k++ {
			start--
		}
		for k := 0; k < 40 && end < s.end && !isSpace(f.rs[end]); k++ {
			end++
		}
		return string(f.rs[start:end])
	}
	if s != f.sentSpan || f.sentText == "" {
		f.sentSpan, f.sentText = s, string(f.rs[s.start:s.end])
	}
	return f.sentText
}

// sentenceHas reports whether the sentence around token i contains one of
// the phrases of set (matched on folded words), looking at most
// contextTokens tokens either side so that run-on text stays linear.
func (f *finder) sentenceHas(i int, set map[string]bool) bool {
	const contextTokens = 40
	s := f.sentenceSpan(f.toks[i].start)
	for k := max(0, i-contextTokens); k < len(f.toks) && k <= i+contextTokens; k++ {
		t := f.toks[k]
		if t.start < s.start || t.start >= s.end {
			continue
		}
		if t.kind == tWord && f.phraseAt(k, inSet(set), 3) > 0 {
			return true
		}
	}
	return false
}
