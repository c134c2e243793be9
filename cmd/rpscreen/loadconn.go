package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"time"
)

// loadConn is one worker's keep-alive connection: its requests go out in
// turn, each written in one call from bytes built before the run, and each
// response is read with net/http's own parser (http.ReadResponse).
//
// net/http's Client would do the same work through its Transport, which
// hands every request and response between three goroutines and allocates
// for each. The load generator shares the machine with the server it
// measures, so what it spends is taken from the server: on two cores the
// Client cost the server about a third of the CPU.
type loadConn struct {
	addr    string      // host:port
	tls     *tls.Config // nil for http
	timeout time.Duration
	conn    net.Conn
	br      *bufio.Reader
	stop    func() bool // unregisters the cut-off on ctx's end
	reused  bool        // conn has carried a response
}

// newLoadConn returns an unconnected conn to the server of u; it dials on
// the first request.
func newLoadConn(u *url.URL, timeout time.Duration) *loadConn {
	c := &loadConn{addr: u.Host, timeout: timeout}
	port := "80"
	if u.Scheme == "https" {
		port = "443"
		c.tls = &tls.Config{ServerName: u.Hostname()}
	}
	if u.Port() == "" {
		c.addr = net.JoinHostPort(u.Hostname(), port)
	}
	return c
}

func (c *loadConn) dial(ctx context.Context) error {
	d := &net.Dialer{Timeout: c.timeout}
	var conn net.Conn
	var err error
	if c.tls != nil {
		conn, err = (&tls.Dialer{NetDialer: d, Config: c.tls}).DialContext(ctx, "tcp", c.addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", c.addr)
	}
	if err != nil {
		return err
	}
	c.conn, c.reused = conn, false
	if c.br == nil {
		c.br = bufio.NewReaderSize(conn, 16<<10)
	} else {
		c.br.Reset(conn)
	}
	// A request in flight when ctx ends fails at once, not after timeout.
	c.stop = context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	return nil
}

func (c *loadConn) close() {
	if c.conn != nil {
		c.stop()
		c.conn.Close()
		c.conn = nil
	}
}

// roundTrip sends req, a whole HTTP/1.1 request, and reads the response
// body into buf. A connection the server closed while it sat idle fails the
// first write or read; the request is then sent once more on a new one, as
// net/http does.
func (c *loadConn) roundTrip(ctx context.Context, req []byte, buf *bytes.Buffer) (status int, err error) {
	for {
		if c.conn == nil {
			if err := c.dial(ctx); err != nil {
				return 0, err
			}
		}
		retry := c.reused
		status, err = c.send(req, buf)
		if err == nil || !retry || ctx.Err() != nil || !closedIdle(err) {
			return status, err
		}
	}
}

func (c *loadConn) send(req []byte, buf *bytes.Buffer) (int, error) {
	c.conn.SetDeadline(time.Now().Add(c.timeout))
	if _, err := c.conn.Write(req); err != nil {
		c.close()
		return 0, err
	}
	// Nothing at all back is how a connection closed while idle fails
	// (io.EOF here; ReadResponse would call it unexpected).
	if _, err := c.br.Peek(1); err != nil {
		c.close()
		return 0, err
	}
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		c.close()
		return 0, err
	}
	buf.Reset()
	// Read to the end: a drained body leaves the connection ready for the next.
	_, err = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	if err != nil || resp.Close {
		c.close()
	} else {
		c.reused = true
	}
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// closedIdle reports whether err is how a kept-alive connection the server
// has closed fails: on writing, or with not a byte of response.
func closedIdle(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// encodeRequest is the bytes of one HTTP/1.1 request, as net/http writes it.
func encodeRequest(method, target string, body []byte) ([]byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, target, rd)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("User-Agent", "rpscreen-loadtest")
	var b bytes.Buffer
	if err := req.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
