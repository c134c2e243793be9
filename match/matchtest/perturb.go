package matchtest

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

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

// typoWords are the indexes of the distinctive words of 5+ letters.
func typoWords(ws []string, pre, suf int) []int {
	var out []int
	for i := pre; i < len(ws)-suf; i++ {
		letters, _, ok := splitWord(ws[i])
		if ok && len([]rune(letters)) >= 5 && distinctive(strings.ToLower(letters)) {
			out = append(out, i)
		}
	}
	return out
}

// typo makes one edit, never to the first letter, in a distinctive word of
// five letters or more: a substitution by a neighbouring key, a deletion, an
// insertion or a swap of two neighbouring letters.
func typo(r *rand.Rand, name string) string {
	ws := strings.Fields(name)
	pre, suf := formSpan(ws)
	idx := typoWords(ws, pre, suf)
	if len(idx) == 0 {
		return ""
	}
	i := idx[r.IntN(len(idx))]
	letters, tail, _ := splitWord(ws[i])
	ws[i] = string(editWord(r, []rune(letters))) + tail
	return strings.Join(ws, " ")
}

func editWord(r *rand.Rand, w []rune) []rune {
	n := len(w)
	for range 8 {
		switch op := r.IntN(4); op {
		case 0: // substitution
			i := 1 + r.IntN(n-1)
			if c := nearKey(r, w, i); c != w[i] {
				return slices.Concat(w[:i], []rune{c}, w[i+1:])
			}
		case 1: // deletion
			i := 1 + r.IntN(n-1)
			return slices.Concat(w[:i], w[i+1:])
		case 2: // insertion
			i := 1 + r.IntN(n)
			return slices.Concat(w[:i], []rune{nearKey(r, w, i-1)}, w[i:])
		default: // neighbours swapped
			i := 1 + r.IntN(n-2)
			if w[i] != w[i+1] {
				return slices.Concat(w[:i], []rune{w[i+1], w[i]}, w[i+2:])
			}
		}
	}
	return slices.Concat(w[:1], w[2:]) // every try hit a double letter
}

// keyboard lists the keys around each key of a QWERTY keyboard.
var keyboard = map[rune]string{
	'q': "wa", 'w': "qeas", 'e': "wrsd", 'r': "etdf", 't': "ryfg", 'y': "tugh", 'u': "yihj",
	'i': "uojk", 'o': "ipkl", 'p': "ol", 'a': "qwsz", 's': "awedxz", 'd': "serfcx",
	'f': "drtgvc", 'g': "ftyhbv", 'h': "gyujnb", 'j': "huikmn", 'k': "jiolm", 'l': "kop",
	'z': "asx", 'x': "zsdc", 'c': "xdfv", 'v': "cfgb", 'b': "vghn", 'n': "bhjm", 'm': "njk",
}

// nearKey returns a key next to w[i] on the keyboard, in w[i]'s case; for
// letters off the Latin keyboard, another letter of the word.
func nearKey(r *rand.Rand, w []rune, i int) rune {
	c := w[i]
	if near, ok := keyboard[unicode.ToLower(c)]; ok {
		k := rune(near[r.IntN(len(near))])
		if unicode.IsUpper(c) {
			k = unicode.ToUpper(k)
		}
		return k
	}
	return w[r.IntN(len(w))]
}

// ampersand spells "&" as "and" or "and" as "&"; "" when there is neither.
func ampersand(name string) string {
	if strings.Contains(name, "&") {
		parts := strings.Split(name, "&")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		and := " and "
		if isUpper(name) {
			and = " AND "
		}
		return strings.Join(parts, and)
	}
	ws := strings.Fields(name)
	for i := 1; i < len(ws)-1; i++ {
		if strings.EqualFold(ws[i], "and") {
			ws[i] = "&"
			return strings.Join(ws, " ")
		}
	}
	return ""
}

