package lists

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rpscreen/rpscreen/match"
)

func TestParseCustomCSVFixtures(t *testing.T) {
	tests := []struct {
		name, path string
		want       []*match.Entity
	}{{
		name: "in-house list", path: "testdata/custom/inhouse.csv",
		want: []*match.Entity{{
			ID: "inhouse:acme-1", List: "inhouse", Type: match.Organization, Name: "Acme Trading FZE",
			Aliases:   []match.Alias{{Name: "Acme Trading", Kind: match.AKA}, {Name: "ACME FZE", Kind: match.AKA}},
			Countries: []string{"AE", "IR"}, Programs: []string{"Internal watch", "Export hold"},
			Remarks: "Flagged by compliance 2025-03",
		}, {
			ID: "inhouse:v-17", List: "inhouse", Type: match.Individual, Name: "Jane Q. Doe",
		}, {
			ID: "inhouse:ship-9", List: "inhouse", Type: match.Vessel, Name: "OCEAN STAR",
			Aliases: []match.Alias{{Name: "OCEAN STAR I", Kind: match.AKA}}, Countries: []string{"PA"},
			Remarks: `IMO 1234567, "nominee" owner`,
		}, {
			ID: "inhouse:plain", List: "inhouse", Name: "Zenith Vendor Holdings",
		}},
	}, {
		name: "columns in another order, optional ones left out, BOM and CRLF from a spreadsheet",
		path: "testdata/custom/reordered_bom.csv",
		want: []*match.Entity{{ID: "inhouse:nw-1", List: "inhouse", Name: "Northwind Traders", Countries: []string{"GB"}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := parseCustomCSV("inhouse", tt.path)
			if err != nil {
				t.Fatal(err)
			}
			assertSameEntities(t, l.Entities, tt.want)
		})
	}
}

func TestParseCustomCSVErrorsNameLineAndField(t *testing.T) {
	const header = "id,name,aliases,type,countries,program,remarks\n"
	tests := []struct {
		name, path, body, want string
	}{
		{name: "duplicate id", path: "testdata/custom/broken_duplicate_id.csv",
			want: `read broken_duplicate_id.csv line 4: id "acme-1": duplicate of line 2`},
		{name: "country not ISO", path: "testdata/custom/broken_country.csv",
			want: `read broken_country.csv line 2: countries "UAE": "UAE" is not an ISO 3166-1 alpha-2 code`},
		{name: "unknown country code", body: header + "a,Acme,,,DE;XX,,\n",
			want: `read inhouse.csv line 2: countries "DE;XX": "XX" is not an ISO 3166-1 alpha-2 code`},
		{name: "empty id", body: header + "a,Acme,,,,,\n,Nameless Id,,,,,\n",
			want: "read inhouse.csv line 3: id: empty"},
		{name: "id with a colon", body: header + "a:b,Acme,,,,,\n",
			want: `read inhouse.csv line 2: id "a:b": must not contain ':' or a line break`},
		{name: "empty name", body: header + "a,,,,,,\n",
			want: "read inhouse.csv line 2: name: empty"},
		{name: "unknown type", body: header + "a,Acme,,company,,,\n",
			want: `read inhouse.csv line 2: type "company": want organization, individual, vessel, aircraft or empty`},
		{name: "wrong column count", body: header + "a,Acme,,,,,\nb,Beta,,\n",
			want: "read inhouse.csv line 3: wrong number of fields"},
		{name: "unknown column", body: "id,name,notes\na,Acme,x\n",
			want: `read inhouse.csv line 1: header: unknown column "notes" (want id,name,aliases,type,countries,program,remarks)`},
		{name: "repeated column", body: "id,name,name\na,Acme,Acme\n",
			want: `read inhouse.csv line 1: header: column "name": repeated`},
		{name: "no name column", body: "id,aliases\na,b\n",
			want: `read inhouse.csv line 1: header: no "name" column`},
		{name: "empty file", body: "",
			want: "read inhouse.csv: empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = filepath.Join(writeListFiles(t, map[string]string{"inhouse.csv": tt.body}), "inhouse.csv")
			}
			_, err := parseCustomCSV("inhouse", path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// FuzzParseCustomCSV: no panic, and what loads is well formed.
func FuzzParseCustomCSV(f *testing.F) {
	f.Add("id,name,aliases,type,countries,program,remarks\nacme-1,Acme,Acme Co;ACME,organization,AE;ir,x,y\n")
	f.Add("name,id\n\"A\"\"B\",1\n")
	f.Fuzz(func(t *testing.T, body string) {
		dir := writeListFiles(t, map[string]string{"inhouse.csv": body})
		l, err := parseCustomCSV("inhouse", filepath.Join(dir, "inhouse.csv"))
		if err != nil {
			return
		}
		checkWellFormed(t, "inhouse", l.Entities)
	})
}

// Helpers the loader tests share.

// sharedListFile is a real published list under /work/shared/data
// (../../shared/data from this package); the test is skipped without it.
func sharedListFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "data", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data not found at %s: full-size check skipped", p)
	}
	return p
}

// assertSameEntities compares entity by entity, showing both as JSON.
func assertSameEntities(t *testing.T, got, want []*match.Entity) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d entities, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		g, _ := json.MarshalIndent(got[i], "", "  ")
		w, _ := json.MarshalIndent(want[i], "", "  ")
		if string(g) != string(w) {
			t.Errorf("entity %d:\ngot  %s\nwant %s", i, g, w)
		}
	}
}

// writeListFiles writes files (name -> content) into a fresh directory.
func writeListFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// checkWellFormed holds what every loader promises: ids prefixed with the
// list and unique, a name, a known type, ISO country codes.
func checkWellFormed(t *testing.T, listID string, entities []*match.Entity) {
	t.Helper()
	seen := map[string]bool{}
	for _, e := range entities {
		if !strings.HasPrefix(e.ID, listID+":") || seen[e.ID] || e.List != listID {
			t.Errorf("entity id %q (list %q): want a unique %s:… id", e.ID, e.List, listID)
		}
		seen[e.ID] = true
		if strings.TrimSpace(e.Name) == "" || !e.Type.Valid() {
			t.Errorf("entity %s: name %q, type %q", e.ID, e.Name, e.Type)
		}
		for _, c := range e.Countries {
			if !isCountryCode(c) {
				t.Errorf("entity %s: country %q is not an ISO code", e.ID, c)
			}
		}
	}
}
