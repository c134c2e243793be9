package match

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// pair is a candidate alignment of query words to listed words: usually one
// to one, or one word to two neighbours that another spelling joins.
type pair struct {
	q, l    span
	sim     float64
	how     string
	weight  float64 // weight of all words in the pair
	benefit float64 // sim * weight: what the pair adds to the score
}

// span is one word, or two neighbouring words, of a name.
type span struct {
	first int16
	n     int8
}

func single(i int) span { return span{first: int16(i), n: 1} }

// alignment is the best order-free pairing of a query's words with a
// listed name's words, and the score it gives.
type alignment struct {
	pairs    []pair
	qUsed    []bool
	lUsed    []bool
	matched  float64 // sum of sim * weight over pairs
	total    float64 // weight of every word on both sides
	conflict bool    // both sides keep descriptive words the other lacks
	// numbersDiffer: both sides keep a number the other lacks, the series
	// of "Fund III" and "Fund IV".
	numbersDiffer bool
	// bothLegal: both names carry a legal form. A form on one side only is
	// one a list or a form left out, and says little.
	bothLegal bool
}

// named reports whether any pair met words other than legal forms: a
// legal form alone ("CORP", "JSC") names nobody.
func (a *alignment) named() bool {
	for i := range a.pairs {
		if a.pairs[i].how != howLegal {
			return true
		}
	}
	return false
}

// What a word met by nothing counts for, at least, beside its weight.
// Scores are calibrated on these with rpscreen eval (see the README), so
// that at the default threshold perturbed listed names are found and real
// companies off the lists are not flagged.
const (
	// conflictWeight: a descriptive word when the other name keeps a
	// descriptive word of its own. "Saudi Arabian Gas Company" and "Saudi
	// Arabian Oil Company" are two companies, where "Deutsche Bank Trust
	// Company" and "Deutsche Bank" may be one.
	conflictWeight = 0.5
	// unmatchedDescriptive: a descriptive word of the query that the
	// listed name lacks. "Ares Management" says more than the listed
	// "ARES", and the more it says, the less sure the match.
	unmatchedDescriptive = 0.5
	// unmatchedListed: a descriptive word of the listed name that the query
	// leaves out. A little less: a party is often named without what it
	// does ("Aero Caribbean" for AEROCARIBBEAN AIRLINES).
	unmatchedListed = 0.4
	// unmatchedLoose: a loose word other than the company words, on either
	// side. "Alphabet" is less surely "Alphabet International DMCC" than
	// "Alphabet DMCC".
	unmatchedLoose = 0.5
	// legalAlone: at most, a legal form when the other name has none, which
	// a list or a form left out and says little.
	legalAlone = 0.03
	// numberDiffers: at most, a number when the other name has another.
	// "KKR Asian Fund III" and "KKR Asian Fund IV" are two funds of one
	// sponsor, a sibling an analyst should see, where "KKR Asian Fund" and
	// "KKR Asian Fund IV" leave the number unexplained.
	numberDiffers = 0.15
)

// leastWeight is the least a word of kind kind and weight weight counts
// towards a name's total, matched or not: what bounds may rely on.
func leastWeight(kind wordKind, weight float64) float64 {
	switch kind {
	case legal:
		return 0
	case number:
		return min(weight, numberDiffers)
	}
	return weight
}

// unmatchedWeight is what an unmatched word of weight weight counts for;
// listed: it is the listed name's.
func (a *alignment) unmatchedWeight(w *word, weight float64, listed bool) float64 {
	switch {
	case w.kind == legal && !a.bothLegal:
		return min(weight, legalAlone)
	case w.kind == number && a.numbersDiffer:
		return min(weight, numberDiffers)
	case w.kind == generic && looseWords[w.text] && !companyWords[w.text]:
		return max(weight, unmatchedLoose)
	case !conflicting(w):
		return weight
	case a.conflict:
		return max(weight, conflictWeight)
	case placeWords()[w.text]:
		return weight // a branch abroad often carries its country: "Faberlic Europe"
	case listed:
		return max(weight, unmatchedListed)
	}
	return max(weight, unmatchedDescriptive)
}

func (a *alignment) score() float64 {
	if a.total == 0 || !a.named() {
		return 0
	}
	return math.Min(1, a.matched/a.total)
}

// weightFunc gives a word's weight; the index adjusts the base weight by
// how common the word is on its lists.
type weightFunc func(*word) float64

// simFunc scores query word i against listed word j, as wordSimilarity
// does; the index answers from what it found when it looked the query's
// words up, without comparing letters again.
type simFunc func(i, j int) (float64, string)

