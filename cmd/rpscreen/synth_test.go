package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
	"github.com/rpscreen/rpscreen/match/matchtest"
)

// A synthetic list written by synth loads through the custom_csv loader,
// configured as a user would, with every entity as generated.
func TestSynthRoundTripsThroughCustomCSV(t *testing.T) {
	out := filepath.Join(t.TempDir(), "synthetic.csv")
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), []string{"rpscreen", "synth", "--entities", "3000", "--out", out, "--seed", "9"}, env(), &stdout, &stderr)
	if code != exitOK || !strings.Contains(stdout.String(), "wrote 3000 entities") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}

	cfg, _, err := loadConfig(writeConfig(t, "lists:\n  - id: synthetic\n    format: custom_csv\n    path: "+out+"\n"), env())
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	reg, err := lists.NewRegistry(zap.NewNop(), prometheus.NewRegistry(), cfg.settings())
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Load(t.Context()); err != nil {
		t.Fatalf("the custom_csv loader refused the synthetic list: %v", err)
	}
	want := matchtest.Entities(9, 3000)
	names := 0
	for _, w := range want {
		names += 1 + len(w.Aliases)
		got, err := reg.Entity(w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != w.Name || got.Type != w.Type || !reflect.DeepEqual(got.Aliases, w.Aliases) ||
			!reflect.DeepEqual(got.Countries, w.Countries) || !reflect.DeepEqual(got.Programs, w.Programs) {
			t.Fatalf("entity %s:\n got %+v\nwant %+v", w.ID, got, w)
		}
	}
	for _, s := range reg.Lists() {
		if s.ID == "synthetic" && (s.Entities != 3000 || s.Names != names) {
			t.Errorf("/v1/lists says %d entities, %d names; want 3000, %d", s.Entities, s.Names, names)
		}
	}
	res, err := reg.Screen(t.Context(), match.Query{Name: want[42].Name})
	if err != nil || res.Status != match.PotentialMatch {
		t.Errorf("screening listed name %q: %+v, %v", want[42].Name, res.Status, err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("temporary files left beside the list: %v", entries)
	}
}

func TestSynthRejectsBadFlags(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--out", filepath.Join(dir, "x.csv")}, "--entities"},
		{[]string{"--entities", "0", "--out", filepath.Join(dir, "x.csv")}, "--entities"},
		{[]string{"--entities", "10"}, "--out"},
		{[]string{"--entities", "10", "--out", filepath.Join(dir, "x.csv"), "--seed", "-1"}, "seed"},
		{[]string{"--entities", "10", "--out", filepath.Join(dir, "missing", "x.csv")}, "missing"},
		{[]string{"--entities", "10", "--out", filepath.Join(dir, "x.csv"), "extra"}, "extra"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(t.Context(), append([]string{"rpscreen", "synth"}, tt.args...), env(), &stdout, &stderr)
		if code != exitUsage || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming %q", tt.args, code, stderr.String(), tt.want)
		}
	}
}
