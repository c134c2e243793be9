package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rpscreen/rpscreen/api"
	"github.com/rpscreen/rpscreen/match"
)

// screenDocument is `screen --json`: one result per NAME, each shaped like
// the POST /v1/screen response (status, query, hits), and the lists screened.
type screenDocument struct {
	ScreenedAt string            `json:"screened_at"` // RFC 3339, UTC
	Results    []nameResult      `json:"results"`
	Lists      []api.ListVersion `json:"lists"`
}

type nameResult struct {
	Status match.Status  `json:"status"`
	Query  api.QueryEcho `json:"query"`
	Hits   []api.Hit     `json:"hits"`
}

// localResults renders what the local registry found with the API's own
// renderer, so local and --server output cannot drift.
func localResults(names []string, results []match.Result) []nameResult {
	out := make([]nameResult, len(results))
	for i, r := range results {
		nr := nameResult{Status: r.Status, Query: api.QueryEcho{Name: names[i], Normalized: r.Normalized}, Hits: []api.Hit{}}
		for _, h := range r.Hits {
			nr.Hits = append(nr.Hits, api.NewHit(h))
		}
		out[i] = nr
	}
	return out
}

func writeJSON(w io.Writer, results []nameResult, screened []api.ListVersion) error {
	doc := screenDocument{
		ScreenedAt: time.Now().UTC().Format(time.RFC3339),
		Results:    results,
		Lists:      screened,
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// writeTables prints, for each NAME, its status and an aligned table of hits.
func writeTables(w io.Writer, results []nameResult) error {
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if r.Status != match.PotentialMatch {
			fmt.Fprintf(w, "%s: clear\n", cell(r.Query.Name))
			continue
		}
		fmt.Fprintf(w, "%s: POTENTIAL MATCH (%d %s)\n", cell(r.Query.Name), len(r.Hits), plural(len(r.Hits), "hit", "hits"))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  SCORE\tMATCHED NAME\tENTITY\tLIST\tRELATION\tEXPLANATION")
		for _, h := range r.Hits {
			matched := h.MatchedName
			if h.WeakAlias {
				matched += " (weak alias)"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n",
				strconv.FormatFloat(h.Score, 'f', 2, 64), cell(matched), cell(h.Name),
				cell(h.List), truncate(cell(h.Relation), 60), cell(h.Explanation.Summary))
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
