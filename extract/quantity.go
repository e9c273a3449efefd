package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/tinso/tinso/corpus"
)

// numRead is a number read from the tokens first..last.
type numRead struct {
	val         corpus.Decimal
	first, last int
	words       int  // number words read (0 when written with digits)
	hasMag      bool // a magnitude (nghìn, triệu, tỷ, k, tr) was applied
	plain       bool // digits only, no separator: "2021", "01"
}

// readNumber reads the number starting at token i: digits with their
// Vietnamese separators, space-grouped thousands, a following magnitude
// word or shorthand ("1,2 tỷ", "10k", "1tr2"), or a number in words.
func (f *finder) readNumber(i int) (numRead, bool) {
	t, ok := f.tok(i)
	if !ok {
		return numRead{}, false
	}
	var n numRead
	switch t.kind {
	case tNum:
		text := t.text
		last := i
		// "72 270", "9 000 000": thousands grouped by spaces, when a unit
		// follows the group
		if !strings.ContainsAny(text, ".,") && len(text) <= 3 {
			k := last
			for {
				nx, ok := f.tok(k + 1)
				if !ok || nx.kind != tNum || !nx.space || nx.newline || len(nx.text) != 3 ||
					strings.ContainsAny(nx.text, ".,") || nx.start-f.toks[k].end != 1 {
					break
				}
				k++
			}
			if after, ok := f.tok(k + 1); k > last && ok && (after.kind == tWord || strings.Contains("%$€₫", after.text)) {
				for ; last < k; last++ {
					text += f.toks[last+1].text
				}
			}
		}
		v, err := parseDigits(text)
		if err != nil {
			return numRead{}, false
		}
		n = numRead{val: v, first: i, last: last, plain: !strings.ContainsAny(text, ".,")}
	case tWord:
		var buf [24]string
		ws := buf[:0]
		for k := i; k < len(f.toks) && len(ws) < len(buf); k++ {
			tk := f.toks[k]
			if tk.kind != tWord || (k > i && (!tk.space || tk.newline)) || f.notMagnitude(k) {
				break
			}
			ws = append(ws, tk.low)
		}
		wn, ok := parseWordNumber(ws)
		if !ok || wn.n == 0 {
			return numRead{}, false
		}
		last := i + wn.n - 1
		n = numRead{val: wn.value, first: i, last: last, words: wn.n, hasMag: wn.hasMag}
		if !wn.hasMag {
			n = f.spokenFraction(n)
		}
		return n, true
	default:
		return numRead{}, false
	}
	n = f.spokenFraction(n)
	// magnitude words after digits: "1,2 tỷ", "10 ngàn", "2 nghìn tỷ"
	for {
		nx, ok := f.tok(n.last + 1)
		if !ok || nx.kind != tWord || nx.newline {
			break
		}
		p, isMag := magnitudes[nx.low]
		if w, typo := magnitudeTypo(nx.low); typo && !isMag {
			p, isMag = magnitudes[w], true // "1.400 ttỷ đồng"
		}
		if !isMag || f.notMagnitude(n.last+1) {
			break
		}
		short := nx.low == "k" || nx.low == "tr" || nx.low == "t"
		if short != !nx.space { // shorthand is glued, words are spaced
			break
		}
		if short && n.hasMag {
			break
		}
		n.val = n.val.Shift(p)
		n.hasMag = true
		n.last++
		n.plain = false
		// "1tr2": a glued digit after tr is the next lower unit
		if nx.low == "tr" {
			if d, ok := f.tok(n.last + 1); ok && d.kind == tNum && d.glued() && len(d.text) == 1 {
				if v, err := n.val.Add(corpus.NewDecimal(int64(d.text[0]-'0'), p-1)); err == nil {
					n.val = v
					n.last++
				}
			}
		}
	}
	return n, true
}

// notMagnitude reports whether the magnitude word at i starts a longer
// word: "tỷ lệ", "tỷ trọng", "tỷ suất", "tỷ giá", and in segmented text
// any magnitude joined to the next syllable ("triệu_chứng", "tỷ_phú").
func (f *finder) notMagnitude(i int) bool {
	w := f.low(i)
	if fixed, typo := magnitudeTypo(w); typo {
		w = fixed
	}
	if f.joinedNext(i) {
		// the first syllable of a word: "triệu_chứng", "tỷ_phú", "tỷ_lệ";
		// a currency joined to it is still money ("30 tỷ_tệ", "3 tỷ_đồng")
		_, isMag := magnitudes[w]
		_, isCur := currencies[f.low(i+1)]
		return isMag && !isCur
	}
	if w == "triệu" && f.low(i+1) == "chứng" {
		return true // "triệu chứng"
	}
	if w != "tỷ" && w != "tỉ" {
		return false
	}
	switch f.low(i + 1) {
	case "lệ", "trọng", "suất", "giá", "phú", "đô":
		return f.toks[i+1].space
	}
	return false
}

// spokenFraction extends an integer by a decimal part spoken as "phẩy" or
// "chấm" and digits: "2 chấm 23", "hai phẩy 23", "1 phẩy 1".
func (f *finder) spokenFraction(n numRead) numRead {
	w := f.low(n.last + 1)
	if (w != "phẩy" && w != "chấm") || !n.val.IsInt() || !f.toks[n.last+1].space {
		return n
	}
	frac := ""
	last := n.last + 2
	if t, ok := f.tok(last); ok && t.kind == tNum && !strings.ContainsAny(t.text, ".,") {
		frac = t.text
	} else if ok && t.kind == tWord {
		var ws []string
		for k := last; k < len(f.toks) && k < last+8 && f.toks[k].kind == tWord; k++ {
			ws = append(ws, f.toks[k].low)
		}
		digits, m := readFractionWords(ws)
		if m == 0 {
			return n
		}
		frac, last = digits, last+m-1
	}
	if frac == "" {
		return n
	}
	fd, err := decimalFromParts("0", frac)
	if err != nil {
		return n
	}
	v, err := n.val.Add(fd)
	if err != nil {
		return n
	}
	n.val, n.last, n.plain = v, last, false
	return n
}

