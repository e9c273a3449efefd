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
		{"tinso's limit, one batch in flight", 100 * mib, 360 * mib, true},
		{"tinso's limit, just under a third", 119 * mib, 360 * mib, true},
		{"tinso's limit, a third", 120 * mib, 360 * mib, false},
		{"tinso's limit, two batches in flight", 300 * mib, 360 * mib, false},
		{"limit below the heap", 500 * mib, 360 * mib, false},
	}
	for _, tt := range tests {
		if got := hasRoom(tt.live, tt.limit); got != tt.want {
			t.Errorf("%s: hasRoom(%d MiB, %d MiB) = %v, want %v", tt.name, tt.live/mib, tt.limit/mib, got, tt.want)
		}
	}
}
