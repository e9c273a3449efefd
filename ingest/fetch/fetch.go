package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/ingest/internal/body"
)

// Accept says which content types a request keeps.
type Accept uint8

// The kinds of content a request may keep. The zero Accept means
// AcceptHTML|AcceptText, what articles come as.
const (
	AcceptHTML Accept = 1 << iota // text/html, application/xhtml+xml
	AcceptText                    // text/plain
	// AcceptXML keeps XML (application/xml, text/xml, +xml) and gzip
	// files (application/gzip, application/x-gzip, and the
	// application/octet-stream servers often give .xml.gz): sitemaps.
	AcceptXML
)

// Request is one URL to get.
type Request struct {
	URL string
	// ETag and LastModified come from the stored copy of the page, if
	// any: they are sent as If-None-Match and If-Modified-Since, and an
	// unchanged page comes back as Result.NotModified without a body.
	ETag         string
	LastModified string
	Accept       Accept

	robots bool // a robots.txt request: any type, bounded to maxRobotsSize
}

// Result is a fetched page.
type Result struct {
	// Doc is the page: Source is the URL asked for, URL the final one
	// after redirects (as the server spelled it: canonicalising is the
	// crawler's business), Site its host name. For a 304, Doc has Status
	// 304, no Raw, and the validators of the stored copy unless the
	// server sent new ones.
	Doc corpus.Document
	// NotModified is set for a 304 answer to a conditional request: the
	// stored copy is current. It is a result, not an error.
	NotModified bool
	// Attempts counts the requests sent, retries and redirect hops
	// included (robots.txt requests not).
	Attempts int
	// Redirects lists the URLs passed through before Doc.URL.
	Redirects []string
}

// Fetcher gets pages politely (see the package documentation). It is safe
// for concurrent use; one Fetcher should serve a whole crawl, since the
// per-host spacing and the robots.txt cache live in it.
type Fetcher struct {
	opts   Options
	client *http.Client
	global chan struct{} // MaxInFlight

	mu     sync.Mutex
	hosts  map[string]*host
	robots map[string]*robotsEntry
}

type robotsEntry struct {
	done    chan struct{} // closed once robots is set (or the load was cancelled)
	robots  *Robots
	expires time.Time
}

// New returns a Fetcher; see Options for the defaults.
func New(opts Options) *Fetcher {
	opts.applyDefaults()
	rt := opts.Transport
	if rt == nil {
		dialer := &net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second}
		rt = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           stampingDial(dialer.DialContext),
			TLSHandshakeTimeout:   opts.ConnectTimeout,
			ResponseHeaderTimeout: opts.HeaderTimeout,
			ExpectContinueTimeout: time.Second,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   opts.HostConcurrency,
			IdleConnTimeout:       90 * time.Second,
			// Encodings are asked for and undone here, behind a
			// decompressed-size limit.
			DisableCompression: true,
			ForceAttemptHTTP2:  true,
		}
	}
	return &Fetcher{
		opts: opts,
		client: &http.Client{
			Transport: rt,
			// Redirects are followed by Get, hop by hop, so that each
			// hop is checked against robots.txt and spaced.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		global: make(chan struct{}, opts.MaxInFlight),
		hosts:  map[string]*host{},
		robots: map[string]*robotsEntry{},
	}
}

// Close closes idle connections.
func (f *Fetcher) Close() {
	f.client.CloseIdleConnections()
}

