package lists

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/rpscreen/rpscreen/match"
)

// The FCDO UK Sanctions List CSV: a "Report Date:" line, a header, then one
// row per name; a designation spans several rows under one Unique ID.
const (
	ukAuthority = "UK Foreign, Commonwealth and Development Office (FCDO)"
	ukURL       = "https://www.gov.uk/government/publications/the-uk-sanctions-list"
)

// ukRequired are the columns without which a file cannot be read. The rest
// are read when present: the FCDO has added columns before.
var ukRequired = []string{"Unique ID", "Name 6", "Name type", "Designation Type"}

var ukTypes = map[string]match.EntityType{
	"individual": match.Individual, "entity": match.Organization, "ship": match.Vessel,
}

// ukIdentifierColumns map a column to the identifier type it carries.
var ukIdentifierColumns = [][2]string{
	{"Passport number", "Passport"},
	{"National Identifier number", "National identifier"},
	{"Business registration number (s)", "Business registration number"},
	{"IMO number", "IMO number"},
	{"Hull identification number (HIN)", "Hull identification number"},
	{"UN Reference Number", "UN reference number"},
	{"OFSI Group ID", "OFSI group ID"},
}

// ukRemarkColumns are free-text columns kept in Remarks, with their labels.
var ukRemarkColumns = [][2]string{
	{"Other Information", ""}, {"UK Statement of Reasons", "Statement of reasons: "},
	{"Position", "Position: "}, {"Parent company", "Parent company: "}, {"Subsidiaries", "Subsidiaries: "},
}

// ukName is one name row, kept until the whole designation is read.
type ukName struct {
	name, nameType string
	weak           bool
}

// ukDesignation gathers the rows of one Unique ID.
type ukDesignation struct {
	draft   *entityDraft
	names   []ukName
	remarks []string
}

// columnRow reads the columns of one record by name.
type columnRow struct {
	cols   map[string]int
	record []string
}

func (r columnRow) get(col string) string {
	i, ok := r.cols[col]
	if !ok || i >= len(r.record) {
		return ""
	}
	return strings.TrimSpace(r.record[i])
}

func parseUK(listID, path string) (Loaded, error) {
	f, err := openCSV(path)
	if err != nil {
		return Loaded{}, err
	}
	defer f.close()
	published, err := ukReportDate(f)
	if err != nil {
		return Loaded{}, err
	}
	cols, err := f.header(ukRequired, "a UK Sanctions List CSV")
	if err != nil {
		return Loaded{}, err
	}
	byID := map[string]*ukDesignation{}
	var order []*ukDesignation
	for {
		rec, line, err := f.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Loaded{}, err
		}
		row := columnRow{cols: cols, record: rec}
		id := row.get("Unique ID")
		if id == "" {
			return Loaded{}, f.errorf(line, "Unique ID is empty")
		}
		d := byID[id]
		if d == nil {
			d = &ukDesignation{draft: newEntityDraft(listID, id, ukURL)}
			byID[id] = d
			order = append(order, d)
		}
		if err := d.add(row); err != nil {
			return Loaded{}, f.errorf(line, "%s: %w", id, err)
		}
	}
	out := Loaded{Published: published, Entities: make([]*match.Entity, 0, len(order))}
	for _, d := range order {
		out.Entities = append(out.Entities, d.entity())
	}
	return out, nil
}

// ukReportDate reads line 1, "Report Date: 29-Apr-2026", as the publisher's
// date. A file without it starts with the header, which is left to be read.
func ukReportDate(f *csvFile) (string, error) {
	line, ok, err := f.preamble(func(line string) bool {
		label, _, found := strings.Cut(line, ":")
		return found && strings.EqualFold(strings.TrimSpace(label), "Report Date")
	})
	if err != nil || !ok {
		return "", err
	}
	_, value, _ := strings.Cut(line, ":")
	value = strings.TrimSpace(value)
	t, err := time.Parse("02-Jan-2006", value)
	if err != nil {
		return "", f.errorf(1, "Report Date %q: not dd-Mon-yyyy", value)
	}
	return t.Format(time.DateOnly), nil
}

