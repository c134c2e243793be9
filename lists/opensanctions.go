package lists

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/rpscreen/rpscreen/match"
)

// OpenSanctions targets.simple.csv: one row per sanctioned party. A cell
// that holds several values is itself a CSV row delimited by ";" (the
// exporter writes it with Python's csv module), so a value may be quoted.

// osRequired are the columns without which the file cannot be read.
var osRequired = []string{"id", "schema", "name"}

// osPartyTypes are the FollowTheMoney schemata that are screenable parties.
// Everything else (Sanction, Address, Ownership, CryptoWallet ...) is not.
var osPartyTypes = map[string]match.EntityType{
	"Person": match.Individual, "Company": match.Organization, "Organization": match.Organization,
	"LegalEntity": match.Organization, "PublicBody": match.Organization,
	"Vessel": match.Vessel, "Airplane": match.Aircraft,
}

func parseOpenSanctionsCSV(listID, path string) (Loaded, error) {
	f, err := openCSV(path)
	if err != nil {
		return Loaded{}, err
	}
	defer f.close()
	cols, err := f.header(osRequired, "an OpenSanctions targets.simple.csv")
	if err != nil {
		return Loaded{}, err
	}
	var out Loaded
	for {
		rec, line, err := f.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Loaded{}, err
		}
		e, err := osRow(listID, columnRow{cols: cols, record: rec})
		if err != nil {
			return Loaded{}, f.errorf(line, "%w", err)
		}
		if e != nil {
			out.Entities = append(out.Entities, e)
		}
	}
	return out, nil
}

// osRow maps one row; it returns nil for a row that is not a party.
func osRow(listID string, r columnRow) (*match.Entity, error) {
	id, schema := r.get("id"), r.get("schema")
	if id == "" {
		return nil, errors.New("id is empty")
	}
	typ, party := osPartyTypes[schema]
	if !party {
		return nil, nil
	}
	name := joinWords(r.get("name"))
	if name == "" {
		return nil, fmt.Errorf("%s: name is empty", id)
	}
	d := newEntityDraft(listID, id, osEntityURL(id))
	d.e.Type = typ
	d.setName(name)
	for _, a := range osValues(r.get("aliases")) {
		d.alias(a, match.AKA, false)
	}
	for _, v := range osValues(r.get("birth_date")) {
		d.dateOfBirth(v)
	}
	for _, v := range osValues(r.get("countries")) {
		d.country(osCountry(v))
	}
	for _, v := range osValues(r.get("addresses")) {
		d.address(v)
	}
	for _, v := range osValues(r.get("identifiers")) {
		d.identifier(osIdentifierType(v), v, "")
	}
	for _, v := range osValues(r.get("program_ids")) {
		d.program(v)
	}
	// The sanctions column holds OpenSanctions' summary of each sanction
	// ("program - reason - status - start - end"); the regime is the
	// dataset that lists the party.
	d.e.Source = strings.Join(osValues(r.get("dataset")), "; ")
	regime := d.e.Source
	if regime == "" {
		regime = "OpenSanctions"
	}
	for _, t := range osValues(r.get("sanctions")) {
		d.basis(match.LegalBasis{Regime: regime, Notes: t, URL: osEntityURL(id)})
	}
	if len(d.e.LegalBasis) == 0 && d.e.Source != "" {
		d.basis(match.LegalBasis{Regime: regime, URL: osEntityURL(id)})
	}
	return d.finish(), nil
}

// osValues splits a multi-valued cell: values separated by ";", a value
// holding ";", a quote or a line break quoted with doubled inner quotes.
// Text after a stray quote is kept as it stands rather than lost.
func osValues(cell string) []string {
	var vals []string
	for rest := cell; ; {
		var v string
		if strings.HasPrefix(rest, `"`) {
			v, rest = osQuoted(rest[1:])
		} else {
			v, rest, _ = strings.Cut(rest, ";")
		}
		if v = strings.TrimSpace(v); v != "" {
			vals = append(vals, v)
		}
		if rest == "" {
			return vals
		}
	}
}

// osQuoted reads a quoted value up to its closing quote and the ";" after
// it, and returns the value and what follows.
func osQuoted(s string) (value, rest string) {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			return b.String() + s, ""
		}
		b.WriteString(s[:i])
		s = s[i+1:]
		if strings.HasPrefix(s, `"`) {
			b.WriteByte('"')
			s = s[1:]
			continue
		}
		text, after, _ := strings.Cut(s, ";")
		return b.String() + text, after
	}
}

// osCountry turns an OpenSanctions country code ("ru", "ua-cri") into
// ISO 3166-1 alpha-2; codes that name no ISO country ("suhh", "zz") go.
func osCountry(code string) string {
	code, _, _ = strings.Cut(strings.TrimSpace(code), "-")
	if code = strings.ToUpper(code); !isCountryCode(code) {
		return ""
	}
	return code
}

// osIdentifierType says what the simple CSV leaves unsaid where the value
// shows it: IMO numbers carry their prefix.
func osIdentifierType(v string) string {
	if len(v) == 10 && strings.HasPrefix(strings.ToUpper(v), "IMO") {
		return "IMO number"
	}
	return "Identifier"
}

// osEntityURL is the entity's page on opensanctions.org, where an officer
// can read the sources behind it.
func osEntityURL(id string) string {
	return "https://www.opensanctions.org/entities/" + id + "/"
}

// appendDistinct appends each value that is not blank and not yet listed.
func appendDistinct(list []string, values ...string) []string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// joinWords joins name parts with single spaces, dropping blank parts and
// runs of white space inside them.
func joinWords(parts ...string) string {
	var words []string
	for _, p := range parts {
		words = append(words, strings.Fields(p)...)
	}
	return strings.Join(words, " ")
}

// joinNonEmpty joins the parts that are not blank, trimmed, with sep.
func joinNonEmpty(sep string, parts ...string) string {
	kept := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// hasNonLatinLetters reports whether s has a letter outside the Latin
// script (Cyrillic, Arabic, Greek, Han ...).
func hasNonLatinLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// isoDay returns the yyyy-mm-dd a date starts with ("2015-04-07-04:00",
// "2025-04-15T10:47:55Z"), and whether it is a real date.
func isoDay(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return "", false
	}
	if _, err := time.Parse(time.DateOnly, s[:10]); err != nil {
		return "", false
	}
	return s[:10], true
}
