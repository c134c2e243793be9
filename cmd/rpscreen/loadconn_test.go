package main

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"
	"time"
)

// A server may close a kept-alive connection between two requests without
// saying so; the next request then goes out again on a new connection
// rather than counting as an error.
func TestLoadConnResendsOnAConnectionClosedWhileIdle(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	var accepted atomic.Int64
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			// One response, with no "Connection: close", then hang up.
			if _, err := http.ReadRequest(bufio.NewReader(conn)); err == nil {
				conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
			}
			time.Sleep(20 * time.Millisecond) // the client sees the close only when it sends again
			conn.Close()
		}
	}()
	u, _ := url.Parse("http://" + ln.Addr().String() + "/healthz")
	req, err := encodeRequest(http.MethodGet, u.String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	c := newLoadConn(u, 5*time.Second)
	defer c.close()
	var buf bytes.Buffer
	for i := range 3 {
		if i > 0 {
			time.Sleep(50 * time.Millisecond) // the server has closed by now
		}
		status, err := c.roundTrip(t.Context(), req, &buf)
		if err != nil || status != http.StatusOK || buf.String() != "ok" {
			t.Fatalf("request %d: status %d, body %q, err %v", i, status, buf.String(), err)
		}
	}
	if n := accepted.Load(); n != 3 {
		t.Errorf("%d connections, want one per request", n)
	}
}
