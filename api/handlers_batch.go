package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

// StatusError is a batch item that could not be screened (an empty name,
// an unknown type); its error says why. The other items are unaffected.
const StatusError match.Status = "error"

// BatchItem is one party of a batch, as JSON and as a CSV row.
type BatchItem struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Country string `json:"country,omitempty"`
	Type    string `json:"type,omitempty"`
}

// BatchRequest is the JSON body of POST /v1/screen/batch. Threshold, limit
// and lists apply to every item.
type BatchRequest struct {
	Items     []BatchItem `json:"items"`
	Threshold *float64    `json:"threshold,omitempty"`
	Limit     *int        `json:"limit,omitempty"`
	Lists     []string    `json:"lists,omitempty"`
}

// BatchResponse is the JSON answer to a batch: one result per item, in
// input order.
type BatchResponse struct {
	RequestID  string            `json:"request_id"`
	ScreenedAt string            `json:"screened_at"` // RFC 3339, UTC
	Results    []BatchItemResult `json:"results"`
	Summary    BatchSummary      `json:"summary"`
	Lists      []ListVersion     `json:"lists"`
}

// BatchItemResult is one item's outcome; Error is set only when Status is
// StatusError.
type BatchItemResult struct {
	ID     string       `json:"id"`
	Status match.Status `json:"status"`
	Hits   []Hit        `json:"hits"`
	Error  *BatchError  `json:"error,omitempty"`
}

// BatchError says why one item could not be screened, with the code
// /v1/screen would have answered.
type BatchError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// BatchSummary counts the items by outcome.
type BatchSummary struct {
	Items          int `json:"items"`
	PotentialMatch int `json:"potential_match"`
	Clear          int `json:"clear"`
	Errors         int `json:"errors"`
}

// Add counts one result.
func (s *BatchSummary) Add(r BatchItemResult) {
	s.Items++
	switch r.Status {
	case match.PotentialMatch:
		s.PotentialMatch++
	case match.Clear:
		s.Clear++
	default:
		s.Errors++
	}
}

// NewBatchItemResult renders one item's result or error; an error the
// error table does not know becomes an "internal" error with a generic
// message.
func NewBatchItemResult(id string, res match.Result, err error) BatchItemResult {
	if err != nil {
		_, code, msg := classify(err)
		return BatchItemResult{ID: id, Status: StatusError, Hits: []Hit{}, Error: &BatchError{Code: code, Message: msg}}
	}
	out := BatchItemResult{ID: id, Status: statusOf(res), Hits: make([]Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, NewHit(h))
	}
	return out
}

// Query turns an item into the domain query; threshold, limit and lists
// come from the request. Country and type are read case-insensitively.
func (it BatchItem) Query(threshold *float64, limit *int, ids []string) match.Query {
	return match.Query{
		Name:      it.Name,
		Type:      match.EntityType(strings.ToLower(strings.TrimSpace(it.Type))),
		Country:   strings.ToUpper(strings.TrimSpace(it.Country)),
		Lists:     ids,
		Threshold: threshold,
		Limit:     limit,
	}
}

// batchFields describes the request's top-level fields for error messages.
var batchFields = []fieldSpec{
	{"items", "an array of objects with id, name, country and type strings"},
	{"threshold", "a number between 0 and 1"},
	{"limit", "an integer between 1 and 100"},
	{"lists", "an array of list id strings"},
}

// batchJSON is the body as first decoded: items stay raw so that each can
// be decoded on its own and an error can name its index.
type batchJSON struct {
	Items     []json.RawMessage `json:"items"`
	Threshold *float64          `json:"threshold"`
	Limit     *int              `json:"limit"`
	Lists     []string          `json:"lists"`
}

// routeBatch is the batch route, which has its own body limit.
const routeBatch = "/v1/screen/batch"

// errTooManyItems is a batch over server.batch_max_items: 413.
var errTooManyItems = errors.New("too many items")

// statusClientClosed is logged when the client left before the batch was
// done; nobody reads the response (nginx uses the same number).
const statusClientClosed = 499

// screenBatch handles POST /v1/screen/batch: JSON or CSV in (by
// Content-Type), JSON or CSV out (CSV when the request was CSV or Accept
// asks for text/csv).
func (s *server) screenBatch(c *gin.Context) {
	csvIn := isCSV(c.ContentType())
	req, err := s.readBatch(c, csvIn)
	if err != nil {
		s.writeError(c, err)
		return
	}
	if err := s.checkBatchSettings(req); err != nil {
		s.writeError(c, err)
		return
	}

	ctx := c.Request.Context()
	qs := make([]match.Query, len(req.Items))
	for i, it := range req.Items {
		qs[i] = it.Query(req.Threshold, req.Limit, req.Lists)
	}
	start := time.Now()
	found := s.screener.ScreenBatch(ctx, qs, lists.BatchOptions{})
	if ctx.Err() != nil {
		s.log.Info("batch abandoned: the client went away", zap.String("request_id", requestIDOf(c)),
			zap.Int("items", len(qs)), zap.Duration("took", time.Since(start)))
		c.AbortWithStatus(statusClientClosed)
		return
	}

	results, summary, hits := s.batchResults(c, req.Items, found)
	c.Set(ctxHits, hits)
	c.Set(ctxItems, len(results))
	if wantsCSV(c.GetHeader("Accept"), csvIn) {
		s.writeBatchCSV(c, req.Items, results)
		return
	}
	c.JSON(http.StatusOK, BatchResponse{
		RequestID:  requestIDOf(c),
		ScreenedAt: s.now().UTC().Format(time.RFC3339),
		Results:    results,
		Summary:    summary,
		Lists:      s.batchLists(req.Lists, found),
	})
}

