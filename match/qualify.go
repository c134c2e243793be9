package match

import (
	"fmt"
	"slices"
)

// Qualifier effects: a mismatch lowers a score rather than hiding the hit,
// because list countries are often incomplete.
const (
	countryMismatch = 0.9
	weakAlias       = 0.95
)

// qualify applies what the query says beyond the name: a country the listing
// does not carry, or an alias the list itself calls weak, lowers the score.
func qualify(ex *Explanation, score float64, q *Prepared, e *Entity, weak bool, opts SearchOptions) float64 {
	if opts.Country != "" && len(e.Countries) > 0 {
		if slices.Contains(e.Countries, opts.Country) {
			ex.Adjustments = append(ex.Adjustments, fmt.Sprintf("country %s is a listed country", opts.Country))
		} else {
			score *= countryMismatch
			ex.Adjustments = append(ex.Adjustments, fmt.Sprintf("country %s is not among the listed countries %v: score x%.2f", opts.Country, e.Countries, countryMismatch))
		}
	}
	if weak {
		score *= weakAlias
		ex.Adjustments = append(ex.Adjustments, fmt.Sprintf("matched a weak alias (the list calls it low quality): score x%.2f", weakAlias))
	}
	return score
}
