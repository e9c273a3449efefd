package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress draws a one-line progress bar on a terminal and nothing
// elsewhere, so that a piped or logged run stays clean.
type progress struct {
	w       io.Writer
	total   int
	start   time.Time
	mu      sync.Mutex
	counts  map[string]int
	done    int
	queued  int64 // a crawl's URLs still waiting, from the last event
	stop    chan struct{}
	stopped chan struct{}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// newProgress starts a progress line on w if w is a terminal and show is
// true; otherwise it returns a progress that only counts.
func newProgress(w io.Writer, total int, show bool) *progress {
	p := &progress{w: w, total: total, start: time.Now(), counts: map[string]int{}}
	if !show || !isTerminal(w) {
		return p
	}
	p.stop, p.stopped = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(p.stopped)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.draw()
			case <-p.stop:
				p.draw()
				fmt.Fprintln(p.w)
				return
			}
		}
	}()
	return p
}

// add counts one finished document.
func (p *progress) add(outcome string) {
	p.mu.Lock()
	p.done++
	p.counts[outcome]++
	p.mu.Unlock()
}

// addCrawled counts one finished page of a crawl, with the number of URLs
// still queued.
func (p *progress) addCrawled(outcome string, queued int64) {
	p.mu.Lock()
	p.queued = queued
	p.mu.Unlock()
	p.add(outcome)
}

func (p *progress) draw() {
	p.mu.Lock()
	done, counts := p.done, p.counts
	line := p.line(done, counts)
	p.mu.Unlock()
	fmt.Fprintf(p.w, "\r%s\x1b[K", line)
}

func (p *progress) line(done int, counts map[string]int) string {
	const width = 24
	elapsed := time.Since(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(done) / elapsed
	}
	filled := 0
	if p.total > 0 {
		filled = width * done / p.total
	}
	var b strings.Builder
	if p.total > 0 {
		fmt.Fprintf(&b, "[%s%s] %d/%d  %.0f docs/s", strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, p.total, rate)
	} else {
		// A crawl: the total is not known in advance.
		fmt.Fprintf(&b, "%d pages  %d queued  %.1f pages/s", done, p.queued, rate)
	}
	for _, k := range []string{"new", "updated", "unchanged", "skipped", "failed"} {
		if counts[k] > 0 {
			fmt.Fprintf(&b, "  %s %d", k, counts[k])
		}
	}
	if rate > 0 && done < p.total && p.total > 0 {
		eta := time.Duration(float64(p.total-done) / rate * float64(time.Second)).Round(time.Second)
		fmt.Fprintf(&b, "  ETA %s", eta)
	}
	return b.String()
}

// finish stops the line.
func (p *progress) finish() {
	if p.stop != nil {
		close(p.stop)
		<-p.stopped
		p.stop = nil
	}
}
