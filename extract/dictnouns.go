package extract

import (
	_ "embed"
	"strings"
)

//go:embed dict/nouns.txt
var dictNounList string

// dictNouns are the compound nouns of a general Vietnamese dictionary
// (dict/README.md), folded like countNouns. They tell where a counted noun
// missing from countNouns ends: "khu dân cư", "bằng sáng chế".
var dictNouns = func() map[string]bool {
	m := make(map[string]bool, 12000)
	for _, w := range strings.Split(dictNounList, "\n") {
		if w = strings.TrimSpace(w); w != "" {
			m[foldPhrase(w)] = true
		}
	}
	return m
}()

// maxDictNounLen is the longest dictNouns entry, in syllables.
const maxDictNounLen = 4

// isDictNoun reports whether a folded phrase is a dictionary noun.
var isDictNoun = inSet(dictNouns)

// dictNounAt returns the length in tokens of the longest dictionary noun
// starting at token i, or 0.
func (f *finder) dictNounAt(i int) int {
	return f.phraseAt(i, isDictNoun, maxDictNounLen)
}
