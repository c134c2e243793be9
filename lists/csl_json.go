package lists

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/rpscreen/rpscreen/match"
)

// parseCSLJSON reads the CSL in JSON, as the trade.gov download and search
// API give it: {"results": [{…}, …]} or a bare array of the same records.
// Lists are arrays (alt_names, programs, dates_of_birth …), addresses are
// {address, city, state, postal_code, country} and ids {type, number,
// country}; a field may be null or, in older exports, a "; "-joined string.
func parseCSLJSON(listID, path string) (Loaded, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Loaded{}, err
	}
	j := &cslJSON{name: filepath.Base(path), data: data, dec: json.NewDecoder(bytes.NewReader(data)), b: newCSLBuilder(listID)}
	if err := j.records(); err != nil {
		return Loaded{}, err
	}
	return Loaded{Entities: j.b.entities}, nil
}

// cslJSON walks the file's records, knowing the line each one starts on.
type cslJSON struct {
	name string
	data []byte
	dec  *json.Decoder
	b    *cslBuilder
	// lineAt and lineOff remember the last line counted, so that
	// numbering every record reads the file once, not once per record.
	lineAt, lineOff int
}

func (j *cslJSON) records() error {
	tok, err := j.dec.Token()
	if err != nil {
		return j.syntax(err)
	}
	switch tok {
	case json.Delim('['):
		return j.array()
	case json.Delim('{'):
		found := false
		for !found && j.dec.More() {
			key, err := j.dec.Token()
			if err != nil {
				return j.syntax(err)
			}
			if key == "results" {
				if tok, err := j.dec.Token(); err != nil || tok != json.Delim('[') {
					return fmt.Errorf("read %s line %d: results: want an array", j.name, j.line())
				}
				if err := j.array(); err != nil {
					return err
				}
				found = true // what follows the results is not read
			} else if err := j.dec.Decode(new(json.RawMessage)); err != nil {
				return j.syntax(err)
			}
		}
		if !found {
			return fmt.Errorf("read %s: no \"results\" array", j.name)
		}
		return nil
	}
	return fmt.Errorf("read %s: want an object with \"results\" or an array of records", j.name)
}

func (j *cslJSON) array() error {
	for i := 0; j.dec.More(); i++ {
		line := j.line()
		var fields map[string]json.RawMessage
		if err := j.dec.Decode(&fields); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return fmt.Errorf("read %s line %d: results[%d]: want an object", j.name, line, i)
			}
			return j.syntax(err)
		}
		r, err := cslFromJSON(fields)
		if err == nil {
			err = j.b.add(r)
		}
		if err != nil {
			return fmt.Errorf("read %s line %d: results[%d]: %w", j.name, line, i, err)
		}
	}
	_, err := j.dec.Token() // the closing ]
	return j.syntax(err)
}

// line is the line of the next value: the decoder's offset, past spaces
// and the separating comma.
func (j *cslJSON) line() int {
	off := int(j.dec.InputOffset())
	for off < len(j.data) && strings.IndexByte(" \t\r\n,:", j.data[off]) >= 0 {
		off++
	}
	return j.lineOf(off)
}

// lineOf is the 1-based line of byte off; offsets only grow while the
// records are read, an error's offset may lie anywhere.
func (j *cslJSON) lineOf(off int) int {
	off = min(max(off, 0), len(j.data))
	if off < j.lineOff {
		j.lineAt, j.lineOff = 0, 0
	}
	j.lineAt += bytes.Count(j.data[j.lineOff:off], []byte("\n"))
	j.lineOff = off
	return 1 + j.lineAt
}

func (j *cslJSON) syntax(err error) error {
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("read %s line %d: %w", j.name, j.lineOf(int(se.Offset)), err)
	}
	return fmt.Errorf("read %s: %w", j.name, err)
}

