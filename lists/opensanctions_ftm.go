package lists

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/rpscreen/rpscreen/match"
)

// FollowTheMoney entities as JSON lines (OpenSanctions entities.ftm.json):
// one object per line, {"id", "schema", "properties": {prop: [values]}, ...}.

type ftmEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Caption    string              `json:"caption"`
	Target     *bool               `json:"target"`
	Datasets   []string            `json:"datasets"`
	Properties map[string][]string `json:"properties"`
}

// ftmIdentifiers map identifier properties to the type they are shown as.
var ftmIdentifiers = [][2]string{
	{"registrationNumber", "Registration number"}, {"innCode", "INN"}, {"ogrnCode", "OGRN"},
	{"taxNumber", "Tax number"}, {"imoNumber", "IMO number"}, {"idNumber", "ID number"},
	{"passportNumber", "Passport"}, {"leiCode", "LEI"}, {"swiftBic", "SWIFT/BIC"},
	{"okpoCode", "OKPO"}, {"mmsi", "MMSI"}, {"callSign", "Call sign"},
}

// ftmCountries are the properties that place a party in a country.
var ftmCountries = []string{"country", "nationality", "citizenship", "jurisdiction", "flag"}

func parseOpenSanctionsFTM(listID, path string) (Loaded, error) {
	f, err := os.Open(path)
	if err != nil {
		return Loaded{}, err
	}
	defer f.Close()
	// bufio.Reader, not Scanner: an entity's line has no length limit.
	br := bufio.NewReaderSize(f, 1<<20)
	var (
		order   []*entityDraft
		drafts  = map[string]*entityDraft{}
		pending = map[string][]match.LegalBasis{} // sanctions by the id of their entity
	)
	for line := 1; ; line++ {
		raw, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return Loaded{}, fmt.Errorf("%s line %d: %w", path, line, err)
		}
		if line == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(raw)) > 0 {
			var fe ftmEntity
			if jerr := json.Unmarshal(raw, &fe); jerr != nil {
				return Loaded{}, fmt.Errorf("%s line %d: %w", path, line, jerr)
			}
			if fe.ID == "" || fe.Schema == "" {
				return Loaded{}, fmt.Errorf("%s line %d: entity without id or schema", path, line)
			}
			if fe.Schema == "Sanction" {
				for _, id := range fe.Properties["entity"] {
					pending[id] = append(pending[id], fe.legalBasis())
				}
			} else if d := fe.draft(listID); d != nil && drafts[fe.ID] == nil {
				drafts[fe.ID] = d
				order = append(order, d)
			}
		}
		if err == io.EOF {
			break
		}
	}
	for id, bases := range pending {
		if d := drafts[id]; d != nil {
			for _, lb := range bases {
				d.basis(lb)
			}
		}
	}
	out := Loaded{Entities: make([]*match.Entity, 0, len(order))}
	for _, d := range order {
		out.Entities = append(out.Entities, d.finish())
	}
	return out, nil
}

// draft maps a party; it returns nil for other schemata, for parties the
// file marks as not sanctioned themselves (an owner, a relative), and for a
// party without a name.
func (fe *ftmEntity) draft(listID string) *entityDraft {
	typ, party := osPartyTypes[fe.Schema]
	if !party || (fe.Target != nil && !*fe.Target) {
		return nil
	}
	p := fe.Properties
	name := joinWords(fe.Caption)
	if name == "" && len(p["name"]) > 0 {
		name = joinWords(p["name"][0])
	}
	if name == "" {
		return nil
	}
	d := newEntityDraft(listID, fe.ID, osEntityURL(fe.ID))
	d.e.Type = typ
	d.e.Source = strings.Join(fe.Datasets, "; ")
	d.setName(name)
	for _, n := range slices.Concat(p["name"], p["alias"]) {
		d.alias(n, match.AKA, false)
	}
	for _, n := range p["previousName"] {
		d.alias(n, match.FKA, false)
	}
	for _, n := range p["weakAlias"] {
		d.alias(n, match.AKA, true)
	}
	for _, n := range p["abbreviation"] {
		d.alias(n, match.Acronym, false)
	}
	for _, prop := range ftmCountries {
		for _, c := range p[prop] {
			d.country(osCountry(c))
		}
	}
	for _, a := range p["address"] {
		d.address(a)
	}
	for _, b := range p["birthDate"] {
		d.dateOfBirth(b)
	}
	for _, prog := range slices.Concat(p["programId"], p["program"]) {
		d.program(prog)
	}
	for _, id := range ftmIdentifiers {
		for _, v := range p[id[0]] {
			d.identifier(id[1], v, "")
		}
	}
	for _, n := range p["notes"] {
		d.remark(n)
	}
	if topics := p["topics"]; len(topics) > 0 {
		d.remark("Topics: " + strings.Join(topics, ", "))
	}
	return d
}