// notFigureAt skips numbers that are names, codes or references rather
// than quantities, returning the tokens consumed (0 when i is a figure
// candidate).
func (f *finder) notFigureAt(i int) int {
	t := f.toks[i]
	prev, hasPrev := f.tok(i - 1)
	// glued to letters before: "Covid-19", "G7", "U23", "A4"
	if hasPrev && t.glued() {
		if prev.kind == tWord && !f.isCurrencyWord(i-1) {
			return f.skipCode(i)
		}
		if prev.kind == tPunct && strings.Contains(dashes, prev.text) {
			if pp, ok := f.tok(i - 2); ok && pp.kind == tWord && prev.glued() {
				return f.skipCode(i)
			}
		}
	}
	// document numbers: "02-NQ/TW", "68/NQ-CP", "153/2016/NĐ-CP", "295/LĐLĐ"
	if f.isDocCode(i) {
		return f.skipCode(i)
	}
	// the number of a document or a rank: "Nghị quyết (số) 02", "Điều 21",
	// "lần thứ 2", "đợt 2", "quận 3"
	k := i - 1
	// unless an amount follows: "hợp đồng 1,2 tỉ USD", "kế hoạch 19,1 ngàn
	// tỷ đồng"
	if (f.phraseBefore(k, docBefore, 4) > 0 || (f.low(k) == "số" && f.phraseBefore(k-1, docBefore, 4) > 0)) && !f.moneyOrPercentFollows(i) {
		return f.skipCode(i)
	}
	// a label or a rank, unless a percent or an amount follows, which is a
	// quantity all the same ("trung cấp 18%", "các lớp 95,85 triệu đồng");
	// the context is checked first so that most numbers are read only once
	label := (f.low(k) == "số" && !countBeforeSố[f.low(k-1)]) || f.phraseBefore(k, ordinalBefore, 2) > 0 && !f.verbNotRank(k)
	if label && !f.quantityFollows(i) {
		return f.skipCode(i)
	}
	// a quarter is not a month: "quý 1/2017", "Quý 4-2016", "quý 2.2018"
	if f.isQuarter(i) {
		return f.skipCode(i)
	}
	// a number ending a company's name: "Công ty TNHH 27/7", "TNHH MTV
	// (3-2)", "Công ty TNHH 1 thành viên"
	if f.afterLegalForm(i) {
		return f.skipCode(i)
	}
	// numbers inside a short quoted name: "75 nghìn sáng kiến vượt khó"
	if f.inQuotedName(i) {
		return f.skipCode(i)
	}
	// phone numbers: long digit strings starting with 0, or after ĐT/Tel
	if f.isPhone(i) {
		return f.skipCode(i)
	}
	return 0
}

// verbNotRank reports whether the rank word at k ends a longer word or is
// a verb, so that the number after it is an amount: "cung cấp 300 suất
// ăn", "đã cấp 36 sổ BHXH", "trực tuyến 63 điểm cầu".
func (f *finder) verbNotRank(k int) bool {
	switch f.low(k) {
	case "cấp":
		switch f.low(k - 1) {
		case "cung", "khẩn", "đã", "được", "sẽ", "vừa", "mới", "chưa", "cần":
			return true
		}
	case "tuyến":
		return f.low(k-1) == "trực"
	}
	return false
}

// countBeforeSố are the words after which "số N" is an amount, not a
// label: "tổng số 1.738", "trong số 16 doanh nghiệp", "dân số 2,6 triệu".
var countBeforeSố = setOf("tổng", "con", "trong", "doanh", "dân", "với", "là", "có",
	"được", "lượng", "đa", "thiểu", "ở")

// quantityFollows reports whether a percent sign or a currency follows
// the number at i, or the number carries a magnitude.
func (f *finder) quantityFollows(i int) bool {
	n, ok := f.readNumber(i)
	return ok && (n.hasMag || f.moneyOrPercentAfter(n))
}

// moneyOrPercentFollows reports whether a currency or a percent sign
// follows the number at i: "kế hoạch 19,1 ngàn tỷ đồng" is an amount,
// "quy định 5K" and "Nghị quyết 02" are names.
func (f *finder) moneyOrPercentFollows(i int) bool {
	n, ok := f.readNumber(i)
	return ok && f.moneyOrPercentAfter(n)
}

// moneyOrPercentAfter reports whether a percent sign or a currency comes
// right after the number n (after its magnitude, if any).
func (f *finder) moneyOrPercentAfter(n numRead) bool {
	j := n.last + 1
	if f.isPunct(j, "%") || (f.low(j) == "phần" && f.low(j+1) == "trăm") {
		return true
	}
	_, k := f.currencyAt(j)
	return k > 0
}

// skipCode consumes a number and whatever is glued to it by '/', '-', '.'
// or letters, so that "153/2016/NĐ-CP" is skipped whole.
func (f *finder) skipCode(i int) int {
	j := i + 1
	for j < len(f.toks) && f.toks[j].glued() {
		t := f.toks[j]
		if t.kind == tPunct && !strings.ContainsAny(t.text, "/-–.") {
			break
		}
		if t.kind == tPunct && (j+1 >= len(f.toks) || !f.toks[j+1].glued()) {
			break
		}
		j++
	}
	return j - i
}

// isDocCode reports whether the number at i starts a coded document
// number: a '/' or '-' glued to it leads to capital letters.
func (f *finder) isDocCode(i int) bool {
	for j := i + 1; j+1 < len(f.toks) && j < i+8; j += 2 {
		sep, nx := f.toks[j], f.toks[j+1]
		if sep.kind != tPunct || !sep.glued() || !nx.glued() || !strings.ContainsAny(sep.text, "/-–") {
			return false
		}
		if nx.kind == tWord {
			_, isCur := currencies[nx.low]
			return nx.isCapitalized() && !isCur
		}
		if nx.kind != tNum {
			return false
		}
	}
	return false
}

// isQuarter reports whether the number at i is a quarter of the year:
// 1 to 4 after "quý", which is not part of a name ("đảo Phú Quý 28").
func (f *finder) isQuarter(i int) bool {
	if f.low(i-1) != "quý" {
		return false
	}
	head, _, _ := strings.Cut(f.toks[i].text, ".") // "quý 4.2016"
	if q, ok := atoiSmall(head, 2); !ok || q < 1 || q > 4 {
		return false
	}
	q := f.toks[i-1]
	if p, ok := f.tok(i - 2); ok && q.isCapitalized() && p.kind == tWord && p.isCapitalized() && !p.newline && !q.newline {
		return false // "Phú Quý"
	}
	return true
}

// legalForms end a company's name before a number that is part of it:
// "Công ty 27/7", "Công ty TNHH MTV 19/5", "Công ty Cổ phần 3-2".
var legalForms = phraseSetOf("tnhh", "mtv", "jsc", "cổ phần", "trách nhiệm hữu hạn",
	"một thành viên", "hai thành viên", "công ty", "tổng công ty", "cty")

// afterLegalForm reports whether the number at i (or in brackets there)
// follows the legal form of a company's name: the number names the
// company ("Công ty TNHH (3-2)"), it is no date or count. A percent or an
// amount after it is a quantity all the same ("cổ phần 51%").
func (f *finder) afterLegalForm(i int) bool {
	k := i - 1
	if f.isPunct(k, "(") && f.toks[i].glued() {
		k--
	}
	n := f.phraseBefore(k, legalForms, 4)
	if n == 0 {
		return false
	}
	// acronyms only as capitals ("TNHH"); the words only in a name, with a
	// capital or after one ("Công ty", "Cổ phần", "TNHH một thành viên")
	t, first := f.toks[k], f.toks[k-n+1]
	if n == 1 && !t.isAcronym() && !t.isCapitalized() {
		return false
	}
	if n > 1 && !first.isCapitalized() {
		if p, ok := f.tok(k - n); !ok || !p.isAcronym() {
			return false
		}
	}
	return !f.quantityFollows(i)
}

