package lists

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rpscreen/rpscreen/match"
)

const (
	bisAuthority = "US Department of Commerce, Bureau of Industry and Security (BIS)"
	cslSDN       = "Specially Designated Nationals (SDN) - Treasury Department"
	cslSDNList   = "https://sanctionslist.ofac.treas.gov/Home/SdnList"
	cslSDNInfo   = "https://home.treasury.gov/policy-issues/financial-sanctions/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists"
	cslConsList  = "https://sanctionslist.ofac.treas.gov/Home/ConsolidatedList"
	cslOtherInfo = "https://ofac.treasury.gov/other-ofac-sanctions-lists"
	cslELURL     = "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/entity-list"
	cslISNURL    = "https://www.state.gov/key-topics-bureau-of-international-security-and-nonproliferation/nonproliferation-sanctions/"
)

func cslEntity(id string, e match.Entity, lb match.LegalBasis) *match.Entity {
	e.ID, e.List = "csl:"+id, "csl"
	lb.Regime = e.Source
	e.LegalBasis = []match.LegalBasis{lb}
	return &e
}

func cslAKA(names ...string) []match.Alias {
	out := make([]match.Alias, len(names))
	for i, n := range names {
		out[i] = match.Alias{Name: n, Kind: match.AKA}
	}
	return out
}

// cslPLC is the PLC record, which also stands alone in consolidated_array.json.
var cslPLC = cslEntity("9651", match.Entity{
	Source: "Palestinian Legislative Council List (PLC) - Treasury Department", Type: match.Individual,
	Name: "Fathi Mohammed QAR'AWI", Aliases: cslAKA("Mohammed Fathi QARAWI"),
	Countries: []string{"PS"}, Addresses: []string{"Tulkarim, West Bank, PS"}, Programs: []string{"NS-PLC"},
	Remarks: "Place of Birth: Ramin, West Bank", DatesOfBirth: []string{"1958"}, SourceURL: cslOtherInfo,
}, match.LegalBasis{Authority: ofacAuthority, URL: cslConsList})

