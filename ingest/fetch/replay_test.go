package fetch

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// TestReplaySpaced: a kept-alive connection reset under a GET makes
// net/http send the request again on its own, at once, on a new
// connection. The server sees two requests; the second one must still
// wait for the host's turn.
func TestReplaySpaced(t *testing.T) {
	s := newSite(t, "User-agent: *\nAllow: /\n")
	s.page("/a", article)
	var n atomic.Int32
	s.mux.HandleFunc("/b", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			resetConn(t, w)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(article))
	})
	opts := fast()
	opts.Rate = 20 // 50 ms between requests
	f := New(opts)
	defer f.Close()
	for _, p := range []string{"/a", "/b"} {
		if _, err := f.Get(context.Background(), Request{URL: s.URL + p}); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	hs := s.hits("/")
	if len(s.hits("/b")) < 2 {
		t.Fatalf("the reset was not replayed: %d requests for /b", len(s.hits("/b")))
	}
	if g := minGap(hs); g < 45*time.Millisecond {
		t.Errorf("%d requests, two of them %v apart; want at least 50 ms (less jitter)", len(hs), g)
	}
}