func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, err
	}
	if s := strings.ToLower(u.Scheme); (s != "http" && s != "https") || u.Host == "" || u.Opaque != "" {
		return nil, errors.New("not an http(s) URL")
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// Get fetches one URL: robots.txt consulted, redirects followed, failures
// retried as the Options say. It returns the page, a NotModified result,
// or an *Error.
func (f *Fetcher) Get(ctx context.Context, req Request) (Result, error) {
	u, err := parseURL(req.URL)
	if err != nil {
		return Result{}, &Error{URL: req.URL, Stage: StageRequest, Reason: err.Error(), Err: err}
	}
	var res Result
	seen := map[string]bool{}
	for hops := 0; ; hops++ {
		seen[u.String()] = true
		if e := f.checkRobots(ctx, u); e != nil {
			e.Attempts = res.Attempts
			return res, e
		}
		out, n, e := f.withRetries(ctx, u, req)
		res.Attempts += n
		if e != nil {
			return res, e
		}
		if out.location != "" {
			next, err := u.Parse(out.location)
			if err == nil {
				next, err = parseURL(next.String())
			}
			if err != nil {
				return res, &Error{URL: u.String(), Stage: StageRedirect, Status: out.status, Attempts: res.Attempts,
					Reason: fmt.Sprintf("HTTP %d to a bad Location %q", out.status, out.location), Err: err}
			}
			if seen[next.String()] {
				chain := append(append(res.Redirects, u.String()), next.String())
				return res, &Error{URL: u.String(), Stage: StageRedirect, Status: out.status, Attempts: res.Attempts,
					Reason: "redirect loop: " + strings.Join(chain, " -> "), Err: ErrRedirectLoop}
			}
			if hops >= f.opts.MaxRedirects {
				return res, &Error{URL: u.String(), Stage: StageRedirect, Status: out.status, Attempts: res.Attempts,
					Reason: fmt.Sprintf("more than %d redirects", f.opts.MaxRedirects), Err: ErrTooManyRedirects}
			}
			res.Redirects = append(res.Redirects, u.String())
			u = next
			continue
		}
		res.Doc = corpus.Document{
			Source:       req.URL,
			URL:          u.String(),
			Site:         strings.ToLower(u.Hostname()),
			FetchedAt:    out.at,
			Status:       out.status,
			ContentType:  out.header.Get("Content-Type"),
			ETag:         out.header.Get("ETag"),
			LastModified: out.header.Get("Last-Modified"),
			Raw:          out.raw,
		}
		if out.status == http.StatusNotModified {
			res.NotModified = true
			if res.Doc.ETag == "" {
				res.Doc.ETag = req.ETag
			}
			if res.Doc.LastModified == "" {
				res.Doc.LastModified = req.LastModified
			}
		}
		return res, nil
	}
}

// Robots returns the robots.txt policy for a URL's origin, fetching it
// if it is not cached. An error means the context ended.
func (f *Fetcher) Robots(ctx context.Context, rawURL string) (*Robots, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, &Error{URL: rawURL, Stage: StageRequest, Reason: err.Error(), Err: err}
	}
	return f.robotsFor(ctx, u)
}

// Allowed reports whether robots.txt lets tinso fetch a URL. A robots.txt
// that cannot be read disallows for now (see Robots).
func (f *Fetcher) Allowed(ctx context.Context, rawURL string) (bool, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return false, &Error{URL: rawURL, Stage: StageRequest, Reason: err.Error(), Err: err}
	}
	if e := f.checkRobots(ctx, u); e != nil {
		if errors.Is(e, ErrDisallowed) || errors.Is(e, ErrRobotsUnavailable) {
			return false, nil
		}
		return false, e
	}
	return true, nil
}

func (f *Fetcher) checkRobots(ctx context.Context, u *url.URL) *Error {
	rb, err := f.robotsFor(ctx, u)
	if err != nil {
		return &Error{URL: u.String(), Stage: StageRobots, Reason: "cancelled", Err: err}
	}
	if rb.Unavailable() != "" {
		return &Error{URL: u.String(), Stage: StageRobots, Retryable: true, Err: ErrRobotsUnavailable,
			Reason: rb.Unavailable() + "; nothing on the site is fetched until it can be read"}
	}
	if !rb.Allowed(u.RequestURI()) {
		return &Error{URL: u.String(), Stage: StageRobots, Reason: "disallowed by robots.txt", Err: ErrDisallowed}
	}
	return nil
}

