package main

import (
	"io"
	"net"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// stampListener stamps what its connections read with the kernel's
// receive time (SO_TIMESTAMPNS), so that the test server logs when a
// request reached the machine, not when its goroutine got a CPU: on a
// busy 2-core machine the two can be tens of milliseconds apart, which is
// more than the spacing being measured.
type stampListener struct{ net.Listener }

func kernelStamps(l net.Listener) net.Listener {
	// Set on the listener too: a connection inherits it, so that the
	// first request, which may arrive before Accept returns, is stamped.
	if tl, ok := l.(*net.TCPListener); ok {
		if rc, err := tl.SyscallConn(); err == nil {
			rc.Control(func(fd uintptr) {
				syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_TIMESTAMPNS, 1)
			})
		}
	}
	return stampListener{l}
}

func (l stampListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return c, err
	}
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return c, nil
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return c, nil
	}
	var serr error
	rc.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_TIMESTAMPNS, 1)
	})
	if serr != nil {
		return c, nil
	}
	return &stampConn{TCPConn: tc, rc: rc}, nil
}

type stampConn struct {
	*net.TCPConn
	rc syscall.RawConn

	mu   sync.Mutex
	last time.Time // kernel receive time of the latest bytes read
}

func (c *stampConn) Read(b []byte) (int, error) {
	var n int
	var rerr error
	oob := make([]byte, 64)
	err := c.rc.Read(func(fd uintptr) bool {
		var oobn int
		n, oobn, _, _, rerr = syscall.Recvmsg(int(fd), b, oob, 0)
		if rerr == syscall.EAGAIN {
			return false
		}
		if rerr == nil && oobn > 0 {
			msgs, _ := syscall.ParseSocketControlMessage(oob[:oobn])
			for _, m := range msgs {
				if m.Header.Level == syscall.SOL_SOCKET && m.Header.Type == syscall.SCM_TIMESTAMPNS && len(m.Data) >= int(unsafe.Sizeof(syscall.Timespec{})) {
					ts := (*syscall.Timespec)(unsafe.Pointer(&m.Data[0]))
					c.mu.Lock()
					c.last = time.Unix(int64(ts.Sec), int64(ts.Nsec))
					c.mu.Unlock()
				}
			}
		}
		return true
	})
	if err != nil {
		return 0, err
	}
	if rerr != nil {
		return 0, rerr
	}
	if n == 0 && len(b) > 0 {
		return 0, io.EOF
	}
	return n, nil
}

// arrival is the kernel time the latest request on c arrived.
func arrival(c net.Conn) (time.Time, bool) {
	sc, ok := c.(*stampConn)
	if !ok {
		return time.Time{}, false
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.last, !sc.last.IsZero()
}