// batchLists names the lists a batch ran against: those its screenings
// report (one index screens a whole batch), or, when every item failed,
// those a screening would have run against.
func (s *server) batchLists(requested []string, found []lists.BatchResult) []ListVersion {
	for _, f := range found {
		if f.Err == nil {
			return nonNil(f.Result.Lists)
		}
	}
	return ScreenedLists(requested, s.screener.Lists())
}

// batchResults renders every item, records the metrics and logs, once,
// the errors the table does not know.
func (s *server) batchResults(c *gin.Context, items []BatchItem, found []lists.BatchResult) ([]BatchItemResult, BatchSummary, int) {
	results := make([]BatchItemResult, len(found))
	var summary BatchSummary
	hits, internal := 0, 0
	var firstInternal error
	for i, f := range found {
		results[i] = NewBatchItemResult(items[i].ID, f.Result, f.Err)
		summary.Add(results[i])
		hits += len(results[i].Hits)
		if f.Err == nil {
			// Like /v1/screen, only names actually screened are counted.
			s.metrics.screened(results[i].Status, f.Took)
		} else if results[i].Error.Code == codeInternal {
			internal++
			if firstInternal == nil {
				firstInternal = f.Err
			}
		}
	}
	if internal > 0 {
		s.log.Error("internal error", zap.String("request_id", requestIDOf(c)),
			zap.Int("items", internal), zap.Error(firstInternal))
	}
	return results, summary, hits
}

// readBatch decodes the body in either format and enforces the item limit.
func (s *server) readBatch(c *gin.Context, csvIn bool) (BatchRequest, error) {
	if csvIn {
		return s.readBatchCSV(c)
	}
	if len(c.Request.URL.Query()) > 0 {
		return BatchRequest{}, fmt.Errorf("%w: query parameters apply to CSV bodies only; "+
			"a JSON body carries threshold, limit and lists itself", errInvalidRequest)
	}
	var raw batchJSON
	if err := decodeJSONObject(c.Request.Body, &raw, batchFields); err != nil {
		return BatchRequest{}, err
	}
	if len(raw.Items) > s.batchMaxItems {
		return BatchRequest{}, tooManyItems(fmt.Sprintf("%d items", len(raw.Items)), s.batchMaxItems)
	}
	req := BatchRequest{Threshold: raw.Threshold, Limit: raw.Limit, Lists: raw.Lists, Items: make([]BatchItem, len(raw.Items))}
	for i, r := range raw.Items {
		if err := decodeBatchItem(r, &req.Items[i]); err != nil {
			return BatchRequest{}, fmt.Errorf("%w: items[%d]: %s", errInvalidRequest, i, err)
		}
	}
	return req, nil
}

func tooManyItems(got string, limit int) error {
	return fmt.Errorf("%w: the batch has %s; the limit is %d items per request "+
		"(server.batch_max_items): split it", errTooManyItems, got, limit)
}

// decodeBatchItem decodes one item strictly.
func decodeBatchItem(raw json.RawMessage, it *BatchItem) error {
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
		return errors.New("must be a JSON object with id, name, country and type")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(it)
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &typ):
		return fmt.Errorf("field %q must be a string, got %s", typ.Field, typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Errorf("unknown field %s; an item's fields are id, name, country, type",
			strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return errors.New(strings.TrimPrefix(err.Error(), "json: "))
}

// checkBatchSettings judges what applies to the whole batch: a bad
// threshold, limit or list fails the request, not each item.
func (s *server) checkBatchSettings(req BatchRequest) error {
	if len(req.Items) == 0 {
		return fmt.Errorf("%w: no items: the batch needs at least one item with a name", errInvalidRequest)
	}
	if t := req.Threshold; t != nil && !(*t >= 0 && *t <= 1) {
		return fmt.Errorf("%w: threshold must be between 0 and 1", errInvalidRequest)
	}
	if l := req.Limit; l != nil && (*l < match.MinLimit || *l > match.MaxLimit) {
		return fmt.Errorf("%w: limit must be between %d and %d", errInvalidRequest, match.MinLimit, match.MaxLimit)
	}
	return checkLists(req.Lists, s.screener.Lists())
}

// checkLists reports the first requested list that is not configured.
func checkLists(requested []string, all []lists.Status) error {
	known := make([]string, len(all))
	for i, st := range all {
		known[i] = st.ID
	}
	for _, id := range requested {
		if !slices.Contains(known, id) {
			return fmt.Errorf("%w: %q (configured: %s)", match.ErrUnknownList, id, strings.Join(known, ", "))
		}
	}
	return nil
}
