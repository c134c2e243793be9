package lists

import (
	"encoding/csv"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/rpscreen/rpscreen/match"
)

func TestParseOpenSanctionsCSVFixture(t *testing.T) {
	const ds = "Ukraine War and Sanctions"
	url := osEntityURL
	want := []*match.Entity{
		{
			ID: "os:NK-test-person-1", List: "os", Source: ds, Type: match.Individual, Name: "SOKOLOV Pavel Andreyevich",
			Aliases: []match.Alias{
				{Name: "SOKOLOV Pavel Andreevich", Kind: match.AKA},
				{Name: "СОКОЛОВ Павел Андреевич", Kind: match.Native},
			},
			Countries: []string{"RU", "UA"}, // "ua-cri" is Crimea, in UA
			Programs:  []string{"UA-WS-EXECUTIVES"},
			LegalBasis: []match.LegalBasis{
				{Regime: ds, URL: url("NK-test-person-1"), Notes: `Director of "Example Instrument Plant"; supplies drones`},
				{Regime: ds, URL: url("NK-test-person-1"), Notes: "EU sanctions - Council Regulation 269/2014 - 2022-03-15"},
			},
			DatesOfBirth: []string{"1971-11-07"},
			Identifiers:  []match.Identifier{{Type: "Identifier", Value: "721234567"}},
			SourceURL:    url("NK-test-person-1"),
		},
		{
			ID: "os:NK-test-company-2", List: "os", Source: ds, Type: match.Organization,
			Name:      `JOINT-STOCK COMPANY "EXAMPLE INSTRUMENT PLANT"`,
			Aliases:   []match.Alias{{Name: "EIP JSC", Kind: match.AKA}},
			Countries: []string{"RU"},
			Addresses: []string{"300001, Tula region, Tula, st. Example, 12", "300001, Tula, Example Street, 12;building 3"},
			Programs:  []string{"UA-WS-MILIND", "UA-WS-UAVS"},
			LegalBasis: []match.LegalBasis{{Regime: ds, URL: url("NK-test-company-2"),
				Notes: "A manufacturer of components.\nIt is part of an example holding."}},
			Identifiers: []match.Identifier{{Type: "Identifier", Value: "1027100000001"}, {Type: "Identifier", Value: "7100000001"}},
			SourceURL:   url("NK-test-company-2"),
		},
		{
			ID: "os:NK-test-vessel-3", List: "os", Source: ds, Type: match.Vessel, Name: "SEA EXAMPLE",
			Aliases:     []match.Alias{{Name: "Ocean Example", Kind: match.AKA}},
			Countries:   []string{"KM", "PA"}, // "zz" is no country
			Programs:    []string{"UA-WS-MARE"},
			LegalBasis:  []match.LegalBasis{{Regime: ds, URL: url("NK-test-vessel-3")}},
			Identifiers: []match.Identifier{{Type: "Identifier", Value: "5LXX1"}, {Type: "IMO number", Value: "IMO9912345"}},
			SourceURL:   url("NK-test-vessel-3"),
		},
		// NK-test-wallet-4, a CryptoWallet, is no party and is left out.
		{
			ID: "os:NK-test-plane-5", List: "os", Type: match.Aircraft, Name: "RA-00001",
			Countries: []string{"RU"}, SourceURL: url("NK-test-plane-5"),
		},
	}
	got, err := parseOpenSanctionsCSV("os", "testdata/opensanctions/targets.simple.csv")
	if err != nil {
		t.Fatal(err)
	}
	checkLoadedEntities(t, got.Entities, want)
}

func TestOpenSanctionsCellValues(t *testing.T) {
	for _, tc := range []struct {
		cell string
		want []string
	}{
		{"", nil},
		{`""`, nil},
		{"Ceram Sea;Gold Sun;Nurkez", []string{"Ceram Sea", "Gold Sun", "Nurkez"}},
		{`"a;b";c`, []string{"a;b", "c"}},
		{`"He said ""no"".";x`, []string{`He said "no".`, "x"}},
		{"\"two\nlines\"", []string{"two\nlines"}},
		{`a;"unclosed`, []string{"a", "unclosed"}},
	} {
		if got := osValues(tc.cell); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("osValues(%q) = %q, want %q", tc.cell, got, tc.want)
		}
	}
}