// formWords are the words legal forms are made of, by core.
var formWords = set("ltd", "limited", "llc", "gmbh", "ooo", "jsc", "co", "company", "inc",
	"incorporated", "corp", "corporation", "plc", "sa", "ag", "llp", "lp", "pte", "pvt", "private",
	"fze", "fzco", "fz", "ao", "oao", "zao", "pao", "pjsc", "ojsc", "cjsc", "tov", "sp", "z", "oo",
	"srl", "sarl", "bv", "nv", "spa", "liability", "joint", "stock", "open", "closed", "public",
	"pty", "sdn", "bhd", "pt", "sro", "sas", "ltda", "sl", "kft", "doo", "ood", "eood", "cv")

// legalForms are the forms recognised at either end of a name, by the cores
// of their words; prefixForms may also open a name (OOO Kaspersky Group).
var (
	legalForms = set("ltd", "limited", "llc", "gmbh", "ooo", "jsc", "co ltd", "company limited",
		"co limited", "inc", "incorporated", "corp", "corporation", "co", "company", "plc", "sa",
		"ag", "llp", "lp", "pte ltd", "pvt ltd", "private limited", "fze", "fzco", "fz llc", "ao",
		"oao", "zao", "pao", "pjsc", "ojsc", "cjsc", "tov", "sp z oo", "srl", "sarl", "bv", "nv",
		"spa", "limited liability company", "joint stock company", "open joint stock company",
		"closed joint stock company", "public joint stock company", "private joint stock company",
		"pty ltd", "pty", "sdn bhd", "bhd", "sro", "sas", "ltda", "sl", "kft", "doo", "ood", "eood",
		"sa de cv", "s de rl de cv", "s de rl", "pt")
	prefixForms = set("ooo", "ao", "oao", "zao", "pao", "pjsc", "ojsc", "cjsc", "jsc", "llc", "tov",
		"limited liability company", "joint stock company", "open joint stock company",
		"closed joint stock company", "public joint stock company", "private joint stock company", "pt")
)

// Replacement forms, as lists and vendor masters print them.
var (
	suffixSpellings = []string{"Ltd", "Ltd.", "Limited", "LLC", "L.L.C.", "GmbH", "OOO", "JSC",
		"Co., Ltd.", "Company Limited", "Inc.", "Corp.", "Corporation", "PLC", "S.A.", "AG", "LLP",
		"Pte. Ltd.", "FZE", "AO", "Limited Liability Company", "Joint Stock Company"}
	prefixSpellings = []string{"OOO", "AO", "JSC", "OJSC", "ZAO", "PAO", "LLC", "TOV",
		"Limited Liability Company", "Joint Stock Company"}
)

// formSpan counts the words of the legal forms opening and closing ws,
// longest first. A one-word name is its own name, not a form.
func formSpan(ws []string) (pre, suf int) {
	for n := min(5, len(ws)-1); n >= 1 && suf == 0; n-- {
		if legalForms[cores(ws[len(ws)-n:])] {
			suf = n
		}
	}
	for n := min(5, len(ws)-1-suf); n >= 1 && pre == 0; n-- {
		if c := cores(ws[:n]); prefixForms[c] {
			pre = n
		}
	}
	return pre, suf
}

func cores(ws []string) string {
	cs := make([]string, len(ws))
	for i, w := range ws {
		cs[i] = core(w)
	}
	return strings.Join(cs, " ")
}

// trimTail drops the comma or semicolon left on the word before a removed form.
func trimTail(ws []string) []string {
	if n := len(ws); n > 0 {
		ws[n-1] = strings.TrimRight(ws[n-1], ",;")
	}
	return ws
}

// spelling picks a form whose words differ from old, in the name's case.
func spelling(r *rand.Rand, from []string, old, name string) string {
	for {
		s := from[r.IntN(len(from))]
		if core(s) == strings.ReplaceAll(old, " ", "") {
			continue
		}
		if isUpper(name) {
			s = strings.ToUpper(s)
		}
		return s
	}
}

