package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// verifyBudget bounds the work of checking phrases document by document:
// checking reads the positions of each phrase word in the documents it
// lands on, walking that word's postings. When the phrase words of a
// query have at most this many postings in all (about 2 ms of work),
// every search checks them; above it (a phrase of common syllables such
// as "Việt Nam" or "có"), the candidates are ranked unchecked and only
// the hits returned are checked, and Total counts the unchecked
// candidates (Result.Approximate).
var verifyBudget uint64 = 20000 // a variable for tests

// runner carries out one Search: the tiers (build.go) in turn, the
// phrase checks, the total and the facets.
type runner struct {
	ctx   context.Context
	b     bleve.Index
	p     *plan
	pt    parts
	cheap bool // phrases are checked in every search (verifyBudget)
}

func newRunner(ctx context.Context, b bleve.Index, p *plan) (*runner, error) {
	r := &runner{ctx: ctx, b: b, p: p, pt: p.parts(), cheap: true}
	if len(r.pt.text.phrases) > 0 {
		n, err := r.postings(r.pt.text.phrases)
		if err != nil {
			return nil, err
		}
		r.cheap = n <= verifyBudget
	}
	return r, nil
}

// postings returns the number of postings of the words of phrases.
func (r *runner) postings(phrases []phraseCheck) (uint64, error) {
	adv, err := r.b.Advanced()
	if err != nil {
		return 0, err
	}
	ir, err := adv.Reader()
	if err != nil {
		return 0, err
	}
	defer ir.Close()
	var n uint64
	seen := map[string]bool{}
	for _, ph := range phrases {
		for _, w := range ph.words {
			if seen[w] {
				continue
			}
			seen[w] = true
			tfr, err := ir.TermFieldReader(r.ctx, []byte(w), fText, false, false, false)
			if err != nil {
				return 0, err
			}
			n += tfr.Count()
			tfr.Close()
		}
	}
	return n, nil
}

func (r *runner) run(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	sr, err := r.b.SearchInContext(r.ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", r.p.q.Text, err)
	}
	return sr, nil
}

// search fills res.Total and res.Approximate, and returns the page of
// hits and the facets.
func (r *runner) search(res *Result) (search.DocumentMatchCollection, search.FacetResults, error) {
	p, pt := r.p, r.pt
	need := p.q.Offset + p.q.Limit
	page := func(hits search.DocumentMatchCollection) search.DocumentMatchCollection {
		return hits[min(p.q.Offset, len(hits)):min(need, len(hits))]
	}
	if !p.tiered() || pt.filter != nil {
		// One search: the date order, or filters that narrow the
		// matches enough to score them all.
		hits, total, facets, exact, err := r.tier(tierAll, need)
		res.Total, res.Approximate = total, !exact
		return page(hits), facets, err
	}
	// The tiers in turn until the page is full.
	tiers := []tier{tierTitle, tierPair, tierRest}
	if !pt.hasPairTier() {
		tiers = []tier{tierTitle, tierRest}
	}
	var hits search.DocumentMatchCollection
	var seen uint64
	complete, exact := true, true
	for i, t := range tiers {
		h, total, _, ex, err := r.tier(t, need-len(hits))
		if err != nil {
			return nil, nil, err
		}
		hits = append(hits, h...)
		seen += total
		exact = exact && ex
		if len(hits) >= need && i < len(tiers)-1 {
			complete = false
			break
		}
	}
	if complete && len(p.q.Facets) == 0 {
		// Every tier was searched: their totals add up.
		res.Total, res.Approximate = seen, !exact
		return page(hits), nil, nil
	}
	// The total and facets: an unscored search.
	sr, err := r.run(p.request(pt, tierCount, 0, 0, r.cheap))
	if err != nil {
		return nil, nil, err
	}
	res.Total, res.Approximate = sr.Total, !r.cheap
	return page(hits), sr.Facets, nil
}

// tier returns the first n hits of tier t, its total and facets, and
// whether they are exact. Phrases beyond verifyBudget are ranked
// unchecked; the best candidates are then checked, more fetched while
// too few pass.
func (r *runner) tier(t tier, n int) (search.DocumentMatchCollection, uint64, search.FacetResults, bool, error) {
	p := r.p
	if r.cheap || t == tierTitle {
		sr, err := r.run(p.request(r.pt, t, n, 0, true))
		if err != nil {
			return nil, 0, nil, false, err
		}
		return sr.Hits, sr.Total, sr.Facets, true, nil
	}
	fetch := n + n/2 + 8
	for {
		sr, err := r.run(p.request(r.pt, t, fetch, 0, false))
		if err != nil {
			return nil, 0, nil, false, err
		}
		ok, err := r.checked(sr.Hits)
		if err != nil {
			return nil, 0, nil, false, err
		}
		var hits search.DocumentMatchCollection
		for _, h := range sr.Hits {
			if ok[h.ID] {
				hits = append(hits, h)
			}
		}
		if len(hits) >= n || len(sr.Hits) < fetch {
			return hits[:min(n, len(hits))], sr.Total, sr.Facets, false, nil
		}
		fetch *= 4
	}
}

// checked returns the hits that hold the query's text phrases.
func (r *runner) checked(hits search.DocumentMatchCollection) (map[string]bool, error) {
	ok := map[string]bool{}
	if len(hits) == 0 {
		return ok, nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	text := r.pt.text.merged(&andQuery{})
	text.verify = true
	q := query.NewConjunctionQuery([]query.Query{bleve.NewDocIDQuery(ids), text})
	req := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	req.Score = "none"
	sr, err := r.run(req)
	if err != nil {
		return nil, err
	}
	for _, h := range sr.Hits {
		ok[h.ID] = true
	}
	return ok, nil
}
