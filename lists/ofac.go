package lists

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rpscreen/rpscreen/match"
)

// OFAC legacy CSV layout (SDN.CSV and CONS_PRIM.CSV share it).
const (
	ofacAuthority  = "US Department of the Treasury, Office of Foreign Assets Control (OFAC)"
	ofacDetailsURL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id="
	ofacMainFields = 12
)

// ofacPublication says which OFAC list a main file is.
type ofacPublication struct {
	regime, source, url string
}

var (
	ofacSDN = ofacPublication{
		regime: "Specially Designated Nationals and Blocked Persons List (SDN)",
		source: "Specially Designated Nationals (SDN) - Treasury Department",
		url:    "https://sanctionslist.ofac.treas.gov/Home/SdnList",
	}
	ofacCons = ofacPublication{
		regime: "Consolidated Sanctions List (non-SDN)",
		source: "Consolidated Sanctions List (non-SDN) - Treasury Department",
		url:    "https://sanctionslist.ofac.treas.gov/Home/ConsolidatedList",
	}
)

var ofacTypes = map[string]match.EntityType{
	"": match.Organization, "individual": match.Individual, "vessel": match.Vessel, "aircraft": match.Aircraft,
}

var ofacAliasKinds = map[string]match.AliasKind{"": match.AKA, "aka": match.AKA, "fka": match.FKA, "nka": match.NKA}

// ofacEntry is one entity while its companion files are read.
type ofacEntry struct {
	e       *match.Entity
	remarks string   // OFAC Remarks with any continuation from the comments file
	details []string // "Title: …", vessel particulars: shown before the remarks
}

// ofacStats counts companion rows whose ent_num is not in the main file.
type ofacStats struct {
	orphans map[string]int // companion file name -> rows ignored
}

// parseOFAC reads an OFAC legacy CSV (SDN.CSV or CONS_PRIM.CSV) and the
// alt, add and comments files beside it.
func parseOFAC(listID, path string) (Loaded, error) {
	l, _, err := readOFAC(listID, path)
	return l, err
}

func readOFAC(listID, path string) (Loaded, ofacStats, error) {
	stats := ofacStats{orphans: map[string]int{}}
	pub := ofacSDN
	if strings.HasPrefix(strings.ToLower(filepath.Base(path)), "cons") {
		pub = ofacCons
	}
	order, byNum, err := readOFACMain(listID, path, pub)
	if err != nil {
		return Loaded{}, stats, err
	}
	for _, name := range companions("ofac_csv", filepath.Base(path)) {
		for _, c := range ofacCompanionFiles {
			if strings.HasSuffix(name, c.suffix) {
				if err := readOFACCompanion(filepath.Join(filepath.Dir(path), name), c.width, c.read, byNum, &stats); err != nil {
					return Loaded{}, stats, err
				}
			}
		}
	}
	out := make([]*match.Entity, len(order))
	for i, entry := range order {
		out[i] = entry.finish()
	}
	return Loaded{Entities: out}, stats, nil
}

// ofacCompanionFiles are the files OFAC publishes beside the main one, by
// the end of their name (alt.csv, cons_alt.csv …), with their columns.
var ofacCompanionFiles = []struct {
	suffix string
	width  int
	read   func(rec []string, entry *ofacEntry) error
}{{"alt.csv", 5, readOFACAlt}, {"add.csv", 6, readOFACAdd}, {"comments.csv", 2, readOFACComment}}