// legalBasis reads a Sanction entity: who imposed what, when.
func (fe *ftmEntity) legalBasis() match.LegalBasis {
	p := fe.Properties
	first := func(prop string) string {
		if len(p[prop]) == 0 {
			return ""
		}
		return strings.TrimSpace(p[prop][0])
	}
	lb := match.LegalBasis{
		Authority:   first("authority"),
		Regime:      first("program"),
		Citation:    first("authorityId"),
		Requirement: strings.Join(p["provisions"], "; "),
		URL:         first("sourceUrl"),
		Notes:       strings.Join(p["reason"], "; "),
	}
	for _, prop := range []string{"startDate", "listingDate"} {
		if day, ok := isoDay(first(prop)); ok {
			lb.Date = day
			break
		}
	}
	if lb.Regime == "" {
		lb.Regime = joinNonEmpty("; ", fe.Datasets...)
	}
	if lb.Regime == "" {
		lb.Regime = "OpenSanctions"
	}
	return lb
}

// entityDraft gathers one entity's facts as a loader reads them, keeping
// each value once: lists repeat names, countries and dates across rows
// and elements.
type entityDraft struct {
	e       *match.Entity
	remarks []string
}

func newEntityDraft(listID, id, sourceURL string) *entityDraft {
	return &entityDraft{e: &match.Entity{ID: listID + ":" + id, List: listID, SourceURL: sourceURL}}
}

func (d *entityDraft) setName(name string) { d.e.Name = joinWords(name) }

// alias adds another name. A name in a non-Latin script listed as a plain
// a.k.a. is recorded as the native form. A name listed twice keeps its
// strongest listing.
func (d *entityDraft) alias(name string, kind match.AliasKind, weak bool) {
	name = joinWords(name)
	if name == "" || name == d.e.Name {
		return
	}
	if kind == match.AKA && hasNonLatinLetters(name) {
		kind = match.Native
	}
	for i, a := range d.e.Aliases {
		if a.Name == name {
			d.e.Aliases[i].Weak = a.Weak && weak
			return
		}
	}
	d.e.Aliases = append(d.e.Aliases, match.Alias{Name: name, Kind: kind, Weak: weak})
}

func (d *entityDraft) country(code string) { d.e.Countries = appendDistinct(d.e.Countries, code) }
func (d *entityDraft) address(a string)    { d.e.Addresses = appendDistinct(d.e.Addresses, a) }
func (d *entityDraft) program(p string)    { d.e.Programs = appendDistinct(d.e.Programs, p) }
func (d *entityDraft) remark(r string)     { d.remarks = appendDistinct(d.remarks, r) }
func (d *entityDraft) dateOfBirth(s string) {
	d.e.DatesOfBirth = appendDistinct(d.e.DatesOfBirth, s)
}

func (d *entityDraft) identifier(typ, value, country string) {
	id := match.Identifier{Type: strings.TrimSpace(typ), Value: strings.TrimSpace(value), Country: country}
	if id.Value == "" || slices.Contains(d.e.Identifiers, id) {
		return
	}
	d.e.Identifiers = append(d.e.Identifiers, id)
}

func (d *entityDraft) basis(lb match.LegalBasis) {
	if !slices.Contains(d.e.LegalBasis, lb) {
		d.e.LegalBasis = append(d.e.LegalBasis, lb)
	}
}

// finish returns the entity. A record that gave no primary name is named
// by its first alias.
func (d *entityDraft) finish() *match.Entity {
	if d.e.Name == "" && len(d.e.Aliases) > 0 {
		d.e.Name = d.e.Aliases[0].Name
		d.e.Aliases = d.e.Aliases[1:]
	}
	d.e.Remarks = strings.Join(d.remarks, "\n")
	return d.e
}
