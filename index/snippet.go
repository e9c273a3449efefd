package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Snippets are made from the article text the caller's Options.Articles
// returns, not from bleve: the index stores no text and no offsets it
// could highlight from. The text is analysed again (the same scan and
// Fold as the index), the tokens the query matched are marked, and the
// window of text with the most distinct matched query clauses is cut out.

// Span is a byte range [Start, End) of a text that matched the query.
type Span struct{ Start, End int }

// Fragment is a piece of an article's body around the query's matches:
// one line (runs of white space collapsed to one space), with "…" where
// the text was cut, and the byte ranges of Text that matched.
type Fragment struct {
	Text  string `json:"text"`
	Marks []Span `json:"marks,omitempty"`
}

// Render returns the fragment with each mark wrapped in open and close
// ("\x1b[1m", "\x1b[0m" on a terminal; "<mark>", "</mark>" in HTML or
// JSON). escape, when not nil, is applied to the text between and inside
// marks (html.EscapeString for HTML).
func (f Fragment) Render(open, close string, escape func(string) string) string {
	return render(f.Text, f.Marks, open, close, escape)
}

// Mark renders text (a hit's Title) with its marks, as Fragment.Render.
func Mark(text string, marks []Span, open, close string, escape func(string) string) string {
	return render(text, marks, open, close, escape)
}

func render(text string, marks []Span, open, close string, escape func(string) string) string {
	if escape == nil {
		escape = func(s string) string { return s }
	}
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m.Start < at || m.End > len(text) || m.Start >= m.End {
			continue
		}
		b.WriteString(escape(text[at:m.Start]))
		b.WriteString(open)
		b.WriteString(escape(text[m.Start:m.End]))
		b.WriteString(close)
		at = m.End
	}
	b.WriteString(escape(text[at:]))
	return b.String()
}

// snippetTokens is the length of a fragment in tokens: about 25 to 30
// Vietnamese syllables, two lines of a terminal.
const snippetTokens = 28

// maxFragments bounds the fragments of a hit: a second one only shows
// query clauses the first did not.
const maxFragments = 2

// token is a token of a text: its byte range and folded form.
type token struct {
	start, end int
	folded     string
}

func tokensOf(s string) []token {
	var ts []token
	scan(s, func(start, end int) {
		ts = append(ts, token{start, end, Fold(s[start:end])})
	})
	return ts
}

// matches returns, for each token, the index+1 of the first positive
// clause it matches (0 for none). Phrase clauses mark only whole
// occurrences.
func (p *parsed) matches(ts []token) []int {
	m := make([]int, len(ts))
	for ci, c := range p.clauses {
		if c.neg {
			continue
		}
		if c.kind == cPhrase {
			n := len(c.terms)
			for i := 0; i+n <= len(ts); i++ {
				ok := true
				for k, t := range c.terms {
					if ts[i+k].folded != t {
						ok = false
						break
					}
				}
				if ok {
					for k := 0; k < n; k++ {
						if m[i+k] == 0 {
							m[i+k] = ci + 1
						}
					}
				}
			}
			continue
		}
		for i, t := range ts {
			if m[i] == 0 && c.matchTerm(t.folded) {
				m[i] = ci + 1
			}
		}
	}
	return m
}

// matchTerm reports whether a folded token matches a one-term clause.
func (c clause) matchTerm(t string) bool {
	switch c.kind {
	case cWord:
		return t == c.terms[0]
	case cPrefix:
		return strings.HasPrefix(t, c.terms[0])
	case cWildcard:
		return glob(c.terms[0], t)
	case cFuzzy:
		return editDistance(c.terms[0], t, c.fuzz) <= c.fuzz
	}
	return false
}

// marks returns the spans of the matched tokens of s, adjacent matches
// separated only by white space merged into one span.
func (p *parsed) marks(s string) []Span {
	s = nfc(s)
	ts := tokensOf(s)
	return spans(s, ts, p.matches(ts), 0, len(ts))
}

func spans(s string, ts []token, m []int, from, to int) []Span {
	var out []Span
	for i := from; i < to; i++ {
		if m[i] == 0 {
			continue
		}
		if n := len(out); n > 0 && out[n-1].End == ts[i-1].end && m[i-1] != 0 && strings.TrimSpace(s[ts[i-1].end:ts[i].start]) == "" {
			out[n-1].End = ts[i].end
			continue
		}
		out = append(out, Span{ts[i].start, ts[i].end})
	}
	return out
}

