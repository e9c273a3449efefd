package extract

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tinso/tinso/corpus"
)

// dateParts is a day, month and year as printed; 0 means not printed.
type dateParts struct{ d, m, y int }

func (p dateParts) valid() bool {
	if p.m < 1 || p.m > 12 || p.d < 0 || p.d > 31 || p.y < 0 || p.y > 9999 {
		return false
	}
	if p.d > 0 {
		days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
		if p.d > days[p.m-1] {
			return false
		}
	}
	return true
}

// iso prints the date as figures.md asks: "2018-11-06", "2020-02",
// "--06-23" when the year is not printed.
func (p dateParts) iso() string {
	switch {
	case p.y > 0 && p.d > 0:
		return fmt.Sprintf("%04d-%02d-%02d", p.y, p.m, p.d)
	case p.y > 0:
		return fmt.Sprintf("%04d-%02d", p.y, p.m)
	case p.d > 0:
		return fmt.Sprintf("--%02d-%02d", p.m, p.d)
	default:
		return fmt.Sprintf("--%02d", p.m)
	}
}

func atoiSmall(s string, maxLen int) (int, bool) {
	if len(s) == 0 || len(s) > maxLen {
		return 0, false
	}
	v, err := strconv.Atoi(s)
	return v, err == nil
}

// year reads a printed year: four digits, or two digits after a full day
// and month ("3/9/91" is left alone: no year is guessed).
func year(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	v, err := strconv.Atoi(s)
	return v, err == nil && v >= 1 && v <= 2200
}

// numericDate reads a date written with digits starting at token i:
// "22/5/2018", "25-03-1975", "10.05.2000", "23/6", "8.2", "10-2". It
// returns the parts, the separator, whether a year was printed and the
// last token.
func (f *finder) numericDate(i int) (p dateParts, sep string, last int, ok bool) {
	t := f.toks[i]
	if strings.Contains(t.text, ",") {
		return p, "", 0, false
	}
	if strings.Contains(t.text, ".") { // dotted: one token "10.05.2000" or "8.2"
		g := strings.Split(t.text, ".")
		d, ok1 := atoiSmall(g[0], 2)
		m, ok2 := atoiSmall(g[1], 2)
		if !ok1 || !ok2 || len(g) > 3 {
			return p, "", 0, false
		}
		p = dateParts{d: d, m: m}
		if len(g) == 3 {
			y, ok := year(g[2])
			if !ok {
				return p, "", 0, false
			}
			p.y = y
		}
		return p, ".", i, p.valid() && d >= 1
	}
	if y, ok := year(t.text); ok && f.isPunct(i+1, "-") && f.isNum(i+2) && f.isPunct(i+3, "-") && f.isNum(i+4) &&
		f.toks[i+1].glued() && f.toks[i+2].glued() && f.toks[i+3].glued() && f.toks[i+4].glued() {
		// ISO "2024-03-15"
		m, ok1 := atoiSmall(f.toks[i+2].text, 2)
		d, ok2 := atoiSmall(f.toks[i+4].text, 2)
		p = dateParts{d: d, m: m, y: y}
		return p, "-", i + 4, ok1 && ok2 && len(f.toks[i+2].text) == 2 && p.valid()
	}
	d, ok1 := atoiSmall(t.text, 2)
	if ok1 && f.isPunct(i+1, "-") && f.isNum(i+2) && f.isPunct(i+3, "-") && f.isNum(i+4) && f.toks[i+1].space && f.toks[i+3].space {
		// spaced "24 - 7 - 2002"
		m, ok2 := atoiSmall(f.toks[i+2].text, 2)
		y, ok3 := year(f.toks[i+4].text)
		p = dateParts{d: d, m: m, y: y}
		if ok2 && ok3 && p.valid() {
			return p, "-", i + 4, true
		}
	}
	if !ok1 || !f.isPunct(i+1, "/-") || !f.toks[i+1].glued() || !f.isNum(i+2) || !f.toks[i+2].glued() {
		return p, "", 0, false
	}
	sep = f.toks[i+1].text
	m, ok2 := atoiSmall(f.toks[i+2].text, 2)
	if !ok2 {
		return p, "", 0, false
	}
	p = dateParts{d: d, m: m}
	last = i + 2
	if f.isPunct(i+3, sep) && f.toks[i+3].glued() && f.isNum(i+4) && f.toks[i+4].glued() {
		y, ok := year(f.toks[i+4].text)
		if !ok {
			return p, "", 0, false
		}
		p.y = y
		last = i + 4
	}
	return p, sep, last, p.valid() && d >= 1 // "(0-5)" is a score
}

