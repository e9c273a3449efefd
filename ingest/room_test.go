package ingest

import (
	"math"
	"testing"
)

func TestHasRoom(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name        string
		live, limit uint64
		want        bool
	}{
		{"no limit, small heap", 10 * mib, math.MaxInt64, true},
		{"no limit, large heap", 4096 * mib, math.MaxInt64, true},
		{"tinso's limit, index batch in flight", 120 * mib, 400 * mib, true},
		{"tinso's limit, just under a third", 133 * mib, 400 * mib, true},
		{"tinso's limit, a third", 134 * mib, 400 * mib, false},
		{"tinso's limit, two batches in flight", 300 * mib, 400 * mib, false},
		{"limit below the heap", 500 * mib, 400 * mib, false},
	}
	for _, tt := range tests {
		if got := hasRoom(tt.live, tt.limit); got != tt.want {
			t.Errorf("%s: hasRoom(%d MiB, %d MiB) = %v, want %v", tt.name, tt.live/mib, tt.limit/mib, got, tt.want)
		}
	}
}
