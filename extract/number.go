package extract

import (
	"errors"
	"strconv"
	"strings"

	"github.com/tinso/tinso/corpus"
)

var errNotNumber = errors.New("not a number")

// parseDigits reads a number written with digits in the Vietnamese
// newspaper convention: '.' groups thousands ("1.738", "22.750.000"), ','
// is the decimal mark ("90,74", "283,753"), a space or NBSP may group
// thousands ("72 270"). A lone '.' that is not followed by exactly three
// digits is read as a decimal point ("1.5"), and several ',' groups of three
// as English grouping ("1,000,000"), since both occur in the wild.
func parseDigits(s string) (corpus.Decimal, error) {
	s = strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(s, "-") {
		neg = true
		s = s[1:]
	}
	if s == "" {
		return corpus.Decimal{}, errNotNumber
	}
	if s[0] == ',' { // ",77": a leading decimal comma
		s = "0" + s
	}
	var groups []string
	var seps []byte
	cur := strings.Builder{}
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			cur.WriteRune(r)
		case r == '.' || r == ',' || r == ' ' || r == '\u00a0' || r == '\u202f':
			if cur.Len() == 0 {
				return corpus.Decimal{}, errNotNumber
			}
			groups = append(groups, cur.String())
			cur.Reset()
			sep := byte(' ')
			if r == '.' || r == ',' {
				sep = byte(r)
			}
			seps = append(seps, sep)
		default:
			return corpus.Decimal{}, errNotNumber
		}
	}
	if cur.Len() == 0 {
		return corpus.Decimal{}, errNotNumber
	}
	groups = append(groups, cur.String())
	intPart, fracPart, ok := splitGroups(groups, seps)
	if !ok {
		return corpus.Decimal{}, errNotNumber
	}
	d, err := decimalFromParts(intPart, fracPart)
	if err != nil {
		return d, err
	}
	if neg {
		d = d.Neg()
	}
	return d, nil
}

// splitGroups decides which separator is the decimal mark and returns the
// integer and fraction digit strings.
func splitGroups(groups []string, seps []byte) (string, string, bool) {
	if len(seps) == 0 {
		return groups[0], "", true
	}
	count := map[byte]int{}
	for _, s := range seps {
		count[s]++
	}
	all3 := func(gs []string) bool {
		for _, g := range gs {
			if len(g) != 3 {
				return false
			}
		}
		return true
	}
	first := groups[0]
	if len(first) > 3 && count[' '] > 0 {
		return "", "", false
	}
	switch {
	case count[','] == 0 && count['.'] == 0: // space grouping only
		if !all3(groups[1:]) || len(first) > 3 {
			return "", "", false
		}
		return strings.Join(groups, ""), "", true
	case count[','] == 1 && seps[len(seps)-1] == ',':
		// "90,74", "10.000,50", "1 234,5": the comma is the decimal mark.
		ints := groups[:len(groups)-1]
		if len(ints) > 1 && (!all3(ints[1:]) || len(first) > 3) {
			return "", "", false
		}
		return strings.Join(ints, ""), groups[len(groups)-1], true
	case count[','] == 0: // dots (and maybe spaces)
		if len(seps) == 1 && len(groups[1]) != 3 {
			return first, groups[1], true // "1.5": decimal point
		}
		if !all3(groups[1:]) || len(first) > 3 {
			return "", "", false
		}
		return strings.Join(groups, ""), "", true
	case count['.'] == 0 && count[','] > 1: // "1,000,000"
		if !all3(groups[1:]) || len(first) > 3 {
			return "", "", false
		}
		return strings.Join(groups, ""), "", true
	case count['.'] == 1 && seps[len(seps)-1] == '.' && count[','] >= 1:
		// "1,234.5": English convention
		ints := groups[:len(groups)-1]
		if !all3(ints[1:]) || len(first) > 3 {
			return "", "", false
		}
		return strings.Join(ints, ""), groups[len(groups)-1], true
	}
	return "", "", false
}

