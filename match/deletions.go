package match

import "slices"

// deletionIndex finds the plain (ASCII) words within one edit of a string.
// Two strings are within one edit, a swap of neighbours included, only if
// deleting at most one letter from each leaves the same string ("kasperski"
// and "kaspersky" both leave "kaspersk"). It keeps every such deletion of
// each word's spelling and folded key, by hash: a collision only adds a
// word to compare. Strings longer than the deletion limit are left out:
// two of them are the bigram postings' (see typos.go), and a string one
// edit from a shorter one is at most one letter longer than it.
type deletionIndex struct {
	slot  map[uint32]int32 // hash -> slot
	start []int32          // slot -> offset in ids
	ids   []int32
}

func buildDeletions(words []word, keep func(*word) bool, limit int) deletionIndex {
	d := deletionIndex{slot: map[uint32]int32{}}
	var counts []int32
	var hs []uint32
	for i := range words {
		if !keep(&words[i]) {
			continue
		}
		hs = wordDeletions(hs, &words[i], limit)
		for _, h := range hs {
			s, ok := d.slot[h]
			if !ok {
				s = int32(len(counts))
				d.slot[h] = s
				counts = append(counts, 0)
			}
			counts[s]++
		}
	}
	d.start = make([]int32, len(counts)+1)
	for s, c := range counts {
		d.start[s+1] = d.start[s] + c
	}
	d.ids = make([]int32, d.start[len(counts)])
	fill := slices.Clone(d.start[:len(counts)])
	for i := range words {
		if !keep(&words[i]) {
			continue
		}
		hs = wordDeletions(hs, &words[i], limit)
		for _, h := range hs {
			s := d.slot[h]
			d.ids[fill[s]] = int32(i)
			fill[s]++
		}
	}
	return d
}

// lookup appends to c.cands the words that may be within one edit of q's
// spelling or key.
func (d *deletionIndex) lookup(c *counter, q *word, limit int) []int32 {
	c.hashes = wordDeletions(c.hashes, q, limit)
	for _, h := range c.hashes {
		if s, ok := d.slot[h]; ok {
			c.cands = append(c.cands, d.ids[d.start[s]:d.start[s+1]]...)
		}
	}
	return c.cands
}

// wordDeletions returns in hs, each once, the hashes of w's spelling and
// key of up to limit letters, whole and with each letter deleted.
func wordDeletions(hs []uint32, w *word, limit int) []uint32 {
	hs = hs[:0]
	for _, s := range [2]string{w.text, w.key} {
		if len(s) > limit {
			continue
		}
		hs = append(hs, hashWithout(s, -1))
		for i := range len(s) {
			hs = append(hs, hashWithout(s, i))
		}
	}
	slices.Sort(hs)
	return slices.Compact(hs)
}

// hashWithout is the FNV-1a hash of s without its byte at skip.
func hashWithout(s string, skip int) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		if i != skip {
			h ^= uint32(s[i])
			h *= 16777619
		}
	}
	return h
}
