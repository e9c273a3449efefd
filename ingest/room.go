package ingest

import (
	"math"
	"runtime/metrics"
)

// roomToPrepare tells a worker whether there is memory to spare for an
// Indexer's work ahead (Preparer). An analysed article takes some 50
// times the memory of its text (bleve's token frequencies and positions:
// about 90 MB for a batch of 500 union articles), and a batch of them
// held beside the one the index is writing made the collector run all
// the time once the live heap neared the runtime's memory limit (tinso
// set 400 MiB then): the baomoi sample's ingest took 21–23 s instead of
// 17–19. Room means a live heap, as of the last collection, under a
// third of the limit; without a limit there is always room.
func roomToPrepare() bool {
	s := [2]metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s[:])
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return true
	}
	return hasRoom(s[0].Value.Uint64(), s[1].Value.Uint64())
}

// hasRoom is roomToPrepare's rule on a live heap and a memory limit
// (math.MaxInt64: none).
func hasRoom(live, limit uint64) bool {
	return limit >= math.MaxInt64 || live < limit/3
}