// dateAt reads a date written with digits at token i, and a second date
// when a span follows ("1.3 – 31.5", "28/7/1929 - 28/7/2021", "27-28/02").
func (f *finder) dateAt(i int) int {
	// "27-28/02/2000", "đêm 16-17.12": a span of days sharing a month
	if d1, ok := atoiSmall(f.toks[i].text, 2); ok && f.isPunct(i+1, dashes) && f.toks[i+1].glued() && f.isNum(i+2) && f.toks[i+2].glued() {
		if p2, sep, last, ok := f.numericDate(i + 2); ok && (sep == "/" || sep == "." && f.hasDayWord(i)) && d1 < p2.d {
			p1 := p2
			p1.d = d1
			f.emitDate(p1, i, i)
			f.emitDate(p2, i+2, last)
			return last - i + 1
		}
	}
	if n := f.monthDateAt(i); n > 0 {
		return n
	}
	if n := f.dayListAt(i); n > 0 {
		return n
	}
	p, sep, last, ok := f.numericDate(i)
	if !ok {
		return 0
	}
	keyword := f.hasDateKeyword(i)
	dayWord := f.hasDayWord(i)
	if !keyword && p.y == 0 && f.endsQuotedName(i, last) {
		return last - i + 1 // “Hội nghị thượng đỉnh 15/6”: a name
	}
	// a second date after a dash or "đến": a span
	var p2 dateParts
	first2, last2 := -1, -1
	j := last + 1
	if f.isPunct(j, dashes) || f.low(j) == "đến" || f.low(j) == "tới" {
		k := j + 1
		if dateKeywords.all[f.low(k)] {
			k++
		}
		if f.isNum(k) {
			if q, sep2, l2, ok := f.numericDate(k); ok && (sep2 == sep || sep2 == "/" || sep == "/") {
				p2, first2, last2 = q, k, l2
			}
		}
	}
	switch {
	case p.y > 0 && (sep == "/" || sep == "." || sep == "-"):
	case sep == "/" && (keyword || first2 >= 0 || !f.ratioSignals(i, last)):
	case sep == "." && (keyword || first2 >= 0 || f.isPunct(i-1, "(") && f.isPunct(last+1, ")")):
	case sep == "-" && (dayWord || (first2 >= 0 && f.toks[j].space) || f.isPunct(i-1, "(") && f.isPunct(last+1, ")")):
	default:
		return 0
	}
	if first2 >= 0 && p.y == 0 && p2.y > 0 && (p2.m > p.m || p2.m == p.m && p2.d >= p.d) {
		p.y = p2.y // "18/09 - 19/09/2018": the year printed once covers both
	}
	f.emitDate(p, i, last)
	if first2 >= 0 {
		f.emitDate(p2, first2, last2)
		return last2 - i + 1
	}
	return last - i + 1
}

// endsQuotedName reports whether the tokens first..last end a short
// quoted name that opens with a capital: “Tuyên bố chung 15/6”. Quoted
// speech has commas, or a preposition before a date ("vào 15/6"), so a
// quote with a comma or a colon is not taken for a name.
func (f *finder) endsQuotedName(first, last int) bool {
	const maxWords = 12
	if !f.isPunct(last+1, "”\"»") || !f.toks[last+1].glued() {
		return false
	}
	words := 0
	for k := first - 1; k >= 0 && words <= maxWords; k-- {
		t := f.toks[k]
		if f.toks[k+1].newline {
			return false
		}
		switch {
		case t.kind == tWord:
			words++
		case t.text == "“" || t.text == "\"" || t.text == "«":
			nx := f.toks[k+1]
			return k+1 < first && nx.kind == tWord && nx.glued() && (nx.isCapitalized() || nx.isAcronym()) && f.low(first-1) != "là"
		case t.kind == tPunct && strings.ContainsAny(t.text, ",:;.!?()”»"):
			return false
		}
	}
	return false
}

