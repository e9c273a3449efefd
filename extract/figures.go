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
}

type span struct{ start, end int }

func newFinder(body string) *finder {
	rs := []rune(body)
	return &finder{rs: rs, toks: tokenize(body), sents: sentences(rs)}
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
			return f.vagueAt(i)
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