// decimalFromParts builds a Decimal from digit strings, exactly.
func decimalFromParts(intPart, fracPart string) (corpus.Decimal, error) {
	digits := strings.TrimLeft(intPart+fracPart, "0")
	if digits == "" {
		return corpus.Decimal{}, nil
	}
	exp := -int32(len(fracPart))
	for len(digits) > 1 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
		exp++
	}
	c, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return corpus.Decimal{}, corpus.ErrOverflow
	}
	return corpus.NewDecimal(c, exp), nil
}

// shorthand suffixes after digits: "10k", "1tr2", "3M", "2t3".
var shorthandPowers = map[string]int32{"k": 3, "K": 3, "tr": 6, "M": 6, "t": 9, "G": 9}

// parseShorthand reads digits with a magnitude suffix and an optional digit
// of the next lower unit: "1tr2" = 1 200 000, "10k" = 10 000.
func parseShorthand(s string) (corpus.Decimal, bool) {
	i := strings.IndexFunc(s, func(r rune) bool { return r != '-' && r != '.' && r != ',' && (r < '0' || r > '9') })
	if i <= 0 {
		return corpus.Decimal{}, false
	}
	j := i
	for j < len(s) && (s[j] < '0' || s[j] > '9') {
		j++
	}
	p, ok := shorthandPowers[s[i:j]]
	if !ok {
		return corpus.Decimal{}, false
	}
	num := s[:i]
	if strings.HasPrefix(num, "-,") || strings.HasPrefix(num, "-.") {
		num = "-0" + num[1:]
	} else if num[0] == ',' || num[0] == '.' {
		num = "0" + num
	}
	d, err := parseDigits(num)
	if err != nil {
		return corpus.Decimal{}, false
	}
	d = d.Shift(p)
	if rest := s[j:]; rest != "" {
		if len(rest) != 1 || p < 6 {
			return corpus.Decimal{}, false
		}
		d, err = d.Add(corpus.NewDecimal(int64(rest[0]-'0'), p-1))
		if err != nil {
			return corpus.Decimal{}, false
		}
	}
	return d, true
}

// magnitude words and their powers of ten.
var magnitudes = map[string]int32{
	"nghìn": 3, "ngàn": 3, "k": 3, "vạn": 4,
	"triệu": 6, "tr": 6, "tỷ": 9, "tỉ": 9, "t": 9,
}

// magnitudeTypo reads a magnitude word typed with its first letter twice
// ("ttỷ", "ttriệu", "nnghìn"), which no other word is spelt like.
func magnitudeTypo(w string) (string, bool) {
	if len(w) < 3 || w[0] != w[1] || w[0] >= 0x80 {
		return "", false
	}
	switch w[1:] {
	case "tỷ", "tỉ", "triệu", "nghìn", "ngàn":
		return w[1:], true
	}
	return "", false
}

// digit words. "lăm", "mốt" and "tư" are the forms used after mươi.
var digitWords = map[string]int64{
	"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4,
	"năm": 5, "lăm": 5, "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
	"linh": -1, "lẻ": -1,
}

// wordNumber is the result of reading numbers written in words.
type wordNumber struct {
	value  corpus.Decimal
	n      int  // words consumed
	hasMag bool // a magnitude word (nghìn, triệu, tỷ) was read
}

// magGroup is a completed part of a number: its value and the power of ten
// of the magnitude that closed it ("234 nghìn tỷ" is a group of power 12).
type magGroup struct {
	value corpus.Decimal
	power int32
}

