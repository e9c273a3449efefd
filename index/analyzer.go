package index

import (
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// The names under which the Vietnamese analysis is registered with bleve.
// They are written into the index's mapping (index_meta.json), so an index
// can only be opened by a program that links this package; renaming them
// makes existing indexes unreadable (bump analysisVersion instead).
const (
	tokenizerName   = "tinso_vi_syllable"
	foldFilterName  = "tinso_vi_fold"
	exactFilterName = "tinso_vi_exact"
	pairFilterName  = "tinso_vi_pair"
	foldedAnalyzer  = "tinso_vi_folded"
	exactAnalyzer   = "tinso_vi_exact"
	pairAnalyzer    = "tinso_vi_pair"
)

func init() {
	// Registration fails only on a duplicate name, a programming error.
	must(registry.RegisterTokenizer(tokenizerName,
		func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return syllableTokenizer{}, nil
		}))
	must(registry.RegisterTokenFilter(foldFilterName,
		func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return foldFilter{}, nil
		}))
	must(registry.RegisterTokenFilter(exactFilterName,
		func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return exactFilter{}, nil
		}))
	must(registry.RegisterTokenFilter(pairFilterName,
		func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return pairFilter{}, nil
		}))
}

func must(err error) {
	if err != nil {
		panic("index: " + err.Error())
	}
}

// syllableTokenizer splits NFC text into syllable tokens (scan). Input that
// is not NFC (an NFD body) is normalised first. Tokens carry positions
// (for phrases) but no byte offsets; a blank line between two tokens
// skips a position, so that no phrase matches across paragraphs (or from
// the title into the body, see paragraphBreak).
type syllableTokenizer struct{}

func (syllableTokenizer) Tokenize(input []byte) analysis.TokenStream {
	if !norm.NFC.IsNormal(input) {
		input = norm.NFC.Bytes(input)
	}
	s := string(input)
	n := 0
	scan(s, func(int, int) { n++ })
	toks := make([]analysis.Token, n)
	out := make(analysis.TokenStream, n)
	i, pos, prev := 0, 0, 0
	scan(s, func(start, end int) {
		t := &toks[i]
		t.Term = input[start:end:end]
		// Start and End stay 0: bleve would store them with every
		// position of a term-vector field, a third of the index, and
		// nothing reads them (snippets are made from the caller's text).
		pos++
		if strings.Count(s[prev:start], "\n") >= 2 {
			pos++ // a paragraph break: no phrase spans it
		}
		prev = end
		t.Position = pos
		t.Type = analysis.AlphaNumeric
		out[i] = t
		i++
	})
	return out
}

// foldFilter rewrites each token to its folded form (Fold), dropping a
// token of combining marks alone.
type foldFilter struct{}

func (foldFilter) Filter(ts analysis.TokenStream) analysis.TokenStream {
	arena := make([]byte, 0, streamBytes(ts))
	out := ts[:0]
	for _, t := range ts {
		if !plainASCII(t.Term) {
			at := len(arena)
			arena = appendFold(arena, t.Term)
			t.Term = arena[at:len(arena):len(arena)]
			if len(t.Term) == 0 {
				continue // combining marks alone
			}
		}
		out = append(out, t)
	}
	return out
}

// exactFilter rewrites each token to its exact form: lower case, tone
// mark on the canonical vowel (placeTone). It drops the tokens whose
// exact form is their folded form ("con", "2021", "ban"): queries look up
// the exact fields only for accented words (exactQueries), and the exact
// fields have no positions, so nothing is lost and a third of their
// postings is saved.
type exactFilter struct{}

func (exactFilter) Filter(ts analysis.TokenStream) analysis.TokenStream {
	arena := make([]byte, 0, streamBytes(ts)+8)
	out := ts[:0]
	for _, t := range ts {
		if plainASCII(t.Term) {
			continue
		}
		at := len(arena)
		arena = appendExact(arena, t.Term)
		t.Term = arena[at:len(arena):len(arena)]
		if !plainASCII(t.Term) {
			out = append(out, t)
		}
	}
	return out
}

// streamBytes sizes a filter's arena: folding never lengthens a token and
// tone placement only swaps one vowel for another of similar length.
func streamBytes(ts analysis.TokenStream) int {
	n := 0
	for _, t := range ts {
		n += len(t.Term)
	}
	return n
}

// plainASCII reports whether a term is lower-case ASCII, the same in every
// form.
func plainASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// pairBuckets is the number of distinct pair terms (a power of two). More
// buckets narrow a phrase better but cost a term each: on the baomoi
// sample 2^16 buckets add 0.55× the text to the index, 2^18 0.8×; the
// sample has 520,000 distinct pairs, 8 a bucket. A pair bucket only
// narrows: positions decide (phrase.go), so a collision costs time, never
// a wrong hit.
const pairBuckets = 1 << 16

// pairFilter turns a stream of (folded) tokens into the pairs of adjacent
// tokens, each hashed to one of pairBuckets terms (pairTerm). No pair
// spans a gap in the positions (a paragraph break).
type pairFilter struct{}

func (pairFilter) Filter(ts analysis.TokenStream) analysis.TokenStream {
	if len(ts) < 2 {
		return ts[:0]
	}
	arena := make([]byte, 0, 4*len(ts))
	out := make(analysis.TokenStream, 0, len(ts)-1)
	toks := make([]analysis.Token, len(ts)-1)
	for i := 0; i+1 < len(ts); i++ {
		a, b := ts[i], ts[i+1]
		if b.Position != a.Position+1 {
			continue
		}
		at := len(arena)
		arena = appendPairTerm(arena, a.Term, b.Term)
		t := &toks[i]
		t.Term = arena[at:len(arena):len(arena)]
		t.Position = a.Position
		t.Type = analysis.Shingle
		out = append(out, t)
	}
	return out
}

// pairTerm is the term of the pair of folded terms a, b: a bucket number
// in base 36.
func pairTerm(a, b string) string { return string(appendPairTerm(nil, []byte(a), []byte(b))) }

func appendPairTerm(dst, a, b []byte) []byte {
	h := uint32(2166136261) // FNV-1a of "a b"
	for _, c := range a {
		h = (h ^ uint32(c)) * 16777619
	}
	h = (h ^ ' ') * 16777619
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return strconv.AppendUint(dst, uint64(h&(pairBuckets-1)), 36)
}