func cslFromJSON(f map[string]json.RawMessage) (cslRecord, error) {
	var r cslRecord
	var errs []error
	for _, t := range []struct {
		dst  *string
		keys []string
	}{
		{&r.id, []string{"id", "_id"}}, {&r.entityNumber, []string{"entity_number"}}, {&r.source, []string{"source"}},
		{&r.typ, []string{"type"}}, {&r.name, []string{"name"}}, {&r.title, []string{"title"}},
		{&r.frNotice, []string{"federal_register_notice"}}, {&r.startDate, []string{"start_date"}},
		{&r.endDate, []string{"end_date"}}, {&r.standardOrder, []string{"standard_order"}},
		{&r.licenseRequirement, []string{"license_requirement"}}, {&r.licensePolicy, []string{"license_policy"}},
		{&r.callSign, []string{"call_sign"}}, {&r.vesselType, []string{"vessel_type"}},
		{&r.tonnage, []string{"gross_tonnage"}}, {&r.grt, []string{"gross_registered_tonnage"}},
		{&r.vesselFlag, []string{"vessel_flag"}}, {&r.vesselOwner, []string{"vessel_owner"}},
		{&r.remarks, []string{"remarks"}}, {&r.sourceListURL, []string{"source_list_url"}},
		{&r.sourceInfoURL, []string{"source_information_url"}},
	} {
		for _, k := range t.keys {
			if s, err := jsonText(f[k]); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", k, err))
			} else if *t.dst == "" {
				*t.dst = s
			}
		}
	}
	for _, t := range []struct {
		dst *[]string
		key string
	}{
		{&r.programs, "programs"}, {&r.altNames, "alt_names"}, {&r.citizenships, "citizenships"},
		{&r.nationalities, "nationalities"}, {&r.datesOfBirth, "dates_of_birth"}, {&r.placesOfBirth, "places_of_birth"},
	} {
		var err error
		if *t.dst, err = jsonTexts(f[t.key]); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", t.key, err))
		}
	}
	if err := r.jsonAddresses(f["addresses"]); err != nil {
		errs = append(errs, fmt.Errorf("addresses: %w", err))
	}
	if err := r.jsonIDs(f["ids"]); err != nil {
		errs = append(errs, fmt.Errorf("ids: %w", err))
	}
	return r, errors.Join(errs...)
}

// jsonAddresses reads [{address, city, state, postal_code, country}] into
// the CSV's "street, city, state, postal, CC" text; plain strings pass.
func (r *cslRecord) jsonAddresses(raw json.RawMessage) error {
	return jsonEach(raw, func(s string, obj map[string]json.RawMessage) error {
		if obj == nil {
			r.addresses = append(r.addresses, s)
			r.countries = withCountry(r.countries, cslAddressCountry(s))
			return nil
		}
		parts := make([]string, 0, 5)
		for _, k := range []string{"address", "city", "state", "postal_code", "country"} {
			v, err := jsonText(obj[k])
			if err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
			if v != "" {
				parts = append(parts, v)
			}
		}
		if len(parts) > 0 {
			r.addresses = append(r.addresses, strings.Join(parts, ", "))
		}
		country, _ := jsonText(obj["country"])
		r.countries = withCountry(r.countries, cslCountry(country))
		return nil
	})
}

// jsonIDs reads [{type, number, country}]; entries that are not
// identifying numbers (Gender, Target Type …) go to the remarks.
func (r *cslRecord) jsonIDs(raw json.RawMessage) error {
	return jsonEach(raw, func(s string, obj map[string]json.RawMessage) error {
		if obj == nil {
			r.addID(strings.Split(s, ", "))
			return nil
		}
		var v [3]string
		for i, k := range []string{"type", "number", "country"} {
			var err error
			if v[i], err = jsonText(obj[k]); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
		}
		if isOFACIDType(v[0]) && v[1] != "" {
			r.ids = append(r.ids, match.Identifier{Type: v[0], Value: v[1], Country: cslCountry(v[2])})
		} else if text := joinNonEmpty(", ", v[:]...); text != "" {
			r.otherIDs = append(r.otherIDs, text)
		}
		return nil
	})
}

// jsonEach calls fn for each element of a list of objects or strings; a
// single string is a "; "-joined list.
func jsonEach(raw json.RawMessage, fn func(s string, obj map[string]json.RawMessage) error) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if raw[0] == '"' {
		items, err := jsonTexts(raw)
		for _, s := range items {
			if err := fn(s, nil); err != nil {
				return err
			}
		}
		return err
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return errors.New("want a list")
	}
	for i, el := range elems {
		var obj map[string]json.RawMessage
		if s, err := jsonText(el); err == nil {
			if s != "" {
				err = fn(s, nil)
			}
			if err != nil {
				return fmt.Errorf("[%d]: %w", i, err)
			}
		} else if err := json.Unmarshal(el, &obj); err != nil {
			return fmt.Errorf("[%d]: want an object or a string", i)
		} else if err := fn("", obj); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
	}
	return nil
}

// jsonText reads a string, a number (entity_number) or null.
func jsonText(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		// The decoder has checked the syntax: a string without escapes is
		// its bytes, which saves the bulk of a large file's decoding.
		if inner := raw[1 : len(raw)-1]; bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
			return strings.TrimSpace(string(inner)), nil
		}
		var s string
		err := json.Unmarshal(raw, &s)
		return strings.TrimSpace(s), err
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(raw), nil
	}
	return "", errors.New("want a string")
}

// jsonTexts reads a list of strings, a "; "-joined string or null.
func jsonTexts(raw json.RawMessage) ([]string, error) {
	if len(raw) > 0 && raw[0] == '[' {
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			return nil, err
		}
		var out []string
		for i, el := range elems {
			s, err := jsonText(el)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			if s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}
	s, err := jsonText(raw)
	if err != nil {
		return nil, errors.New("want a list of strings")
	}
	return splitTrimmed(s, ";"), nil
}
