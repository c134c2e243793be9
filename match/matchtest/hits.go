package matchtest

import (
	"fmt"
	"strings"

	"github.com/rpscreen/rpscreen/match"
)

// HitSet renders hits as entity ids with scores to four places, in order:
// two searches found the same hits when their sets are equal.
func HitSet(hits []match.Hit) string {
	var b strings.Builder
	for _, h := range hits {
		fmt.Fprintf(&b, "%s=%.4f ", h.Entity.ID, h.Score)
	}
	return b.String()
}
