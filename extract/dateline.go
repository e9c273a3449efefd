package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// parseDateline reads a visible Vietnamese dateline ("Thứ Tư, ngày 9 tháng
// 2 năm 2022 - 09:00", "11/01/2021", "Thứ ba 03/08/2021 02:10",
// "Cập nhật: 11/01/2021", "09:00 09/02/2022", "2022-02-09T09:00:00+07:00")
// and returns it as "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM" when a time is
// printed next to the date.
//
// The contract, for every caller:
//   - numeric dates are day first (03/08/2021 is 3 August); a year-first
//     date is ISO (2021-08-03); the year must have four digits;
//   - a time counts only when it sits next to the date, separated by
//     nothing but punctuation and dateline words ("lúc", "-", "|", ",");
//     "(GMT+7)" and similar zone labels are ignored; an ISO time with an
//     offset is converted to Vietnam time (+07:00); AM/PM and SA/CH are read;
//   - a dateline is short: s is rejected when it is long, when too many
//     words around the date are not dateline words ("Thứ Tư", "Cập nhật",
//     "Đã xem", a byline name), when the date is followed by a sentence
//     ("Sáng 15/7/2021, LĐLĐ tỉnh trao ...") or when it is a copyright line
//     ("© 2022", "Bản quyền ...");
//   - a date without a year ("Ngày 12/6") or an impossible date is no
//     dateline.
//
// The first date in s is the one read.
func parseDateline(s string) (string, bool) {
	if len(s) > dlMaxBytes || s == "" {
		return "", false
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
	low := strings.ToLower(s)
	if strings.Contains(low, "©") || strings.Contains(low, "bản quyền") ||
		strings.Contains(low, "copyright") || strings.Contains(low, "(c) ") {
		return "", false
	}
	// Zone labels are blanked with the same byte length so that positions
	// stay valid.
	low = dlZoneRe.ReplaceAllStringFunc(low, func(m string) string { return strings.Repeat(" ", len(m)) })

	d, ok := dlFindDate(low)
	if !ok {
		return "", false
	}
	if !dlShortContext(s, low, d.start, d.end) {
		return "", false
	}
	out := fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
	if d.hasTime {
		return out + fmt.Sprintf("T%02d:%02d", d.hour, d.min), true
	}
	if t, ok := dlFindTime(low, d.start, d.end); ok {
		d.start, d.end = min(d.start, t.start), max(d.end, t.end)
		return out + fmt.Sprintf("T%02d:%02d", t.hour, t.min), true
	}
	return out, true
}

// dlMaxBytes bounds the input: a dateline is a line, not a page.
const dlMaxBytes = 400

// dlMaxOtherWords is how many words that are not dateline words a dateline
// may hold (a byline's name and outlet: "Hoàng Tâm - Thể thao Việt Nam |
// 06:10 07/02/2017"); dlMaxAfterWords is the part of them after the date.
const (
	dlMaxOtherWords = 7
	dlMaxAfterWords = 4
)

var (
	// 2022-02-09, 2022/02/09, 2022-02-09T09:00:00+07:00, 2022-02-09 09:00
	dlISORe = regexp.MustCompile(`(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})(?:(?:t| +)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?`)
	// ngày 9 tháng 2 năm 2022, 9 tháng 2, 2022
	dlWordsRe = regexp.MustCompile(`(\d{1,2}) *tháng *(\d{1,2}) *(?:năm|,|/)? *(\d{4})`)
	// 09/02/2022, 9-2-2022, 09.02.2022
	dlNumRe = regexp.MustCompile(`(\d{1,2}) ?([/.-]) ?(\d{1,2}) ?([/.-]) ?(\d{4})`)
	// 09:00, 9:00:00, 9h30, 9h, 9 giờ 30, with an optional am/pm/sa/ch
	dlTimeRe = regexp.MustCompile(`(\d{1,2}) *(?:(:) *(\d{2})(?::\d{2})?|(h|giờ) *(\d{2})?(?: *phút)?)(?: *(am|pm|a\.m\.|p\.m\.|sa|ch)\b)?`)
	// (GMT+7), GMT +07:00, UTC+7, ICT
	dlZoneRe = regexp.MustCompile(`\(? *(?:gmt|utc) *(?:[+-] *\d{1,2}(?::?\d{2})?)? *\)?|\bict\b`)
)

// dlDate is a date found in a dateline, with its byte span.
type dlDate struct {
	start, end       int
	year, month, day int
	hasTime          bool
	hour, min        int
}

// dlFindDate returns the first valid date of low (lower-cased): ISO,
// Vietnamese words or day-first numeric.
func dlFindDate(low string) (dlDate, bool) {
	best := dlDate{start: -1}
	consider := func(d dlDate) {
		if best.start < 0 || d.start < best.start {
			best = d
		}
	}
	for _, m := range dlISORe.FindAllStringSubmatchIndex(low, 4) {
		if !dlDigitBoundary(low, m[0], m[1]) || low[m[4]:m[5]] != low[m[8]:m[9]] {
			continue
		}
		d := dlDate{start: m[0], end: m[1], year: dlAtoi(low, m[2], m[3]),
			month: dlAtoi(low, m[6], m[7]), day: dlAtoi(low, m[10], m[11])}
		if !dlValid(d.year, d.month, d.day) {
			continue
		}
		if m[12] >= 0 {
			d.hour, d.min = dlAtoi(low, m[12], m[13]), dlAtoi(low, m[14], m[15])
			if d.hour > 23 || d.min > 59 {
				continue
			}
			d.hasTime = true
			if m[18] >= 0 {
				d = dlToVietnam(d, low[m[18]:m[19]])
			}
		}
		consider(d)
		break
	}
	for _, m := range dlWordsRe.FindAllStringSubmatchIndex(low, 4) {
		if !dlDigitBoundary(low, m[0], m[1]) {
			continue
		}
		d := dlDate{start: m[0], end: m[1], day: dlAtoi(low, m[2], m[3]),
			month: dlAtoi(low, m[4], m[5]), year: dlAtoi(low, m[6], m[7])}
		if dlValid(d.year, d.month, d.day) {
			consider(d)
			break
		}
	}
	for _, m := range dlNumRe.FindAllStringSubmatchIndex(low, 4) {
		if !dlDigitBoundary(low, m[0], m[1]) || low[m[4]:m[5]] != low[m[8]:m[9]] {
			continue
		}
		// "02-NQ/TW", "03/GP-TTĐT": a document number glued to the match
		if m[1] < len(low) && strings.ContainsRune("/-.", rune(low[m[1]])) && m[1]+1 < len(low) && dlIsDigit(low[m[1]+1]) {
			continue
		}
		d := dlDate{start: m[0], end: m[1], day: dlAtoi(low, m[2], m[3]),
			month: dlAtoi(low, m[6], m[7]), year: dlAtoi(low, m[10], m[11])}
		if dlValid(d.year, d.month, d.day) {
			consider(d)
			break
		}
	}
	return best, best.start >= 0
}

// dlDigitBoundary reports whether low[start:end] is not part of a longer
// number or code ("102/03/2021", "2/03/2021/QĐ").
func dlDigitBoundary(low string, start, end int) bool {
	if start > 0 {
		c := low[start-1]
		if dlIsDigit(c) || c == '/' || c == '.' && start > 1 && dlIsDigit(low[start-2]) {
			return false
		}
	}
	if end < len(low) {
		c := low[end]
		if dlIsDigit(c) || c == '/' {
			return false
		}
	}
	return true
}

func dlIsDigit(c byte) bool { return c >= '0' && c <= '9' }

func dlAtoi(s string, i, j int) int {
	if i < 0 || j < i {
		return -1
	}
	n, err := strconv.Atoi(s[i:j])
	if err != nil {
		return -1
	}
	return n
}

// dlValid reports whether the date exists; years are bounded to what a
// news page can carry.
func dlValid(y, m, d int) bool {
	if y < 1970 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dlVietnam is Vietnam's fixed offset (no daylight saving).
var dlVietnam = time.FixedZone("ICT", 7*3600)

// dlToVietnam converts an ISO date-time with the given offset ("z",
// "+0700", "-05:00") to Vietnam time.
func dlToVietnam(d dlDate, off string) dlDate {
	secs := 0
	if off != "z" {
		o := strings.ReplaceAll(off, ":", "")
		if len(o) != 5 {
			return d
		}
		h, _ := strconv.Atoi(o[1:3])
		m, _ := strconv.Atoi(o[3:5])
		secs = h*3600 + m*60
		if o[0] == '-' {
			secs = -secs
		}
	}
	t := time.Date(d.year, time.Month(d.month), d.day, d.hour, d.min, 0, 0, time.FixedZone("", secs)).In(dlVietnam)
	d.year, d.month, d.day, d.hour, d.min = t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute()
	return d
}

// dlTime is a clock time found next to a date.
type dlTime struct {
	start, end int
	hour, min  int
}

// dlFindTime finds the clock time printed next to the date at
// low[ds:de]: the nearest one whose gap to the date holds only
// separators and dateline words.
func dlFindTime(low string, ds, de int) (dlTime, bool) {
	var best dlTime
	bestGap := -1
	for _, m := range dlTimeRe.FindAllStringSubmatchIndex(low, 8) {
		if m[0] < de && m[1] > ds { // inside the date
			continue
		}
		if m[0] > 0 && dlIsDigit(low[m[0]-1]) || m[1] < len(low) && dlIsDigit(low[m[1]]) {
			continue
		}
		// A bare "9h" must be followed by a boundary, not "9hàng".
		t := dlTime{start: m[0], end: m[1], hour: dlAtoi(low, m[2], m[3])}
		switch {
		case m[4] >= 0:
			t.min = dlAtoi(low, m[6], m[7])
		case m[10] >= 0:
			t.min = dlAtoi(low, m[10], m[11])
		}
		if m[8] >= 0 && m[10] < 0 && m[1] < len(low) {
			if r, _ := utf8.DecodeRuneInString(low[m[1]:]); unicode.IsLetter(r) {
				continue
			}
		}
		if m[12] >= 0 {
			switch low[m[12]:m[13]] {
			case "pm", "p.m.", "ch":
				if t.hour < 12 {
					t.hour += 12
				}
			default:
				if t.hour == 12 {
					t.hour = 0
				}
			}
		}
		if t.hour < 0 || t.hour > 23 || t.min < 0 || t.min > 59 {
			continue
		}
		var gap string
		if t.end <= ds {
			gap = low[t.end:ds]
		} else {
			gap = low[de:t.start]
		}
		if len(gap) > 40 || !dlOnlyDatelineWords(gap) {
			continue
		}
		if bestGap < 0 || len(gap) < bestGap {
			best, bestGap = t, len(gap)
		}
	}
	return best, bestGap >= 0
}

// dlWords are the words a dateline is made of besides its numbers:
// weekdays, "ngày/tháng/năm", "lúc", update and posting labels, parts of
// the day and view counters printed on the same line.
var dlWords = setOf("thứ", "hai", "ba", "tư", "năm", "sáu", "bảy", "bẩy", "chủ", "nhật", "cn",
	"t2", "t3", "t4", "t5", "t6", "t7",
	"ngày", "tháng", "lúc", "vào", "giờ", "phút", "hồi",
	"cập", "đăng", "gửi", "xuất", "bản", "đăng:", "lúc:", "ngày:", "nhật:", "bản:",
	"sáng", "chiều", "tối", "trưa", "đêm", "am", "pm", "sa", "ch",
	"gmt", "utc", "ict",
	"đã", "xem", "lượt", "lần", "đọc", "views", "view",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"updated", "update", "published", "posted", "date", "on", "at")

// dlOnlyDatelineWords reports whether s holds nothing but punctuation,
// spaces and dateline words.
func dlOnlyDatelineWords(s string) bool {
	for _, w := range dlSplitWords(s) {
		if !dlIsWord(w) {
			return false
		}
	}
	return true
}

// dlIsWord reports a dateline word, in any case.
func dlIsWord(w string) bool { return dlWords[foldPhrase(w)] }

// dlSplitWords splits on anything that is not a letter or digit.
func dlSplitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '+'
	})
}