// snippet returns up to maxFragments fragments of body around the
// matches of p, or the beginning of body when nothing matches.
func (p *parsed) snippet(body string) []Fragment {
	body = nfc(body)
	ts := tokensOf(body)
	if len(ts) == 0 {
		return nil
	}
	m := p.matches(ts)
	var frags []Fragment
	shown := map[int]bool{}
	for len(frags) < maxFragments {
		from, score := bestWindow(m, shown)
		if score == 0 {
			if len(frags) == 0 {
				frags = append(frags, fragment(body, ts, m, 0, min(len(ts), snippetTokens)))
			}
			break
		}
		to := min(len(ts), from+snippetTokens)
		for i := from; i < to; i++ {
			if m[i] != 0 {
				shown[m[i]] = true
			}
		}
		frags = append(frags, fragment(body, ts, m, from, to))
	}
	return frags
}

// bestWindow returns the start of the window of snippetTokens tokens
// with the most distinct clauses not yet shown (then the most matched
// tokens), slightly before its first match so the reader gets context.
func bestWindow(m []int, shown map[int]bool) (from, score int) {
	best, bestScore := 0, 0
	count := map[int]int{}
	distinct, hits := 0, 0
	add := func(i, d int) {
		c := m[i]
		if c == 0 || shown[c] {
			return
		}
		hits += d
		count[c] += d
		if d > 0 && count[c] == 1 {
			distinct++
		}
		if d < 0 && count[c] == 0 {
			distinct--
		}
	}
	for i := range m {
		add(i, 1)
		if i >= snippetTokens {
			add(i-snippetTokens, -1)
		}
		if s := distinct*1000 + hits; s > bestScore {
			best, bestScore = max(0, i-snippetTokens+1), s
		}
	}
	if bestScore == 0 {
		return 0, 0
	}
	// Move the window so that its first match is a few tokens in,
	first := best
	for first < len(m) && (m[first] == 0 || shown[m[first]]) {
		first++
	}
	// and so that a window near the end is still full.
	return max(0, min(max(best, first-4), len(m)-snippetTokens)), bestScore
}

// fragment cuts tokens [from, to) of s out as a one-line Fragment.
func fragment(s string, ts []token, m []int, from, to int) Fragment {
	start, end := ts[from].start, ts[to-1].end
	// Keep closing punctuation after the last token ("đồng.").
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if unicode.IsSpace(r) || isWordRune(r) || size == 0 {
			break
		}
		end += size
	}
	var b strings.Builder
	var marks []Span
	if from > 0 {
		b.WriteString("… ")
	}
	shift := b.Len() - start
	raw := spans(s, ts, m, from, to)
	// Copy s[start:end] collapsing white space, moving the marks along.
	at := start
	k := 0
	for at < end {
		r, size := utf8.DecodeRuneInString(s[at:])
		if k < len(raw) && at == raw[k].Start {
			marks = append(marks, Span{Start: at + shift})
		}
		if unicode.IsSpace(r) {
			j := at + size
			for j < end {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += s2
			}
			b.WriteByte(' ')
			shift -= (j - at) - 1
			at = j
		} else {
			b.WriteString(s[at : at+size])
			at += size
		}
		if k < len(raw) && at >= raw[k].End {
			marks[len(marks)-1].End = raw[k].End + shift
			k++
		}
	}
	if end < len(s) {
		b.WriteString(" …")
	}
	return Fragment{Text: b.String(), Marks: marks}
}

// glob reports whether s matches the pattern p, where ? is one rune and
// * any run of runes.
func glob(p, s string) bool {
	pr, sr := []rune(p), []rune(s)
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(sr) {
		switch {
		case pi < len(pr) && (pr[pi] == '?' || pr[pi] == sr[si]):
			pi++
			si++
		case pi < len(pr) && pr[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(pr) && pr[pi] == '*' {
		pi++
	}
	return pi == len(pr)
}

// editDistance returns the Levenshtein distance of a and b in runes, or
// limit+1 as soon as it must exceed limit.
func editDistance(a, b string, limit int) int {
	ar, br := []rune(a), []rune(b)
	if d := len(ar) - len(br); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(br)+1)
	cur := make([]int, len(br)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ar); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(br); j++ {
			cost := 1
			if ar[i-1] == br[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(br)]
}
