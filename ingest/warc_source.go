package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/tinso/tinso/ingest/urlnorm"
	"github.com/tinso/tinso/ingest/warc"
)

// IsWARC reports whether a source names a WARC archive (.warc,
// .warc.gz), whose HTTP responses are ingested one by one.
func IsWARC(src string) bool {
	l := strings.ToLower(src)
	return !IsURL(src) && (strings.HasSuffix(l, ".warc") || strings.HasSuffix(l, ".warc.gz"))
}

// warcJobs sends one job per HTTP response in the archive at path, with
// the target URI (canonical) and capture date as provenance. A record
// that cannot become a document is a failure; a broken tail ends the
// archive with a failure that says where. It returns false if ctx ended.
func (p *Pipeline) warcJobs(ctx context.Context, path string, jobs chan<- job) bool {
	send := func(j job) bool {
		select {
		case jobs <- j:
			return true
		case <-ctx.Done():
			return false
		}
	}
	failJob := func(src string, err error) job {
		return job{src: src, fail: &Event{Source: src, Outcome: "failed", Stage: "warc", Err: err}}
	}
	r, err := warc.OpenFile(path, warc.Options{Name: path, MaxBody: p.MaxSize})
	if err != nil {
		return send(failJob(path, err))
	}
	defer r.Close()
	for {
		doc, err := r.NextDocument()
		var rerr *warc.RecordError
		switch {
		case errors.Is(err, io.EOF):
			return true
		case errors.As(err, &rerr):
			if !send(failJob(path, err)) {
				return false
			}
			continue
		case err != nil:
			return send(failJob(path, fmt.Errorf("archive read up to a broken tail: %w", err)))
		}
		if c, err := urlnorm.Canonical(doc.URL); err == nil {
			doc.URL = c
			if u, err := url.Parse(c); err == nil {
				doc.Site = u.Hostname()
			}
		}
		d := doc
		if !send(job{src: doc.Source, doc: &d}) {
			return false
		}
	}
}
