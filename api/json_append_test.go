package api

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/rpscreen/rpscreen/match"
)

// A screening body written by screenResponse itself is json.Marshal's,
// byte for byte, whatever its strings and numbers hold, and fails where
// json.Marshal fails.
func FuzzScreenResponseJSON(f *testing.F) {
	f.Add("Kaspersky Lab", "AO \"Kaspersky\" <Lab> & Co", "Лаборатория Касперского", "\u2028\x01\xff", 0.9321, 0.0000001, 1e21, uint8(0))
	f.Add("", "", "", "", 1.0, 0.0, -0.5, uint8(255))
	f.Add("a\\b", "tab\there", "\x7f", "é", math.NaN(), 1.0, 1.0, uint8(7))
	f.Add("x", "y", "z", "w", 0.5, math.Inf(1), 2e-7, uint8(3))
	f.Add("AT&T <Holdings>", "a > b", "R&D", "1 < 2", 0.85, 0.4, 0.03, uint8(0xff))
	f.Add("Johnson & Johnson Co", "C:\\dir\\sub\\file and > x", "Name <with> tags here", "Ltd \"Quoted\" \\ path \x01", 0.85, 0.4, 0.03, uint8(0xdf))
	f.Fuzz(func(t *testing.T, s1, s2, s3, s4 string, f1, f2, f3 float64, shape uint8) {
		v := fuzzResponse(s1, s2, s3, s4, f1, f2, f3, shape)
		want, wantErr := json.Marshal(v)
		got, err := v.appendJSON(nil)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("appendJSON error %v, json.Marshal's %v", err, wantErr)
		}
		if err == nil && string(got) != string(want) {
			t.Fatalf("appendJSON wrote\n %s\njson.Marshal\n %s", got, want)
		}
	})
}

// fuzzResponse builds a response with every field, each optional one set
// or left out by a bit of shape, and nil and empty slices both.
func fuzzResponse(s1, s2, s3, s4 string, f1, f2, f3 float64, shape uint8) screenResponse {
	on := func(bit uint) bool { return shape&(1<<bit) != 0 }
	pick := func(bit uint, s string) string {
		if on(bit) {
			return s
		}
		return ""
	}
	strs := func(bit uint, ss ...string) []string {
		switch {
		case on(bit):
			return ss
		case on(bit + 1):
			return []string{}
		}
		return nil
	}
	ex := match.Explanation{Rule: "name", Summary: s1 + s2, Adjustments: strs(5, s3, "country differs")}
	if on(0) {
		ex.Words = []match.WordMatch{{Query: s1, Listed: s2, Similarity: f1, Weight: f2, How: "typo"}, {Query: s3, Listed: s3, Similarity: 1, Weight: f3, How: "exact"}}
	}
	if on(1) {
		ex.Unmatched = []match.UnmatchedWord{{Word: s4, Side: "query", Weight: f2, Kind: "distinctive"}}
	}
	hit := Hit{
		EntityID: "kaspersky:" + s1, List: "kaspersky", Source: pick(2, s2), Name: s3, MatchedName: s4,
		WeakAlias: on(3), Score: f1, Type: match.EntityType(pick(4, "organization")),
		Countries: strs(6, "RU", s2), Programs: strs(0, s4), Addresses: strs(2, s1, s2, s3),
		Relation: s4, Explanation: ex,
	}
	if on(7) {
		hit.LegalBasis = []match.LegalBasis{{Regime: s1}, {Authority: s2, Regime: "Entity List", Citation: s3, Date: "2024-06-24", Requirement: s4, Policy: s1, URL: s2, Notes: s3}}
	} else if on(6) {
		hit.LegalBasis = []match.LegalBasis{}
	}
	r := screenResponse{
		RequestID: s4, ScreenedAt: "2026-12-03T08:00:00Z", Status: match.PotentialMatch,
		Query: QueryEcho{Name: s1, Normalized: s2},
		Hits:  []Hit{hit, {EntityID: s2, Score: f3}},
		Lists: []ListVersion{{ID: s3, Version: s4}},
	}
	if on(5) {
		r.Hits, r.Status = []Hit{}, match.Clear
	}
	return r
}
