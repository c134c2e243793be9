package matchtest

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/rpscreen/rpscreen/match"
)

// Real listed names, in the lists' own spellings.
var listed = []struct {
	name string
	typ  match.EntityType
}{
	{"Kaspersky Labs Limited", match.Organization},
	{"OOO Kaspersky Group", match.Organization},
	{"ANGLO-CARIBBEAN CO., LTD.", match.Organization},
	{"TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY", match.Organization},
	{"Bank Melli Iran", match.Organization},
	{"Central Bank of the Islamic Republic of Iran", match.Organization},
	{"PROCTER & GAMBLE TRADING", match.Organization},
	{"Hikvision Digital Technology Co., Ltd.", match.Organization},
	{"PUTIN, Vladimir Vladimirovich", match.Individual},
	{"Mikhail Khodorkovsky", match.Individual},
	{"KHAN, Abdul Qadeer", match.Individual},
	{"Aleksey Yevgenyevich Tikhonov", match.Individual},
	{"SEA STAR", match.Vessel},
}

func TestPerturbIsDeterministicForASeed(t *testing.T) {
	gen := func(seed uint64) []string {
		r := rand.New(rand.NewPCG(seed, 7))
		var out []string
		for range 20 {
			for _, l := range listed {
				v, how := Perturb(r, l.name, l.typ)
				out = append(out, v+" | "+how)
			}
		}
		return out
	}
	a, b, c := gen(1), gen(1), gen(2)
	if !slices.Equal(a, b) {
		t.Error("the same seed gave different variants")
	}
	if slices.Equal(a, c) {
		t.Error("seeds 1 and 2 gave the same variants")
	}
}

// Every variant is made by the kinds it names, differs from the name unless
// only its case changed, and over many draws every kind and pairs occur.
func TestPerturbUsesEveryKind(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	seen := map[string]int{}
	pairs := 0
	for range 200 {
		for _, l := range listed {
			v, how := Perturb(r, l.name, l.typ)
			if how == "" {
				t.Fatalf("%q: no perturbation applied", l.name)
			}
			kinds := strings.Split(how, "+")
			if len(kinds) > 2 {
				t.Fatalf("%q: %d kinds combined (%s), want at most 2", l.name, len(kinds), how)
			}
			if len(kinds) == 2 {
				pairs++
				if family(Kind(kinds[0])) == family(Kind(kinds[1])) {
					t.Errorf("%q: combined two kinds of one family: %s", l.name, how)
				}
			}
			for _, k := range kinds {
				seen[k]++
				if !slices.Contains(Applicable(l.name, l.typ), Kind(k)) {
					t.Errorf("%q -> %q: %s does not apply to a %s", l.name, v, k, l.typ)
				}
			}
			if v == l.name || (how != string(Case) && strings.EqualFold(v, l.name)) {
				t.Errorf("%q -> %q (%s): no real change", l.name, v, how)
			}
		}
	}
	for _, k := range Kinds {
		if seen[string(k)] == 0 {
			t.Errorf("kind %s never used", k)
		}
	}
	if total := 200 * len(listed); pairs < total/5 || pairs > total/2 {
		t.Errorf("%d of %d variants combine two kinds, want about a third", pairs, total)
	}
}

