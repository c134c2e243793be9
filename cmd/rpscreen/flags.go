package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// parseFlags parses a command's flags, allowing them before, between and
// after its arguments ("screen ACME --json"); "--" ends the flags. It returns
// the arguments. When ok is false the caller returns code: 0 after -h (the
// command's usage on stdout), 2 after a bad flag (one line on stderr).
func parseFlags(fs *flag.FlagSet, usageLine string, args []string, stdout, stderr io.Writer) (rest []string, code int, ok bool) {
	fs.SetOutput(io.Discard) // errors are reported here, in one line
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, "Usage: %s\n\nFlags:\n", usageLine)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return nil, exitOK, false
		}
		if err != nil {
			return nil, usageError(stderr, fmt.Sprintf("%s: %v (see rpscreen %s -h)", fs.Name(), err, fs.Name())), false
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, exitOK, true
		}
		if consumed := len(args) - len(left); consumed > 0 && args[consumed-1] == "--" {
			return append(rest, left...), exitOK, true
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}

// usageError prints a one-line message naming the problem and returns 2.
func usageError(stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "rpscreen: %s\n", msg)
	return exitUsage
}

// listFlag collects a repeatable flag; each value may also hold a
// comma-separated list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// thresholdFlag defines --threshold, a score in [0,1] stored in *dst; nil
// when the flag is not given.
func thresholdFlag(fs *flag.FlagSet, dst **float64, usage string) {
	fs.Func("threshold", usage, func(s string) error {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || v < 0 || v > 1 {
			return errors.New("must be a number between 0 and 1")
		}
		*dst = &v
		return nil
	})
}
