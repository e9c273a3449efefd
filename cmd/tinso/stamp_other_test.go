//go:build !linux

package main

import (
	"net"
	"time"
)

// kernelStamps is Linux-only: elsewhere the server logs the time its
// handler starts.
func kernelStamps(l net.Listener) net.Listener { return l }

func arrival(net.Conn) (time.Time, bool) { return time.Time{}, false }
