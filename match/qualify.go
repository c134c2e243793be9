package match

import (
	"fmt"
	"slices"
	"strings"
)

// Qualifier effects: a mismatch lowers a score rather than hiding the hit,
// because list countries are often incomplete.
const (
	countryMismatch = 0.9
	weakAlias       = 0.95
)

// qualify applies what the query says beyond the name: a country the listing
// does not carry, or an alias the list itself calls weak, lowers the score.
// It says why in ex's adjustments; with ex nil it only scores.
func qualify(ex *Explanation, score float64, q *Prepared, e *Entity, weak bool, opts SearchOptions) float64 {
	note := func(format string, args ...any) {
		if ex != nil {
			ex.Adjustments = append(ex.Adjustments, fmt.Sprintf(format, args...))
		}
	}
	if opts.Country != "" && len(e.Countries) > 0 {
		if slices.Contains(e.Countries, opts.Country) {
			note("country %s is a listed country", opts.Country)
		} else {
			score *= countryMismatch
			note("country %s is not among the listed countries %v: score x%.2f", opts.Country, e.Countries, countryMismatch)
		}
	}
	if opts.Type == "" && e.Type != "" && e.Type != Organization {
		if w := organizationWord(q); w != "" {
			score *= orgMismatch
			note("the query reads as an organisation (%q) and the listed party is %s %s: score x%.2f", w, article(string(e.Type)), e.Type, orgMismatch)
		}
	}
	if weak {
		score *= weakAlias
		note("matched a weak alias (the list calls it low quality): score x%.2f", weakAlias)
	}
	return score
}

// orgMismatch scales the score of a listed person, vessel or aircraft when
// the query, given no type, reads as an organisation's name: "Ares
// Management Corporation" is not the tanker ARES, nor "Tata Steel" Mr Tata.
const orgMismatch = 0.85

// organizationWord returns the first word that makes q read as an
// organisation's name, a legal form or a word saying what a company does,
// or "" when none does. Place names and words that also title people or
// ships (general, united, new) do not.
func organizationWord(q *Prepared) string {
	for i := range q.words {
		w := &q.words[i]
		if w.kind == legal || w.kind == generic && !placeWords()[w.text] && !ambiguousGeneric[w.text] {
			return w.orig
		}
	}
	return ""
}

var ambiguousGeneric = setOf("general", "new", "first", "united", "universal", "world", "worldwide", "state", "federal")

func article(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an"
	}
	return "a"
}