// dottedMonthYear reads a month and a year written as one dotted number
// token: "5.2021", "02.2000".
func dottedMonthYear(text string) (m, y int, ok bool) {
	before, after, found := strings.Cut(text, ".")
	if !found || strings.ContainsAny(after, ".,") {
		return 0, 0, false
	}
	m, ok1 := atoiSmall(before, 2)
	y, ok2 := year(after)
	return m, y, ok1 && ok2 && m >= 1 && m <= 12
}

// monthDateAt reads a month and year written with digits: "02/2020",
// "5.2021", "04-2021", and month spans sharing a year: "02-03/2000",
// "01-12/2025".
func (f *finder) monthDateAt(i int) int {
	t := f.toks[i]
	if strings.Contains(t.text, ".") {
		if m, y, ok := dottedMonthYear(t.text); ok && y >= 1900 {
			f.emitDate(dateParts{m: m, y: y}, i, i)
			return 1
		}
		return 0
	}
	m1, ok := atoiSmall(t.text, 2)
	if !ok || m1 < 1 || m1 > 12 || !f.isPunct(i+1, "/-"+dashes) || !f.toks[i+1].glued() || !f.isNum(i+2) || !f.toks[i+2].glued() {
		return 0
	}
	if y, ok := year(f.toks[i+2].text); ok && y >= 1900 {
		if f.isPunct(i+3, "/-") && f.toks[i+3].glued() && f.isNum(i+4) {
			return 0 // "1-2-2020" is a full date
		}
		if scaleWords[f.low(i-1)] {
			return 0 // "tỷ lệ 1/2000": a map scale
		}
		f.emitDate(dateParts{m: m1, y: y}, i, i+2)
		return 3
	}
	// "02-03.2000": the second month and the year in one token
	if strings.Contains(f.toks[i+2].text, ".") && strings.Contains(dashes, f.toks[i+1].text) {
		if m2, y, ok := dottedMonthYear(f.toks[i+2].text); ok && m2 > m1 && y >= 1900 {
			f.emitDate(dateParts{m: m1, y: y}, i, i)
			f.emitDate(dateParts{m: m2, y: y}, i+2, i+2)
			return 3
		}
		return 0
	}
	// "02-03/2000": two months sharing a year
	m2, ok := atoiSmall(f.toks[i+2].text, 2)
	if !ok || !strings.Contains(dashes, f.toks[i+1].text) || m2 <= m1 || m2 > 12 ||
		!f.isPunct(i+3, "/.") || !f.toks[i+3].glued() || !f.isNum(i+4) || !f.toks[i+4].glued() {
		return 0
	}
	y, ok := year(f.toks[i+4].text)
	if !ok || y < 1900 {
		return 0
	}
	f.emitDate(dateParts{m: m1, y: y}, i, i)
	f.emitDate(dateParts{m: m2, y: y}, i+2, i+4)
	return 5
}

// scaleWords end the phrases that introduce a map scale: "tỷ lệ",
// "quy hoạch", "bản đồ".
var scaleWords = setOf("lệ", "hoạch", "đồ")

// shareSpanYears gives the year printed on the second date of a span to
// the first ("từ ngày 5 tháng 8 đến ngày 10 tháng 8 năm 2012").
func (f *finder) shareSpanYears() {
	for k := 0; k+1 < len(f.figs); k++ {
		a, b := &f.figs[k], &f.figs[k+1]
		if a.Kind != corpus.Date || b.Kind != corpus.Date || !strings.HasPrefix(a.Value.Date, "--") || strings.HasPrefix(b.Value.Date, "--") {
			continue
		}
		between := strings.ToLower(strings.TrimSpace(string(f.rs[a.End:b.Start])))
		between = strings.TrimSpace(strings.TrimSuffix(between, "ngày"))
		if between != "-" && between != "–" && between != "—" && between != "đến" && between != "tới" {
			continue
		}
		y := b.Value.Date[:4]
		cand := y + a.Value.Date[1:]
		if len(cand) >= 7 && cand <= b.Value.Date+"~" {
			a.Value.Date = cand
		}
	}
}

