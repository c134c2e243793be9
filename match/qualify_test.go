package match

import (
	"strings"
	"testing"
)

// A query that reads as a company's name is less surely a listed ship or
// person of the same name; the explanation says so, and a query that does
// not read as one, or that gives its type, is left alone.
func TestOrganizationQueryAgainstVessel(t *testing.T) {
	ix := NewIndex([]*Entity{
		{ID: "l:ship", List: "l", Type: Vessel, Name: "ATLAS"},
		{ID: "l:firm", List: "l", Type: Organization, Name: "ATLAS"},
	})
	score := func(query string, typ EntityType) map[string]Hit {
		hits := ix.Search(Prepare(query), SearchOptions{Threshold: 0.1, Limit: 10, Type: typ})
		out := map[string]Hit{}
		for _, h := range hits {
			out[h.Entity.ID] = h
		}
		return out
	}

	hits := score("Atlas Ltd", "")
	ship, firm := hits["l:ship"], hits["l:firm"]
	if ship.Score >= firm.Score || ship.Score > orgMismatch*firm.Score+1e-9 {
		t.Errorf("Atlas Ltd: ship %.3f, company %.3f; want the ship scaled by %.2f", ship.Score, firm.Score, orgMismatch)
	}
	if !strings.Contains(strings.Join(ship.Explanation.Adjustments, ";"), "reads as an organisation") {
		t.Errorf("ship hit explanation %v does not say why it was lowered", ship.Explanation.Adjustments)
	}

	hits = score("Atlas", "")
	if hits["l:ship"].Score != hits["l:firm"].Score {
		t.Errorf("Atlas alone: ship %.3f, company %.3f; want equal", hits["l:ship"].Score, hits["l:firm"].Score)
	}
	hits = score("Atlas Ltd", Vessel)
	if len(hits["l:ship"].Explanation.Adjustments) != 0 {
		t.Errorf("typed vessel query: adjustments %v, want none", hits["l:ship"].Explanation.Adjustments)
	}
}
