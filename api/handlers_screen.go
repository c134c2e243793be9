package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/rpscreen/rpscreen/match"
)

// screenRequest is the body of POST /v1/screen. Only name is required.
type screenRequest struct {
	Name      string   `json:"name"`
	Type      string   `json:"type"`
	Country   string   `json:"country"`
	Lists     []string `json:"lists"`
	Threshold *float64 `json:"threshold"`
	Limit     *int     `json:"limit"`
}

// screenFields describes the request's fields for error messages.
var screenFields = []fieldSpec{
	{"name", "a string"},
	{"type", "a string: organization, individual, vessel or aircraft"},
	{"country", "a string: an ISO 3166-1 alpha-2 code"},
	{"lists", "an array of list id strings"},
	{"threshold", "a number between 0 and 1"},
	{"limit", "an integer between 1 and 100"},
}

// query turns the request into the domain query; the screener judges it
// (match.Query.Validate).
func (r screenRequest) query() match.Query {
	return match.Query{
		Name:      r.Name,
		Type:      match.EntityType(r.Type),
		Country:   strings.ToUpper(r.Country),
		Lists:     r.Lists,
		Threshold: r.Threshold,
		Limit:     r.Limit,
	}
}

// screen handles POST /v1/screen. Any Content-Type is read as JSON, since
// `curl -d` sends a form type.
func (s *server) screen(c *gin.Context) {
	var req screenRequest
	if err := decodeJSONObject(c.Request.Body, &req, screenFields); err != nil {
		s.writeError(c, err)
		return
	}
	q := req.query() // the screener validates it

	start := time.Now()
	res, err := s.screener.Screen(c.Request.Context(), q)
	took := time.Since(start)
	if err != nil {
		s.writeError(c, err)
		return
	}
	status := statusOf(res)
	s.metrics.screened(status, took)
	c.Set(ctxHits, len(res.Hits))
	s.writeJSON(c, http.StatusOK, s.renderScreen(requestIDOf(c), q, res, status))
}

// statusOf follows the contract: a potential match is any hit returned.
func statusOf(res match.Result) match.Status {
	if len(res.Hits) > 0 {
		return match.PotentialMatch
	}
	return match.Clear
}
