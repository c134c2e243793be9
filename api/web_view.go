package api

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

// View models for the templates. Every string in them is escaped by
// html/template; none of them holds HTML.

// searchForm is the search form as submitted, echoed back into it.
type searchForm struct {
	Name, Country, Type, Threshold string
}

type searchView struct {
	Form       searchForm
	Error      string // a validation message, shown in the form
	ErrorField string // which input it is about
	Countries  []countryOption
	Types      []match.EntityType
	Result     *resultView
}

var entityTypes = []match.EntityType{match.Organization, match.Individual, match.Vessel, match.Aircraft}

type resultView struct {
	Query      string
	Normalized string
	Potential  bool
	Hits       []hitView
	Lists      []ListVersion
	ScreenedAt string
	Threshold  string // as asked, or "" for the configured default
}

// hitView is a rendered hit plus what the page adds: links, the score as
// text and the names split into highlighted words.
type hitView struct {
	Hit
	Href      string
	ScoreText string
	Matched   []nameSegment // the matched name, words highlighted
	SameName  bool          // the matched name is the primary name
	Words     []wordView
	Unmatched []match.UnmatchedWord
	// OtherPrograms are the programmes the source does not already name;
	// Basis the legal bases a programme does not already name, with citation.
	OtherPrograms []string
	Basis         []string
}

// nameSegment is a run of a displayed name: a word that met a query word
// (Mark "exact" or "variant") or the text between.
type nameSegment struct {
	Text  string
	Mark  string
	Title string
}

type wordView struct {
	match.WordMatch
	Exact      bool
	Similarity string
}

func (w *web) resultView(c *gin.Context, q match.Query, res match.Result) *resultView {
	v := &resultView{
		Query:      q.Name,
		Normalized: res.Normalized,
		Potential:  res.Status == match.PotentialMatch,
		Lists:      nonNil(res.Lists),
		ScreenedAt: w.s.now().UTC().Format("2006-01-02 15:04:05 UTC"),
	}
	if q.Threshold != nil {
		v.Threshold = fmt.Sprintf("%.2f", *q.Threshold)
	}
	for _, h := range res.Hits {
		r := NewHit(h)
		hv := hitView{
			Hit:       r,
			Href:      entityHref(r.EntityID),
			ScoreText: fmt.Sprintf("%.2f", r.Score),
			Matched:   highlight(r.MatchedName, r.Explanation.Words),
			SameName:  r.MatchedName == r.Name || r.MatchedName == "",
			Unmatched: r.Explanation.Unmatched,
		}
		if hv.SameName {
			hv.Matched = highlight(r.Name, r.Explanation.Words)
		}
		hv.OtherPrograms, hv.Basis = listing(r)
		for _, wm := range r.Explanation.Words {
			hv.Words = append(hv.Words, wordView{WordMatch: wm, Exact: wm.How == "exact",
				Similarity: fmt.Sprintf("%.0f%%", wm.Similarity*100)})
		}
		v.Hits = append(v.Hits, hv)
	}
	return v
}

// listing says under what a hit is listed without repeating itself: the
// programmes other than the source, and each legal basis that adds a
// regime or a citation.
func listing(h Hit) (programs, basis []string) {
	named := map[string]bool{h.Source: true}
	for _, p := range h.Programs {
		if !named[p] {
			programs = append(programs, p)
		}
		named[p] = true
	}
	for _, lb := range h.LegalBasis {
		switch {
		case lb.Citation != "":
			basis = append(basis, lb.Regime+", "+lb.Citation)
		case lb.Regime != "" && !named[lb.Regime]:
			basis = append(basis, lb.Regime)
		}
	}
	return programs, basis
}

// entityHref links an entity's page; ids may hold '/', '?' or '%'.
func entityHref(id string) string {
	return "/entities/" + url.PathEscape(id)
}

// highlight splits a listed name into words and the text between them and
// marks each word the explanation paired with a query word: "exact" for the
// same word, "variant" for a spelling variant, typo, legal form, initial or
// joined words. Words are compared in their normalised form, so
// "Kaspersky's" or "Касперского" find their listed counterparts.
func highlight(name string, words []match.WordMatch) []nameSegment {
	met := map[string]match.WordMatch{}
	for _, wm := range words {
		for _, part := range strings.Fields(wm.Listed) { // joined words: "aero caribbean"
			met[part] = wm
		}
		met[strings.ReplaceAll(wm.Listed, " ", "")] = wm
	}
	var out []nameSegment
	plain := func(s string) {
		if n := len(out); n > 0 && out[n-1].Mark == "" {
			out[n-1].Text += s
			return
		}
		out = append(out, nameSegment{Text: s})
	}
	rs := []rune(name)
	for i := 0; i < len(rs); {
		if !isNameRune(rs[i]) {
			j := i
			for j < len(rs) && !isNameRune(rs[j]) {
				j++
			}
			plain(string(rs[i:j]))
			i = j
			continue
		}
		j := i
		for j < len(rs) && (isNameRune(rs[j]) || innerApostrophe(rs, j)) {
			j++
		}
		if k, letters := initialsRun(rs, i); k > j {
			// "S.r.l.": single letters the matcher reads as one word.
			if wm, ok := met[match.Normalize(letters)]; ok {
				out = append(out, markSegment(string(rs[i:k]), wm))
				i = k
				continue
			}
		}
		word := string(rs[i:j])
		if wm, ok := met[match.Normalize(word)]; ok {
			out = append(out, markSegment(word, wm))
		} else {
			plain(word)
		}
		i = j
	}
	return out
}