// parseWordNumber reads a number written in Vietnamese words from the start
// of ws (lower-case words): "hai mươi lăm", "một trăm linh năm", "hai triệu
// ba trăm nghìn", "mười lăm nghìn", "hai mươi bảy phẩy ba trăm mười hai",
// "một triệu rưỡi", "một triệu tỷ hai trăm ba mươi bốn nghìn tỷ". It
// returns ok=false when ws does not start with a number.
//
// Below a thousand the reader tracks hundreds, tens and units; a magnitude
// word closes the group and, when it is larger than the groups before it,
// multiplies them too ("một nghìn tỷ" = 10^12).
func parseWordNumber(ws []string) (wordNumber, bool) {
	var res wordNumber
	i := 0
	neg := false
	if i < len(ws) && (ws[i] == "âm" || ws[i] == "trừ" || ws[i] == "dương") {
		neg = ws[i] != "dương"
		i++
	}
	start := i
	var groups []magGroup
	var small int64      // the part below a thousand being read
	smallSet := false    // a digit, mười or trăm was read in this part
	tensSet := false     // the tens of this part are fixed (mươi, mười, linh)
	hundreds := false    // "trăm" was read and tens are still open
	hadHundred := false  // "trăm" was read in this group
	lastDigit := false   // the previous word was a bare digit word
	lastMag := int32(-1) // the previous word was this magnitude (or -1)

	// closeGroup ends the part being read with magnitude p.
	closeGroup := func(p int32) bool {
		switch {
		case !smallSet && lastMag >= 0:
			// "nghìn tỷ", "triệu tỷ", "tỷ tỷ": a compound magnitude
			// multiplies the group just closed.
			top := &groups[len(groups)-1]
			top.value = top.value.Shift(p)
			top.power += p
		case !smallSet && len(groups) > 0:
			return false
		default:
			g := corpus.Int(small)
			if !smallSet {
				g = corpus.Int(1) // a bare leading magnitude: "tỷ rưỡi"
			}
			// smaller groups before a larger magnitude are multiplied by
			// it: "một nghìn hai trăm tỷ" = 1200 tỷ.
			var inner int32
			for len(groups) > 0 && groups[len(groups)-1].power < p {
				top := groups[len(groups)-1]
				sum, err := g.Add(top.value)
				if err != nil {
					return false
				}
				g = sum
				inner = max(inner, top.power)
				groups = groups[:len(groups)-1]
			}
			groups = append(groups, magGroup{value: g.Shift(p), power: p + inner})
		}
		small, smallSet, tensSet, hundreds, lastDigit, hadHundred = 0, false, false, false, false, false
		return true
	}

loop:
	for i < len(ws) {
		w := ws[i]
		if d, ok := digitWords[w]; ok {
			switch {
			case d < 0 && lastMag >= 0: // "nghìn lẻ một", "tỷ linh chín trăm"
				i++
				continue
			case d < 0: // linh/lẻ: the tens are zero
				if tensSet || (!hundreds && lastMag < 0) {
					break loop
				}
				hundreds, tensSet, lastDigit = false, true, false
				if lastMag >= 0 {
					smallSet = true
				}
			case w == "năm" && lastMag >= 0 && !smallSet && !nextIsNumberWord(ws, i+1):
				// "ba nghìn năm": the trailing năm is "year", not 5.
				break loop
			case (w == "mốt" || w == "lăm" || w == "nhăm") && !tensSet && !hundreds:
				break loop
			case lastDigit && !tensSet:
				// "chín trăm ba tám" = 938: after trăm, two digit words
				// are tens and units.
				if !hadHundred || small%100 >= 10 {
					break loop
				}
				small = small - small%100 + (small%100)*10 + d
				tensSet, lastDigit = true, false
			case smallSet && small%10 != 0 && lastDigit:
				break loop
			case smallSet && tensSet && small%10 != 0:
				break loop
			default:
				if smallSet && !tensSet && !hundreds && !lastDigit {
					break loop
				}
				small += d
				smallSet = true
				lastDigit = !tensSet
				if hundreds {
					lastDigit = true
				}
			}
			lastMag = -1
			i++
			continue
		}
		switch w {
		case "mười":
			if tensSet || (smallSet && small%100 != 0) {
				break loop
			}
			small += 10
			smallSet, tensSet, hundreds, lastDigit = true, true, false, false
		case "mươi", "chục":
			if !lastDigit || small%10 == 0 || tensSet {
				break loop
			}
			small = small - small%10 + (small%10)*10
			tensSet, hundreds, lastDigit = true, false, false
		case "trăm":
			u := small
			if !smallSet {
				u = 1
			}
			if u >= 10 || tensSet {
				break loop
			}
			small = u * 100
			smallSet, hundreds, lastDigit, tensSet, hadHundred = true, true, false, false, true
		case "rưỡi": // half of the unit just named
			switch {
			case lastMag >= 0:
				top := &groups[len(groups)-1]
				v, err := top.value.Add(corpus.NewDecimal(5, lastMag-1))
				if err != nil {
					break loop
				}
				top.value = v
			case small > 0 && small%100 == 0 && hundreds:
				small += 50
				tensSet = true
			default:
				break loop
			}
			lastDigit = false
			i++
			continue
		default:
			p, ok := magnitudes[w]
			if !ok || w == "k" || w == "tr" || w == "t" {
				break loop
			}
			if !closeGroup(p) {
				break loop
			}
			res.hasMag = true
			lastMag = p
			i++
			continue
		}
		lastMag = -1
		i++
	}
	if i == start {
		return res, false
	}
	v := corpus.Int(small)
	for _, g := range groups {
		sum, err := v.Add(g.value)
		if err != nil {
			return res, false
		}
		v = sum
	}
	// decimal part: "phẩy" or "chấm" followed by digit words or a number
	if i+1 < len(ws) && (ws[i] == "phẩy" || ws[i] == "chấm") {
		if frac, n := readFractionWords(ws[i+1:]); n > 0 {
			if fd, err := decimalFromParts("0", frac); err == nil {
				if sum, err := v.Add(fd); err == nil {
					v = sum
					i += 1 + n
				}
			}
		}
	}
	if neg {
		v = v.Neg()
	}
	res.value = v
	res.n = i
	return res, true
}

