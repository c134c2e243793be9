package match

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// unique keeps each candidate once, in the order first met, and leaves its
// bit set clear for the next query.
func TestUniqueKeepsEachOnce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var s search
	for _, tc := range []struct{ names, ids int }{{100, 10}, {10_000, 30}, {10_000, 5_000}, {200_000, 100_000}} {
		for range 3 {
			ids := make([]int32, tc.ids)
			for i := range ids {
				ids[i] = int32(r.IntN(tc.names))
			}
			var want []int32
			met := map[int32]bool{}
			for _, id := range ids {
				if !met[id] {
					met[id] = true
					want = append(want, id)
				}
			}
			if got := s.unique(slices.Clone(ids), tc.names); !slices.Equal(got, want) {
				t.Errorf("%d ids of %d names: got %d ids, want %d", tc.ids, tc.names, len(got), len(want))
			}
			if slices.ContainsFunc(s.seen, func(w uint64) bool { return w != 0 }) {
				t.Fatalf("%d ids of %d names: bits left set", tc.ids, tc.names)
			}
		}
	}
}
