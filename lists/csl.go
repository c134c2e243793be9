package lists

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/rpscreen/rpscreen/match"
)

// cslRecord is one row of the trade.gov Consolidated Screening List, read
// from the CSV or the JSON form.
type cslRecord struct {
	id, entityNumber, source, typ, name, title                  string
	frNotice, startDate, endDate, standardOrder                 string
	licenseRequirement, licensePolicy                           string
	callSign, vesselType, tonnage, grt, vesselFlag, vesselOwner string
	remarks, sourceListURL, sourceInfoURL                       string
	programs, altNames, addresses, countries                    []string
	citizenships, nationalities, datesOfBirth, placesOfBirth    []string
	ids                                                         []match.Identifier
	otherIDs                                                    []string // ids entries that are not numbers
}

var cslTypes = map[string]match.EntityType{
	"": "", "individual": match.Individual, "entity": match.Organization,
	"vessel": match.Vessel, "aircraft": match.Aircraft,
}

// cslAuthorities names the agency behind each CSL source by the suffix the
// source name carries.
var cslAuthorities = []struct{ suffix, authority string }{
	{"Bureau of Industry and Security", "US Department of Commerce, Bureau of Industry and Security (BIS)"},
	{"Treasury Department", ofacAuthority},
	{"State Department", "US Department of State"},
}

// parseCSLCSV reads the CSL CSV (consolidated.csv). Columns are found by
// header name, so the 2019 layout without _id reads too.
func parseCSLCSV(listID, path string) (Loaded, error) {
	f, err := openCSV(path)
	if err != nil {
		return Loaded{}, err
	}
	defer f.close()
	cols, err := f.header([]string{"source", "name"}, "a Consolidated Screening List CSV")
	if err != nil {
		return Loaded{}, err
	}
	b := newCSLBuilder(listID)
	for {
		row, line, err := f.next()
		if err == io.EOF {
			return Loaded{Entities: b.entities}, nil
		}
		if err != nil {
			return Loaded{}, err
		}
		if err := b.add(cslFromCSV(cols, row)); err != nil {
			return Loaded{}, f.errorf(line, "%w", err)
		}
	}
}

