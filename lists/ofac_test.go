package lists

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rpscreen/rpscreen/match"
)

func ofacEntity(list string, pub ofacPublication, id string, e match.Entity) *match.Entity {
	e.ID, e.List, e.Source, e.SourceURL = list+":"+id, list, pub.source, ofacDetailsURL+id
	e.LegalBasis = []match.LegalBasis{{Authority: ofacAuthority, Regime: pub.regime, URL: pub.url}}
	return &e
}

func TestParseOFACFixtures(t *testing.T) {
	sdn := func(id string, e match.Entity) *match.Entity { return ofacEntity("ofac_sdn", ofacSDN, id, e) }
	cons := func(id string, e match.Entity) *match.Entity { return ofacEntity("ofac_cons", ofacCons, id, e) }
	aka := func(name string) match.Alias { return match.Alias{Name: name, Kind: match.AKA} }
	weak := func(a match.Alias) match.Alias { a.Weak = true; return a }
	tests := []struct {
		name, list, path string
		want             []*match.Entity
		orphans          map[string]int
	}{{
		name: "SDN with alt, add and comments", list: "ofac_sdn", path: "testdata/ofac/sdn.csv",
		orphans: map[string]int{"alt.csv": 1, "add.csv": 2},
		want: []*match.Entity{
			sdn("306", match.Entity{
				Type: match.Organization, Name: "BANCO NACIONAL DE CUBA",
				Aliases:   []match.Alias{aka("NATIONAL BANK OF CUBA"), weak(aka("BNC"))},
				Countries: []string{"CH", "ES"},
				Addresses: []string{"Zweierstrasse 35, Zurich CH-8022, Switzerland", "Avenida de Concha Espina 8, Madrid E-28036, Spain"},
				Programs:  []string{"CUBA"}, Remarks: "a.k.a. 'BNC'.",
			}),
			sdn("4243", match.Entity{
				Type: match.Vessel, Name: "EBANO",
				Aliases:   []match.Alias{{Name: "ANA I", Kind: match.FKA, Weak: true}, {Name: "SAND SWAN", Kind: match.FKA, Weak: true}},
				Countries: []string{"PA"}, Programs: []string{"CUBA"},
				Remarks: "Vessel Type: General Cargo; Tonnage: 2595; GRT: 1865; Vessel Flag: Panama; Vessel Owner: Naviera Ebano S.A.; " +
					"Vessel Registration Identification IMO 7406784; f.k.a. 'ANA I'; f.k.a. 'SAND SWAN'.",
				Identifiers: []match.Identifier{{Type: "Call Sign", Value: "HOQS"}, {Type: "Vessel Registration Identification", Value: "IMO 7406784"}},
			}),
			sdn("15431", match.Entity{
				Type: match.Aircraft, Name: "EP-GOM", Programs: []string{"SDGT"},
				Remarks:     "Aircraft Manufacturer's Serial Number (MSN) 1023409321; Aircraft Model IL76-TD; Linked To: POUYA AIR.",
				Identifiers: []match.Identifier{{Type: "Aircraft Manufacturer's Serial Number (MSN)", Value: "1023409321"}},
			}),
			sdn("6905", match.Entity{
				Type: match.Individual, Name: "HUSAYN, Zayn al-Abidin Muhammad",
				Aliases:   []match.Alias{weak(aka("ABU ZUBAYDAH")), weak(aka("ABU ZUBAIDA"))},
				Countries: []string{"PS"}, Programs: []string{"SDGT"},
				Remarks: "DOB 12 Mar 1971; POB Riyadh, Saudi Arabia; nationality Palestinian; Gender Male; " +
					"Passport 484824 (Egypt) issued 18 Jan 1984; a.k.a. 'ABU ZUBAIDA'; a.k.a. 'ABU ZUBAYDAH'.",
				DatesOfBirth: []string{"1971-03-12"},
				Identifiers:  []match.Identifier{{Type: "Passport", Value: "484824", Country: "EG"}},
			}),
			sdn("10002", match.Entity{
				Type: match.Individual, Name: "ASSAD, Bashar al-", Countries: []string{"SY"}, Programs: []string{"SYRIA"},
				Remarks: "Title: President of the Syrian Arab Republic; DOB 11 Sep 1965; alt. DOB circa 1966; " +
					"POB Damascus, Syria; nationality Syria; Diplomatic Passport D1903 (Syria); Gender Male.",
				DatesOfBirth: []string{"1965-09-11", "circa 1966"},
				Identifiers:  []match.Identifier{{Type: "Diplomatic Passport", Value: "D1903", Country: "SY"}},
			}),
			sdn("17018", match.Entity{
				Type: match.Organization, Name: "PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA",
				Aliases:   []match.Alias{{Name: "PJSC SBERBANK", Kind: match.NKA}, aka("SBERBANK"), weak(aka("SBERBANK INDIA"))},
				Countries: []string{"RU", "UA"},
				Addresses: []string{"19 Vavilova St., Moscow 117997, Russia", "Sevastopol, Region: Crimea, Branch"},
				Programs:  []string{"UKRAINE-EO13662", "RUSSIA-EO14024"},
				Remarks: "SWIFT/BIC SABRRUMM; Website www.sberbank.ru; Tax ID No. 7707083893 (Russia); " +
					"Registration Number 1027700132195 (Russia); a.k.a. 'SBERBANK INDIA'.",
				Identifiers: []match.Identifier{{Type: "SWIFT/BIC", Value: "SABRRUMM"},
					{Type: "Tax ID No.", Value: "7707083893", Country: "RU"},
					{Type: "Registration Number", Value: "1027700132195", Country: "RU"}},
			}),
			sdn("45815", match.Entity{
				Type: match.Individual, Name: "TIKHONOV, Andrei Gennadyevich",
				Aliases:   []match.Alias{aka("TIKHONOV, Andrey"), weak(aka("TIKHONOV, A."))},
				Countries: []string{"RU"}, Addresses: []string{"Moscow, Russia"}, Programs: []string{"RUSSIA-EO14024"},
				Remarks:      "DOB Feb 1971; nationality Russia; citizen Russia; Gender Male; Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo.",
				DatesOfBirth: []string{"1971-02"},
				Identifiers:  []match.Identifier{{Type: "Digital Currency Address - XBT", Value: "1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo"}},
			}),
			sdn("36312", match.Entity{
				Type: match.Organization, Name: "KAFIA KINGI TRADING", Addresses: []string{"Region: Kafia Kingi"},
				Programs: []string{"SUDAN"}, Remarks: "Registration Number HRA 738077 (Stuttgart) (Germany).",
				Identifiers: []match.Identifier{{Type: "Registration Number", Value: "HRA 738077 (Stuttgart)", Country: "DE"}},
			}),
			sdn("36313", match.Entity{Type: match.Organization, Name: "OOO KIBERSEKYURITI", Programs: []string{"RUSSIA-EO14024"}}),
		},
	}, {
		name: "consolidated non-SDN with cons_ companions", list: "ofac_cons", path: "testdata/ofac_cons/cons_prim.csv",
		orphans: map[string]int{},
		want: []*match.Entity{
			cons("9639", match.Entity{
				Type: match.Individual, Name: "HANIYA, Ismail Abdul Salah", Aliases: []match.Alias{aka("HANIYA, Ismail")},
				Countries: []string{"PS"}, Addresses: []string{"Gaza, Palestinian"}, Programs: []string{"NS-PLC"},
				Remarks: "DOB 1962; POB Shati.", DatesOfBirth: []string{"1962"},
			}),
			cons("18300", match.Entity{
				Type: match.Organization, Name: "ROSNEFT TRADE LIMITED",
				Aliases:   []match.Alias{{Name: "TNK TRADE LIMITED", Kind: match.FKA}, weak(aka("RTL"))},
				Countries: []string{"CY"},
				Addresses: []string{"Elenion Building 5 Themistokli Dervi, 2nd floor, Nicosia 1066, Cyprus"},
				Programs:  []string{"UKRAINE-EO13662"},
				Remarks: "Registration ID C122790 (Cyprus); Executive Order 13662 Directive Determination - Subject to Directive 2; " +
					"Linked To: OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY; a.k.a. 'RTL'.",
				Identifiers: []match.Identifier{{Type: "Registration ID", Value: "C122790", Country: "CY"}},
			}),
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, stats, err := readOFAC(tt.list, tt.path)
			if err != nil {
				t.Fatal(err)
			}
			assertSameEntities(t, l.Entities, tt.want)
			if l.Published != "" {
				t.Errorf("Published = %q: OFAC's legacy CSV carries no date", l.Published)
			}
			if len(stats.orphans) != len(tt.orphans) {
				t.Errorf("orphans = %v, want %v", stats.orphans, tt.orphans)
			}
			for f, n := range tt.orphans {
				if stats.orphans[f] != n {
					t.Errorf("orphans = %v, want %v", stats.orphans, tt.orphans)
				}
			}
		})
	}
}

func TestParseOFACErrorsNameFileLineAndField(t *testing.T) {
	const null = "-0- "
	main := func(fields ...string) string {
		for len(fields) < ofacMainFields {
			fields = append(fields, null)
		}
		return strings.Join(fields, ",") + "\r\n"
	}
	good := main("36", `"AEROCARIBBEAN AIRLINES"`, null, `"CUBA"`)
	tests := []struct {
		name  string
		main  string            // the main file: its name in files, or a fixture's path
		files map[string]string // written to a fresh directory; nil for a fixture
		want  string
	}{
		{"ent_num not a number", "sdn.csv", map[string]string{"sdn.csv": good + main("x", `"A"`)},
			`read sdn.csv line 2: ent_num "x": not a number`},
		{"wrong column count", "sdn.csv", map[string]string{"sdn.csv": good + `37,"B",-0- ,"CUBA"` + "\r\n"},
			"read sdn.csv line 2: 4 fields, want 12"},
		{"empty name", "sdn.csv", map[string]string{"sdn.csv": main("37", null)},
			"read sdn.csv line 1: SDN_Name: empty"},
		{"unknown type", "sdn.csv", map[string]string{"sdn.csv": main("37", `"B"`, `"person"`)},
			`read sdn.csv line 1: SDN_Type "person": want individual, vessel, aircraft or -0-`},
		{"duplicate ent_num", "sdn.csv", map[string]string{"sdn.csv": good + good},
			"read sdn.csv line 2: ent_num 36: duplicate"},
		{"Ctrl-Z before the end", "sdn.csv", map[string]string{"sdn.csv": good + "\x1a\r\n" + good},
			"read sdn.csv line 2: Ctrl-Z (0x1A) before the end of the file"},
		{"broken quoting", "sdn.csv", map[string]string{"sdn.csv": good + `37,"B"C",-0-` + "\r\n"},
			`read sdn.csv line 2: extraneous or missing " in quoted-field`},
		{"alt ent_num", "sdn.csv", map[string]string{"sdn.csv": good, "alt.csv": `36,12,"aka","A",-0- ` + "\r\n" + `3x,13,"aka","B",-0- ` + "\r\n"},
			`read alt.csv line 2: ent_num "3x": not a number`},
		{"alt type", "sdn.csv", map[string]string{"sdn.csv": good, "alt.csv": `36,12,"alias","A",-0- ` + "\r\n"},
			`read alt.csv line 1: alt_type "alias": want aka, fka or nka`},
		{"alt name", "sdn.csv", map[string]string{"sdn.csv": good, "alt.csv": `36,12,"aka",-0- ,-0- ` + "\r\n"},
			"read alt.csv line 1: alt_name: empty"},
		{"alt columns", "sdn.csv", map[string]string{"sdn.csv": good, "alt.csv": `36,12,"aka","A"` + "\r\n"},
			"read alt.csv line 1: 4 fields, want 5"},
		{"add ent_num", "sdn.csv", map[string]string{"sdn.csv": good, "add.csv": strings.Repeat(`36,25,-0- ,"Havana","Cuba",-0- `+"\r\n", 16) + `x,26,-0- ,-0- ,-0- ,-0- ` + "\r\n"},
			`read add.csv line 17: ent_num "x": not a number`},
		{"comments columns", "sdn.csv", map[string]string{"sdn.csv": good, "sdn_comments.csv": `36,"more",""` + "\r\n"},
			"read sdn_comments.csv line 1: 3 fields, want 2"},
		{"cons companion", "cons_prim.csv", map[string]string{"cons_prim.csv": good, "cons_alt.csv": `36,12,"fka"` + "\r\n"},
			"read cons_alt.csv line 1: 3 fields, want 5"},
		{"missing main file", "sdn.csv", map[string]string{}, "sdn.csv: no such file or directory"},
		{"fixture: alt.csv ent_num", "testdata/ofac_broken/sdn.csv", nil, `read alt.csv line 3: ent_num "x": not a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.main
			if tt.files != nil {
				path = filepath.Join(writeListFiles(t, tt.files), tt.main)
			}
			_, err := parseOFAC("ofac_sdn", path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseOFACUpperCaseCompanions(t *testing.T) {
	dir := writeListFiles(t, map[string]string{
		"SDN.CSV": `36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n\x1a",
		"ALT.CSV": `36,12,"aka","AERO-CARIBBEAN",-0- ` + "\r\n\x1a",
	})
	l, err := parseOFAC("ofac_sdn", filepath.Join(dir, "SDN.CSV"))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entities) != 1 || len(l.Entities[0].Aliases) != 1 || l.Entities[0].Aliases[0].Name != "AERO-CARIBBEAN" {
		t.Fatalf("entities = %+v, want AEROCARIBBEAN AIRLINES with its alias from ALT.CSV", l.Entities)
	}
}

