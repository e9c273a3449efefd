package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"
)

// Stage names where a fetch failed.
type Stage string

// The stages of a fetch, in order.
const (
	StageRequest     Stage = "request"      // the URL itself (not http(s), unparsable)
	StageRobots      Stage = "robots"       // robots.txt forbids the URL, or cannot be read
	StageConnect     Stage = "connect"      // DNS, TCP, TLS
	StageResponse    Stage = "response"     // sending the request, waiting for headers
	StageStatus      Stage = "status"       // an HTTP status that is not a page
	StageRedirect    Stage = "redirect"     // a loop, too many hops, a bad Location
	StageContentType Stage = "content-type" // a type tinso does not keep
	StageBody        Stage = "body"         // reading the body: size, timeout, reset
	StageDecode      Stage = "decode"       // undoing Content-Encoding
)

// Sentinels for errors.Is on an *Error.
var (
	ErrDisallowed        = errors.New("disallowed by robots.txt")
	ErrRobotsUnavailable = errors.New("robots.txt unavailable")
	ErrRedirectLoop      = errors.New("redirect loop")
	ErrTooManyRedirects  = errors.New("too many redirects")
	ErrTooLarge          = errors.New("body over the size limit")
	ErrContentType       = errors.New("content type not kept")
	ErrTimeout           = errors.New("timeout")
	ErrStatus            = errors.New("HTTP status")
)

// Error is a failed fetch. Retryable says whether the same request may
// succeed later (timeouts, resets, 5xx, 429, an unreachable robots.txt);
// a crawler requeues those and records the others as failures. A
// cancelled context gives an Error that is not retryable and wraps
// context.Canceled: it is not the page's fault and should not be recorded.
type Error struct {
	URL        string // the URL that failed (a redirect hop, if that is where)
	Stage      Stage
	Status     int    // the HTTP status, when there was one
	Reason     string // lower case, for people
	Retryable  bool
	RetryAfter time.Duration // the server's Retry-After, when it gave one
	Attempts   int           // requests sent for this URL
	Err        error         // a sentinel above, or the underlying error
}

func (e *Error) Error() string {
	s := fmt.Sprintf("fetch %s: %s: %s", e.URL, e.Stage, e.Reason)
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Permanent reports whether retrying cannot help.
func (e *Error) Permanent() bool { return !e.Retryable }

// classify turns a transport error into an *Error: whether it is worth a
// retry, and at which stage it happened.
func classify(url string, err error, parent context.Context, afterHeaders bool) *Error {
	stage := StageResponse
	if afterHeaders {
		stage = StageBody
	}
	e := &Error{URL: url, Stage: stage, Err: err, Reason: err.Error()}
	if parent.Err() != nil {
		e.Reason, e.Err = "cancelled", parent.Err()
		return e
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" && !afterHeaders {
		e.Stage = StageConnect
	}
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostnameErr x509.HostnameError
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrTimeout) || (errors.As(err, &ne) && ne.Timeout()):
		e.Reason = "timeout: " + err.Error()
		e.Err = fmt.Errorf("%w: %w", ErrTimeout, err)
		e.Retryable = true
	case errors.As(err, &dnsErr):
		e.Stage = StageConnect
		e.Retryable = dnsErr.IsTemporary || dnsErr.IsTimeout
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostnameErr):
		e.Stage = StageConnect
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		e.Retryable = true
	case errors.As(err, &op):
		e.Retryable = true // other socket errors: unreachable networks, ...
	}
	return e
}
