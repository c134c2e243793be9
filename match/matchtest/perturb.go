package matchtest

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"

	"github.com/rpscreen/rpscreen/match"
)

// Kind is one way an analyst's or a vendor master's spelling of a listed
// name differs from the list's own, in a way screening is expected to catch.
type Kind string

// The perturbation kinds, in the order Perturb applies a pair of them.
const (
	LegalFormSwap Kind = "legal_form_swap" // Ltd -> LLC, OOO -> JSC, Inc. -> Co., Ltd.
	LegalFormAdd  Kind = "legal_form_add"  // a form the list does not print: FOO TRADING -> FOO TRADING LLC
	LegalFormDrop Kind = "legal_form_drop" // FOO TRADING LLC -> FOO TRADING
	WordOrder     Kind = "word_order"      // PUTIN, Vladimir <-> Vladimir PUTIN; OOO Foo <-> Foo OOO; Bank of X -> X Bank
	Typo          Kind = "typo"            // one edit in a distinctive word of 5+ letters
	Translit      Kind = "transliteration" // kh/h, ks/x, ph/f, ts/tz, iy/ii, y/i, yu/iu, doubled letters
	Punctuation   Kind = "punctuation"     // punctuation dropped, words hyphenated or joined, L.L.C., "Foo, Ltd."
	Ampersand     Kind = "ampersand"       // & <-> and
	Case          Kind = "case"            // UPPER <-> Title
	Cyrillic      Kind = "cyrillic"        // the Latin name written in Cyrillic, as a Russian speaker would
)

// Kinds is every kind, in application order.
var Kinds = []Kind{LegalFormSwap, LegalFormAdd, LegalFormDrop, WordOrder, Typo, Translit, Punctuation, Ampersand, Case, Cyrillic}

// pairShare is how often Perturb combines two kinds rather than applying one.
const pairShare = 1.0 / 3

// Perturb returns a variant of a listed name that an analyst expects to be
// caught, and how it was made: one kind ("typo") or, a third of the time, two
// kinds of different families ("typo+legal_form_swap"), which may leave no
// word of the listed name intact. typ decides which kinds make sense: legal
// forms only for organisations (or an unknown type), "SURNAME, Given" only for
// individuals. A name no kind applies to comes back unchanged with how "".
// The result depends only on r's state, name and typ.
func Perturb(r *rand.Rand, name string, typ match.EntityType) (variant, how string) {
	kinds := Applicable(name, typ)
	if len(kinds) == 0 {
		return name, ""
	}
	if len(kinds) > 1 && r.Float64() < pairShare {
		pairable := slices.DeleteFunc(slices.Clone(kinds), func(k Kind) bool { return k == Case })
		r.Shuffle(len(pairable), func(i, j int) { pairable[i], pairable[j] = pairable[j], pairable[i] })
		for i, a := range pairable {
			for _, b := range pairable[i+1:] {
				if family(a) == family(b) {
					continue
				}
				first, second := a, b
				if slices.Index(Kinds, b) < slices.Index(Kinds, a) {
					first, second = b, a
				}
				v1, ok1 := Apply(r, name, typ, first)
				if !ok1 {
					continue
				}
				if v2, ok2 := Apply(r, v1, typ, second); ok2 && v2 != name {
					return v2, string(first) + "+" + string(second)
				}
			}
		}
	}
	k := kinds[r.IntN(len(kinds))]
	if v, ok := Apply(r, name, typ, k); ok {
		return v, string(k)
	}
	return name, ""
}

// family groups kinds that must not be combined: two legal-form changes
// would undo or mask each other.
func family(k Kind) string {
	switch k {
	case LegalFormSwap, LegalFormAdd, LegalFormDrop:
		return "legal_form"
	}
	return string(k)
}

// Applicable lists the kinds that can change name, in application order.
func Applicable(name string, typ match.EntityType) []Kind {
	var out []Kind
	for _, k := range Kinds {
		if applies(name, typ, k) {
			out = append(out, k)
		}
	}
	return out
}

// Apply makes one perturbation of kind k. It reports false, returning name
// unchanged, when k does not apply to name.
func Apply(r *rand.Rand, name string, typ match.EntityType, k Kind) (string, bool) {
	if !applies(name, typ, k) {
		return name, false
	}
	var v string
	switch k {
	case LegalFormSwap:
		v = swapForm(r, name)
	case LegalFormAdd:
		v = addForm(r, name)
	case LegalFormDrop:
		v = dropForm(name)
	case WordOrder:
		v = reorder(r, name, typ)
	case Typo:
		v = typo(r, name)
	case Translit:
		v = translit(r, name)
	case Punctuation:
		v = punctuate(r, name)
	case Ampersand:
		v = ampersand(name)
	case Case:
		v = changeCase(r, name)
	case Cyrillic:
		v = ToCyrillic(name)
	}
	if v == "" || v == name {
		return name, false
	}
	return v, true
}

