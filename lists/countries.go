package lists

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// countryTable maps normalised country names to ISO 3166-1 alpha-2 codes and
// holds the set of codes a list may print.
type countryTable struct {
	byName map[string]string
	codes  map[string]bool
}

// notCountries are regions CLDR calls countries that ISO 3166-1 does not
// assign (exceptional reservations, groupings).
var notCountries = map[string]bool{
	"AC": true, "CP": true, "DG": true, "EA": true, "EZ": true, "IC": true, "TA": true,
	"UN": true, "QO": true, "QU": true,
}

// countryAliases are the names lists print that CLDR's English names do not
// cover. Keys are written plainly and normalised when the table is built.
var countryAliases = map[string]string{
	"Russian Federation": "RU", "Region: Crimea": "UA", "Crimea": "UA",
	"Crimea Region of Ukraine": "UA", "Sevastopol": "UA",
	"Burma": "MM", "Hong Kong": "HK", "Hong Kong SAR": "HK", "Hong Kong, China": "HK",
	"Macau": "MO", "Macao": "MO", "Macau SAR": "MO",
	"Democratic People's Republic of Korea": "KP", "DPRK": "KP", "Korea, DPR": "KP",
	"Republic of Korea": "KR", "United States of America": "US", "USA": "US", "U.S.A.": "US",
	"Great Britain": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB",
	"Northern Ireland": "GB", "UK": "GB",
	"Islamic Republic of Iran": "IR", "Syrian Arab Republic": "SY",
	"Lao People's Democratic Republic": "LA", "Viet Nam": "VN",
	"Czech Republic": "CZ", "Slovak Republic": "SK", "Kyrgyz Republic": "KG",
	"Turkiye": "TR", "Türkiye": "TR", "Eswatini": "SZ",
	"North Macedonia": "MK", "Republic of North Macedonia": "MK",
	"The Former Yugoslav Republic of Macedonia": "MK",
	"Cabo Verde": "CV", "Ivory Coast": "CI", "Cote d Ivoire": "CI",
	"Democratic Republic of the Congo": "CD", "DRC": "CD", "Congo-Kinshasa": "CD",
	"Republic of the Congo": "CG", "Congo": "CG", "Congo-Brazzaville": "CG",
	"Palestinian": "PS", "Palestinian Authority": "PS", "Palestine": "PS",
	"State of Palestine": "PS", "Occupied Palestinian Territory": "PS",
	"West Bank": "PS", "Gaza": "PS", "Gaza Strip": "PS", "Northern Gaza": "PS", "North Gaza": "PS",
	"Netherlands Antilles": "AN", "Holy See": "VA", "Vatican": "VA",
	"Brunei Darussalam": "BN", "Federated States of Micronesia": "FM",
	"Saint Vincent and the Grenadines": "VC", "East Timor": "TL",
	"United Republic of Tanzania": "TZ", "Republic of Moldova": "MD",
	"Bolivarian Republic of Venezuela": "VE", "Plurinational State of Bolivia": "BO",
	"United States Virgin Islands": "VI", "UAE": "AE", "Northern Mali": "ML",
	"Kingdom of Saudi Arabia": "SA", "Taiwan, Province of China": "TW",
	// UN and UK spellings.
	"United Kingdom of Great Britain and Northern Ireland": "GB",
	"China, Hong Kong Special Administrative Region":       "HK", "Hong Kong Special Administrative Region": "HK",
	"China, Macao Special Administrative Region": "MO",
	"Congo (Democratic Republic)":                "CD", "Occupied Palestinian Territories": "PS",
}

// countries is built on first use: CLDR's English names for every ISO
// country code, plus the aliases above.
var countries = sync.OnceValue(func() *countryTable {
	t := &countryTable{byName: map[string]string{}, codes: map[string]bool{}}
	names := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || notCountries[code] || r.Canonicalize() != r {
				continue
			}
			name := names.Name(r)
			if name == "" {
				continue
			}
			t.codes[code] = true
			t.add(name, code)
			// "Myanmar (Burma)", "Cocos (Keeling) Islands": the name with and
			// without the bracket, and the bracket alone.
			if open, close := strings.IndexByte(name, '('), strings.IndexByte(name, ')'); open > 0 && close > open {
				t.add(name[:open]+name[close+1:], code)
				t.add(name[open+1:close], code)
			}
			// "Hong Kong SAR China", "Congo - Kinshasa".
			if head, _, ok := strings.Cut(name, " SAR "); ok {
				t.add(head, code)
			}
		}
	}
	for name, code := range countryAliases {
		t.codes[code] = true
		t.add(name, code)
	}
	return t
})

func (t *countryTable) add(name, code string) {
	if k := countryKey(name); k != "" {
		t.byName[k] = code
	}
}

// countryCode maps a country name as a list prints it ("Russia", "Korea,
// North", "Region: Crimea", "Côte d'Ivoire") to its ISO 3166-1 alpha-2 code,
// or "" when the name is not a known country.
func countryCode(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	t := countries()
	if c := t.byName[countryKey(name)]; c != "" {
		return c
	}
	// OFAC's inverted forms: "Korea, North", "Congo, Republic of the",
	// "Man, Isle of", "Bahamas, The".
	if head, tail, ok := strings.Cut(name, ","); ok && !strings.Contains(tail, ",") {
		if c := t.byName[countryKey(tail+" "+head)]; c != "" {
			return c
		}
	}
	// The UN's "Iran (Islamic Republic of)", "Venezuela (Bolivarian
	// Republic of)": the bracket read in front of the name.
	if open, close := strings.IndexByte(name, '('), strings.LastIndexByte(name, ')'); open > 0 && close > open {
		if c := t.byName[countryKey(name[open+1:close]+" "+name[:open])]; c != "" {
			return c
		}
	}
	// "Region: China", "Region: Gaza": the region names a country or a
	// place the alias table knows; anything else ("Region: Kafia Kingi")
	// stays unknown.
	if rest, ok := cutPrefixFold(name, "region:"); ok {
		return countryCode(rest)
	}
	return ""
}

// isCountryCode reports whether code is an upper-case ISO 3166-1 alpha-2
// code (or one the lists use, such as XK for Kosovo).
func isCountryCode(code string) bool {
	return len(code) == 2 && countries().codes[code]
}

// countryKey folds case, accents, punctuation and spacing, spells out "&"
// and "St.", and drops "the", so that "St. Kitts & Nevis" and "Saint Kitts
// and Nevis" meet.
func countryKey(name string) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() == 0 {
			return
		}
		switch s := w.String(); s {
		case "the":
		case "st":
			words = append(words, "saint")
		default:
			words = append(words, s)
		}
		w.Reset()
	}
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w.WriteRune(unicode.ToLower(r))
		case r == '&':
			flush()
			words = append(words, "and")
		default:
			flush()
		}
	}
	flush()
	return strings.Join(words, "")
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
