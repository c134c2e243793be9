package lists

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/rpscreen/rpscreen/match"
)

// remarkFacts is what OFAC's Remarks state in a form that can be read
// reliably; everything stays in the remarks text as well.
type remarkFacts struct {
	dobs      []string
	countries []string // nationality and citizenship
	ids       []match.Identifier
	weak      []match.Alias // a.k.a. 'X': OFAC's weak aliases
}

// ofacWeakKinds are the prefixes OFAC writes before a weak alias in the
// remarks: "a.k.a. 'ABU AHMAD'".
var ofacWeakKinds = []struct {
	prefix string
	kind   match.AliasKind
}{{"a.k.a. '", match.AKA}, {"f.k.a. '", match.FKA}, {"n.k.a. '", match.NKA}}

// parseOFACRemarks reads the "; "-separated remarks: "DOB 01 Jan 1958; POB
// Tehran, Iran; nationality Iran; Passport A1234 (Iran) expires 2012;
// a.k.a. 'ABU AHMAD'."
func parseOFACRemarks(s string) remarkFacts {
	var f remarkFacts
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	if s == "" {
		return f
	}
	for _, item := range strings.Split(s, "; ") {
		item = strings.TrimSpace(item)
		if f.weakAlias(item) {
			continue
		}
		item = strings.TrimPrefix(item, "alt. ")
		switch {
		case strings.HasPrefix(item, "DOB "):
			if d := ofacDate(item[len("DOB "):]); d != "" && !slices.Contains(f.dobs, d) {
				f.dobs = append(f.dobs, d)
			}
		case strings.HasPrefix(item, "nationality "):
			f.countries = withCountry(f.countries, countryCode(item[len("nationality "):]))
		case strings.HasPrefix(item, "citizen "):
			f.countries = withCountry(f.countries, countryCode(item[len("citizen "):]))
		default:
			if id, ok := ofacIdentifier(item); ok {
				f.ids = append(f.ids, id)
			}
		}
	}
	return f
}

// weakAlias records "a.k.a. 'NAME'". OFAC sometimes doubles the quotes,
// which are trimmed, and cuts long remarks mid-item, so an item without its
// closing quote is left alone.
func (f *remarkFacts) weakAlias(item string) bool {
	for _, w := range ofacWeakKinds {
		if !strings.HasPrefix(item, w.prefix) {
			continue
		}
		rest := item[len(w.prefix):]
		if !strings.HasSuffix(rest, "'") {
			return true
		}
		if name := strings.TrimSpace(strings.Trim(rest, "'")); name != "" {
			f.weak = append(f.weak, match.Alias{Name: name, Kind: w.kind, Weak: true})
		}
		return true
	}
	return false
}

// ofacDate turns OFAC's "02 Jan 1958", "Jan 1958" and "1958" into ISO 8601;
// other forms ("circa 1955", "1960 to 1962") are kept as printed.
func ofacDate(s string) string {
	s = strings.TrimSpace(s)
	for _, l := range [][2]string{{"2 Jan 2006", "2006-01-02"}, {"Jan 2006", "2006-01"}, {"2006", "2006"}} {
		if t, err := time.Parse(l[0], s); err == nil {
			return t.Format(l[1])
		}
	}
	return s
}

// ofacIDTypes are the labels OFAC prints before an identifying number, in
// the remarks ("Passport 1084010 (Egypt)") and in the CSL's ids column.
// Features that are not numbers (Gender, Target Type, sanctions risk
// notes, e-mail, website) are left in the remarks.
var ofacIDTypes = []string{
	"Passport", "Diplomatic Passport", "National ID No.", "Personal ID Card", "Tax ID No.",
	"Identification Number", "National Foreign ID Number", "Turkish Identification Number",
	"Registration Number", "Registration ID", "Business Registration Number",
	"Business Registration Document #", "Company Number", "UK Company Number", "Business Number",
	"Enterprise Number", "Branch Unit Number", "Commercial Registry Number", "Government Gazette Number",
	"Legal Entity Number", "Unified Social Credit Code (USCC)", "Certificate of Incorporation Number",
	"Public Registration Number", "Central Registration System Number", "Economic Register Number (CBLS)",
	"Chamber of Commerce Number", "Istanbul Chamber of Comm. No.", "Dubai Chamber of Commerce Membership No.",
	"Trade License No.", "Permit Number", "Registered Charity No.", "C.R. No.", "V.A.T. Number",
	"D-U-N-S Number", "SWIFT/BIC", "BIK (RU)", "ISIN", "Equity Ticker", "US FEIN", "SSN",
	"Cedula No.", "NIT #", "RUC #", "RIF #", "C.U.R.P.", "R.F.C.", "RFC", "D.N.I.", "C.U.I.T.", "C.U.I.",
	"Folio Mercantil No.", "Matricula Mercantil No", "Credencial electoral", "I.F.E.",
	"Cartilla de Servicio Militar Nacional", "Numero de Identidad", "LE Number", "Italian Fiscal Code",
	"Residency Number", "Driver's License No.", "Birth Certificate Number", "Electoral Registry No.",
	"Vessel Registration Identification", "MMSI", "Aircraft Tail Number",
	"Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Mode S Transponder Code",
	"Aircraft Construction Number (also called L/N or S/N or F/N)",
}

