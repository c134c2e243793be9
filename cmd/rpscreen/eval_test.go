package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runEval(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	noEnv := func(string) string { return "" }
	code = run(t.Context(), append([]string{"rpscreen", "eval"}, args...), noEnv, &out, &errb)
	return code, out.String(), errb.String()
}

// evalData returns the absolute path of ../shared/data beside the
// repository, or skips: the evaluation reads the real published files.
func evalData(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", evalDataDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{evalCasesFile, evalNegativesFile, "us_csl/consolidated.derived.csv", "uk/UK-Sanctions-List.derived.csv"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Skipf("shared data not found at %s: the evaluation test needs it", dir)
		}
	}
	return dir
}

// evalConfigFile writes a configuration with two real lists (not all of
// them, to keep the test fast under -race), by absolute path.
func evalConfigFile(t *testing.T, data string) string {
	t.Helper()
	body := fmt.Sprintf("lists:\n  - id: us_csl\n    format: csl_csv\n    path: %s\n  - id: uk_sanctions\n    format: uk_csv\n    path: %s\n",
		filepath.Join(data, "us_csl", "consolidated.derived.csv"), filepath.Join(data, "uk", "UK-Sanctions-List.derived.csv"))
	p := filepath.Join(t.TempDir(), "eval.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func inUnit(t *testing.T, name string, v float64) {
	t.Helper()
	if v < 0 || v > 1 || v != v {
		t.Errorf("%s = %v, want a figure in [0, 1]", name, v)
	}
}

func TestEvalReportOnSharedData(t *testing.T) {
	data := evalData(t)
	const samples, negatives = 300, 1000
	code, stdout, stderr := runEval(t, "--config", evalConfigFile(t, data), "--data", data,
		"--samples", fmt.Sprint(samples), "--negatives", fmt.Sprint(negatives), "--seed", "7", "--json", "--verbose")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var rep evalReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json output: %v\n%s", err, stdout)
	}
	if rep.Seed != 7 || rep.Threshold != 0.85 || len(rep.Lists) != 3 {
		t.Errorf("seed %d, threshold %v, %d lists; want 7, 0.85 and 3 (the built-in, us_csl, uk_sanctions)", rep.Seed, rep.Threshold, len(rep.Lists))
	}

	for name, m := range map[string]pairMetrics{"organizations": rep.Pairs.Organizations, "persons": rep.Pairs.Persons, "vessels": rep.Pairs.Vessels} {
		if m.Pairs == 0 || m.TP+m.FP+m.FN+m.TN != m.Pairs || m.TP+m.FN != m.Matches {
			t.Errorf("%s: %+v: counts do not add up", name, m)
		}
		for fig, v := range map[string]float64{"precision": m.Precision, "recall": m.Recall, "F1": m.F1, "best F1": m.BestF1} {
			inUnit(t, name+" "+fig, v)
		}
	}
	t.Logf("organisation pairs: P %.3f R %.3f F1 %.3f (%d pairs)", rep.Pairs.Organizations.Precision,
		rep.Pairs.Organizations.Recall, rep.Pairs.Organizations.F1, rep.Pairs.Organizations.Pairs)
	if fp, fn := rep.Pairs.Organizations.FP, rep.Pairs.Organizations.FN; len(rep.Pairs.Misclassified) != fp+fn {
		t.Errorf("--verbose lists %d misclassified pairs, want FP+FN = %d", len(rep.Pairs.Misclassified), fp+fn)
	}
	inUnit(t, "symmetry max diff", rep.Pairs.Symmetry.MaxDiff)
	if rep.CrossScript.Pairs == 0 || rep.CrossScript.Found > rep.CrossScript.Pairs {
		t.Errorf("cross-script: %+v", rep.CrossScript)
	}

	sr := rep.Screening
	if sr == nil {
		t.Fatal("no perturbed-name section")
	}
	if sr.Samples+sr.Skipped != samples || sr.Organizations+sr.Individuals != sr.Samples || sr.Clean != negatives {
		t.Errorf("%d variants + %d skipped, %d organisations + %d individuals, %d clean; want %d samples and %d clean",
			sr.Samples, sr.Skipped, sr.Organizations, sr.Individuals, sr.Clean, samples, negatives)
	}
	for fig, v := range map[string]float64{"recall": sr.Recall, "clean flagged": sr.CleanFlagged, "recall at 1%": sr.RecallAt1Pct, "threshold at 1%": sr.ThresholdAt1Pct} {
		inUnit(t, fig, v)
	}
	if sr.ThresholdAt1Pct < sr.Floor || sr.Found > sr.Samples || len(sr.Misses) != sr.Samples-sr.Found {
		t.Errorf("threshold at 1%% %v (floor %v), %d found of %d, %d misses listed", sr.ThresholdAt1Pct, sr.Floor, sr.Found, sr.Samples, len(sr.Misses))
	}
	if sr.CleanFlaggedCount != len(sr.FalsePositives) {
		t.Errorf("%d clean names flagged, %d listed", sr.CleanFlaggedCount, len(sr.FalsePositives))
	}
	counted := 0
	for _, k := range sr.ByKind {
		counted += k.Alone
		inUnit(t, k.Kind+" recall", k.Recall)
	}
	if len(sr.ByKind) < 5 || counted > sr.Samples {
		t.Errorf("%d kinds reported, %d single-kind variants of %d", len(sr.ByKind), counted, sr.Samples)
	}
	if sr.Adversarial.Rows == 0 || sr.Adversarial.Flagged > sr.Adversarial.Rows {
		t.Errorf("adversarial: %+v", sr.Adversarial)
	}
	t.Logf("variants: recall %.3f, clean flagged %.4f, recall %.3f at 1%% flagged (threshold %.4f)",
		sr.Recall, sr.CleanFlagged, sr.RecallAt1Pct, sr.ThresholdAt1Pct)
}

func TestEvalTextReport(t *testing.T) {
	data := evalData(t)
	code, stdout, stderr := runEval(t, "--config", evalConfigFile(t, data), "--list", "uk_sanctions", "--data", data, "--samples", "0", "--seed", "3")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"seed 3", "threshold 0.85", "1. Labelled pairs", "organisations", "3. Cross-script", "Targets:"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report does not contain %q:\n%s", want, stdout)
		}
	}
}

func TestEvalUsageErrors(t *testing.T) {
	// Stub data files: these runs stop before reading them.
	stub := t.TempDir()
	for _, p := range []string{evalCasesFile, evalCrossFile, evalNegativesFile} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(stub, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(stub, p), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"unknown flag", []string{"--bogus"}, "bogus"},
		{"threshold above 1", []string{"--threshold", "1.5"}, "threshold"},
		{"negative samples", []string{"--samples", "-1"}, "--samples"},
		{"an argument", []string{"ACME"}, `"ACME"`},
		{"missing data directory", []string{"--data", "/nonexistent/shared/data"}, "/nonexistent/shared/data"},
		{"missing config file", []string{"--data", stub, "--config", "/nonexistent/eval.yaml"}, "/nonexistent/eval.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runEval(t, tt.args...)
			if code != exitUsage || stdout != "" {
				t.Errorf("exit %d, stdout %q; want exit %d and no output", code, stdout, exitUsage)
			}
			if !strings.Contains(stderr, tt.stderr) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("stderr %q: want one line naming %s", stderr, tt.stderr)
			}
		})
	}
	if code, stdout, _ := runEval(t, "-h"); code != exitOK || !strings.Contains(stdout, "-samples") {
		t.Errorf("eval -h: exit %d, stdout %q", code, stdout)
	}
}
