package fetch

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is a test server on 127.0.0.1 that logs every request it gets, so
// that tests measure politeness from the server's side.
type site struct {
	*httptest.Server
	mux *http.ServeMux

	mu     sync.Mutex
	log    []hit
	robots http.HandlerFunc // replaces the fixed robots.txt when set
}

// onRobots makes robots.txt answer with h.
func (s *site) onRobots(h http.HandlerFunc) {
	s.mu.Lock()
	s.robots = h
	s.mu.Unlock()
}

type hit struct {
	path string // path and query
	at   time.Time
	h    http.Header
}

// newSite starts a server; robots is its robots.txt ("" for a 404).
func newSite(t *testing.T, robots string) *site {
	t.Helper()
	s := &site{mux: http.NewServeMux()}
	s.mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		h := s.robots
		s.mu.Unlock()
		if h != nil {
			h(w, r)
			return
		}
		if robots == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(robots))
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.log = append(s.log, hit{path: r.URL.RequestURI(), at: time.Now(), h: r.Header.Clone()})
		s.mu.Unlock()
		s.mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// hits returns the logged requests whose path starts with prefix.
func (s *site) hits(prefix string) []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []hit
	for _, h := range s.log {
		if strings.HasPrefix(h.path, prefix) {
			out = append(out, h)
		}
	}
	return out
}

// page serves HTML at a path.
func (s *site) page(path, html string) {
	s.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(html))
	})
}

// minGap is the smallest time between two consecutive hits.
func minGap(hs []hit) time.Duration {
	gap := time.Duration(1 << 62)
	for i := 1; i < len(hs); i++ {
		if d := hs[i].at.Sub(hs[i-1].at); d < gap {
			gap = d
		}
	}
	return gap
}

// fast is the options of most tests: no rate limit to speak of, short
// backoffs, so that each test takes milliseconds.
func fast() Options {
	return Options{
		UserAgent:     "tinso/0.1 (+mailto:lab@tinso.test)",
		Rate:          1000,
		BackoffBase:   5 * time.Millisecond,
		BackoffMax:    50 * time.Millisecond,
		HeaderTimeout: 2 * time.Second,
		Timeout:       5 * time.Second,
	}
}

// resetConn closes the client's connection with a TCP reset.
func resetConn(t *testing.T, w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Error(err)
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}
