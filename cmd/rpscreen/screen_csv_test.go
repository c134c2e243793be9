package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const resultHeader = "id,name,country,type,status,hits,top_score,top_name,top_list,top_entity_id,error\n"

// writeFile writes body to name in a fresh temporary directory.
func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestScreenCSV(t *testing.T) {
	in := writeFile(t, "vendors.csv", "id,name,country\n"+
		"v-1,Kasperski Labs Ltd,GB\n"+
		"v-2,Microsoft Corporation,US\n"+
		"v-3,,DE\n"+
		"v-4,=cmd|' /C calc'!A0,\n")
	out := filepath.Join(t.TempDir(), "results.csv")
	code, stdout, stderr := runScreen(t, env(), "--csv", in, "--out", out)
	if code != exitMatch {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitMatch, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout not empty with --out: %q", stdout)
	}
	for _, w := range []string{"4 items screened in ", "1 potential match, 2 clear, 1 error; results in " + out, "lists: kaspersky sha256:"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(got), "\n")
	if !strings.HasPrefix(string(got), resultHeader) || len(lines) != 6 {
		t.Fatalf("results:\n%s", got)
	}
	for i, prefix := range []string{
		"v-1,Kasperski Labs Ltd,GB,,potential_match,",
		"v-2,Microsoft Corporation,US,,clear,0,,,,,",
		"v-3,,DE,,error,0,,,,,invalid query: name is required",
		`v-4,'=cmd|' /C calc'!A0,,,clear,0,,,,,`,
	} {
		if !strings.HasPrefix(lines[i+1], prefix) {
			t.Errorf("row %d: %q, want it to start with %q", i+1, lines[i+1], prefix)
		}
	}
	if !strings.Contains(lines[1], ",Kaspersky Labs Limited,kaspersky,kaspersky:kaspersky-labs-limited,") {
		t.Errorf("row 1 does not name the top hit: %q", lines[1])
	}
}

// Exit status: 1 = a potential match, whatever else; else 2 when a row
// failed (after writing every row); else 0.
func TestScreenCSVExitStatus(t *testing.T) {
	tests := []struct {
		name, rows string
		code       int
		summary    string
	}{
		{"all clear", "1,Microsoft Corporation\n2,Kaspi Bank\n", exitOK, "0 potential matches, 2 clear, 0 errors"},
		{"a match", "1,Microsoft Corporation\n2,Kaspersky Lab\n", exitMatch, "1 potential match, 1 clear, 0 errors"},
		{"a match and an error", "1,Kaspersky Lab\n2,---\n", exitMatch, "1 potential match, 0 clear, 1 error"},
		{"clear and an error", "1,Microsoft Corporation\n2,\"\"\n", exitUsage, "0 potential matches, 1 clear, 1 error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := writeFile(t, "vendors.csv", "id,name\n"+tt.rows)
			code, stdout, stderr := runScreen(t, env(), "--csv", in)
			if code != tt.code || !strings.Contains(stderr, tt.summary) {
				t.Errorf("exit %d, want %d; stderr %q, want %q", code, tt.code, stderr, tt.summary)
			}
			if rows := strings.Count(stdout, "\n"); !strings.HasPrefix(stdout, resultHeader) || rows != 3 {
				t.Errorf("stdout has %d lines, want the header and both rows:\n%s", rows, stdout)
			}
		})
	}
}

func TestScreenCSVUsageErrors(t *testing.T) {
	good := writeFile(t, "vendors.csv", "id,name\n1,Acme\n")
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"missing file", []string{"--csv", "/nonexistent/vendors.csv"}, "/nonexistent/vendors.csv"},
		{"unknown column", []string{"--csv", writeFile(t, "a.csv", "id,name,vat\n1,Acme,DE1\n")}, `line 1: unknown column "vat"`},
		{"no name column", []string{"--csv", writeFile(t, "b.csv", "id,company\n1,Acme\n")}, "company"},
		{"wrong field count", []string{"--csv", writeFile(t, "c.csv", "id,name\n1,Acme\n2,Acme,GB\n")}, "line 3: 3 fields"},
		{"header only", []string{"--csv", writeFile(t, "d.csv", "id,name\n")}, "no rows"},
		{"empty file", []string{"--csv", writeFile(t, "e.csv", "")}, "empty"},
		{"--out without --csv", []string{"--out", "results.csv", "Acme"}, "--out needs --csv"},
		{"--csv and names", []string{"--csv", good, "Acme"}, "do not mix"},
		{"--csv and --json", []string{"--csv", good, "--json"}, "--json"},
		{"--csv and --country", []string{"--csv", good, "--country", "GB"}, "country column"},
		{"--config and --server", []string{"--server", "http://127.0.0.1:1", "--config", "x.yaml", "Acme"}, "do not mix"},
		{"unknown list", []string{"--csv", good, "--list", "nope"}, "nope"},
		{"bad server URL", []string{"--server", "localhost:8080", "Acme"}, "base URL"},
		{"server unreachable", []string{"--server", "http://127.0.0.1:1", "Acme"}, "http://127.0.0.1:1"},
		{"server unreachable with --csv", []string{"--server", "http://127.0.0.1:1", "--csv", good}, "rows 1-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "results.csv")
			args := tt.args
			if strings.Contains(strings.Join(args, " "), "--csv") {
				args = append(args, "--out", out)
			}
			code, stdout, stderr := runScreen(t, env(), args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr %q", code, exitUsage, stderr)
			}
			if stdout != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stdout %q, stderr %q: want one line mentioning %q", stdout, stderr, tt.stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a results file was written")
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

// A failed run leaves an earlier results file as it was.
func TestScreenCSVKeepsOldResultsOnFailure(t *testing.T) {
	out := writeFile(t, "results.csv", "earlier results\n")
	in := writeFile(t, "vendors.csv", "id,name\n1,Acme\n")
	code, _, _ := runScreen(t, env(), "--csv", in, "--out", out, "--server", "http://127.0.0.1:1")
	if code != exitUsage {
		t.Fatalf("exit %d", code)
	}
	if got, _ := os.ReadFile(out); string(got) != "earlier results\n" {
		t.Errorf("results file now holds %q", got)
	}
}

// A long file is screened in chunks; every row comes back in order.
func TestScreenCSVManyRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("ID,Name\n")
	for i := range 2500 {
		name := "Northwind Traders GmbH"
		if i%500 == 0 {
			name = "Kaspersky Lab"
		}
		fmt.Fprintf(&b, "%d,%s\n", i, name)
	}
	in := writeFile(t, "vendors.csv", b.String())
	code, stdout, stderr := runScreen(t, env(), "--csv", in)
	if code != exitMatch || !strings.Contains(stderr, "2500 items screened in ") || !strings.Contains(stderr, "5 potential matches, 2495 clear") {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	// Not a terminal: a line at each tenth, no bar.
	if n := strings.Count(stderr, "items screened ("); n != 10 || strings.Contains(stderr, "\r") {
		t.Errorf("%d progress lines, want 10:\n%s", n, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 2501 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines[1:] {
		if !strings.HasPrefix(l, fmt.Sprintf("%d,", i)) {
			t.Fatalf("row %d is %q", i, l)
		}
	}
}
