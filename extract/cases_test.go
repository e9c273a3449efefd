package extract

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tinso/tinso/corpus"
)

// externalCases is the table of number, money, percent, range and date
// cases gathered from other projects' test suites (see its README).
var externalCases = filepath.Join("..", "..", "shared", "data", "external", "figures-cases.tsv")

type externalCase struct {
	line                  int
	kind, input, expected string
	note                  string
}

// loadExternalCases returns the rows of the kinds tinso parses whose
// vn_news_conflict is empty. Relative dates, weekdays, times and durations
// are left out: they need a reference time that news text does not give.
func loadExternalCases(t testing.TB) []externalCase {
	fh, err := os.Open(externalCases)
	if err != nil {
		t.Skipf("external cases not available: %v", err)
	}
	defer fh.Close()
	var out []externalCase
	sc := bufio.NewScanner(fh)
	line := 0
	for sc.Scan() {
		line++
		c := strings.Split(sc.Text(), "\t")
		if line == 1 || len(c) < 7 || c[5] != "" {
			continue
		}
		kind, expected, note := c[1], c[3], c[6]
		switch kind {
		case "number", "money", "percent", "range":
		case "date":
			if strings.Contains(note, "relative") || strings.Contains(note, "ref ") {
				continue
			}
		default:
			continue
		}
		if strings.ContainsAny(expected, "TPQ") || strings.Contains(expected, "weekday") ||
			strings.Contains(expected, "current") || strings.Contains(expected, "week") ||
			strings.Contains(expected, "CE") || strings.Contains(expected, "day ") {
			continue // times, durations, quarters, relative forms
		}
		out = append(out, externalCase{line, kind, c[2], expected, note})
	}
	return out
}

var hasDigit = regexp.MustCompile(`[0-9]`)

// formatFigure writes a figure in the notation of figures-cases.tsv:
// "37130000000 VND", "50000 VND/ngày", "6.5%", "1000..2000 VND", "..7000
// VND" (an upper bound), "1.42.. USD" (a lower bound).
func formatFigure(f corpus.Figure) string {
	unit := " " + f.Unit
	if f.Kind == corpus.Percent {
		unit = "%"
	}
	if f.Per != "" {
		unit += "/" + f.Per
	}
	switch {
	case f.Kind == corpus.Date:
		return f.Value.Date
	case f.Min != nil && f.Max != nil:
		return f.Min.String() + ".." + f.Max.String() + unit
	case f.Approx == corpus.Over:
		return f.Value.Num.String() + ".." + unit
	case f.Approx == corpus.Under:
		return ".." + f.Value.Num.String() + unit
	}
	return f.Value.Num.String() + unit
}

// expectedValue drops a remark the table adds in brackets after a value:
// "178000 (trên = over)". Units compare case-folded, as figures.md scores
// units ("MHz" and "Mhz" agree).
func expectedValue(s string) string {
	if i := strings.Index(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		return s[:i]
	}
	return s
}

// runCase runs one row through the parser its kind calls for.
func runCase(c externalCase) string {
	var got []string
	switch c.kind {
	case "number":
		if d, err := ParseNumber(c.input); err == nil {
			return d.String()
		}
		for _, d := range Numbers(c.input) {
			got = append(got, d.String())
		}
	case "date":
		got = ParseDates(c.input)
	default:
		// a money row tests the money parser: other figures in its
		// sentence ("128 GB") are not what it asks about
		figs := Figures(nfc(c.input))
		var dates []string
		for _, f := range figs {
			switch {
			case f.Kind == corpus.Date:
				dates = append(dates, f.Value.Date)
			case c.kind == "money" && f.Kind != corpus.Money:
			case c.kind == "percent" && f.Kind != corpus.Percent:
			case f.Kind.Scored():
				got = append(got, formatFigure(f))
			}
		}
		if len(dates) > 0 {
			got = append(got, strings.Join(dates, "/"))
		}
		if len(got) == 0 && c.kind == "range" {
			if lo, hi, ok := ParseRange(c.input); ok {
				got = append(got, lo.String()+".."+hi.String())
			}
		}
	}
	if len(got) == 0 {
		return "NONE"
	}
	return strings.Join(got, " | ")
}

// TestExternalCases runs every usable row of figures-cases.tsv and checks
// the agreement bars of issue 2: ≥ 99 % on rows written with digits, ≥ 90 %
// on rows written in words.
func TestExternalCases(t *testing.T) {
	cases := loadExternalCases(t)
	type tally struct{ ok, n int }
	byForm := map[string]*tally{"digits": {}, "words": {}}
	byKind := map[string]*tally{}
	for _, c := range cases {
		form := "words"
		if hasDigit.MatchString(c.input) {
			form = "digits"
		}
		if byKind[c.kind] == nil {
			byKind[c.kind] = &tally{}
		}
		got := runCase(c)
		ok := strings.EqualFold(got, expectedValue(c.expected))
		byForm[form].n++
		byKind[c.kind].n++
		if ok {
			byForm[form].ok++
			byKind[c.kind].ok++
		} else if testing.Verbose() {
			t.Logf("line %d %s %q: want %q, got %q  (%s)", c.line, c.kind, c.input, c.expected, got, c.note)
		}
	}
	for _, k := range []string{"number", "money", "percent", "range", "date"} {
		if v := byKind[k]; v != nil {
			t.Logf("%-8s %4d/%-4d %.1f%%", k, v.ok, v.n, 100*float64(v.ok)/float64(v.n))
		}
	}
	bars := map[string]float64{"digits": 0.99, "words": 0.90}
	for _, form := range []string{"digits", "words"} {
		v := byForm[form]
		share := float64(v.ok) / float64(v.n)
		t.Logf("written with %-6s %4d/%-4d %.1f%% (bar %.0f%%)", form, v.ok, v.n, 100*share, 100*bars[form])
		if share < bars[form] {
			t.Errorf("rows written with %s: agreement %.1f%% is below %.0f%%", form, 100*share, 100*bars[form])
		}
	}
}
