package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

// screenDocument is `screen --json`: one result per NAME, each shaped like
// the POST /v1/screen response (status, query, hits), and the lists screened.
type screenDocument struct {
	ScreenedAt string        `json:"screened_at"` // RFC 3339, UTC
	Results    []nameResult  `json:"results"`
	Lists      []listVersion `json:"lists"`
}

type nameResult struct {
	Status match.Status `json:"status"`
	Query  queryEcho    `json:"query"`
	Hits   []hitJSON    `json:"hits"`
}

type queryEcho struct {
	Name       string `json:"name"`
	Normalized string `json:"normalized"`
}

// hitJSON has the fields and rounding of a hit in the API response.
type hitJSON struct {
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

type listVersion struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

func writeJSON(w io.Writer, names []string, results []match.Result, loaded []lists.Status) error {
	doc := screenDocument{
		ScreenedAt: time.Now().UTC().Format(time.RFC3339),
		Results:    make([]nameResult, len(results)),
		Lists:      []listVersion{},
	}
	for i, r := range results {
		nr := nameResult{Status: r.Status, Query: queryEcho{Name: names[i], Normalized: r.Normalized}, Hits: []hitJSON{}}
		for _, h := range r.Hits {
			e := h.Entity
			nr.Hits = append(nr.Hits, hitJSON{
				EntityID: e.ID, List: e.List, Source: e.Source, Name: e.Name,
				MatchedName: h.MatchedName, WeakAlias: h.Weak,
				Score: math.Round(h.Score*10000) / 10000, Type: e.Type,
				Countries: nonNil(e.Countries), Programs: nonNil(e.Programs),
				Addresses: nonNil(e.Addresses), LegalBasis: nonNil(e.LegalBasis),
				Relation: relation(h), Explanation: h.Explanation,
			})
		}
		doc.Results[i] = nr
	}
	for _, l := range loaded {
		if l.LoadedAt != nil {
			doc.Lists = append(doc.Lists, listVersion{ID: l.ID, Version: l.Version})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// relation is the hit's relation to a listed party, else the entity's own.
func relation(h match.Hit) string {
	if h.Relation != "" {
		return h.Relation
	}
	return h.Entity.Relation
}

// nonNil makes an absent slice render as [] rather than null, as the API does.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// writeTables prints, for each NAME, its status and an aligned table of hits.
func writeTables(w io.Writer, names []string, results []match.Result) error {
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if r.Status != match.PotentialMatch {
			fmt.Fprintf(w, "%s: clear\n", cell(names[i]))
			continue
		}
		fmt.Fprintf(w, "%s: POTENTIAL MATCH (%d %s)\n", cell(names[i]), len(r.Hits), plural(len(r.Hits), "hit", "hits"))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  SCORE\tMATCHED NAME\tENTITY\tLIST\tRELATION\tEXPLANATION")
		for _, h := range r.Hits {
			matched := h.MatchedName
			if h.Weak {
				matched += " (weak alias)"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n",
				strconv.FormatFloat(h.Score, 'f', 2, 64), cell(matched), cell(h.Entity.Name),
				cell(h.Entity.List), truncate(cell(relation(h)), 60), cell(h.Explanation.Summary))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// cell makes a value safe for one tabwriter cell; an empty value shows as "-".
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "-"
	}
	return s
}

// truncate shortens a long cell so the table stays readable; --json has it whole.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
