package fetch

import (
	"context"
	"net"
	"time"
)

// hostCtxKey carries the host a request goes to, so that the connection
// dialled for it can report its writes to that host's schedule.
type hostCtxKey struct{}

// stampingDial wraps dial so that every connection it makes tells the
// host it was dialled for when bytes really left (see stampedConn).
func stampingDial(dial func(ctx context.Context, network, addr string) (net.Conn, error)) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		if h, ok := ctx.Value(hostCtxKey{}).(*host); ok {
			return stampedConn{Conn: c, host: h}, nil
		}
		return c, nil
	}
}

// stampedConn moves its host's next turn to interval after each write
// returns: by then the kernel holds the bytes, so the server cannot see the
// next request sooner than interval after this one. httptrace's
// WroteRequest runs before the transport flushes its buffer, and on a busy
// machine the flush can come milliseconds later; spacing counted from the
// trace alone let two requests reach a server closer than its
// Crawl-delay. A connection serves one host (through a plain HTTP proxy it
// may serve several; the others then keep the trace's timing).
type stampedConn struct {
	net.Conn
	host *host
}

func (c stampedConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	if n > 0 {
		c.host.sent(time.Now())
	}
	return n, err
}