// dlShortContext checks that the date at low[ds:de] sits in a dateline and
// not in a sentence: few other words around it, and no sentence going on
// after it. orig is low before lower-casing (same bytes unless a case
// mapping changed a length, when the case test is skipped).
func dlShortContext(orig, low string, ds, de int) bool {
	if utf8.RuneCountInString(low) > 200 {
		return false
	}
	other, after := 0, 0
	for i, part := range []string{low[:ds], low[de:]} {
		for _, w := range dlSplitWords(part) {
			if dlIsWord(w) || dlAllDigits(w) || strings.HasPrefix(w, "+") {
				continue
			}
			other++
			if i == 1 {
				after++
			}
		}
	}
	if other > dlMaxOtherWords || after > dlMaxAfterWords {
		return false
	}
	// After the date (and an optional time), a comma or a lower-case
	// word that is not a dateline word means a sentence goes on:
	// "ngày 22/5/2018 về tăng cường", "Sáng 15/7/2021, LĐLĐ ...".
	at := de
	if loc := dlTimeRe.FindStringIndex(low[de:]); loc != nil && strings.Trim(low[de:de+loc[0]], " -–|,lúc") == "" {
		at = de + loc[1]
	}
	rest := strings.TrimLeft(low[at:], " ")
	if after > 0 && strings.HasPrefix(rest, ",") {
		return false
	}
	if len(orig) == len(low) {
		ws := dlSplitWords(orig[at:])
		if len(ws) > 0 && !dlIsWord(ws[0]) {
			if r, _ := utf8.DecodeRuneInString(ws[0]); unicode.IsLower(r) {
				return false
			}
		}
	}
	return true
}

func dlAllDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if !dlIsDigit(w[i]) {
			return false
		}
	}
	return w != ""
}