// initialsRun finds a run of single letters from i ("S.r.l.", "J S C")
// and returns where it ends (after a closing dot) and its letters; end is
// i+1 or less when there is no run of two or more.
func initialsRun(rs []rune, i int) (end int, letters string) {
	var b strings.Builder
	n, k := 0, i
	for k < len(rs) && isNameRune(rs[k]) && (k+1 == len(rs) || !isNameRune(rs[k+1])) {
		b.WriteRune(rs[k])
		n++
		k++
		end = k
		if k < len(rs) && rs[k] == '.' {
			k++
			end = k
		}
		for k < len(rs) && rs[k] == ' ' {
			k++
		}
	}
	if n < 2 {
		return i, ""
	}
	return end, b.String()
}

func markSegment(word string, wm match.WordMatch) nameSegment {
	seg := nameSegment{Text: word, Mark: "variant"}
	if wm.How == "exact" {
		seg.Mark = "exact"
		seg.Title = fmt.Sprintf("matches %q exactly", wm.Query)
	} else {
		seg.Title = fmt.Sprintf("matches %q: %s, %.0f%%", wm.Query, wm.How, wm.Similarity*100)
	}
	return seg
}

func isNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// innerApostrophe keeps "Kaspersky's" one word, as the matcher reads it.
func innerApostrophe(rs []rune, i int) bool {
	switch rs[i] {
	case '\'', '’', 'ʼ':
		return i > 0 && i+1 < len(rs) && isNameRune(rs[i-1]) && isNameRune(rs[i+1])
	}
	return false
}

// entityView is the detail page of one entity.
type entityView struct {
	Entity     *match.Entity
	JSONHref   string
	ParentHref string
	ParentName string
}

// aliasKind says in words how an alias relates to the primary name.
func aliasKind(k match.AliasKind) string {
	switch k {
	case match.AKA, "":
		return "also known as (a.k.a.)"
	case match.FKA:
		return "formerly known as (f.k.a.)"
	case match.NKA:
		return "now known as (n.k.a.)"
	case match.Native:
		return "native script or language"
	case match.Acronym:
		return "acronym"
	}
	return string(k)
}

// listView is one row of the lists page.
type listView struct {
	lists.Status
	LoadedAt string
	Age      string
	State    string // loaded, failed, stale (failed, older copy serving), loading
}

func listsView(all []lists.Status) []listView {
	out := make([]listView, 0, len(all))
	for _, st := range all {
		v := listView{Status: st, State: "loading"}
		if st.LoadedAt != nil {
			v.LoadedAt = st.LoadedAt.UTC().Format("2006-01-02 15:04:05 UTC")
			v.Age = time.Since(*st.LoadedAt).Round(time.Second).String() + " ago"
			v.State = "loaded"
		}
		if st.LastError != "" {
			v.State = "failed"
			if st.LoadedAt != nil {
				v.State = "stale"
			}
		}
		out = append(out, v)
	}
	return out
}

// countryOption is one entry of the country datalist.
type countryOption struct {
	Code, Name string
}

// notISOCountry are regions CLDR calls countries that ISO 3166-1 does not
// assign (exceptional reservations, groupings).
var notISOCountry = map[string]bool{
	"AC": true, "CP": true, "DG": true, "EA": true, "EZ": true, "IC": true, "TA": true, "UN": true,
}

// countryOptions lists the ISO 3166-1 alpha-2 countries with their English
// names, sorted by name.
func countryOptions() ([]countryOption, map[string]string) {
	names := display.English.Regions()
	byCode := map[string]string{}
	var opts []countryOption
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.Canonicalize() != r || notISOCountry[code] {
				continue
			}
			if name := names.Name(r); name != "" {
				byCode[code] = name
				opts = append(opts, countryOption{Code: code, Name: name})
			}
		}
	}
	sort.Slice(opts, func(i, j int) bool { return opts[i].Name < opts[j].Name })
	return opts, byCode
}

// countryName is "GB" → "United Kingdom", or the code when unknown.
func (w *web) countryName(code string) string {
	if n, ok := w.country[code]; ok {
		return n
	}
	return code
}