// cslFixture is what testdata/csl/consolidated.csv and consolidated.json hold.
var cslFixture = []*match.Entity{
	cslEntity("8de45402777a2e96171f9085c2670e368c8945735a20f33ccd62daab", match.Entity{
		Source: "Entity List (EL) - Bureau of Industry and Security", Name: "Kaspersky Labs Limited",
		Aliases: cslAKA("Kaspersky Labs", "Kaspersky Labs Ltd."), Countries: []string{"GB"},
		Addresses: []string{"2 Kingdom Street, Paddington Basin, London, England, W2 6BD, GB"},
		ListedOn:  "2024-06-24", SourceURL: cslELURL,
	}, match.LegalBasis{Authority: bisAuthority, Citation: "89 FR 52363", Date: "2024-06-24",
		Requirement: "For all items subject to the EAR (See § 744.11 of the EAR)", Policy: "Presumption of denial.", URL: cslELURL}),
	cslEntity("52291", match.Entity{
		Source: cslSDN, Type: match.Individual, Name: "RIM, Ryong Nam", Countries: []string{"CN", "KP"},
		Addresses: []string{"Shenyang, CN", "Pyongyang, KP"}, Programs: []string{"NPWMD"}, Remarks: "Gender, Male",
		DatesOfBirth: []string{"1978-12-05"}, Identifiers: []match.Identifier{{Type: "Passport", Value: "836238033", Country: "KP"}},
		SourceURL: cslSDNInfo,
	}, match.LegalBasis{Authority: ofacAuthority, URL: cslSDNList}),
	cslEntity("9702", match.Entity{
		Source: cslSDN, Type: match.Vessel, Name: "SONG RIVER", Aliases: cslAKA("SANG RIVER"),
		Countries: []string{"PA"}, Programs: []string{"CUBA"},
		Remarks: "Vessel Type: Bulk Carrier; Gross Tonnage: 17,431; GRT: 11,000; Vessel Flag: Panama; Vessel Owner: Navegacion Song S.A.",
		Identifiers: []match.Identifier{{Type: "Vessel Registration Identification", Value: "IMO 7615438"},
			{Type: "Call Sign", Value: "3FAB5"}},
		SourceURL: cslSDNInfo,
	}, match.LegalBasis{Authority: ofacAuthority, URL: cslSDNList}),
	cslEntity("b601cbf2841d0aaedfe63661581ffbc3d54b6ba39d7e3a9027cff50e", match.Entity{
		Source: "Denied Persons List (DPL) - Bureau of Industry and Security", Name: "I. ASH", Countries: []string{"US"},
		Addresses: []string{"605 TRAIL LAKE DRIVE, RICHARDSON, TX, 75081, US"}, Remarks: "50 YEAR DENIAL", ListedOn: "2002-03-04",
		SourceURL: "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/denied-persons-list",
	}, match.LegalBasis{Authority: bisAuthority, Citation: "67 F.R. 56530 9/4/02 67 F.R. 10890 3/11/02 71 F.R. 38843 7/10/06",
		Date: "2002-03-04", URL: "https://www.bis.doc.gov/index.php/the-denied-persons-list",
		Notes: "Standard order: Y; End date: 2056-06-29"}),
	cslEntity("30902", match.Entity{
		Source: "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department",
		Type:   match.Organization, Name: "AERO ENGINE CORPORATION OF CHINA", Aliases: cslAKA("AECC", "AERO ENGINE CORP OF CHINA"),
		Countries: []string{"CN"}, Addresses: []string{"5 Landianchang South Road, Haidian District, Beijing, 100097, CN"},
		Programs: []string{"CMIC-EO13959"}, Remarks: "Target Type, State-Owned Enterprise",
		Identifiers: []match.Identifier{{Type: "Unified Social Credit Code (USCC)", Value: "91110000MA005UCQ5P", Country: "CN"}},
		SourceURL:   cslOtherInfo,
	}, match.LegalBasis{Authority: ofacAuthority, URL: cslConsList}),
	cslPLC,
	cslEntity("233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b", match.Entity{
		Source:   "Nonproliferation Sanctions (ISN) - State Department",
		Name:     "Sinobright Import and Export Company; and any successor, sub-unit, or subsidiary thereof",
		Programs: []string{"INKSNA"}, ListedOn: "2023-07-19", SourceURL: cslISNURL,
	}, match.LegalBasis{Authority: "US Department of State", Citation: "Vol. 88, No. 151, 08/08/2023", Date: "2023-07-19", URL: cslISNURL}),
}

func TestParseCSLFixtures(t *testing.T) {
	tests := []struct {
		name, path string
		parse      parseFunc
		want       []*match.Entity
	}{
		{"CSV, current layout", "testdata/csl/consolidated.csv", parseCSLCSV, cslFixture},
		{"JSON download: results objects, arrays, nulls", "testdata/csl/consolidated.json", parseCSLJSON, cslFixture},
		{"JSON as a bare array with string fields", "testdata/csl/consolidated_array.json", parseCSLJSON, []*match.Entity{cslPLC}},
		{"CSV, 2019 layout: no _id, ids as country, number, type", "testdata/csl/consolidated_2019.csv", parseCSLCSV, []*match.Entity{
			cslEntity("5f5d1597f7c8cd0a", match.Entity{
				Source: "Denied Persons List (DPL) - Bureau of Industry and Security", Name: "ADRIAN MANUEL HERNANDEZ",
				Addresses: []string{"3037 S. 69TH DRIVE, PHOENIX, AZ, 85043"}, Remarks: "FR NOTICE ADDED",
				ListedOn: "2017-10-16", SourceURL: "http://bit.ly/1iwxiF0",
			}, match.LegalBasis{Authority: bisAuthority, Citation: "82 F.R. 48792 10/20/2017", Date: "2017-10-16",
				URL: "http://bit.ly/1Qi5heF", Notes: "Standard order: Y; End date: 2020-10-13"}),
			cslEntity("20264", match.Entity{
				Source: cslSDN, Type: match.Organization, Name: "200G PSA HOLDINGS LLC", Countries: []string{"US"},
				Addresses: []string{"80 SW 8th Street Suite 2000, Miami, FL, 33130, US"}, Programs: []string{"SDNTK"},
				Identifiers: []match.Identifier{{Type: "Tax ID No.", Value: "80-0890696", Country: "US"}},
				SourceURL:   "http://bit.ly/1MLgpye",
			}, match.LegalBasis{Authority: ofacAuthority, URL: "http://bit.ly/1I7ipyR"}),
			cslEntity("9821", match.Entity{
				Source: cslSDN, Type: match.Organization, Name: "ADMINISTRADORA DE SERVICIOS VARIOS CALIMA S.A.",
				Aliases: cslAKA("ASERVAR S.A."), Countries: []string{"CO"}, Addresses: []string{"Calle 13 No. 68-28, Cali, CO"},
				Programs: []string{"SDNT"}, SourceURL: "http://bit.ly/1MLgpye",
				Identifiers: []match.Identifier{{Type: "NIT #", Value: "805026824-5", Country: "CO"},
					{Type: "Matricula Mercantil No", Value: "01200175 (Bogota)"}},
			}, match.LegalBasis{Authority: ofacAuthority, URL: "http://bit.ly/1I7ipyR"}),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := tt.parse("csl", tt.path)
			if err != nil {
				t.Fatal(err)
			}
			assertSameEntities(t, l.Entities, tt.want)
		})
	}
}

