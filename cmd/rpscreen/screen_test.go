package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func runScreen(t *testing.T, getenv func(string) string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(t.Context(), append([]string{"rpscreen", "screen"}, args...), getenv, &out, &errb)
	return code, out.String(), errb.String()
}

func TestScreenExitStatus(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring expected on stdout
		stderr string // substring expected on stderr
	}{
		{"listed company is a potential match", []string{"Kaspersky Labs Ltd"}, exitMatch, "POTENTIAL MATCH", ""},
		{"unrelated company is clear", []string{"Microsoft Corporation"}, exitOK, "Microsoft Corporation: clear", ""},
		{"one hit among several names", []string{"Microsoft Corporation", "Kaspersky Lab"}, exitMatch, "Kaspersky Lab", ""},
		{"flags after the name", []string{"Kaspersky Labs Ltd", "--limit", "1"}, exitMatch, "Kaspersky Labs Limited", ""},
		{"names after --", []string{"--", "-Kaspersky Lab-"}, exitMatch, "POTENTIAL MATCH", ""},
		{"type filter excludes organizations", []string{"--type", "individual", "Kaspersky Labs Ltd"}, exitOK, "clear", ""},
		{"threshold 1 still matches the exact name", []string{"--threshold", "1", "Kaspersky Labs Limited"}, exitMatch, "1.00", ""},
		{"built-in list selected", []string{"--list", "kaspersky", "Kaspersky Lab"}, exitMatch, "kaspersky", ""},

		{"no names", nil, exitUsage, "", "no NAME"},
		{"only flags", []string{"--json"}, exitUsage, "", "no NAME"},
		{"threshold above 1", []string{"--threshold", "1.5", "ACME"}, exitUsage, "", "threshold"},
		{"threshold not a number", []string{"--threshold", "high", "ACME"}, exitUsage, "", "threshold"},
		{"limit 0", []string{"--limit", "0", "ACME"}, exitUsage, "", "limit"},
		{"unknown flag", []string{"--bogus", "ACME"}, exitUsage, "", "bogus"},
		{"unknown type", []string{"--type", "company", "ACME"}, exitUsage, "", "type"},
		{"bad country", []string{"--country", "Germany", "ACME"}, exitUsage, "", "country"},
		{"name without letters", []string{"*** ..."}, exitUsage, "", "name"},
		{"unknown list", []string{"--list", "nope", "ACME"}, exitUsage, "", "nope"},
		{"missing config file", []string{"--config", "/nonexistent/rpscreen.yaml", "ACME"}, exitUsage, "", "rpscreen.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runScreen(t, env(), tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout does not contain %q:\n%s", tt.stdout, stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr does not contain %q:\n%s", tt.stderr, stderr)
			}
			if tt.code == exitUsage {
				if stdout != "" {
					t.Errorf("stdout not empty on a usage error: %q", stdout)
				}
				if lines := strings.Count(strings.TrimSpace(stderr), "\n") + 1; lines != 1 {
					t.Errorf("stderr has %d lines, want one: %q", lines, stderr)
				}
			}
			if tt.code != exitUsage && stderr != "" {
				t.Errorf("stderr not empty: %q", stderr)
			}
		})
	}
}

func TestScreenJSON(t *testing.T) {
	code, stdout, stderr := runScreen(t, env(), "--json", "Kaspersky Labs Ltd", "Microsoft Corporation")
	if code != exitMatch {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitMatch, stderr)
	}
	var doc struct {
		ScreenedAt string           `json:"screened_at"`
		Results    []screenResponse `json:"results"`
		Lists      []struct {
			ID      string `json:"id"`
			Version string `json:"version"`
		} `json:"lists"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout)
	}
	if doc.ScreenedAt == "" || len(doc.Lists) == 0 || doc.Lists[0].ID != "kaspersky" || doc.Lists[0].Version == "" {
		t.Errorf("screened_at %q, lists %+v", doc.ScreenedAt, doc.Lists)
	}
	if len(doc.Results) != 2 {
		t.Fatalf("%d results, want one per name", len(doc.Results))
	}
	kl, ms := doc.Results[0], doc.Results[1]
	if kl.Status != "potential_match" || kl.Query.Name != "Kaspersky Labs Ltd" || kl.Query.Normalized == "" || len(kl.Hits) == 0 {
		t.Errorf("first result: %+v", kl)
	}
	if kl.Hits[0].EntityID != "kaspersky:kaspersky-labs-limited" || kl.Hits[0].Score <= 0 || kl.Hits[0].Score > 1 ||
		kl.Hits[0].Name == "" || kl.Hits[0].MatchedName == "" || kl.Hits[0].Relation == nil || len(kl.Hits[0].Explanation) < 3 {
		t.Errorf("top hit: %+v", kl.Hits[0])
	}
	for i := 1; i < len(kl.Hits); i++ {
		if kl.Hits[i].Score > kl.Hits[i-1].Score {
			t.Errorf("hits not sorted by score: %v then %v", kl.Hits[i-1].Score, kl.Hits[i].Score)
		}
	}
	if ms.Status != "clear" || ms.Hits == nil || len(ms.Hits) != 0 {
		t.Errorf("second result: %+v, want clear with hits: []", ms)
	}
}

// A configured list that fails to load is a load error for the CLI: it
// cannot promise "clear" without it.
func TestScreenListLoadFailureIsExit2(t *testing.T) {
	path := writeConfig(t, "lists:\n  - id: broken_list\n    format: custom_csv\n    path: /nonexistent/rpscreen-test/list.csv\n")
	code, stdout, stderr := runScreen(t, env(envConfig, path), "Microsoft Corporation")
	if code != exitUsage || stdout != "" || !strings.Contains(stderr, "broken_list") {
		t.Errorf("exit %d, stdout %q, stderr %q: want 2 and a message naming broken_list", code, stdout, stderr)
	}
	// Restricting the screening to the built-in list skips the broken one.
	code, _, stderr = runScreen(t, env(envConfig, path), "--list", "kaspersky", "Microsoft Corporation")
	if code != exitOK {
		t.Errorf("--list kaspersky: exit %d, stderr %q, want 0", code, stderr)
	}
}