func cslFromCSV(cols map[string]int, row []string) cslRecord {
	get := func(col string) string {
		if i, ok := cols[col]; ok {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	list := func(col string) []string { return splitTrimmed(get(col), ";") }
	r := cslRecord{
		id: get("_id"), entityNumber: get("entity_number"), source: get("source"), typ: get("type"),
		name: get("name"), title: get("title"), frNotice: get("federal_register_notice"),
		startDate: get("start_date"), endDate: get("end_date"), standardOrder: get("standard_order"),
		licenseRequirement: get("license_requirement"), licensePolicy: get("license_policy"),
		callSign: get("call_sign"), vesselType: get("vessel_type"), tonnage: get("gross_tonnage"),
		grt: get("gross_registered_tonnage"), vesselFlag: get("vessel_flag"), vesselOwner: get("vessel_owner"),
		remarks: get("remarks"), sourceListURL: get("source_list_url"), sourceInfoURL: get("source_information_url"),
		programs: list("programs"), altNames: list("alt_names"), addresses: list("addresses"),
		citizenships: list("citizenships"), nationalities: list("nationalities"),
		datesOfBirth: list("dates_of_birth"), placesOfBirth: list("places_of_birth"),
	}
	if r.id == "" {
		r.id = get("id")
	}
	for _, a := range r.addresses {
		r.countries = withCountry(r.countries, cslAddressCountry(a))
	}
	for _, item := range list("ids") {
		r.addID(strings.Split(item, ", "))
	}
	return r
}

// addID records one ids entry, as an identifier when it is one.
func (r *cslRecord) addID(parts []string) {
	if id, ok := cslIdentifier(parts); ok {
		r.ids = append(r.ids, id)
	} else if text := strings.Join(parts, ", "); text != "" {
		r.otherIDs = append(r.otherIDs, text)
	}
}

// cslAddressCountry is the ISO code the CSL ends an address with
// ("…, Moscow, 125212, Russia, RU"), or the address itself when it is only
// a code ("TR").
func cslAddressCountry(addr string) string {
	code := addr
	if i := strings.LastIndex(addr, ", "); i >= 0 {
		code = addr[i+2:]
	}
	if code = strings.TrimSpace(code); isCountryCode(code) {
		return code
	}
	return ""
}

// cslIdentifier reads one ids entry: "Passport, 836238033, KP" (type,
// number, country) or, in the 2019 layout, "CO, 811038291-3, NIT #".
func cslIdentifier(parts []string) (match.Identifier, bool) {
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	n := len(parts)
	if n < 2 {
		return match.Identifier{}, false
	}
	var id match.Identifier
	switch {
	case isOFACIDType(parts[0]):
		id.Type, parts = parts[0], parts[1:]
		if len(parts) > 1 && isCountryCode(parts[len(parts)-1]) {
			id.Country, parts = parts[len(parts)-1], parts[:len(parts)-1]
		}
	case isOFACIDType(parts[n-1]):
		id.Type, parts = parts[n-1], parts[:n-1]
		if len(parts) > 1 && isCountryCode(parts[0]) {
			id.Country, parts = parts[0], parts[1:]
		}
	default:
		return match.Identifier{}, false
	}
	id.Value = strings.Join(parts, ", ")
	return id, id.Value != ""
}

// cslBuilder turns records into entities and keeps their ids unique.
type cslBuilder struct {
	listID   string
	seen     map[string]bool
	entities []*match.Entity
}

func newCSLBuilder(listID string) *cslBuilder {
	return &cslBuilder{listID: listID, seen: map[string]bool{}}
}

func (b *cslBuilder) add(r cslRecord) error {
	if r.name == "" {
		return errors.New("name: empty")
	}
	typ, ok := cslTypes[strings.ToLower(r.typ)]
	if !ok {
		return fmt.Errorf("type %q: want Individual, Entity, Vessel, Aircraft or empty", r.typ)
	}
	key := r.id
	if key == "" {
		key = r.entityNumber
	}
	if key == "" { // 2019 layout, non-OFAC rows: no id at all
		h := fnv.New64a()
		io.WriteString(h, r.source+"\x00"+r.name+"\x00"+strings.Join(r.addresses, "; ")+"\x00"+r.frNotice)
		key = fmt.Sprintf("%016x", h.Sum64())
	}
	if b.seen[key] {
		return fmt.Errorf("_id %q: duplicate", key)
	}
	b.seen[key] = true
	b.entities = append(b.entities, r.entity(b.listID, key, typ))
	return nil
}

func (r *cslRecord) entity(listID, key string, typ match.EntityType) *match.Entity {
	e := &match.Entity{
		ID: listID + ":" + key, List: listID, Source: r.source, Type: typ, Name: r.name,
		Countries: r.countries, Addresses: r.addresses, Programs: r.programs,
		DatesOfBirth: r.datesOfBirth, Identifiers: r.ids, SourceURL: r.sourceInfoURL,
	}
	for _, a := range r.altNames {
		e.Aliases = withAlias(e.Name, e.Aliases, a)
	}
	for _, c := range slices.Concat(r.citizenships, r.nationalities, []string{r.vesselFlag}) {
		e.Countries = withCountry(e.Countries, cslCountry(c))
	}
	if r.callSign != "" {
		e.Identifiers = append(e.Identifiers, match.Identifier{Type: "Call Sign", Value: r.callSign})
	}
	if _, err := time.Parse(time.DateOnly, r.startDate); err == nil {
		e.ListedOn = r.startDate
	}
	e.LegalBasis = []match.LegalBasis{{
		Authority: cslAuthority(r.source), Regime: r.source, Citation: r.frNotice, Date: r.startDate,
		Requirement: r.licenseRequirement, Policy: r.licensePolicy, URL: r.sourceListURL,
		Notes: joinNonEmpty("; ", labelledValue("Standard order", r.standardOrder), labelledValue("End date", r.endDate)),
	}}
	var remarks []string
	for _, d := range [][2]string{
		{"Title", r.title}, {"Vessel Type", r.vesselType}, {"Gross Tonnage", r.tonnage},
		{"GRT", r.grt}, {"Vessel Flag", r.vesselFlag}, {"Vessel Owner", r.vesselOwner},
		{"Place of Birth", strings.Join(r.placesOfBirth, "; ")},
	} {
		remarks = append(remarks, labelledValue(d[0], d[1]))
	}
	remarks = append(remarks, r.remarks)
	e.Remarks = joinNonEmpty("; ", append(remarks, r.otherIDs...)...)
	return e
}

// cslCountry reads a country the CSL gives as a code ("KP") or a name.
func cslCountry(s string) string {
	if isCountryCode(s) {
		return s
	}
	return countryCode(s)
}

func cslAuthority(source string) string {
	for _, a := range cslAuthorities {
		if strings.HasSuffix(source, a.suffix) {
			return a.authority
		}
	}
	if _, agency, ok := strings.Cut(source, " - "); ok {
		return agency
	}
	return ""
}
