//go:build !unix

package main

import "time"

// cpuNow is not available here: only wall-clock times are printed.
func cpuNow() (time.Duration, bool) { return 0, false }
