package api

import (
	"math"
	"time"

	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

// screenResponse is the 200 body of POST /v1/screen, as the contract has it.
type screenResponse struct {
	RequestID  string        `json:"request_id"`
	ScreenedAt string        `json:"screened_at"` // RFC 3339, UTC
	Status     match.Status  `json:"status"`
	Query      QueryEcho     `json:"query"`
	Hits       []Hit         `json:"hits"`
	Lists      []ListVersion `json:"lists"`
}

// QueryEcho shows the name as submitted and as the matcher read it.
type QueryEcho struct {
	Name       string `json:"name"`
	Normalized string `json:"normalized"`
}

// Hit is how a hit is rendered, in the API and in `rpscreen screen --json`:
// the entity's listing, the name it matched, the score and why.
type Hit struct {
	EntityID    string             `json:"entity_id"`
	List        string             `json:"list"`
	Source      string             `json:"source,omitempty"`
	Name        string             `json:"name"`
	MatchedName string             `json:"matched_name"`
	WeakAlias   bool               `json:"weak_alias,omitempty"`
	Score       float64            `json:"score"`
	Type        match.EntityType   `json:"type"`
	Countries   []string           `json:"countries"`
	Programs    []string           `json:"programs"`
	Addresses   []string           `json:"addresses"`
	LegalBasis  []match.LegalBasis `json:"legal_basis"`
	Relation    string             `json:"relation"`
	Explanation match.Explanation  `json:"explanation"`
}

// ListVersion says which copy of a list a screening ran against.
type ListVersion = match.ListVersion

// listsResponse is the body of GET /v1/lists.
type listsResponse struct {
	Lists []lists.Status `json:"lists"`
}

func (s *server) renderScreen(requestID string, q match.Query, res match.Result, status match.Status) screenResponse {
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		hits = append(hits, NewHit(h))
	}
	return screenResponse{
		RequestID:  requestID,
		ScreenedAt: s.now().UTC().Format(time.RFC3339),
		Status:     status,
		Query:      QueryEcho{Name: q.Name, Normalized: res.Normalized},
		Hits:       hits,
		Lists:      nonNil(res.Lists), // from the index that screened it
	}
}

// NewHit renders a hit: score rounded to 4 decimals, empty slices as [].
func NewHit(h match.Hit) Hit {
	e := h.Entity
	if e == nil {
		e = &match.Entity{}
	}
	relation := h.Relation
	if relation == "" {
		relation = e.Relation
	}
	return Hit{
		EntityID:    e.ID,
		List:        e.List,
		Source:      e.Source,
		Name:        e.Name,
		MatchedName: h.MatchedName,
		WeakAlias:   h.Weak,
		Score:       math.Round(h.Score*10000) / 10000,
		Type:        e.Type,
		Countries:   nonNil(e.Countries),
		Programs:    nonNil(e.Programs),
		Addresses:   nonNil(e.Addresses),
		LegalBasis:  nonNil(e.LegalBasis),
		Relation:    relation,
		Explanation: h.Explanation,
	}
}

// ScreenedLists names the lists a screening would run against, with the
// version served: the requested ones, or every list that has loaded (see
// match.SelectLists). A screening's result says which it did run against
// (match.Result.Lists).
func ScreenedLists(requested []string, all []lists.Status) []ListVersion {
	held := make([]ListVersion, 0, len(all))
	for _, st := range all {
		// A list that never loaded was not screened; /readyz reports it.
		if st.LoadedAt != nil {
			held = append(held, ListVersion{ID: st.ID, Version: st.Version})
		}
	}
	return match.SelectLists(held, requested)
}

// nonNil makes an absent slice render as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