// aligner holds the buffers one alignment needs, so that scoring many
// candidate names allocates nothing per name.
type aligner struct {
	cands []pair
	pairs []pair
	used  []bool
}

// align pairs the words of q and l with plain word weights and similarity:
// the reference scoring that tests and Compare use.
func align(q, l []word, weight weightFunc) alignment {
	qw := make([]float64, len(q))
	lw := make([]float64, len(l))
	for i := range q {
		qw[i] = weight(&q[i])
	}
	for j := range l {
		lw[j] = weight(&l[j])
	}
	sim := func(i, j int) (float64, string) { return wordSimilarity(&q[i], &l[j]) }
	var al aligner
	return al.align(q, l, qw, lw, sim)
}

// align pairs the words of q and l greedily, best pairs first, in any order.
// Greedy is exact enough here: names are short, and a word rarely has two
// good partners. The alignment it returns shares the aligner's buffers.
func (al *aligner) align(q, l []word, qw, lw []float64, sim simFunc) alignment {
	if cap(al.used) < len(q)+len(l) {
		al.used = make([]bool, len(q)+len(l))
	}
	used := al.used[:len(q)+len(l)]
	clear(used)
	a := alignment{qUsed: used[:len(q)], lUsed: used[len(q):]}
	for i := range q {
		a.total += qw[i]
	}
	for j := range l {
		a.total += lw[j]
	}
	cands := al.cands[:0]
	for i := range q {
		for j := range l {
			if s, how := sim(i, j); s > 0 {
				w := qw[i] + lw[j]
				cands = append(cands, pair{q: single(i), l: single(j), sim: s, how: how, weight: w, benefit: s * w})
			}
		}
	}
	cands = joinedPairs(cands, q, l, qw, lw, false)
	cands = joinedPairs(cands, l, q, lw, qw, true)
	// slices, not sort: sort.SliceStable allocates on every call, and this
	// runs for every name scored.
	slices.SortStableFunc(cands, func(x, y pair) int { return cmp.Compare(y.benefit, x.benefit) })
	al.cands = cands
	anchored := false // a distinctive word met another, not just an initial
	a.pairs = al.pairs[:0]
	for _, c := range cands {
		if anyUsed(a.qUsed, c.q) || anyUsed(a.lUsed, c.l) {
			continue
		}
		markUsed(a.qUsed, c.q)
		markUsed(a.lUsed, c.l)
		a.pairs = append(a.pairs, c)
		if c.how != howInitial && (identifying(&q[c.q.first]) || identifying(&l[c.l.first])) {
			anchored = true
		}
	}
	al.pairs = a.pairs
	for i := range a.pairs {
		p := &a.pairs[i]
		if p.how == howInitial && !anchored {
			// An initial only confirms a name that other words identify:
			// on its own, "M and S Trading" is not "Mahmood Shahid". It then
			// counts for its own weight on both sides, not the full word's.
			p.weight = 2 * min(qw[p.q.first], lw[p.l.first])
			p.benefit = p.sim * p.weight
		}
		a.matched += p.benefit
	}
	a.conflict = keepsUnmatched(q, a.qUsed, conflicting) && keepsUnmatched(l, a.lUsed, conflicting)
	a.numbersDiffer = keepsUnmatched(q, a.qUsed, isNumber) && keepsUnmatched(l, a.lUsed, isNumber)
	a.bothLegal = hasLegal(q) && hasLegal(l)
	for i := range q {
		if !a.qUsed[i] {
			a.total += a.unmatchedWeight(&q[i], qw[i], false) - qw[i]
		}
	}
	for j := range l {
		if !a.lUsed[j] {
			a.total += a.unmatchedWeight(&l[j], lw[j], true) - lw[j]
		}
	}
	return a
}

func hasLegal(ws []word) bool {
	for i := range ws {
		if ws[i].kind == legal {
			return true
		}
	}
	return false
}

// keepsUnmatched reports whether a word of ws that used leaves unmatched
// is one that is picks.
func keepsUnmatched(ws []word, used []bool, is func(*word) bool) bool {
	for i := range ws {
		if !used[i] && is(&ws[i]) {
			return true
		}
	}
	return false
}

func isNumber(w *word) bool { return w.kind == number }

// conflicting reports whether a word says what a company does or where it
// is, so that two names keeping different such words name different ones.
func conflicting(w *word) bool {
	return w.kind == generic && !looseWords[w.text]
}

// identifying reports whether a word names the party rather than describing it.
func identifying(w *word) bool {
	return w.kind == distinctive || w.kind == number || w.kind == patronymic
}

