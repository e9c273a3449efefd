package main

import (
	"strings"
	"testing"
	"time"
)

// TestProgressLine: a batch shows done/total and an ETA; a crawl, whose
// total is unknown, shows pages done and the frontier's queued URLs.
func TestProgressLine(t *testing.T) {
	tests := []struct {
		name   string
		total  int
		queued int64
		want   []string
	}{
		{"batch", 10, 0, []string{"3/10", "docs/s", "new 2", "failed 1", "ETA"}},
		{"crawl", 0, 42, []string{"3 pages", "42 queued", "pages/s", "new 2", "failed 1"}},
	}
	for _, tt := range tests {
		p := newProgress(nil, tt.total, false)
		p.start = time.Now().Add(-time.Second)
		for _, o := range []string{"new", "new", "failed"} {
			p.addCrawled(o, tt.queued)
		}
		line := p.line(p.done, p.counts)
		for _, w := range tt.want {
			if !strings.Contains(line, w) {
				t.Errorf("%s: line %q lacks %q", tt.name, line, w)
			}
		}
	}
}
