package corpus

import (
	"context"
	"errors"
	"time"
)

// Sentinel errors of a Store.
var (
	// ErrNotFound: no stored article has that id or URL.
	ErrNotFound = errors.New("not found")
	// ErrLocked: another process holds the store for writing.
	ErrLocked = errors.New("store is in use by another tinso process")
)

// Outcome says what storing one record did.
type Outcome int

// The outcomes of Store.Put, as the ingest summary counts them.
const (
	New       Outcome = iota // a document the store did not have
	Updated                  // a known document whose content or extraction changed
	Unchanged                // the same bytes, extracted by the same extractor version
)

func (o Outcome) String() string {
	switch o {
	case New:
		return "new"
	case Updated:
		return "updated"
	case Unchanged:
		return "unchanged"
	}
	return "unknown"
}

// PutResult is what Put did with one record.
type PutResult struct {
	Outcome   Outcome
	ArticleID int64
	Err       error // this record was not stored, for this reason
}

// Record is one document and the article extracted from it, stored
// together in one transaction.
type Record struct {
	Doc     Document
	Hash    string // hex SHA-256 of Doc.Raw; see ContentHash
	Article Article
	// ExtractorVersion is extract.Version at the time of extraction, so
	// that `tinso reextract` can find what an older tinso extracted.
	ExtractorVersion string
}

// Known is what the store holds for a document key, so that the pipeline
// can skip extracting input it has already stored.
type Known struct {
	ArticleID        int64
	Hash             string
	ExtractorVersion string
	ETag             string
	LastModified     string
}

// Failure is one document that could not be stored, as the runs table
// records it.
type Failure struct {
	RunID  int64     `json:"run"`
	Source string    `json:"source"`
	Stage  string    `json:"stage"` // "read", "fetch", "decode", "extract", "store"
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// RunCounts are the summary counts of one ingest run.
type RunCounts struct {
	New       int `json:"new"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Failed    int `json:"failed"`
	Skipped   int `json:"skipped"` // not an article: listing or home page
}

// StoredArticle is an article read back from the store, with where it came
// from.
type StoredArticle struct {
	ID               int64
	URL              string
	FetchedAt        time.Time
	ExtractorVersion string
	Article          Article
}

// FigureFilter narrows figures the way search does. Empty fields do not
// filter.
type FigureFilter struct {
	Site     string
	Kind     Kind
	Category string
	From, To string   // publication dates, ISO prefixes ("2021", "2021-03-01")
	Min, Max *float64 // bounds on the figure's value
}

// FigureRow is one stored figure with the article it belongs to.
type FigureRow struct {
	ArticleID int64
	Source    string
	URL       string
	Site      string
	Title     string
	Published string
	Figure    Figure
}

// StatGroup names what `tinso stats` groups by.
type StatGroup string

// The groupings of Stats.
const (
	BySite     StatGroup = "site"
	ByYear     StatGroup = "year"
	ByMonth    StatGroup = "month"
	ByKind     StatGroup = "kind"
	ByCategory StatGroup = "category"
)

// StatRow is one group of Stats: its keys in the order asked, the kind and
// unit (sums never mix kinds or currencies), the number of figures and the
// sum of their values.
type StatRow struct {
	Keys     []string
	Kind     Kind
	Unit     string
	Count    int64
	Sum      float64
	Articles int64 // distinct articles the figures come from
}

// Reextraction is a stored document handed back for extraction again.
type Reextraction struct {
	DocumentID int64
	Doc        Document
	Hash       string
}

// Store keeps documents, articles, figures, runs and failures. One writer
// at a time (Open takes a lock); readers may run beside it.
type Store interface {
	// Lookup returns what is stored under a document key (see
	// DocumentKey), or ok false.
	Lookup(ctx context.Context, key string) (k Known, ok bool, err error)
	// Put stores records in one transaction, each record all or nothing:
	// a record that fails is rolled back alone and its error is in its
	// result. err is for the batch as a whole (nothing was stored).
	Put(ctx context.Context, runID int64, recs []Record) (results []PutResult, err error)
	// Forget removes the article of a stored document that is no longer
	// an article (its raw bytes stay, for reextract).
	Forget(ctx context.Context, documentID int64) error

	// BeginRun records the start of a run of command with its arguments.
	BeginRun(ctx context.Context, command string, args []string) (runID int64, err error)
	// Fail records one document's failure in a run.
	Fail(ctx context.Context, f Failure) error
	// EndRun records a run's counts and final status ("done",
	// "interrupted", "failed").
	EndRun(ctx context.Context, runID int64, counts RunCounts, status string) error
	// Failures lists the failures of a run (0: the latest run).
	Failures(ctx context.Context, runID int64) ([]Failure, error)

	// Article returns one stored article by id or by URL.
	Article(ctx context.Context, idOrURL string) (StoredArticle, error)
	// Figures calls fn for each stored figure that passes the filter, in
	// article then position order; fn returning an error stops the walk.
	Figures(ctx context.Context, f FigureFilter, fn func(FigureRow) error) error
	// Stats counts and sums figures that pass the filter, grouped.
	Stats(ctx context.Context, f FigureFilter, by []StatGroup) ([]StatRow, error)
	// Raw calls fn for each stored document whose article was extracted
	// by a version other than version (all documents when all is true).
	Raw(ctx context.Context, version string, all bool, fn func(Reextraction) error) error
	// Articles calls fn for every stored article with its id (for
	// rebuilding or checking a search index).
	Articles(ctx context.Context, fn func(id int64, a Article) error) error

	Close() error
}

// FrontierURL is one URL of a crawl: where it sits in the breadth-first
// order and what became of it.
type FrontierURL struct {
	URL    string
	Depth  int
	State  string // queued, done, failed, skipped
	Reason string
}

// CrawlProgress counts a crawl's frontier by state.
type CrawlProgress struct {
	Queued, Done, Failed, Skipped int
}

// Frontier keeps a crawl's queue and seen-set in the store, so that an
// interrupted crawl resumes where it stopped. A crawl is named by its
// start (a site or sitemap URL); a URL is in a crawl's frontier once.
type Frontier interface {
	// Enqueue adds URLs not seen before in the crawl, as queued; it
	// returns how many were new.
	Enqueue(ctx context.Context, crawl string, urls []FrontierURL) (int, error)
	// Queued returns up to limit queued URLs, shallowest first, then in
	// the order they were found.
	Queued(ctx context.Context, crawl string, limit int) ([]FrontierURL, error)
	// Settle records what became of a URL: done, failed or skipped, with
	// a reason.
	Settle(ctx context.Context, crawl string, u FrontierURL) error
	// Requeue puts every URL of the crawl back in the queue (--refresh).
	Requeue(ctx context.Context, crawl string) error
	// Progress counts the crawl's frontier by state.
	Progress(ctx context.Context, crawl string) (CrawlProgress, error)
	// SaveCrawl records a crawl's options (JSON), for --resume.
	SaveCrawl(ctx context.Context, crawl, options string) error
	// LatestCrawl returns the crawl most recently started or resumed that
	// still has queued URLs, and its options; ok is false if none.
	LatestCrawl(ctx context.Context) (crawl, options string, ok bool, err error)
}