// isCurrencyWord reports whether the word at i is a currency code that may
// be glued before a number ("USD1,23", "EUR29,99", "Rs20").
func (f *finder) isCurrencyWord(i int) bool {
	w := f.low(i)
	_, ok := currencies[w]
	return ok && (f.toks[i].isAcronym() || w == "rs")
}

// namingWords come before a quoted name: Chương trình “75 nghìn sáng kiến”.
var namingWords = phraseSetOf("chương trình", "phong trào", "cuộc vận động", "vận động", "giải",
	"cuộc thi", "hội thi", "đề án", "dự án", "kế hoạch", "chủ đề", "khẩu hiệu",
	"danh hiệu", "mô hình", "chiến dịch", "sáng kiến", "câu lạc bộ", "quỹ", "tháng",
	"ngày hội", "diễn đàn", "chuyên đề", "cuộc", "phim", "bài hát", "sách", "tác phẩm")

// inQuotedName reports whether the number at i sits inside a quoted name
// (a programme, campaign or title): the quote follows a naming word, or
// opens with the number. Quoted speech keeps its figures.
func (f *finder) inQuotedName(i int) bool {
	const maxWords = 14
	open := -1
	for k := i - 1; k >= 0 && k > i-maxWords; k-- {
		t := f.toks[k]
		if t.kind != tPunct {
			continue
		}
		if t.text == "“" || t.text == "\"" || t.text == "«" {
			open = k
			break
		}
		if t.text == "”" || t.text == "»" || strings.ContainsAny(t.text, ".;") {
			return false
		}
	}
	if open < 0 {
		return false
	}
	if open != i-1 && f.phraseBefore(open-1, namingWords, 3) == 0 {
		return false
	}
	for k := i + 1; k < len(f.toks) && k < open+maxWords*2; k++ {
		t := f.toks[k]
		if t.kind == tPunct && (t.text == "”" || t.text == "\"" || t.text == "»") {
			return true
		}
		if t.newline || t.kind == tPunct && strings.ContainsAny(t.text, ".;?!") {
			return false // a sentence in quotes is speech, not a name
		}
	}
	return false
}

func (f *finder) isPhone(i int) bool {
	t := f.toks[i]
	for k := i - 1; k >= i-3 && k >= 0; k-- {
		switch f.low(k) {
		case "đt", "tel", "hotline", "fax", "sđt", "dđ", "zalo":
			return true
		case "thoại": // "điện thoại", not "đối thoại"
			if f.low(k-1) == "điện" {
				return true
			}
		}
	}
	digits := 0
	for j := i; j < len(f.toks) && j < i+6; j++ {
		tj := f.toks[j]
		if j > i && (tj.newline || (tj.kind == tWord)) {
			break
		}
		for _, r := range tj.text {
			if isDigit(r) {
				digits++
			}
		}
	}
	return strings.HasPrefix(t.text, "0") && len(t.text) >= 3 && digits >= 9 && !strings.Contains(t.text, ",")
}

// approxBefore returns the approx value of the qualifier right before
// token i, and the index of the first token of that qualifier. The longest
// qualifier wins, so that the word next to the number decides ("khoảng
// gần" is under).
func (f *finder) approxBefore(i int) (string, int, bool) {
	best, bestLen := "", 0
	for v, set := range approxSets {
		if n := f.phraseBefore(i-1, set, 4); n > bestLen {
			best, bestLen = v, n
		}
	}
	return best, i - bestLen, bestLen > 0
}

