package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/ingest/fetch"
	"github.com/tinso/tinso/ingest/sitemap"
	"github.com/tinso/tinso/ingest/urlnorm"
)

// CrawlOptions describe a crawl: where it starts, how far it goes.
type CrawlOptions struct {
	// Frontier keeps the queue and the seen-set (the corpus store).
	Frontier corpus.Frontier
	// Fetcher gets pages politely; one for the whole crawl.
	Fetcher *fetch.Fetcher
	// Name identifies the crawl in the frontier: its start URL.
	Name string
	// Start are pages to crawl from (a site's home or category pages);
	// links are followed on the same site only.
	Start []string
	// Sitemaps are sitemap or sitemap-index URLs whose pages are queued.
	Sitemaps []string
	// MaxDepth bounds the links followed from a start page; pagination
	// links of a listing do not count, so a category is read to its end.
	MaxDepth int
	// MaxPages bounds the pages fetched in this run (0: no bound).
	MaxPages int
	// Match filters the URLs followed (include/exclude patterns); the
	// start pages and sitemap entries are always taken.
	Match *urlnorm.Matcher
	// Refresh fetches again pages already stored (conditionally: an
	// unchanged page answers 304); without it they are not fetched.
	Refresh bool
}

// crawlIndexBatch is a crawl's default Pipeline.IndexBatch. A crawl
// stores a few pages a second at most (one by default), so the bulk
// ingest's 1000-article batches would keep articles out of search for
// minutes, and analysing 1000 articles at once holds 150 to 350 MB;
// 100 costs nothing at crawl speed and keeps a crawl's peak RSS under
// 300 MB.
const crawlIndexBatch = 100

// crawlState is the writer's view of a running crawl.
type crawlState struct {
	name     string
	frontier corpus.Frontier
	queued   atomic.Int64 // URLs added to the frontier in this run
	waiting  atomic.Int64 // URLs of the frontier not yet fetched and settled
}

// Crawl runs a breadth-first, same-site crawl from the frontier: start
// pages and sitemap entries are queued (once: a resumed crawl finds them
// seen), then queued URLs are fetched shallowest first; each page's links
// are queued before the page is stored, and the page is marked done after,
// so a crawl killed at any moment resumes where it stopped, fetching again
// at most the pages that were in flight. Listing pages are followed but
// not stored.
func (p *Pipeline) Crawl(ctx context.Context, c CrawlOptions) (Summary, error) {
	if p.IndexBatch <= 0 {
		p.IndexBatch = crawlIndexBatch
	}
	if p.Workers <= 0 {
		// A crawl waits on the network, not on the index: one
		// worker per core, indexing or not.
		p.Workers = runtime.GOMAXPROCS(0)
	}
	p.applyDefaults()
	if c.Fetcher == nil || c.Frontier == nil {
		return Summary{}, errors.New("crawl: no fetcher or frontier")
	}
	p.crawl = &crawlState{name: c.Name, frontier: c.Frontier}
	defer func() { p.crawl = nil }()

	var seeds []corpus.FrontierURL
	for _, s := range c.Start {
		u, err := urlnorm.Canonical(s)
		if err != nil {
			return Summary{}, fmt.Errorf("crawl: start %q: %w", s, err)
		}
		seeds = append(seeds, corpus.FrontierURL{URL: u})
	}
	var earlier []corpus.Failure
	for _, sm := range c.Sitemaps {
		urls, fails := readSitemaps(ctx, c.Fetcher, sm)
		seeds = append(seeds, urls...)
		earlier = append(earlier, fails...)
	}
	if _, err := c.Frontier.Enqueue(ctx, c.Name, seeds); err != nil {
		return Summary{}, fmt.Errorf("crawl: %w", err)
	}
	if prog, err := c.Frontier.Progress(ctx, c.Name); err == nil {
		p.crawl.waiting.Store(int64(prog.Queued)) // a resumed crawl's leftovers too
	}
	var dispatched atomic.Int64
	produce := func(ctx context.Context, jobs chan<- job) {
		d := dispatcher{limit: p.Workers * 4, wake: make(chan struct{}, 1), inflight: map[string]bool{}, released: map[string]bool{}}
		for ctx.Err() == nil {
			if c.MaxPages > 0 && int(dispatched.Load()) >= c.MaxPages {
				d.waitIdle(ctx)
				return
			}
			d.forget()
			batch, err := c.Frontier.Queued(ctx, c.Name, d.limit+d.busy())
			if err != nil {
				return
			}
			sent, stale := 0, false
			for _, u := range batch {
				if d.taken(u.URL) {
					continue
				}
				if d.settled(u.URL) {
					stale = true // read before it settled: read again
					continue
				}
				if c.MaxPages > 0 && int(dispatched.Load()) >= c.MaxPages {
					break
				}
				u := u
				d.take(u.URL)
				dispatched.Add(1)
				select {
				case jobs <- job{src: u.URL, frontier: &u, done: func() { d.release(u.URL) }}:
					sent++
				case <-ctx.Done():
					return
				}
			}
			if sent == 0 && !stale {
				if d.busy() == 0 {
					return // nothing queued, nothing in flight: the crawl is complete
				}
				d.wait(ctx)
			}
		}
	}
	work := func(ctx context.Context, j job) (op, bool) { return p.crawlPage(ctx, c, j) }
	return p.execute(ctx, 0, earlier, produce, work)
}

