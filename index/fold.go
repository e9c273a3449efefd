package index

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file holds the two normal forms a syllable is indexed under:
//
//   - folded: lower case with every diacritic removed and đ mapped to d
//     ("Đường" → "duong"), so that a query typed without accents finds
//     accented text, and old and new tone placement ("Uỷ"/"Ủy") meet;
//   - exact: lower case NFC with the tone mark moved to one canonical
//     vowel ("uỷ" → "ủy", "hoà" → "hòa"), so that an accented query can
//     rank the documents that carry the same accents first.

// Fold returns s in lower case with its diacritics removed and đ mapped to
// d: "Công Đoàn" → "cong doan". Everything else (spaces, punctuation) is
// kept. It accepts NFC or NFD text. The index matches every query on this
// form, so Fold is also what a caller shows as "the accent-free form".
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return string(appendFold(make([]byte, 0, len(s)), []byte(s)))
}

// appendFold appends the folded form of s to dst.
func appendFold(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		i += size
		if f, ok := foldTable[r]; ok {
			if f >= 0 {
				dst = utf8.AppendRune(dst, f)
			}
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue // a stray combining mark (NFD input)
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// foldTable maps a precomposed Latin letter to its lower-case base letter;
// -1 drops a combining mark. It covers Latin-1, Latin Extended-A/B, the
// combining diacritics and Latin Extended Additional (all the Vietnamese
// letters), and is built once from the Unicode decompositions.
var foldTable = buildFoldTable()

func buildFoldTable() map[rune]rune {
	t := make(map[rune]rune, 1024)
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			d := []rune(norm.NFD.String(string(r)))
			if len(d) == 0 || d[0] >= 0x250 {
				continue
			}
			marks := true
			for _, m := range d[1:] {
				marks = marks && unicode.Is(unicode.Mn, m)
			}
			if !marks {
				continue
			}
			t[r] = unicode.ToLower(d[0])
		}
	}
	add(0xC0, 0x24F)
	add(0x1E00, 0x1EFF)
	for r := rune(0x300); r <= 0x36F; r++ {
		t[r] = -1
	}
	t['đ'], t['Đ'] = 'd', 'd'
	t['ð'], t['Ð'] = 'd', 'd' // often typed for đ on foreign keyboards
	return t
}

// Tone marks, by their combining code point. Vietnamese has five tones
// written as marks (huyền, sắc, hỏi, ngã, nặng) besides the level tone.
var toneMarks = [...]rune{0, 0x300, 0x301, 0x309, 0x303, 0x323}

// toned maps a lower-case toned vowel ("ờ") to its toneless vowel ("ơ")
// and tone (index into toneMarks); untoned composes the pair back.
var toned, untoned = buildToneTables()

type vowelTone struct {
	base rune
	tone uint8
}

func buildToneTables() (map[rune]vowelTone, map[vowelTone]rune) {
	tt := make(map[rune]vowelTone, 60)
	ut := make(map[vowelTone]rune, 72)
	for _, v := range "aăâeêioôơuưy" {
		ut[vowelTone{v, 0}] = v
		for t := 1; t < len(toneMarks); t++ {
			c := []rune(norm.NFC.String(string(v) + string(toneMarks[t])))
			if len(c) != 1 {
				continue
			}
			tt[c[0]] = vowelTone{v, uint8(t)}
			ut[vowelTone{v, uint8(t)}] = c[0]
		}
	}
	return tt, ut
}

// isVowel reports whether r is a toneless Vietnamese vowel letter.
func isVowel(r rune) bool {
	switch r {
	case 'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y':
		return true
	}
	return false
}

// hasQuality reports whether a toneless vowel carries a quality mark
// (breve, circumflex, horn): such a vowel always takes the tone.
func hasQuality(r rune) bool {
	switch r {
	case 'ă', 'â', 'ê', 'ô', 'ơ', 'ư':
		return true
	}
	return false
}

