package match

import "math"

// How a word's weight falls with the number of listed parties carrying it:
// a word on up to rareUpTo entities keeps its full weight; from there each
// tenfold rise costs rarityStep of it, down to rarityFloor. "Kaspersky"
// (a few dozen parties) keeps almost all; "Iran" or "Mohammad" (thousands)
// weigh a quarter. Counts, not shares, so the built-in list alone, where
// every name says Kaspersky, does not make the brand a common word.
const (
	rareUpTo    = 20
	rarityStep  = 0.375
	rarityFloor = 0.25
)

// rarity is the factor applied to a word's base weight for being common on
// the loaded lists. Legal forms, numbers and initials keep their weight.
func rarity(k wordKind, entities int) float64 {
	if !fuzzy(k) || entities <= rareUpTo {
		return 1
	}
	return max(rarityFloor, 1-rarityStep*math.Log10(float64(entities)/rareUpTo))
}
