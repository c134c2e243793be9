package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap/zapcore"

	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

const screenUsage = "rpscreen screen [--config FILE] [--json] [--threshold X] [--limit N] [--type T] [--country CC] [--list ID]... NAME..."

// screenFlags are the query settings shared by every NAME.
type screenFlags struct {
	configPath string
	json       bool
	threshold  *float64
	limit      *int
	typ        string
	country    string
	lists      listFlag
}

func (f *screenFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.configPath, "config", "", "configuration `file` (default: $"+envConfig+", else the embedded default)")
	fs.BoolVar(&f.json, "json", false, "print a JSON document instead of tables")
	fs.Func("threshold", "minimum score for a hit, 0..1 (default: matching.threshold)", func(s string) error {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || v < 0 || v > 1 {
			return fmt.Errorf("must be a number between 0 and 1")
		}
		f.threshold = &v
		return nil
	})
	fs.Func("limit", fmt.Sprintf("maximum hits per name, %d..%d (default: matching.limit)", match.MinLimit, match.MaxLimit), func(s string) error {
		v, err := strconv.Atoi(s)
		if err != nil || v < match.MinLimit || v > match.MaxLimit {
			return fmt.Errorf("must be a whole number between %d and %d", match.MinLimit, match.MaxLimit)
		}
		f.limit = &v
		return nil
	})
	fs.StringVar(&f.typ, "type", "", "only entities of this `type`: organization, individual, vessel or aircraft")
	fs.StringVar(&f.country, "country", "", "the party's `country`, ISO 3166-1 alpha-2 (GB, DE…)")
	fs.Var(&f.lists, "list", "screen only this list `id` (repeatable; default: every list)")
}

// screen screens each NAME once against the configured lists and prints the
// results. Exit 0: all clear; 1: any potential match; 2: usage or load error.
func screen(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var f screenFlags
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	f.register(fs)
	names, code, ok := parseFlags(fs, screenUsage, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(names) == 0 {
		return usageError(stderr, "screen: no NAME to screen (see rpscreen screen -h)")
	}
	queries := make([]match.Query, len(names))
	for i, name := range names {
		queries[i] = match.Query{
			Name:      name,
			Type:      match.EntityType(strings.ToLower(f.typ)),
			Country:   strings.ToUpper(f.country),
			Lists:     f.lists,
			Threshold: f.threshold,
			Limit:     f.limit,
		}
		if err := queries[i].Validate(); err != nil {
			return usageError(stderr, fmt.Sprintf("screen: NAME %d: %v", i+1, err))
		}
	}

	cfg, _, err := loadConfig(f.configPath, getenv)
	if err != nil {
		return usageError(stderr, oneLine(err))
	}
	if err := cfg.Validate(); err != nil {
		return usageError(stderr, oneLine(err))
	}
	// Warnings and errors only, on stderr: stdout carries the results.
	log, err := newLogger(LogConfig{Level: cfg.Log.Level, Format: formatConsole}, zapcore.WarnLevel, stderr)
	if err != nil {
		return usageError(stderr, oneLine(err))
	}
	defer func() { _ = log.Sync() }()

	// Load only the lists asked for: a slow or broken list the user did not
	// select should not stop the screening.
	if len(f.lists) > 0 {
		cfg.Lists = slices.DeleteFunc(cfg.Lists, func(c lists.Config) bool { return !slices.Contains(f.lists, c.ID) })
	}
	registry, err := lists.NewRegistry(log, prometheus.NewRegistry(), cfg.settings())
	if err != nil {
		return usageError(stderr, oneLine(err))
	}
	if err := registry.Load(ctx); err != nil {
		return usageError(stderr, "loading lists: "+oneLine(err))
	}

	results := make([]match.Result, len(queries))
	for i, q := range queries {
		if results[i], err = registry.Screen(ctx, q); err != nil {
			return usageError(stderr, fmt.Sprintf("screen: NAME %d: %v", i+1, err))
		}
	}

	if f.json {
		err = writeJSON(stdout, names, results, registry.Lists())
	} else {
		err = writeTables(stdout, names, results)
	}
	if err != nil {
		return usageError(stderr, "writing results: "+err.Error())
	}
	for _, r := range results {
		if r.Status == match.PotentialMatch {
			return exitMatch
		}
	}
	return exitOK
}
