package matchtest

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/rpscreen/rpscreen/match"
)

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
