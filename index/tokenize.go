package index

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Vietnamese writes each syllable as a space-separated word ("công đoàn"
// is two syllables), so a syllable tokenizer needs no dictionary: a token
// is a maximal run of letters, digits and combining marks. Punctuation,
// symbols and spaces separate tokens ("TP.HCM" → "tp", "hcm";
// "Covid-19" → "covid", "19").

// maxTokenBytes bounds a token: longer runs (base64, URLs without
// punctuation, garbage) are skipped, they are never searched for and would
// only grow the term dictionary.
const maxTokenBytes = 64

// nfc returns s in Unicode NFC, without copying when it already is.
func nfc(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// isWordRune reports whether r belongs inside a token: a letter, a digit
// or a combining mark.
func isWordRune(r rune) bool {
	if r < rune(len(wordRunes)) {
		return wordRunes[r]
	}
	return isWordRuneSlow(r)
}

func isWordRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordRunes caches isWordRune for the runes of Latin and Vietnamese text
// (up to Latin Extended Additional), which the tokenizer meets millions
// of times.
var wordRunes = func() (t [0x1F00]bool) {
	for r := range t {
		t[r] = isWordRuneSlow(rune(r))
	}
	return t
}()

// scan calls fn with the byte offsets of each token of s, in order. s
// should be NFC (nfc); scan itself does not normalise.
func scan(s string, fn func(start, end int)) {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			if i-start <= maxTokenBytes {
				fn(start, i)
			}
			start = -1
		}
		i += size
	}
	if start >= 0 && len(s)-start <= maxTokenBytes {
		fn(start, len(s))
	}
}

// lower returns the lower-case form of a token; an ASCII token already in
// lower case is returned as is.
func lower(tok string) string {
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return lowerSlow(tok)
		}
	}
	return tok
}

func lowerSlow(tok string) string {
	b := make([]byte, 0, len(tok))
	for _, r := range tok {
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return string(b)
}

// Terms returns the index terms of s in order (a token of combining marks
// alone, which folds to nothing, is dropped), in the folded form ("Công
// đoàn" → ["cong", "doan"]) or, with exact, in the accented form with
// canonical tone placement (["công", "đoàn"]). This is the analysis the
// index applies to titles and bodies, for callers and tests that need to
// see it.
func Terms(s string, exact bool) []string {
	s = nfc(s)
	var out []string
	scan(s, func(start, end int) {
		if t := normTerm(s[start:end], exact); t != "" {
			out = append(out, t)
		}
	})
	return out
}

// normTerm normalises one token to its folded or exact index form.
func normTerm(tok string, exact bool) string {
	if exact {
		return placeTone(lower(tok))
	}
	return Fold(tok)
}
