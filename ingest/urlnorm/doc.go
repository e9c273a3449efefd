// Package urlnorm turns the many spellings of one page's address into one
// canonical URL, so that a crawl fetches and stores each article once, and
// pulls the links a crawler follows out of an HTML page: same-site links,
// rel=canonical, and pagination ("?page=2", "/trang-2", "Trang sau").
//
// It also compiles the include/exclude URL patterns analysts give on the
// command line (see Matcher).
//
// urlnorm does no I/O. It must not import net/http or bleve.
package urlnorm
