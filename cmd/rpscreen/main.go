// Command rpscreen screens company and person names against restricted-party
// lists: as an HTTP service (serve) or once from a shell (screen).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit statuses, as CONTRACT.md gives them for screen.
const (
	exitOK    = 0 // success; screen: every name clear
	exitMatch = 1 // screen: a potential match; serve: failed while running
	exitUsage = 2 // usage, configuration or list load error
)

const usage = `rpscreen screens names against restricted-party lists.

Usage:
  rpscreen serve   [--config FILE] [--log-format json|console] [--addr ADDR]
  rpscreen screen  [--config FILE | --server URL] [--json] [--threshold X] [--limit N]
                   [--type T] [--country CC] [--list ID]... NAME...
  rpscreen screen  [--config FILE | --server URL] [--threshold X] [--limit N]
                   [--list ID]... --csv FILE [--out FILE]
  rpscreen eval    [--config FILE] [--data DIR] [--samples N] [--seed N] [--json] [--verbose]
  rpscreen loadtest [--url URL] [--path /v1/screen|/healthz] [--duration 20s]
                   [--concurrency 16] [--names FILE | --synthetic] [--batch N] [--json]
  rpscreen synth   --entities N --out FILE [--seed S]
  rpscreen version
  rpscreen help

Commands:
  serve    run the HTTP API (POST /v1/screen, /v1/lists, /healthz, /readyz, /metrics)
  screen   screen each NAME, or each row of a CSV file, against the lists (or a
           running server with --server); exit 0 = all clear, 1 = potential
           match, 2 = usage, load or server error, or a row that could not be
           screened (and no potential match)
  loadtest drive a running server for a bounded time; report throughput,
           latency percentiles and errors (exit 1 when any request failed)
  synth    write a synthetic list of any size in the custom_csv format
  version  print the version, commit and Go version

Environment:
  RPSCREEN_CONFIG  configuration file, when --config is not given
  RPSCREEN_ADDR    overrides server.addr (serve --addr overrides both)
  RPSCREEN_ADMIN_TOKEN
                   when set, POST /v1/lists/{id}/refresh needs
                   "Authorization: Bearer <token>"

Run "rpscreen COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program: it parses args (args[0] is the program name),
// reads the environment through getenv and returns the exit status. The
// serve command runs until ctx is cancelled. Tests call it directly.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, getenv, stdout, stderr)
	case "screen":
		return screen(ctx, rest, getenv, stdout, stderr)
	case "eval":
		return evaluate(ctx, rest, getenv, stdout, stderr)
	case "loadtest":
		return loadtest(ctx, rest, getenv, stdout, stderr)
	case "synth":
		return synth(ctx, rest, getenv, stdout, stderr)
	case "version", "--version":
		return printVersion(stdout)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "rpscreen: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}
