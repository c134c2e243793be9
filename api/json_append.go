package api

import (
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/rpscreen/rpscreen/match"
)

// A screening's body is the answer every call waits for. encoding/json
// finds each field by reflection, a twelfth of the server's time under
// load; screenResponse writes itself instead, byte for byte as
// json.Marshal would (json_append_test.go holds it to that).

// jsonAppender is a value that writes its own JSON.
type jsonAppender interface {
	appendJSON(b []byte) ([]byte, error)
}

func (r screenResponse) appendJSON(b []byte) ([]byte, error) {
	b = appendKey(b, '{', "request_id")
	b = appendString(b, r.RequestID)
	b = appendKey(b, ',', "screened_at")
	b = appendString(b, r.ScreenedAt)
	b = appendKey(b, ',', "status")
	b = appendString(b, string(r.Status))
	b = appendKey(b, ',', "query")
	b = appendKey(b, '{', "name")
	b = appendString(b, r.Query.Name)
	b = appendKey(b, ',', "normalized")
	b = appendString(b, r.Query.Normalized)
	b = append(b, '}')
	b = appendKey(b, ',', "hits")
	b = appendList(b, r.Hits, Hit.appendJSON)
	b = appendKey(b, ',', "lists")
	b = appendList(b, r.Lists, func(v ListVersion, b []byte) []byte {
		b = appendKey(b, '{', "id")
		b = appendString(b, v.ID)
		b = appendKey(b, ',', "version")
		b = appendString(b, v.Version)
		return append(b, '}')
	})
	b = append(b, '}')
	if err := checkFloats(r.Hits); err != nil {
		return nil, err
	}
	return b, nil
}

func (h Hit) appendJSON(b []byte) []byte {
	b = appendKey(b, '{', "entity_id")
	b = appendString(b, h.EntityID)
	b = appendKey(b, ',', "list")
	b = appendString(b, h.List)
	if h.Source != "" {
		b = appendKey(b, ',', "source")
		b = appendString(b, h.Source)
	}
	b = appendKey(b, ',', "name")
	b = appendString(b, h.Name)
	b = appendKey(b, ',', "matched_name")
	b = appendString(b, h.MatchedName)
	if h.WeakAlias {
		b = appendKey(b, ',', "weak_alias")
		b = append(b, "true"...)
	}
	b = appendKey(b, ',', "score")
	b = appendFloat(b, h.Score)
	b = appendKey(b, ',', "type")
	b = appendString(b, string(h.Type))
	b = appendKey(b, ',', "countries")
	b = appendStrings(b, h.Countries)
	b = appendKey(b, ',', "programs")
	b = appendStrings(b, h.Programs)
	b = appendKey(b, ',', "addresses")
	b = appendStrings(b, h.Addresses)
	b = appendKey(b, ',', "legal_basis")
	b = appendList(b, h.LegalBasis, appendLegalBasis)
	b = appendKey(b, ',', "relation")
	b = appendString(b, h.Relation)
	b = appendKey(b, ',', "explanation")
	b = appendExplanation(b, &h.Explanation)
	return append(b, '}')
}

func appendLegalBasis(l match.LegalBasis, b []byte) []byte {
	b = append(b, '{')
	sep := byte(0)
	field := func(name, v string, always bool) {
		if v == "" && !always {
			return
		}
		if sep != 0 {
			b = append(b, sep)
		}
		sep = ','
		b = appendString(b, name)
		b = append(b, ':')
		b = appendString(b, v)
	}
	field("authority", l.Authority, false)
	field("regime", l.Regime, true)
	field("citation", l.Citation, false)
	field("date", l.Date, false)
	field("requirement", l.Requirement, false)
	field("policy", l.Policy, false)
	field("url", l.URL, false)
	field("notes", l.Notes, false)
	return append(b, '}')
}

func appendExplanation(b []byte, e *match.Explanation) []byte {
	b = appendKey(b, '{', "rule")
	b = appendString(b, e.Rule)
	b = appendKey(b, ',', "summary")
	b = appendString(b, e.Summary)
	if len(e.Words) > 0 {
		b = appendKey(b, ',', "words")
		b = appendList(b, e.Words, func(w match.WordMatch, b []byte) []byte {
			b = appendKey(b, '{', "query")
			b = appendString(b, w.Query)
			b = appendKey(b, ',', "listed")
			b = appendString(b, w.Listed)
			b = appendKey(b, ',', "similarity")
			b = appendFloat(b, w.Similarity)
			b = appendKey(b, ',', "weight")
			b = appendFloat(b, w.Weight)
			b = appendKey(b, ',', "how")
			b = appendString(b, w.How)
			return append(b, '}')
		})
	}
	if len(e.Unmatched) > 0 {
		b = appendKey(b, ',', "unmatched")
		b = appendList(b, e.Unmatched, func(u match.UnmatchedWord, b []byte) []byte {
			b = appendKey(b, '{', "word")
			b = appendString(b, u.Word)
			b = appendKey(b, ',', "side")
			b = appendString(b, u.Side)
			b = appendKey(b, ',', "weight")
			b = appendFloat(b, u.Weight)
			b = appendKey(b, ',', "kind")
			b = appendString(b, u.Kind)
			return append(b, '}')
		})
	}
	if len(e.Adjustments) > 0 {
		b = appendKey(b, ',', "adjustments")
		b = appendStrings(b, e.Adjustments)
	}
	return append(b, '}')
}

