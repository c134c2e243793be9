package lists

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rpscreen/rpscreen/match"
)

func TestParseUKFixture(t *testing.T) {
	basis := func(regime, date, requirement, source string) []match.LegalBasis {
		return []match.LegalBasis{{Authority: ukAuthority, Regime: regime, Date: date, Requirement: requirement,
			URL: ukURL, Notes: "Designation source: " + source}}
	}
	want := []*match.Entity{
		{
			ID: "uk:RUS9001", List: "uk", Type: match.Individual, Name: "Pavel Andreyevich SOKOLOV",
			Aliases: []match.Alias{
				{Name: "Павел Андреевич СОКОЛОВ", Kind: match.Native},
				{Name: "Pavel Andreevich SOKOLOV", Kind: match.AKA},
				{Name: "Pasha Sokol", Kind: match.AKA, Weak: true},
				{Name: "Pavel A. SOKOLOV", Kind: match.AKA},
			},
			Countries:    []string{"RU", "UA"},
			Programs:     []string{"Russia"},
			LegalBasis:   basis("Russia", "2022-03-15", "Asset freeze; Travel Ban", "UK"),
			Remarks:      "Fictional record for tests.\nPosition: Director General, Example Instrument Plant",
			ListedOn:     "2022-03-15",
			DatesOfBirth: []string{"1971-11-07", "1972", "1970-06"},
			Identifiers: []match.Identifier{
				{Type: "Passport", Value: "721234567"},
				{Type: "OFSI group ID", Value: "99001"},
				{Type: "National identifier", Value: "770123456789"},
			},
			SourceURL: ukURL,
		},
		{
			ID: "uk:RUS9002", List: "uk", Type: match.Organization, Name: "JOINT STOCK COMPANY EXAMPLE INSTRUMENT PLANT",
			Aliases: []match.Alias{
				{Name: "АКЦИОНЕРНОЕ ОБЩЕСТВО ПРИМЕРНЫЙ ПРИБОРНЫЙ ЗАВОД", Kind: match.Native},
				{Name: "EXAMPLE INSTRUMENT PLANT JSC", Kind: match.AKA},
				{Name: "EIP", Kind: match.AKA, Weak: true},
			},
			Countries:  []string{"RU", "BY"},
			Addresses:  []string{"12 Example Street, Building 3, Tula, 300001, Russia", "PO Box 17, Minsk, Belarus"},
			Programs:   []string{"Russia"},
			LegalBasis: basis("Russia", "2023-02-24", "Asset freeze; Trust Services Sanctions", "UK"),
			Remarks:    "Statement of reasons: Manufactures components for military equipment.\nParent company: Example Holding JSC",
			ListedOn:   "2023-02-24",
			Identifiers: []match.Identifier{
				{Type: "Business registration number", Value: "1027100000001 (Russia)"},
				{Type: "OFSI group ID", Value: "99002"},
			},
			SourceURL: ukURL,
		},
		{
			ID: "uk:DPR9003", List: "uk", Type: match.Vessel, Name: "SEA EXAMPLE",
			Aliases:    []match.Alias{{Name: "OCEAN EXAMPLE", Kind: match.AKA}},
			Programs:   []string{"Democratic People's Republic of Korea"},
			LegalBasis: basis("Democratic People's Republic of Korea", "2017-10-03", "Prohibition of port entry; De-flag", "UN"),
			ListedOn:   "2017-10-03",
			Identifiers: []match.Identifier{
				{Type: "IMO number", Value: "IMO9912345"},
				{Type: "UN reference number", Value: "KPe.999"},
			},
			SourceURL: ukURL,
		},
	}
	// The official layout (BOM, CRLF, Report Date line) and the same data
	// without BOM, with LF and without the Report Date line.
	data := readFixture(t, "testdata/uk/UK-Sanctions-List.csv")
	plain := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
	plain = plain[strings.IndexByte(plain, '\n')+1:]
	for _, tc := range []struct {
		name, path, published string
	}{
		{"official layout", "testdata/uk/UK-Sanctions-List.csv", "2026-04-29"},
		{"no BOM, LF, no Report Date", writeTemp(t, "uk.csv", plain), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseUK("uk", tc.path)
			if err != nil {
				t.Fatal(err)
			}
			if got.Published != tc.published {
				t.Errorf("Published = %q, want %q", got.Published, tc.published)
			}
			checkLoadedEntities(t, got.Entities, want)
		})
	}
}