// dayListAt reads days that share the month printed after the last one:
// "từ 2 đến 5/9", "ngày 3 và 4/9", "hai ngày 9 và 10-2", "từ ngày 1 đến
// 3/1". The first day needs a day word or "từ" before it.
func (f *finder) dayListAt(i int) int {
	d1, ok := atoiSmall(f.toks[i].text, 2)
	if !ok || d1 < 1 || !(f.hasDayWord(i) || f.low(i-1) == "từ") {
		return 0
	}
	j := i + 1
	switch {
	case f.low(j) == "đến" || f.low(j) == "tới" || f.low(j) == "và" || f.isPunct(j, ","):
	case f.isPunct(j, dashes) && f.toks[j].space:
	default:
		return 0
	}
	k := j + 1
	if f.low(k) == "ngày" {
		k++
	}
	if !f.isNum(k) {
		return 0
	}
	p2, _, last, ok := f.numericDate(k)
	if !ok || p2.d <= d1 {
		return 0
	}
	p1 := p2
	p1.d = d1
	if !p1.valid() {
		return 0
	}
	f.emitDate(p1, i, i)
	f.emitDate(p2, k, last)
	return last - i + 1
}

// ratioSignals reports whether "N/M" at first..last reads as a ratio: a
// noun follows, it is bracketed after a percent, or "đạt" comes before.
func (f *finder) ratioSignals(first, last int) bool {
	if _, _, k := f.unitAt(last + 1); k > 0 {
		return true
	}
	if f.isPunct(first-1, "(") && f.isPunct(first-2, "%") {
		return true
	}
	if f.low(first-1) == "đạt" || f.low(first-1) == "là" || f.low(last+1) == "số" {
		return true // "đạt 16/15", "2/3 số phòng"
	}
	if _, _, ok := f.approxBefore(first); ok {
		return true // "hơn 2/3": a date is not qualified so
	}
	// "(đạt 100%)" right after
	for k := last + 1; k < len(f.toks) && k <= last+4; k++ {
		if f.isPunct(k, "%") {
			return true
		}
	}
	return false
}

// hasDayWord reports whether a day-time word comes right before i: "ngày",
// "Sáng", "chiều", "đêm", "mùng". Only these make "d-m" and "d.m" dates.
func (f *finder) hasDayWord(i int) bool {
	return f.phraseBefore(i-1, dateKeywords, 2) > 0
}

// hasDateKeyword reports whether a day-time word or a preposition of time
// comes right before i ("từ 23/6", "đến 17/6").
func (f *finder) hasDateKeyword(i int) bool {
	if f.hasDayWord(i) {
		return true
	}
	switch f.low(i - 1) {
	case "từ", "đến", "tới", "vào", "trước", "sau", "hết", "nay":
		return true
	}
	return false
}

func (f *finder) emitDate(p dateParts, first, last int) {
	f.emit(corpus.Figure{Kind: corpus.Date, Value: corpus.Value{Date: p.iso()}, Unit: "date"}, first, last)
}

// wordDateAt reads dates with "tháng": "6 tháng 11 năm 2018", "ngày mười
// lăm tháng một năm hai nghìn mười hai", "mùng 6 tháng 2". Token i is the
// day (digits or words); the keyword before it stays outside the text.
func (f *finder) wordDateAt(i int) int {
	t := f.toks[i]
	var d, dayLast int
	if t.kind == tNum {
		v, ok := atoiSmall(t.text, 2)
		if !ok {
			return 0
		}
		d, dayLast = v, i
	} else {
		if !isNumberWord(t.low) || !(f.hasDateKeyword(i) || f.lenient) {
			return 0
		}
		n, ok := f.readNumber(i)
		if !ok || !n.val.IsInt() || n.hasMag {
			return 0
		}
		d, dayLast = int(n.val.Coef), n.last
		if n.val.Exp != 0 {
			return 0
		}
	}
	if f.low(dayLast+1) != "tháng" {
		return 0
	}
	m, mLast, ok := f.monthAt(dayLast + 2)
	if !ok && f.low(dayLast+2) == "năm" { // "ngày mười tháng năm": May
		m, mLast, ok = 5, dayLast+2, true
	}
	if !ok {
		return 0
	}
	p := dateParts{d: d, m: m}
	last := mLast
	if y, yLast, ok := f.yearAfter(mLast + 1); ok {
		p.y, last = y, yLast
	}
	if !p.valid() || d == 0 {
		return last - i + 1 // "ngày 0 tháng 4": an invalid date, and not a month either
	}
	f.emitDate(p, i, last)
	return last - i + 1
}