// initials are the Vietnamese initial consonants, longest first.
var initials = runes("ngh", "ng", "gh", "gi", "qu", "ch", "kh", "nh", "ph", "th", "tr",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")

// finals are the consonants that may close a Vietnamese syllable.
var finals = runes("", "c", "ch", "m", "n", "ng", "nh", "p", "t")

func runes(ss ...string) [][]rune {
	out := make([][]rune, len(ss))
	for i, s := range ss {
		out[i] = []rune(s)
	}
	return out
}

// hasRunePrefix reports whether rs begins with p.
func hasRunePrefix(rs, p []rune) bool {
	if len(p) > len(rs) {
		return false
	}
	for i, r := range p {
		if rs[i] != r {
			return false
		}
	}
	return true
}

// isFinal reports whether rs is a syllable-final consonant (or nothing).
func isFinal(rs []rune) bool {
	for _, f := range finals {
		if len(f) == len(rs) && hasRunePrefix(rs, f) {
			return true
		}
	}
	return false
}

// placeTone returns the syllable s in lower case with its tone mark on the
// vowel the traditional convention chooses, the one most Vietnamese news
// text uses: "uỷ" → "ủy", "hoà" → "hòa", "thuỷ" → "thủy". The rule: a vowel
// with a quality mark takes the tone (the last one: "ươ" → ơ); otherwise
// the last vowel of a closed syllable ("hoàn"), the middle of three
// ("ngoài") and the first of two in an open syllable ("hòa", "mùa"). "qu"
// and "gi" before a vowel are consonants ("quý", "giá"). A token that is
// not one Vietnamese syllable with one tone mark is only lower-cased.
// s must be NFC.
func placeTone(s string) string {
	return string(appendExact(make([]byte, 0, len(s)), []byte(s)))
}

// appendExact appends the exact form of the NFC token tok to dst: lower
// case, tone placed by placeTone's rule.
func appendExact(dst, tok []byte) []byte {
	var buf [16]rune
	rs := buf[:0]
	at, tone := -1, uint8(0)
	simple := false // not a syllable: lower-case only
	for i := 0; i < len(tok); {
		c := tok[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if len(rs) < len(buf) {
				rs = append(rs, rune(c))
			} else {
				simple = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(tok[i:])
		i += size
		r = unicode.ToLower(r)
		if vt, ok := toned[r]; ok && !simple {
			if at >= 0 {
				simple = true // two tone marks
			} else {
				at, tone = len(rs), vt.tone
			}
		}
		if len(rs) < len(buf) {
			rs = append(rs, r)
		} else {
			simple = true
		}
	}
	if simple {
		for i := 0; i < len(tok); {
			r, size := utf8.DecodeRune(tok[i:])
			i += size
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		return dst
	}
	if at >= 0 {
		r := rs[at]
		rs[at] = toned[r].base
		want := toneVowel(rs)
		if want < 0 {
			want = at
		}
		rs[want] = untoned[vowelTone{rs[want], tone}]
	}
	for _, r := range rs {
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// toneVowel returns the index of the vowel that carries the tone in the
// toneless syllable rs, or -1 when rs is not a Vietnamese syllable.
func toneVowel(rs []rune) int {
	start := 0
	for _, in := range initials {
		if !hasRunePrefix(rs, in) {
			continue
		}
		n := len(in)
		if n == 2 && (in[0] == 'g' && in[1] == 'i' || in[0] == 'q') && (n >= len(rs) || !isVowel(rs[n])) {
			continue // "gìn": the i is the vowel
		}
		start = n
		break
	}
	end := start
	for end < len(rs) && isVowel(rs[end]) {
		end++
	}
	if end == start || !isFinal(rs[end:]) {
		return -1
	}
	for i := end - 1; i >= start; i-- {
		if hasQuality(rs[i]) {
			return i
		}
	}
	switch n := end - start; {
	case end < len(rs): // closed syllable
		return end - 1
	case n == 1 || n == 2:
		return start
	case n == 3:
		return start + 1
	}
	return -1
}