// quantityAt reads a percent, money, ratio or count starting at token i.
func (f *finder) quantityAt(i int) int {
	n, ok := f.readNumber(i)
	if !ok {
		return 0
	}
	// a day, month or school year named by its number: "từ tháng 6 hằng
	// năm", "mùng 10 ước đạt", "năm 2 ĐH"
	switch f.low(i - 1) {
	case "tháng", "ngày", "mùng", "mồng", "năm", "hôm":
		// but "mỗi tháng 10kg", "hằng năm 500 đoàn viên": a quantity
		// per period
		every := f.low(i-2) == "mỗi" || f.low(i-2) == "hằng" || f.low(i-2) == "hàng"
		if n.words == 0 && !f.quantityFollows(i) && !every {
			return n.last - i + 1
		}
	}
	first := i
	if f.low(i-1) == "âm" && n.words > 0 { // "âm một nghìn đồng"
		n.val = n.val.Neg()
		first = i - 1
	}
	prefixCur, curFirst := f.prefixCurrency(i)
	if prefixCur != "" {
		first = curFirst
	}
	approx, qualStart, hasQual := f.approxBefore(first)
	if !hasQual {
		qualStart = first
	}

	// a range whose unit is printed once: "300 - 500", "từ 1 đến 2",
	// "3,5 - 3,7 triệu"
	lo := n
	var hi *numRead
	j := n.last + 1
	if m, ok := f.rangeEnd(j, n, qualStart); ok {
		hi, j = &m, m.last+1
		if hi.hasMag && !lo.hasMag && lo.val.Cmp(hi.val) < 0 {
			if v, ok := scaleLike(lo.val, hi.val); ok {
				lo.val = v // the magnitude printed once covers both ends
			}
		}
		if lo.val.Cmp(hi.val) >= 0 {
			hi, j = nil, n.last+1
		}
	}
	last := j - 1

	fig := corpus.Figure{}
	unitEnd := -1 // last token of a unit that a range may repeat
	switch {
	case prefixCur != "":
		fig.Kind, fig.Unit = corpus.Money, prefixCur
		// "VND1000-VND2000": the currency printed before both ends
		if hi == nil && f.isPunct(j, dashes) && f.sameUnit(curFirst, i-1, j+1) {
			if m, ok := f.readNumber(j + 1 + (i - curFirst)); ok && lo.val.Cmp(m.val) < 0 {
				hi, last = &m, m.last
			}
		}
	case f.isPunct(j, "%") && !f.toks[j].newline:
		fig.Kind, fig.Unit = corpus.Percent, "%"
		last, unitEnd = j, j
	case f.low(j) == "phần" && f.low(j+1) == "trăm" && !f.toks[j].newline:
		fig.Kind, fig.Unit = corpus.Percent, "%"
		last, unitEnd = j+1, j+1
	default:
		if cur, k := f.currencyAt(j); k > 0 && !(n.words == 1 && !n.hasMag && (lo.val.IsZero() || f.currencyCompound(j, k))) {
			fig.Kind, fig.Unit = corpus.Money, cur
			last, unitEnd = j+k-1, j+k-1
			break
		}
		if n.words == 0 && hi == nil && f.isPunct(j, "/") && f.toks[j].glued() && f.isNum(j+1) && f.toks[j+1].glued() {
			return f.ratioAt(i, n, approx)
		}
		unit, cat, k := f.unitAt(j)
		text := true // the unit is printed after the number, inside its text
		if k == 0 && !lo.hasMag && n.words == 0 {
			// the noun printed apart: "12 trong số các nhà máy", "số
			// đơn vị nợ BHXH là 711"
			if unit, cat, ok := f.unitOfWhole(j); ok {
				fig.Kind, fig.Unit, fig.Category = corpus.Count, unit, cat
				text = false
			} else if unit, cat, ok := f.unitBefore(qualStart, i); ok && lo.val.IsInt() && !(n.plain && isYear(lo.val)) && !f.numberChained(last) {
				fig.Kind, fig.Unit, fig.Category = corpus.Count, unit, cat
				text = false
			}
			if !text {
				break
			}
		}
		if k == 0 && lo.hasMag && f.sentenceHas(i, moneyContext) {
			// "giá thuê 1,5 triệu/tháng", "vốn vay khoảng 500 triệu khó mua";
			// followed by a noun it is a count ("31,4 triệu ly sữa")
			fig.Kind, fig.Unit = corpus.Money, "VND"
			break
		}
		if k == 0 {
			return last - i + 1
		}
		if unit == "" { // a time unit: durations and ages are not scored
			return last - i + 1 + k
		}
		if n.words > 0 && !n.hasMag && (n.words < 2 || lo.val.Cmp(corpus.Int(11)) < 0) {
			return last - i + 1 + k // "hai bên", "ba người": small numbers in words
		}
		if n.plain && isYear(lo.val) && (f.yearContext(i) || !f.knownNoun(j, k)) {
			return last - i + 1 // "năm 2021 thành lập", "2030 phấn đấu": a year
		}
		if unit == "lần" && f.isFrequency(qualStart, j+k) {
			return last - i + 1 + k // "3 lần một tuần", "1 lần/tháng"
		}
		fig.Kind, fig.Unit, fig.Category = corpus.Count, unit, cat
		last = j + k - 1
		if f.isMeasure(strings.ToLower(unit)) {
			unitEnd = last
		}
		if cat == catMembers && unit != "đoàn viên" && f.isSizeThreshold(qualStart) {
			fig.Category = catPeople
		}
		// the closing quote of a quoted unit stays outside the text
		if f.isPunct(last, "”\"»") {
			last--
		}
	}

	// the unit printed at both ends: "50.000đ-100.000đ", "3kg-6kg",
	// "từ 1000 đồng đến 2000 đồng", "3% - 5%"
	if hi == nil && unitEnd >= 0 {
		if m, ok := f.rangeEnd(unitEnd+1, n, qualStart); ok && lo.val.Cmp(m.val) < 0 {
			k := m.last + 1
			if f.sameUnit(j, unitEnd, k) {
				hi = &m
				last = k + (unitEnd - j)
			}
		}
	}
	// cents after dollars: "2 đô la và 23 xen", "hai đô 23", "20 Rupees 43"
	if fig.Kind == corpus.Money && fig.Unit != "VND" && hi == nil && !lo.hasMag {
		if v, l, ok := f.centsAfter(last + 1); ok {
			if sum, err := lo.val.Add(v); err == nil {
				lo.val, last = sum, l
			}
		}
	}

	if hi != nil {
		mn, mx := lo.val, hi.val
		fig.Min, fig.Max = &mn, &mx
		approx = ""
	} else {
		approx = f.floorOrCeiling(approx, qualStart, last, fig.Kind)
	}
	fig.Value = corpus.Value{Num: lo.val}
	fig.Approx = corpus.Approx(approx)
	perLen := 0 // the rate's tokens stay outside the text but are read: "/m 2" is no "2"
	if fig.Kind == corpus.Money {
		if per, k := f.perAt(last + 1); k > 0 {
			fig.Per, perLen = per, k
		}
	}
	f.emit(fig, first, last)
	return last - i + 1 + perLen
}

// knownNoun reports whether the k tokens at j are a listed noun (or a
// classifier before one), not a guess.
func (f *finder) knownNoun(j, k int) bool {
	if _, ok := countNouns[f.phraseKey(j, k)]; ok {
		return true
	}
	return classifiers[f.low(j)] && k > 1
}

// currencyCompound reports whether a one-word currency after a number in
// words begins a longer word instead: "không đồng bộ", "một đô thị", "một
// đồng nào".
func (f *finder) currencyCompound(j, k int) bool {
	nx, ok := f.tok(j + k)
	if !ok || nx.kind != tWord || !nx.space || nx.newline {
		return false
	}
	return nx.low == "nào" || !stopWords[nx.low] && !nx.isCapitalized()
}

// prefixCurrency reads a currency printed before the number at i: "$10",
// "USD 1,23", "EUR 20", "Rs. 20", "VN$1000". It returns the code and the
// currency's first token.
func (f *finder) prefixCurrency(i int) (string, int) {
	k := i - 1
	if f.isPunct(k, ".") && f.toks[i].space { // "Rs. 20"
		k--
	}
	p, ok := f.tok(k)
	if !ok {
		return "", 0
	}
	c, isCur := currencies[strings.ToLower(p.text)]
	if !isCur || c == "cent" {
		return "", 0
	}
	switch {
	case p.kind == tPunct:
		if !f.toks[i].glued() {
			return "", 0
		}
	case p.isAcronym() && (f.toks[i].glued() || p.text != "VNĐ" && p.text != "VND") || p.low == "rs":
		if f.toks[i].newline {
			return "", 0
		}
	default:
		return "", 0
	}
	if c == "USD" && k > 0 && p.glued() && f.low(k-1) == "vn" { // "VN$1000"
		return "VND", k - 1
	}
	return c, k
}

// rangeEnd reads the upper end of a range that starts with lo: after a dash
// or "đến"/"tới" (or "và" in "giữa A và B"), a number written the same way.
func (f *finder) rangeEnd(j int, lo numRead, qualStart int) (numRead, bool) {
	between := f.isPunct(j, dashes+"~") || f.low(j) == "đến" || f.low(j) == "tới" ||
		(f.low(j) == "và" && f.low(qualStart-1) == "giữa")
	if !between || (lo.words == 1 && lo.val.IsZero()) { // "không tới 7000": not zero
		return numRead{}, false
	}
	if f.toks[j].newline || j+1 >= len(f.toks) || f.toks[j+1].newline {
		return numRead{}, false // a figure never runs across a line break
	}
	if f.isPunct(j, dashes) && !f.toks[j].glued() && f.isNum(j+1) && f.toks[j+1].glued() {
		return numRead{}, false // "5 -3": a sign, not a range
	}
	m, ok := f.readNumber(j + 1)
	if !ok {
		return numRead{}, false
	}
	return m, true
}