func applies(name string, typ match.EntityType, k Kind) bool {
	org := typ == match.Organization || typ == ""
	ws := strings.Fields(name)
	pre, suf := formSpan(ws)
	switch k {
	case LegalFormSwap:
		return org && pre+suf > 0
	case LegalFormAdd:
		return org && pre+suf == 0 && len(ws) > 0
	case LegalFormDrop:
		return org && (pre > 0 || suf > 0) && len(ws)-pre-suf > 0
	case WordOrder:
		return reorder(rand.New(rand.NewPCG(0, 0)), name, typ) != ""
	case Typo:
		return len(typoWords(ws, pre, suf)) > 0
	case Translit:
		return len(translitSites(ws, pre, suf)) > 0
	case Punctuation:
		return len(punctuations(name)) > 0
	case Ampersand:
		return ampersand(name) != ""
	case Case:
		return strings.ToUpper(name) != name || titleCase(name) != name
	case Cyrillic:
		// Names that read as phrases (Bank of Foo, Foo and Sons, Foo de
		// C.V.) are translated into Russian, not transliterated.
		return latinOnly(name) && (typ == match.Individual ||
			!slices.ContainsFunc(ws, func(w string) bool { return phraseWords[core(w)] || w == "&" }))
	}
	return false
}

// core is a word's letters and digits, lower case: "L.L.C.," -> "llc".
func core(w string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isUpper reports whether s has letters and all of them are upper case.
func isUpper(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}

// titleCase writes every word with an upper-case first letter and the rest lower.
func titleCase(s string) string {
	rs := []rune(strings.ToLower(s))
	start := true
	for i, r := range rs {
		if unicode.IsLetter(r) {
			if start {
				rs[i] = unicode.ToUpper(r)
			}
			start = false
		} else {
			start = r == ' ' || r == '-' || r == '(' || r == '/'
		}
	}
	return string(rs)
}

func changeCase(r *rand.Rand, name string) string {
	switch {
	case !isUpper(name):
		return strings.ToUpper(name)
	case r.IntN(5) == 0:
		return strings.ToLower(name)
	default:
		return titleCase(name)
	}
}

func latinOnly(name string) bool {
	letters := 0
	for _, r := range name {
		if unicode.IsLetter(r) {
			if r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// distinctive reports whether a word identifies the party rather than
// saying what it is: typos and spelling variants go there.
func distinctive(c string) bool {
	return !genericWords[c] && !formWords[c]
}

// genericWords say what a party is or does, not which party it is (the
// matcher's own list, plurals and spellings included).
var genericWords = set("lab", "labs", "laboratory", "group", "company", "companies", "corporation",
	"international", "manufacturing", "technology", "technologies", "service", "services", "holding",
	"holdings", "industry", "industries", "industrial", "enterprise", "enterprises", "system",
	"systems", "solution", "solutions", "product", "products", "resource", "resources",
	"investment", "investments", "trading", "trade", "department", "national", "association",
	"university", "center", "centre", "brothers", "management", "engineering", "electric",
	"electronic", "electronics", "communication", "communications", "network", "networks",
	"partner", "partners", "ship", "shipping", "bank", "global", "general", "import", "export",
	"research", "institute", "development", "capital", "energy", "construction", "logistics",
	"marine", "maritime", "petroleum", "software", "security", "government", "media",
	"consulting", "agency", "factory", "plant", "scientific", "production", "union", "fund",
	"foundation", "ministry", "state", "federal", "trust", "finance", "financial", "insurance",
	"office", "branch", "commercial", "equipment", "machinery", "chemical", "chemicals",
	"materials", "transport", "airlines", "aviation", "shipyard", "store", "stores", "metal",
	"steel", "mining", "power", "world", "worldwide", "universal", "first", "united",
	"associates", "design", "academy", "school", "bureau", "committee", "council", "organization",
	"organisation", "society", "charity", "limited", "incorporated", "kompaniya", "gruppa")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// splitWord cuts a word into its letters and the punctuation that follows
// them ("KASPERSKY," -> "KASPERSKY", ","); ok is false when the word holds
// anything else (digits, inner punctuation).
func splitWord(w string) (letters, tail string, ok bool) {
	i := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return w, "", true
	}
	letters, tail = w[:i], w[i:]
	return letters, tail, letters != "" && strings.Trim(tail, ".,;:)") == ""
}
