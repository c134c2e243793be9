package matchtest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/rpscreen/rpscreen/match"
)

// SyntheticList is the list id synthetic entities carry.
const SyntheticList = "synthetic"

// Random streams: each entity, brand stem and query name draws from its own
// generator, so entity i is the same whatever n is and whatever else is drawn.
const (
	synEntityStream = 1 << 40
	synStemStream   = 2 << 40
	synQueryStream  = 3 << 40
	synCleanStream  = 4 << 40
)

// Entities returns n synthetic listed entities: about 70% organisations,
// 25% individuals and 5% vessels, a third of them with aliases. Organisation
// names are built around invented brand stems, so the vocabulary keeps
// growing with the list as a real one does (about 0.6 new words per entity);
// a quarter reuse an earlier, popular stem, as company families do.
// Entities(seed, m)[:n] equals Entities(seed, n) for n <= m.
func Entities(seed uint64, n int) []*match.Entity {
	out := make([]*match.Entity, n)
	for i := range out {
		out[i] = synEntity(seed, i)
	}
	return out
}

// Names returns n query names: half are listed names of the first n
// entities of Entities(seed, ...) changed by Perturb (a typo, another legal
// form, word order, transliteration...), so they are near a name on any
// synthetic list of at least n entities with the same seed; half are clean
// names built like listed ones but from stems no list holds.
func Names(seed uint64, n int) []string {
	out := make([]string, n)
	for i := range out {
		r := synRand(seed, synQueryStream, i)
		if r.IntN(2) == 0 {
			e := synEntity(seed, r.IntN(n))
			names := e.Names()
			out[i], _ = Perturb(r, names[r.IntN(len(names))].Name, e.Type)
			continue
		}
		g := synGen{r: r, seed: seed ^ 0x5eed_c1ea, i: i, stream: synCleanStream}
		if r.IntN(5) == 0 {
			out[i], _ = g.person()
		} else {
			out[i], _, _ = g.organization()
		}
	}
	return out
}

func synRand(seed, stream uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, stream|uint64(i)))
}

// synGen draws the parts of one entity.
type synGen struct {
	r      *rand.Rand
	seed   uint64
	i      int
	stream uint64 // the stem space: listed names and clean queries differ
}

func synEntity(seed uint64, i int) *match.Entity {
	g := synGen{r: synRand(seed, synEntityStream, i), seed: seed, i: i, stream: synStemStream}
	id := fmt.Sprintf("syn-%07d", i)
	e := &match.Entity{ID: SyntheticList + ":" + id, List: SyntheticList}
	var aliases []string
	var country string
	switch p := g.r.IntN(100); {
	case p < 70:
		e.Type = match.Organization
		e.Name, aliases, country = g.organization()
	case p < 95:
		e.Type = match.Individual
		e.Name, aliases = g.person()
	default:
		e.Type = match.Vessel
		e.Name, aliases = g.vessel()
	}
	for _, a := range aliases {
		e.Aliases = synAddAlias(e.Name, e.Aliases, a)
	}
	e.Countries = g.countries(country)
	e.Programs = []string{g.pick(synWords.programs)}
	return e
}

// synAddAlias adds an alias unless it repeats a name, as the list loaders do.
func synAddAlias(primary string, aliases []match.Alias, a string) []match.Alias {
	if a == "" || strings.EqualFold(a, primary) {
		return aliases
	}
	for _, have := range aliases {
		if strings.EqualFold(have.Name, a) {
			return aliases
		}
	}
	return append(aliases, match.Alias{Name: a, Kind: match.AKA})
}

func (g *synGen) pick(from []string) string { return from[g.r.IntN(len(from))] }

func (g *synGen) chance(percent int) bool { return g.r.IntN(100) < percent }

// brand returns the distinctive word of an organisation: mostly a stem of
// its own, sometimes a popular earlier one (a Zipf-like reuse).
func (g *synGen) brand(k int) string {
	if k == 0 && g.i > 0 && g.chance(25) {
		u := g.r.Float64()
		return synStem(g.seed, g.stream, 2*int(float64(g.i)*u*u*u))
	}
	return synStem(g.seed, g.stream, 2*g.i+k)
}

// synStem composes an invented brand word from syllables, in one of a few
// styles (Latin, Slavic industrial, pinyin), capitalised. A surname stem
// has no brand ending.
func synStem(seed, stream uint64, k int) string {
	return synWord(synRand(seed, stream, k), true)
}

func synWord(r *rand.Rand, brand bool) string {
	var b strings.Builder
	style := r.IntN(10)
	switch {
	case brand && style < 2: // pinyin: Zhongxin, Huatai
		b.WriteString(synWords.pinyin[r.IntN(len(synWords.pinyin))])
		b.WriteString(strings.ToLower(synWords.pinyin[r.IntN(len(synWords.pinyin))]))
		return b.String()
	case brand && style >= 5: // one or two syllables and an ending: Kravotex, Luneft
		for n := 1 + r.IntN(2); n > 0; n-- {
			synSyllable(&b, r)
		}
		b.WriteString(synWords.brandEnds[r.IntN(len(synWords.brandEnds))])
	default: // two or three syllables: Treazas, Vlorinak
		for n := 2 + r.IntN(2); n > 0; n-- {
			synSyllable(&b, r)
		}
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func synSyllable(b *strings.Builder, r *rand.Rand) {
	b.WriteString(synWords.onsets[r.IntN(len(synWords.onsets))])
	b.WriteString(synWords.vowels[r.IntN(len(synWords.vowels))])
	if r.IntN(3) == 0 {
		b.WriteString(synWords.codas[r.IntN(len(synWords.codas))])
	}
}

// organization returns a company name, aliases and, when the name carries
// a place, that place's country.
func (g *synGen) organization() (name string, aliases []string, country string) {
	stem := g.brand(0)
	var core []string // the name without its legal form
	var prefix, suffix string
	generic := func() string { return g.pick(synWords.generic) }
	place := func() string {
		p, cc, _ := strings.Cut(g.pick(synWords.places), ":")
		country = cc
		return p
	}
	switch p := g.r.IntN(100); {
	case p < 35:
		core = []string{stem, generic()}
		if g.chance(40) {
			core = append(core, generic())
		}
		suffix = g.pick(synWords.legalSuffix)
	case p < 45:
		core, suffix = []string{stem}, g.pick(synWords.legalSuffix)
	case p < 60:
		core, prefix = []string{stem}, g.pick(synWords.legalPrefix)
		if g.chance(40) {
			core = append(core, generic())
		}
	case p < 72:
		core, suffix = []string{place(), stem, generic()}, g.pick(synWords.legalSuffix)
		if g.chance(50) {
			core[0], core[1] = core[1], core[0]
		}
	case p < 85:
		core, suffix = []string{stem, g.brand(1), generic()}, g.pick(synWords.legalSuffix)
	case p < 92:
		core = []string{place(), generic(), generic(), g.pick([]string{"Company", "Corporation", "Organization", "Establishment"})}
	default:
		core = []string{stem, g.pick([]string{"&", "and"}), g.pick([]string{"Co.", "Sons", "Partners", "Brothers"})}
	}
	name = synOrgName(prefix, core, suffix, prefix != "" && g.chance(50))
	if g.chance(30) {
		name = strings.ToUpper(name) // many lists print names in capitals
	}
	if g.chance(30) {
		for n := 1 + g.r.IntN(3); n > 0; n-- {
			aliases = append(aliases, g.orgAlias(core))
		}
	}
	return name, aliases, country
}

// synOrgName joins a company name, quoting it after a prefixed legal form
// as Russian registrations do: OOO "Stroyinvest".
func synOrgName(prefix string, core []string, suffix string, quote bool) string {
	s := strings.Join(core, " ")
	if quote {
		s = `"` + s + `"`
	}
	if prefix != "" {
		s = prefix + " " + s
	}
	if suffix != "" {
		s += " " + suffix
	}
	return s
}

// orgAlias is one other name of a company: its acronym, another legal form,
// a former name, or the name without its legal form.
func (g *synGen) orgAlias(core []string) string {
	switch g.r.IntN(4) {
	case 0:
		var b strings.Builder
		for _, w := range core {
			if len(w) > 1 && w != "and" {
				b.WriteString(strings.ToUpper(w[:1]))
			}
		}
		if b.Len() >= 2 {
			return b.String()
		}
		fallthrough
	case 1:
		return synOrgName("", core, g.pick(synWords.legalSuffix), false)
	case 2:
		return synOrgName("", []string{synStem(g.seed, g.stream, 2*g.i+1), g.pick(synWords.generic)}, g.pick(synWords.legalSuffix), false)
	default:
		return strings.Join(core, " ")
	}
}

// countries gives most entities one or two countries, the place's first.
func (g *synGen) countries(place string) []string {
	var out []string
	if place != "" {
		out = append(out, place)
	}
	if g.chance(90) && len(out) == 0 {
		out = append(out, g.pick(synWords.countries))
	}
	if g.chance(15) {
		if c := g.pick(synWords.countries); len(out) == 0 || out[0] != c {
			out = append(out, c)
		}
	}
	return out
}