func swapForm(r *rand.Rand, name string) string {
	ws := strings.Fields(name)
	pre, suf := formSpan(ws)
	if suf > 0 {
		s := spelling(r, suffixSpellings, cores(ws[len(ws)-suf:]), name)
		return strings.Join(append(slices.Clone(ws[:len(ws)-suf]), s), " ")
	}
	s := spelling(r, prefixSpellings, cores(ws[:pre]), name)
	return s + " " + strings.Join(ws[pre:], " ")
}

func addForm(r *rand.Rand, name string) string {
	if r.IntN(4) == 0 {
		return spelling(r, prefixSpellings, "", name) + " " + name
	}
	return name + " " + spelling(r, suffixSpellings, "", name)
}

func dropForm(name string) string {
	ws := strings.Fields(name)
	pre, suf := formSpan(ws)
	return strings.Join(trimTail(slices.Clone(ws[pre:len(ws)-suf])), " ")
}

// reorder changes the word order: a person's "SURNAME, Given" becomes "Given
// SURNAME" and "Given Surname" becomes "Surname, Given" (or "Surname Given");
// an organisation's prefix form moves to the end or its suffix form to the
// front (where Russian names put it), and "Bank of Foo" becomes "Foo Bank".
// It returns "" when no reordering applies.
func reorder(r *rand.Rand, name string, typ match.EntityType) string {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return ""
	}
	switch typ {
	case match.Individual:
		if sur, given, ok := strings.Cut(name, ","); ok {
			sur, given = strings.TrimSpace(sur), strings.TrimSpace(given)
			if sur == "" || given == "" {
				return ""
			}
			return given + " " + sur
		}
		last := ws[len(ws)-1]
		if r.IntN(2) == 0 {
			return last + " " + strings.Join(ws[:len(ws)-1], " ")
		}
		return last + ", " + strings.Join(ws[:len(ws)-1], " ")
	case match.Organization, "":
		pre, suf := formSpan(ws)
		switch {
		case pre > 0:
			return strings.Join(slices.Concat(ws[pre:], ws[:pre]), " ")
		case suf > 0 && prefixForms[cores(ws[len(ws)-suf:])] && len(ws) > suf:
			body := trimTail(slices.Clone(ws[:len(ws)-suf]))
			return strings.Join(slices.Concat(ws[len(ws)-suf:], body), " ")
		}
		// "Bank of Kunlun": one "of", no form, a short complement.
		of := slices.IndexFunc(ws, func(w string) bool { return strings.EqualFold(w, "of") })
		if of > 0 && of < len(ws)-1 && len(ws)-of-1 <= 3 && pre+suf == 0 && !strings.ContainsAny(name, ",()") &&
			!slices.ContainsFunc(ws[of+1:], func(w string) bool { return strings.EqualFold(w, "of") || strings.EqualFold(w, "the") }) {
			return strings.Join(slices.Concat(ws[of+1:], ws[:of]), " ")
		}
	}
	return ""
}

// A translitRule rewrites one romanisation into another the lists also
// use. at is 's' for the start of a word only, 'e' for its end, 0 anywhere.
type translitRule struct {
	from, to string
	at       byte
}

var translitRules = []translitRule{
	{"kh", "h", 0}, {"ks", "x", 0}, {"x", "ks", 0}, {"ph", "f", 0}, {"ts", "tz", 0}, {"tz", "ts", 0},
	{"iy", "ii", 0}, {"ii", "iy", 0}, {"iy", "y", 'e'}, {"y", "i", 0}, {"i", "y", 'e'},
	{"ou", "u", 0}, {"shch", "sch", 0}, {"sch", "sh", 0}, {"ck", "k", 0},
	{"mm", "m", 0}, {"ss", "s", 0}, {"ll", "l", 0}, {"v", "w", 's'}, {"w", "v", 's'},
	{"e", "ye", 's'}, {"ye", "e", 's'},
}

type translitSite struct {
	word int
	rule translitRule
}

