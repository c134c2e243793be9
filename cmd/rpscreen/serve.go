package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"time"

	"github.com/KimMachineGun/automemlimit/memlimit"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/rpscreen/rpscreen/api"
	"github.com/rpscreen/rpscreen/lists"
)

const serveUsage = "rpscreen serve [--config FILE] [--log-format json|console] [--addr ADDR]"

// serve runs the HTTP service until ctx is cancelled, then shuts down
// gracefully. Logs go to stderr.
func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	configPath := fs.String("config", "", "configuration `file` (default: $"+envConfig+", else the embedded default)")
	logFormat := fs.String("log-format", "", "log `format`, json or console (overrides log.format)")
	addr := fs.String("addr", "", "listen `address` (overrides server.addr and $"+envAddr+")")
	rest, code, ok := parseFlags(fs, serveUsage, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(stderr, fmt.Sprintf("serve: unexpected argument %q", rest[0]))
	}

	cfg, source, err := loadConfig(*configPath, getenv)
	if err != nil {
		return usageError(stderr, oneLine(err))
	}
	if *logFormat != "" {
		cfg.Log.Format = *logFormat
	}
	if *addr != "" {
		cfg.Server.Addr = *addr
	}
	if err := cfg.Validate(); err != nil {
		return usageError(stderr, oneLine(err))
	}
	// Every request writes an access-log line: buffered, they cost one
	// write a second rather than a system call each (about 5% of the
	// server's CPU under load). Errors above Error level, and shutdown,
	// flush at once.
	logw := &zapcore.BufferedWriteSyncer{WS: zapcore.AddSync(stderr), FlushInterval: time.Second}
	defer func() { _ = logw.Stop() }()
	log, err := newLogger(cfg.Log, zapcore.DebugLevel, logw)
	if err != nil {
		return usageError(stderr, oneLine(err))
	}
	defer func() { _ = log.Sync() }() // stderr may not support fsync; nothing to do about it

	applyMemoryLimit(log, cfg.Server.MemoryLimit, getenv, memlimit.FromCgroup)
	if err := runServer(ctx, log, cfg, source); err != nil {
		log.Error("server failed", zap.Error(err))
		return exitMatch
	}
	return exitOK
}

// runServer wires the service and serves until ctx is cancelled. The listener
// opens before the lists load, so /healthz answers and /readyz says 503 with
// the lists still missing while they load.
func runServer(ctx context.Context, log *zap.Logger, cfg Config, source string) error {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	registry, err := lists.NewRegistry(log, reg, cfg.settings())
	if err != nil {
		return fmt.Errorf("lists: %w", err)
	}
	handler, err := api.New(log, reg, registry, api.Options{
		BodyLimit:      cfg.Server.BodyLimit,
		BatchMaxItems:  cfg.Server.BatchMaxItems,
		BatchBodyLimit: cfg.Server.BatchBodyLimit,
		Version:        version,
		Gatherer:       reg,
		AdminToken:     cfg.Server.AdminToken,
	})
	if err != nil {
		return fmt.Errorf("api: %w", err)
	}

	logStartup(log, cfg, source)
	if cfg.Server.AdminToken == "" {
		log.Warn("POST /v1/lists/{id}/refresh is open to every client; set " + envAdminToken + " to require a token")
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.Server.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	dbg, err := startDebugListener(ctx, log, cfg.Server) // nil unless server.debug_addr is set
	if err != nil {
		_ = ln.Close()
		return err
	}
	defer dbg.close() // on an early return; a no-op after the shutdown below
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: cfg.Server.ReadHeaderTimeout,
		ReadTimeout:       cfg.Server.ReadTimeout,
		WriteTimeout:      cfg.Server.WriteTimeout,
		IdleTimeout:       cfg.Server.IdleTimeout,
		ErrorLog:          zap.NewStdLog(log.Named("http")),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	// Tests and operators learn the bound port (":0" works) from this line.
	log.Info("listening", zap.String("addr", ln.Addr().String()))
	_ = log.Sync() // the log is buffered: this line is wanted now

	loading := make(chan struct{})
	go func() {
		defer close(loading)
		start := time.Now()
		// Failures are logged by the registry and shown on /readyz and
		// /v1/lists; the service keeps serving the lists that did load.
		if err := registry.Load(ctx); err != nil {
			log.Warn("lists loaded with failures", zap.Duration("took", time.Since(start)), zap.String("error", oneLine(err)))
		} else {
			log.Info("lists loaded", zap.Duration("took", time.Since(start)))
		}
		registry.Run(ctx) // refreshes lists with a refresh interval until ctx ends
	}()

	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	log.Info("shutting down", zap.Duration("timeout", cfg.Server.ShutdownTimeout))
	// ctx is already cancelled: the shutdown deadline needs a fresh context.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.Server.ShutdownTimeout)
	defer cancel()
	err = srv.Shutdown(sctx)
	if err != nil {
		err = fmt.Errorf("shutdown: %w", err)
		_ = srv.Close()
	}
	if serr := <-serveErr; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, fmt.Errorf("serve: %w", serr))
	}
	err = errors.Join(err, dbg.shutdown(sctx))
	// The loader and refresher see the cancelled ctx; wait for them within
	// the same deadline so a download in progress ends cleanly.
	select {
	case <-loading:
	case <-sctx.Done():
		log.Warn("list loading did not stop before the shutdown deadline")
	}
	if err == nil {
		log.Info("stopped")
	}
	return err
}

