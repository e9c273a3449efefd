package index

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The query language of Query.Text, parsed here rather than by bleve's
// query-string syntax so that users get errors they understand:
//
//	cong doan            words: every word must match (title or body)
//	"mái ấm công đoàn"   a phrase: these words in this order
//	-tết  -"tăng ca"     a word or phrase that must not match
//	site:laodong.vn      only this site (several: any of them);
//	-site:x.vn           not this site
//	cong*                prefix (at least 2 letters before the *)
//	c?ng  ng*i           wildcard: ? one letter, * any letters
//	doan~  doan~2        fuzzy: within 1 (or 2) edits
//
// Matching is accent-insensitive: every form is folded (Fold) before it
// meets the index; accents typed by the user only rank documents that
// carry the same accents higher. A word that the analysis splits
// ("TP.HCM", "covid-19") is searched as a phrase of its parts. Lone
// punctuation ("-", "–", ":") is ignored. There is no OR and no
// grouping.

// clauseKind says how a clause matches.
type clauseKind int

const (
	cWord clauseKind = iota
	cPhrase
	cPrefix
	cWildcard
	cFuzzy
)

func (k clauseKind) String() string {
	return [...]string{"word", "phrase", "prefix", "wildcard", "fuzzy"}[k]
}

// clause is one parsed item of the query text.
type clause struct {
	kind  clauseKind
	neg   bool
	terms []string // folded terms (one, except for a phrase) or the folded pattern
	exact []string // exact forms of terms, for ranking (words and phrases)
	fuzz  int      // edit distance of a fuzzy clause
}

// parsed is a parsed Query.Text.
type parsed struct {
	clauses  []clause
	sites    []string
	notSites []string
}

// String renders a parsed query in a canonical form, for tests.
func (p *parsed) String() string {
	var parts []string
	for _, c := range p.clauses {
		s := c.kind.String() + "(" + strings.Join(c.terms, " ")
		if c.kind == cFuzzy {
			s += "~" + strconv.Itoa(c.fuzz)
		}
		s += ")"
		if c.neg {
			s = "-" + s
		}
		parts = append(parts, s)
	}
	for _, s := range p.sites {
		parts = append(parts, "site("+s+")")
	}
	for _, s := range p.notSites {
		parts = append(parts, "-site("+s+")")
	}
	return strings.Join(parts, " ")
}

// positive reports whether the query has a clause that must match.
func (p *parsed) positive() bool {
	for _, c := range p.clauses {
		if !c.neg {
			return true
		}
	}
	return false
}

// minPrefix is the least number of letters before a wildcard: a shorter
// prefix expands to thousands of terms and is never what was meant.
const minPrefix = 2

// parseText parses Query.Text. Errors are *QueryError with the position
// of the problem.
func parseText(text string) (*parsed, error) {
	p := &parsed{}
	bad := func(pos int, msg string) error {
		return &QueryError{Field: "text", Pos: pos, Msg: msg, Text: text}
	}
	if !utf8.ValidString(text) {
		return nil, bad(0, "the query is not valid UTF-8")
	}
	s := nfc(text)
	if s != text {
		text = s // positions refer to the normalised text
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		neg := false
		if r == '-' && i+1 < len(s) && (s[i+1] == '"' || !isSpaceAt(s, i+1)) {
			neg = true
			i++
		}
		if i < len(s) && s[i] == '"' {
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				return nil, bad(i, `unbalanced quote: this " is not closed`)
			}
			body := s[i+1 : i+1+end]
			i += end + 2
			if err := p.addPhrase(body, neg); err != nil {
				return nil, bad(start, err.Error())
			}
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) || r == '"' {
				break
			}
			j += size
		}
		word := s[i:j]
		i = j
		if err := p.addWord(word, neg); err != nil {
			return nil, bad(start, err.Error())
		}
	}
	return p, nil
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

type parseError string

func (e parseError) Error() string { return string(e) }

// addPhrase adds a quoted phrase.
func (p *parsed) addPhrase(body string, neg bool) error {
	folded := Terms(body, false)
	if len(folded) == 0 {
		return parseError("empty phrase: put words between the quotes")
	}
	c := clause{kind: cPhrase, neg: neg, terms: folded, exact: Terms(body, true)}
	if len(folded) == 1 {
		c.kind = cWord
	}
	p.clauses = append(p.clauses, c)
	return nil
}

// addWord adds an unquoted item: site:host, a fuzzy, prefix or wildcard
// term, or a plain word.
func (p *parsed) addWord(w string, neg bool) error {
	if host, ok := strings.CutPrefix(w, "site:"); ok {
		host = strings.ToLower(strings.TrimSuffix(host, "/"))
		if host == "" {
			return parseError("site: needs a host name, as in site:laodong.vn")
		}
		if neg {
			p.notSites = append(p.notSites, host)
		} else {
			p.sites = append(p.sites, host)
		}
		return nil
	}
	if k := strings.LastIndexByte(w, '~'); k > 0 && isFuzzySuffix(w[k+1:]) {
		fuzz := 1
		if k+1 < len(w) {
			fuzz, _ = strconv.Atoi(w[k+1:])
		}
		if fuzz < 1 || fuzz > 2 {
			return parseError("fuzziness must be 1 or 2, as in doan~ or doan~2")
		}
		ts := Terms(w[:k], false)
		if len(ts) != 1 {
			return parseError("a fuzzy term is one word, as in doan~")
		}
		p.clauses = append(p.clauses, clause{kind: cFuzzy, neg: neg, terms: ts, fuzz: fuzz})
		return nil
	}
	// A trailing "?" is punctuation ("chịu?"), not a wildcard.
	core := strings.TrimRight(w, "?!.,;:…")
	if strings.ContainsAny(core, "*?") {
		return p.addPattern(core, neg)
	}
	folded := Terms(w, false)
	if len(folded) == 0 {
		return nil // punctuation only
	}
	c := clause{kind: cWord, neg: neg, terms: folded, exact: Terms(w, true)}
	if len(folded) > 1 {
		c.kind = cPhrase
	}
	p.clauses = append(p.clauses, c)
	return nil
}

// isFuzzySuffix reports whether s, what follows a "~", is empty or digits.
func isFuzzySuffix(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(s) <= 2
}

// addPattern adds a prefix or wildcard term; w holds * or ?. A prefix
// needs minPrefix letters; a wildcard one letter before its first * or ?
// and minPrefix in all, so that no term expands to most of the
// dictionary.
func (p *parsed) addPattern(w string, neg bool) error {
	var b strings.Builder
	letters, lead := 0, -1
	for _, r := range w {
		switch {
		case r == '*' || r == '?':
			if lead < 0 {
				lead = letters
			}
			b.WriteRune(r)
		case isWordRune(r):
			letters++
			b.WriteRune(r)
		default:
			return parseError("a * or ? term holds only letters and digits, as in cong* or c?ng")
		}
	}
	pat := Fold(b.String())
	if strings.IndexAny(pat, "*?") == len(pat)-1 && pat[len(pat)-1] == '*' {
		if letters < minPrefix {
			return parseError("write at least 2 letters before a *, as in cong*")
		}
		p.clauses = append(p.clauses, clause{kind: cPrefix, neg: neg, terms: []string{pat[:len(pat)-1]}})
		return nil
	}
	if lead < 1 || letters < minPrefix {
		return parseError("a wildcard term needs a letter before its first * or ? and 2 letters in all, as in c?ng")
	}
	p.clauses = append(p.clauses, clause{kind: cWildcard, neg: neg, terms: []string{pat}})
	return nil
}
