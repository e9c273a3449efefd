package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/tinso/tinso/corpus"
)

// Indexer receives the articles a run stored, after they committed, so
// that the search index follows the corpus in the same run. The index
// package implements it; ingest does not import it.
type Indexer interface {
	Index(ctx context.Context, entries []IndexEntry) error
}

// IndexEntry is one stored article for the index.
type IndexEntry struct {
	ArticleID int64
	Article   corpus.Article
	// Prepared is what the Indexer's Prepare made of Article, if it
	// has one.
	Prepared any
}

// Preparer is an Indexer that can do part of its work on an article
// ahead, on the worker that extracted it (for a search index: the text
// analysis), so that it runs beside the index writing instead of in it.
// An error here is the index's: the article is stored all the same and
// indexed without preparation.
type Preparer interface {
	Prepare(corpus.Article) (any, error)
}

// Event reports what happened to one document. Events arrive one at a
// time, from one goroutine, in completion order.
type Event struct {
	Source  string
	Outcome string // new, updated, unchanged, skipped, failed
	Stage   string // for a failure: read, fetch, extract, store, index
	Err     error
	// Queued is, in a crawl, how many URLs of its frontier are still
	// waiting to be fetched once this page is settled; 0 otherwise.
	Queued int64
}

// Summary is the result of a run.
type Summary struct {
	RunID    int64
	Total    int
	Counts   corpus.RunCounts
	Failures []corpus.Failure
	Elapsed  time.Duration
	// IndexErr is set when stored articles could not be indexed: the
	// corpus has them, the index lags, and the next ingest or reindex
	// repairs it.
	IndexErr error
}

// Pipeline drives documents through read or fetch → extract → store (→
// index) with bounded concurrency. Each document is stored in one
// transaction, all or nothing; one bad document is recorded as a failure
// and never stops the run.
type Pipeline struct {
	Store   corpus.Store
	Extract func(corpus.Document) (corpus.Article, error)
	// Version is the extractor version stored with each article; input
	// already stored with the same bytes and version is not extracted
	// again.
	Version string
	// Workers read and extract in parallel. Zero means one per core
	// (extraction is CPU-bound and the writer is light), less one when
	// Index is set (a crawl keeps one per core: it waits on the
	// network): the index is then the slowest stage and its segment
	// building runs on one goroutine, which a worker per core slowed
	// down (on 2 cores the baomoi sample's ingest ran at 0.81 of bare
	// bleve's rate with 2 workers, 0.87 with 1).
	Workers int
	// MaxSize bounds one document. Zero means 16 MiB: union articles are
	// tens of kilobytes and the heaviest real pages a few megabytes;
	// anything larger is a dump or an error, not an article, and costs
	// seconds of cleaning.
	MaxSize int64
	// BatchSize is how many documents share one transaction, and sizes
	// the queue from the workers to the writer. Zero means 256: with 64
	// the workers waited on the writer's commits, and storing took the
	// sample's ingest to 0.66–0.71 of the docs/s of extraction alone,
	// against 0.73–0.77 with 256 (BenchmarkIngest, 2 cores). A kill
	// loses at most a batch of extraction (a tenth of a second); an
	// interrupt loses nothing.
	BatchSize int
	Stdin     io.Reader
	// Fetch gets a URL. Nil means a plain GET (Fetch) with a 30 s timeout.
	Fetch func(ctx context.Context, url string) (corpus.Document, error)
	// Index, if set, receives what the run stored, IndexBatch articles
	// at a time.
	Index Indexer
	// IndexBatch is how many stored articles go to the index at once.
	// Zero means DefaultIndexBatch (100 for a crawl: see crawlIndexBatch): a search
	// index builds a segment per batch, and small batches cost merges
	// (64-document batches indexed the union sample five times slower),
	// while a large one is analysed all in memory (1000 took the sample's
	// ingest to 527 MB resident and 24.5 s, 500 to 439 MB and 17.8 s).
	// Articles stored but not yet indexed when a run is killed are found
	// and indexed by the next run.
	IndexBatch int
	// OnEvent, if set, is told about each document as it finishes.
	OnEvent func(Event)
	// Command and Args are recorded in the runs table.
	Command string
	Args    []string

	// crawl is the frontier a crawl run queues links in and settles
	// pages of (crawl.go); nil otherwise.
	crawl *crawlState
}

