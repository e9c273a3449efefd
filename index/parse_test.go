package index

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// valids: query text → canonical parse (parsed.String).
var valids = []struct{ in, want string }{
	{"cong doan", "word(cong) word(doan)"},
	{"Công Đoàn", "word(cong) word(doan)"},
	{`"mái ấm công đoàn"`, "phrase(mai am cong doan)"},
	{`"công"`, "word(cong)"},
	{`-tết lao động`, "-word(tet) word(lao) word(dong)"},
	{`-"tăng ca" công nhân`, `-phrase(tang ca) word(cong) word(nhan)`},
	{"site:laodong.vn đoàn viên", "word(doan) word(vien) site(laodong.vn)"},
	{"site:LaoDong.vn/ -site:nld.com.vn x", "word(x) site(laodong.vn) -site(nld.com.vn)"},
	{"cong*", "prefix(cong)"},
	{"Công*", "prefix(cong)"},
	{"c?ng ng*i", "wildcard(c?ng) wildcard(ng*i)"},
	{"doan~ doan~2", "fuzzy(doan~1) fuzzy(doan~2)"},
	{"đoàn~1", "fuzzy(doan~1)"},
	{"TP.HCM", "phrase(tp hcm)"},
	{"Hà Nội chịu?", "word(ha) word(noi) word(chiu)"},
	{"Hà Nội - Hải Phòng", "word(ha) word(noi) word(hai) word(phong)"},
	{"a – b : c", "word(a) word(b) word(c)"},
	{`abc"def ghi"`, "word(abc) phrase(def ghi)"},
	{"100% 1.000", "word(100) phrase(1 000)"},
	{"   ", ""},
	{"", ""},
	{"-", ""},
	{"?", ""},
	{"--x", "-word(x)"},
}

// invalids: query text → a piece of the error message.
var invalids = []struct{ in, want string }{
	{`"công đoàn`, "unbalanced quote"},
	{`công "đoàn" "x`, "unbalanced quote"},
	{`""`, "empty phrase"},
	{`" … "`, "empty phrase"},
	{"site:", "site: needs a host"},
	{"doan~3", "fuzziness must be 1 or 2"},
	{"c*", "at least 2 letters"},
	{"*ong", "a letter before"},
	{"?x", "a letter before"},
	{"*", "at least 2 letters"},
	{"ô*", "at least 2 letters"},
	{"c?*", "2 letters in all"},
	{"co.n*", "only letters and digits"},
	{"tp.hcm~", "one word"},
	{"\xff", "not valid UTF-8"},
}

func TestParseValid(t *testing.T) {
	for _, tt := range valids {
		p, err := parseText(tt.in)
		if err != nil {
			t.Errorf("parseText(%q): %v", tt.in, err)
			continue
		}
		if got := p.String(); got != tt.want {
			t.Errorf("parseText(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseInvalid(t *testing.T) {
	for _, tt := range invalids {
		_, err := parseText(tt.in)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("parseText(%q) = %v, want a *QueryError", tt.in, err)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
			t.Errorf("parseText(%q) error %q, want one line with %q", tt.in, msg, tt.want)
		}
	}
}

// TestCheck covers the options of Query besides Text.
func TestCheck(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	bad := []struct {
		q     Query
		field string
	}{
		{Query{From: "2021-13"}, "from"},
		{Query{To: "21"}, "to"},
		{Query{From: "2022", To: "2021"}, "to"},
		{Query{From: "0001"}, "from"},
		{Query{Kind: "salary"}, "kind"},
		{Query{Category: "cats"}, "category"},
		{Query{Kind: "money", Category: "members"}, "category"},
		{Query{Kind: "money", Min: f(2), Max: f(1)}, "max"},
		{Query{Min: f(1)}, "min"},
		{Query{Kind: "date", Min: f(1)}, "kind"},
		{Query{Limit: -1}, "limit"},
		{Query{Offset: -1}, "offset"},
		{Query{Sort: "score"}, "sort"},
		{Query{Facets: []string{"author"}}, "facets"},
	}
	for _, tt := range bad {
		_, err := check(tt.q)
		var qe *QueryError
		if !errors.As(err, &qe) || qe.Field != tt.field {
			t.Errorf("check(%+v) = %v, want a *QueryError on %s", tt.q, err, tt.field)
		}
	}
	good := []Query{
		{From: "2021", To: "2021"},
		{From: "2021-02-03", To: "2021-03"},
		{Kind: "money", Min: f(1e9), Max: f(5e9)},
		{Category: "members", Min: f(100)},
		{Kind: "count", Category: "members"},
		{Sort: ByDate, Facets: FacetNames},
	}
	for _, q := range good {
		if _, err := check(q); err != nil {
			t.Errorf("check(%+v): %v", q, err)
		}
	}
}

// FuzzParse: the parser never panics, returns either a parse or a
// one-line *QueryError, and a parse yields a request bleve accepts to
// build.
func FuzzParse(f *testing.F) {
	for _, tt := range valids {
		f.Add(tt.in)
	}
	for _, tt := range invalids {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parseText(s)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("parseText(%q): error %v is not a *QueryError", s, err)
			}
			if msg := err.Error(); strings.Contains(msg, "\n") || !utf8.ValidString(msg) && utf8.ValidString(s) {
				t.Fatalf("parseText(%q): bad message %q", s, msg)
			}
			return
		}
		for _, c := range p.clauses {
			if len(c.terms) == 0 {
				t.Fatalf("parseText(%q): clause without terms: %s", s, p)
			}
			for _, term := range c.terms {
				if term == "" && c.kind != cPrefix {
					t.Fatalf("parseText(%q): empty term: %s", s, p)
				}
			}
		}
		pl, err := check(Query{Text: s})
		if err != nil {
			t.Fatalf("check(%q) after a good parse: %v", s, err)
		}
		pt := pl.parts()
		for t := tierAll; t <= tierCount; t++ {
			_ = pl.request(pt, t, 10, 0, t != tierCount)
		}
	})
}
