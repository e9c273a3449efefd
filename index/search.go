package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/tinso/tinso/corpus"
)

// Result is one page of hits, with the total and the facets over all
// matching documents.
type Result struct {
	Total  uint64
	Hits   []Hit
	Facets map[string][]FacetCount // by facet name (Query.Facets)
	// Approximate is set when Total and Facets count, for a phrase of
	// common words, the documents that have its words and every pair of
	// adjacent words (hashed) without checking that the words are
	// adjacent: a close upper bound, read from bitmaps in a millisecond
	// where checking would take tens (see runner). The hits themselves
	// are always checked.
	Approximate bool
	Took        time.Duration
}

// Hit is one matching document. Hits come in the order of their tier
// (title matches first, see the package doc), then of Score, or newest
// first with ByDate.
type Hit struct {
	ID        string
	Score     float64 // relevance within the hit's tier
	Site      string  // "" when the article has none
	Published string  // "YYYY", "YYYY-MM" or "YYYY-MM-DD" (the date part); "" when undated

	// The fields below need Options.Articles.
	Title      string
	TitleMarks []Span          // the query's matches in Title
	Snippet    []Fragment      // with Query.Highlight
	Figures    []corpus.Figure // the figures that satisfy the figure filter (Query.MatchFigure)
}

// FacetCount is a facet term and the number of matching documents with it.
type FacetCount struct {
	Term  string
	Count int
}

// Search runs q. A malformed query returns a *QueryError. With
// Options.Articles, the hits also carry their title, snippet and matching
// figures; an article that cannot be loaded is an error naming its id.
func (ix *Index) Search(ctx context.Context, q Query) (Result, error) {
	start := time.Now()
	p, err := check(q)
	if err != nil {
		return Result{}, err
	}
	var res Result
	err = ix.with(func(b bleve.Index) error {
		r, err := newRunner(ctx, b, p)
		if err != nil {
			return err
		}
		hits, facets, err := r.search(&res)
		if err != nil {
			return err
		}
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.ID
			res.Hits = append(res.Hits, Hit{ID: h.ID, Score: h.Score})
		}
		if ix.opts.Articles == nil {
			// Without the corpus, site and date come from doc values;
			// with it, from the articles (decorate), which is cheaper.
			site, pub, err := docValues(b, ids)
			if err != nil {
				return fmt.Errorf("search %q: %w", q.Text, err)
			}
			for i := range res.Hits {
				res.Hits[i].Site, res.Hits[i].Published = site[i], pub[i]
			}
		}
		if len(facets) > 0 {
			res.Facets = make(map[string][]FacetCount, len(facets))
			for name, f := range facets {
				var fc []FacetCount
				if f.Terms != nil {
					for _, t := range f.Terms.Terms() {
						fc = append(fc, FacetCount{Term: t.Term, Count: t.Count})
					}
				}
				res.Facets[name] = fc
			}
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	if ix.opts.Articles != nil {
		for i := range res.Hits {
			if err := ix.decorate(&res.Hits[i], p); err != nil {
				return Result{}, err
			}
		}
	}
	res.Took = time.Since(start)
	return res, nil
}

// decorate fills a hit's title, marks, snippet and figures from its
// article.
func (ix *Index) decorate(h *Hit, p *plan) error {
	a, err := ix.opts.Articles(h.ID)
	if err != nil {
		return fmt.Errorf("load article %s for its snippet: %w", h.ID, err)
	}
	h.Title = nfc(a.Title)
	h.Site = a.Site
	if _, pub, ok := parsePublished(a.Published); ok {
		h.Published = pub
	}
	h.TitleMarks = p.text.marks(h.Title)
	if p.q.Highlight {
		h.Snippet = p.text.snippet(a.Body)
	}
	if p.q.HasFigureFilter() {
		for _, f := range a.Figures {
			if p.q.MatchFigure(f) {
				h.Figures = append(h.Figures, f)
			}
		}
	}
	return nil
}

// Suggestion is a looser form of a query that found nothing, and how
// many documents it finds.
type Suggestion struct {
	What  string // "without the date range", ...
	Query Query
	Total uint64
}

// Suggest returns, for a query without hits, the looser queries that do
// find documents: without the date range, the site filter or the figure
// filter. Matching is already accent-insensitive,
// so the accent-free form (Fold) finds the same documents; the CLI may
// still show it.
func (ix *Index) Suggest(ctx context.Context, q Query) ([]Suggestion, error) {
	if _, err := check(q); err != nil {
		return nil, err
	}
	var tries []Suggestion
	if q.From != "" || q.To != "" {
		l := q
		l.From, l.To = "", ""
		tries = append(tries, Suggestion{What: "without the date range", Query: l})
	}
	if len(q.Sites) > 0 {
		l := q
		l.Sites = nil
		tries = append(tries, Suggestion{What: "on every site", Query: l})
	}
	if q.HasFigureFilter() {
		l := q
		l.Kind, l.Category, l.Min, l.Max = "", "", nil, nil
		tries = append(tries, Suggestion{What: "without the figure filter", Query: l})
	}
	var out []Suggestion
	for _, s := range tries {
		s.Query.Limit, s.Query.Facets, s.Query.Highlight = 1, nil, false
		p, err := check(s.Query)
		if err != nil {
			return nil, err
		}
		req := p.request(p.parts(), tierCount, 0, 0, false)
		err = ix.with(func(b bleve.Index) error {
			sr, err := b.SearchInContext(ctx, req)
			if err != nil {
				return fmt.Errorf("search %q: %w", s.Query.Text, err)
			}
			s.Total = sr.Total
			return nil
		})
		if err != nil {
			return nil, err
		}
		if s.Total > 0 {
			s.Query.Limit, s.Query.Facets, s.Query.Highlight = q.Limit, q.Facets, q.Highlight
			out = append(out, s)
		}
	}
	return out, nil
}
