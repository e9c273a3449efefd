package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// analysisVersion is written into every index. Bump it whenever a change
// to the analysis or the mapping makes old indexes answer differently:
// Open then refuses the old index with ErrStale ("run tinso reindex").
const analysisVersion = "tinso-index-4"

// The fields of the index. Nothing is stored (the corpus keeps the text);
// every field is indexed for a query, and only the fields that are sorted,
// faceted or listed have doc values.
//
// Every query word must match in "text" (title and body together), one
// term lookup per word: bleve then intersects the postings bitmaps before
// scoring (its conjunction optimisation), which a title-or-body
// disjunction per word would prevent. "text" keeps positions for
// phrases. A phrase of common syllables ("6 tháng đầu") would still make
// bleve read the positions of thousands of documents, so "pairs" indexes
// each pair of adjacent syllables, hashed into pairBuckets terms, without
// positions: a phrase first intersects its pairs, then checks positions
// only in the few documents left (phrase.go). The title alone is indexed
// again, small, for the ranking clauses that favour title matches.
const (
	fText  = "text"   // folded syllables of title + body, positions
	fPairs = "pairs"  // hashed pairs of adjacent folded syllables, no positions
	fTextX = "text_x" // exact (accented) terms of title + body, no positions
	fTitle = "title"  // folded title, positions (title phrases rank higher)
	fSite  = "site"   // keyword: filter, facet, shown on hits
	fPub   = "pub"    // keyword, the published string as given: date sort, shown on hits
	fDay   = "day"    // number: days since 1970 of the start of the published period, for ranges
	fYear  = "year"   // keyword "2021": facet
	fKind  = "kind"   // keyword per figure kind present: filter, facet
	fCat   = "category"
	fRev   = "rev" // keyword: Rev of the entry, for Revs
)

// numericKinds are the figure kinds indexed as numbers, with the field
// each is indexed under. A count with a category is also indexed under
// "count_<category>" (countField), so "members between 100 and 500" asks
// one figure, not a member count and some other count.
var numericKinds = map[string]string{
	"money":   "money",
	"count":   "count",
	"percent": "percent",
	"ratio":   "ratio",
	"period":  "period",
}

// Categories are the count categories of figures.md.
var Categories = []string{"members", "unions", "enterprises", "agencies", "houses", "gifts", "people", "other"}

func countField(category string) string { return "count_" + category }

// Boosts: a word in the title weighs more than the same word in the body,
// and an accented query word found with its accents (the exact twin)
// adds to the folded match, so "đường" ranks "đường" above "Dương".
const (
	titleBoost = 3.0
	exactBoost = 1.5
	orderBoost = 2.0 // all free words in order in the title ("known item")
)

// newMapping returns the index mapping: the Vietnamese analyzers, and a
// static document mapping with the fields above. Dynamic fields are off,
// so nothing but these fields reaches the index.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	for name, filters := range map[string][]string{
		foldedAnalyzer: {foldFilterName},
		exactAnalyzer:  {exactFilterName},
		pairAnalyzer:   {foldFilterName, pairFilterName},
	} {
		err := m.AddCustomAnalyzer(name, map[string]interface{}{
			"type":          custom.Name,
			"tokenizer":     tokenizerName,
			"token_filters": filters,
		})
		if err != nil {
			return nil, err
		}
	}
	m.DefaultAnalyzer = foldedAnalyzer
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false

	text := func(name, analyzer string, positions bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name, f.Analyzer = name, analyzer
		f.Store, f.IncludeInAll, f.DocValues = false, false, false
		f.IncludeTermVectors = positions
		return f
	}
	kw := func(name string, docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Name, f.Analyzer = name, keyword.Name
		f.Store, f.IncludeInAll, f.IncludeTermVectors = false, false, false
		f.DocValues = docValues
		f.SkipFreqNorm = true // filters, never scored
		return f
	}
	num := func(name string) *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Name = name
		f.Store, f.IncludeInAll, f.DocValues = false, false, false
		f.SkipFreqNorm = true
		return f
	}

	d := bleve.NewDocumentStaticMapping()
	pairs := text(fPairs, pairAnalyzer, false)
	pairs.SkipFreqNorm = true // narrows phrases, never scored
	d.AddFieldMappingsAt(fText, text(fText, foldedAnalyzer, true), pairs, text(fTextX, exactAnalyzer, false))
	d.AddFieldMappingsAt(fTitle, text(fTitle, foldedAnalyzer, true))
	d.AddFieldMappingsAt(fSite, kw(fSite, true))
	d.AddFieldMappingsAt(fPub, kw(fPub, true))
	d.AddFieldMappingsAt(fYear, kw(fYear, true))
	d.AddFieldMappingsAt(fKind, kw(fKind, true))
	d.AddFieldMappingsAt(fCat, kw(fCat, true))
	d.AddFieldMappingsAt(fRev, kw(fRev, true))
	// A day number rather than bleve's datetime (nanoseconds): a range of
	// a few years then expands to a few dozen terms instead of hundreds.
	d.AddFieldMappingsAt(fDay, num(fDay))
	for _, f := range numericKinds {
		d.AddFieldMappingsAt(f, num(f))
	}
	for _, c := range Categories {
		d.AddFieldMappingsAt(countField(c), num(countField(c)))
	}
	m.DefaultMapping = d
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}