// DefaultIndexBatch is how many stored articles an ingest gives the index
// at once, unless Pipeline.IndexBatch says otherwise.
const DefaultIndexBatch = 500

func (p *Pipeline) applyDefaults() {
	if p.Workers <= 0 {
		p.Workers = runtime.GOMAXPROCS(0)
		if p.Index != nil {
			p.Workers = max(1, p.Workers-1)
		}
	}
	if p.MaxSize <= 0 {
		p.MaxSize = 16 << 20
	}
	if p.BatchSize <= 0 {
		p.BatchSize = 256
	}
	if p.IndexBatch <= 0 {
		p.IndexBatch = DefaultIndexBatch
	}
	if p.Fetch == nil {
		p.Fetch = func(ctx context.Context, u string) (corpus.Document, error) {
			return Fetch(ctx, u, FetchOptions{})
		}
	}
}

// job is one unit of work for a worker: a source to read or fetch, a
// document already in hand (a WARC record), a failure found while
// producing jobs, or a crawl's frontier URL.
type job struct {
	src      string
	doc      *corpus.Document
	fail     *Event
	frontier *corpus.FrontierURL
	done     func()               // called once the job's op is written (crawl bookkeeping)
	stored   *corpus.Reextraction // a stored document to extract again
}

// op is what a worker hands the writer: a record to store, or an outcome
// already decided (unchanged, skipped, failed); for a crawl, the links
// found (queued before the record is stored) and the frontier URL to
// settle (after it is stored, so that a kill in between only fetches it
// again).
type op struct {
	rec     *corpus.Record
	event   Event
	enqueue []corpus.FrontierURL
	settle  *corpus.FrontierURL
	done    func()
	forget  int64 // a stored document that is no longer an article
	// prepared is p.Index's Prepare of rec's article (Preparer).
	prepared any
}

// Run ingests sources: files, "-", URLs, and WARC archives (.warc,
// .warc.gz: every HTTP response in them). earlier are failures found
// before the run (while expanding arguments); they are recorded and
// counted with the rest. The error is nil unless the store itself failed
// or ctx was cancelled: then the documents in flight are finished or
// rolled back, the run is marked interrupted, and ctx's error is
// returned.
func (p *Pipeline) Run(ctx context.Context, sources []string, earlier []corpus.Failure) (Summary, error) {
	produce := func(ctx context.Context, jobs chan<- job) {
		for _, s := range sources {
			if IsWARC(s) {
				if !p.warcJobs(ctx, s, jobs) {
					return
				}
				continue
			}
			select {
			case jobs <- job{src: s}:
			case <-ctx.Done():
				return
			}
		}
	}
	return p.execute(ctx, len(sources)+len(earlier), earlier, produce, p.prepare)
}

