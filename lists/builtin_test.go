package lists

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rpscreen/rpscreen/match"
)

// entityListEntries are the three BIS Entity List entries as printed in Supp.
// No. 4 to Part 744 (89 FR 52363), with the confirmed names the built-in list
// adds beside them (extra) from entities.md.
var entityListEntries = []struct {
	slug, name, country, address string
	aliases, extra               []string
}{
	{
		slug: "ao-kaspersky-lab", name: "AO Kaspersky Lab", country: "RU",
		address: "39A Leningradskoe Highway, Business Center Olimpiya Park, Building 2, Moscow, 125212, Russia.",
		aliases: []string{"Aktsionernoe Obshchestvo Laboratoriya Kasperskogo", "AO Kaspersky Laboratory",
			"AO Laboratoriya Kasperskogo", "Joint Stock Company Kaspersky Lab", "JSC Kaspersky Lab", "Kaspersky",
			"Kaspersky Lab CJSC", "Kaspersky Lab ZAO", "Kaspersky Lab", "Kaspersky Laboratory", "Kaspersky Labs",
			"Kaspersky's Laboratory"},
		extra: []string{"ЗАО «Лаборатория Касперского»", "АТ «Лабораторія Касперського»"},
	},
	{
		slug: "ooo-kaspersky-group", name: "OOO Kaspersky Group", country: "RU",
		address: "39A Leningradskoe Highway, Business Center Olimpiya Park, Building 2, Moscow, 125212, Russia.",
		aliases: []string{"Kaspersky Group", "Kaspersky Group Limited", "Kaspersky Group Limited Liability Company",
			"Kaspersky Group LLC", "Kaspersky Group Ltd",
			"Obshchestvo S Ogranichennoi Otvetstvennostyu Gruppa Kompanii Kasperskogo",
			"OOO Gruppa Kompanii Kasperskogo", "OOO Kaspersky Group of Companies"},
	},
	{
		slug: "kaspersky-labs-limited", name: "Kaspersky Labs Limited", country: "GB",
		address: "2 Kingdom Street, Paddington Basin, London, England, W2 6BD, United Kingdom.",
		aliases: []string{"Kaspersky Labs", "Kaspersky Labs Ltd."},
	},
}

func loadBuiltin(t *testing.T) map[string]*match.Entity {
	t.Helper()
	entities, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	byID := make(map[string]*match.Entity, len(entities))
	for _, e := range entities {
		byID[e.ID] = e
	}
	return byID
}