func nextIsNumberWord(ws []string, i int) bool {
	return i < len(ws) && isNumberWord(ws[i])
}

// readFractionWords reads the digits after "phẩy": either one digit word at
// a time ("không không ba" = "003") or a whole number read as its digits
// ("ba trăm mười hai" = "312").
func readFractionWords(ws []string) (string, int) {
	if len(ws) > 0 && (ws[0] == "mốt" || ws[0] == "lăm") {
		return "", 0
	}
	var b strings.Builder
	n := 0
	for n < len(ws) {
		d, ok := digitWords[ws[n]]
		if !ok || d < 0 {
			break
		}
		if n+1 < len(ws) && (ws[n+1] == "mươi" || ws[n+1] == "trăm" || ws[n+1] == "mười") {
			break
		}
		b.WriteByte(byte('0' + d))
		n++
	}
	if n > 1 || (n == 1 && (n >= len(ws) || !isNumberWord(ws[n]))) {
		return b.String(), n
	}
	wn, ok := parseWordNumber(ws)
	if !ok || !wn.value.IsInt() {
		return "", 0
	}
	return wn.value.String(), wn.n
}

func isNumberWord(w string) bool {
	if _, ok := digitWords[w]; ok {
		return true
	}
	switch w {
	case "mười", "mươi", "trăm", "rưỡi":
		return true
	}
	_, ok := magnitudes[w]
	return ok && w != "k" && w != "tr" && w != "t"
}

