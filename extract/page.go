package extract

import "github.com/tinso/tinso/corpus"

// page is what a cleaner finds in one document before the figures: the
// article fields of figures.md. Every string is NFC; Published is an ISO
// date ("2022-02-09") or date and time ("2022-02-09T09:00"), empty when the
// page shows none.
type page struct {
	Title     string
	Published string
	Author    string
	Body      string // paragraphs joined by "\n\n"
	IsArticle bool   // false for listings and home pages (Body is then empty)
	Problems  []corpus.Problem
}
