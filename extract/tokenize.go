package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
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

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff'
}

// tokenize splits NFC text into tokens with code-point offsets. Token
// texts are slices of body, not copies.
func tokenize(body string) []token {
	toks := make([]token, 0, len(body)/4+8) // Vietnamese averages a token per 4-5 bytes
	space, newline := true, true
	ri := 0 // code-point offset of body[bi]
	for bi := 0; bi < len(body); {
		r, size := utf8.DecodeRuneInString(body[bi:])
		switch {
		case isSpace(r):
			space = true
			if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
				newline = true
			}
			bi += size
			ri++
			continue
		case isDigit(r):
			j := bi + 1
			for j < len(body) {
				if isDigit(rune(body[j])) {
					j++
					continue
				}
				if (body[j] == '.' || body[j] == ',') && j+1 < len(body) && isDigit(rune(body[j+1])) {
					j += 2
					continue
				}
				break
			}
			toks = append(toks, token{kind: tNum, start: ri, end: ri + j - bi, text: body[bi:j], space: space, newline: newline})
			ri += j - bi
			bi = j
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			j, n := bi+size, 1
			upper := isUpper(r)
			for j < len(body) {
				r2, s2 := utf8.DecodeRuneInString(body[j:])
				if r2 < utf8.RuneSelf {
					if !('a' <= r2 && r2 <= 'z' || 'A' <= r2 && r2 <= 'Z') {
						break
					}
				} else if !unicode.IsLetter(r2) && !unicode.Is(unicode.Mn, r2) {
					break
				}
				upper = upper || isUpper(r2)
				j += s2
				n++
			}
			text := body[bi:j]
			low := text
			if upper {
				low = strings.ToLower(text)
			}
			toks = append(toks, token{kind: tWord, start: ri, end: ri + n, text: text, low: foldTone(low), space: space, newline: newline})
			ri += n
			bi = j
		default:
			text := body[bi : bi+size]
			toks = append(toks, token{kind: tPunct, start: ri, end: ri + 1, text: text, low: text, space: space, newline: newline})
			ri++
			bi += size
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
	last, size := utf8.DecodeLastRuneInString(w)
	switch last {
	case 'à', 'á', 'ả', 'ã', 'ạ', 'è', 'é', 'ẻ', 'ẽ', 'ẹ', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ':
	default:
		return w
	}
	prev, _ := utf8.DecodeLastRuneInString(w[:len(w)-size])
	if prev != 'o' && prev != 'u' {
		return w
	}
	// "qu" is a consonant: "quý" has one spelling
	if prev == 'u' && strings.HasSuffix(w[:len(w)-size], "qu") {
		return w
	}
	return w[:len(w)-size-1] + oldTones.Replace(string(prev)+string(last))
}
