package match

import (
	"strings"
)

// wordKind says what a word contributes to a name's identity.
type wordKind uint8

const (
	distinctive wordKind = iota // identifies the party: Kaspersky, Rosneft, Tikhonov
	generic                     // says what it is or does: group, lab, trading
	legal                       // its legal form: OOO, GmbH, Ltd
	number                      // a number, which must match exactly
	initial                     // a single letter, a person's initial
	patronymic                  // a Russian patronymic, often left out
)

func (k wordKind) String() string {
	return [...]string{"distinctive", "generic", "legal form", "number", "initial", "patronymic"}[k]
}

// baseWeight is how much each kind of word counts towards a name's score.
var baseWeight = [...]float64{
	distinctive: 1.0, generic: 0.15, legal: 0.1, number: 1.0, initial: 0.3, patronymic: 0.3,
}

// word is one compared unit of a name: a word, or a legal form of several.
type word struct {
	text  string // normalised, synonyms resolved: "lab" for "laboratoriya"
	orig  string // as it stood in the normalised name, for explanations
	key   string // romanisation variants folded: see wordKey
	kind  wordKind
	form  LegalForm // for legal words
	ascii bool      // text and key are ASCII, compared byte by byte
}

// Prepared is a name read once for comparing: normalised, split into words,
// legal forms recognised. Prepare a query once and search every list with it.
type Prepared struct {
	normalized string
	words      []word
}

// Normalized is the query as the matcher read it.
func (p *Prepared) Normalized() string { return p.normalized }

// Core is the name without its legal form and the words that only say it
// is a company (company, corporation, group, holding), in the matcher's
// spelling: two names with the same core are, on their words, the same
// name. "Oracle Corporation" and "ORACLE" share the core "oracle".
func (p *Prepared) Core() string {
	var b strings.Builder
	for i := range p.words {
		w := &p.words[i]
		if w.kind == legal || companyWords[w.text] {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// companyWords say only that a name is a company's.
var companyWords = setOf("company", "corporation", "group", "holding")

// Prepare reads a name for matching.
func Prepare(name string) *Prepared {
	toks := Tokens(name)
	p := &Prepared{normalized: strings.Join(toks, " "), words: make([]word, 0, len(toks))}
	for i := 0; i < len(toks); {
		if w, n := legalAt(toks, i); n > 0 {
			p.words = append(p.words, w)
			i += n
			continue
		}
		t := toks[i]
		i++
		if stopWords[t] {
			continue
		}
		p.words = append(p.words, plainWord(t))
	}
	return p
}

// legalAt recognises the longest legal form starting at toks[i].
func legalAt(toks []string, i int) (word, int) {
	for n := min(maxLegalWords, len(toks)-i); n >= 1; n-- {
		phrase := strings.Join(toks[i:i+n], " ")
		form, ok := legalForms[phrase]
		if !ok {
			continue
		}
		if n == 1 && ambiguousForms[phrase] && i != 0 && i != len(toks)-1 {
			continue
		}
		if n == 1 && trailingForms[phrase] && (i != len(toks)-1 || i == 0) {
			continue
		}
		if n == len(toks) && n == 1 && ambiguousForms[phrase] {
			continue // "AO" alone is more likely a name than a legal form
		}
		return word{text: strings.ToLower(string(form)), orig: phrase, key: strings.ToLower(string(form)), kind: legal, form: form}, n
	}
	return word{}, 0
}

func plainWord(t string) word {
	w := word{text: t, orig: t}
	if s, ok := synonyms[t]; ok {
		w.text = s
	} else if s, ok := synonymKeys[wordKey(t)]; ok && len(t) >= 5 {
		// Only longer words: folded, short words collide ("kia", "cia").
		w.text = s // another romanisation of a known word: kompaniy, laboratoriia
	}
	switch {
	case isDigits(w.text):
		w.kind = number
	case runeLen(w.text) == 1:
		w.kind = initial
	case genericWords[w.text] || placeWords()[w.text]:
		w.kind = generic
	case isPatronymic(w.text):
		w.kind = patronymic
	case len(w.text) >= minGenericTypo:
		if g, ok := genericTypo(w.text); ok {
			w.text, w.kind = g, generic // "Enginiring", as a Cyrillic spelling gives it
		}
	}
	w.key = wordKey(w.text)
	w.ascii = isASCII(w.text)
	return w
}

// minGenericTypo is the shortest word read as a misspelt generic word.
const minGenericTypo = 7

// genericsByInitial holds the generic words of minGenericTypo letters or
// more by their first letter, which a typo rarely changes.
var genericsByInitial = func() map[byte][]string {
	m := map[byte][]string{}
	for g := range genericWords {
		if len(g) >= minGenericTypo-1 {
			m[g[0]] = append(m[g[0]], g)
		}
	}
	return m
}()

// genericTypo finds the generic word t misspells, within the typo budget
// of its length, if exactly one is that close.
func genericTypo(t string) (string, bool) {
	found := ""
	for _, g := range genericsByInitial[t[0]] {
		k := allowedEdits(min(len(g), len(t)))
		if d := len(g) - len(t); d > k || -d > k {
			continue
		}
		if boundedEditDistance(t, g, k) <= k {
			if found != "" && found != g {
				return "", false
			}
			found = g
		}
	}
	return found, found != ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isPatronymic(s string) bool {
	if len(s) < 7 {
		return false
	}
	for _, suf := range []string{"ovich", "evich", "ovna", "evna", "ichna", "yevich", "ievich"} {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// foldRules fold the romanisation variants lists use for the same name,
// longest first: Borshchev = Borschev, Tikhonov = Tihonov, Aleksei = Alexei.
var foldRules = strings.NewReplacer(
	"shch", "sh", "sch", "sh", "dzh", "j", "tch", "ch", "ch", "ch", "kh", "h", "ph", "f", "th", "t", "ck", "k", "ks", "x", "c", "k",
	"cz", "ch", "tz", "ts", "ou", "u", "ye", "e", "w", "v", "q", "k",
)

// wordKey folds a word's romanisation variants: the rules above (c is k
// unless it is part of ch, as a letter-by-letter Cyrillic spelling gives
// it: "Компани" for Company), y = i,
// and doubled letters single. Words with equal keys are spelling variants.
func wordKey(s string) string {
	s = foldRules.Replace(s)
	b := make([]byte, 0, len(s))
	var prev byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 'y' {
			c = 'i'
		}
		if c == prev && (c < '0' || c > '9') {
			continue
		}
		b = append(b, c)
		prev = c
	}
	return string(b)
}