// execute runs produce's jobs through work on p.Workers goroutines and
// one writer.
func (p *Pipeline) execute(ctx context.Context, total int, earlier []corpus.Failure,
	produce func(context.Context, chan<- job), work func(context.Context, job) (op, bool)) (Summary, error) {
	p.applyDefaults()
	start := time.Now()
	// The writer finishes the documents in flight even after an
	// interrupt: it must not see the cancellation.
	wctx := context.WithoutCancel(ctx)
	runID, err := p.Store.BeginRun(wctx, p.Command, p.Args)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{RunID: runID, Total: total}

	jobs := make(chan job)
	// Room for a batch beside the one being written, so that the
	// workers go on extracting while the writer commits.
	ops := make(chan op, p.Workers*2+p.BatchSize)
	go func() {
		defer close(jobs)
		produce(ctx, jobs)
	}()
	var wg sync.WaitGroup
	for range p.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				o, ok := work(ctx, j)
				if !ok {
					if j.done != nil {
						j.done()
					}
					continue
				}
				o.done = j.done
				ops <- o
			}
		}()
	}
	go func() { wg.Wait(); close(ops) }()

	w := writer{p: p, ctx: wctx, runID: runID, sum: &sum, runCtx: ctx}
	if p.Index != nil {
		w.index = startIndexRunner(ctx, p.Index)
	}
	for _, f := range earlier {
		w.fail(f.Source, f.Stage, errors.New(f.Reason))
	}
	fatal := w.loop(ops)
	if ctx.Err() == nil {
		w.flushIndex()
	}
	w.finishIndex()
	// Interrupted: stop now; the articles are stored and the next
	// ingest (or reindex --repair) indexes what this run did not.
	// Drain what the workers still send if the writer stopped early.
	for o := range ops {
		if o.done != nil {
			o.done()
		}
	}
	sum.Elapsed = time.Since(start)
	status := "done"
	switch {
	case fatal != nil:
		status = "failed"
	case ctx.Err() != nil:
		status = "interrupted"
	}
	if err := p.Store.EndRun(wctx, runID, sum.Counts, status); err != nil && fatal == nil {
		fatal = err
	}
	if fatal != nil {
		return sum, fatal
	}
	return sum, ctx.Err()
}

// prepare reads and extracts one source. ok is false when the run was
// interrupted while reading: the document is neither stored nor counted
// as failed, and the next run takes it.
func (p *Pipeline) prepare(ctx context.Context, j job) (o op, ok bool) {
	if ctx.Err() != nil {
		return op{}, false
	}
	src := j.src
	if j.fail != nil {
		return op{event: *j.fail}, true
	}
	failed := func(stage string, err error) (op, bool) {
		return op{event: Event{Source: src, Outcome: "failed", Stage: stage, Err: err}}, true
	}
	var doc corpus.Document
	var err error
	switch {
	case j.doc != nil:
		doc = *j.doc
	case IsURL(src):
		doc, err = p.Fetch(ctx, src)
		if err != nil {
			if ctx.Err() != nil {
				return op{}, false
			}
			return failed("fetch", err)
		}
	default:
		doc, err = ReadFileMax(src, p.Stdin, p.MaxSize)
		if err != nil {
			return failed("read", err)
		}
	}
	return p.extractOp(ctx, src, doc)
}

// extractOp turns a document in hand into an op: unchanged if the store
// has the same bytes from the same extractor version, skipped if it is
// not an article, a record otherwise.
func (p *Pipeline) extractOp(ctx context.Context, src string, doc corpus.Document) (op, bool) {
	failed := func(stage string, err error) (op, bool) {
		return op{event: Event{Source: src, Outcome: "failed", Stage: stage, Err: err}}, true
	}
	if int64(len(doc.Raw)) > p.MaxSize {
		return failed("read", tooLarge(p.MaxSize))
	}
	hash := corpus.ContentHash(doc.Raw)
	known, found, err := p.Store.Lookup(ctx, corpus.DocumentKey(doc, hash))
	if err != nil {
		if ctx.Err() != nil {
			return op{}, false
		}
		return failed("store", err)
	}
	if found && known.Hash == hash && known.ExtractorVersion == p.Version && known.ArticleID != 0 {
		return op{event: Event{Source: src, Outcome: "unchanged"}}, true
	}
	art, err := p.safeExtract(doc)
	if err != nil {
		return failed("extract", err)
	}
	if !art.IsArticle {
		return op{event: Event{Source: src, Outcome: "skipped"}}, true
	}
	o := op{rec: &corpus.Record{Doc: doc, Hash: hash, Article: art, ExtractorVersion: p.Version}}
	if pr, ok := p.Index.(Preparer); ok && roomToPrepare() {
		o.prepared, _ = pr.Prepare(art)
	}
	return o, true
}

// safeExtract turns a panic in extraction into this document's failure:
// one page that trips a bug must not stop a batch of thousands.
func (p *Pipeline) safeExtract(doc corpus.Document) (a corpus.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error (please report it with this document): %v", r)
		}
	}()
	return p.Extract(doc)
}