func TestPerturbApplyMakesWhatItsKindSays(t *testing.T) {
	tests := []struct {
		kind Kind
		name string
		typ  match.EntityType
		want []string // any of these; empty: only check applicability
		ok   bool
	}{
		{LegalFormDrop, "OOO Kaspersky Group", match.Organization, []string{"Kaspersky Group"}, true},
		{LegalFormDrop, "ANGLO-CARIBBEAN CO., LTD.", match.Organization, []string{"ANGLO-CARIBBEAN"}, true},
		{LegalFormDrop, "TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY", match.Organization, []string{"TACTICAL MISSILES CORPORATION"}, true},
		{LegalFormDrop, "Bank Melli Iran", match.Organization, nil, false},
		{LegalFormDrop, "LIMITED", match.Organization, nil, false},
		{LegalFormAdd, "Bank Melli Iran", match.Organization, nil, true},
		{LegalFormAdd, "Kaspersky Labs Limited", match.Organization, nil, false},
		{LegalFormAdd, "Mikhail Khodorkovsky", match.Individual, nil, false},
		{LegalFormSwap, "Mikhail Khodorkovsky", match.Individual, nil, false},
		{WordOrder, "PUTIN, Vladimir Vladimirovich", match.Individual, []string{"Vladimir Vladimirovich PUTIN"}, true},
		{WordOrder, "Mikhail Khodorkovsky", match.Individual, []string{"Khodorkovsky Mikhail", "Khodorkovsky, Mikhail"}, true},
		{WordOrder, "OOO Kaspersky Group", match.Organization, []string{"Kaspersky Group OOO"}, true},
		{WordOrder, "Kaspersky Group LLC", match.Organization, []string{"LLC Kaspersky Group"}, true},
		{WordOrder, "Bank of Kunlun", match.Organization, []string{"Kunlun Bank"}, true},
		{WordOrder, "Kaspersky Labs Limited", match.Organization, nil, false},
		{WordOrder, "Central Bank of the Islamic Republic of Iran", match.Organization, nil, false},
		{Punctuation, "SEA STAR", match.Vessel, []string{"SEA-STAR", "SEASTAR"}, true},
		{WordOrder, "SEA STAR", match.Vessel, nil, false},
		{Translit, "Aleksandr Petrov", match.Individual, []string{"Alexandr Petrov"}, true},
		{Translit, "ROSNEFT", match.Organization, nil, false},
		{Ampersand, "PROCTER & GAMBLE", match.Organization, []string{"PROCTER AND GAMBLE"}, true},
		{Ampersand, "Johnson and Johnson", match.Organization, []string{"Johnson & Johnson"}, true},
		{Ampersand, "Bank Melli Iran", match.Organization, nil, false},
		{Case, "Kaspersky Lab", match.Organization, []string{"KASPERSKY LAB"}, true},
		{Case, "KASPERSKY LAB", match.Organization, []string{"Kaspersky Lab", "kaspersky lab"}, true},
		{Cyrillic, "Kaspersky Lab", match.Organization, []string{"Касперский Лаб"}, true},
		{Cyrillic, "OOO Kaspersky Group", match.Organization, []string{"ООО Касперский Груп"}, true},
		{Cyrillic, "UMBRA NAVI SHIPPING CORPORATION", match.Organization, []string{"УМБРА НАВИ ШИППИНГ КОРПОРЕЙШН"}, true},
		{Cyrillic, "Central Bank of Iran", match.Organization, nil, false},
		{Cyrillic, "Nikolay Patrushev", match.Individual, []string{"Николай Патрушев"}, true},
		{Cyrillic, "Pyotr Yosef Dmitry", match.Individual, []string{"Пётр Йосеф Дмитри"}, true},
		{Cyrillic, "Fidel de Jesús DOMÍNGUEZ", match.Individual, []string{"Фидел де Джесус ДОМИНГУЕЗ"}, true},
		{Cyrillic, "Military-patriotic centre “Vympel”", match.Organization, []string{"Милитари-патриотик сентре “Вымпел”"}, true},
		{Cyrillic, "KHODORKOVSKY, Mikhail", match.Individual, []string{"ХОДОРКОВСКИЙ, Михаил"}, true},
		{Cyrillic, "Касперский", match.Organization, nil, false},
		{Typo, "ABC DEFG Ltd", match.Organization, nil, false}, // no word of 5+ letters
		{Typo, "Kaspersky Group Limited", match.Organization, nil, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+"/"+tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 1))
			for range 20 {
				got, ok := Apply(r, tt.name, tt.typ, tt.kind)
				if ok != tt.ok {
					t.Fatalf("Apply = %q, %v; want ok %v", got, ok, tt.ok)
				}
				if !ok && got != tt.name {
					t.Fatalf("Apply changed %q to %q but said it did not apply", tt.name, got)
				}
				if len(tt.want) > 0 && !slices.Contains(tt.want, got) {
					t.Fatalf("Apply = %q, want one of %q", got, tt.want)
				}
			}
		})
	}
}