func TestParseCSLErrorsNameLineAndField(t *testing.T) {
	const header = "_id,source,type,name,alt_names\n"
	tests := []struct {
		name, file, body, want string
	}{
		{"CSV fixture with a short row", "testdata/csl/broken_fields.csv", "", "read broken_fields.csv line 3: wrong number of fields"},
		{"CSV without name column", "c.csv", "_id,source\n1,EL\n", `read c.csv line 1: header has no column "name"`},
		{"CSV wrong column count", "c.csv", header + "1,EL,,A,\n2,EL,B\n", "read c.csv line 3: wrong number of fields"},
		{"CSV empty name", "c.csv", header + `"1","EL","",""," "` + "\n", "read c.csv line 2: name: empty"},
		{"CSV unknown type", "c.csv", header + "1,EL,Person,A,\n", `read c.csv line 2: type "Person": want Individual, Entity, Vessel, Aircraft or empty`},
		{"CSV duplicate _id", "c.csv", header + "1,EL,,A,\n1,EL,,B,\n", `read c.csv line 3: _id "1": duplicate`},
		{"CSV broken quote", "c.csv", header + "1,EL,,\"A,\n", `read c.csv line 2: extraneous or missing " in quoted-field`},
		{"CSV empty file", "c.csv", "", "read c.csv: empty file"},
		{"JSON syntax", "c.json", "{\"results\": [\n{\"id\": \"1\", \"name\": \"A\"},\n{\"id\": \"2\" \"name\": \"B\"}]}",
			"read c.json line 3: invalid character '\"' after object key:value pair"},
		{"JSON empty name", "c.json", "{\"results\": [\n  {\"id\": \"1\", \"name\": \"A\"},\n  {\"id\": \"2\",\n   \"name\": null}\n]}",
			"read c.json line 3: results[1]: name: empty"},
		{"JSON alt_names not a list", "c.json", `[{"id": "1", "name": "A", "alt_names": {"x": 1}}]`,
			"read c.json line 1: results[0]: alt_names: want a list of strings"},
		{"JSON address country", "c.json", `[{"id": "1", "name": "A", "addresses": [{"city": "Oslo", "country": true}]}]`,
			"read c.json line 1: results[0]: addresses: [0]: country: want a string"},
		{"JSON ids not objects", "c.json", `[{"id": "1", "name": "A", "ids": [[1]]}]`,
			"read c.json line 1: results[0]: ids: [0]: want an object or a string"},
		{"JSON duplicate id", "c.json", `[{"id": "1", "name": "A"}, {"id": 1, "name": "B"}]`,
			`read c.json line 1: results[1]: _id "1": duplicate`},
		{"JSON record not an object", "c.json", `{"results": ["A"]}`, "read c.json line 1: results[0]: want an object"},
		{"JSON results not an array", "c.json", `{"results": {}}`, "read c.json line 1: results: want an array"},
		{"JSON without results", "c.json", `{"total": 0}`, `read c.json: no "results" array`},
		{"JSON neither object nor array", "c.json", `"results"`, `read c.json: want an object with "results" or an array of records`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.file
			if !strings.HasPrefix(path, "testdata/") {
				path = filepath.Join(writeListFiles(t, map[string]string{tt.file: tt.body}), tt.file)
			}
			parse := parseCSLCSV
			if strings.HasSuffix(tt.file, ".json") {
				parse = parseCSLJSON
			}
			_, err := parse("csl", path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseCSLRealFiles(t *testing.T) {
	tests := []struct {
		path     string
		entities int
	}{
		{"us_csl/consolidated.derived.csv", 23254},
		{"us_csl/moov_samples/consolidated.csv", 13},
		{"us_csl/moov_samples/csl.csv", 115}, // the 2019 layout
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			path := sharedListFile(t, tt.path)
			start := time.Now()
			l, err := parseCSLCSV("csl", path)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d entities in %v", tt.path, len(l.Entities), time.Since(start))
			if len(l.Entities) != tt.entities {
				t.Errorf("got %d entities, want %d", len(l.Entities), tt.entities)
			}
		})
	}
}

// TestParseCSLRealFileAsJSON re-encodes the full-size CSV as the JSON
// download (lists as arrays) and expects the very same entities, at speed.
func TestParseCSLRealFileAsJSON(t *testing.T) {
	path := sharedListFile(t, "us_csl/consolidated.derived.csv")
	fromCSV, err := parseCSLCSV("csl", path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]bool{"programs": true, "addresses": true, "alt_names": true, "citizenships": true,
		"dates_of_birth": true, "nationalities": true, "places_of_birth": true, "ids": true}
	results := make([]map[string]any, 0, len(rows)-1)
	for _, row := range rows[1:] {
		rec := map[string]any{}
		for i, col := range rows[0] {
			if lists[col] {
				rec[col] = splitTrimmed(row[i], ";")
			} else if row[i] != "" {
				rec[col] = row[i]
			}
		}
		results = append(results, rec)
	}
	body, err := json.Marshal(map[string]any{"total": len(results), "results": results})
	if err != nil {
		t.Fatal(err)
	}
	dir := writeListFiles(t, map[string]string{"consolidated.json": string(body)})
	start := time.Now()
	fromJSON, err := parseCSLJSON("csl", filepath.Join(dir, "consolidated.json"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d entities from %d MB of JSON in %v", len(fromJSON.Entities), len(body)>>20, time.Since(start))
	assertSameEntities(t, fromJSON.Entities, fromCSV.Entities)
}

func TestParseCSLRealKasperskyEntityList(t *testing.T) {
	path := sharedListFile(t, "us_csl/consolidated.derived.csv")
	l, err := parseCSLCSV("csl", path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"AO Kaspersky Lab": 12, "OOO Kaspersky Group": 8, "Kaspersky Labs Limited": 2}
	for _, e := range l.Entities {
		aliases, ok := want[e.Name]
		if !ok || e.Source != "Entity List (EL) - Bureau of Industry and Security" {
			continue
		}
		delete(want, e.Name)
		if len(e.Aliases) != aliases {
			t.Errorf("%s: %d aliases, want %d", e.Name, len(e.Aliases), aliases)
		}
		if len(e.LegalBasis) != 1 || e.LegalBasis[0].Citation != "89 FR 52363" || e.LegalBasis[0].Date != "2024-06-24" ||
			e.LegalBasis[0].Authority != bisAuthority {
			t.Errorf("%s: legal basis %+v, want BIS, 89 FR 52363 of 2024-06-24", e.Name, e.LegalBasis)
		}
	}
	if len(want) > 0 {
		t.Errorf("Entity List rows not loaded: %v", want)
	}
}

// FuzzParseCSL feeds the same bytes to the CSV and the JSON reader: no
// panic, and what loads is well formed.
func FuzzParseCSL(f *testing.F) {
	for _, p := range []string{"testdata/csl/consolidated.csv", "testdata/csl/consolidated.json", "testdata/csl/consolidated_array.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add(`[{"id": 1, "name": "A", "addresses": ["Oslo, NO"], "ids": "Passport, 1, NO; Gender, Male"}]`)
	f.Fuzz(func(t *testing.T, body string) {
		dir := writeListFiles(t, map[string]string{"c.csv": body, "c.json": body})
		for _, name := range []string{"c.csv", "c.json"} {
			parse := parseCSLCSV
			if name == "c.json" {
				parse = parseCSLJSON
			}
			if l, err := parse("csl", filepath.Join(dir, name)); err == nil {
				checkWellFormed(t, "csl", l.Entities)
			}
		}
	})
}
