package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rpscreen/rpscreen/match"
	"github.com/rpscreen/rpscreen/match/matchtest"
)

const synthUsage = "rpscreen synth --entities N --out FILE [--seed S]"

// maxSynthEntities bounds a synthetic list to what one machine can index.
const maxSynthEntities = 10_000_000

// synth writes a synthetic list in the custom_csv format, so that the real
// binary can serve a list of any size (format: custom_csv, path: FILE).
// The file is written beside FILE and renamed into place: a list being
// written is never read half-done.
func synth(_ context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	n := fs.Int("entities", 0, fmt.Sprintf("how many entities to write, 1..%d (about 1.5 names each)", maxSynthEntities))
	out := fs.String("out", "", "the custom_csv `file` to write")
	seed := fs.Uint64("seed", syntheticSeed, "generator seed: the same seed writes the same list")
	rest, code, ok := parseFlags(fs, synthUsage, args, stdout, stderr)
	if !ok {
		return code
	}
	switch {
	case len(rest) > 0:
		return usageError(stderr, fmt.Sprintf("synth: unexpected argument %q (see rpscreen synth -h)", rest[0]))
	case *n < 1 || *n > maxSynthEntities:
		return usageError(stderr, fmt.Sprintf("synth: --entities %d: must be between 1 and %d", *n, maxSynthEntities))
	case *out == "":
		return usageError(stderr, "synth: --out FILE is required")
	}
	entities := matchtest.Entities(*seed, *n)
	names, err := writeSyntheticList(*out, entities)
	if err != nil {
		return usageError(stderr, "synth: "+err.Error())
	}
	fmt.Fprintf(stdout, "wrote %d entities (%d names) to %s\n", len(entities), names, *out)
	return exitOK
}

// writeSyntheticList writes entities as custom_csv and returns how many
// names (primary and aliases) it holds.
func writeSyntheticList(path string, entities []*match.Entity) (names int, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	w := csv.NewWriter(bw)
	if err := w.Write([]string{"id", "name", "aliases", "type", "countries", "program", "remarks"}); err != nil {
		return 0, err
	}
	aliases := make([]string, 0, 4)
	for _, e := range entities {
		aliases = aliases[:0]
		for _, a := range e.Aliases {
			aliases = append(aliases, a.Name)
		}
		names += 1 + len(aliases)
		_, id, _ := strings.Cut(e.ID, ":") // the loader adds "<list id>:" back
		row := []string{id, e.Name, strings.Join(aliases, ";"), string(e.Type),
			strings.Join(e.Countries, ";"), strings.Join(e.Programs, ";"), "synthetic"}
		if err := w.Write(row); err != nil {
			return 0, err
		}
	}
	if w.Flush(); w.Error() != nil {
		return 0, w.Error()
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	if err := tmp.Chmod(0o644); err != nil { // a list is not a secret; the server may run as another user
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	return names, os.Rename(tmp.Name(), path)
}