func aliasNames(e *match.Entity) []string {
	out := make([]string, 0, len(e.Aliases))
	for _, a := range e.Aliases {
		out = append(out, a.Name)
	}
	return out
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestBuiltinEntityListEntries(t *testing.T) {
	byID := loadBuiltin(t)
	for _, tc := range entityListEntries {
		t.Run(tc.name, func(t *testing.T) {
			e := byID["kaspersky:"+tc.slug]
			if e == nil {
				t.Fatalf("no entity kaspersky:%s", tc.slug)
			}
			if e.Name != tc.name || e.Type != match.Organization || e.List != BuiltinListID {
				t.Errorf("got name %q type %q list %q", e.Name, e.Type, e.List)
			}
			if want := append(slices.Clone(tc.aliases), tc.extra...); !sameSet(aliasNames(e), want) {
				t.Errorf("aliases = %q, want exactly %q", aliasNames(e), want)
			}
			if !slices.Equal(e.Countries, []string{tc.country}) || !slices.Contains(e.Addresses, tc.address) {
				t.Errorf("countries %q addresses %q, want %s and %q", e.Countries, e.Addresses, tc.country, tc.address)
			}
			i := slices.IndexFunc(e.LegalBasis, func(lb match.LegalBasis) bool { return lb.Citation == "89 FR 52363" })
			if i < 0 {
				t.Fatalf("no legal basis citing 89 FR 52363: %+v", e.LegalBasis)
			}
			lb := e.LegalBasis[i]
			if lb.Date != "2024-06-24" || lb.Policy != "Presumption of denial" ||
				lb.Requirement != "For all items subject to the EAR (See § 744.11 of the EAR)" ||
				!strings.Contains(lb.Regime, "Entity List") {
				t.Errorf("Entity List basis = %+v", lb)
			}
		})
	}
}

func TestBuiltinFormerNamesOfAOKasperskyLab(t *testing.T) {
	e := loadBuiltin(t)["kaspersky:ao-kaspersky-lab"]
	kinds := map[string]match.AliasKind{}
	for _, a := range e.Aliases {
		kinds[a.Name] = a.Kind
	}
	for name, want := range map[string]match.AliasKind{
		"Kaspersky Lab ZAO":  match.FKA,
		"Kaspersky Lab CJSC": match.FKA,
		"ЗАО «Лаборатория Касперского»": match.Native,
		"АТ «Лабораторія Касперського»": match.Native,
		"JSC Kaspersky Lab": match.AKA,
	} {
		if kinds[name] != want {
			t.Errorf("alias %q kind = %q, want %q", name, kinds[name], want)
		}
	}
	if !strings.Contains(e.Remarks, "press usage") {
		t.Errorf("remarks do not say the Ukrainian form is press usage: %q", e.Remarks)
	}
	if !slices.ContainsFunc(e.LegalBasis, func(lb match.LegalBasis) bool {
		return strings.Contains(lb.Regime, "FCC") && lb.Date == "2022-03-25"
	}) {
		t.Errorf("no FCC Covered List basis of 2022-03-25: %+v", e.LegalBasis)
	}
}

func TestBuiltinCoveredAffiliates(t *testing.T) {
	byID := loadBuiltin(t)
	for _, tc := range []struct{ slug, parent, country string }{
		{"kaspersky-government-security-solutions-inc", "kaspersky-lab-inc", "US"},
		{"kaspersky-labs-gmbh", "ao-kaspersky-lab", "DE"},
		{"kaspersky-lab-ukraine-llc", "ao-kaspersky-lab", "UA"},
	} {
		t.Run(tc.slug, func(t *testing.T) {
			e := byID["kaspersky:"+tc.slug]
			if e == nil {
				t.Fatalf("no entity kaspersky:%s", tc.slug)
			}
			if e.Relation == "" || e.ParentID != "kaspersky:"+tc.parent || byID[e.ParentID] == nil {
				t.Errorf("relation %q parent %q: want a relation and existing parent kaspersky:%s", e.Relation, e.ParentID, tc.parent)
			}
			if !slices.Equal(e.Countries, []string{tc.country}) {
				t.Errorf("countries = %q, want %s", e.Countries, tc.country)
			}
			if !slices.ContainsFunc(e.LegalBasis, func(lb match.LegalBasis) bool {
				return lb.Citation == "89 FR 52434" && strings.Contains(lb.Notes, "affiliate")
			}) {
				t.Errorf("no ICTS affiliate basis: %+v", e.LegalBasis)
			}
		})
	}
}

func TestBuiltinGroupRuleOnKasperskyLabInc(t *testing.T) {
	byID := loadBuiltin(t)
	e := byID["kaspersky:kaspersky-lab-inc"]
	if e == nil || e.Group == nil {
		t.Fatalf("kaspersky:kaspersky-lab-inc missing or without a group rule: %+v", e)
	}
	if !slices.Equal(e.Group.Stems, []string{"kaspersk"}) || e.Group.Score != 0.86 ||
		!strings.Contains(e.Group.Relation, "89 FR 52434") {
		t.Errorf("group rule = %+v", e.Group)
	}
	for id, other := range byID {
		if other.Group != nil && id != e.ID {
			t.Errorf("%s also carries a group rule; one is enough to cover the group", id)
		}
	}
}

func TestBuiltinExecutives(t *testing.T) {
	byID := loadBuiltin(t)
	execs := []struct{ slug, name, entNum string }{
		{"tikhonov-andrei-gennadyevich", "TIKHONOV, Andrei Gennadyevich", "45815"},
		{"borshchev-daniil-sergeyevich", "BORSHCHEV, Daniil Sergeyevich", "45862"},
		{"efremov-andrei-anatolyevich", "EFREMOV, Andrei Anatolyevich", "45817"},
		{"chekunov-igor-gennadyevich", "CHEKUNOV, Igor Gennadyevich", "45849"},
		{"dukhvalov-andrey-petrovich", "DUKHVALOV, Andrey Petrovich", "45863"},
		{"suvorov-andrei-anatolyevich", "SUVOROV, Andrei Anatolyevich", "45821"},
		{"zenkin-denis-vladimirovich", "ZENKIN, Denis Vladimirovich", "45864"},
		{"aleskeeva-marina-mikhaylovna", "ALESKEEVA, Marina Mikhaylovna", "45854"}, // sic, OFAC's spelling
		{"gerber-mikhail-yuyevich", "GERBER, Mikhail Yuyevich", "45856"},           // sic
		{"ivanov-anton-mikhaylovich", "IVANOV, Anton Mikhaylovich", "45858"},
		{"kulashova-anna-vladimirovna", "KULASHOVA, Anna Vladimirovna", "45860"},
	}
	for _, tc := range execs {
		t.Run(tc.name, func(t *testing.T) {
			e := byID["kaspersky:"+tc.slug]
			if e == nil {
				t.Fatalf("no entity kaspersky:%s", tc.slug)
			}
			if e.Name != tc.name || e.Type != match.Individual || !slices.Equal(e.Programs, []string{"RUSSIA-EO14024"}) {
				t.Errorf("got name %q type %q programs %q", e.Name, e.Type, e.Programs)
			}
			if !slices.Contains(e.Identifiers, match.Identifier{Type: "OFAC ent_num", Value: tc.entNum}) {
				t.Errorf("identifiers = %+v, want OFAC ent_num %s", e.Identifiers, tc.entNum)
			}
			if !slices.ContainsFunc(e.LegalBasis, func(lb match.LegalBasis) bool {
				return lb.Citation == "E.O. 14024" && lb.Date == "2024-06-21"
			}) {
				t.Errorf("no OFAC E.O. 14024 basis of 2024-06-21: %+v", e.LegalBasis)
			}
		})
	}
	var individuals int
	for _, e := range byID {
		if e.Type == match.Individual {
			individuals++
		}
		if slices.Contains(e.Identifiers, match.Identifier{Type: "OFAC ent_num", Value: "45818"}) {
			t.Errorf("%s: Astrakhan (45818) is absent from the 2026 SDN list and is left out on purpose", e.ID)
		}
	}
	if individuals != len(execs) {
		t.Errorf("%d individuals, want the %d executives on the 2026 SDN list", individuals, len(execs))
	}
	for id, press := range map[string]string{
		"kaspersky:aleskeeva-marina-mikhaylovna": "Marina Mikhaylovna Alekseeva",
		"kaspersky:gerber-mikhail-yuyevich":      "Mikhail Yuryevich Gerber",
	} {
		if e := byID[id]; e == nil || !slices.Contains(aliasNames(e), press) {
			t.Errorf("%s: press spelling %q is not an alias", id, press)
		}
	}
}

// TestBuiltinOmitsUnverifiedNames keeps names that entities.md marks
// unverified out of the list, as names, aliases or anywhere in the file.
func TestBuiltinOmitsUnverifiedNames(t *testing.T) {
	byID := loadBuiltin(t)
	for _, name := range []string{
		"АО «Лаборатория Касперского»", "ООО «Группа компаний Касперского»", "Kaspersky Lab UK Ltd",
		"Kaspersky Lab Italia S.r.l.", "Kaspersky Lab Switzerland GmbH", "Kaspersky Lab Iberia",
		"Kaspersky Labs Japan", "Kaspersky Lab Middle East FZ-LLC", "Kaspersky Lab Australia",
		"Kaspersky Lab India", "Kaspersky Lab South Africa", "Kaspersky Lab Nordic", "Kaspersky Lab France",
		"Kaspersky Lab Polska", "Kaspersky Lab Kazakhstan", "InfoWatch",
	} {
		if containsWholeName(string(builtinYAML), name) {
			t.Errorf("%q (unverified) appears in %s", name, builtinFile)
		}
		for _, e := range byID {
			for _, n := range e.Names() {
				if strings.EqualFold(n.Name, name) {
					t.Errorf("%s carries unverified name %q", e.ID, name)
				}
			}
		}
	}
}

// containsWholeName reports whether name occurs in text as a whole name, so
// that "ЗАО «…»" (confirmed) does not count as an occurrence of "АО «…»".
func containsWholeName(text, name string) bool {
	text, name = strings.ToLower(text), strings.ToLower(name)
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(name)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return true
		}
		i = start + 1
	}
}

