package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServeDebugListener(t *testing.T) {
	cfg := writeConfig(t, "server:\n  debug_addr: 127.0.0.1:0\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := newLogSink()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"rpscreen", "serve", "--addr", "127.0.0.1:0", "--config", cfg}, env(), io.Discard, sink)
	}()
	addrs := map[string]string{}
	for len(addrs) < 2 {
		select {
		case a := <-sink.addrs:
			addrs[a[0]] = a[1]
		case c := <-done:
			t.Fatalf("run returned %d before listening; log:\n%s", c, sink)
		case <-time.After(30 * time.Second): // a hang guard, not a timing assertion
			t.Fatalf("no listening and debug listener lines; log:\n%s", sink)
		}
	}
	api, debug := "http://"+addrs["listening"], "http://"+addrs["debug listener"]
	if addrs["debug listener"] == "" || api == debug {
		t.Fatalf("addresses %v: want the API and a separate debug listener", addrs)
	}

	if code, body := get(t, debug+"/debug/pprof/"); code != http.StatusOK || !strings.Contains(body, "goroutine") {
		t.Errorf("GET /debug/pprof/ on the debug listener: %d %.200s", code, body)
	}
	if code, body := get(t, debug+"/debug/pprof/heap?debug=1"); code != http.StatusOK || !strings.Contains(body, "heap profile") {
		t.Errorf("GET /debug/pprof/heap: %d %.200s", code, body)
	}
	if code, _ := get(t, debug+"/v1/lists"); code != http.StatusNotFound {
		t.Errorf("the debug listener serves the API: GET /v1/lists %d", code)
	}
	if code, _ := get(t, api+"/debug/pprof/"); code != http.StatusNotFound {
		t.Errorf("the public API serves pprof: %d", code)
	}

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("run returned %d, want 0; log:\n%s", code, sink)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("run did not return after cancel; log:\n%s", sink)
	}
	if _, err := http.Get(debug + "/debug/pprof/"); err == nil {
		t.Error("the debug listener still answers after shutdown")
	}
}

func TestServeWithoutDebugAddrStartsNoDebugListener(t *testing.T) {
	base, stop := startServe(t, env())
	if code, _ := get(t, base+"/debug/pprof/"); code != http.StatusNotFound {
		t.Errorf("GET /debug/pprof/ on the API: %d, want 404", code)
	}
	stop()
}

func TestServeReportsADebugAddrInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfg := writeConfig(t, "server:\n  debug_addr: "+ln.Addr().String()+"\n")
	var stderr bytes.Buffer
	code := run(t.Context(), []string{"rpscreen", "serve", "--addr", "127.0.0.1:0", "--config", cfg}, env(), io.Discard, &stderr)
	if code == exitOK || !strings.Contains(stderr.String(), "debug listener") {
		t.Errorf("exit %d, log %q: want a failure naming the debug listener", code, stderr.String())
	}
}
