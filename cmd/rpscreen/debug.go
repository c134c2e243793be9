package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"

	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/api"
)

// debugListener serves /debug/pprof on server.debug_addr, apart from the
// public API, for operators profiling a running service.
type debugListener struct {
	srv  *http.Server
	done chan error // Serve's result
}

// debugMux registers the pprof handlers on a mux of its own. Importing
// net/http/pprof also registers them on http.DefaultServeMux, which
// rpscreen never serves.
func debugMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index) // and every named profile: heap, goroutine, allocs...
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// startDebugListener listens on cfg.DebugAddr and serves pprof there; it
// returns nil, and starts nothing, when the address is empty.
func startDebugListener(ctx context.Context, log *zap.Logger, cfg api.Config) (*debugListener, error) {
	if cfg.DebugAddr == "" {
		return nil, nil
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.DebugAddr)
	if err != nil {
		return nil, fmt.Errorf("debug listener: %w", err)
	}
	d := &debugListener{
		// No write timeout: a CPU profile or trace streams for as long as asked.
		srv: &http.Server{
			Handler:           debugMux(),
			ReadHeaderTimeout: cfg.ReadHeaderTimeout,
			IdleTimeout:       cfg.IdleTimeout,
			ErrorLog:          zap.NewStdLog(log.Named("debug")),
		},
		done: make(chan error, 1),
	}
	go func() { d.done <- d.srv.Serve(ln) }()
	log.Info("debug listener", zap.String("addr", ln.Addr().String()), zap.String("path", "/debug/pprof/"))
	return d, nil
}

// shutdown stops the listener within ctx, then closes what is left (a
// profile still streaming). It is a no-op on a nil listener and after the
// first call.
func (d *debugListener) shutdown(ctx context.Context) error {
	if d == nil || d.done == nil {
		return nil
	}
	err := d.srv.Shutdown(ctx)
	if err != nil {
		err = fmt.Errorf("debug listener shutdown: %w", err)
		_ = d.srv.Close()
	}
	if serr := <-d.done; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, fmt.Errorf("debug listener: %w", serr))
	}
	d.done = nil
	return err
}

// close stops the listener at once, for a server that failed; a no-op on a
// nil listener and after shutdown.
func (d *debugListener) close() {
	if d == nil || d.done == nil {
		return
	}
	_ = d.srv.Close()
	<-d.done
	d.done = nil
}