func TestBuiltinEveryEntityIsSourced(t *testing.T) {
	for id, e := range loadBuiltin(t) {
		if !strings.HasPrefix(id, "kaspersky:") || e.List != BuiltinListID || e.Name == "" {
			t.Errorf("%s: list %q name %q", id, e.List, e.Name)
		}
		if e.SourceURL == "" || len(e.LegalBasis) == 0 {
			t.Errorf("%s: source_url %q, %d legal bases", id, e.SourceURL, len(e.LegalBasis))
		}
		for _, lb := range e.LegalBasis {
			if lb.Regime == "" || lb.Date == "" || lb.URL == "" {
				t.Errorf("%s: incomplete legal basis %+v", id, lb)
			}
		}
	}
}

func TestBuiltinVersionIsStableContentHash(t *testing.T) {
	data, err := os.ReadFile(builtinFile)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	want := "sha256:" + hex.EncodeToString(sum[:])[:12]
	if got := BuiltinVersion(); got != want || BuiltinVersion() != got {
		t.Errorf("BuiltinVersion() = %q, want %q every time", got, want)
	}
}

func TestParseBuiltinRejects(t *testing.T) {
	const basis = `legal_basis: [{regime: R, date: "2024-06-24", url: "https://x.example"}]`
	const ok = "  - {id: a, type: organization, name: A, source_url: \"https://x.example\", " + basis + "}\n"
	for _, tc := range []struct{ name, yaml, want string }{
		{"unknown key names it and its line", "list: kaspersky\nentities:\n  - {id: a, colour: red}\n", "line 3: field colour not found"},
		{"wrong list id", "list: ofac\nentities:\n" + ok, `list "ofac"`},
		{"no entities", "list: kaspersky\n", "no entities"},
		{"duplicate slug", "list: kaspersky\nentities:\n" + ok + ok, `line 4: id "a": duplicate`},
		{"missing parent", "list: kaspersky\nentities:\n" + strings.Replace(ok, "name: A,", "name: A, parent: zz, relation: sub,", 1), `parent "zz"`},
		{"unknown type", "list: kaspersky\nentities:\n" + strings.Replace(ok, "organization", "company", 1), `type "company"`},
		{"empty name", "list: kaspersky\nentities:\n" + strings.Replace(ok, "name: A", `name: ""`, 1), "name: empty"},
		{"bad country", "list: kaspersky\nentities:\n" + strings.Replace(ok, "name: A,", "name: A, countries: [Russia],", 1), `"Russia" is not an ISO`},
		{"no legal basis", "list: kaspersky\nentities:\n" + strings.Replace(ok, basis, "legal_basis: []", 1), "at least one"},
		{"bad alias kind", "list: kaspersky\nentities:\n" + strings.Replace(ok, "name: A,", "name: A, aliases: [{name: B, kind: nick}],", 1), `kind "nick"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseBuiltin([]byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	if _, err := parseBuiltin([]byte("list: kaspersky\nentities:\n" + ok)); err != nil {
		t.Errorf("minimal valid list: %v", err)
	}
}

// TestBuiltinMatchesEntityListFile checks the three entries against the
// published Entity List (eCFR text of July 2026, parsed to JSON) when the
// shared data set is present.
func TestBuiltinMatchesEntityListFile(t *testing.T) {
	const path = "../../shared/data/us_restricted_nsfreg_2026-07/bis_entity_list.json"
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not present: cross-check against the published Entity List skipped", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	type record struct {
		Name            string   `json:"name"`
		Aliases         []string `json:"aliases"`
		Address         string   `json:"address"`
		FederalRegister string   `json:"federal_register"`
	}
	var file struct {
		Entities []record `json:"entities"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	byID := loadBuiltin(t)
	for _, tc := range entityListEntries {
		t.Run(tc.name, func(t *testing.T) {
			i := slices.IndexFunc(file.Entities, func(r record) bool { return r.Name == tc.name })
			if i < 0 {
				t.Fatalf("%q is not in %s", tc.name, path)
			}
			rec, e := file.Entities[i], byID["kaspersky:"+tc.slug]
			var notListed []string // what the built-in list adds beside the Entity List's aliases
			for _, a := range aliasNames(e) {
				if !slices.Contains(rec.Aliases, a) {
					notListed = append(notListed, a)
				}
			}
			if e.Name != rec.Name || len(e.Aliases)-len(notListed) != len(rec.Aliases) || !sameSet(notListed, tc.extra) {
				t.Errorf("name %q aliases %q; Entity List has %q with %q", e.Name, aliasNames(e), rec.Name, rec.Aliases)
			}
			if !slices.Contains(e.Addresses, rec.Address) {
				t.Errorf("addresses %q lack the Entity List's %q", e.Addresses, rec.Address)
			}
			if !strings.HasPrefix(rec.FederalRegister, "89 FR 52363") {
				t.Errorf("Entity List cites %q, the built-in list 89 FR 52363", rec.FederalRegister)
			}
		})
	}
}