// sameUnit reports whether the tokens from k repeat the unit a..b.
func (f *finder) sameUnit(a, b, k int) bool {
	for d := 0; d <= b-a; d++ {
		u, ok1 := f.tok(a + d)
		v, ok2 := f.tok(k + d)
		if !ok1 || !ok2 || !strings.EqualFold(u.text, v.text) {
			return false
		}
	}
	return true
}

// centsAfter reads the cents that follow a dollar amount: "và 23 xen",
// "23 xu", or a bare "23" ending the expression.
func (f *finder) centsAfter(k int) (corpus.Decimal, int, bool) {
	if f.low(k) == "và" {
		k++
	}
	m, ok := f.readNumber(k)
	if !ok || !m.val.IsInt() || m.val.Cmp(corpus.Int(100)) >= 0 || m.hasMag {
		return corpus.Decimal{}, 0, false
	}
	last := m.last
	switch cur, n := f.currencyAt(last + 1); {
	case n > 0 && cur == "cent":
		last += n
	case n > 0:
		return corpus.Decimal{}, 0, false
	default:
		if nx, ok := f.tok(last + 1); ok && !nx.newline && (nx.kind == tWord || nx.kind == tNum) {
			return corpus.Decimal{}, 0, false
		}
	}
	return m.val.Shift(-2), last, true
}

// floorOrCeiling settles approx from the words around a figure: "từ X ...
// trở lên" and a target "từ X%" are floors ("over"); "từ X lên Y" is a
// starting point (""); "X trở xuống" is a ceiling ("under").
func (f *finder) floorOrCeiling(approx string, qualStart, last int, kind corpus.Kind) string {
	if approx != "" {
		return approx
	}
	if f.followedBy(last+1, 2, "trở xuống") {
		return "under"
	}
	if f.low(qualStart-1) == "từ" {
		switch {
		case f.followedBy(last+1, 8, "trở lên"):
			return "over"
		case f.followedBy(last+1, 8, "trở xuống"):
			return "under"
		case f.followedBy(last+1, 4, "lên") || f.followedBy(last+1, 4, "xuống") ||
			f.followedBy(last+1, 4, "đến") || f.followedBy(last+1, 4, "tới"):
			return ""
		case kind == corpus.Percent:
			return "over" // a target "từ 85%"
		}
	}
	if kind != corpus.Money && f.followedBy(last+1, 2, "trở lên") {
		return "over"
	}
	return ""
}

// scaleLike gives lo the magnitude of hi: in "3,5 - 3,7 triệu", 3,5 is
// millions too.
func scaleLike(lo, hi corpus.Decimal) (corpus.Decimal, bool) {
	for p := int32(1); p <= 12; p++ {
		v := lo.Shift(p)
		if v.Cmp(hi) > 0 {
			return corpus.Decimal{}, false
		}
		if v.Shift(1).Cmp(hi) > 0 {
			return v, true
		}
	}
	return corpus.Decimal{}, false
}

// followedBy reports whether phrase starts within the next n tokens of the
// same sentence.
func (f *finder) followedBy(i, n int, phrase string) bool {
	set := map[string]bool{phrase: true}
	words := len(strings.Fields(phrase))
	for k := i; k < len(f.toks) && k < i+n; k++ {
		t := f.toks[k]
		if t.kind == tPunct && strings.ContainsAny(t.text, ".;:!?") {
			return false
		}
		if t.kind == tWord && f.phraseAt(k, inSet(set), words) == words {
			return true
		}
	}
	return false
}

// isYear reports whether a plain number reads as a year of news.
func isYear(d corpus.Decimal) bool {
	return d.IsInt() && d.Cmp(corpus.Int(1900)) >= 0 && d.Cmp(corpus.Int(2100)) <= 0
}

// yearContext reports whether a four-digit number at i is a year: after
// "năm", "tháng", or in a year span.
func (f *finder) yearContext(i int) bool {
	switch f.low(i - 1) {
	case "năm", "tháng", "quý", "từ", "đến", "trước", "sau", "cuối", "đầu":
		return true
	}
	return false
}

// isSizeThreshold reports whether a worker count starting at i is an
// enterprise-size threshold ("doanh nghiệp có từ 25 lao động"): it then
// counts people, not union members.
func (f *finder) isSizeThreshold(i int) bool {
	k := i - 1
	if f.low(k) == "từ" {
		k--
	}
	if f.low(k) != "có" {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if f.toks[j].kind != tWord {
			break
		}
		switch countNouns[f.low(j)] {
		case catEnterprises, catUnions, catAgencies:
			return true
		}
		if f.low(j) == "nghiệp" || f.low(j) == "sở" || f.low(j) == "vị" {
			return true
		}
	}
	return false
}

// currencyAt returns the currency of the words or sign at i and how many
// tokens it spans.
func (f *finder) currencyAt(i int) (string, int) {
	t, ok := f.tok(i)
	if !ok || t.newline {
		return "", 0
	}
	if t.kind == tPunct {
		if c, ok := currencies[t.text]; ok {
			return c, 1
		}
		return "", 0
	}
	// "đồng chí", "đồng bào": nouns that start like the currency
	if f.phraseAt(i, func(s string) bool { _, ok := countNouns[s]; return ok && strings.Contains(s, " ") }, maxNounLen) > 0 && t.low == "đồng" {
		return "", 0
	}
	k := f.phraseAt(i, func(s string) bool { _, ok := currencies[s]; return ok }, 4)
	if k == 0 {
		return "", 0
	}
	// a currency ends a word: "một đồng_nghiệp", "đô_thị" in segmented
	// text; "đồng_tiền" is still money ("627 triệu đồng_tiền chính_sách")
	if f.joinedNext(i+k-1) && f.low(i+k) != "tiền" {
		return "", 0
	}
	phrase := f.phraseKey(i, k)
	// a glued "đ" or "k" is a unit only right after digits: "30.650.000đ"
	if t.low == "đ" && t.space && k == 1 && f.isNum(i+1) {
		return "", 0
	}
	return currencies[phrase], k
}

func (f *finder) phraseKey(i, k int) string {
	parts := make([]string, 0, k)
	for j := i; j < i+k; j++ {
		parts = append(parts, f.toks[j].low)
	}
	return strings.Join(parts, " ")
}

