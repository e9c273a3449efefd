package extract

import (
	"strings"
	"unicode/utf8"
)

// Double-encoded UTF-8: a page's UTF-8 bytes read as ISO-8859-1 (or
// windows-1252) and written out again as UTF-8, so that "Lao Động" reads
// "Lao Äá»ng". Each original character became a run of two or three
// characters in U+0080..U+00FF (or windows-1252's punctuation for bytes
// 0x80..0x9F); turning such a run back into bytes gives valid UTF-8 again.

// cp1252High maps windows-1252's characters for bytes 0x80..0x9F back to
// their byte.
var cp1252High = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91,
	'’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98,
	'™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
}

// mojibakeByte returns the byte a character stands for in a double-encoded
// text.
func mojibakeByte(r rune) (byte, bool) {
	switch {
	case r < 0x80:
		return 0, false
	case r <= 0xff:
		return byte(r), true
	case r < 'Œ' || r > '˜' && r < '–' || r > '™':
		// Outside cp1252High's span (most Vietnamese letters are): no
		// map lookup for every character of every page.
		return 0, false
	}
	b, ok := cp1252High[r]
	return b, ok
}

// repairDoubleUTF8 undoes double encoding run by run. It changes the text
// only when the runs that turn back into UTF-8 are many (at least three)
// and outnumber two to one those that do not, so that genuine Latin-1
// letters ("café", "Müller") are never touched.
func repairDoubleUTF8(s string) (string, bool) {
	good, bad := 0, 0
	forEachMojibakeRun(s, func(run []byte) {
		if len(run) >= 2 && utf8.Valid(run) {
			good++
		} else {
			bad++
		}
	})
	if good < 3 || good < 2*bad {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	var run []byte
	var runText strings.Builder
	flush := func() {
		if len(run) >= 2 && utf8.Valid(run) {
			b.Write(run)
		} else {
			b.WriteString(runText.String())
		}
		run = run[:0]
		runText.Reset()
	}
	for _, r := range s {
		if c, ok := mojibakeByte(r); ok {
			run = append(run, c)
			runText.WriteRune(r)
			continue
		}
		if len(run) > 0 {
			flush()
		}
		b.WriteRune(r)
	}
	if len(run) > 0 {
		flush()
	}
	return b.String(), true
}

// forEachMojibakeRun calls fn with the bytes of every maximal run of
// characters that stand for bytes 0x80..0xFF.
func forEachMojibakeRun(s string, fn func([]byte)) {
	var run []byte
	for _, r := range s {
		if c, ok := mojibakeByte(r); ok {
			run = append(run, c)
			continue
		}
		if len(run) > 0 {
			fn(run)
			run = run[:0]
		}
	}
	if len(run) > 0 {
		fn(run)
	}
}