// readOFACCompanion reads one companion file when it is there. Rows for an
// ent_num the main file lacks are counted and skipped: OFAC publishes the
// files separately, so a few always dangle.
func readOFACCompanion(path string, width int, read func([]string, *ofacEntry) error, byNum map[int]*ofacEntry, stats *ofacStats) error {
	f, err := openCompanion(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.close()
	return f.eachOFAC(width, func(rec []string, line int) error {
		num, err := ofacEntNum(rec[0])
		if err != nil {
			return f.errorf(line, "%w", err)
		}
		entry := byNum[num]
		if entry == nil {
			stats.orphans[f.name]++
			return nil
		}
		if err := read(rec, entry); err != nil {
			return f.errorf(line, "%w", err)
		}
		return nil
	})
}

// openCompanion opens a companion file, trying OFAC's upper-case spelling
// (ALT.CSV) when the lower-case one is absent.
func openCompanion(path string) (*csvFile, error) {
	f, err := openCSV(path)
	if errors.Is(err, fs.ErrNotExist) {
		dir, name := filepath.Split(path)
		return openCSV(filepath.Join(dir, strings.ToUpper(name)))
	}
	return f, err
}

func readOFACMain(listID, path string, pub ofacPublication) ([]*ofacEntry, map[int]*ofacEntry, error) {
	f, err := openCSV(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.close()
	var order []*ofacEntry
	byNum := map[int]*ofacEntry{}
	err = f.eachOFAC(ofacMainFields, func(rec []string, line int) error {
		entry, num, err := ofacMainEntry(listID, rec, pub)
		if err != nil {
			return f.errorf(line, "%w", err)
		}
		if byNum[num] != nil {
			return f.errorf(line, "ent_num %d: duplicate", num)
		}
		byNum[num] = entry
		order = append(order, entry)
		return nil
	})
	return order, byNum, err
}

// ofacMainEntry maps one SDN.CSV record: ent_num, SDN_Name, SDN_Type,
// Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag,
// Vess_owner, Remarks.
func ofacMainEntry(listID string, rec []string, pub ofacPublication) (*ofacEntry, int, error) {
	num, err := ofacEntNum(rec[0])
	if err != nil {
		return nil, 0, err
	}
	name := ofacField(rec[1])
	if name == "" {
		return nil, 0, fmt.Errorf("SDN_Name: empty")
	}
	typ, ok := ofacTypes[strings.ToLower(ofacField(rec[2]))]
	if !ok {
		return nil, 0, fmt.Errorf("SDN_Type %q: want individual, vessel, aircraft or -0-", rec[2])
	}
	id := strconv.Itoa(num)
	e := &match.Entity{
		ID: listID + ":" + id, List: listID, Source: pub.source, Type: typ, Name: name,
		Programs:   ofacPrograms(ofacField(rec[3])),
		LegalBasis: []match.LegalBasis{{Authority: ofacAuthority, Regime: pub.regime, URL: pub.url}},
		SourceURL:  ofacDetailsURL + id,
	}
	entry := &ofacEntry{e: e, remarks: ofacField(rec[11])}
	if cs := ofacField(rec[5]); cs != "" {
		e.Identifiers = append(e.Identifiers, match.Identifier{Type: "Call Sign", Value: cs})
	}
	if flag := ofacField(rec[9]); flag != "" {
		e.Countries = withCountry(e.Countries, countryCode(flag))
	}
	for _, d := range []struct{ label, value string }{
		{"Title", rec[4]}, {"Vessel Type", rec[6]}, {"Tonnage", rec[7]}, {"GRT", rec[8]},
		{"Vessel Flag", rec[9]}, {"Vessel Owner", rec[10]},
	} {
		if v := ofacField(d.value); v != "" {
			entry.details = append(entry.details, d.label+": "+v)
		}
	}
	return entry, num, nil
}

// readOFACAlt maps ALT.CSV: ent_num, alt_num, alt_type, alt_name, alt_remarks.
func readOFACAlt(rec []string, entry *ofacEntry) error {
	kind, ok := ofacAliasKinds[strings.ToLower(ofacField(rec[2]))]
	if !ok {
		return fmt.Errorf("alt_type %q: want aka, fka or nka", rec[2])
	}
	name := ofacField(rec[3])
	if name == "" {
		return fmt.Errorf("alt_name: empty")
	}
	weak := strings.Contains(strings.ToLower(ofacField(rec[4])), "weak")
	entry.e.Aliases = append(entry.e.Aliases, match.Alias{Name: name, Kind: kind, Weak: weak})
	return nil
}

// readOFACAdd maps ADD.CSV: ent_num, add_num, address, city/state/postal,
// country, add_remarks.
func readOFACAdd(rec []string, entry *ofacEntry) error {
	var parts []string
	for _, v := range rec[2:6] {
		if v = ofacField(v); v != "" {
			parts = append(parts, v)
		}
	}
	if len(parts) > 0 {
		entry.e.Addresses = append(entry.e.Addresses, strings.Join(parts, ", "))
	}
	entry.e.Countries = withCountry(entry.e.Countries, countryCode(ofacField(rec[4])))
	return nil
}

// readOFACComment maps SDN_COMMENTS.CSV: ent_num, remarks_continuation.
// OFAC cuts Remarks at 1,000 characters, mid-word, and continues here.
func readOFACComment(rec []string, entry *ofacEntry) error {
	entry.remarks += ofacText(rec[1])
	return nil
}

// finish parses the complete remarks and returns the entity.
func (o *ofacEntry) finish() *match.Entity {
	e := o.e
	facts := parseOFACRemarks(o.remarks)
	e.DatesOfBirth = facts.dobs
	e.Identifiers = append(e.Identifiers, facts.ids...)
	for _, c := range facts.countries {
		e.Countries = withCountry(e.Countries, c)
	}
	for _, weak := range facts.weak {
		e.Aliases = withWeakAlias(e.Name, e.Aliases, weak)
	}
	remarks := strings.TrimSpace(o.remarks)
	if remarks != "" {
		o.details = append(o.details, remarks)
	}
	e.Remarks = strings.Join(o.details, "; ")
	return e
}

// eachOFAC calls fn for every record of a headerless OFAC file, checking
// the column count and skipping the closing Ctrl-Z line.
func (c *csvFile) eachOFAC(width int, fn func(rec []string, line int) error) error {
	c.r.FieldsPerRecord = -1
	for {
		rec, line, err := c.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "\x1a" {
			if _, _, err := c.next(); err != io.EOF {
				return c.errorf(line, "Ctrl-Z (0x1A) before the end of the file")
			}
			return nil
		}
		if len(rec) != width {
			return c.errorf(line, "%d fields, want %d", len(rec), width)
		}
		if err := fn(rec, line); err != nil {
			return err
		}
	}
}
