package match

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// pair is a candidate alignment of query words to listed words: usually one
// to one, or one word to two neighbours that another spelling joins.
type pair struct {
	q, l    []int
	sim     float64
	how     string
	weight  float64 // weight of all words in the pair
	benefit float64 // sim * weight: what the pair adds to the score
}

// alignment is the best order-free pairing of a query's words with a
// listed name's words, and the score it gives.
type alignment struct {
	pairs   []pair
	qUsed   []bool
	lUsed   []bool
	matched float64 // sum of sim * weight over pairs
	total   float64 // weight of every word on both sides
}

func (a *alignment) score() float64 {
	if a.total == 0 {
		return 0
	}
	return math.Min(1, a.matched/a.total)
}

// weightFunc gives a word's weight; the index adjusts the base weight by
// how common the word is on its lists.
type weightFunc func(*word) float64

// align pairs the words of q and l greedily, best pairs first, in any order.
// Greedy is exact enough here: names are short, and a word rarely has two
// good partners.
func align(q, l []word, weight weightFunc) alignment {
	a := alignment{qUsed: make([]bool, len(q)), lUsed: make([]bool, len(l))}
	qw := make([]float64, len(q))
	lw := make([]float64, len(l))
	for i := range q {
		qw[i] = weight(&q[i])
		a.total += qw[i]
	}
	for j := range l {
		lw[j] = weight(&l[j])
		a.total += lw[j]
	}
	var cands []pair
	for i := range q {
		for j := range l {
			if sim, how := wordSimilarity(&q[i], &l[j]); sim > 0 {
				w := qw[i] + lw[j]
				cands = append(cands, pair{q: []int{i}, l: []int{j}, sim: sim, how: how, weight: w, benefit: sim * w})
			}
		}
	}
	cands = append(cands, joinedPairs(q, l, qw, lw, false)...)
	cands = append(cands, joinedPairs(l, q, lw, qw, true)...)
	sort.SliceStable(cands, func(x, y int) bool { return cands[x].benefit > cands[y].benefit })
	anchored := false // a distinctive word met another, not just an initial
	for _, c := range cands {
		if anyUsed(a.qUsed, c.q) || anyUsed(a.lUsed, c.l) {
			continue
		}
		markUsed(a.qUsed, c.q)
		markUsed(a.lUsed, c.l)
		a.pairs = append(a.pairs, c)
		if c.how != howInitial && (identifying(&q[c.q[0]]) || identifying(&l[c.l[0]])) {
			anchored = true
		}
	}
	for i := range a.pairs {
		p := &a.pairs[i]
		if p.how == howInitial && !anchored {
			// An initial only confirms a name that other words identify:
			// on its own, "M and S Trading" is not "Mahmood Shahid". It then
			// counts for its own weight on both sides, not the full word's.
			p.weight = 2 * min(qw[p.q[0]], lw[p.l[0]])
			p.benefit = p.sim * p.weight
		}
		a.matched += p.benefit
	}
	return a
}

// identifying reports whether a word names the party rather than describing it.
func identifying(w *word) bool {
	return w.kind == distinctive || w.kind == number || w.kind == patronymic
}

// joinedPairs finds a word of one side that is two neighbouring words of the
// other run together: "Aerocaribbean" and "Aero Caribbean".
func joinedPairs(one, two []word, w1, w2 []float64, swapped bool) []pair {
	var out []pair
	for j := 0; j+1 < len(two); j++ {
		if two[j].kind == legal || two[j+1].kind == legal {
			continue
		}
		joined := two[j].text + two[j+1].text
		joinedKey := wordKey(joined)
		for i := range one {
			if one[i].kind != distinctive || len(one[i].text) < len(joined)-1 {
				continue
			}
			if one[i].text != joined && one[i].key != joinedKey {
				continue
			}
			w := w1[i] + w2[j] + w2[j+1]
			p := pair{q: []int{i}, l: []int{j, j + 1}, sim: simJoined, how: howJoined, weight: w, benefit: simJoined * w}
			if swapped {
				p.q, p.l = p.l, p.q
			}
			out = append(out, p)
		}
	}
	return out
}

func anyUsed(used []bool, idx []int) bool {
	for _, i := range idx {
		if used[i] {
			return true
		}
	}
	return false
}

func markUsed(used []bool, idx []int) {
	for _, i := range idx {
		used[i] = true
	}
}

// explain turns an alignment into the words an officer reads.
func (a *alignment) explain(q, l []word, weight weightFunc) Explanation {
	ex := Explanation{Rule: "name"}
	pairs := append([]pair(nil), a.pairs...)
	sort.SliceStable(pairs, func(x, y int) bool { return pairs[x].q[0] < pairs[y].q[0] })
	for _, p := range pairs {
		ex.Words = append(ex.Words, WordMatch{
			Query: origOf(q, p.q), Listed: origOf(l, p.l),
			Similarity: round4(p.sim), Weight: round4(p.weight), How: p.how,
		})
	}
	for i, used := range a.qUsed {
		if !used {
			ex.Unmatched = append(ex.Unmatched, UnmatchedWord{Word: q[i].orig, Side: "query", Weight: round4(weight(&q[i])), Kind: q[i].kind.String()})
		}
	}
	for j, used := range a.lUsed {
		if !used {
			ex.Unmatched = append(ex.Unmatched, UnmatchedWord{Word: l[j].orig, Side: "listed", Weight: round4(weight(&l[j])), Kind: l[j].kind.String()})
		}
	}
	return ex
}

func origOf(ws []word, idx []int) string {
	parts := make([]string, len(idx))
	for k, i := range idx {
		parts[k] = ws[i].orig
	}
	return strings.Join(parts, " ")
}

// summarize writes the one-line explanation from the structured one.
func summarize(ex *Explanation, score float64, matched string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%.0f%% match with listed name %q:", score*100, matched)
	var parts []string
	for _, w := range ex.Words {
		if w.How == howExact || w.How == howLegal && w.Similarity == 1 {
			parts = append(parts, fmt.Sprintf("%q=%q", w.Query, w.Listed))
		} else {
			parts = append(parts, fmt.Sprintf("%q~%q (%s, %.2f)", w.Query, w.Listed, w.How, w.Similarity))
		}
	}
	b.WriteString(" " + strings.Join(parts, ", "))
	var missing []string
	for _, u := range ex.Unmatched {
		if u.Kind == "distinctive" || u.Kind == "number" {
			missing = append(missing, fmt.Sprintf("%q (%s side)", u.Word, u.Side))
		}
	}
	if len(missing) > 0 {
		b.WriteString("; unmatched: " + strings.Join(missing, ", "))
	}
	if len(ex.Adjustments) > 0 {
		b.WriteString("; " + strings.Join(ex.Adjustments, "; "))
	}
	return b.String()
}

func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }
