package lists

import (
	"strings"
	"testing"

	"github.com/rpscreen/rpscreen/match"
)

func TestParseEUFixture(t *testing.T) {
	want := []*match.Entity{
		{
			// The first name is the Russian one; the entity is named by the
			// first strong Latin name, with its double space folded.
			ID: "eu:990001", List: "eu", Type: match.Individual, Name: "Pavel Andreyevich SOKOLOV",
			Aliases: []match.Alias{
				{Name: "Павел Андреевич Соколов", Kind: match.Native},
				{Name: "Pavel Sokolov", Kind: match.AKA}, // from firstName/lastName: no wholeName
				{Name: "Pasha Sokol", Kind: match.AKA, Weak: true},
			},
			Countries: []string{"RU"}, // citizenship "00" is unknown
			Programs:  []string{"UKR"},
			LegalBasis: []match.LegalBasis{{Authority: euAuthority, Regime: "EU financial sanctions: UKR",
				Citation: "2022/427 (OJ L87I)", Date: "2022-03-15",
				URL: "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022R0427&from=EN"}},
			Remarks:      "Fictional record for tests.",
			ListedOn:     "2022-03-15",
			DatesOfBirth: []string{"1971-11-07", "1970-06"},
			Identifiers: []match.Identifier{
				{Type: "National passport", Value: "721234567", Country: "RU"},
				{Type: "EU reference number", Value: "EU.9901.01"},
			},
			SourceURL: euURL,
		},
		{
			ID: "eu:990002", List: "eu", Type: match.Organization, Name: "Joint Stock Company Example Instrument Plant",
			Aliases: []match.Alias{
				{Name: "АО «Примерный приборный завод»", Kind: match.Native},
				{Name: "EIP", Kind: match.AKA, Weak: true},
			},
			Countries: []string{"RU", "BY"},
			Addresses: []string{"12 Example Street, building 3, Tula, 300001, Tula Oblast, RUSSIAN FEDERATION"},
			Programs:  []string{"RUS"},
			LegalBasis: []match.LegalBasis{
				{Authority: euAuthority, Regime: "EU financial sanctions: RUS", Citation: "2023/429 (OJ L59I)",
					Date: "2023-02-25", URL: "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32023R0429"},
				{Authority: "European Union (Commission)", Regime: "EU financial sanctions: RUS", Citation: "2024/1745 (OJ L)",
					Date: "2024-06-24", URL: "https://eur-lex.europa.eu/eli/reg/2024/1745/oj"},
			},
			ListedOn: "2023-02-25",
			Identifiers: []match.Identifier{
				{Type: "Registration Number", Value: "1027100000001", Country: "RU"},
				{Type: "EU reference number", Value: "EU.9902.02"},
			},
			SourceURL: euURL,
		},
	}
	got, err := parseEU("eu", "testdata/eu/fsf.xml")
	if err != nil {
		t.Fatal(err)
	}
	if got.Published != "2026-04-28T17:02:11.123+02:00" {
		t.Errorf("Published = %q", got.Published)
	}
	checkLoadedEntities(t, got.Entities, want)
}

func TestEUBirthDates(t *testing.T) {
	for _, tc := range []struct {
		b    euBirth
		want string
	}{
		{euBirth{Date: "1952-10-07", Month: "10", Year: "1952"}, "1952-10-07"},
		{euBirth{Month: "4", Year: "1937"}, "1937-04"},
		{euBirth{Year: "1966"}, "1966"},
		{euBirth{RangeFrom: "1960", RangeTo: "1962"}, "1960/1962"},
		{euBirth{}, ""},
	} {
		if got := tc.b.iso(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.b, got, tc.want)
		}
	}
}

func TestParseEUErrorsSayWhere(t *testing.T) {
	fixture := string(readFixture(t, "testdata/eu/fsf.xml"))
	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"truncated", "testdata/eu/truncated.xml", []string{"truncated.xml line 3", "sanctionEntity", "unexpected EOF"}},
		{"truncated between entities", writeTemp(t, "cut.xml", fixture[:strings.LastIndex(fixture, "</export>")]),
			[]string{"cut.xml", "unexpected EOF"}},
		{"bad regulation date", writeTemp(t, "date.xml", strings.Replace(fixture, `entryIntoForceDate="2023-02-25"`, `entryIntoForceDate="25.02.2023"`, 1)),
			[]string{"date.xml line 25", "sanctionEntity 990002", "2023/429", "25.02.2023"}},
		{"bad designation date", writeTemp(t, "designated.xml", strings.Replace(fixture, `designationDate="2023-02-25"`, `designationDate="2023"`, 1)),
			[]string{"designated.xml line 25", "990002", "designationDate"}},
		{"no name", writeTemp(t, "name.xml", strings.NewReplacer("<nameAlias ", "<other ", "</nameAlias>", "</other>").Replace(fixture)),
			[]string{"name.xml line 3", "990001", "nameAlias"}},
		{"not the EU file", "testdata/un/consolidated.xml", []string{"consolidated.xml line 2", "<CONSOLIDATED_LIST>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseEU("eu", tc.path)
			if err == nil {
				t.Fatalf("no error, %d entities; want an error", len(got.Entities))
			}
			checkErrorSays(t, err, tc.want...)
		})
	}
}

func TestParseEURealList(t *testing.T) {
	path := sharedListFile(t, "eu/eu_fsf.derived.xml")
	got, err := parseEU("eu", path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Published != "2025-04-15T10:47:55.991+00:00" {
		t.Errorf("Published = %q", got.Published)
	}
	checkTypeCounts(t, got.Entities, map[match.EntityType]int{match.Individual: 4103, match.Organization: 1204})
}

func FuzzParseEU(f *testing.F) {
	f.Add(readFixture(f, "testdata/eu/fsf.xml"))
	f.Add(readFixture(f, "testdata/eu/truncated.xml"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParsesSafely(t, parseEU, data)
	})
}