// checkFloats returns the error json.Marshal gives for a number JSON cannot
// hold, which appendFloat writes as no number at all.
func checkFloats(hits []Hit) error {
	bad := func(f float64) bool { return math.IsNaN(f) || math.IsInf(f, 0) }
	for i := range hits {
		h := &hits[i]
		if bad(h.Score) {
			return &json.UnsupportedValueError{Str: strconv.FormatFloat(h.Score, 'g', -1, 64)}
		}
		for _, w := range h.Explanation.Words {
			if bad(w.Similarity) || bad(w.Weight) {
				return &json.UnsupportedValueError{Str: "NaN or Inf"}
			}
		}
		for _, u := range h.Explanation.Unmatched {
			if bad(u.Weight) {
				return &json.UnsupportedValueError{Str: "NaN or Inf"}
			}
		}
	}
	return nil
}

// appendKey writes the byte before a field (an object's '{' or ',') and
// the field's name; names are plain ASCII.
func appendKey(b []byte, before byte, name string) []byte {
	b = append(b, before, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

// appendList writes a JSON array; a nil slice is null, as encoding/json
// writes it (the response's slices are never nil: see nonNil).
func appendList[T any](b []byte, vs []T, each func(T, []byte) []byte) []byte {
	if vs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = each(v, b)
	}
	return append(b, ']')
}

func appendStrings(b []byte, vs []string) []byte {
	return appendList(b, vs, func(s string, b []byte) []byte { return appendString(b, s) })
}

// appendString writes s as json.Marshal does: HTML characters, control
// bytes, U+2028 and U+2029 escaped, invalid UTF-8 as U+FFFD. Eight plain
// ASCII bytes are passed over at a time; past any other, the next eight
// one at a time.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	checked, valid := false, false // the rest from the first non-ASCII byte
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && plain8(load8(s[i:i+8])) {
			i += 8
			continue
		}
		for end := min(i+8, len(s)); i < end; {
			c := s[i]
			if c < utf8.RuneSelf {
				i++
				if jsonPlain[c] {
					continue
				}
				b = append(b, s[start:i-1]...)
				start = i
				switch c {
				case '"', '\\':
					b = append(b, '\\', c)
				case '\b':
					b = append(b, '\\', 'b')
				case '\f':
					b = append(b, '\\', 'f')
				case '\n':
					b = append(b, '\\', 'n')
				case '\r':
					b = append(b, '\\', 'r')
				case '\t':
					b = append(b, '\\', 't')
				default:
					b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
				}
				continue
			}
			if !checked {
				// Valid UTF-8 needs a look only at U+2028 and U+2029.
				checked, valid = true, utf8.ValidString(s[i:])
			}
			if valid && c != 0xE2 { // no other lead byte starts U+2028 or U+2029
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				b = append(b, s[start:i]...)
				b = append(b, `\ufffd`...)
			case r == '\u2028' || r == '\u2029':
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			default:
				i += size
				continue
			}
			i += size
			start = i
		}
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plain8 reports whether the eight bytes of x are all in jsonPlain, a
// word at a time: no byte under 0x20 or from 0x80, and none of the five.
func plain8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	bad := (x - ones*0x20 | x) & highs
	bad |= hasZeroByte(x ^ ones*'"')
	bad |= hasZeroByte(x ^ ones*'\\')
	bad |= hasZeroByte(x ^ ones*'<')
	bad |= hasZeroByte(x ^ ones*'>')
	bad |= hasZeroByte(x ^ ones*'&')
	return bad == 0
}

// hasZeroByte is not 0 when a byte of y is 0.
func hasZeroByte(y uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (y - ones) &^ y & highs
}

// load8 reads the eight bytes of s as one little-endian word.
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// jsonPlain marks the ASCII bytes json.Marshal writes as they are.
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendFloat writes f as encoding/json's float encoder does: the shortest
// decimal that reads back as f, in exponent form only below 1e-6 or from
// 1e21, with a one-digit negative exponent written so.
func appendFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// "e-09" to "e-9", as encoding/json does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
