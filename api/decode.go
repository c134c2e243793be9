package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// fieldSpec names a JSON field a body may carry and what it must hold.
type fieldSpec struct {
	name string
	want string // "a number between 0 and 1"
}

// decodeJSONObject reads one JSON object from body into dst, strictly:
// invalid UTF-8, anything but an object, unknown fields and trailing data are
// all errors that say what and where. fields describe dst's fields for those
// messages. A body over the limit keeps its *http.MaxBytesError for the
// error table.
func decodeJSONObject(body io.Reader, dst any, fields []fieldSpec) error {
	raw, err := io.ReadAll(body)
	if err != nil {
		if isMaxBytes(err) {
			return err
		}
		return fmt.Errorf("%w: reading the body: %v", errInvalidRequest, err)
	}
	// encoding/json silently replaces invalid UTF-8, so check the raw bytes.
	if !utf8.Valid(raw) {
		return fmt.Errorf("%w: body is not valid UTF-8 (first bad byte at offset %d)",
			errInvalidRequest, invalidUTF8Offset(raw))
	}
	trimmed := bytes.TrimLeft(raw, " \t\r\n")
	if len(trimmed) == 0 {
		return fmt.Errorf("%w: body is empty; expected a JSON object", errInvalidRequest)
	}
	if trimmed[0] != '{' {
		return fmt.Errorf("%w: body must be a JSON object", errInvalidRequest)
	}

	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return describeJSONError(raw, err, fields)
	}
	end := dec.InputOffset()
	if rest := bytes.TrimLeft(raw[end:], " \t\r\n"); len(rest) > 0 {
		return fmt.Errorf("%w: unexpected data after the JSON object at offset %d",
			errInvalidRequest, len(raw)-len(rest))
	}
	return nil
}

// describeJSONError turns a decoding error into a message naming the
// problem and where it is.
func describeJSONError(raw []byte, err error, fields []fieldSpec) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := position(raw, syn.Offset)
		return fmt.Errorf("%w: body is not valid JSON: %s (line %d, column %d)",
			errInvalidRequest, syn.Error(), line, col)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return fmt.Errorf("%w: body must be a JSON object", errInvalidRequest)
		}
		return fmt.Errorf("%w: field %q must be %s, got %s",
			errInvalidRequest, typ.Field, expected(fields, typ.Field), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: body is not valid JSON: it ends before the object does", errInvalidRequest)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// encoding/json has no typed error for this; its text is stable.
		names := make([]string, len(fields))
		for i, f := range fields {
			names[i] = f.name
		}
		return fmt.Errorf("%w: unknown field %s; the fields are %s", errInvalidRequest,
			strings.TrimPrefix(err.Error(), "json: unknown field "), strings.Join(names, ", "))
	}
	return fmt.Errorf("%w: body is not valid JSON: %s", errInvalidRequest, strings.TrimPrefix(err.Error(), "json: "))
}

// expected says what a field must hold. A type error inside an array names
// the array ("lists"), so the lookup is by the top-level field.
func expected(fields []fieldSpec, path string) string {
	top, _, _ := strings.Cut(path, ".")
	for _, f := range fields {
		if f.name == top {
			return f.want
		}
	}
	return "of a different type"
}

// position converts a byte offset into a 1-based line and column.
func position(raw []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(raw)))
	before := raw[:offset]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1)
	return line, max(col, 1)
}

// invalidUTF8Offset is the offset of the first byte that is not valid UTF-8.
func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}
