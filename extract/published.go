package extract

import "github.com/PuerkitoBio/goquery"

// htmlPublished finds the publication date of an HTML page from its
// structured metadata and visible datelines; url may be empty. It returns
// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", or "" when none is found.
//
// STUB: owned by the metadata work; replaced wholesale.
func htmlPublished(doc *goquery.Document, url string) string {
	return ""
}
