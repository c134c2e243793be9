package api

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
)

// A CSV batch has a header row naming its columns, in any order and any
// case: id and name are required, country and type optional. Any other
// column is an error naming it, so that a misspelt "contry" is not
// silently dropped. Rows whose cells are all empty (spreadsheets leave
// them at the end) are skipped.
var (
	csvRequired = []string{"id", "name"}
	csvOptional = []string{"country", "type"}
)

// BatchCSVHeader is the header of a CSV result: the input columns, then the
// outcome and the top hit. error holds the message of an item whose status
// is "error".
var BatchCSVHeader = []string{
	"id", "name", "country", "type",
	"status", "hits", "top_score", "top_name", "top_list", "top_entity_id", "error",
}

// csvParams are the query parameters a CSV request may carry.
var csvParams = []string{"threshold", "limit", "list"}

// ReadBatchCSV reads a CSV batch. maxItems > 0 stops at that many rows with
// an error for the table's 413. Errors name the line.
func ReadBatchCSV(r io.Reader, maxItems int) ([]BatchItem, error) {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); string(bom) == "\ufeff" {
		_, _ = br.Discard(3) // Excel's "CSV UTF-8" starts with a byte-order mark
	}
	cr := csv.NewReader(br)
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("the CSV is empty; it needs a header row with id,name (and optionally country,type)")
	}
	if err != nil {
		return nil, csvReadError(err, header, 0)
	}
	cols, err := csvColumns(header)
	if err != nil {
		return nil, fmt.Errorf("line 1: %w", err)
	}

	var items []BatchItem
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return items, nil
		}
		if err != nil {
			return nil, csvReadError(err, rec, len(header))
		}
		line, _ := cr.FieldPos(0)
		if allEmpty(rec) {
			continue
		}
		for i, f := range rec {
			if !utf8.ValidString(f) {
				l, col := cr.FieldPos(i)
				return nil, fmt.Errorf("line %d, column %d: not valid UTF-8; save the file as UTF-8", l, col)
			}
		}
		if maxItems > 0 && len(items) == maxItems {
			return nil, tooManyItems(fmt.Sprintf("more than %d rows (line %d is row %d)", maxItems, line, maxItems+1), maxItems)
		}
		items = append(items, cols.item(rec))
	}
}

// csvReadError keeps a body-limit error for the table and names the line
// of anything else.
func csvReadError(err error, rec []string, want int) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		return fmt.Errorf("line %d: %d fields, but the header has %d", pe.StartLine, len(rec), want)
	}
	return fmt.Errorf("line %d, column %d: %v", pe.Line, pe.Column, pe.Err)
}

// csvColumnIndex says where each known column is; -1 when absent.
type csvColumnIndex map[string]int

func csvColumns(header []string) (csvColumnIndex, error) {
	cols := csvColumnIndex{}
	var unknown []string
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		switch {
		case !slices.Contains(csvRequired, name) && !slices.Contains(csvOptional, name):
			unknown = append(unknown, strconv.Quote(h))
		case cols.has(name):
			return nil, fmt.Errorf("column %q appears twice", name)
		default:
			cols[name] = i
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("unknown %s %s; the columns are id and name (required), country and type (optional)",
			plural(len(unknown), "column", "columns"), strings.Join(unknown, ", "))
	}
	var missing []string
	for _, c := range csvRequired {
		if !cols.has(c) {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the header has no %s column; it needs id and name (country and type are optional)",
			strings.Join(missing, " or "))
	}
	return cols, nil
}

func (c csvColumnIndex) has(name string) bool { _, ok := c[name]; return ok }

func (c csvColumnIndex) get(rec []string, name string) string {
	if i, ok := c[name]; ok {
		return rec[i]
	}
	return ""
}

func (c csvColumnIndex) item(rec []string) BatchItem {
	return BatchItem{ID: c.get(rec, "id"), Name: c.get(rec, "name"), Country: c.get(rec, "country"), Type: c.get(rec, "type")}
}

