package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap/zapcore"

	"github.com/rpscreen/rpscreen/api"
	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

const screenUsage = `rpscreen screen [--config FILE | --server URL] [--json] [--threshold X] [--limit N]
                       [--type T] [--country CC] [--list ID]... NAME...
       rpscreen screen [--config FILE | --server URL] [--threshold X] [--limit N]
                       [--list ID]... --csv FILE [--out FILE]`

// screenFlags are the query settings shared by every NAME or CSV row.
type screenFlags struct {
	configPath string
	server     string
	csvPath    string
	out        string
	json       bool
	threshold  *float64
	limit      *int
	typ        string
	country    string
	lists      listFlag
}

func (f *screenFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.configPath, "config", "", "configuration `file` (default: $"+envConfig+", else the embedded default)")
	fs.StringVar(&f.server, "server", "", "screen through a running rpscreen at this base `URL` (http://host:8080) instead of loading the lists here")
	fs.StringVar(&f.csvPath, "csv", "", "screen every row of this CSV `file` (header id,name and optionally country,type)")
	fs.StringVar(&f.out, "out", "", "with --csv: write the CSV results to this `file` (default or -: stdout)")
	fs.BoolVar(&f.json, "json", false, "print a JSON document instead of tables")
	thresholdFlag(fs, &f.threshold, "minimum score for a hit, 0..1 (default: matching.threshold)")
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

// screen screens each NAME, or each row of a CSV file, once against the
// configured lists (or a running server) and prints the results. Exit 0: all
// clear; 1: any potential match; 2: usage, load or server error, or (--csv,
// no potential match) a row that could not be screened.
func screen(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var f screenFlags
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	f.register(fs)
	names, code, ok := parseFlags(fs, screenUsage, args, stdout, stderr)
	if !ok {
		return code
	}
	if err := f.check(names); err != nil {
		return usageError(stderr, "screen: "+err.Error()+" (see rpscreen screen -h)")
	}
	if f.csvPath != "" {
		return screenCSV(ctx, f, getenv, stdout, stderr)
	}
	queries := make([]match.Query, len(names))
	for i, name := range names {
		queries[i] = f.query(name)
		if err := queries[i].Validate(); err != nil {
			return usageError(stderr, fmt.Sprintf("screen: NAME %d: %v", i+1, err))
		}
	}

	var results []nameResult
	var screened []api.ListVersion
	if f.server != "" {
		srv, err := newRemote(f.server)
		if err != nil {
			return usageError(stderr, "screen: "+err.Error())
		}
		if results, screened, err = srv.screenNames(ctx, queries); err != nil {
			return usageError(stderr, "screen: "+err.Error())
		}
	} else {
		registry, closeLog, msg := f.loadRegistry(ctx, getenv, stderr)
		if registry == nil {
			return usageError(stderr, msg)
		}
		defer closeLog()
		found := make([]match.Result, len(queries))
		for i, q := range queries {
			var err error
			if found[i], err = registry.Screen(ctx, q); err != nil {
				return usageError(stderr, fmt.Sprintf("screen: NAME %d: %v", i+1, err))
			}
		}
		results, screened = localResults(names, found), api.ScreenedLists(nil, registry.Lists())
	}

	var err error
	if f.json {
		err = writeJSON(stdout, results, screened)
	} else {
		err = writeTables(stdout, results)
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

// check refuses flags that do not go together, each with a reason.
func (f *screenFlags) check(names []string) error {
	switch {
	case f.server != "" && f.configPath != "":
		return errors.New("--config and --server do not mix: the server screens against its own configuration")
	case f.out != "" && f.csvPath == "":
		return errors.New("--out needs --csv")
	case f.csvPath != "" && len(names) > 0:
		return fmt.Errorf("--csv and NAME arguments do not mix (got %q)", names[0])
	case f.csvPath != "" && f.json:
		return errors.New("--json does not apply to --csv: the results are CSV")
	case f.csvPath != "" && (f.typ != "" || f.country != ""):
		return errors.New("--type and --country do not apply to --csv: use the file's type and country columns")
	case f.csvPath == "" && len(names) == 0:
		return errors.New("no NAME to screen")
	}
	return nil
}

// query is the domain query for one name with the flags' settings.
func (f *screenFlags) query(name string) match.Query {
	return match.Query{
		Name:      name,
		Type:      match.EntityType(strings.ToLower(f.typ)),
		Country:   strings.ToUpper(f.country),
		Lists:     f.lists,
		Threshold: f.threshold,
		Limit:     f.limit,
	}
}

// loadRegistry loads the configured lists (only those --list names, when
// given). On failure it returns nil and a one-line message; on success a
// function that flushes the logger.
func (f *screenFlags) loadRegistry(ctx context.Context, getenv func(string) string, stderr io.Writer) (*lists.Registry, func(), string) {
	cfg, _, err := loadConfig(f.configPath, getenv)
	if err != nil {
		return nil, nil, oneLine(err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, nil, oneLine(err)
	}
	// Warnings and errors only, on stderr: stdout carries the results.
	log, err := newLogger(LogConfig{Level: cfg.Log.Level, Format: formatConsole}, zapcore.WarnLevel, stderr)
	if err != nil {
		return nil, nil, oneLine(err)
	}
	closeLog := func() { _ = log.Sync() }

	// Load only the lists asked for: a slow or broken list the user did not
	// select should not stop the screening.
	if len(f.lists) > 0 {
		cfg.Lists = slices.DeleteFunc(cfg.Lists, func(c lists.Config) bool { return !slices.Contains(f.lists, c.ID) })
	}
	registry, err := lists.NewRegistry(log, prometheus.NewRegistry(), cfg.settings())
	if err != nil {
		closeLog()
		return nil, nil, oneLine(err)
	}
	if err := registry.Load(ctx); err != nil {
		closeLog()
		return nil, nil, "loading lists: " + oneLine(err)
	}
	return registry, closeLog, ""
}