// translitSites lists every rule that applies to a distinctive word of four
// or more Latin letters.
func translitSites(ws []string, pre, suf int) []translitSite {
	var out []translitSite
	for i := pre; i < len(ws)-suf; i++ {
		letters, _, ok := splitWord(ws[i])
		low := strings.ToLower(letters)
		if !ok || len(low) < 4 || !distinctive(low) || !latinOnly(low) {
			continue
		}
		for _, rl := range translitRules {
			if rl.at == 's' && strings.HasPrefix(low, rl.from) || rl.at == 'e' && strings.HasSuffix(low, rl.from) ||
				rl.at == 0 && strings.Contains(low, rl.from) {
				out = append(out, translitSite{i, rl})
			}
		}
	}
	return out
}

// translit respells one word by one rule, everywhere the rule applies in it.
func translit(r *rand.Rand, name string) string {
	ws := strings.Fields(name)
	pre, suf := formSpan(ws)
	sites := translitSites(ws, pre, suf)
	if len(sites) == 0 {
		return ""
	}
	s := sites[r.IntN(len(sites))]
	letters, tail, _ := splitWord(ws[s.word])
	low := strings.ToLower(letters)
	switch s.rule.at {
	case 's':
		low = s.rule.to + low[len(s.rule.from):]
	case 'e':
		low = low[:len(low)-len(s.rule.from)] + s.rule.to
	default:
		low = strings.ReplaceAll(low, s.rule.from, s.rule.to)
	}
	ws[s.word] = recase(low, letters) + tail
	return strings.Join(ws, " ")
}

// recase writes lower-case s in the case pattern of like: UPPER, Title
// (the first letter, after any quote) or lower.
func recase(s, like string) string {
	if isUpper(like) {
		return strings.ToUpper(s)
	}
	if i := strings.IndexFunc(like, unicode.IsLetter); i >= 0 && unicode.IsUpper([]rune(like[i:])[0]) {
		rs := []rune(s)
		if j := slices.IndexFunc(rs, unicode.IsLetter); j >= 0 {
			rs[j] = unicode.ToUpper(rs[j])
		}
		return string(rs)
	}
	return s
}

// stripMarks drops accents: Jesús -> Jesus.
func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Punctuation and spacing changes.
const (
	punctStrip  = iota // "Al-Qaida Co., Ltd." -> "Al Qaida Co Ltd"
	punctHyphen        // "Sky Link" -> "Sky-Link"
	punctJoin          // "Sky Link" -> "SkyLink"
	punctDots          // "LLC" -> "L.L.C."
	punctComma         // "Foo Ltd" -> "Foo, Ltd"
)

// punctuations lists the changes that apply to name.
func punctuations(name string) []int {
	var out []int
	if strings.ContainsAny(name, ".,'’()\"-/") {
		out = append(out, punctStrip)
	}
	ws := strings.Fields(name)
	if wordPairs(ws, false) != nil {
		out = append(out, punctHyphen)
	}
	if wordPairs(ws, true) != nil {
		out = append(out, punctJoin)
	}
	if acronyms(ws) != nil {
		out = append(out, punctDots)
	}
	if _, suf := formSpan(ws); suf > 0 && !strings.HasSuffix(ws[len(ws)-suf-1], ",") {
		out = append(out, punctComma)
	}
	return out
}

// wordPairs are the indexes i where ws[i] and ws[i+1] are both plain words
// that are not stop words and, to be joined, short: "Sea Star" -> "Seastar".
func wordPairs(ws []string, join bool) []int {
	plain := func(w string) bool {
		c := core(w)
		return latinOnly(w) && c == strings.ToLower(w) && !stopWords[c] && (!join || len(w) <= 6 && !formWords[c])
	}
	var out []int
	for i := 0; i+1 < len(ws); i++ {
		if plain(ws[i]) && plain(ws[i+1]) {
			out = append(out, i)
		}
	}
	return out
}

var stopWords = set("of", "the", "and", "for")

