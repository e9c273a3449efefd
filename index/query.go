package index

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tinso/tinso/corpus"
)

// Query is a search: the user's query text and the filters, sort, facets
// and page the CLI's flags set. The zero value of each field means "no
// filter" or the default.
type Query struct {
	// Text is what the user typed:
	//
	//	cong doan            every word must match (title or body)
	//	"mái ấm công đoàn"   a phrase: these words in this order
	//	-tết  -"tăng ca"     must not match
	//	site:laodong.vn      only this site (several: any); -site:x.vn: not it
	//	cong*  c?ng  ng*i    prefix and wildcards (2 letters at least)
	//	doan~  doan~2        within 1 or 2 edits
	//
	// Matching ignores accents and case; accents the user typed rank the
	// documents with the same accents first. Lone punctuation is
	// ignored; an unbalanced quote or a bad operator is a *QueryError.
	Text string

	// Sites keeps documents from any of these hosts (site: in Text adds
	// to them).
	Sites []string
	// From and To bound the published date, inclusive: "YYYY",
	// "YYYY-MM" or "YYYY-MM-DD"; To covers its whole period (To "2021"
	// ends on 31 December 2021). A document dated only by a month or a
	// year counts at the start of that period; undated documents are
	// left out when either bound is set.
	From, To string

	// Kind keeps documents with a figure of this kind. With Min or Max,
	// that figure's value must also lie in [Min, Max]: only money, count,
	// percent, ratio and period figures have values to compare (a
	// period's value is its first year).
	Kind corpus.Kind
	// Category keeps documents with a count figure of this category
	// (members, unions, ...); with Min/Max the same figure is compared.
	Category string
	Min, Max *float64

	// Limit is the number of hits returned (default 10, at most
	// MaxLimit); Offset skips that many first.
	Limit, Offset int
	// Sort orders hits; the zero value is ByRelevance, which for a query
	// without words falls back to ByDate.
	Sort Sort
	// Facets asks for counts by "site", "year", "kind" or "category"
	// over all matching documents; FacetSize terms each (default 10).
	Facets    []string
	FacetSize int
	// Highlight asks for Hit.Snippet (needs Options.Articles).
	Highlight bool
}

// Sort orders hits.
type Sort string

// The orders of Query.Sort.
const (
	ByRelevance Sort = "relevance"
	ByDate      Sort = "date" // newest first, undated last, then by relevance
)

// MaxLimit bounds Query.Limit.
const MaxLimit = 10000

// facetFields maps a facet name to its field.
var facetFields = map[string]string{"site": fSite, "year": fYear, "kind": fKind, "category": fCat}

// FacetNames are the names Query.Facets accepts.
var FacetNames = []string{"site", "year", "kind", "category"}

// plan is a checked Query, ready to become a bleve request.
type plan struct {
	q        Query
	text     *parsed
	sites    []string
	from, to *time.Time
	numField string // numeric field of the figure filter, "" for none
}

// check validates q and parses its text. Every error is a *QueryError.
func check(q Query) (*plan, error) {
	bad := func(field, text, msg string) error {
		return &QueryError{Field: field, Pos: -1, Text: text, Msg: msg}
	}
	text, err := parseText(q.Text)
	if err != nil {
		return nil, err
	}
	p := &plan{q: q, text: text}
	for _, s := range q.Sites {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
			p.sites = append(p.sites, s)
		}
	}
	p.sites = append(p.sites, text.sites...)
	if q.From != "" {
		t, err := parseBound(q.From, false)
		if err != nil {
			return nil, bad("from", q.From, err.Error())
		}
		p.from = &t
	}
	if q.To != "" {
		t, err := parseBound(q.To, true)
		if err != nil {
			return nil, bad("to", q.To, err.Error())
		}
		p.to = &t
	}
	if p.from != nil && p.to != nil && p.to.Before(*p.from) {
		return nil, bad("to", q.To, "ends before from "+q.From)
	}
	if q.Kind != "" && !knownKind(q.Kind) {
		return nil, bad("kind", string(q.Kind), "unknown kind; want money, count, percent, ratio, period, date, ordinal or duration")
	}
	if q.Category != "" {
		if !slices.Contains(Categories, q.Category) {
			return nil, bad("category", q.Category, "unknown category; want "+strings.Join(Categories, ", "))
		}
		if q.Kind != "" && q.Kind != corpus.Count {
			return nil, bad("category", q.Category, "categories are for count figures, not "+string(q.Kind))
		}
	}
	for _, v := range []struct {
		name string
		p    *float64
	}{{"min", q.Min}, {"max", q.Max}} {
		if v.p != nil && (math.IsNaN(*v.p) || math.IsInf(*v.p, 0)) {
			return nil, bad(v.name, fmt.Sprint(*v.p), "not a finite number")
		}
	}
	if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
		return nil, bad("max", fmt.Sprint(*q.Max), fmt.Sprintf("is below min %v", *q.Min))
	}
	if q.Min != nil || q.Max != nil {
		switch {
		case q.Category != "":
			p.numField = countField(q.Category)
		case q.Kind == "":
			return nil, bad("min", "", "a value range needs a figure kind (money, count, percent, ratio, period) or a category")
		default:
			f, ok := numericKinds[string(q.Kind)]
			if !ok {
				return nil, bad("kind", string(q.Kind), "figures of this kind have no value to compare with min/max")
			}
			p.numField = f
		}
	}
	if q.Limit < 0 || q.Limit > MaxLimit {
		return nil, bad("limit", fmt.Sprint(q.Limit), fmt.Sprintf("want 0 to %d", MaxLimit))
	}
	if q.Offset < 0 {
		return nil, bad("offset", fmt.Sprint(q.Offset), "want 0 or more")
	}
	if q.Limit == 0 {
		p.q.Limit = 10
	}
	switch q.Sort {
	case "", ByRelevance, ByDate:
	default:
		return nil, bad("sort", string(q.Sort), "want relevance or date")
	}
	for _, f := range q.Facets {
		if _, ok := facetFields[f]; !ok {
			return nil, bad("facets", f, "unknown facet; want "+strings.Join(FacetNames, ", "))
		}
	}
	if q.FacetSize < 0 {
		return nil, bad("facets", fmt.Sprint(q.FacetSize), "facet size must be positive")
	}
	if q.FacetSize == 0 {
		p.q.FacetSize = 10
	}
	return p, nil
}

func knownKind(k corpus.Kind) bool {
	switch k {
	case corpus.Money, corpus.Count, corpus.Percent, corpus.Ratio, corpus.Period,
		corpus.Date, corpus.Ordinal, corpus.Duration:
		return true
	}
	return false
}

// HasFigureFilter reports whether q filters on figures (Kind, Category,
// Min or Max).
func (q Query) HasFigureFilter() bool {
	return q.Kind != "" || q.Category != "" || q.Min != nil || q.Max != nil
}

// MatchFigure reports whether the figure f satisfies q's figure filter:
// the same kind and category, and a value within [Min, Max]. Search uses
// it to fill Hit.Figures; the CLI may use it on articles it loads itself.
// A query without a figure filter matches no figure.
func (q Query) MatchFigure(f corpus.Figure) bool {
	if !q.HasFigureFilter() {
		return false
	}
	if q.Kind != "" && f.Kind != q.Kind {
		return false
	}
	if q.Category != "" && (f.Kind != corpus.Count || f.Category != q.Category) {
		return false
	}
	if q.Min == nil && q.Max == nil {
		return true
	}
	_, v, ok := figureNumber(f)
	if !ok {
		return false
	}
	return (q.Min == nil || v >= *q.Min) && (q.Max == nil || v <= *q.Max)
}
