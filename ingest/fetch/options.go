package fetch

import (
	"net/http"
	"strings"
	"time"
)

// Options tune a Fetcher. The zero value is usable: every zero field gets
// the default its comment gives, and the reason for that number.
type Options struct {
	// UserAgent names tinso and a contact to the sites it reads, so that
	// a webmaster who sees it in a log can reach a human. Default
	// "tinso/0.1 (+https://github.com/tinso/tinso)"; the command line
	// builds it from --contact.
	UserAgent string
	// RobotsAgent is the name looked up among robots.txt User-agent
	// lines. Default: the product token of UserAgent ("tinso").
	RobotsAgent string

	// Rate is the requests per second sent to one host. Default 1: union
	// sites run on small shared servers and one page a second is what
	// polite crawlers use. A robots.txt Crawl-delay that asks for more
	// time between requests wins.
	Rate float64
	// HostConcurrency bounds the requests in flight to one host. Default
	// 1: a slow site answers one reader at a time anyway.
	HostConcurrency int
	// MaxInFlight bounds the requests in flight across all hosts.
	// Default 8: enough to keep a handful of slow sites busy at once,
	// few enough for a laptop's memory (each may hold a body).
	MaxInFlight int

	// ConnectTimeout bounds DNS, TCP connect and TLS handshake. Default
	// 10 s: a live server answers in well under a second.
	ConnectTimeout time.Duration
	// HeaderTimeout bounds the wait for response headers once the request
	// is sent. Default 30 s: some sites render pages slowly, none that
	// slowly.
	HeaderTimeout time.Duration
	// Timeout bounds one attempt, body included. Default 60 s: a few
	// megabytes over a slow link; anything slower is stalled.
	Timeout time.Duration

	// MaxBody bounds the bytes read from the wire. Default 64 MiB, tinso's
	// document limit: real pages are kilobytes to a few megabytes.
	MaxBody int64
	// MaxDecoded bounds the body after Content-Encoding is undone, so that
	// a small gzip bomb stops at the limit. Default 64 MiB.
	MaxDecoded int64
	// MaxRedirects bounds the redirects followed for one URL. Default 10.
	MaxRedirects int

	// MaxAttempts bounds the requests for one URL (hop), the first one
	// included. Default 4: three retries spaced 1, 2 and 4 s (plus
	// jitter) ride out a restart or a short overload. 1 disables retries.
	MaxAttempts int
	// BackoffBase is the wait before the first retry; it doubles for each
	// further one. Default 1 s.
	BackoffBase time.Duration
	// BackoffMax caps the exponential wait. Default 60 s.
	BackoffMax time.Duration
	// MaxRetryAfter caps the wait a Retry-After header can impose. A
	// longer Retry-After ends the attempts for that URL with a retryable
	// error carrying the server's wish (Error.RetryAfter), and pauses the
	// host for MaxRetryAfter only, so that one odd header cannot freeze a
	// crawl. Default 5 min.
	MaxRetryAfter time.Duration

	// MaxCrawlDelay caps a robots.txt Crawl-delay. Default 60 s: a site
	// asking for more is crawled at one page a minute.
	MaxCrawlDelay time.Duration
	// RobotsTTL is how long a fetched robots.txt is trusted. Default 24 h,
	// the longest RFC 9309 allows.
	RobotsTTL time.Duration
	// RobotsErrorTTL is how long an unreachable robots.txt (5xx, 429,
	// network error) keeps its host disallowed before it is tried again.
	// Default 10 min.
	RobotsErrorTTL time.Duration

	// Transport replaces the HTTP transport (tests, proxies). When it is
	// set, ConnectTimeout and HeaderTimeout are its business; Timeout
	// still applies.
	Transport http.RoundTripper
	// OnRetry, if set, is called before each retry with the URL, the
	// attempt that failed (1-based), the wait before the next one and the
	// failure. It must not block.
	OnRetry func(url string, attempt int, wait time.Duration, err error)
}

func (o *Options) applyDefaults() {
	if o.UserAgent == "" {
		o.UserAgent = "tinso/0.1 (+https://github.com/tinso/tinso)"
	}
	if o.RobotsAgent == "" {
		o.RobotsAgent = productToken(o.UserAgent)
	}
	if o.Rate <= 0 {
		o.Rate = 1
	}
	if o.HostConcurrency <= 0 {
		o.HostConcurrency = 1
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = 8
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 10 * time.Second
	}
	if o.HeaderTimeout <= 0 {
		o.HeaderTimeout = 30 * time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 60 * time.Second
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 64 << 20
	}
	if o.MaxDecoded <= 0 {
		o.MaxDecoded = 64 << 20
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 10
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 4
	}
	if o.BackoffBase <= 0 {
		o.BackoffBase = time.Second
	}
	if o.BackoffMax <= 0 {
		o.BackoffMax = time.Minute
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 5 * time.Minute
	}
	if o.MaxCrawlDelay <= 0 {
		o.MaxCrawlDelay = time.Minute
	}
	if o.RobotsTTL <= 0 {
		o.RobotsTTL = 24 * time.Hour
	}
	if o.RobotsErrorTTL <= 0 {
		o.RobotsErrorTTL = 10 * time.Minute
	}
}

// productToken is "tinso" for "tinso/0.1 (+https://...)".
func productToken(ua string) string {
	if i := strings.IndexAny(ua, "/ "); i > 0 {
		return strings.ToLower(ua[:i])
	}
	return strings.ToLower(ua)
}