// joinedPairs adds the pairs where a word of one side is two neighbouring
// words of the other run together: "Aerocaribbean" and "Aero Caribbean".
func joinedPairs(out []pair, one, two []word, w1, w2 []float64, swapped bool) []pair {
	for j := 0; j+1 < len(two); j++ {
		a, b := &two[j], &two[j+1]
		if a.kind == legal || b.kind == legal {
			continue
		}
		n := len(a.text) + len(b.text)
		joinedKey := ""
		for i := range one {
			w := &one[i]
			if w.kind != distinctive || len(w.text) < n-1 || w.text == a.text || w.text == b.text {
				// A word that is one of the two meets it as itself: "c0"
				// and "c c0" run together fold alike only by accident.
				continue
			}
			if !(len(w.text) == n && w.text[:len(a.text)] == a.text && w.text[len(a.text):] == b.text) {
				if len(w.key) > n || !foldsAlike(w.key, a, b) {
					continue
				}
				if joinedKey == "" {
					joinedKey = wordKey(a.text + b.text)
				}
				if w.key != joinedKey {
					continue
				}
			}
			weight := w1[i] + w2[j] + w2[j+1]
			p := pair{q: single(i), l: span{first: int16(j), n: 2}, sim: simJoined, how: howJoined, weight: weight, benefit: simJoined * weight}
			if swapped {
				p.q, p.l = p.l, p.q
			}
			out = append(out, p)
		}
	}
	return out
}

// foldsAlike is a cheap test that key may be the folded key of a and b
// run together: folding keeps the first letter of a word of two letters or
// more, and the last letter of the second.
func foldsAlike(key string, a, b *word) bool {
	if len(a.key) < 2 || len(b.key) < 2 || key == "" {
		return true
	}
	return key[0] == a.key[0] && key[len(key)-1] == b.key[len(b.key)-1]
}

func anyUsed(used []bool, s span) bool {
	for i := int(s.first); i < int(s.first)+int(s.n); i++ {
		if used[i] {
			return true
		}
	}
	return false
}

func markUsed(used []bool, s span) {
	for i := int(s.first); i < int(s.first)+int(s.n); i++ {
		used[i] = true
	}
}

// explain turns an alignment into the words an officer reads.
func (a *alignment) explain(q, l []word, qw, lw []float64) Explanation {
	ex := Explanation{Rule: "name"}
	pairs := append([]pair(nil), a.pairs...)
	slices.SortStableFunc(pairs, func(x, y pair) int { return cmp.Compare(x.q.first, y.q.first) })
	for _, p := range pairs {
		ex.Words = append(ex.Words, WordMatch{
			Query: origOf(q, p.q), Listed: origOf(l, p.l),
			Similarity: round4(p.sim), Weight: round4(p.weight), How: p.how,
		})
	}
	for i, used := range a.qUsed {
		if !used {
			ex.Unmatched = append(ex.Unmatched, UnmatchedWord{Word: q[i].orig, Side: "query", Weight: round4(a.unmatchedWeight(&q[i], qw[i], false)), Kind: q[i].kind.String()})
		}
	}
	for j, used := range a.lUsed {
		if !used {
			ex.Unmatched = append(ex.Unmatched, UnmatchedWord{Word: l[j].orig, Side: "listed", Weight: round4(a.unmatchedWeight(&l[j], lw[j], true)), Kind: l[j].kind.String()})
		}
	}
	if a.conflict {
		qs, ls := unmatchedSides(ex.Unmatched, func(u *UnmatchedWord) bool {
			return u.Kind == generic.String() && u.Weight >= conflictWeight
		})
		ex.Adjustments = append(ex.Adjustments, fmt.Sprintf("descriptive words differ (%s against %s): each counts %.1f",
			qs, ls, conflictWeight))
	}
	if a.numbersDiffer {
		qs, ls := unmatchedSides(ex.Unmatched, func(u *UnmatchedWord) bool { return u.Kind == number.String() })
		ex.Adjustments = append(ex.Adjustments, fmt.Sprintf("numbers differ (%s against %s): each counts at most %.2f",
			qs, ls, numberDiffers))
	}
	return ex
}

// unmatchedSides lists the unmatched words keep picks, on the query's side
// and on the listed side.
func unmatchedSides(us []UnmatchedWord, keep func(*UnmatchedWord) bool) (query, listed string) {
	var qs, ls []string
	for i := range us {
		switch u := &us[i]; {
		case !keep(u):
		case u.Side == "query":
			qs = append(qs, u.Word)
		default:
			ls = append(ls, u.Word)
		}
	}
	return strings.Join(qs, ", "), strings.Join(ls, ", ")
}

func origOf(ws []word, s span) string {
	if s.n == 1 {
		return ws[s.first].orig
	}
	return ws[s.first].orig + " " + ws[s.first+1].orig
}

func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }
