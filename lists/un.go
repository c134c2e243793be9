package lists

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rpscreen/rpscreen/match"
)

// The UN Security Council consolidated list XML:
// CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL and CONSOLIDATED_LIST/ENTITIES/ENTITY.
const (
	unAuthority = "United Nations Security Council"
	unURL       = "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list"
)

var unTypes = map[string]match.EntityType{"INDIVIDUAL": match.Individual, "ENTITY": match.Organization}

// unParty is one INDIVIDUAL or ENTITY element.
type unParty struct {
	DataID      string      `xml:"DATAID"`
	First       string      `xml:"FIRST_NAME"`
	Second      string      `xml:"SECOND_NAME"`
	Third       string      `xml:"THIRD_NAME"`
	Fourth      string      `xml:"FOURTH_NAME"`
	ListType    string      `xml:"UN_LIST_TYPE"`
	Reference   string      `xml:"REFERENCE_NUMBER"`
	ListedOn    string      `xml:"LISTED_ON"`
	Comments    string      `xml:"COMMENTS1"`
	Original    []string    `xml:"NAME_ORIGINAL_SCRIPT"`
	Nationality []string    `xml:"NATIONALITY>VALUE"`
	Aliases     []unAlias   `xml:"INDIVIDUAL_ALIAS"`
	EntAliases  []unAlias   `xml:"ENTITY_ALIAS"`
	Addresses   []unAddress `xml:"INDIVIDUAL_ADDRESS"`
	EntAddress  []unAddress `xml:"ENTITY_ADDRESS"`
	Births      []unBirth   `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	Documents   []unDoc     `xml:"INDIVIDUAL_DOCUMENT"`
}

type unAlias struct {
	Quality string `xml:"QUALITY"`
	Name    string `xml:"ALIAS_NAME"`
}

type unAddress struct {
	Street  string `xml:"STREET"`
	City    string `xml:"CITY"`
	State   string `xml:"STATE_PROVINCE"`
	Zip     string `xml:"ZIP_CODE"`
	Country string `xml:"COUNTRY"`
}

type unBirth struct {
	Date string `xml:"DATE"`
	Year string `xml:"YEAR"`
	From string `xml:"FROM_YEAR"`
	To   string `xml:"TO_YEAR"`
}

type unDoc struct {
	Type     string `xml:"TYPE_OF_DOCUMENT"`
	Type2    string `xml:"TYPE_OF_DOCUMENT2"`
	Number   string `xml:"NUMBER"`
	Issuing  string `xml:"ISSUING_COUNTRY"`
	IssuedIn string `xml:"COUNTRY_OF_ISSUE"`
}

func parseUN(listID, path string) (Loaded, error) {
	var out Loaded
	doc := xmlDocument{path: path, root: "CONSOLIDATED_LIST", what: "a UN consolidated list", recordDepth: 3}
	err := doc.read(func(root xml.StartElement) {
		out.Published = xmlAttr(root, "dateGenerated")
	}, func(dec *xml.Decoder, start *xml.StartElement) (string, error) {
		typ := unTypes[start.Name.Local]
		if typ == "" {
			return start.Name.Local, dec.Skip()
		}
		var p unParty
		if err := dec.DecodeElement(&p, start); err != nil {
			return start.Name.Local, err
		}
		e, err := p.entity(listID, typ)
		if err != nil {
			return start.Name.Local + " " + p.key(), err
		}
		out.Entities = append(out.Entities, e)
		return "", nil
	})
	if err != nil {
		return Loaded{}, err
	}
	return out, nil
}

// xmlDocument streams a list published as one XML document of records. A
// record is decoded on its own, so the whole list is never held as XML
// structures at once.
type xmlDocument struct {
	path, root, what string // the file, its root element, what it is called in errors
	recordDepth      int    // how deep the records sit: 2 for root/record
}

// read checks the root element, passes it to top and passes each element
// at recordDepth to record, which must consume it whole and name it in the
// error it returns. A file that ends before its root element closes is an
// error: a truncated download must never load as a short list.
func (x xmlDocument) read(top func(xml.StartElement), record func(*xml.Decoder, *xml.StartElement) (string, error)) error {
	f, err := os.Open(x.path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	depth, closed := 0, false
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s line %d: %w", x.path, line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1 && t.Name.Local != x.root:
				return fmt.Errorf("%s line %d: root element <%s>: not %s", x.path, line, t.Name.Local, x.what)
			case depth == 1:
				top(t)
			case depth == x.recordDepth:
				if name, err := record(dec, &t); err != nil {
					return fmt.Errorf("%s line %d: %s: %w", x.path, line, name, err)
				}
				depth--
			}
		case xml.EndElement:
			depth--
			closed = depth == 0
		}
	}
	switch {
	case depth == 0 && !closed:
		return fmt.Errorf("%s: no XML element: not %s", x.path, x.what)
	case !closed:
		return fmt.Errorf("%s: file ends inside <%s>: truncated", x.path, x.root)
	}
	return nil
}

// key is how errors and ids name the record: its reference number, or its
// DATAID where it has none.
func (p *unParty) key() string {
	if r := strings.TrimSpace(p.Reference); r != "" {
		return r
	}
	return strings.TrimSpace(p.DataID)
}

func (p *unParty) entity(listID string, typ match.EntityType) (*match.Entity, error) {
	key := p.key()
	if key == "" {
		return nil, fmt.Errorf("no REFERENCE_NUMBER or DATAID")
	}
	listed, ok := isoDay(p.ListedOn)
	if !ok && strings.TrimSpace(p.ListedOn) != "" {
		return nil, fmt.Errorf("LISTED_ON %q: not yyyy-mm-dd", p.ListedOn)
	}
	d := newEntityDraft(listID, key, unURL)
	d.e.Type = typ
	d.e.ListedOn = listed
	name := joinWords(p.First, p.Second, p.Third, p.Fourth)
	if name == "" {
		return nil, fmt.Errorf("no FIRST_NAME")
	}
	d.setName(name)
	unSpellings(d, name, match.AKA, false)
	for _, o := range p.Original {
		d.alias(o, match.Native, false)
	}
	for _, a := range append(p.Aliases, p.EntAliases...) {
		q := strings.ToLower(strings.TrimSpace(a.Quality))
		kind := match.AKA
		if strings.HasPrefix(q, "f.k.a") {
			kind = match.FKA
		}
		d.alias(a.Name, kind, q == "low")
		unSpellings(d, a.Name, kind, q == "low")
	}
	if lt := strings.TrimSpace(p.ListType); lt != "" {
		d.program(lt)
		d.basis(match.LegalBasis{Authority: unAuthority, Regime: lt + " sanctions list",
			Citation: strings.TrimSpace(p.Reference), Date: listed, URL: unURL})
	}
	for _, n := range p.Nationality {
		d.country(countryCode(n))
	}
	for _, a := range append(p.Addresses, p.EntAddress...) {
		d.country(countryCode(a.Country))
		if joinNonEmpty("", a.Street, a.City, a.State, a.Zip) != "" {
			d.address(joinNonEmpty(", ", a.Street, a.City, a.State, a.Zip, a.Country))
		}
	}
	for _, b := range p.Births {
		switch {
		case strings.TrimSpace(b.Date) != "":
			d.dateOfBirth(strings.TrimSpace(b.Date))
		case strings.TrimSpace(b.Year) != "":
			d.dateOfBirth(strings.TrimSpace(b.Year))
		case strings.TrimSpace(b.From) != "":
			d.dateOfBirth(joinNonEmpty("/", b.From, b.To)) // ISO 8601 interval
		}
	}
	for _, doc := range p.Documents {
		typ := strings.TrimSpace(doc.Type)
		if t2 := strings.TrimSpace(doc.Type2); t2 != "" {
			typ = joinNonEmpty(" ", typ, "("+t2+")")
		}
		country := countryCode(doc.Issuing)
		if country == "" {
			country = countryCode(doc.IssuedIn)
		}
		d.identifier(typ, doc.Number, country)
	}
	d.identifier("UN reference number", p.Reference, "")
	d.remark(p.Comments)
	return d.finish(), nil
}

// unSpellings adds the spellings the UN packs into one name field, as in
// "Qasim Soleimani; Qasem Sulaimani" or "جبهة النصرة (Jabhat al-Nusrah;
// Al-Nusra Front)", as aliases of their own: a query for one spelling must
// not be scored against the whole run.
func unSpellings(d *entityDraft, name string, kind match.AliasKind, weak bool) {
	if !strings.Contains(name, ";") {
		return
	}
	split := strings.FieldsFunc(name, func(r rune) bool { return r == ';' || r == '(' || r == ')' })
	for _, s := range split {
		s = strings.TrimSpace(s)
		if len([]rune(s)) < 3 || strings.EqualFold(s, "original script") {
			continue
		}
		d.alias(s, kind, weak)
	}
}

func xmlAttr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}
