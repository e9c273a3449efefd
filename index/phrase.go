package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// andQuery matches the documents that hold all its terms and, in each of
// its phrases, the words at consecutive positions. It exists for speed:
//
//   - All terms, scored or not, text or title, go into one bleve
//     conjunction of term searchers, so that bleve's conjunction
//     optimisation ANDs their postings bitmaps before it iterates: a
//     query of common words restricted to title matches visits only the
//     few documents that have them all.
//   - A phrase adds the hashed pairs of its adjacent words (field pairs)
//     to the conjunction, and its positions are read only in the
//     documents left. bleve's own phrase query reads the positions of
//     every document that has the words, which for common syllables
//     ("Việt Nam", "người dân") is a large part of the corpus.
type andQuery struct {
	terms   []termSpec
	phrases []phraseCheck
	// verify: check the phrases' positions. Without it a phrase matches
	// the documents with its words and its pairs, a close upper bound
	// (see Result.Approximate) that bleve computes with bitmaps alone.
	verify bool
}

// termSpec is one term of an andQuery.
type termSpec struct {
	field, term string
	boost       float64 // 0: narrows, not scored
	positions   bool    // needed by a phrase check
}

// phraseCheck is a sequence of words that must be adjacent in field.
type phraseCheck struct {
	field string
	words []string
}

// word adds a term.
func (q *andQuery) word(field, term string, boost float64) {
	q.add(termSpec{field: field, term: term, boost: boost})
}

// phrase adds a phrase: its words (with positions) and, on the text, its
// pairs.
func (q *andQuery) phrase(field string, words []string, boost float64) {
	for _, w := range words {
		q.add(termSpec{field: field, term: w, boost: boost, positions: true})
	}
	if field == fText {
		for i := 0; i+1 < len(words); i++ {
			q.add(termSpec{field: fPairs, term: pairTerm(words[i], words[i+1])})
		}
	}
	q.phrases = append(q.phrases, phraseCheck{field, words})
}

// add merges a term into the query: one searcher per field and term,
// scored if any use scores it, with positions if any use needs them.
func (q *andQuery) add(t termSpec) {
	for i := range q.terms {
		o := &q.terms[i]
		if o.field == t.field && o.term == t.term {
			o.boost = max(o.boost, t.boost)
			o.positions = o.positions || t.positions
			return
		}
	}
	q.terms = append(q.terms, t)
}

// merged returns a copy of q with the terms and phrases of o added.
func (q *andQuery) merged(o *andQuery) *andQuery {
	r := &andQuery{verify: q.verify, phrases: append([]phraseCheck(nil), q.phrases...)}
	r.terms = append(r.terms, q.terms...)
	for _, t := range o.terms {
		r.add(t)
	}
	r.phrases = append(r.phrases, o.phrases...)
	return r
}

// narrowing returns q without scores, positions or phrase checks: the
// documents with its words and pairs, which bleve finds with bitmaps.
func (q *andQuery) narrowing() *andQuery {
	r := &andQuery{verify: true}
	for _, t := range q.terms {
		t.boost, t.positions = 0, false
		r.terms = append(r.terms, t)
	}
	return r
}

// narrowingTitle returns q unscored, keeping its phrase checks.
func (q *andQuery) narrowingTitle() *andQuery {
	r := &andQuery{verify: q.verify, phrases: q.phrases}
	for _, t := range q.terms {
		t.boost = 0
		r.terms = append(r.terms, t)
	}
	return r
}

// Searcher implements bleve's query.Query.
func (q *andQuery) Searcher(ctx context.Context, r bindex.IndexReader, _ mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	verify := q.verify && len(q.phrases) > 0
	var ss []search.Searcher
	for _, t := range q.terms {
		o := options
		o.IncludeTermVectors = t.positions && verify
		boost := t.boost
		if boost == 0 {
			o.Score, boost = "none", 1
		}
		s, err := searcher.NewTermSearcher(ctx, r, t.term, t.field, boost, o)
		if err != nil {
			for _, s := range ss {
				s.Close()
			}
			return nil, err
		}
		ss = append(ss, s)
	}
	var s search.Searcher
	if len(ss) == 1 {
		s = ss[0]
	} else {
		o := options
		o.IncludeTermVectors = verify
		var err error
		if s, err = searcher.NewConjunctionSearcher(ctx, r, ss, o); err != nil {
			for _, s := range ss {
				s.Close()
			}
			return nil, err
		}
	}
	if !verify {
		return s, nil
	}
	return &phraseSearcher{inner: s, phrases: q.phrases, pos: map[string][]uint64{}}, nil
}

// phraseSearcher passes on the documents of inner in which every phrase
// has its words at consecutive positions.
type phraseSearcher struct {
	inner   search.Searcher
	phrases []phraseCheck
	pos     map[string][]uint64 // scratch: field + term → positions in a document
}

func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.inner.Next(ctx)
	return s.check(ctx, dm, err)
}

func (s *phraseSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.inner.Advance(ctx, id)
	return s.check(ctx, dm, err)
}

// check returns dm if it holds the phrases, else the next document that
// does.
func (s *phraseSearcher) check(ctx *search.SearchContext, dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	for ; err == nil && dm != nil; dm, err = s.inner.Next(ctx) {
		ok := s.holds(dm)
		dm.FieldTermLocations = dm.FieldTermLocations[:0] // nobody above needs them
		if ok {
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
	}
	return dm, err
}

// holds reports whether every phrase has its words at consecutive
// positions in dm.
func (s *phraseSearcher) holds(dm *search.DocumentMatch) bool {
	for k := range s.pos {
		s.pos[k] = s.pos[k][:0]
	}
	for _, l := range dm.FieldTermLocations {
		k := l.Field + "\x00" + l.Term
		s.pos[k] = append(s.pos[k], l.Location.Pos)
	}
	for _, ph := range s.phrases {
		if !s.adjacent(ph) {
			return false
		}
	}
	return true
}

func (s *phraseSearcher) adjacent(ph phraseCheck) bool {
	for _, p := range s.pos[ph.field+"\x00"+ph.words[0]] {
		ok := true
		for k, w := range ph.words[1:] {
			if !hasPos(s.pos[ph.field+"\x00"+w], p+uint64(k)+1) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// hasPos reports whether the ascending list ps holds p.
func hasPos(ps []uint64, p uint64) bool {
	lo, hi := 0, len(ps)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case ps[m] == p:
			return true
		case ps[m] < p:
			lo = m + 1
		default:
			hi = m
		}
	}
	return false
}

func (s *phraseSearcher) Close() error               { return s.inner.Close() }
func (s *phraseSearcher) Weight() float64            { return s.inner.Weight() }
func (s *phraseSearcher) SetQueryNorm(qnorm float64) { s.inner.SetQueryNorm(qnorm) }
func (s *phraseSearcher) Count() uint64              { return s.inner.Count() }
func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) Size() int                  { return s.inner.Size() }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.inner.DocumentMatchPoolSize() }
