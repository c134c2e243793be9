package match

import (
	"slices"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// placeWords are the names of countries and regions. In a company name they
// say where a company is, not which one it is ("Deutsche Bank (Schweiz)",
// "Faberlic Europe", "Kaspersky Labs Ltd (UK)"), so they weigh as generic
// words. Country names of one word come from CLDR's English names; the rest
// are the forms names use most.
var placeWords = sync.OnceValue(func() map[string]bool {
	m := setOf(
		"uk", "usa", "uae", "europe", "european", "asia", "asian", "africa", "african", "america",
		"american", "americas", "eurasia", "pacific", "atlantic", "arab", "arabian", "gulf",
		"middle", "east", "eastern", "west", "western", "north", "northern", "south", "southern",
		"schweiz", "suisse", "svizzera", "deutschland", "rossiya", "rossii", "russian",
		"nederland", "espana", "italia", "polska", "osterreich", "sverige", "norge", "danmark",
		"suomi", "turkiye", "hellas", "magyarorszag", "cesko", "hrvatska", "srbija", "ukraina",
		"chinese", "hongkong", "iranian", "korean", "emirates", "britain", "british",
	)
	names := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			if toks := Tokens(names.Name(r)); len(toks) == 1 {
				m[toks[0]] = true
			}
		}
	}
	return m
})

// placePhrases are the country names of several words that names also
// write as initials, longest first: "U.S. Department of State" and
// "United States Department of State" are one name. "U.S." reads "us" and
// "U.S.A." "usa"; "us" stays a distinctive word of its own, so that "US
// Bancorp" does not meet "Bancorp".
var placePhrases = []struct {
	words    []string
	initials string
}{
	{[]string{"united", "states", "of", "america"}, "usa"},
	{[]string{"united", "arab", "emirates"}, "uae"},
	{[]string{"united", "states"}, "us"},
	{[]string{"united", "kingdom"}, "uk"},
}

// abbreviatePlaces writes the country names of toks that placePhrases has
// as their initials, in place, and returns the shortened slice.
func abbreviatePlaces(toks []string) []string {
	out := toks[:0]
next:
	for i := 0; i < len(toks); i++ {
		for _, p := range placePhrases {
			if slices.Equal(toks[i:min(i+len(p.words), len(toks))], p.words) {
				out = append(out, p.initials)
				i += len(p.words) - 1
				continue next
			}
		}
		out = append(out, toks[i])
	}
	return out
}
