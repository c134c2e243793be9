package match

// Words run together: "Aerocaribbean" is "Aero Caribbean" as joinedPairs
// pairs them. nameBound must count such a pair without aligning; it knows
// the folded key of every two neighbours of a listed name run together by
// its hash, and the query knows the keys of its words.

// joinKey is a keyHash two listed neighbours run together may have to meet
// a distinctive query word, and that word's bit.
type joinKey struct {
	hash uint32
	bit  uint64
}

// buildJoinSeen sets a bit for every join key of every name, so that a
// query word no two listed words run together can be is known to pair
// with one listed word at most.
func (ix *Index) buildJoinSeen(joins []uint32) {
	n := 64
	for n < 8*len(joins) {
		n *= 2
	}
	ix.joinSeen = make([]uint64, n/64)
	for _, h := range joins {
		if h != 0 {
			ix.joinSeen[(h%uint32(n))/64] |= 1 << (h % 64)
		}
	}
}

// joinable reports whether two listed neighbours may run together as a
// word of key hash h.
func (ix *Index) joinable(h uint32) bool {
	n := uint32(len(ix.joinSeen) * 64)
	return ix.joinSeen[(h%n)/64]&(1<<(h%64)) != 0
}

// joinKeys gives each word of a name, but the last, the keyHash of the
// folded key of it and the next word run together, or 0 when either is a
// legal form. A distinctive query word meets the two as one
// ("Aerocaribbean" and "Aero Caribbean") only if its key, or its spelling
// folded, is that key; a hash that collides only loosens the bound.
func joinKeys(ws []word) []uint32 {
	out := make([]uint32, len(ws))
	for j := 0; j+1 < len(ws); j++ {
		if ws[j].kind != legal && ws[j+1].kind != legal {
			out[j] = keyHash(wordKey(ws[j].text + ws[j+1].text))
		}
	}
	return out
}

// keyHash is the FNV-1a hash of s, never 0.
func keyHash(s string) uint32 { return max(hashWithout(s, -1), 1) }