func (f *Fetcher) robotsFor(ctx context.Context, u *url.URL) (*Robots, error) {
	origin := strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
	for {
		f.mu.Lock()
		e := f.robots[origin]
		if e != nil {
			select {
			case <-e.done:
				if e.robots != nil && time.Now().After(e.expires) {
					delete(f.robots, origin)
					e = nil
				}
			default:
			}
		}
		if e == nil {
			e = &robotsEntry{done: make(chan struct{})}
			f.robots[origin] = e
			f.mu.Unlock()
			rb := f.fetchRobots(ctx, u)
			f.mu.Lock()
			if rb == nil { // cancelled: the next caller tries again
				if f.robots[origin] == e {
					delete(f.robots, origin)
				}
				f.mu.Unlock()
				close(e.done)
				return nil, ctx.Err()
			}
			ttl := f.opts.RobotsTTL
			if rb.Unavailable() != "" {
				ttl = f.opts.RobotsErrorTTL
			}
			e.robots, e.expires = rb, time.Now().Add(ttl)
			f.mu.Unlock()
			if rb.CrawlDelay() > 0 {
				f.host(u).slowDown(rb.CrawlDelay())
			}
			close(e.done)
			return rb, nil
		}
		f.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.robots != nil {
			return e.robots, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// The loader was cancelled; load it ourselves.
	}
}

// maxRobotsRedirects is RFC 9309's: follow at least five.
const maxRobotsRedirects = 5

// fetchRobots gets and parses an origin's robots.txt; nil means the
// context ended.
func (f *Fetcher) fetchRobots(ctx context.Context, origin *url.URL) *Robots {
	ru := &url.URL{Scheme: origin.Scheme, Host: origin.Host, Path: "/robots.txt"}
	for hops := 0; hops <= maxRobotsRedirects; hops++ {
		out, _, e := f.withRetries(ctx, ru, Request{robots: true})
		if e != nil {
			if ctx.Err() != nil {
				return nil
			}
			if e.Stage == StageStatus && e.Status != 0 {
				return ParseRobots(e.Status, nil, f.opts.RobotsAgent, f.opts.MaxCrawlDelay)
			}
			return unavailableRobots(0, "robots.txt unreachable: "+e.Reason)
		}
		if out.location == "" {
			return ParseRobots(out.status, out.raw, f.opts.RobotsAgent, f.opts.MaxCrawlDelay)
		}
		next, err := ru.Parse(out.location)
		if err == nil {
			next, err = parseURL(next.String())
		}
		if err != nil {
			break
		}
		ru = next
	}
	// Too many redirects, or a bad one: as if there were no robots.txt.
	return ParseRobots(http.StatusNotFound, nil, f.opts.RobotsAgent, f.opts.MaxCrawlDelay)
}

// outcome is one answered request.
type outcome struct {
	status   int
	header   http.Header
	raw      []byte
	location string // set for a redirect
	at       time.Time
}

// withRetries sends a request until it succeeds, fails for good, or runs
// out of attempts. A retryable failure pauses the whole host for the
// backoff (or the server's Retry-After), then the next attempt queues like
// any request.
func (f *Fetcher) withRetries(ctx context.Context, u *url.URL, req Request) (outcome, int, *Error) {
	h := f.host(u)
	for attempt := 1; ; attempt++ {
		out, e := f.attempt(ctx, h, u, req)
		if e == nil {
			return out, attempt, nil
		}
		e.Attempts = attempt
		if !e.Retryable || attempt >= f.opts.MaxAttempts || ctx.Err() != nil {
			return out, attempt, e
		}
		wait := f.backoff(attempt)
		if e.RetryAfter > f.opts.MaxRetryAfter {
			h.pause(f.opts.MaxRetryAfter)
			e.Reason += fmt.Sprintf("; Retry-After %s is over the %s cap: not retried now", e.RetryAfter, f.opts.MaxRetryAfter)
			return out, attempt, e
		}
		if e.RetryAfter > wait {
			wait = e.RetryAfter
		}
		h.pause(wait)
		if f.opts.OnRetry != nil {
			f.opts.OnRetry(u.String(), attempt, wait, e)
		}
	}
}

// backoff is the wait after a failed attempt: BackoffBase doubled for each
// attempt, capped, with "equal jitter" (half fixed, half random) so that
// many URLs failing together do not retry in step.
func (f *Fetcher) backoff(attempt int) time.Duration {
	d := f.opts.BackoffMax
	if attempt-1 < 30 {
		if b := f.opts.BackoffBase << (attempt - 1); b > 0 && b < d {
			d = b
		}
	}
	half := d / 2
	return half + rand.N(half+1)
}

// parseRetryAfter reads a Retry-After value: seconds, or an HTTP date.
// Zero means none (or one already past).
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > 1<<31 {
			n = 1 << 31 // decades; keeps the Duration from overflowing
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

func acceptHeader(a Accept) string {
	var parts []string
	if a&AcceptHTML != 0 {
		parts = append(parts, "text/html", "application/xhtml+xml;q=0.9")
	}
	if a&AcceptXML != 0 {
		parts = append(parts, "application/xml;q=0.9", "text/xml;q=0.9")
	}
	if a&AcceptText != 0 {
		parts = append(parts, "text/plain;q=0.8")
	}
	return strings.Join(parts, ",")
}

func (a Accept) keeps(contentType string) bool {
	switch body.KindOf(contentType) {
	case body.HTML:
		return a&AcceptHTML != 0
	case body.Text:
		return a&AcceptText != 0
	case body.XML, body.Gzip:
		return a&AcceptXML != 0
	}
	return a&AcceptXML != 0 && body.MediaType(contentType) == "application/octet-stream"
}

func (a Accept) String() string {
	var s []string
	if a&AcceptHTML != 0 {
		s = append(s, "HTML, XHTML")
	}
	if a&AcceptText != 0 {
		s = append(s, "plain text")
	}
	if a&AcceptXML != 0 {
		s = append(s, "XML")
	}
	return strings.Join(s, ", ")
}

func isRedirect(code int) bool {
	switch code {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

// attempt sends one request and reads its answer.
func (f *Fetcher) attempt(ctx context.Context, h *host, u *url.URL, req Request) (outcome, *Error) {
	accept := req.Accept
	if accept == 0 {
		accept = AcceptHTML | AcceptText
	}
	release, err := f.acquire(ctx, h)
	if err != nil {
		return outcome{}, &Error{URL: u.String(), Stage: StageResponse, Reason: "cancelled", Err: err}
	}
	defer release()
	actx, cancel := context.WithTimeout(context.WithValue(ctx, hostCtxKey{}, h), f.opts.Timeout)
	defer cancel()
	// net/http sends a GET again on its own, on a new connection, when a
	// kept-alive one is reset or closed under it: the server may see the
	// request twice. The replay is spaced like any request to the host.
	// And the host's next turn counts from when the request really went
	// out, not from its own turn: on a busy machine the two can be
	// milliseconds apart.
	var conns atomic.Int32
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
		GetConn: func(string) {
			if conns.Add(1) > 1 {
				h.respace(actx)
			}
		},
		// Headers written: the server cannot have the request sooner.
		// The connection's own writes (stampedConn) move the next turn
		// later still, to when the bytes really left.
		WroteHeaders: func() { h.sent(time.Now()) },
		WroteRequest: func(httptrace.WroteRequestInfo) { h.sent(time.Now()) },
	})

	hr, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return outcome{}, &Error{URL: u.String(), Stage: StageRequest, Reason: err.Error(), Err: err}
	}
	hr.Header.Set("User-Agent", f.opts.UserAgent)
	hr.Header.Set("Accept-Encoding", "gzip, deflate, br")
	hr.Header.Set("Accept-Language", "vi,en;q=0.5")
	if !req.robots {
		hr.Header.Set("Accept", acceptHeader(accept))
		if req.ETag != "" {
			hr.Header.Set("If-None-Match", req.ETag)
		}
		if req.LastModified != "" {
			hr.Header.Set("If-Modified-Since", req.LastModified)
		}
	}
	at := time.Now()
	resp, err := f.client.Do(hr)
	if err != nil {
		return outcome{}, classify(u.String(), err, ctx, false)
	}
	defer resp.Body.Close()
	out := outcome{status: resp.StatusCode, header: resp.Header, at: at}
	code := resp.StatusCode
	switch {
	case code == http.StatusNotModified:
		return out, nil
	case isRedirect(code):
		out.location = resp.Header.Get("Location")
		if out.location == "" {
			return out, &Error{URL: u.String(), Stage: StageRedirect, Status: code, Err: ErrStatus,
				Reason: fmt.Sprintf("HTTP %d without a Location", code)}
		}
		return out, nil
	case code == http.StatusTooManyRequests || (code >= 500 && code <= 599):
		return out, &Error{URL: u.String(), Stage: StageStatus, Status: code, Err: ErrStatus,
			Reason: "HTTP " + resp.Status, Retryable: true,
			RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())}
	case code < 200 || code > 299:
		return out, &Error{URL: u.String(), Stage: StageStatus, Status: code, Err: ErrStatus,
			Reason: "HTTP " + resp.Status}
	}

	ct := resp.Header.Get("Content-Type")
	if !req.robots && ct != "" && !accept.keeps(ct) {
		return out, &Error{URL: u.String(), Stage: StageContentType, Status: code, Err: ErrContentType,
			Reason: fmt.Sprintf("content type %q is not kept (only %s)", body.MediaType(ct), accept)}
	}
	if resp.ContentLength > f.opts.MaxBody {
		return out, &Error{URL: u.String(), Stage: StageBody, Status: code, Err: ErrTooLarge,
			Reason: fmt.Sprintf("Content-Length %d is over the %d-byte limit", resp.ContentLength, f.opts.MaxBody)}
	}
	raw, e := f.readBody(ctx, u, resp, req.robots)
	if e != nil {
		return out, e
	}
	if !req.robots && ct == "" {
		if sniffed := http.DetectContentType(raw); !accept.keeps(sniffed) {
			return out, &Error{URL: u.String(), Stage: StageContentType, Status: code, Err: ErrContentType,
				Reason: fmt.Sprintf("no Content-Type, and the body looks like %q (only %s kept)", body.MediaType(sniffed), accept)}
		}
	}
	out.raw = raw
	return out, nil
}

