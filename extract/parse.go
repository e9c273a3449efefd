package extract

import (
	"fmt"

	"github.com/tinso/tinso/corpus"
)

// Numbers returns every number written in s, in order, whatever follows
// it: digits in the Vietnamese convention with their magnitude ("1,2 tỷ"),
// shorthand ("1tr2") or words ("mười lăm"). Unlike Figures it applies no
// rule about units or context; it is the number parser run over a text.
func Numbers(s string) []corpus.Decimal {
	f := newFinder(nfc(s))
	var out []corpus.Decimal
	for i := 0; i < len(f.toks); {
		t := f.toks[i]
		if t.kind == tNum || (t.kind == tWord && startsWordNumber(t.low) && (t.low != "năm" || f.numberWordFollows(i))) {
			if n, ok := f.readNumber(i); ok {
				neg := f.isPunct(i-1, "-") && (i == 1 || f.toks[i-1].space)
				if neg || f.low(i-1) == "âm" {
					n.val = n.val.Neg()
				}
				out = append(out, n.val)
				i = n.last + 1
				continue
			}
		}
		i++
	}
	return out
}

// ParseDates reads the dates of a short date expression, such as a query
// filter or a cell of a table: "ngày 15/01/2024", "tháng 04/1969",
// "tháng tám", "năm hai không hai ba". It accepts what running text does
// not make a figure: a month or a year on its own. Values are ISO
// ("2024-01-15", "1969-04", "--08", "2023").
func ParseDates(s string) []string {
	f := newFinder(nfc(s))
	f.lenient = true
	for i := 0; i < len(f.toks); {
		if f.low(i) == "năm" && f.isNum(i+1) && f.low(i+2) == "tcn" { // before the common era
			if y, ok := atoiSmall(f.toks[i+1].text, 4); ok {
				f.emit(corpus.Figure{Kind: corpus.Date, Value: corpus.Value{Date: fmt.Sprintf("-%04d", y)}}, i+1, i+2)
				i += 3
				continue
			}
		}
		if f.low(i) == "năm" && f.isNum(i+1) && len(f.toks[i+1].text) == 3 { // "năm 938"
			f.emit(corpus.Figure{Kind: corpus.Date, Value: corpus.Value{Date: "0" + f.toks[i+1].text}}, i+1, i+1)
			i += 2
			continue
		}
		if f.low(i) == "năm" {
			if y, last, ok := f.yearWordsAt(i + 1); ok {
				f.emit(corpus.Figure{Kind: corpus.Date, Value: corpus.Value{Date: fmt.Sprintf("%04d", y)}, Unit: "date"}, i+1, last)
				i = last + 1
				continue
			}
		}
		if n := f.at(i); n > 0 {
			i += n
			continue
		}
		i++
	}
	var out []string
	for _, fig := range f.figs {
		if fig.Kind == corpus.Date {
			out = append(out, fig.Value.Date)
		}
	}
	return out
}

// ParseRange reads a range of two numbers typed as an expression, such as
// a filter value: "10k-20k", "1000 - 2000", "từ 1 đến 2", "1tr-5tr". The
// upper end must be larger than the lower.
func ParseRange(s string) (lo, hi corpus.Decimal, ok bool) {
	f := newFinder(nfc(s))
	i := 0
	for i < len(f.toks) && f.toks[i].kind == tWord && !startsWordNumber(f.toks[i].low) {
		i++ // "từ", "còn", "khoảng"
	}
	a, ok := f.readNumber(i)
	if !ok {
		return lo, hi, false
	}
	b, ok := f.rangeEnd(a.last+1, a, i)
	if !ok || b.last != len(f.toks)-1 || a.val.Cmp(b.val) >= 0 {
		return lo, hi, false
	}
	return a.val, b.val, true
}
