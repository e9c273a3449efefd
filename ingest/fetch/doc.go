// Package fetch is tinso's polite HTTP client: it gets one URL at a time
// for the crawler, the URL lists and the sitemaps, the way a small,
// well-behaved crawler should treat the slow provincial union sites it
// reads.
//
// A Fetcher
//
//   - names itself (User-Agent "tinso/0.1 (+contact)") and obeys
//     robots.txt, Crawl-delay included (see Robots for what happens when
//     robots.txt cannot be read);
//   - spaces requests to one host (one a second by default, slower when
//     Crawl-delay asks), keeps one request in flight per host, and bounds
//     the requests in flight across hosts;
//   - bounds connecting, waiting for headers and the whole exchange in
//     time, and the body in size, compressed and decompressed;
//   - follows at most 10 redirects itself (each hop checked against
//     robots.txt and spaced like any request) and detects loops;
//   - retries timeouts, resets, 5xx and 429 with exponential backoff and
//     jitter, honouring Retry-After; other 4xx are final;
//   - sends the stored ETag and Last-Modified and reports 304 as
//     Result.NotModified;
//   - keeps HTML, XHTML and plain text (and XML for sitemaps when asked),
//     refusing anything else before reading it.
//
// Failures are *Error values that name the URL, the stage and the reason,
// and say whether trying later may help. Everything takes a context:
// cancelling it stops waits, backoffs and transfers at once.
//
// fetch must not import bleve.
package fetch
