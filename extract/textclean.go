package extract

// cleanText cleans a plain-text dump of a web page (see the seeds): it
// keeps the article and finds its title, dateline and byline.
//
// STUB: owned by the text-cleaner work; replaced wholesale.
func cleanText(text string) page {
	return page{Body: text, IsArticle: true}
}
