package match

import "strings"

// Lists and people spell legal forms as loosely as names: "Aktzionernoe
// Obshchestvo", "Obschhestvo", "Лимитед-Лиабилити Компани" (limited
// liabiliti company), "ГмбХ" (gmbkh). A legal form is therefore also
// recognised by its words' folded keys, and a spelled-out form of several
// words also with one typo in one of its long words ("Aktsionetnoe").

// legalByKey maps the folded keys of a form's words, joined by spaces, to
// the form as legalForms spells it. One-word forms of fewer than
// minLegalKey letters are left out: folded, they are other words (LLC is
// "lc", KK "k").
var legalByKey = func() map[string]string {
	m := make(map[string]string, len(legalForms))
	for phrase := range legalForms {
		k := phraseKey(phrase)
		if !strings.Contains(phrase, " ") && len(k) < minLegalKey {
			continue
		}
		if old, ok := m[k]; !ok || phrase < old { // the same form every run
			m[k] = phrase
		}
	}
	return m
}()

const minLegalKey = 4

func phraseKey(phrase string) string {
	ws := strings.Fields(phrase)
	for i, w := range ws {
		ws[i] = wordKey(w)
	}
	return strings.Join(ws, " ")
}

// legalPhrase is a form of two words or more, by its words' keys.
type legalPhrase struct {
	phrase string
	keys   []string
}

// phrasesByWord holds the forms of several words under the keys of their
// first and of their second word, so a typo in either still finds them.
var phrasesByWord = func() map[string][]legalPhrase {
	m := map[string][]legalPhrase{}
	for phrase := range legalForms {
		keys := strings.Fields(phraseKey(phrase))
		if len(keys) < 2 {
			continue
		}
		p := legalPhrase{phrase: phrase, keys: keys}
		m[keys[0]] = append(m[keys[0]], p)
		if keys[1] != keys[0] {
			m[keys[1]] = append(m[keys[1]], p)
		}
	}
	return m
}()

// minTypoInForm is the shortest word of a form that may carry a typo.
const minTypoInForm = 7

// legalAt recognises the longest legal form starting at toks[i]; keys are
// the tokens' folded keys. It returns the form's word and how many tokens
// it took, or 0.
func legalAt(toks, keys []string, i int) (word, int) {
	if !formStarts[toks[i]] && !formStarts[keys[i]] {
		return misspeltAt(toks, keys, i)
	}
	for n := min(maxLegalWords, len(toks)-i); n >= 1; n-- {
		phrase := strings.Join(toks[i:i+n], " ")
		if _, ok := legalForms[phrase]; !ok {
			if phrase, ok = legalByKey[strings.Join(keys[i:i+n], " ")]; !ok {
				continue
			}
		}
		if n == 1 && !standsAsForm(phrase, i, len(toks)) && !formsFollow(toks, i+1) {
			continue
		}
		return legalWord(phrase, strings.Join(toks[i:i+n], " ")), n
	}
	return misspeltAt(toks, keys, i)
}

func misspeltAt(toks, keys []string, i int) (word, int) {
	if phrase, n := misspeltForm(keys, i); n > 0 {
		return legalWord(phrase, strings.Join(toks[i:i+n], " ")), n
	}
	return word{}, 0
}

// formStarts holds the first word of every form, as spelt and as folded,
// so that a word no form starts with costs one lookup.
var formStarts = func() map[string]bool {
	m := map[string]bool{}
	for phrase := range legalForms {
		m[strings.Fields(phrase)[0]] = true
	}
	for k := range legalByKey {
		m[strings.Fields(k)[0]] = true
	}
	return m
}()

// standsAsForm reports whether a one-word form at position i of a name of
// n words reads as a legal form rather than as a word of the name.
func standsAsForm(phrase string, i, n int) bool {
	switch {
	case ambiguousForms[phrase] && i != 0 && i != n-1:
		return false
	case trailingForms[phrase] && (i != n-1 || i == 0):
		return false
	case n == 1 && ambiguousForms[phrase]:
		return false // "AO" alone is more likely a name than a legal form
	}
	return true
}

// formsFollow reports whether the tokens from i on are all legal forms, so
// that an ambiguous form before them is one too: "Debbiye 143 SAL JSC".
func formsFollow(toks []string, i int) bool {
	if i >= len(toks) {
		return false
	}
	for i < len(toks) {
		n := 0
		for m := min(maxLegalWords, len(toks)-i); m >= 1 && n == 0; m-- {
			if _, ok := legalForms[strings.Join(toks[i:i+m], " ")]; ok {
				n = m
			}
		}
		if n == 0 {
			return false
		}
		i += n
	}
	return true
}

func legalWord(phrase, orig string) word {
	form := legalForms[phrase]
	text := strings.ToLower(string(form))
	return word{text: text, orig: orig, key: text, kind: legal, form: form}
}

// misspeltForm finds the longest form of several words that the keys from
// i spell with one typo in one long word.
func misspeltForm(keys []string, i int) (string, int) {
	best, bestN := "", 0
	try := func(ps []legalPhrase) {
		for _, p := range ps {
			n := len(p.keys)
			if (n > bestN || n == bestN && p.phrase < best) && i+n <= len(keys) && nearlyEqual(keys[i:i+n], p.keys) {
				best, bestN = p.phrase, n // the same form every run, whatever the map order
			}
		}
	}
	try(phrasesByWord[keys[i]])
	if i+1 < len(keys) {
		try(phrasesByWord[keys[i+1]])
	}
	return best, bestN
}

// nearlyEqual reports whether got equals want but for one word of
// minTypoInForm letters or more, one edit away.
func nearlyEqual(got, want []string) bool {
	typos := 0
	for j := range want {
		if got[j] == want[j] {
			continue
		}
		typos++
		if typos > 1 || len(want[j]) < minTypoInForm || boundedEditDistance(got[j], want[j], 1) > 1 {
			return false
		}
	}
	return true
}
