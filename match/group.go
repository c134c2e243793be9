package match

import (
	"fmt"
	"strings"
)

// adjectival holds the letters of the endings a brand stem takes in names:
// Kaspersky, Kasperski, Kasperskiy, Kasperskogo, Kasperskoho, Kasperskikh.
const adjectival = "aeiouyghmsjk"

const maxEnding = 4

// nearlyListed is the name score from which the group rule stays silent:
// the query is a listed name, and that hit says all. Below it, the rule's
// hit stands beside name hits, which may be a sibling company's name.
const nearlyListed = 0.95

// brandIn finds the query word that carries one of the stems. It returns
// the word and how closely it matched: 1 for the stem itself, less for a typo.
func brandIn(q *Prepared, stems []string) (string, float64) {
	bestWord, best := "", 0.0
	for i := range q.words {
		w := &q.words[i]
		if w.kind == legal || w.kind == number || w.kind == initial {
			continue
		}
		for _, stem := range stems {
			if sim := stemSimilarity(w.text, stem); sim > best {
				bestWord, best = w.orig, sim
			}
		}
	}
	return bestWord, best
}

// stemSimilarity reports whether t is the stem with an ending, allowing one
// typo in the stem part for stems of six letters or more.
func stemSimilarity(t, stem string) float64 {
	best := 0.0
	for l := len(stem) - 1; l <= len(stem)+1; l++ {
		if l < 1 || l > len(t) {
			continue
		}
		if !brandEnding(t[l:]) {
			continue
		}
		switch d := editDistance(t[:l], stem); {
		case d == 0:
			return 1
		case d == 1 && len(stem) >= 6:
			best = 0.9
		}
	}
	return best
}

// brandEnding accepts what may follow a brand stem in one word: an
// inflection, or a generic word run on ("KasperskyLab").
func brandEnding(s string) bool {
	if len(s) <= maxEnding && strings.Trim(s, adjectival) == "" {
		return true
	}
	rest := strings.TrimLeft(s, "yi")
	if syn, ok := synonyms[rest]; ok {
		rest = syn
	}
	return genericWords[rest]
}

// groupHit applies an entity's group rule: a query carrying the brand that
// met no listed name well is a hit on the group at the rule's lower score.
func (ix *Index) groupHit(q *Prepared, gi int32, bestName float64, opts SearchOptions) (Hit, bool) {
	e := ix.entities[gi]
	rule := e.Group
	if opts.Type == Individual || opts.Type == Vessel || opts.Type == Aircraft {
		return Hit{}, false // the rule reaches companies of the group
	}
	brand, sim := brandIn(q, rule.Stems)
	if sim == 0 {
		return Hit{}, false
	}
	score := rule.Score * (0.97 + 0.03*sim)
	if bestName >= max(score, nearlyListed) {
		return Hit{}, false // a listed name met the query, nearly as listed
	}
	ex := Explanation{Rule: "group"}
	ex.Words = []WordMatch{{Query: brand, Listed: strings.Join(rule.Stems, "|"), Similarity: round4(sim), Weight: 1, How: howStem}}
	score = qualify(&ex, score, q, e, false, opts)
	if score < opts.Threshold {
		return Hit{}, false
	}
	nearest := "no listed name matched its other words"
	if bestName > 0 {
		nearest = fmt.Sprintf("no listed name matched better than %.0f%%", bestName*100)
	}
	ex.Summary = fmt.Sprintf("group rule: %q carries the brand of %s, and %s; %s", brand, e.Name, nearest, rule.Relation)
	if len(ex.Adjustments) > 0 {
		ex.Summary += "; " + strings.Join(ex.Adjustments, "; ")
	}
	return Hit{Entity: e, MatchedName: e.Name, Score: score, Relation: rule.Relation, Explanation: ex}, true
}
