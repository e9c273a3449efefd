package index

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/tinso/tinso/corpus"
)

// Entry is one article to index under the corpus id ID (the article's id
// in the corpus, as a string).
type Entry struct {
	ID      string
	Article corpus.Article
	// Prepared, if set, is Prepare(Article), made ahead; Put then skips
	// the analysis.
	Prepared *Prepared
}

// Rev returns the revision of an article as the index sees it: a short
// hash of everything the index takes from it (title, body, site,
// published, the figures' kinds, categories and values) and of the
// analysis version. Put records it with each document and Revs lists it,
// so a caller finds the documents whose index copy is missing, stale or
// orphaned (a crash between the corpus write and the index write) by
// comparing Rev(article) with the listed revision.
func Rev(a corpus.Article) string {
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	field(analysisVersion)
	field(a.Title)
	field(a.Body)
	field(a.Site)
	field(a.Published)
	for _, f := range a.Figures {
		field(string(f.Kind))
		field(f.Category)
		field(f.Value.String())
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// document is what bleve indexes for an entry: a map, so that absent
// values (no site, no date, no figure of a kind) are absent fields.
func document(a corpus.Article, rev string) map[string]interface{} {
	d := map[string]interface{}{
		fText:  a.Title + paragraphBreak + a.Body,
		fTitle: a.Title,
		fRev:   rev,
	}
	if a.Site != "" {
		d[fSite] = a.Site
	}
	if t, pub, ok := parsePublished(a.Published); ok {
		d[fDay] = dayNumber(t)
		d[fPub] = pub
		d[fYear] = pub[:4]
	}
	var kinds, cats []string
	nums := map[string][]float64{}
	seen := map[string]bool{}
	for _, f := range a.Figures {
		if k := string(f.Kind); k != "" && !seen["k"+k] {
			seen["k"+k] = true
			kinds = append(kinds, k)
		}
		if c := f.Category; c != "" && !seen["c"+c] {
			seen["c"+c] = true
			cats = append(cats, c)
		}
		field, v, ok := figureNumber(f)
		if !ok {
			continue
		}
		nums[field] = append(nums[field], v)
		if f.Kind == corpus.Count && f.Category != "" {
			nums[countField(f.Category)] = append(nums[countField(f.Category)], v)
		}
	}
	if len(kinds) > 0 {
		d[fKind] = kinds
	}
	if len(cats) > 0 {
		d[fCat] = cats
	}
	for f, vs := range nums {
		d[f] = vs
	}
	return d
}

// paragraphBreak joins title and body in the text field: the tokenizer
// leaves a gap in the positions at a blank line, so no phrase runs from
// the title into the body (or across paragraphs).
const paragraphBreak = "\n\n"

// figureNumber returns the numeric field and value a figure is indexed
// under: its value (the lower end of a range) for the kinds of
// numericKinds; dates, ordinals and durations have none.
func figureNumber(f corpus.Figure) (field string, v float64, ok bool) {
	field, ok = numericKinds[string(f.Kind)]
	if !ok || f.Value.Date != "" {
		return "", 0, false
	}
	return field, f.Value.Num.Float64(), true
}

// parsePublished reads an article's published field: "YYYY",
// "YYYY-MM", "YYYY-MM-DD", or an RFC 3339 time whose date part is kept
// as printed (the local date of the publisher). It returns the start of
// the period as a time, the period as "YYYY[-MM[-DD]]", and false for an
// empty or unreadable value (the document is then indexed without a
// date).
func parsePublished(s string) (time.Time, string, bool) {
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	t, err := parseDay(s)
	if err != nil {
		return time.Time{}, "", false
	}
	return t, s, true
}

// The years a date may have: bleve keeps dates as nanoseconds since 1970
// in an int64 (years 1678 to 2261); the corpus has nothing outside these.
const minYear, maxYear = 1800, 2200

// parseDay parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" as the first day of
// that period, in UTC.
func parseDay(s string) (time.Time, error) {
	layout := ""
	switch len(s) {
	case 4:
		layout = "2006"
	case 7:
		layout = "2006-01"
	case 10:
		layout = "2006-01-02"
	default:
		return time.Time{}, errDateForm
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, errDateForm
	}
	if t.Year() < minYear || t.Year() > maxYear {
		return time.Time{}, errDateRange
	}
	return t, nil
}

// dayNumber is the number of days from 1970-01-01 to t.
func dayNumber(t time.Time) float64 { return float64(t.Unix() / 86400) }

// parseBound parses a query's From or To date. A To bound covers its
// whole period: To "2021" is the last day of 2021.
func parseBound(s string, end bool) (time.Time, error) {
	t, err := parseDay(s)
	if err != nil || !end {
		return t, err
	}
	switch len(s) {
	case 4:
		return t.AddDate(1, 0, -1), nil
	case 7:
		return t.AddDate(0, 1, -1), nil
	}
	return t, nil
}