// dispatcher tracks the URLs handed to workers and not yet settled, so
// that the frontier's queued URLs are handed out once. A batch of queued
// URLs is read while some of them are in flight, and handed out while
// those settle: released records the URLs settled since the batch was
// read, which the batch still lists but must skip.
type dispatcher struct {
	limit    int
	mu       sync.Mutex
	inflight map[string]bool
	released map[string]bool
	wake     chan struct{}
}

func (d *dispatcher) taken(u string) bool   { d.mu.Lock(); defer d.mu.Unlock(); return d.inflight[u] }
func (d *dispatcher) settled(u string) bool { d.mu.Lock(); defer d.mu.Unlock(); return d.released[u] }
func (d *dispatcher) take(u string)         { d.mu.Lock(); d.inflight[u] = true; d.mu.Unlock() }
func (d *dispatcher) busy() int             { d.mu.Lock(); defer d.mu.Unlock(); return len(d.inflight) }

// forget is called before a batch is read: what was settled until then
// is no longer queued in it.
func (d *dispatcher) forget() { d.mu.Lock(); clear(d.released); d.mu.Unlock() }

func (d *dispatcher) release(u string) {
	d.mu.Lock()
	delete(d.inflight, u)
	d.released[u] = true
	d.mu.Unlock()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// wait blocks until a page in flight is settled (its links queued).
func (d *dispatcher) wait(ctx context.Context) {
	select {
	case <-d.wake:
	case <-ctx.Done():
	}
}

func (d *dispatcher) waitIdle(ctx context.Context) {
	for d.busy() > 0 && ctx.Err() == nil {
		d.wait(ctx)
	}
}

// crawlPage fetches one frontier URL and turns it into an op: its links
// to queue, its record (if an article), and the URL to settle.
func (p *Pipeline) crawlPage(ctx context.Context, c CrawlOptions, j job) (op, bool) {
	u := *j.frontier
	if ctx.Err() != nil {
		return op{}, false
	}
	settled := func(o op) (op, bool) {
		o.settle = &u
		return o, true
	}
	req := fetch.Request{URL: u.URL}
	if known, found, err := p.Store.Lookup(ctx, u.URL); err == nil && found && known.ArticleID != 0 {
		if !c.Refresh {
			return settled(op{event: Event{Source: u.URL, Outcome: "unchanged"}})
		}
		req.ETag, req.LastModified = known.ETag, known.LastModified
	}
	res, err := c.Fetcher.Get(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return op{}, false // interrupted: stays queued, fetched on resume
		}
		if errors.Is(err, fetch.ErrDisallowed) {
			u.State, u.Reason = "skipped", "disallowed by robots.txt"
			return settled(op{event: Event{Source: u.URL, Outcome: "skipped"}})
		}
		return settled(op{event: Event{Source: u.URL, Outcome: "failed", Stage: "fetch", Err: err}})
	}
	if res.NotModified {
		return settled(op{event: Event{Source: u.URL, Outcome: "unchanged"}})
	}
	doc := res.Doc
	if cu, err := urlnorm.Canonical(doc.URL); err == nil {
		doc.URL = cu
	}
	var links []corpus.FrontierURL
	if looksLikeHTMLPage(doc) {
		if l, err := urlnorm.ExtractHTML(doc.URL, doc.Raw); err == nil {
			links = nextURLs(c, u, l)
			// rel=canonical on the same site names the article once,
			// whatever URL led to it.
			if l.Canonical != "" && sameSite(l.Canonical, doc.URL) {
				doc.URL = l.Canonical
			}
		}
	}
	if h, err := url.Parse(doc.URL); err == nil {
		doc.Site = h.Hostname()
	}
	o, ok := p.extractOp(ctx, u.URL, doc)
	if !ok {
		return op{}, false
	}
	o.enqueue = links
	return settled(o)
}

