package match

import (
	"slices"
	"strings"
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
// write as initials: "U.S. Department of State" and "United States
// Department of State" are one name.
var placePhrases = map[string][][]string{
	"united": {
		{"united", "states", "of", "america"},
		{"united", "arab", "emirates"},
		{"united", "states"},
		{"united", "kingdom"},
	},
}

var placeInitials = map[string]string{
	// "U.S." reads "us" and "U.S.A." "usa"; "us" stays a distinctive word
	// of its own, so that "US Bancorp" does not meet "Bancorp".
	"united states of america": "usa", "united states": "us", "united arab emirates": "uae",
	"united kingdom": "uk",
}

// abbreviatePlaces writes the country names of toks that placePhrases has
// as their initials, in place, and returns the shortened slice.
func abbreviatePlaces(toks []string) []string {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		phrase := longestPhrase(toks[i:])
		if phrase == nil {
			out = append(out, toks[i])
			continue
		}
		out = append(out, placeInitials[strings.Join(phrase, " ")])
		i += len(phrase) - 1
	}
	return out
}

func longestPhrase(toks []string) []string {
	for _, phrase := range placePhrases[toks[0]] { // longest first
		if len(toks) >= len(phrase) && slices.Equal(toks[:len(phrase)], phrase) {
			return phrase
		}
	}
	return nil
}
