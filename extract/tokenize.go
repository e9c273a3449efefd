package extract

import (
	"strings"
	"unicode"
)

type tokKind uint8

const (
	tWord  tokKind = iota // a run of letters: a syllable or an acronym
	tNum                  // digits with inner '.' or ',' ("1.738", "90,74")
	tPunct                // any other single character
)

// token is one word, number or punctuation mark of the body, with its
// position in code points.
type token struct {
	kind       tokKind
	start, end int    // code-point offsets into the body
	text       string // as written
	low        string // lower-cased, tone placement unified (words only)
	space      bool   // white space comes before it
	newline    bool   // a line break comes before it
}

// isAcronym reports whether a word is written in capitals ("CĐCS", "NLĐ").
func (t token) isAcronym() bool {
	if t.kind != tWord {
		return false
	}
	n := 0
	for _, r := range t.text {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// isCapitalized reports whether a word starts with a capital letter.
func (t token) isCapitalized() bool {
	for _, r := range t.text {
		return unicode.IsUpper(r)
	}
	return false
}

// glued reports whether t follows the previous token with no space.
func (t token) glued() bool { return !t.space }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff'
}

// tokenize splits NFC text into tokens with code-point offsets.
func tokenize(rs []rune) []token {
	toks := make([]token, 0, len(rs)/4)
	space, newline := true, true
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isSpace(r):
			space = true
			if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
				newline = true
			}
			i++
			continue
		case isDigit(r):
			j := i + 1
			for j < len(rs) {
				if isDigit(rs[j]) {
					j++
					continue
				}
				if (rs[j] == '.' || rs[j] == ',') && j+1 < len(rs) && isDigit(rs[j+1]) {
					j += 2
					continue
				}
				break
			}
			toks = append(toks, token{kind: tNum, start: i, end: j, text: string(rs[i:j]), space: space, newline: newline})
			i = j
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			j := i + 1
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.Is(unicode.Mn, rs[j])) {
				j++
			}
			text := string(rs[i:j])
			toks = append(toks, token{kind: tWord, start: i, end: j, text: text, low: foldTone(strings.ToLower(text)), space: space, newline: newline})
			i = j
		default:
			toks = append(toks, token{kind: tPunct, start: i, end: i + 1, text: string(r), low: string(r), space: space, newline: newline})
			i++
		}
		space, newline = false, false
	}
	return toks
}

// oldTones maps the old ("hoà", "thuỷ") tone placement at the end of a
// syllable to the new one ("hòa", "thủy"), so that lexicon look-ups match
// either spelling. The text itself is never changed.
var oldTones = strings.NewReplacer(
	"oà", "òa", "oá", "óa", "oả", "ỏa", "oã", "õa", "oạ", "ọa",
	"oè", "òe", "oé", "óe", "oẻ", "ỏe", "oẽ", "õe", "oẹ", "ọe",
	"uỳ", "ùy", "uý", "úy", "uỷ", "ủy", "uỹ", "ũy", "uỵ", "ụy",
)

func foldTone(w string) string {
	if len(w) < 3 {
		return w
	}
	// only a syllable-final pair differs between the two styles
	rs := []rune(w)
	if len(rs) >= 2 {
		tail := string(rs[len(rs)-2:])
		if t := oldTones.Replace(tail); t != tail {
			if !(rs[len(rs)-2] == 'u' && len(rs) >= 3 && rs[len(rs)-3] == 'q') {
				return string(rs[:len(rs)-2]) + t
			}
		}
	}
	return w
}
