package match

// A lookup compares one query word with thousands of listed words that
// share enough of its trigrams, most of them too far to meet it. Those are
// set aside here, before any is scored: by Myers' bit-parallel edit
// distance (Myers 1999, in Hyyrö's form for whole strings), a few
// operations per letter, on a copy of each plain word's spelling and key
// packed in 32 bytes, so that a candidate costs one read from memory, not
// one for its word and one for each of its strings.

// pattern is one query string made ready for the distance: a bit per
// letter of the pattern, set where that byte stands.
type pattern struct {
	s   string
	eq  [256]uint64
	set bool // s is 1 to maxPattern bytes: the bits hold it
}

// maxPattern is the longest string a pattern holds: one bit per byte.
const maxPattern = 64

// reset makes p the pattern of s, clearing only the bits the last one set.
func (p *pattern) reset(s string) {
	if p.set {
		for i := 0; i < len(p.s); i++ {
			p.eq[p.s[i]] = 0
		}
	}
	p.s, p.set = s, len(s) > 0 && len(s) <= maxPattern
	if !p.set {
		return
	}
	for i := 0; i < len(s); i++ {
		p.eq[s[i]] |= 1 << i
	}
}

// distance is the Levenshtein distance between p's string and t, byte by
// byte, when p holds it; ok is false when it does not.
func distance[S ~string | ~[]byte](p *pattern, t S) (d int, ok bool) {
	if !p.set {
		return 0, false
	}
	m := len(p.s)
	last := uint64(1) << (m - 1)
	pv, mv := ^uint64(0), uint64(0)
	d = m
	for i := 0; i < len(t); i++ {
		eq := p.eq[t[i]]
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			d++
		} else if mh&last != 0 {
			d--
		}
		ph = ph<<1 | 1 // the top row: t's first i letters cost i
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
	}
	return d, true
}

// spelling is a plain word's spelling and key, packed: their lengths, then
// their bytes. A zero length means the word is not plain or the two do not
// fit; its strings are read from the word itself.
type spelling [32]byte

func spellingOf(w *word) spelling {
	var sp spelling
	if w.ascii && len(w.text) > 0 && len(w.text)+len(w.key) <= len(sp)-2 {
		sp[0], sp[1] = byte(len(w.text)), byte(len(w.key))
		copy(sp[2+copy(sp[2:], w.text):], w.key)
	}
	return sp
}

// mayMeetByTypo reports whether a plain word with the spelling sp may be
// within the typo budget of the plain query word whose spelling and key
// text and key hold, which typoSimilarity needs of one of the two. It is
// never false when that holds; a swap of neighbours, two edits here,
// passes where the budget allows one edit, and typoSimilarity then counts
// it. A spelling that holds no word passes.
func mayMeetByTypo(text, key *pattern, sp *spelling) bool {
	lt, lk := int(sp[0]), int(sp[1])
	if lt == 0 {
		return true
	}
	return withinTypo(text, sp[2:2+lt]) || withinTypo(key, sp[2+lt:2+lt+lk])
}

func withinTypo(p *pattern, s []byte) bool {
	allowed := allowedEdits(min(len(p.s), len(s)))
	if d := len(p.s) - len(s); d > allowed || -d > allowed {
		return false
	}
	if allowed > 0 {
		allowed = max(allowed, 2)
	}
	d, ok := distance(p, s)
	return !ok || d <= allowed
}