// perAt reads a rate's denominator glued after a figure: "/người",
// "/người/tháng", "/năm".
func (f *finder) perAt(i int) (string, int) {
	var parts []string
	k := i
	for f.isPunct(k, "/") && f.toks[k].glued() {
		nx, ok := f.tok(k + 1)
		if !ok || nx.kind != tWord || !nx.glued() {
			break
		}
		n := f.phraseAt(k+1, func(s string) bool { _, ok := countNouns[s]; return ok || timeUnits[s] }, 3)
		if n == 0 {
			n = 1
		}
		per := f.phraseKey(k+1, n)
		if per == "h" {
			per = "giờ"
		}
		if sq, ok := f.tok(k + 1 + n); ok && f.isMeasure(per) && (sq.text == "2" || sq.text == "3" || sq.text == "²") && sq.start-f.toks[k+n].end <= 1 {
			per += sq.text // "/m2", "/m 2"
			n++
		}
		parts = append(parts, per)
		k += 1 + n
	}
	if len(parts) == 0 {
		return "", 0
	}
	return strings.Join(parts, "/"), k - i
}

// unitAt reads the counted noun at token i. It returns the unit as it is to
// be printed, its category and the tokens it spans; k == 0 means no noun
// follows, and unit == "" with k > 0 means a time unit (a duration).
func (f *finder) unitAt(i int) (unit, category string, k int) {
	t, ok := f.tok(i)
	if !ok || t.newline {
		return "", "", 0
	}
	// a quoted name as the unit: 4 "Mái ấm Công đoàn"
	if t.kind == tPunct && (t.text == "“" || t.text == "\"") && t.space {
		end := -1
		for j := i + 1; j < len(f.toks) && j <= i+8; j++ {
			if f.toks[j].kind == tPunct {
				if f.toks[j].text == "”" || f.toks[j].text == "\"" {
					end = j
				}
				break
			}
		}
		if end > i+1 {
			name := string(f.rs[f.toks[i+1].start:f.toks[end-1].end])
			cat, ok := countNouns[foldPhrase(name)]
			if !ok {
				cat = catOther
			}
			return name, cat, end - i + 1
		}
		return "", "", 0
	}
	if t.kind != tWord || !t.space && !f.isMeasure(t.low) {
		return "", "", 0
	}
	if n := f.phraseAt(i, isTimeUnit, 3); n > 0 {
		// "năm" alone after a number is a duration; "nămhọc" etc. too
		return "", "", n
	}
	if f.isMeasure(t.low) {
		// "30m2", "100 m²": an area or volume; "40 triệu m 2" where the
		// superscript was lost, as perAt reads "/m 2"
		if nx, ok := f.tok(i + 1); ok && (nx.text == "2" || nx.text == "3" || nx.text == "²" || nx.text == "³") &&
			(nx.glued() || nx.start == t.end+1 && lengthUnits[t.low] && !f.numberGoesOn(i+1)) {
			return t.low + nx.text, catOther, 2
		}
		if !t.space { // "3kg", "31Mhz"
			return t.low, catOther, 1
		}
	}
	isNoun := func(s string) bool { _, ok := countNouns[s]; return ok }
	n := f.phraseAt(i, isNoun, maxNounLen)
	if n == 1 && t.low == "điểm" {
		// "15,5 điểm", "đạt từ 90 điểm trở lên", "3 điểm quan trọng": a
		// score, which counts nothing; places and items are listed with
		// their noun ("63 điểm cầu", "10 điểm mới")
		return "", "", 1
	}
	if n > 0 && !classifiers[t.low] {
		cat := countNouns[f.phraseKey(i, n)]
		if d := f.dictNounAt(i); d > n && !f.segmented && cat != catPeople && cat != catMembers {
			// a listed noun the dictionary knows longer: "cây xanh",
			// "khách hàng"; not a person's noun, which a verb often
			// follows ("người làm việc", "người thương vong")
			n = d
		}
		return f.wordUnit(i, n, cat)
	}
	if classifiers[t.low] {
		// classifier + noun: "căn nhà", "chiếc khẩu trang", "khâu đột phá"
		if m := f.phraseAt(i+1, isNoun, maxNounLen); m > 0 {
			cat := countNouns[f.phraseKey(i+1, m)]
			if whole := f.phraseAt(i, isNoun, maxNounLen); whole > m+1 {
				return f.wordUnit(i, whole, countNouns[f.phraseKey(i, whole)])
			}
			if cat == catPeople || cat == catMembers {
				cat = catOther
			}
			return f.wordUnit(i, m+1, cat)
		}
		if !f.segmented {
			// a compound the dictionary knows: "bộ môn", or a classifier
			// before one: "khu dân cư"
			if d := f.dictNounAt(i); d > max(n, 1) {
				return f.unitText(i, d), orOther(countNouns[f.phraseKey(i, n)]), d
			}
			if d := f.dictNounAt(i + 1); d > 1 {
				return f.unitText(i, d+1), catOther, d + 1
			}
		}
		if n > 1 || f.joinedNext(i) { // a listed compound ("suất ăn", "tấm gương"), a segmented word ("cây_xăng")
			n = max(n, 1)
			cat, ok := countNouns[f.phraseKey(i, n)]
			if !ok {
				cat = catOther
			}
			return f.wordUnit(i, n, cat)
		}
		// a classifier before a noun missing from the lexicon: "chiếc
		// cúp", and after a batch or kind ("lớp bồi dưỡng", "đợt tuyên
		// truyền", "loại ung thư") the activity or kind it names. Other
		// classifiers that are nouns themselves stand alone ("1.000 suất
		// trị giá", "17.000 căn", "15 bộ, ngành"): a verb often follows.
		if m := f.fallbackNoun(i + 1); m > 0 && (n == 0 || kindClassifiers[t.low]) {
			cat := countNouns[t.low]
			if cat == "" || cat == catPeople || cat == catMembers {
				cat = catOther
			}
			return f.unitText(i, m+1), cat, m + 1
		}
		if n > 0 {
			return f.unitText(i, n), countNouns[f.phraseKey(i, n)], n
		}
		return t.low, catOther, 1 // "từ 1 đôi lên 2 đôi"
	}
	if t.isAcronym() && !stopWords[t.low] && t.end-t.start <= maxSyllable {
		return t.text, catOther, 1
	}
	if m := f.fallbackNoun(i); m > 0 {
		return f.unitText(i, m), catOther, m
	}
	return "", "", 0
}

// isTimeUnit reports whether a folded phrase is a time unit.
var isTimeUnit = inSet(timeUnits)

// kindClassifiers name a batch or a kind of what follows them: "lớp bồi
// dưỡng", "đợt kiểm tra", "loại thuốc", "khóa đào tạo".
var kindClassifiers = setOf("lớp", "đợt", "loại", "khóa")

// wordUnit returns the unit of n tokens at i, extended to the end of its
// segmented word ("19 nhà_máy_điện" → "nhà máy điện", though the lexicon
// knows only "nhà máy"); cat is the category of the matched part, kept
// unless the whole word is listed.
func (f *finder) wordUnit(i, n int, cat string) (string, string, int) {
	if w := f.wordLen(i, n); w > n {
		n = w
		if c, ok := countNouns[f.phraseKey(i, n)]; ok {
			cat = c
		}
	}
	return f.unitText(i, n), cat, n
}

// maxSyllable is the longest word taken as a guessed unit: Vietnamese
// syllables have at most 7 letters, acronyms rarely more than 10.
const maxSyllable = 12

// fallbackNoun guesses the extent of a noun missing from the lexicon: a
// compound of the dictionary, a syllable before one, or else one
// syllable, or two when the second is a plain lower-case syllable too.
func (f *finder) fallbackNoun(i int) int {
	t, ok := f.tok(i)
	if !ok || t.kind != tWord || t.isCapitalized() || t.newline || t.end-t.start > maxSyllable {
		return 0
	}
	if f.joinedNext(i) {
		// a segmented word is guessed whole ("cây_xăng"), unless it starts
		// like a verb or a function word ("trở_thành", "tham_gia")
		n := f.wordLen(i, 1)
		if stopWords[t.low] || stopWords[f.phraseKey(i, n)] || isNumberWord(t.low) {
			return 0
		}
		return n
	}
	if stopWords[t.low] || isNumberWord(t.low) {
		return 0
	}
	if t.low == "đối" && f.low(i+1) == "với" {
		return 0 // "60 đối với nam": a threshold, no noun
	}
	if _, isMag := magnitudes[t.low]; isMag {
		return 0
	}
	if f.segmented {
		return 1 // the segmentation gives the word's extent: "đoàn" is one
	}
	if d := f.dictNounAt(i); d > 1 {
		return d // "ngân hàng thương mại", "thiết bị"
	}
	if d := f.dictNounAt(i + 1); d > 1 && !f.toks[i+1].isCapitalized() {
		if utf8.RuneCountInString(t.text) > 7 {
			return 1 // a loanword before a compound: "container hàng hóa"
		}
		return 1 + d // a head before a compound: "khu dân cư"
	}
	n2, ok := f.tok(i + 1)
	if ok && n2.kind == tWord && n2.space && !n2.newline && !stopWords[n2.low] && !n2.isCapitalized() && !isNumberWord(n2.low) && n2.end-n2.start <= maxSyllable {
		if _, isNoun := countNouns[n2.low]; !isNoun {
			return 2
		}
	}
	return 1
}

// numberGoesOn reports whether the number at i is followed by more of a
// number: "2 3", "2/3", "2-3", "2.5".
func (f *finder) numberGoesOn(i int) bool {
	if f.isNum(i + 1) {
		return true
	}
	return f.isPunct(i+1, "/-–.,") && f.toks[i+1].glued() && f.isNum(i+2) && f.toks[i+2].glued()
}

// lengthUnits square or cube to an area or a volume ("m2", "km2").
var lengthUnits = setOf("m", "km", "cm", "mm", "dm")

func (f *finder) isMeasure(w string) bool {
	switch w {
	case "kg", "km", "m", "ha", "tấn", "cm", "mm", "l", "ml", "mhz", "ghz", "kw", "kwh", "mw", "gb", "mb", "tb":
		return true
	}
	return false
}

// unitText prints a unit: lower case, acronyms kept as written.
func (f *finder) unitText(i, n int) string {
	parts := make([]string, 0, n)
	for j := i; j < i+n; j++ {
		t := f.toks[j]
		if t.isAcronym() {
			parts = append(parts, t.text)
		} else {
			parts = append(parts, strings.ToLower(t.text))
		}
	}
	return strings.Join(parts, " ")
}

// ratioAt reads "N/M" with at most one noun after it: "105/105 cơ quan",
// "(4.497/3.200)".
func (f *finder) ratioAt(i int, num numRead, approx string) int {
	den, ok := f.readNumber(i + 2)
	if !ok || den.val.IsZero() || den.hasMag {
		return 0
	}
	last := den.last
	// "N/M/..." is a date or a code, not a ratio
	if f.isPunct(last+1, "/-") && f.toks[last+1].glued() {
		return f.skipCode(i)
	}
	// a map scale: "quy hoạch 1/500", "tỷ lệ 1/2000"
	if num.val.Cmp(corpus.Int(1)) == 0 && den.val.Cmp(corpus.Int(100)) >= 0 {
		return last - i + 1
	}
	fig := corpus.Figure{Kind: corpus.Ratio, Approx: corpus.Approx(approx)}
	unit, _, k := f.unitAt(last + 1)
	if k > 0 && unit == "" && f.low(last+1) == "điểm" {
		return last - i + 2 // "đạt 92,13/100 điểm": a score
	}
	if k > 0 && unit != "" {
		fig.Unit = unit
		last += k
		if f.isPunct(last, "”\"") {
			last--
		}
	}
	nv, dv := num.val, den.val
	fig.Num, fig.Den = &nv, &dv
	fig.Value = corpus.Value{Num: nv.Quo(dv, ratioPlaces)}
	f.emit(fig, i, last)
	return last - i + 1
}

// ratioPlaces is the precision of a ratio's value; its num and den stay
// exact.
const ratioPlaces = 12

// vagueAt reads "hàng chục/trăm/nghìn ..." quantities, the magnitudes
// starting at token first: the value is the lower bound and approx is
// "vague" ("hàng chục tỷ đồng" = 10^10). With first == i it reads a bare
// magnitude ("cả ngàn xe tăng", "chục ngàn người").
func (f *finder) vagueAt(i, first int) int {
	p, ok := vagueMagnitudes[f.low(first)]
	if !ok || !f.toks[first].space || f.notMagnitude(first) {
		return 0 // "cả tỷ lệ", "tất cả triệu chứng"
	}
	last := first
	for {
		q, ok := vagueMagnitudes[f.low(last+1)]
		if !ok || q <= 1 || f.low(last+1) == "trăm" || f.notMagnitude(last+1) {
			break
		}
		p += q
		last++
	}
	fig := corpus.Figure{Approx: corpus.Vague, Value: corpus.Value{Num: corpus.NewDecimal(1, p)}}
	if first == i {
		// a bare magnitude is as exact as the words before it make it:
		// "cả ngàn", "lên tới chục ngàn" are "", "ít nhất chục ngàn" is
		// over, "vài chục triệu" is vague
		fig.Approx = ""
		if approx, _, ok := f.approxBefore(i); ok {
			fig.Approx = corpus.Approx(approx)
		} else if w := f.low(i - 1); w == "vài" || w == "mấy" || w == "dăm" {
			fig.Approx = corpus.Vague
		}
	}
	j := last + 1
	if cur, k := f.currencyAt(j); k > 0 {
		fig.Kind, fig.Unit = corpus.Money, cur
		last = j + k - 1
		if per, k := f.perAt(last + 1); k > 0 {
			fig.Per = per
			f.emit(fig, i, last)
			return last - i + 1 + k
		}
	} else if unit, cat, k := f.unitAt(j); k > 0 && unit != "" {
		fig.Kind, fig.Unit, fig.Category = corpus.Count, unit, cat
		last = j + k - 1
	} else {
		return last - i + 1 + k
	}
	f.emit(fig, i, last)
	return last - i + 1
}

