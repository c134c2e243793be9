package main

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"

	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

func readCSV(path string, fields int) ([][]string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	cr := csv.NewReader(fh)
	cr.FieldsPerRecord = fields
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("read %s: no data rows", path)
	}
	return rows[1:], nil
}

// labelledPair is one row of cases.csv.
type labelledPair struct {
	group, schema, name1, name2, quality, category string
	match                                          bool
}

func readCases(path string) ([]labelledPair, error) {
	rows, err := readCSV(path, 8)
	if err != nil {
		return nil, err
	}
	out := make([]labelledPair, 0, len(rows))
	for i, r := range rows {
		m, err := strconv.ParseBool(r[4])
		if err != nil {
			return nil, fmt.Errorf("read %s line %d: is_match %q: %w", path, i+2, r[4], err)
		}
		q := strings.ToUpper(r[5])
		if q == "" {
			q = "MEDIUM" // the schema's default
		}
		out = append(out, labelledPair{group: r[0], schema: r[1], name1: r[2], name2: r[3], match: m, quality: q, category: r[6]})
	}
	return out, nil
}

// readNegatives splits company_names.derived.csv into clean names and the
// rows flagged as exact normalised matches of a listed name.
func readNegatives(path string) (clean, flagged []string, err error) {
	rows, err := readCSV(path, 4)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		if strings.TrimSpace(r[3]) == "" {
			clean = append(clean, r[0])
		} else {
			flagged = append(flagged, r[0])
		}
	}
	return clean, flagged, nil
}

// crossPair is one row of cross_script_pairs.csv, with the script named by
// the comment heading its group ("# Arabic to Latin ...").
type crossPair struct {
	script, query, latin string
	minScore             float64
}

func readCrossScript(path string) ([]crossPair, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []crossPair
	script := "other"
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if head, ok := strings.CutPrefix(line, "# "); ok {
			if s, _, ok := strings.Cut(head, " to Latin"); ok {
				script, _, _ = strings.Cut(s, " (")
			}
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "Query,") {
			continue
		}
		r, err := csv.NewReader(strings.NewReader(line)).Read()
		if err != nil || len(r) < 3 {
			return nil, fmt.Errorf("read %s line %d: want Query,Expected Match,Min Score,Description", path, n+1)
		}
		minScore, _ := strconv.ParseFloat(r[2], 64)
		out = append(out, crossPair{script: script, query: r[0], latin: r[1], minScore: minScore})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("read %s: no pairs", path)
	}
	return out, nil
}

// sampleListed draws n entities, organisations and individuals, uniformly
// from every loaded list but the built-in one.
func sampleListed(reg *lists.Registry, n int, r *rand.Rand) []*match.Entity {
	var pool []*match.Entity
	for _, st := range reg.Lists() {
		if st.ID == lists.BuiltinListID {
			continue
		}
		for _, e := range reg.Entities(st.ID) { // in list order: the same files give the same sample
			if e.Type == match.Organization || e.Type == match.Individual {
				pool = append(pool, e)
			}
		}
	}
	n = min(n, len(pool))
	for i := range n { // a partial Fisher-Yates shuffle
		j := i + r.IntN(len(pool)-i)
		pool[i], pool[j] = pool[j], pool[i]
	}
	return pool[:n]
}
