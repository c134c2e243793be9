package match

// reach is what one listed vocabulary word can meet in the query: the query
// words (bit i for word i) and the best similarity among them.
type reach struct {
	mask uint64
	sim  float64
}

// reachTable holds the reach of each vocabulary word the query met.
// nameBound asks it about nearly every word of every candidate name, so a
// bit per vocabulary word answers for the words the query met none of, and
// a small open-addressing table for the others.
type reachTable struct {
	held  []uint64 // a bit per vocabulary word in the table
	keys  []int32  // vocabulary ids; -1 for an empty slot
	vals  []reach
	n     int
	shift uint // 64 - log2(len(keys))
}

// reset empties the table for a vocabulary of words words.
func (t *reachTable) reset(words int) {
	if n := (words + 63) / 64; len(t.held) != n {
		t.held = make([]uint64, n)
	}
	for _, id := range t.keys {
		if id >= 0 {
			t.held[id/64] = 0
		}
	}
	if t.keys == nil {
		t.alloc(64)
	}
	for i := range t.keys {
		t.keys[i] = -1
	}
	t.n = 0
}

func (t *reachTable) alloc(size int) {
	t.keys, t.vals = make([]int32, size), make([]reach, size)
	t.shift = 64
	for s := size; s > 1; s /= 2 {
		t.shift--
	}
}

// slot is where id is, or would go.
func (t *reachTable) slot(id int32) int {
	mask := len(t.keys) - 1
	i := int((uint64(uint32(id)) * 0x9E3779B97F4A7C15) >> t.shift)
	for t.keys[i] >= 0 && t.keys[i] != id {
		i = (i + 1) & mask
	}
	return i
}

// get returns the reach of vocabulary word id: none if the query met it not.
func (t *reachTable) get(id int32) reach {
	if t.held[id/64]&(1<<(id%64)) == 0 {
		return reach{}
	}
	return t.vals[t.slot(id)]
}

// add records that vocabulary word id meets the query words in mask, with
// a similarity of sim at best.
func (t *reachTable) add(id int32, mask uint64, sim float64) {
	if 2*(t.n+1) > len(t.keys) {
		keys, vals := t.keys, t.vals
		t.alloc(2 * len(keys))
		for i := range t.keys {
			t.keys[i] = -1
		}
		for k, old := range keys {
			if old >= 0 {
				i := t.slot(old)
				t.keys[i], t.vals[i] = old, vals[k]
			}
		}
	}
	i := t.slot(id)
	if t.keys[i] < 0 {
		t.keys[i], t.vals[i] = id, reach{}
		t.n++
		t.held[id/64] |= 1 << (id % 64)
	}
	t.vals[i].mask |= mask
	t.vals[i].sim = max(t.vals[i].sim, sim)
}