// A typo is one edit (substitution, deletion, insertion, neighbour swap) in
// one distinctive word of five letters or more, never its first letter.
func TestPerturbTypoIsOneEditInALongDistinctiveWord(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		for _, l := range listed {
			v, ok := Apply(r, l.name, l.typ, Typo)
			if !ok {
				continue
			}
			a, b := strings.Fields(l.name), strings.Fields(v)
			if len(a) != len(b) {
				t.Fatalf("%q -> %q: word count changed", l.name, v)
			}
			changed := 0
			for i := range a {
				if a[i] == b[i] {
					continue
				}
				changed++
				wa, wb := []rune(a[i]), []rune(b[i])
				if len(wa) < 5 || wa[0] != wb[0] || !distinctive(core(a[i])) {
					t.Errorf("%q -> %q: typo in %q", l.name, v, a[i])
				}
				if d := osa(wa, wb); d != 1 {
					t.Errorf("%q -> %q: %d edits, want 1", a[i], b[i], d)
				}
			}
			if changed != 1 {
				t.Errorf("%q -> %q: %d words changed, want 1", l.name, v, changed)
			}
		}
	}
}

// osa is the optimal string alignment distance: edits with neighbour swaps.
func osa(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range b {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// Punctuation changes only punctuation and spacing; a legal-form swap keeps
// the words before the form and puts a different form there.
func TestPerturbPunctuationAndFormSwapKeepTheName(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	for range 200 {
		for _, l := range listed {
			if v, ok := Apply(r, l.name, l.typ, Punctuation); ok && core(v) != core(l.name) {
				t.Errorf("punctuation: %q -> %q changed letters", l.name, v)
			}
			v, ok := Apply(r, l.name, l.typ, LegalFormSwap)
			if !ok {
				continue
			}
			ws := strings.Fields(l.name)
			pre, suf := formSpan(ws)
			body := strings.TrimRight(strings.Join(ws[pre:len(ws)-suf], " "), ",")
			vs := strings.Fields(v)
			vpre, vsuf := formSpan(vs)
			if got := strings.Join(vs[vpre:len(vs)-vsuf], " "); got != body {
				t.Errorf("form swap: %q -> %q: body %q, want %q", l.name, v, got, body)
			}
			if vpre+vsuf == 0 || cores(vs[:vpre])+cores(vs[len(vs)-vsuf:]) == cores(ws[:pre])+cores(ws[len(ws)-suf:]) {
				t.Errorf("form swap: %q -> %q: form not changed", l.name, v)
			}
		}
	}
}

func TestPerturbToCyrillicLeavesNoLatinLetter(t *testing.T) {
	for _, l := range listed {
		c := ToCyrillic(l.name)
		for _, r := range c {
			if unicode.Is(unicode.Latin, r) {
				t.Errorf("ToCyrillic(%q) = %q keeps Latin %q", l.name, c, r)
				break
			}
		}
	}
}

// Perturb never panics, whatever the name, and is deterministic.
func FuzzPerturb(f *testing.F) {
	for _, l := range listed {
		f.Add(l.name, uint64(1))
	}
	for _, s := range []string{"", "Y", "y Co", "A & B", "-", "Ltd", "OOO", "O.O.O. Y", "Ñandú Yo", "Ёж", "76TH CO., LTD.", " , , "} {
		f.Add(s, uint64(2))
	}
	f.Fuzz(func(t *testing.T, name string, seed uint64) {
		for _, typ := range []match.EntityType{match.Organization, match.Individual, match.Vessel, ""} {
			v1, h1 := Perturb(rand.New(rand.NewPCG(seed, 0)), name, typ)
			v2, h2 := Perturb(rand.New(rand.NewPCG(seed, 0)), name, typ)
			if v1 != v2 || h1 != h2 {
				t.Fatalf("%q: not deterministic: %q (%s), %q (%s)", name, v1, h1, v2, h2)
			}
			if h1 == "" && v1 != name {
				t.Fatalf("%q: changed to %q with no kind named", name, v1)
			}
		}
	})
}
