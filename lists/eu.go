package lists

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/rpscreen/rpscreen/match"
)

// The EU Financial Sanctions Files (FSF) XML, v1.1: export/sanctionEntity,
// namespace http://eu.europa.ec/fpi/fsd/export. Almost everything is an
// attribute; a regulation's publicationUrl is a child element.
const (
	euAuthority = "European Union (Council)"
	euURL       = "https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions"
)

var euTypes = map[string]match.EntityType{
	"person": match.Individual, "p": match.Individual,
	"enterprise": match.Organization, "e": match.Organization, "vessel": match.Vessel,
}

type euEntity struct {
	LogicalID   string         `xml:"logicalId,attr"`
	EURef       string         `xml:"euReferenceNumber,attr"`
	UNID        string         `xml:"unitedNationId,attr"`
	Designated  string         `xml:"designationDate,attr"`
	Remarks     []string       `xml:"remark"`
	Regulations []euRegulation `xml:"regulation"`
	Subject     struct {
		Code  string `xml:"code,attr"`
		Class string `xml:"classificationCode,attr"`
	} `xml:"subjectType"`
	Names       []euName     `xml:"nameAlias"`
	Births      []euBirth    `xml:"birthdate"`
	Citizenship []euPlace    `xml:"citizenship"`
	Addresses   []euPlace    `xml:"address"`
	IDs         []euIdentity `xml:"identification"`
}

type euRegulation struct {
	Organisation string `xml:"organisationType,attr"`
	Published    string `xml:"publicationDate,attr"`
	InForce      string `xml:"entryIntoForceDate,attr"`
	NumberTitle  string `xml:"numberTitle,attr"`
	Programme    string `xml:"programme,attr"`
	URLAttr      string `xml:"publicationUrl,attr"`
	URL          string `xml:"publicationUrl"`
}

type euName struct {
	Whole    string `xml:"wholeName,attr"`
	First    string `xml:"firstName,attr"`
	Middle   string `xml:"middleName,attr"`
	Last     string `xml:"lastName,attr"`
	Strong   string `xml:"strong,attr"`
	Language string `xml:"nameLanguage,attr"`
}

type euBirth struct {
	Date      string `xml:"birthdate,attr"`
	Month     string `xml:"monthOfYear,attr"`
	Year      string `xml:"year,attr"`
	RangeFrom string `xml:"yearRangeFrom,attr"`
	RangeTo   string `xml:"yearRangeTo,attr"`
}

// euPlace is a citizenship or an address: both carry the country code.
type euPlace struct {
	Street  string `xml:"street,attr"`
	POBox   string `xml:"poBox,attr"`
	City    string `xml:"city,attr"`
	Zip     string `xml:"zipCode,attr"`
	Region  string `xml:"region,attr"`
	Place   string `xml:"place,attr"`
	Code    string `xml:"countryIso2Code,attr"`
	Country string `xml:"countryDescription,attr"`
}

type euIdentity struct {
	Number      string `xml:"number,attr"`
	Latin       string `xml:"latinNumber,attr"`
	TypeCode    string `xml:"identificationTypeCode,attr"`
	Description string `xml:"identificationTypeDescription,attr"`
	Code        string `xml:"countryIso2Code,attr"`
}

func parseEU(listID, path string) (Loaded, error) {
	var out Loaded
	doc := xmlDocument{path: path, root: "export", what: "an EU Financial Sanctions File", recordDepth: 2}
	err := doc.read(func(root xml.StartElement) {
		out.Published = xmlAttr(root, "generationDate")
	}, func(dec *xml.Decoder, start *xml.StartElement) (string, error) {
		if start.Name.Local != "sanctionEntity" {
			return start.Name.Local, dec.Skip()
		}
		var s euEntity
		if err := dec.DecodeElement(&s, start); err != nil {
			return "sanctionEntity", err
		}
		e, err := s.entity(listID)
		if err != nil {
			return "sanctionEntity " + s.LogicalID, err
		}
		out.Entities = append(out.Entities, e)
		return "", nil
	})
	if err != nil {
		return Loaded{}, err
	}
	return out, nil
}