// monthAt reads a month number at i: digits 1-12 or words ("mười hai").
func (f *finder) monthAt(i int) (int, int, bool) {
	t, ok := f.tok(i)
	if !ok || t.newline {
		return 0, 0, false
	}
	if t.kind == tNum {
		m, ok := atoiSmall(t.text, 2)
		return m, i, ok && m >= 1 && m <= 12 && !f.lunar(i+1)
	}
	if t.kind != tWord {
		return 0, 0, false
	}
	if f.low(i) == "mười" && (f.low(i+1) == "một" || f.low(i+1) == "hai") {
		return monthWords["mười "+f.low(i+1)], i + 1, true
	}
	m, ok := monthWords[t.low]
	if !ok || f.lunar(i+1) {
		return 0, 0, false
	}
	// "tháng năm" alone is ambiguous (May, or "month, year")
	if t.low == "năm" && !f.isNum(i+1) && !isNumberWord(f.low(i+1)) {
		return 0, 0, false
	}
	return m, i, true
}

// lunar reports whether "âm lịch" follows: lunar dates are not dates.
func (f *finder) lunar(i int) bool {
	return f.low(i) == "âm" && f.low(i+1) == "lịch" || f.low(i+1) == "âm" && f.low(i+2) == "lịch"
}

// yearAfter reads the year that follows a month: "năm 2018", "/2020",
// ".2020", "-2020", " 2024", "năm hai nghìn linh chín", "năm hai không
// hai ba".
func (f *finder) yearAfter(i int) (int, int, bool) {
	t, ok := f.tok(i)
	if !ok || t.newline {
		return 0, 0, false
	}
	if t.kind == tPunct && strings.Contains("/.-", t.text) && t.glued() && f.isNum(i+1) && f.toks[i+1].glued() {
		y, ok := year(f.toks[i+1].text)
		return y, i + 1, ok
	}
	if t.kind == tNum {
		y, ok := year(t.text)
		return y, i, ok && !strings.ContainsAny(t.text, ".,")
	}
	if t.low != "năm" {
		return 0, 0, false
	}
	return f.yearWordsAt(i + 1)
}

// yearWordsAt reads a year after "năm": digits, or words read as a number
// or digit by digit.
func (f *finder) yearWordsAt(i int) (int, int, bool) {
	t, ok := f.tok(i)
	if !ok || t.newline {
		return 0, 0, false
	}
	if t.kind == tNum {
		y, ok := year(t.text)
		return y, i, ok
	}
	var ws []string
	for k := i; k < len(f.toks) && len(ws) < 12; k++ {
		if f.toks[k].kind != tWord || (k > i && f.toks[k].newline) {
			break
		}
		ws = append(ws, f.toks[k].low)
	}
	if seq, n := parseDigitSequence(ws); n > 0 && len(seq) == 4 {
		y, _ := strconv.Atoi(seq)
		return y, i + n - 1, true
	}
	wn, ok := parseWordNumber(ws)
	if !ok || !wn.value.IsInt() || wn.value.Cmp(corpus.Int(9999)) > 0 || wn.value.Cmp(corpus.Int(1)) < 0 {
		return 0, 0, false
	}
	if wn.n < 2 && !f.lenient {
		return 0, 0, false
	}
	return int(wn.value.Coef * pow10(wn.value.Exp)), i + wn.n - 1, true
}

func pow10(e int32) int64 {
	p := int64(1)
	for ; e > 0; e-- {
		p *= 10
	}
	return p
}