// errWireLimit marks a body longer on the wire than MaxBody.
var errWireLimit = errors.New("wire limit")

type wireLimit struct {
	r io.Reader
	n int64
}

func (l *wireLimit) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		if k, err := l.r.Read(one[:]); k == 0 {
			return 0, err
		}
		return 0, errWireLimit
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}

// readBody reads a body, undoing Content-Encoding, within both limits,
// and never holding more than the decoded limit. A robots.txt is cut at
// maxRobotsSize instead of failing.
func (f *Fetcher) readBody(ctx context.Context, u *url.URL, resp *http.Response, robots bool) ([]byte, *Error) {
	ce := strings.TrimSpace(resp.Header.Get("Content-Encoding"))
	limit := f.opts.MaxDecoded
	if robots {
		limit = maxRobotsSize
	}
	fail := func(err error) *Error {
		code := resp.StatusCode
		switch {
		case errors.Is(err, errWireLimit):
			return &Error{URL: u.String(), Stage: StageBody, Status: code, Err: ErrTooLarge,
				Reason: fmt.Sprintf("body over the %d-byte limit; stopped reading", f.opts.MaxBody)}
		case errors.Is(err, body.ErrTooLarge) && ce != "":
			return &Error{URL: u.String(), Stage: StageDecode, Status: code, Err: ErrTooLarge,
				Reason: fmt.Sprintf("%s body unpacks to more than %d bytes (a compression bomb?); stopped", ce, limit)}
		case errors.Is(err, body.ErrTooLarge):
			return &Error{URL: u.String(), Stage: StageBody, Status: code, Err: ErrTooLarge,
				Reason: fmt.Sprintf("body over the %d-byte limit; stopped reading", limit)}
		}
		e := classify(u.String(), err, ctx, true)
		e.Status = code
		if !e.Retryable && ctx.Err() == nil && ce != "" {
			e.Stage, e.Reason = StageDecode, fmt.Sprintf("content-encoding %s: %v", ce, err)
		}
		return e
	}
	r, err := body.Decode(&wireLimit{r: resp.Body, n: f.opts.MaxBody}, ce)
	if err != nil {
		return nil, fail(err)
	}
	raw, err := body.ReadAll(r, limit)
	if err != nil {
		if robots && errors.Is(err, body.ErrTooLarge) {
			return raw, nil
		}
		return nil, fail(err)
	}
	return raw, nil
}
