package lists

import (
	"strings"
	"testing"

	"github.com/rpscreen/rpscreen/match"
)

func TestParseUNFixture(t *testing.T) {
	want := []*match.Entity{
		{
			ID: "un:QDi.901", List: "un", Type: match.Individual, Name: "KARIM NASSER AL-EXAMPLI",
			Aliases: []match.Alias{
				{Name: "كريم ناصر الإكزامبلي", Kind: match.Native},
				{Name: "Karim Nasir al-Exampli", Kind: match.AKA},
				{Name: "Abu Example", Kind: match.AKA, Weak: true},
				// One ALIAS_NAME holding two spellings: kept, and each spelling too.
				{Name: "Kareem Exampli; Karim Eksampli", Kind: match.AKA},
				{Name: "Kareem Exampli", Kind: match.AKA},
				{Name: "Karim Eksampli", Kind: match.AKA},
			},
			Countries: []string{"SY", "IQ", "TR"},
			Addresses: []string{"Example Street 4, Raqqa, Syrian Arab Republic"},
			Programs:  []string{"Al-Qaida"},
			LegalBasis: []match.LegalBasis{{Authority: unAuthority, Regime: "Al-Qaida sanctions list",
				Citation: "QDi.901", Date: "2015-04-07", URL: unURL}},
			Remarks:      "Fictional record for tests.\nReview concluded on 15 November 2021.",
			ListedOn:     "2015-04-07",
			DatesOfBirth: []string{"1974-01-02", "1973/1974"},
			Identifiers: []match.Identifier{
				{Type: "Passport", Value: "N 0123456", Country: "SY"},
				{Type: "National Identification Number (Civil registry)", Value: "09876543"},
				{Type: "UN reference number", Value: "QDi.901"},
			},
			SourceURL: unURL,
		},
		{
			ID: "un:KPe.901", List: "un", Type: match.Organization,
			Name: "EXAMPLE SHIPPING & TRADING CO. ; EXAMPLE MARINE CORPORATION",
			Aliases: []match.Alias{
				{Name: "EXAMPLE SHIPPING & TRADING CO.", Kind: match.AKA},
				{Name: "EXAMPLE MARINE CORPORATION", Kind: match.AKA},
				{Name: "ESTC", Kind: match.AKA},
				{Name: "Example Ocean Company", Kind: match.FKA},
				{Name: "Example Ship", Kind: match.AKA, Weak: true},
			},
			Countries: []string{"KP"},
			Addresses: []string{"Example-dong, Pyongyang, Democratic People's Republic of Korea"},
			Programs:  []string{"DPRK"},
			LegalBasis: []match.LegalBasis{{Authority: unAuthority, Regime: "DPRK sanctions list",
				Citation: "KPe.901", Date: "2016-03-02", URL: unURL}},
			Remarks:     "Fictional record for tests.",
			ListedOn:    "2016-03-02",
			Identifiers: []match.Identifier{{Type: "UN reference number", Value: "KPe.901"}},
			SourceURL:   unURL,
		},
	}
	got, err := parseUN("un", "testdata/un/consolidated.xml")
	if err != nil {
		t.Fatal(err)
	}
	if got.Published != "2026-02-27T00:00:09.554Z" {
		t.Errorf("Published = %q", got.Published)
	}
	checkLoadedEntities(t, got.Entities, want)
}

func TestParseUNFallsBackToDataID(t *testing.T) {
	fixture := string(readFixture(t, "testdata/un/consolidated.xml"))
	path := writeTemp(t, "noref.xml", strings.Replace(fixture, "<REFERENCE_NUMBER>QDi.901</REFERENCE_NUMBER>", "<REFERENCE_NUMBER/>", 1))
	got, err := parseUN("un", path)
	if err != nil {
		t.Fatal(err)
	}
	if id := got.Entities[0].ID; id != "un:9900001" {
		t.Errorf("ID = %q, want un:9900001", id)
	}
}

func TestParseUNErrorsSayWhere(t *testing.T) {
	fixture := string(readFixture(t, "testdata/un/consolidated.xml"))
	cut := strings.Index(fixture, "  <ENTITIES>")
	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"truncated inside an element", "testdata/un/truncated.xml", []string{"truncated.xml line 4", "INDIVIDUAL", "unexpected EOF"}},
		{"truncated between elements", writeTemp(t, "cut.xml", fixture[:cut]), []string{"cut.xml line 81", "unexpected EOF"}},
		{"bad LISTED_ON", writeTemp(t, "date.xml", strings.Replace(fixture, "2016-03-02", "02/03/2016", 1)),
			[]string{"date.xml line 82", "ENTITY KPe.901", "LISTED_ON", "02/03/2016"}},
		{"no name", writeTemp(t, "name.xml", strings.Replace(fixture,
			"<FIRST_NAME>EXAMPLE SHIPPING &amp; TRADING CO. ; EXAMPLE MARINE CORPORATION</FIRST_NAME>", "", 1)),
			[]string{"name.xml line 82", "KPe.901", "FIRST_NAME"}},
		{"not the UN list", "testdata/eu/fsf.xml", []string{"fsf.xml line 2", "<export>"}},
		{"not XML", "testdata/uk/UK-Sanctions-List.csv", []string{"UK-Sanctions-List.csv", "not a UN consolidated list"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseUN("un", tc.path)
			if err == nil {
				t.Fatalf("no error, %d entities; want an error", len(got.Entities))
			}
			checkErrorSays(t, err, tc.want...)
		})
	}
}

func TestParseUNRealList(t *testing.T) {
	path := sharedListFile(t, "un/UN_consolidated.xml")
	got, err := parseUN("un", path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.Published, "2026-02-27") {
		t.Errorf("Published = %q, want 2026-02-27...", got.Published)
	}
	checkTypeCounts(t, got.Entities, map[match.EntityType]int{match.Individual: 730, match.Organization: 273})
}

func FuzzParseUN(f *testing.F) {
	f.Add(readFixture(f, "testdata/un/consolidated.xml"))
	f.Add(readFixture(f, "testdata/un/truncated.xml"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParsesSafely(t, parseUN, data)
	})
}