// ofacDigitalCurrency prefixes "Digital Currency Address - XBT 1Kuf…"; the
// currency is part of the type.
const ofacDigitalCurrency = "Digital Currency Address - "

// ofacIDPrefixes is ofacIDTypes longest first, so "Passport" does not take
// "Diplomatic Passport" and "Registration Number" does not take "Business
// Registration Number".
var ofacIDPrefixes = sync.OnceValue(func() []string {
	p := slices.Clone(ofacIDTypes)
	slices.SortFunc(p, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return p
})

// ofacIdentifier reads "Passport A1234 (Iran) expires 2012" as type
// "Passport", value "A1234", country "IR".
func ofacIdentifier(item string) (match.Identifier, bool) {
	if rest, ok := strings.CutPrefix(item, ofacDigitalCurrency); ok {
		currency, value, ok := strings.Cut(rest, " ")
		if !ok || value == "" {
			return match.Identifier{}, false
		}
		return match.Identifier{Type: ofacDigitalCurrency + currency, Value: strings.TrimSpace(value)}, true
	}
	for _, p := range ofacIDPrefixes() {
		if len(item) > len(p)+1 && strings.HasPrefix(item, p) && item[len(p)] == ' ' {
			value, country := ofacIDValue(item[len(p)+1:])
			if value == "" {
				return match.Identifier{}, false
			}
			return match.Identifier{Type: p, Value: value, Country: country}, true
		}
	}
	return match.Identifier{}, false
}

// ofacIDValue splits "A1234 (Iran) issued 2001 expires 2011" into the
// number and the country's code; a bracket that is not a country
// ("HRA 738077 (Stuttgart)") stays in the number.
func ofacIDValue(v string) (value, country string) {
	for _, w := range []string{" issued ", " expires "} {
		if i := strings.Index(v, w); i > 0 {
			v = v[:i]
		}
	}
	v = strings.TrimSpace(v)
	if strings.HasSuffix(v, ")") {
		if i := strings.LastIndex(v, " ("); i > 0 {
			if c := countryCode(v[i+2 : len(v)-1]); c != "" {
				return strings.TrimSpace(v[:i]), c
			}
		}
	}
	return v, ""
}

// isOFACIDType reports whether a CSL ids entry's type is an identifying
// number in OFAC's wording.
func isOFACIDType(t string) bool {
	return slices.Contains(ofacIDTypes, t) || strings.HasPrefix(t, ofacDigitalCurrency)
}

// withWeakAlias marks an alias the remarks call weak, adding it when ALT.CSV
// does not list it (OFAC prints weak a.k.a.s only in the remarks).
func withWeakAlias(primary string, aliases []match.Alias, weak match.Alias) []match.Alias {
	if strings.EqualFold(primary, weak.Name) {
		return aliases
	}
	for i := range aliases {
		if strings.EqualFold(aliases[i].Name, weak.Name) {
			aliases[i].Weak = true
			return aliases
		}
	}
	return append(aliases, weak)
}

func ofacEntNum(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("ent_num %q: not a number", s)
	}
	return n, nil
}

// ofacField is a cell with OFAC's null ("-0- ") read as empty.
func ofacField(s string) string {
	s = strings.TrimSpace(s)
	if s == "-0-" {
		return ""
	}
	return ofacText(s)
}

// ofacText decodes the odd Latin-1 cell of older files; OFAC's files are
// ASCII today.
func ofacText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	r := make([]rune, 0, len(s))
	for i := 0; i < len(s); i++ {
		r = append(r, rune(s[i]))
	}
	return string(r)
}

// ofacPrograms splits "SDNTK] [FTO] [SDGT" into its programs.
func ofacPrograms(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "] [") {
		if p = strings.Trim(p, "[] "); p != "" {
			out = append(out, p)
		}
	}
	return out
}