// acronyms are the indexes of upper-case words of two to four letters that
// are legal forms or, in a name not all in capitals, initialisms.
func acronyms(ws []string) []int {
	allCaps := isUpper(strings.Join(ws, " "))
	var out []int
	for i, w := range ws {
		if n := len(w); n >= 2 && n <= 4 && isUpper(w) && core(w) == strings.ToLower(w) && (!allCaps || formWords[core(w)]) {
			out = append(out, i)
		}
	}
	return out
}

var stripPunct = strings.NewReplacer(".", "", ",", "", "'", "", "’", "", "(", "", ")", "", "\"", "", "-", " ", "/", " ")

func punctuate(r *rand.Rand, name string) string {
	opts := punctuations(name)
	if len(opts) == 0 {
		return ""
	}
	ws := strings.Fields(name)
	switch opt := opts[r.IntN(len(opts))]; opt {
	case punctStrip:
		return strings.Join(strings.Fields(stripPunct.Replace(name)), " ")
	case punctHyphen, punctJoin:
		pairs := wordPairs(ws, opt == punctJoin)
		i := pairs[r.IntN(len(pairs))]
		sep := "-"
		if opt == punctJoin {
			sep = ""
		}
		ws[i] += sep + ws[i+1]
		return strings.Join(slices.Delete(ws, i+1, i+2), " ")
	case punctDots:
		as := acronyms(ws)
		i := as[r.IntN(len(as))]
		ws[i] = strings.Join(strings.Split(ws[i], ""), ".") + "."
	case punctComma:
		_, suf := formSpan(ws)
		ws[len(ws)-suf-1] += ","
	}
	return strings.Join(ws, " ")
}

// cyrillicForms are the Russian abbreviations of the forms Russian names carry.
var cyrillicForms = map[string]string{
	"ooo": "ООО", "llc": "ООО", "limited liability company": "ООО",
	"ao": "АО", "jsc": "АО", "joint stock company": "АО",
	"oao": "ОАО", "ojsc": "ОАО", "open joint stock company": "ОАО",
	"zao": "ЗАО", "cjsc": "ЗАО", "closed joint stock company": "ЗАО",
	"pao": "ПАО", "pjsc": "ПАО", "public joint stock company": "ПАО",
}

var phraseWords = set("of", "the", "for", "and", "de", "del", "la", "los", "las", "y", "et", "und")

// englishInCyrillic is how Russian writes the English words of company
// names: by sound, not by letter (Corporation -> Корпорейшн).
var englishInCyrillic = map[string]string{
	"company": "компани", "co": "ко", "corporation": "корпорейшн", "corp": "корп",
	"international": "интернешнл", "trading": "трейдинг", "trade": "трейд", "group": "груп",
	"holding": "холдинг", "holdings": "холдингс", "bank": "банк", "services": "сервисез",
	"service": "сервис", "shipping": "шиппинг", "marine": "марин", "maritime": "маритайм",
	"energy": "энерджи", "technology": "текнолоджи", "technologies": "текнолоджиз",
	"industries": "индастриз", "industrial": "индастриал", "management": "менеджмент",
	"logistics": "логистикс", "investment": "инвестмент", "investments": "инвестментс",
	"capital": "кэпитал", "global": "глобал", "general": "дженерал", "electronics": "электроникс",
	"engineering": "инжиниринг", "systems": "системс", "solutions": "солюшнс", "oil": "ойл",
	"development": "девелопмент", "resources": "ресорсиз", "consulting": "консалтинг",
	"limited": "лимитед", "ltd": "лтд", "inc": "инк", "llc": "ллк", "plc": "плс",
	"partners": "партнерс", "enterprise": "энтерпрайз", "enterprises": "энтерпрайзис",
	"import": "импорт", "export": "экспорт", "finance": "файненс", "security": "секьюрити",
	"star": "стар", "line": "лайн", "lines": "лайнс", "sea": "си", "ocean": "оушен",
	"trust": "траст", "world": "уорлд", "new": "нью", "east": "ист", "west": "уэст",
}

