package extract

// cleanHTML finds the article in an HTML page: per-site rules first, then
// the generic main-content scorer; title, published and author from the
// page's metadata and visible bylines.
//
// STUB: being written.
func cleanHTML(html, url string, rules *Rules) page {
	return page{Body: html, IsArticle: true}
}
