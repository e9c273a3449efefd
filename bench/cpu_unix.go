//go:build unix

package main

import (
	"syscall"
	"time"
)

// cpuNow is the CPU time (user + system) the process has used so far. With
// GOMAXPROCS=1 only one thread runs Go code, so the CPU time spent in an
// extractor measures its cost even when other programs load the machine.
func cpuNow() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