// add takes one row: its name, and whatever single values of the
// multi-valued columns the FCDO spread onto it.
func (d *ukDesignation) add(r columnRow) error {
	e := d.draft
	if e.e.Type == "" {
		e.e.Type = ukTypes[strings.ToLower(r.get("Designation Type"))]
	}
	parts := make([]string, 0, 6)
	for _, c := range []string{"Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"} {
		parts = append(parts, r.get(c))
	}
	if name := joinWords(parts...); name != "" {
		d.names = append(d.names, ukName{name: name, nameType: r.get("Name type"),
			weak: strings.Contains(strings.ToLower(r.get("Alias strength")), "low")})
	}
	e.alias(r.get("Name non-latin script"), match.Native, false)

	designated, err := ukDate(r.get("Date Designated"))
	if err != nil {
		return fmt.Errorf("field \"Date Designated\": %w", err)
	}
	if e.e.ListedOn == "" {
		e.e.ListedOn = designated
	}
	if regime := r.get("Regime Name"); regime != "" {
		e.program(regime)
		lb := match.LegalBasis{Authority: ukAuthority, Regime: regime, Date: designated,
			Requirement: strings.ReplaceAll(r.get("Sanctions Imposed"), "|", "; "), URL: ukURL}
		if src := r.get("Designation source"); src != "" {
			lb.Notes = "Designation source: " + strings.ReplaceAll(src, "|", ", ")
		}
		e.basis(lb)
	}
	if dob := r.get("D.O.B"); dob != "" {
		if iso, err := ukDate(dob); err == nil {
			dob = iso
		}
		e.dateOfBirth(dob) // an unreadable DOB is kept as printed
	}
	for _, c := range []string{"Nationality(/ies)", "Address Country"} {
		e.country(countryCode(r.get(c)))
	}
	lines := make([]string, 0, 8)
	for _, c := range []string{"Address Line 1", "Address Line 2", "Address Line 3", "Address Line 4", "Address Line 5", "Address Line 6", "Address Postal Code"} {
		lines = append(lines, r.get(c))
	}
	if addr := joinNonEmpty(", ", lines...); addr != "" {
		e.address(joinNonEmpty(", ", addr, r.get("Address Country")))
	}
	for _, c := range ukIdentifierColumns {
		e.identifier(c[1], r.get(c[0]), "")
	}
	for _, c := range ukRemarkColumns {
		if v := r.get(c[0]); v != "" {
			d.remarks = appendDistinct(d.remarks, c[1]+v)
		}
	}
	return nil
}

// entity picks the primary name, the first "Primary Name" row, and lists
// every other name as an alias.
func (d *ukDesignation) entity() *match.Entity {
	primary := 0
	for i, n := range d.names {
		if strings.EqualFold(n.nameType, "Primary Name") {
			primary = i
			break
		}
	}
	if len(d.names) > 0 {
		d.draft.setName(d.names[primary].name)
	}
	for _, n := range d.names {
		d.draft.alias(n.name, match.AKA, n.weak)
	}
	d.draft.remarks = d.remarks
	return d.draft.finish()
}

// ukDate turns the FCDO's dd/mm/yyyy into ISO 8601. Unknown parts are
// printed as "dd" and "mm" (dd/mm/1968, dd/06/1969) and are left out.
func ukDate(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	p := strings.Split(s, "/")
	if len(p) != 3 || len(p[2]) != 4 {
		return "", fmt.Errorf("%q: not dd/mm/yyyy", s)
	}
	year, err := strconv.Atoi(p[2])
	if err != nil {
		return "", fmt.Errorf("%q: not dd/mm/yyyy", s)
	}
	if strings.EqualFold(p[1], "mm") {
		return p[2], nil
	}
	month, err := strconv.Atoi(p[1])
	if err != nil || month < 1 || month > 12 {
		return "", fmt.Errorf("%q: not dd/mm/yyyy", s)
	}
	if strings.EqualFold(p[0], "dd") {
		return fmt.Sprintf("%04d-%02d", year, month), nil
	}
	t, err := time.Parse("2/1/2006", s)
	if err != nil {
		return "", fmt.Errorf("%q: not dd/mm/yyyy", s)
	}
	return t.Format(time.DateOnly), nil
}
