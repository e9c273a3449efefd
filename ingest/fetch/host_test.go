package fetch

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestHostRate measures the per-host rate from the server's own log: with
// Rate 20, no two requests to the host start less than 50 ms apart, even
// when a dozen are asked for at once.
func TestHostRate(t *testing.T) {
	s := newSite(t, "")
	var inFlight, maxInFlight atomic.Int32
	s.mux.HandleFunc("/p/", func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(article))
	})
	opts := fast()
	opts.Rate = 20
	f := New(opts)
	defer f.Close()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Go(func() {
			if _, err := f.Get(context.Background(), Request{URL: fmt.Sprintf("%s/p/%d", s.URL, i)}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	hits := s.hits("/") // robots.txt included: it is a request too
	if len(hits) != 13 {
		t.Fatalf("%d requests", len(hits))
	}
	// The client spaces starts by 50 ms; the server sees them within a
	// few milliseconds of that.
	if g := minGap(hits); g < 45*time.Millisecond {
		t.Errorf("requests %v apart, want >= 50ms", g)
	}
	if d := time.Since(start); d < 12*50*time.Millisecond {
		t.Errorf("13 requests at 20/s took only %v", d)
	}
	if m := maxInFlight.Load(); m != 1 {
		t.Errorf("%d requests in flight to one host", m)
	}
}

// TestGlobalConcurrency checks the bound on requests in flight across
// hosts, and that hosts are served in parallel up to it.
func TestGlobalConcurrency(t *testing.T) {
	var inFlight, maxInFlight atomic.Int32
	slow := func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(60 * time.Millisecond)
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(article))
	}
	var sites []*site
	for range 5 {
		s := newSite(t, "")
		s.mux.HandleFunc("/p/", slow)
		sites = append(sites, s)
	}
	opts := fast()
	opts.MaxInFlight = 2
	f := New(opts)
	defer f.Close()
	var wg sync.WaitGroup
	for _, s := range sites {
		for i := range 2 {
			wg.Go(func() {
				if _, err := f.Get(context.Background(), Request{URL: fmt.Sprintf("%s/p/%d", s.URL, i)}); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	if m := maxInFlight.Load(); m != 2 {
		t.Errorf("max in flight %d, want 2", m)
	}
}

func TestHostKey(t *testing.T) {
	for in, want := range map[string]string{
		"http://LDLD.vn/a":          "ldld.vn",
		"https://ldld.vn:443/a":     "ldld.vn",
		"http://ldld.vn:80/":        "ldld.vn",
		"http://ldld.vn:8080/":      "ldld.vn:8080",
		"https://ldld.vn:80/":       "ldld.vn:80",
		"http://[::1]:8080/x":       "::1:8080",
		"http://127.0.0.1:1234/x?y": "127.0.0.1:1234",
	} {
		u, _ := url.Parse(in)
		if got := hostKey(u); got != want {
			t.Errorf("hostKey(%s) = %q, want %q", in, got, want)
		}
	}
}

// TestStampedConnSpacesFromWrite: a connection's write moves its host's
// next turn to interval after the write returned, later than any turn
// counted from before it.
func TestStampedConnSpacesFromWrite(t *testing.T) {
	h := &host{interval: 50 * time.Millisecond}
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	go io.Copy(io.Discard, b)
	dial := stampingDial(func(context.Context, string, string) (net.Conn, error) { return a, nil })
	c, err := dial(context.WithValue(context.Background(), hostCtxKey{}, h), "tcp", "example.org:80")
	if err != nil {
		t.Fatal(err)
	}
	h.sent(time.Now()) // the trace's earlier stamp
	time.Sleep(5 * time.Millisecond)
	before := time.Now()
	if _, err := c.Write([]byte("GET / HTTP/1.1\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	next := h.next
	h.mu.Unlock()
	if next.Before(before.Add(h.interval)) {
		t.Errorf("next turn %v after the write started, want >= %v", next.Sub(before), h.interval)
	}
	// Without a host in the context the connection is left as it is.
	c2, _ := dial(context.Background(), "tcp", "example.org:80")
	if _, ok := c2.(stampedConn); ok {
		t.Error("connection stamped without a host")
	}
}