// logStartup logs the effective configuration as fields.
func logStartup(log *zap.Logger, cfg Config, source string) {
	log.Info("rpscreen starting",
		zap.String("version", version),
		zap.String("go_version", runtime.Version()),
		zap.String("config", source),
		zap.Dict("server",
			zap.String("addr", cfg.Server.Addr),
			zap.Duration("read_header_timeout", cfg.Server.ReadHeaderTimeout),
			zap.Duration("read_timeout", cfg.Server.ReadTimeout),
			zap.Duration("write_timeout", cfg.Server.WriteTimeout),
			zap.Duration("idle_timeout", cfg.Server.IdleTimeout),
			zap.Duration("shutdown_timeout", cfg.Server.ShutdownTimeout),
			zap.Int64("body_limit_bytes", cfg.Server.BodyLimit),
			zap.Int("batch_max_items", cfg.Server.BatchMaxItems),
			zap.Int64("batch_body_limit_bytes", cfg.Server.BatchBodyLimit),
			zap.String("memory_limit", cfg.Server.MemoryLimit),
			zap.Bool("refresh_needs_admin_token", cfg.Server.AdminToken != ""),
		),
		zap.Dict("log", zap.String("level", cfg.Log.Level), zap.String("format", cfg.Log.Format)),
		zap.Dict("matching", zap.Float64("threshold", cfg.Matching.Threshold), zap.Int("limit", cfg.Matching.Limit)),
		zap.Array("lists", listsField(cfg.Lists)),
		zap.Dict("fetch",
			zap.String("cache_dir", cfg.Fetch.CacheDir),
			zap.Duration("timeout", cfg.Fetch.Timeout),
			zap.Int64("max_bytes", cfg.Fetch.MaxBytes),
			zap.Int("retries", cfg.Fetch.Retries),
			zap.Duration("backoff", cfg.Fetch.Backoff),
			zap.String("user_agent", cfg.Fetch.UserAgent),
		),
	)
}

// listsField logs each configured list; the built-in list is always there.
type listsField []lists.Config

func (ls listsField) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	builtin := lists.Config{ID: lists.BuiltinListID, Format: "builtin", Path: "built-in"}
	for _, l := range append([]lists.Config{builtin}, ls...) {
		err := enc.AppendObject(zapcore.ObjectMarshalerFunc(func(o zapcore.ObjectEncoder) error {
			o.AddString("id", l.ID)
			o.AddString("format", l.Format)
			o.AddString("source", redactURL(l.Source()))
			if l.Refresh > 0 {
				o.AddDuration("refresh", l.Refresh)
			}
			return nil
		}))
		if err != nil {
			return err
		}
	}
	return nil
}

// redactURL drops credentials and the query from a list URL: download links
// often carry an API key.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return s
	}
	if u.User != nil {
		u.User = url.User("REDACTED")
	}
	if u.RawQuery != "" {
		u.RawQuery = "REDACTED"
	}
	return u.String()
}
