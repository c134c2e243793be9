package match

import (
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
		"uk", "usa", "europe", "european", "asia", "asian", "africa", "african", "america",
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
