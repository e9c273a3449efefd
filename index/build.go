package index

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The ranking is tiered: the documents whose title holds every query
// clause come first; then those whose text has the free words side by
// side as typed ("giá nội" as a pair); then the others; each tier by
// score. A tier is a bleve search of its own, so that a query of common
// words (half the corpus holds "giá" and "nội") scores the few documents
// that fill the first page, not every document that has the words
// somewhere. The total and the facets come from one more search that
// does not score (bleve answers it with bitmap operations).
type tier int

const (
	tierAll   tier = iota // every match: date order, filters, or no words to tier by
	tierTitle             // the title holds every clause
	tierPair              // not tierTitle; adjacent free words are adjacent in the text
	tierRest              // the others
	tierCount             // every match, unscored: total and facets
)

// parts are the pieces of a query's bleve form, built once per search:
//
//   - text: the positive words and phrases on the folded text (title and
//     body), all of which must match; other: the positive prefix,
//     wildcard and fuzzy clauses, which bleve expands to many terms;
//   - title, titleOther: the same clauses on the title, unscored, for the
//     tiers; pairs: the hashed pairs of adjacent free words, for tierPair;
//   - should (ranking only): each positive clause on the title
//     (boosted); all the free words in order in the title (so "bi thu
//     dinh la" ranks the article titled "Bí thư Đinh La Thăng ..."
//     first); the exact (accented) forms of accented query words;
//   - mustNot: the negative clauses and -site: hosts;
//   - filter: sites, dates, figure kind, category and range, unscored:
//     they narrow, they do not rank.
type parts struct {
	text, title       *andQuery
	pairs             *andQuery // the hashed pairs of adjacent free words, unscored
	other, titleOther []query.Query
	should, mustNot   []query.Query
	titleShould       []query.Query // the clauses on the title, boosted
	inOrder           query.Query   // all free words in order in the title, or nil
	filter            query.Query
	positive          bool
}

func (p *plan) parts() parts {
	pt := parts{text: &andQuery{verify: true}, title: &andQuery{verify: true}, pairs: &andQuery{}}
	var inOrder []string // the free words, for the in-order title boost
	prev := ""           // the previous free word, for pairs
	for _, c := range p.text.clauses {
		if c.kind != cWord || c.neg {
			prev = ""
		}
		if c.neg {
			mustNot := &andQuery{verify: true}
			switch c.kind {
			case cWord:
				mustNot.word(fText, c.terms[0], 1)
			case cPhrase:
				mustNot.phrase(fText, c.terms, 1)
			default:
				pt.mustNot = append(pt.mustNot, termQuery(c, fText))
				continue
			}
			pt.mustNot = append(pt.mustNot, mustNot)
			continue
		}
		pt.positive = true
		switch c.kind {
		case cWord:
			pt.text.word(fText, c.terms[0], 1)
			pt.title.word(fTitle, c.terms[0], titleBoost)
			inOrder = append(inOrder, c.terms...)
			if prev != "" {
				pt.pairs.word(fPairs, pairTerm(prev, c.terms[0]), 0)
			}
			prev = c.terms[0]
		case cPhrase:
			pt.text.phrase(fText, c.terms, 1)
			pt.title.phrase(fTitle, c.terms, titleBoost)
			inOrder = append(inOrder, c.terms...)
		default:
			pt.other = append(pt.other, termQuery(c, fText))
			pt.titleOther = append(pt.titleOther, unscored{termQuery(c, fTitle)})
		}
		pt.titleShould = append(pt.titleShould, boosted(titleQuery(c), titleBoost))
		pt.should = append(pt.should, exactQueries(c)...)
	}
	if len(inOrder) >= 2 && len(p.text.clauses) > 1 {
		pt.inOrder = boosted(bleve.NewPhraseQuery(inOrder, fTitle), orderBoost)
	}
	for _, s := range p.text.notSites {
		pt.mustNot = append(pt.mustNot, term(fSite, s))
	}
	pt.filter = p.filter()
	return pt
}

// tiered reports whether the query is ranked in tiers: it has words to
// rank by, and is sorted by relevance.
func (p *plan) tiered() bool { return p.text.positive() && p.q.Sort != ByDate }

// hasPairTier reports whether the query has adjacent free words.
func (pt parts) hasPairTier() bool { return len(pt.pairs.terms) > 0 }

// query returns the bleve query of one tier; verify says whether text
// phrases are checked (see andQuery.verify).
func (pt parts) query(t tier, verify bool) query.Query {
	var must, should []query.Query
	text := pt.text.merged(&andQuery{})
	text.verify = verify
	switch t {
	case tierTitle:
		// The title holds every clause, so the text does too: the text
		// terms only narrow (no score, no positions; a title phrase is
		// checked on the title), and the title-tier documents are
		// ranked by their titles (the title terms are scored) and the
		// should clauses.
		text = text.narrowing().merged(pt.title)
	case tierPair:
		text = text.merged(pt.pairs)
	}
	if len(text.terms) > 0 {
		must = append(must, text)
	}
	must = append(must, pt.other...)
	if t == tierTitle {
		must = append(must, pt.titleOther...)
	}
	if len(must) == 0 {
		must = append(must, bleve.NewMatchAllQuery())
	}
	if pt.filter != nil {
		must = append(must, pt.filter)
	}
	mustNot := pt.mustNot
	if t == tierPair || t == tierRest {
		mustNot = append(mustNot[:len(mustNot):len(mustNot)], pt.titleTier())
	}
	if t == tierRest && pt.hasPairTier() {
		mustNot = append(mustNot, unscored{pt.pairs})
	}
	if t != tierCount && pt.positive {
		should = pt.should
		switch {
		case t == tierAll:
			should = append(should[:len(should):len(should)], pt.titleShould...)
			if pt.inOrder != nil {
				should = append(should, pt.inOrder)
			}
		case t == tierTitle:
			// The title terms are scored in the conjunction.
			if pt.inOrder != nil {
				should = append(should[:len(should):len(should)], pt.inOrder)
			}
		default:
			// No title here holds every word: the in-order phrase
			// cannot match.
			should = append(should[:len(should):len(should)], pt.titleShould...)
		}
	}
	var q query.Query = query.NewBooleanQuery(must, should, mustNot)
	if t == tierCount {
		q = unscored{q}
	}
	return q
}