func allEmpty(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// BatchCSVWriter writes CSV results, one row per item.
type BatchCSVWriter struct{ w *csv.Writer }

// NewBatchCSVWriter writes to w; call WriteHeader first and Flush last.
func NewBatchCSVWriter(w io.Writer) *BatchCSVWriter { return &BatchCSVWriter{w: csv.NewWriter(w)} }

// WriteHeader writes BatchCSVHeader.
func (b *BatchCSVWriter) WriteHeader() error { return b.w.Write(BatchCSVHeader) }

// Write writes one item and its result. Text cells that a spreadsheet
// would read as a formula (starting with = + - @, a tab or a carriage
// return) get a leading single quote.
func (b *BatchCSVWriter) Write(it BatchItem, r BatchItemResult) error {
	var score, topName, topList, topID, msg string
	if len(r.Hits) > 0 {
		top := r.Hits[0]
		score = strconv.FormatFloat(top.Score, 'f', -1, 64)
		topName, topList, topID = top.Name, top.List, top.EntityID
	}
	if r.Error != nil {
		msg = r.Error.Message
	}
	return b.w.Write([]string{
		safeCell(it.ID), safeCell(it.Name), safeCell(it.Country), safeCell(it.Type),
		string(r.Status), strconv.Itoa(len(r.Hits)), score,
		safeCell(topName), safeCell(topList), safeCell(topID), safeCell(msg),
	})
}

// Flush writes what is buffered and reports any write error.
func (b *BatchCSVWriter) Flush() error {
	b.w.Flush()
	return b.w.Error()
}

// safeCell defuses spreadsheet formula injection (OWASP "CSV Injection").
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// isCSV says whether a request's media type is CSV.
func isCSV(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "text/csv"
}

// wantsCSV: an Accept naming text/csv gets CSV, one naming application/json
// (and not text/csv) gets JSON; otherwise the answer follows the request.
func wantsCSV(accept string, csvIn bool) bool {
	jsonOK := false
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		switch {
		case err != nil:
		case mt == "text/csv":
			return true
		case mt == "application/json":
			jsonOK = true
		}
	}
	return csvIn && !jsonOK
}

// readBatchCSV reads a CSV request: settings from the query string, items
// from the body.
func (s *server) readBatchCSV(c *gin.Context) (BatchRequest, error) {
	req, err := csvSettings(c.Request.URL.Query())
	if err != nil {
		return BatchRequest{}, err
	}
	req.Items, err = ReadBatchCSV(c.Request.Body, s.batchMaxItems)
	if err != nil && !isMaxBytes(err) && !errors.Is(err, errTooManyItems) {
		err = fmt.Errorf("%w: CSV body: %w", errInvalidRequest, err)
	}
	return req, err
}

// csvSettings reads threshold, limit and list (repeatable, or
// comma-separated) from the query string.
func csvSettings(q url.Values) (BatchRequest, error) {
	var req BatchRequest
	var unknown []string
	for k := range q {
		if !slices.Contains(csvParams, k) {
			unknown = append(unknown, strconv.Quote(k))
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return req, fmt.Errorf("%w: unknown query %s %s; the parameters are threshold, limit and list",
			errInvalidRequest, plural(len(unknown), "parameter", "parameters"), strings.Join(unknown, ", "))
	}
	for _, k := range []string{"threshold", "limit"} {
		if len(q[k]) > 1 {
			return req, fmt.Errorf("%w: query parameter %s is given %d times", errInvalidRequest, k, len(q[k]))
		}
	}
	if v := q.Get("threshold"); q.Has("threshold") {
		t, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(t) {
			return req, fmt.Errorf("%w: query parameter threshold=%q must be a number between 0 and 1", errInvalidRequest, v)
		}
		req.Threshold = &t
	}
	if v := q.Get("limit"); q.Has("limit") {
		l, err := strconv.Atoi(v)
		if err != nil {
			return req, fmt.Errorf("%w: query parameter limit=%q must be an integer between 1 and 100", errInvalidRequest, v)
		}
		req.Limit = &l
	}
	for _, v := range q["list"] {
		for id := range strings.SplitSeq(v, ",") {
			if id = strings.TrimSpace(id); id != "" {
				req.Lists = append(req.Lists, id)
			}
		}
	}
	return req, nil
}

// writeBatchCSV answers with CSV; the request id is in X-Request-ID.
func (s *server) writeBatchCSV(c *gin.Context, items []BatchItem, results []BatchItemResult) {
	c.Status(http.StatusOK)
	c.Header("Content-Type", "text/csv; charset=utf-8")
	w := NewBatchCSVWriter(c.Writer)
	err := w.WriteHeader()
	for i := 0; err == nil && i < len(results); i++ {
		err = w.Write(items[i], results[i])
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		// The status is sent; the client sees a truncated body.
		s.log.Warn("writing a CSV response failed", zap.String("request_id", requestIDOf(c)), zap.Error(err))
	}
}