// nextURLs are the links of a page the crawl follows: same-site links one
// level deeper (within MaxDepth and the patterns), and pagination at the
// page's own depth.
func nextURLs(c CrawlOptions, from corpus.FrontierURL, l urlnorm.Links) []corpus.FrontierURL {
	var out []corpus.FrontierURL
	pag := map[string]bool{}
	for _, p := range l.Pagination {
		pag[p] = true
		if c.Match == nil || c.Match.Match(p) {
			out = append(out, corpus.FrontierURL{URL: p, Depth: from.Depth})
		}
	}
	if c.MaxDepth > 0 && from.Depth >= c.MaxDepth {
		return out
	}
	for _, link := range l.Links {
		if pag[link] || (c.Match != nil && !c.Match.Match(link)) {
			continue
		}
		out = append(out, corpus.FrontierURL{URL: link, Depth: from.Depth + 1})
	}
	return out
}

func sameSite(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	return err1 == nil && err2 == nil && urlnorm.SameSite(ua, ub)
}

// looksLikeHTMLPage tells an HTML page (whose links are followed) from a
// text file.
func looksLikeHTMLPage(d corpus.Document) bool {
	ct := strings.ToLower(d.ContentType)
	if strings.Contains(ct, "html") {
		return true
	}
	head := d.Raw
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(bytes.ToLower(head), []byte("<html")) || bytes.Contains(bytes.ToLower(head), []byte("<a "))
}

// readSitemaps fetches a sitemap (following a sitemap index to its
// children, at most 1,000 files) and returns its pages as depth-0 URLs.
func readSitemaps(ctx context.Context, f *fetch.Fetcher, start string) ([]corpus.FrontierURL, []corpus.Failure) {
	var out []corpus.FrontierURL
	var fails []corpus.Failure
	queue, seen := []string{start}, map[string]bool{start: true}
	for len(queue) > 0 && len(seen) <= 1000 && ctx.Err() == nil {
		sm := queue[0]
		queue = queue[1:]
		res, err := f.Get(ctx, fetch.Request{URL: sm, Accept: fetch.AcceptXML | fetch.AcceptText})
		if err != nil {
			fails = append(fails, corpus.Failure{Source: sm, Stage: "sitemap", Reason: err.Error()})
			continue
		}
		parsed, err := sitemap.Parse(res.Doc.Raw, sitemap.Options{})
		if err != nil && parsed == nil {
			fails = append(fails, corpus.Failure{Source: sm, Stage: "sitemap", Reason: err.Error()})
			continue
		}
		for _, e := range parsed.URLs {
			if u, err := urlnorm.Canonical(e.Loc); err == nil {
				out = append(out, corpus.FrontierURL{URL: u})
			}
		}
		for _, e := range parsed.Sitemaps {
			if !seen[e.Loc] {
				seen[e.Loc] = true
				queue = append(queue, e.Loc)
			}
		}
	}
	return out, fails
}