func TestParseOFACRealFiles(t *testing.T) {
	tests := []struct {
		path              string
		entities, aliases int
	}{
		{"ofac/sdn_2024-05-03/sdn.csv", 14965, 3663}, // no alt.csv: the aliases are the weak a.k.a.s in remarks
		{"ofac/sdn_2026-07.derived/sdn.csv", 19143, 20250},
		{"ofac/consolidated_non_sdn_2025-12/cons_prim.csv", 442, 1145}, // 1,073 cons_alt rows + 72 weak
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			path := sharedListFile(t, tt.path)
			start := time.Now()
			l, stats, err := readOFAC("ofac", path)
			if err != nil {
				t.Fatal(err)
			}
			aliases := 0
			for _, e := range l.Entities {
				aliases += len(e.Aliases)
			}
			t.Logf("%s: %d entities, %d aliases, orphans %v in %v", tt.path, len(l.Entities), aliases, stats.orphans, time.Since(start))
			if len(l.Entities) != tt.entities || aliases != tt.aliases {
				t.Errorf("got %d entities, %d aliases; want %d, %d", len(l.Entities), aliases, tt.entities, tt.aliases)
			}
		})
	}
}

func TestParseOFACRealKasperskyExecutive(t *testing.T) {
	path := sharedListFile(t, "ofac/sdn_2026-07.derived/sdn.csv")
	l, err := parseOFAC("ofac_sdn", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range l.Entities {
		if e.ID != "ofac_sdn:45815" {
			continue
		}
		if e.Name != "TIKHONOV, Andrei Gennadyevich" || e.Type != match.Individual {
			t.Errorf("45815 = %q (%s), want TIKHONOV, Andrei Gennadyevich (individual)", e.Name, e.Type)
		}
		if len(e.Aliases) != 1 || e.Aliases[0] != (match.Alias{Name: "TIKHONOV, Andrey", Kind: match.AKA}) {
			t.Errorf("aliases = %+v, want TIKHONOV, Andrey", e.Aliases)
		}
		if len(e.Countries) != 1 || e.Countries[0] != "RU" {
			t.Errorf("countries = %v, want [RU]", e.Countries)
		}
		return
	}
	t.Fatal("ent_num 45815 not loaded")
}

// FuzzParseOFAC feeds arbitrary main and alt files: no panic, and what
// loads is well formed.
func FuzzParseOFAC(f *testing.F) {
	f.Add("306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1962; Passport A1 (Iran); a.k.a. 'BNC'.\"\r\n\x1a",
		"306,220,\"aka\",\"NATIONAL BANK OF CUBA\",-0- \r\n\x1a")
	f.Add("1,\"A\",\"individual\",\"X] [Y\",-0- ,-0- ,-0- ,-0- ,-0- ,\"Korea, North\",-0- ,\"a.k.a. ''\"\n", "")
	f.Fuzz(func(t *testing.T, sdn, alt string) {
		dir := writeListFiles(t, map[string]string{"sdn.csv": sdn, "alt.csv": alt})
		l, err := parseOFAC("ofac_sdn", filepath.Join(dir, "sdn.csv"))
		if err != nil {
			return
		}
		checkWellFormed(t, "ofac_sdn", l.Entities)
	})
}