// isFrequency reports whether "N lần" between tokens before and after is a
// frequency, which is not a figure: "3 lần một tuần", "2 lần mỗi năm",
// "1 lần/tháng", "mỗi tuần 3 lần", "3 lần trong một năm".
func (f *finder) isFrequency(before, after int) bool {
	j := after
	if f.isPunct(j, "/") {
		return f.phraseAt(j+1, isTimeUnit, 3) > 0
	}
	if f.low(j) == "trong" {
		j++
	}
	switch f.low(j) {
	case "một", "mỗi", "1", "hằng", "hàng", "trên":
		if f.phraseAt(j+1, isTimeUnit, 3) > 0 {
			return true
		}
	}
	// the period printed first: "mỗi tuần 3 lần", "hằng năm 2 lần"
	for n := 1; n <= 2; n++ {
		if k := before - n; k > 0 && f.phraseAt(k, isTimeUnit, 2) == n {
			switch f.low(k - 1) {
			case "mỗi", "hằng", "hàng":
				return true
			}
		}
	}
	return false
}

// unitOfWhole reads the noun of a number picked out of a group: "12 trong
// số các nhà máy", "3 trong tổng số 10 đơn vị" (the group's own number
// is a figure of its own).
func (f *finder) unitOfWhole(j int) (unit, category string, ok bool) {
	if f.low(j) != "trong" {
		return "", "", false
	}
	j++
	if f.low(j) == "tổng" {
		j++
	}
	if f.low(j) != "số" {
		return "", "", false
	}
	j++
	switch f.low(j) {
	case "các", "những":
		j++
	}
	if vagueWhole[f.low(j)] {
		return "", "", false // "10 trong số rất nhiều minh chứng"
	}
	if whole, ok := f.readNumber(j); ok && whole.words == 0 {
		j = whole.last + 1 // "3 trong tổng số 10 đơn vị"
	}
	unit, cat, k := f.unitAt(j)
	if k == 0 || unit == "" {
		return "", "", false
	}
	return unit, cat, true
}

// unitBefore reads the noun printed before a bare number (its qualifier
// starting at token first), in the same
// clause: "số đơn vị nợ BHXH là 711", "tổng số ca mắc đã lên tới 9.975",
// "số người chết cũng tăng thêm 3". The number must follow a verb that
// states the number of the "số NOUN" it refers back to.
func (f *finder) unitBefore(first, number int) (unit, category string, ok bool) {
	states := statesNumber[f.low(first-1)]
	for j := first; j < number && !states; j++ {
		states = statesNumber[f.low(j)] // "lên tới" is also a qualifier
	}
	if !states {
		return "", "", false
	}
	for j := first - 2; j >= 0 && j >= first-14; j-- {
		t := f.toks[j]
		if t.kind == tPunct && strings.ContainsAny(t.text, ".;:!?()") || f.toks[j+1].newline {
			return "", "", false
		}
		if t.kind == tNum && !f.inDate(j) {
			return "", "", false // another number stands between them
		}
		if t.low != "số" {
			continue
		}
		if notCountSố[f.low(j-1)] {
			return "", "", false // "tỷ số", "chỉ số", "mã số": not "the number of"
		}
		k := j + 1
		if f.low(k) == "lượng" {
			k++
		}
		if f.phraseAt(k, inSet(numberedThings), 2) > 0 || f.phraseAt(k, inSet(moneyContext), 3) > 0 {
			return "", "", false // "số nhà", "số điện thoại", "số tiền"
		}
		unit, cat, n := f.unitAt(k)
		if n == 0 || unit == "" || k+n > first-1 {
			return "", "", false
		}
		return unit, cat, true
	}
	return "", "", false
}

// inDate reports whether the number at j is part of a date: "ngày 25/4".
func (f *finder) inDate(j int) bool {
	if f.isPunct(j-1, "/-.") && f.toks[j].glued() && f.isNum(j-2) {
		j -= 2
	}
	switch f.low(j - 1) {
	case "ngày", "tháng", "năm", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "mùng", "mồng":
		return true
	}
	return false
}

// numberChained reports whether the number ending at token last goes on
// into a code, a score or a sequence: "65A", "1-0", "86-61-93", "13,2 : 1",
// "37,5gram".
func (f *finder) numberChained(last int) bool {
	t, ok := f.tok(last + 1)
	if !ok {
		return false
	}
	if t.glued() && t.kind == tWord {
		return true
	}
	if t.kind == tPunct && strings.ContainsAny(t.text, "-–:") && f.isNum(last+2) {
		return true
	}
	return false
}

// notCountSố are words before "số" that make it something other than "the
// number of": a score, an index, a code, a plate, a sequence, "con số".
var notCountSố = setOf("một", "các", "những", "tỷ", "tỉ", "chỉ", "mã", "biển", "dãy",
	"con", "điểm", "hệ", "tần", "sĩ", "phân", "ẩn", "kỷ", "cố", "ký", "danh", "đa", "thiểu")

// vagueWhole are words after "trong số" that name no group: "rất nhiều".
var vagueWhole = setOf("rất", "nhiều", "hàng", "vô", "hơn", "gần", "khoảng")

// statesNumber are verbs that put a number to what the clause is about:
// "là", "đạt", "lên tới", "tăng thêm".
var statesNumber = setOf("là", "đạt", "tới", "lên", "thêm", "còn", "gồm", "xuống")

// numberedThings are nouns whose "số" is an identifier, not a count: "số
// nhà", "số điện thoại", "số hiệu".
var numberedThings = setOf("nhà", "điện thoại", "cố định", "di động", "đo", "hiệu", "thứ tự", "báo", "báo danh",
	"tài khoản", "hộ chiếu", "phòng", "máy", "xe", "ghế", "vé", "trang", "điểm", "mã",
	"seri", "serial", "chứng minh", "căn cước", "liệu", "hóa", "đăng ký", "giấy", "tờ",
	"thẻ", "fax", "hotline", "tổng đài", "lô", "khung", "định danh", "phách", "bàn")

// orOther returns a category, catOther when there is none.
func orOther(cat string) string {
	if cat == "" {
		return catOther
	}
	return cat
}