// titleTier is the condition of tierTitle, unscored.
func (pt parts) titleTier() query.Query {
	titles := pt.titleOther
	if len(pt.title.terms) > 0 {
		titles = append([]query.Query{unscored{pt.title.narrowingTitle()}}, titles...)
	}
	return conj(titles)
}

func conj(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// request returns the search request of one tier: size hits from from;
// verify says whether text phrases are checked (see andQuery.verify).
// Facets go with tierAll and tierCount.
func (p *plan) request(pt parts, t tier, size, from int, verify bool) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(pt.query(t, verify), size, from, false)
	if t == tierCount {
		req.Score = "none"
	}
	if t == tierAll && (p.q.Sort == ByDate || !p.text.positive()) {
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fPub, Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
		})
	}
	if t == tierAll || t == tierCount {
		for _, name := range p.q.Facets {
			req.AddFacet(name, bleve.NewFacetRequest(facetFields[name], p.q.FacetSize))
		}
	}
	return req
}

// titleQuery is the query of one clause on the title.
func titleQuery(c clause) boostable {
	if c.kind == cPhrase {
		return bleve.NewPhraseQuery(c.terms, fTitle)
	}
	return termQuery(c, fTitle)
}

// termQuery is the query of a one-term clause (word, prefix, wildcard,
// fuzzy) on a folded field.
func termQuery(c clause, field string) boostable {
	switch c.kind {
	case cPrefix:
		q := bleve.NewPrefixQuery(c.terms[0])
		q.SetField(field)
		return q
	case cWildcard:
		q := bleve.NewWildcardQuery(c.terms[0])
		q.SetField(field)
		return q
	case cFuzzy:
		q := bleve.NewFuzzyQuery(c.terms[0])
		q.SetField(field)
		q.SetFuzziness(c.fuzz)
		return q
	}
	return term(field, c.terms[0])
}

// exactQueries are the ranking clauses of an accented word or phrase:
// each of its syllables whose exact form differs from the folded one, on
// the exact text field.
func exactQueries(c clause) []query.Query {
	var out []query.Query
	for i, e := range c.exact {
		if i >= len(c.terms) || e == c.terms[i] {
			continue
		}
		out = append(out, boosted(term(fTextX, e), exactBoost))
	}
	return out
}

// filter is the conjunction of the query's non-text conditions, or nil.
// It is unscored: a filter narrows, it must not add to the score (a range
// is a disjunction of many terms whose scores would vary with the value).
func (p *plan) filter() query.Query {
	var fs []query.Query
	if len(p.sites) > 0 {
		var any []query.Query
		for _, s := range p.sites {
			any = append(any, term(fSite, s))
		}
		fs = append(fs, bleve.NewDisjunctionQuery(any...))
	}
	yes := true
	if p.from != nil || p.to != nil {
		var from, to *float64
		if p.from != nil {
			d := dayNumber(*p.from)
			from = &d
		}
		if p.to != nil {
			d := dayNumber(*p.to)
			to = &d
		}
		q := bleve.NewNumericRangeInclusiveQuery(from, to, &yes, &yes)
		q.SetField(fDay)
		fs = append(fs, q)
	}
	q := p.q
	switch {
	case p.numField != "":
		r := bleve.NewNumericRangeInclusiveQuery(q.Min, q.Max, &yes, &yes)
		r.SetField(p.numField)
		fs = append(fs, r)
	case q.Category != "":
		fs = append(fs, term(fCat, q.Category))
	case q.Kind != "":
		fs = append(fs, term(fKind, string(q.Kind)))
	}
	switch len(fs) {
	case 0:
		return nil
	case 1:
		return unscored{fs[0]}
	}
	return unscored{bleve.NewConjunctionQuery(fs...)}
}

// unscored runs a query without scoring: its matches score 0, and bleve
// can answer a disjunction of terms (a numeric or date range) or a
// conjunction of them with bitmap operations.
type unscored struct{ q query.Query }

func (u unscored) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	options.Score, options.IncludeTermVectors = "none", false
	return u.q.Searcher(ctx, r, m, options)
}

func term(field, t string) *query.TermQuery {
	q := bleve.NewTermQuery(t)
	q.SetField(field)
	return q
}

type boostable interface {
	query.Query
	SetBoost(float64)
}

func boosted[Q boostable](q Q, b float64) Q {
	q.SetBoost(b)
	return q
}
