package fetch

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"
)

// host spaces the requests sent to one host (see hostKey). Spacing is measured
// between request starts: no two requests to a host start closer than
// interval, whatever the concurrency. A pause (Retry-After, a backoff
// after a failure) holds every request to the host, not only the one that
// failed: a struggling server is given air.
type host struct {
	slots chan struct{} // HostConcurrency

	mu       sync.Mutex
	interval time.Duration
	next     time.Time // earliest start of the next request
	last     time.Time // start of the latest request
	paused   time.Time // no request starts before this
}

// hostKey names the server a URL is sent to: the host name, and the port
// when it is not the scheme's default. http://x and https://x share one
// schedule; so do both spellings of a default port.
func hostKey(u *url.URL) string {
	name := strings.ToLower(u.Hostname())
	p := u.Port()
	if p == "" || (p == "80" && strings.EqualFold(u.Scheme, "http")) || (p == "443" && strings.EqualFold(u.Scheme, "https")) {
		return name
	}
	return name + ":" + p
}

func (f *Fetcher) host(u *url.URL) *host {
	name := hostKey(u)
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.hosts[name]
	if h == nil {
		h = &host{
			slots:    make(chan struct{}, f.opts.HostConcurrency),
			interval: time.Duration(float64(time.Second) / f.opts.Rate),
		}
		f.hosts[name] = h
	}
	return h
}

// slowDown makes the host's spacing at least d (a Crawl-delay), from the
// latest request on: the robots.txt request that taught it counts.
func (h *host) slowDown(d time.Duration) {
	h.mu.Lock()
	if d > h.interval {
		h.interval = d
	}
	if t := h.last.Add(h.interval); t.After(h.next) {
		h.next = t
	}
	h.mu.Unlock()
}

// pause holds every request to the host until now+d.
func (h *host) pause(d time.Duration) {
	h.mu.Lock()
	if t := time.Now().Add(d); t.After(h.paused) {
		h.paused = t
	}
	h.mu.Unlock()
}

// acquire waits for a host slot, the host's next turn and a global slot,
// in that order, so that waiting on a slow host never holds a global slot
// another host could use. release gives both slots back.
func (f *Fetcher) acquire(ctx context.Context, h *host) (release func(), err error) {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	for {
		h.mu.Lock()
		at := h.next
		if h.paused.After(at) {
			at = h.paused
		}
		h.mu.Unlock()
		if err := sleep(ctx, time.Until(at)); err != nil {
			<-h.slots
			return nil, err
		}
		select {
		case f.global <- struct{}{}:
		case <-ctx.Done():
			<-h.slots
			return nil, ctx.Err()
		}
		h.mu.Lock()
		now := time.Now()
		if !now.Before(h.next) && !now.Before(h.paused) {
			h.last, h.next = now, now.Add(h.interval)
			h.mu.Unlock()
			break
		}
		// Another request to this host started meanwhile, or a pause
		// was set: wait again.
		h.mu.Unlock()
		<-f.global
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-f.global
			<-h.slots
		})
	}, nil
}

// sent records that a request went out at t (its headers written): the
// next one starts no sooner than interval after.
func (h *host) sent(t time.Time) {
	h.mu.Lock()
	if t.After(h.last) {
		h.last = t
	}
	if n := t.Add(h.interval); n.After(h.next) {
		h.next = n
	}
	h.mu.Unlock()
}

// respace waits, holding the slots acquire gave, until the host's next
// turn, and takes it: for a request sent again within one attempt.
func (h *host) respace(ctx context.Context) {
	for {
		h.mu.Lock()
		at := h.next
		if h.paused.After(at) {
			at = h.paused
		}
		if now := time.Now(); !now.Before(at) {
			h.last, h.next = now, now.Add(h.interval)
			h.mu.Unlock()
			return
		}
		h.mu.Unlock()
		if sleep(ctx, time.Until(at)) != nil {
			return
		}
	}
}

// sleep waits d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