// parseDigitSequence reads a number spoken digit by digit, as years often
// are: "hai không hai ba" = 2023, "một chín bảy lăm" = 1975, "hai không
// mười ba" = 2013, "hai không linh chín" = 2009. It needs at least three
// parts so that "hai ba" alone is not mistaken for 23.
func parseDigitSequence(ws []string) (string, int) {
	var b strings.Builder
	i, parts := 0, 0
	for i < len(ws) {
		w := ws[i]
		if w == "linh" || w == "lẻ" {
			if i+1 < len(ws) {
				if d, ok := digitWords[ws[i+1]]; ok && d > 0 {
					b.WriteByte('0')
					b.WriteByte(byte('0' + d))
					i += 2
					parts++
					continue
				}
			}
			break
		}
		if w == "mười" {
			b.WriteByte('1')
			if i+1 < len(ws) {
				if d, ok := digitWords[ws[i+1]]; ok && d > 0 && ws[i+1] != "tư" {
					b.WriteByte(byte('0' + d))
					i += 2
					parts++
					continue
				}
			}
			b.WriteByte('0')
			i++
			parts++
			continue
		}
		d, ok := digitWords[w]
		if !ok || d < 0 {
			break
		}
		if i+1 < len(ws) && (ws[i+1] == "mươi" || ws[i+1] == "trăm") {
			break
		}
		b.WriteByte(byte('0' + d))
		i++
		parts++
	}
	if parts < 3 {
		return "", 0
	}
	return b.String(), i
}

// ParseNumber parses a whole string as one number, written with digits in
// the Vietnamese convention ("1.738", "90,74", "72 270", "-1.000") or in
// words ("hai mươi lăm", "một trăm tỷ"). It is the parser behind every
// figure; the extractor adds context (units, approx words) around it.
func ParseNumber(s string) (corpus.Decimal, error) {
	s = strings.TrimSpace(nfc(s))
	if s == "" {
		return corpus.Decimal{}, errNotNumber
	}
	if d, err := parseDigits(s); err == nil {
		return d, nil
	}
	if d, ok := parseShorthand(s); ok {
		return d, nil
	}
	ws := strings.Fields(strings.ToLower(s))
	if !hasVietnameseLetters(s) {
		ws = unfoldNumberWords(ws)
	}
	// a sign written apart: "- 1.200.000", "âm 1.200.000"
	if len(ws) == 2 && (ws[0] == "-" || ws[0] == "âm") {
		if d, err := parseDigits(ws[1]); err == nil {
			return d.Neg(), nil
		}
	}
	// digits followed by a magnitude word: "1,2 tỷ", "10 ngàn"
	if len(ws) == 2 {
		if p, ok := magnitudes[ws[1]]; ok {
			if d, err := parseDigits(ws[0]); err == nil {
				return d.Shift(p), nil
			}
		}
	}
	if wn, ok := parseWordNumber(ws); ok && wn.n == len(ws) {
		return wn.value, nil
	}
	if seq, n := parseDigitSequence(ws); n == len(ws) {
		return parseDigits(seq)
	}
	return corpus.Decimal{}, errNotNumber
}

// hasVietnameseLetters reports whether s has any non-ASCII letter.
func hasVietnameseLetters(s string) bool {
	for _, r := range s {
		if r > 0x7f {
			return true
		}
	}
	return false
}

// asciiNumberWords maps number words typed without accents to their
// Vietnamese spelling, for queries and inputs written in plain ASCII.
var asciiNumberWords = map[string]string{
	"khong": "không", "mot": "một", "hai": "hai", "ba": "ba", "bon": "bốn",
	"tu": "tư", "nam": "năm", "lam": "lăm", "sau": "sáu", "bay": "bảy",
	"tam": "tám", "chin": "chín", "muoi": "mười", "tram": "trăm",
	"nghin": "nghìn", "ngan": "ngàn", "trieu": "triệu", "ty": "tỷ",
	"ti": "tỉ", "linh": "linh", "le": "lẻ", "mươi": "mươi",
}

// unfoldNumberWords restores the accents of ASCII number words. "muoi" is
// mười at the start of a number and mươi after a digit.
func unfoldNumberWords(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		v, ok := asciiNumberWords[w]
		if !ok {
			return ws
		}
		if w == "muoi" && i > 0 {
			if _, digit := digitWords[out[i-1]]; digit {
				v = "mươi"
			}
		}
		out[i] = v
	}
	return out
}