func TestParseUKErrorsSayWhere(t *testing.T) {
	fixture := string(readFixture(t, "testdata/uk/UK-Sanctions-List.csv"))
	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"bad designation date", "testdata/uk/bad_date.csv", []string{"bad_date.csv line 8", "RUS9002", "Date Designated", "24/13/2023"}},
		{"wrong header", "testdata/uk/wrong_header.csv", []string{"wrong_header.csv line 2", `"Name 6"`}},
		{"bad report date", writeTemp(t, "report.csv", strings.Replace(fixture, "29-Apr-2026", "2026-04-29", 1)),
			[]string{"report.csv line 1", "Report Date"}},
		{"short row", writeTemp(t, "short.csv", fixture+"14/04/2026,RUS9009,99009\r\n"),
			[]string{"short.csv line 13", "wrong number of fields"}},
		{"row without Unique ID", writeTemp(t, "noid.csv", strings.Replace(fixture, "DPR9003", "", 1)),
			[]string{"noid.csv line 11", "Unique ID"}},
		{"empty file", writeTemp(t, "empty.csv", ""), []string{"empty.csv", "empty"}},
		{"missing file", "testdata/uk/absent.csv", []string{"absent.csv"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseUK("uk", tc.path)
			checkErrorSays(t, err, tc.want...)
		})
	}
}

func TestUKDate(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"07/11/1971", "1971-11-07", ""},
		{"7/1/1971", "1971-01-07", ""},
		{"dd/06/1969", "1969-06", ""},
		{"dd/mm/1968", "1968", ""},
		{"", "", ""},
		{"31/02/2020", "", "not dd/mm/yyyy"},
		{"2020-02-01", "", "not dd/mm/yyyy"},
		{"01/13/2020", "", "not dd/mm/yyyy"},
		{"circa 1960", "", "not dd/mm/yyyy"},
	} {
		got, err := ukDate(tc.in)
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("ukDate(%q) = %q, %v; want %q, error %q", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestParseUKRealList(t *testing.T) {
	path := sharedListFile(t, "uk/UK-Sanctions-List.derived.csv")
	got, err := parseUK("uk", path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Published != "2026-04-29" {
		t.Errorf("Published = %q, want 2026-04-29", got.Published)
	}
	checkTypeCounts(t, got.Entities, map[match.EntityType]int{
		match.Individual: 3883, match.Organization: 1531, match.Vessel: 632,
	})
}

func FuzzParseUK(f *testing.F) {
	f.Add(readFixture(f, "testdata/uk/UK-Sanctions-List.csv"))
	f.Add(readFixture(f, "testdata/uk/bad_date.csv"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParsesSafely(t, parseUK, data)
	})
}

// checkLoadedEntities compares whole entities, showing both as JSON.
func checkLoadedEntities(t *testing.T, got, want []*match.Entity) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d entities, want %d", len(got), len(want))
	}
	for i := 0; i < len(got) && i < len(want); i++ {
		if !reflect.DeepEqual(got[i], want[i]) {
			g, _ := json.MarshalIndent(got[i], "", "  ")
			w, _ := json.MarshalIndent(want[i], "", "  ")
			t.Errorf("entity %d:\ngot  %s\nwant %s", i, g, w)
		}
	}
}

// checkTypeCounts checks a full-size load: how many entities of each type,
// and that every entity is usable for screening.
func checkTypeCounts(t *testing.T, entities []*match.Entity, want map[match.EntityType]int) {
	t.Helper()
	got := map[match.EntityType]int{}
	for _, e := range entities {
		got[e.Type]++
		if e.Name == "" || e.ID == "" || !strings.HasPrefix(e.ID, e.List+":") {
			t.Errorf("unusable entity %+v", e)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entities by type = %v, want %v", got, want)
	}
}

func checkErrorSays(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one saying %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not say %q", err, p)
		}
	}
}

// checkParsesSafely runs a loader on arbitrary bytes: it may fail, but must
// not panic, and what it returns must be usable.
func checkParsesSafely(t *testing.T, parse parseFunc, data []byte) {
	path := filepath.Join(t.TempDir(), "fuzz")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := parse("fz", path)
	if err != nil {
		return
	}
	for _, e := range got.Entities {
		if e.Name == "" || !strings.HasPrefix(e.ID, "fz:") || e.List != "fz" || !e.Type.Valid() {
			t.Fatalf("unusable entity %+v", e)
		}
	}
}

func readFixture(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