// cyrillicLetters reverse the common Russian romanisations, longest first
// at each position; single letters follow in cyrillicLetter.
var cyrillicLetters = []struct{ latin, cyr string }{
	{"shch", "щ"}, {"sch", "ш"}, {"kh", "х"}, {"zh", "ж"}, {"ts", "ц"}, {"tz", "ц"}, {"ch", "ч"},
	{"sh", "ш"}, {"yu", "ю"}, {"ya", "я"}, {"ye", "е"}, {"ph", "ф"}, {"th", "т"},
	{"ck", "к"}, {"qu", "кв"}, {"ee", "и"}, {"oo", "у"},
}

var cyrillicLetter = map[byte]string{
	'a': "а", 'b': "б", 'c': "к", 'd': "д", 'e': "е", 'f': "ф", 'g': "г", 'h': "х", 'i': "и",
	'j': "дж", 'k': "к", 'l': "л", 'm': "м", 'n': "н", 'o': "о", 'p': "п", 'q': "к", 'r': "р",
	's': "с", 't': "т", 'u': "у", 'v': "в", 'w': "в", 'x': "кс", 'y': "ы", 'z': "з",
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// ToCyrillic writes a Latin-script name in Cyrillic the way a Russian
// speaker would render it (Kaspersky Lab -> Касперски Лаб, OOO Foo -> ООО Фоо),
// reversing the romanisations lists use (kh, zh, ts, ch, sh, shch, yu, ya).
// Letters off the basic Latin alphabet, digits and punctuation pass through.
func ToCyrillic(name string) string {
	ws := strings.Fields(name)
	pre, suf := formSpan(ws)
	out := make([]string, 0, len(ws))
	if f, ok := cyrillicForms[cores(ws[:pre])]; ok {
		out = append(out, f)
	} else {
		pre = 0
	}
	form := ""
	if f, ok := cyrillicForms[cores(ws[len(ws)-suf:])]; ok && suf > 0 {
		form = f
	} else {
		suf = 0
	}
	for _, w := range ws[pre : len(ws)-suf] {
		out = append(out, cyrillicWord(w))
	}
	if form != "" {
		out = append(out, form)
	}
	return strings.Join(out, " ")
}

// cyrillicWord renders one word, keeping its case pattern.
func cyrillicWord(w string) string {
	if letters, tail, ok := splitWord(w); ok {
		if c, known := englishInCyrillic[strings.ToLower(letters)]; known {
			return recase(c, letters) + tail
		}
	}
	s := strings.ToLower(stripMarks(w))
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c < 'a' || c > 'z' {
			r := []rune(s[i:])[0]
			b.WriteRune(r)
			i += len(string(r))
			continue
		}
		n, cyr := 1, cyrillicLetter[c]
		for _, l := range cyrillicLetters {
			if strings.HasPrefix(s[i:], l.latin) {
				n, cyr = len(l.latin), l.cyr
				break
			}
		}
		atEnd := i+n == len(s) || s[i+n] < 'a' || s[i+n] > 'z'
		atStart := i == 0 || s[i-1] < 'a' || s[i-1] > 'z'
		switch {
		case n > 1:
		case c == 'y' && i+1 < len(s) && s[i+1] == 'o':
			n, cyr = 2, "ё" // Pyotr
			if atStart || isVowel(s[i-1]) {
				cyr = "йо" // Yosef
			}
		case c == 'y' && !atStart && isVowel(s[i-1]):
			cyr = "й" // Nikolay
		case c == 'y' && atEnd && !atStart && s[i-1] == 'k':
			cyr = "ий" // Kaspersky
		case c == 'y' && atEnd:
			cyr = "и" // Dmitry, Military
		case c == 'y' && atStart:
			cyr = "и"
		case c == 'e' && atStart:
			cyr = "э"
		case c == 'c' && !atEnd && strings.IndexByte("eiy", s[i+1]) >= 0:
			cyr = "с"
		}
		b.WriteString(cyr)
		i += n
	}
	return recase(b.String(), w)
}
