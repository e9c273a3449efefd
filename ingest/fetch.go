package ingest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/tinso/tinso/corpus"
)

// FetchOptions tune Fetch.
type FetchOptions struct {
	// Timeout bounds the whole request, body included. Zero means 30 s:
	// long enough for a slow provincial site, short enough that a batch
	// does not hang on a dead one.
	Timeout time.Duration
	// UserAgent names tinso to the sites it reads.
	UserAgent string
}

func (o *FetchOptions) applyDefaults() {
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	if o.UserAgent == "" {
		o.UserAgent = "tinso/0.1 (+https://github.com/tinso/tinso)"
	}
}

// Fetch gets one URL with a plain GET (redirects followed, no crawling)
// and returns it as a Document. A status other than 2xx is an error; the
// body is bounded by MaxDocumentSize.
func Fetch(ctx context.Context, rawURL string, opts FetchOptions) (corpus.Document, error) {
	opts.applyDefaults()
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return corpus.Document{}, fmt.Errorf("not an http(s) URL")
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return corpus.Document{}, err
	}
	req.Header.Set("User-Agent", opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return corpus.Document{}, fmt.Errorf("fetch: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return corpus.Document{}, fmt.Errorf("fetch: HTTP %s", resp.Status)
	}
	raw, err := readLimited(resp.Body, MaxDocumentSize)
	if err != nil {
		return corpus.Document{}, err
	}
	raw, err = gunzipIfCompressed(raw, MaxDocumentSize)
	if err != nil {
		return corpus.Document{}, err
	}
	final := resp.Request.URL
	return corpus.Document{
		Source: rawURL, URL: final.String(), Site: final.Hostname(),
		FetchedAt: time.Now(), Status: resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"), Raw: raw,
	}, nil
}