// writer is the run's one goroutine that writes: records in batches,
// failures, events and index updates.
type writer struct {
	p       *Pipeline
	ctx     context.Context
	runID   int64
	sum     *Summary
	pending []IndexEntry    // stored, not yet sent to the index
	index   *indexRunner    // nil without p.Index
	runCtx  context.Context // the run's own context, cancelled by Ctrl-C
}

// batchWait is how long the writer waits for a batch to fill before it
// writes what it has.
const batchWait = 20 * time.Millisecond

// loop consumes ops until the channel closes. It returns only a fatal
// store error (the database cannot be written at all).
func (w *writer) loop(ops <-chan op) error {
	batch := make([]op, 0, w.p.BatchSize)
	timer := time.NewTimer(0)
	defer timer.Stop()
	for o := range ops {
		batch = append(batch[:0], o)
		// Wait a little for the batch to fill: a commit of 3 documents
		// rewrites the same table tails and index pages as one of 256.
		timer.Reset(batchWait)
	fill:
		for len(batch) < w.p.BatchSize {
			select {
			case o, more := <-ops:
				if !more {
					break fill
				}
				batch = append(batch, o)
			case <-timer.C:
				break fill
			}
		}
		timer.Stop() // since Go 1.23 a stopped timer delivers nothing stale
		if err := w.flush(batch); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) flush(batch []op) error {
	var recs []corpus.Record
	var srcs []string
	var prepared []any
	// Links first: a kill after this leaves the page queued, to be
	// fetched again, never its links lost.
	if err := w.enqueue(batch); err != nil {
		return err
	}
	defer w.settle(batch)
	if w.p.crawl != nil {
		for _, o := range batch {
			if o.settle != nil {
				w.p.crawl.waiting.Add(-1) // settled below, after its event
			}
		}
	}
	for _, o := range batch {
		if o.rec != nil {
			recs = append(recs, *o.rec)
			srcs = append(srcs, o.rec.Doc.Source)
			prepared = append(prepared, o.prepared)
			continue
		}
		if o.forget != 0 {
			if err := w.p.Store.Forget(w.ctx, o.forget); err != nil {
				w.fail(o.event.Source, "store", err)
				continue
			}
		}
		switch o.event.Outcome {
		case "failed":
			w.fail(o.event.Source, o.event.Stage, o.event.Err)
			continue
		case "unchanged":
			w.sum.Counts.Unchanged++
		case "skipped":
			w.sum.Counts.Skipped++
		}
		w.emit(o.event)
	}
	if len(recs) == 0 {
		return nil
	}
	results, err := w.p.Store.Put(w.ctx, w.runID, recs)
	if err != nil {
		return err
	}
	for i, r := range results {
		if r.Err != nil {
			w.fail(srcs[i], "store", r.Err)
			continue
		}
		switch r.Outcome {
		case corpus.New:
			w.sum.Counts.New++
		case corpus.Updated:
			w.sum.Counts.Updated++
		case corpus.Unchanged:
			w.sum.Counts.Unchanged++
		}
		if r.Outcome != corpus.Unchanged && w.index != nil {
			w.pending = append(w.pending, IndexEntry{ArticleID: r.ArticleID, Article: recs[i].Article, Prepared: prepared[i]})
		}
		w.emit(Event{Source: srcs[i], Outcome: r.Outcome.String()})
	}
	if len(w.pending) >= w.p.IndexBatch && w.runCtx.Err() == nil {
		w.flushIndex()
	}
	return nil
}

// flushIndex hands the stored articles to the index runner, waiting while
// it writes the previous batch: the index, the slowest stage, then sets
// the pace, and at most one batch (prepared, see Preparer) is held
// beside the one bleve is writing.
func (w *writer) flushIndex() {
	if len(w.pending) == 0 || w.index == nil {
		return
	}
	w.index.batches <- w.pending
	w.pending = make([]IndexEntry, 0, w.p.IndexBatch)
}

// finishIndex waits for the index runner to write what it was given and
// records its failures. On failure the articles stay stored; the index
// lags behind the corpus and the next ingest or reindex repairs it.
func (w *writer) finishIndex() {
	if w.index == nil {
		return
	}
	close(w.index.batches)
	<-w.index.done
	for _, f := range w.index.failures {
		if w.sum.IndexErr == nil {
			w.sum.IndexErr = f.err
		}
		w.p.Store.Fail(w.ctx, corpus.Failure{RunID: w.runID, Source: f.source, Stage: "index", Reason: f.err.Error(), At: time.Now()})
	}
}

// indexRunner writes the run's stored articles to the index on its own
// goroutine, one batch at a time, while the writer goes on storing the
// next ones: indexing and extraction share the cores instead of taking
// turns (with the index written in the writer's turn, the workers stood
// idle once the queue to the writer filled). The channel is unbuffered:
// the next batch fills while one is written (its articles analysed by
// the workers, when the Indexer is a Preparer); a buffered batch more
// took an 8,865-article ingest without a memory limit from 0.5 to 1.1 GB
// resident.
type indexRunner struct {
	batches  chan []IndexEntry // unbuffered: no batch waits beside the one written and the one filling
	done     chan struct{}     // closed when batches is drained
	failures []indexFailure    // read after done
}

type indexFailure struct {
	source string
	err    error
}

func startIndexRunner(ctx context.Context, ix Indexer) *indexRunner {
	r := &indexRunner{batches: make(chan []IndexEntry), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		for batch := range r.batches {
			// A write cut short by Ctrl-C (a batch is all or nothing)
			// is no failure: the next run indexes what it missed.
			if ctx.Err() != nil {
				continue
			}
			if err := ix.Index(ctx, batch); err != nil && ctx.Err() == nil {
				src := batch[0].Article.Source
				r.failures = append(r.failures, indexFailure{src, fmt.Errorf("index %d articles from %s on: %w", len(batch), src, err)})
			}
		}
	}()
	return r
}

// enqueue stores the links a crawl's pages led to.
func (w *writer) enqueue(batch []op) error {
	if w.p.crawl == nil {
		return nil
	}
	var urls []corpus.FrontierURL
	for _, o := range batch {
		urls = append(urls, o.enqueue...)
	}
	if len(urls) == 0 {
		return nil
	}
	n, err := w.p.crawl.frontier.Enqueue(w.ctx, w.p.crawl.name, urls)
	if err != nil {
		return err
	}
	w.p.crawl.queued.Add(int64(n))
	w.p.crawl.waiting.Add(int64(n))
	return nil
}

// settle records what became of each crawled page, once its record is
// stored, and tells the dispatcher the page is finished.
func (w *writer) settle(batch []op) {
	for _, o := range batch {
		if o.settle != nil && w.p.crawl != nil {
			u := *o.settle
			switch {
			case o.event.Outcome == "failed":
				u.State, u.Reason = "failed", o.event.Stage+": "+errString(o.event.Err)
			case u.State == "" || u.State == "queued":
				u.State = "done"
			}
			if err := w.p.crawl.frontier.Settle(w.ctx, w.p.crawl.name, u); err != nil {
				// The page stays queued and is fetched again on resume.
				w.emit(Event{Source: u.URL, Outcome: "failed", Stage: "store", Err: err})
			}
		}
		if o.done != nil {
			o.done()
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func (w *writer) fail(src, stage string, err error) {
	w.sum.Counts.Failed++
	f := corpus.Failure{RunID: w.runID, Source: src, Stage: stage, Reason: err.Error(), At: time.Now()}
	w.sum.Failures = append(w.sum.Failures, f)
	if rerr := w.p.Store.Fail(w.ctx, f); rerr != nil {
		// The failure is still in the summary and on stderr.
		f.Reason += " (not recorded: " + rerr.Error() + ")"
		w.sum.Failures[len(w.sum.Failures)-1] = f
	}
	w.emit(Event{Source: src, Outcome: "failed", Stage: stage, Err: err})
}

func (w *writer) emit(e Event) {
	if w.p.crawl != nil {
		e.Queued = w.p.crawl.waiting.Load()
	}
	if w.p.OnEvent != nil {
		w.p.OnEvent(e)
	}
}