func TestParseOpenSanctionsFTMFixture(t *testing.T) {
	url := osEntityURL
	want := []*match.Entity{
		{
			ID: "os:NK-test-person-1", List: "os", Source: "eu_fsf", Type: match.Individual, Name: "Pavel Andreyevich Sokolov",
			Aliases: []match.Alias{
				{Name: "Павел Андреевич Соколов", Kind: match.Native},
				{Name: "Pavel Sokolov", Kind: match.AKA},
				{Name: "Pavel Andreyevich Ivanov", Kind: match.FKA},
				{Name: "Pasha", Kind: match.AKA, Weak: true},
			},
			Countries:    []string{"RU", "UA"},
			Programs:     []string{"EU-UKR"},
			Remarks:      "Fictional record for tests.\nTopics: sanction, role.oligarch",
			DatesOfBirth: []string{"1971-11-07"},
			Identifiers:  []match.Identifier{{Type: "Passport", Value: "721234567"}},
			SourceURL:    url("NK-test-person-1"),
		},
		{
			ID: "os:NK-test-company-2", List: "os", Source: "eu_fsf; gb_fcdo_sanctions", Type: match.Organization,
			Name: "JSC Example Instrument Plant",
			Aliases: []match.Alias{
				{Name: "АО «Примерный приборный завод»", Kind: match.Native},
				{Name: "EIP", Kind: match.Acronym},
			},
			Countries: []string{"RU"},
			Addresses: []string{"12 Example Street, Tula, 300001, Russia"},
			// From the Sanction entity that names the company.
			LegalBasis: []match.LegalBasis{{Authority: "European Union", Regime: "RUS", Date: "2023-02-25",
				Requirement: "Asset freeze", URL: "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32023R0429",
				Notes: "Manufactures components for military equipment."}},
			Identifiers: []match.Identifier{
				{Type: "Registration number", Value: "1027100000001"},
				{Type: "INN", Value: "7100000001"},
				{Type: "OGRN", Value: "1027100000001"},
			},
			SourceURL: url("NK-test-company-2"),
		},
		// The Address, the Ownership and the owner (target: false) are left out.
		{
			ID: "os:NK-test-vessel-3", List: "os", Source: "gb_fcdo_sanctions", Type: match.Vessel, Name: "SEA EXAMPLE",
			Aliases:   []match.Alias{{Name: "OCEAN EXAMPLE", Kind: match.FKA}},
			Countries: []string{"KM"},
			LegalBasis: []match.LegalBasis{{Authority: "Foreign, Commonwealth and Development Office",
				Regime: "gb_fcdo_sanctions", Citation: "RUS9003", Date: "2024-05-09"}},
			Identifiers: []match.Identifier{{Type: "IMO number", Value: "IMO9912345"}, {Type: "MMSI", Value: "620000001"}},
			SourceURL:   url("NK-test-vessel-3"),
		},
	}
	got, err := parseOpenSanctionsFTM("os", "testdata/opensanctions/entities.ftm.json")
	if err != nil {
		t.Fatal(err)
	}
	checkLoadedEntities(t, got.Entities, want)
}

func TestParseOpenSanctionsFTMLongLine(t *testing.T) {
	notes := strings.Repeat("x", 200_000) // far beyond bufio.Scanner's 64 KiB default
	line := `{"id": "long-1", "schema": "Company", "properties": {"name": ["Long Notes Ltd"], "notes": ["` + notes + `"]}}`
	got, err := parseOpenSanctionsFTM("os", writeTemp(t, "long.json", line)) // and no final line break
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Entities) != 1 || got.Entities[0].Name != "Long Notes Ltd" || len(got.Entities[0].Remarks) != len(notes) {
		t.Errorf("long line not read whole: %d entities", len(got.Entities))
	}
}

func TestParseOpenSanctionsErrorsSayWhere(t *testing.T) {
	simple := string(readFixture(t, "testdata/opensanctions/targets.simple.csv"))
	for _, tc := range []struct {
		name  string
		parse parseFunc
		path  string
		want  []string
	}{
		{"csv: wrong header", parseOpenSanctionsCSV, "testdata/opensanctions/wrong_header.csv", []string{"wrong_header.csv line 1", `"id"`}},
		{"csv: row without id", parseOpenSanctionsCSV, writeTemp(t, "noid.csv", strings.Replace(simple, `"NK-test-vessel-3"`, `""`, 1)),
			[]string{"noid.csv line 5", "id is empty"}},
		{"csv: bare quote", parseOpenSanctionsCSV, writeTemp(t, "quote.csv", simple+`"x","Person","a "b" c"`+"\n"),
			[]string{"quote.csv line 8"}},
		{"ftm: broken JSON", parseOpenSanctionsFTM, "testdata/opensanctions/broken.ftm.json", []string{"broken.ftm.json line 4"}},
		{"ftm: no schema", parseOpenSanctionsFTM, writeTemp(t, "schema.json", "\n"+`{"id": "a", "properties": {}}`),
			[]string{"schema.json line 2", "schema"}},
		{"ftm: not JSON lines", parseOpenSanctionsFTM, "testdata/opensanctions/targets.simple.csv", []string{"targets.simple.csv line 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.parse("os", tc.path)
			checkErrorSays(t, err, tc.want...)
		})
	}
}

func TestParseOpenSanctionsCSVRealList(t *testing.T) {
	path := sharedListFile(t, "opensanctions/ua_war_sanctions_2026-03/targets.simple.csv")
	got, err := parseOpenSanctionsCSV("os", path)
	if err != nil {
		t.Fatal(err)
	}
	// Count the file's rows by schema independently of the loader: every
	// row of this export is a party.
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Read() // header
	want := map[match.EntityType]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		want[osPartyTypes[rec[1]]]++
	}
	checkTypeCounts(t, got.Entities, want)
	// 5,600 rows: Person 1,543, Company 1,524 + LegalEntity 1,193, Vessel 1,340.
	checkTypeCounts(t, got.Entities, map[match.EntityType]int{
		match.Individual: 1543, match.Organization: 2717, match.Vessel: 1340,
	})
}

func FuzzParseOpenSanctionsCSV(f *testing.F) {
	f.Add(readFixture(f, "testdata/opensanctions/targets.simple.csv"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParsesSafely(t, parseOpenSanctionsCSV, data)
	})
}

func FuzzParseOpenSanctionsFTM(f *testing.F) {
	f.Add(readFixture(f, "testdata/opensanctions/entities.ftm.json"))
	f.Add(readFixture(f, "testdata/opensanctions/broken.ftm.json"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParsesSafely(t, parseOpenSanctionsFTM, data)
	})
}
