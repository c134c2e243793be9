package match

import (
	"strings"
	"sync"
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
	distinctive: 1.0, generic: 0.25, legal: 0.1, number: 0.5, initial: 0.3, patronymic: 0.3,
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
	toks = abbreviatePlaces(spellNumbers(toks))
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = wordKey(t)
	}
	for i := 0; i < len(toks); {
		if w, n := legalAt(toks, keys, i); n > 0 {
			p.words = append(p.words, w)
			i += n
			continue
		}
		t := toks[i]
		i++
		if stopWords[t] {
			continue
		}
		p.words = append(p.words, plainWord(t, keys[i-1]))
	}
	return p
}

// plainWord reads token t, whose folded key is key, as a word of a name.
func plainWord(t, key string) word {
	w := word{text: t, orig: t, key: key}
	if s, ok := synonyms[t]; ok {
		w.text = s
	} else if s, ok := synonymKeys[key]; ok && len(t) >= 5 {
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
		if w.text != t {
			key = wordKey(w.text)
		}
		if g, ok := genericTypo(w.text, key); ok {
			w.text, w.kind = g, generic // "Enginiring", as a Cyrillic spelling gives it
		}
	}
	if w.text != t {
		w.key = wordKey(w.text)
	}
	w.ascii = isASCII(w.text)
	return w
}

// minGenericTypo is the shortest word read as a misspelt generic word.
const minGenericTypo = 7

// genericsByInitial holds the generic words of minGenericTypo-1 letters or
// more by the first letter of their spelling and of their key, which a
// typo rarely changes. Place names are left out: too many names are one
// letter from one (Rossita, Rossiya).
var genericsByInitial = func() map[byte][]genericSpelling {
	m := map[byte][]genericSpelling{}
	add := func(g string) {
		if len(g) < minGenericTypo-1 {
			return
		}
		e := genericSpelling{text: g, key: wordKey(g)}
		m[g[0]] = append(m[g[0]], e)
		if e.key[0] != g[0] {
			m[e.key[0]] = append(m[e.key[0]], e)
		}
	}
	for g := range genericWords {
		add(g)
	}

	return m
}()

type genericSpelling struct{ text, key string }

// genericTypo finds the generic word t misspells, within the typo budget of
// its length, by spelling or by key, if exactly one is that close:
// "Kholidng" is holding.
func genericTypo(t, key string) (string, bool) {
	found := ""
	look := func(es []genericSpelling) bool {
		for _, e := range es {
			if !typoOf(t, e.text) && !typoOf(key, e.key) {
				continue
			}
			if found != "" && found != e.text {
				return false
			}
			found = e.text
		}
		return true
	}
	if !look(genericsByInitial[t[0]]) || key[0] != t[0] && !look(genericsByInitial[key[0]]) {
		return "", false
	}
	return found, found != ""
}

// typoOf reports whether a is within the typo budget of b.
func typoOf(a, b string) bool {
	k := allowedEdits(min(len(a), len(b)))
	if d := len(a) - len(b); d > k || -d > k {
		return false
	}
	return boundedEditDistance(a, b, k) <= k
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
	"shch", "sh", "sch", "sh", "dzh", "j", "tch", "ch", "ch", "ch", "kh", "h", "ph", "f", "th", "t", "ck", "k", "ks", "x", "cs", "x", "cz", "ch",
	"ce", "se", "ci", "si", "cy", "si", "c", "k", "tz", "ts", "ou", "u", "oo", "u", "ye", "e", "w", "v", "q", "k",
)

// wordKey folds a word's romanisation variants: the rules above (c is s
// before e, i and y and k elsewhere, unless it is part of ch, as Cyrillic
// spells it by sound: "Компани" for Company, "Сесилиа" for Cecilia; oo is
// u, as in Noor and Nur), y = i,
// and doubled letters single. Words with equal keys are spelling variants.
//
// The rules write straight into a pooled keyWriter, which folds y and
// drops doubled letters as the text arrives: one allocation, the key, where
// Replace and a second pass took four. Every query word and every listed
// word is keyed.
func wordKey(s string) string {
	kw := keyWriters.Get().(*keyWriter)
	kw.b, kw.prev = kw.b[:0], 0
	_, _ = foldRules.WriteString(kw, s) // a keyWriter never fails
	key := string(kw.b)
	keyWriters.Put(kw)
	return key
}

// keyWriter receives the folded text and keeps its key: y as i, a letter
// written twice in a row once (digits stay: 1100 is not 10).
type keyWriter struct {
	b    []byte
	prev byte
}

var keyWriters = sync.Pool{New: func() any { return &keyWriter{b: make([]byte, 0, 64)} }}

func (kw *keyWriter) WriteString(s string) (int, error) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 'y' {
			c = 'i'
		}
		if c == kw.prev && (c < '0' || c > '9') {
			continue
		}
		kw.b = append(kw.b, c)
		kw.prev = c
	}
	return len(s), nil
}

func (kw *keyWriter) Write(p []byte) (int, error) { return kw.WriteString(string(p)) }
