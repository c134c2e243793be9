package lists

import (
	"fmt"
	"io"
	"strings"

	"github.com/rpscreen/rpscreen/match"
)

// customColumns is the in-house list layout; id and name are required.
var customColumns = []string{"id", "name", "aliases", "type", "countries", "program", "remarks"}

// parseCustomCSV reads an in-house list: a CSV with the header
// id,name,aliases,type,countries,program,remarks (in any order, optional
// columns may be left out). aliases, countries and program hold
// ";"-separated values; countries are ISO 3166-1 alpha-2 codes. An unknown
// column, a bad value or a repeated id fails the load with the line, so a
// typo in a spreadsheet export never drops a party silently.
func parseCustomCSV(listID, path string) (Loaded, error) {
	f, err := openCSV(path)
	if err != nil {
		return Loaded{}, err
	}
	defer f.close()
	header, _, err := f.next()
	if err == io.EOF {
		return Loaded{}, fmt.Errorf("read %s: empty file", f.name)
	}
	if err != nil {
		return Loaded{}, err
	}
	cols, err := customHeader(header)
	if err != nil {
		return Loaded{}, f.errorf(1, "header: %w", err)
	}
	var out []*match.Entity
	seen := map[string]int{} // id -> line
	for {
		row, line, err := f.next()
		if err == io.EOF {
			return Loaded{Entities: out}, nil
		}
		if err != nil {
			return Loaded{}, err
		}
		e, err := customEntity(listID, cols, row)
		if err != nil {
			return Loaded{}, f.errorf(line, "%w", err)
		}
		id := strings.TrimPrefix(e.ID, listID+":")
		if first, dup := seen[id]; dup {
			return Loaded{}, f.errorf(line, "id %q: duplicate of line %d", id, first)
		}
		seen[id] = line
		out = append(out, e)
	}
}

// customHeader maps column names to positions.
func customHeader(header []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, c := range customColumns {
			known = known || c == h
		}
		if !known {
			return nil, fmt.Errorf("unknown column %q (want %s)", h, strings.Join(customColumns, ","))
		}
		if _, dup := cols[h]; dup {
			return nil, fmt.Errorf("column %q: repeated", h)
		}
		cols[h] = i
	}
	for _, need := range []string{"id", "name"} {
		if _, ok := cols[need]; !ok {
			return nil, fmt.Errorf("no %q column", need)
		}
	}
	return cols, nil
}

func customEntity(listID string, cols map[string]int, row []string) (*match.Entity, error) {
	get := func(col string) string {
		if i, ok := cols[col]; ok {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	id, name := get("id"), get("name")
	if id == "" {
		return nil, fmt.Errorf("id: empty")
	}
	if strings.ContainsAny(id, ":\n") {
		return nil, fmt.Errorf("id %q: must not contain ':' or a line break", id)
	}
	if name == "" {
		return nil, fmt.Errorf("name: empty")
	}
	typ := match.EntityType(strings.ToLower(get("type")))
	if !typ.Valid() {
		return nil, fmt.Errorf("type %q: want organization, individual, vessel, aircraft or empty", get("type"))
	}
	e := &match.Entity{
		ID: listID + ":" + id, List: listID, Type: typ, Name: name,
		Programs: splitTrimmed(get("program"), ";"), Remarks: get("remarks"),
	}
	for _, a := range splitTrimmed(get("aliases"), ";") {
		e.Aliases = withAlias(e.Name, e.Aliases, a)
	}
	for _, c := range splitTrimmed(get("countries"), ";") {
		code := strings.ToUpper(c)
		if !isCountryCode(code) {
			return nil, fmt.Errorf("countries %q: %q is not an ISO 3166-1 alpha-2 code", get("countries"), c)
		}
		e.Countries = withCountry(e.Countries, code)
	}
	return e, nil
}

// withCountry adds an ISO code once; "" is ignored.
func withCountry(list []string, code string) []string {
	if code == "" {
		return list
	}
	for _, c := range list {
		if c == code {
			return list
		}
	}
	return append(list, code)
}

// withAlias adds a name once, leaving out repeats of the primary name.
func withAlias(primary string, aliases []match.Alias, name string) []match.Alias {
	if name == "" || strings.EqualFold(name, primary) {
		return aliases
	}
	for _, a := range aliases {
		if strings.EqualFold(a.Name, name) {
			return aliases
		}
	}
	return append(aliases, match.Alias{Name: name, Kind: match.AKA})
}

// splitTrimmed splits on sep and drops empty items.
func splitTrimmed(s, sep string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func labelledValue(label, value string) string {
	if value == "" {
		return ""
	}
	return label + ": " + value
}