// monthYearAt reads "tháng 02/2020", "tháng 5.2021", "tháng 10 năm 2017",
// "tháng mười năm hai nghìn linh chín" at the word "tháng" (token i). A
// month on its own is not a date, except in lenient mode.
func (f *finder) monthYearAt(i, first int) int {
	// "tháng 1.2017": month and year in one dotted token
	if t, ok := f.tok(i + 1); ok && t.kind == tNum {
		if m, y, ok := dottedMonthYear(t.text); ok {
			f.emitDate(dateParts{m: m, y: y}, first, i+1)
			return 2
		}
	}
	m, mLast, ok := f.monthAt(i + 1)
	if !ok {
		return 0
	}
	p := dateParts{m: m}
	last := mLast
	if y, yLast, ok := f.yearAfter(mLast + 1); ok {
		p.y, last = y, yLast
	} else if k := mLast + 1; (f.isPunct(k, dashes) || f.low(k) == "đến" || f.low(k) == "tới") && f.low(k+1) == "tháng" {
		// "tháng 3 tới tháng 5 năm 1975": the year printed once covers both
		if m2, m2Last, ok := f.monthAt(k + 2); ok && m2 > m {
			if y, yLast, ok := f.yearAfter(m2Last + 1); ok {
				f.emitDate(dateParts{m: m, y: y}, first, mLast)
				f.emitDate(dateParts{m: m2, y: y}, k+1, yLast)
				return yLast - i + 1
			}
		}
		if !f.lenient {
			return 0
		}
	} else if !f.lenient {
		return 0 // a month on its own is not a date
	}
	f.emitDate(p, first, last)
	return last - i + 1
}

// periodAt reads "nhiệm kỳ 2023 - 2028", "giai đoạn 2021-2025", "năm học
// 2022 - 2023": the keyword stays outside the text.
func (f *finder) periodAt(i int) int {
	y1, ok := year(f.toks[i].text)
	if !ok {
		return 0
	}
	// "năm học 2015-2016 và 2016-2017": a period right after a period
	afterPeriod := false
	if n := len(f.figs); n > 0 && f.figs[n-1].Kind == corpus.Period && i >= 2 &&
		(f.low(i-1) == "và" || f.isPunct(i-1, ",")) && f.figs[n-1].End == f.toks[i-2].end {
		afterPeriod = true
	}
	if !afterPeriod && !f.periodKeywordBefore(i) {
		return 0
	}
	if !f.isPunct(i+1, dashes) || !f.isNum(i+2) {
		return 0
	}
	y2, ok := year(f.toks[i+2].text)
	if !ok || y2 <= y1 || y2-y1 > 30 {
		return 0
	}
	mn, mx := corpus.Int(int64(y1)), corpus.Int(int64(y2))
	f.emit(corpus.Figure{Kind: corpus.Period, Value: corpus.Value{Num: mn}, Unit: "year", Min: &mn, Max: &mx}, i, i+2)
	return 3
}

// periodFillers may stand between a period's keyword and its years:
// "nhiệm kỳ mới 2017-2019", "giai đoạn tới 2021-2025", "nhiệm kỳ vừa qua
// (2013-2018)".
var periodFillers = setOf("mới", "tới", "trước", "sau", "này", "đó", "qua", "vừa", "kế",
	"tiếp", "theo", "hiện", "tại", "nay", "đầu", "cuối", "lần", "thứ", "cũ", "sắp")

// periodKeywordBefore reports whether a period's keyword (nhiệm kỳ, giai
// đoạn, năm học) comes before the year at i: right before it, or with a
// bracket, a rank ("nhiệm kỳ XVI (2015-2017)", "giai đoạn 2 (2021-2025)")
// or a word such as "mới" or "tới" between.
func (f *finder) periodKeywordBefore(i int) bool {
	k := i - 1
	if f.isPunct(k, "(") && f.toks[i].glued() {
		k--
	}
	for n := 0; ; n++ {
		if f.phraseBefore(k, periodKeywords, 3) > 0 {
			return true
		}
		t, ok := f.tok(k)
		if !ok || n == 3 || f.toks[k+1].newline {
			return false
		}
		switch {
		case t.kind == tWord && (periodFillers[t.low] || isRoman(t.text)):
		case t.kind == tNum && len(t.text) <= 2:
		default:
			return false
		}
		k--
	}
}

// isRoman reports whether w is a Roman numeral in capitals: "XVI", "II".
func isRoman(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !strings.ContainsRune("IVXLC", r) {
			return false
		}
	}
	return true
}
