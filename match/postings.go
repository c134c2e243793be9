package match

import (
	"cmp"
	"math"
	"slices"
)

// A word's postings list the names that hold it, each by its first slot
// (see wordSlot), lightest first: by the least weight of their words
// (nameDen), so that a search reads only the names light enough to reach
// its threshold (see fetchLimit).

// buildPostings lists the names holding each word, and weighs each word by
// how many entities carry it.
func (ix *Index) buildPostings() {
	nv := len(ix.vocab.words)
	ix.postStart = make([]int32, nv+1)
	df := make([]int32, nv)
	lastEntity := make([]int32, nv)
	lastName := make([]int32, nv)
	for i := range nv {
		lastEntity[i], lastName[i] = -1, -1
	}
	for id := range ix.names {
		n := &ix.names[id]
		for _, v := range ix.wordsOf(n) {
			if lastEntity[v] != n.entity {
				df[v]++
				lastEntity[v] = n.entity
			}
			if lastName[v] != int32(id) { // a name repeating a word is listed once
				ix.postStart[v+1]++
				lastName[v] = int32(id)
			}
		}
	}
	for v := range nv {
		ix.postStart[v+1] += ix.postStart[v]
	}
	ix.post = make([]int32, ix.postStart[nv])
	fill := slices.Clone(ix.postStart[:nv])
	for id := range ix.names {
		for _, v := range ix.wordsOf(&ix.names[id]) {
			if p := fill[v]; p == ix.postStart[v] || ix.post[p-1] != int32(id) {
				ix.post[p] = int32(id)
				fill[v]++
			}
		}
	}
	ix.weights = make([]float64, nv)
	for v := range ix.vocab.words {
		ix.weights[v] = baseWeight[ix.vocab.words[v].kind] * rarity(ix.vocab.words[v].kind, int(df[v]))
		ix.maxWeight = max(ix.maxWeight, ix.weights[v])
	}
	// Each word's names, lightest first (see fetchLimit), then by id.
	ix.nameDen = make([]float64, len(ix.names))
	for id := range ix.names {
		for _, v := range ix.wordsOf(&ix.names[id]) {
			ix.nameDen[id] += leastWeight(ix.vocab.words[v].kind, ix.weights[v])
		}
	}
	for v := range nv {
		slices.SortFunc(ix.postings(int32(v)), func(a, b int32) int {
			return cmp.Or(cmp.Compare(ix.nameDen[a], ix.nameDen[b]), cmp.Compare(a, b))
		})
	}
	ix.postDen = make([]float32, len(ix.post))
	for p, id := range ix.post {
		d := float32(ix.nameDen[id])
		if float64(d) > ix.nameDen[id] {
			d = math.Nextafter32(d, 0) // no heavier than the name: none is cut
		}
		ix.postDen[p] = d
		// By its first slot, which orders names as their ids do.
		ix.post[p] = int32(ix.names[id].first)
	}
}

func (ix *Index) wordsOf(n *indexedName) []int32 {
	return ix.nameWords[n.first : n.first+uint32(n.n)]
}

// postings returns the names holding vocabulary word v.
func (ix *Index) postings(v int32) []int32 {
	return ix.post[ix.postStart[v]:ix.postStart[v+1]]
}

// postingsUpTo returns the names holding vocabulary word v whose words but
// legal forms weigh at most den, and a few more.
func (ix *Index) postingsUpTo(v int32, den float64) []int32 {
	from, to := ix.postStart[v], ix.postStart[v+1]
	n, _ := slices.BinarySearchFunc(ix.postDen[from:to], den, func(d float32, den float64) int {
		return cmp.Or(cmp.Compare(float64(d), den), -1) // past every name of den
	})
	return ix.post[from : from+int32(n)]
}