func (s *euEntity) entity(listID string) (*match.Entity, error) {
	id := strings.TrimSpace(s.LogicalID)
	if id == "" {
		return nil, fmt.Errorf("no logicalId")
	}
	d := newEntityDraft(listID, id, euURL)
	d.e.Type = euType(s.Subject.Code, s.Subject.Class)
	names := make([]string, len(s.Names))
	for i, n := range s.Names {
		names[i] = joinWords(n.Whole)
		if names[i] == "" {
			names[i] = joinWords(n.First, n.Middle, n.Last)
		}
	}
	primary := s.primaryName(names)
	if primary < 0 {
		return nil, fmt.Errorf("no nameAlias with a name")
	}
	d.setName(names[primary])
	for i, n := range s.Names {
		d.alias(names[i], match.AKA, strings.EqualFold(n.Strong, "false"))
	}
	for _, r := range s.Regulations {
		date, err := d.euRegulation(r)
		if err != nil {
			return nil, err
		}
		if date != "" && (d.e.ListedOn == "" || date < d.e.ListedOn) {
			d.e.ListedOn = date // the earliest regulation, unless designationDate says
		}
	}
	if s.Designated != "" {
		day, ok := isoDay(s.Designated)
		if !ok {
			return nil, fmt.Errorf("designationDate %q: not yyyy-mm-dd", s.Designated)
		}
		d.e.ListedOn = day
	}
	for _, b := range s.Births {
		d.dateOfBirth(b.iso())
	}
	for _, c := range s.Citizenship {
		d.country(euCountry(c.Code))
	}
	for _, a := range s.Addresses {
		d.country(euCountry(a.Code))
		if joinNonEmpty("", a.Street, a.POBox, a.City, a.Zip, a.Region, a.Place) == "" {
			continue
		}
		country := a.Country
		if euCountry(a.Code) == "" {
			country = ""
		}
		d.address(joinNonEmpty(", ", a.Street, a.POBox, a.City, a.Zip, a.Region, a.Place, country))
	}
	for _, i := range s.IDs {
		typ := strings.TrimSpace(i.Description)
		if typ == "" {
			typ = strings.TrimSpace(i.TypeCode)
		}
		d.identifier(typ, i.Number, euCountry(i.Code))
		d.identifier(typ, i.Latin, euCountry(i.Code))
	}
	d.identifier("EU reference number", s.EURef, "")
	d.identifier("UN reference number", s.UNID, "")
	for _, r := range s.Remarks {
		d.remark(r)
	}
	return d.finish(), nil
}

// primaryName picks the entity's name: the first strong name in Latin
// script (the FSF lists translations too, and the first name is not always
// the English one), else the first strong name, else the first name.
func (s *euEntity) primaryName(names []string) int {
	first, strong := -1, -1
	for i, n := range s.Names {
		if names[i] == "" {
			continue
		}
		if first < 0 {
			first = i
		}
		if strings.EqualFold(n.Strong, "false") {
			continue
		}
		if !hasNonLatinLetters(names[i]) {
			return i
		}
		if strong < 0 {
			strong = i
		}
	}
	if strong >= 0 {
		return strong
	}
	return first
}

// euRegulation records a regulation as a programme and a legal basis, and
// returns its date: entry into force, else publication.
func (d *entityDraft) euRegulation(r euRegulation) (string, error) {
	date := r.InForce
	if date == "" {
		date = r.Published
	}
	if date != "" {
		day, ok := isoDay(date)
		if !ok {
			return "", fmt.Errorf("regulation %s: date %q: not yyyy-mm-dd", r.NumberTitle, date)
		}
		date = day
	}
	programme := strings.TrimSpace(r.Programme)
	d.program(programme)
	lb := match.LegalBasis{Authority: euAuthority, Regime: "EU financial sanctions",
		Citation: strings.TrimSpace(r.NumberTitle), Date: date, URL: strings.TrimSpace(r.URL)}
	if programme != "" {
		lb.Regime += ": " + programme
	}
	if strings.EqualFold(r.Organisation, "commission") {
		lb.Authority = "European Union (Commission)"
	}
	if lb.URL == "" {
		lb.URL = strings.TrimSpace(r.URLAttr)
	}
	d.basis(lb)
	return date, nil
}

// euType reads subjectType: its code, else its classification code.
func euType(code, class string) match.EntityType {
	if t, ok := euTypes[strings.ToLower(strings.TrimSpace(code))]; ok {
		return t
	}
	return euTypes[strings.ToLower(strings.TrimSpace(class))]
}

// euCountry is an ISO code from the file; "00" means unknown.
func euCountry(code string) string {
	if code = strings.ToUpper(strings.TrimSpace(code)); !isCountryCode(code) {
		return ""
	}
	return code
}

// iso is the birth date in ISO 8601, as precise as the file is.
func (b euBirth) iso() string {
	year := strings.TrimSpace(b.Year)
	switch {
	case strings.TrimSpace(b.Date) != "":
		return strings.TrimSpace(b.Date)
	case year != "" && strings.TrimSpace(b.Month) != "":
		if m, err := strconv.Atoi(strings.TrimSpace(b.Month)); err == nil {
			return fmt.Sprintf("%s-%02d", year, m)
		}
		return year
	case year != "":
		return year
	case strings.TrimSpace(b.RangeFrom) != "":
		return joinNonEmpty("/", b.RangeFrom, b.RangeTo)
	}
	return ""
}
