package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tinso/tinso/corpus"
	"github.com/tinso/tinso/corpus/sqlite"
	"github.com/tinso/tinso/extract"
	"github.com/tinso/tinso/ingest"
)

// benchSample is the acceptance sample of issue 4 (the one
// ingest.BenchmarkIngest reads), read in place.
const benchSample = "../../../shared/data/vi-news/baomoi-magizbox/sample-every4th"

// benchBatch is the pipeline's default batch size (ingest.Pipeline.BatchSize).
const benchBatch = 64

var (
	benchOnce sync.Once
	benchRecs []corpus.Record
)

// sampleRecords reads and extracts the sample once per test binary, in
// parallel, keeping what the pipeline would store, in source order.
func sampleRecords(b *testing.B) []corpus.Record {
	if _, err := os.Stat(benchSample); err != nil {
		b.Skip("shared data not present: ", err)
	}
	benchOnce.Do(func() {
		srcs := ingest.Sources([]string{benchSample, "../../../shared/data/seeds"}, func(string, error) {})
		out := make([]*corpus.Record, len(srcs))
		var wg sync.WaitGroup
		next := make(chan int)
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					d, err := ingest.ReadFileMax(srcs[i], nil, 16<<20)
					if err != nil {
						continue
					}
					a, err := extract.Extract(d, extract.Options{})
					if err != nil || !a.IsArticle {
						continue
					}
					out[i] = &corpus.Record{Doc: d, Hash: corpus.ContentHash(d.Raw), Article: a, ExtractorVersion: extract.Version}
				}
			}()
		}
		for i := range srcs {
			next <- i
		}
		close(next)
		wg.Wait()
		for _, r := range out {
			if r != nil {
				benchRecs = append(benchRecs, *r)
			}
		}
	})
	return benchRecs
}

// cpuTime is the process's user plus system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procIO reads the bytes the process has written and read and its write
// and read calls (Linux's /proc/self/io; zeros elsewhere): unlike CPU time
// on a shared machine, these do not vary from run to run.
func procIO() (wchar, rchar, syscw, syscr int64) {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		switch k {
		case "wchar":
			wchar = n
		case "rchar":
			rchar = n
		case "syscw":
			syscw = n
		case "syscr":
			syscr = n
		}
	}
	return
}

// BenchmarkPut times the store alone on the issue-4 sample, extracted
// beforehand: a Lookup per document (as the pipeline's workers do) and
// Puts in batches, into a new store each iteration, and the Close that
// checkpoints the WAL. Two batch sizes: 64 is the pipeline's BatchSize;
// 3 is what its writer really gets on two cores (it takes what is queued
// and does not wait for more: 8,865 documents came in 3,041 Puts).
//
// cpu-ms/kdoc is the whole process's CPU time (all threads, GC included)
// per thousand documents, which is what competes with extraction for the
// cores; it varies with the machine's load. The I/O figures (bytes written
// and read, read and write calls, per document) do not. Run with
//
//	go test -run='^$' -bench=Put -benchtime=3x ./corpus/sqlite/
func BenchmarkPut(b *testing.B) {
	for _, size := range []int{benchBatch, 3} {
		b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) { benchPut(b, size) })
	}
}

func benchPut(b *testing.B, size int) {
	recs := sampleRecords(b)
	ctx := context.Background()
	var cpu time.Duration
	var io [4]int64
	for i := range b.N {
		b.StopTimer()
		s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), strconv.Itoa(i)), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		w0, r0, sw0, sr0 := procIO()
		c0 := cpuTime()
		b.StartTimer()
		for lo := 0; lo < len(recs); lo += size {
			batch := recs[lo:min(lo+size, len(recs))]
			for _, r := range batch {
				if _, _, err := s.Lookup(ctx, corpus.DocumentKey(r.Doc, r.Hash)); err != nil {
					b.Fatal(err)
				}
			}
			res, err := s.Put(ctx, 1, batch)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range res {
				if r.Err != nil {
					b.Fatal(r.Err)
				}
			}
		}
		// Close checkpoints what the WAL still holds: part of the cost.
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuTime() - c0
		w1, r1, sw1, sr1 := procIO()
		io[0], io[1], io[2], io[3] = io[0]+w1-w0, io[1]+r1-r0, io[2]+sw1-sw0, io[3]+sr1-sr0
	}
	n := float64(len(recs) * b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(cpu.Microseconds())/n, "cpu-ms/kdoc")
	b.ReportMetric(float64(io[0])/n/1024, "wKiB/doc")
	b.ReportMetric(float64(io[1])/n/1024, "rKiB/doc")
	b.ReportMetric(float64(io[2]+io[3])/n, "rwcalls/doc")
}
