package main

import (
	"math"
	"slices"
	"strings"

	"github.com/rpscreen/rpscreen/lists"
)

// scoredPair is a labelled pair with its scores both ways.
type scoredPair struct {
	labelledPair
	score, reverse float64
	summary        string
}

func pairGroup(schema string) string {
	switch schema {
	case "Company", "Organization", "LegalEntity":
		return "organization"
	}
	return strings.ToLower(schema)
}

// scorePairs scores every labelled pair, name1 as the query and name2 as
// the listed name, and the other way round for the symmetry check.
func scorePairs(reg *lists.Registry, cases []labelledPair, thr float64, verbose bool) pairsReport {
	var rep pairsReport
	groups := map[string][]scoredPair{}
	sumDiff := 0.0
	for _, c := range cases {
		s, ex := reg.Compare(c.name1, c.name2)
		rv, _ := reg.Compare(c.name2, c.name1)
		sp := scoredPair{c, s, rv, ex.Summary}
		groups[pairGroup(c.schema)] = append(groups[pairGroup(c.schema)], sp)
		d := math.Abs(s - rv)
		sumDiff += d
		if d > rep.Symmetry.MaxDiff {
			rep.Symmetry.MaxDiff, rep.Symmetry.MaxPair = d, [2]string{c.name1, c.name2}
		}
		if d > 0.05 {
			rep.Symmetry.Over005++
		}
		if (s >= thr) != (rv >= thr) {
			rep.Symmetry.Flips++
		}
	}
	rep.Symmetry.MeanDiff = sumDiff / float64(max(1, len(cases)))
	orgs := groups["organization"]
	rep.Organizations = pairMetricsOf(orgs, thr)
	rep.Persons = pairMetricsOf(groups["person"], thr)
	rep.Vessels = pairMetricsOf(groups["vessel"], thr)
	for _, q := range []string{"STRONG", "MEDIUM", "WEAK"} {
		sub := slices.DeleteFunc(slices.Clone(orgs), func(p scoredPair) bool { return p.quality != q })
		m := pairMetricsOf(sub, thr)
		m.Slice = strings.ToLower(q)
		rep.OrgBySlice = append(rep.OrgBySlice, m)
	}
	var sources []string // case groups differ in labelling policy: say which fails
	for _, p := range orgs {
		if !slices.Contains(sources, p.group) {
			sources = append(sources, p.group)
		}
	}
	for _, g := range sources {
		m := pairMetricsOf(slices.DeleteFunc(slices.Clone(orgs), func(p scoredPair) bool { return p.group != g }), thr)
		m.Slice = g
		rep.OrgBySlice = append(rep.OrgBySlice, m)
	}
	// From the surest match to the surest non-match: means should fall.
	for _, c := range []calibration{{"STRONG", true, 0, 0}, {"MEDIUM", true, 0, 0}, {"WEAK", true, 0, 0},
		{"WEAK", false, 0, 0}, {"MEDIUM", false, 0, 0}, {"STRONG", false, 0, 0}} {
		sum := 0.0
		for _, p := range orgs {
			if p.quality == c.Quality && p.match == c.Match {
				c.Pairs++
				sum += p.score
			}
		}
		c.MeanScore = sum / float64(max(1, c.Pairs))
		rep.Calibration = append(rep.Calibration, c)
	}
	if verbose {
		for _, p := range orgs {
			if (p.score >= thr) != p.match {
				rep.Misclassified = append(rep.Misclassified, pairDisagreement{Name1: p.name1, Name2: p.name2, Match: p.match,
					Quality: p.quality, Group: p.group, Category: p.category, Score: p.score, Reverse: p.reverse, Explanation: p.summary})
			}
		}
		slices.SortStableFunc(rep.Misclassified, func(a, b pairDisagreement) int {
			if a.Match != b.Match {
				return map[bool]int{true: -1, false: 1}[a.Match] // missed matches first
			}
			return cmpDesc(a.Score, b.Score)
		})
	}
	return rep
}

func pairMetricsOf(ps []scoredPair, thr float64) pairMetrics {
	count := func(t float64) (tp, fp, fn, tn int) {
		for _, p := range ps {
			switch hit := p.score >= t; {
			case p.match && hit:
				tp++
			case p.match:
				fn++
			case hit:
				fp++
			default:
				tn++
			}
		}
		return
	}
	m := pairMetrics{Pairs: len(ps)}
	m.TP, m.FP, m.FN, m.TN = count(thr)
	m.Matches = m.TP + m.FN
	m.Precision, m.Recall, m.F1 = prf(m.TP, m.FP, m.FN)
	for _, p := range ps { // the threshold that would do best on these pairs
		tp, fp, fn, _ := count(p.score)
		if _, _, f1 := prf(tp, fp, fn); f1 > m.BestF1 || f1 == m.BestF1 && p.score > m.BestThreshold {
			m.BestF1, m.BestThreshold = f1, p.score
		}
	}
	return m
}

func prf(tp, fp, fn int) (precision, recall, f1 float64) {
	precision, recall = ratio(tp, tp+fp), ratio(tp, tp+fn)
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}

// scoreCrossScript scores each non-Latin name against its Latin spelling.
func scoreCrossScript(reg *lists.Registry, pairs []crossPair, thr float64, verbose bool) crossReport {
	rep := crossReport{Pairs: len(pairs)}
	var order []string
	by := map[string]*crossScript{}
	for _, p := range pairs {
		s, _ := reg.Compare(p.query, p.latin)
		cs := by[p.script]
		if cs == nil {
			cs = &crossScript{Script: p.script}
			by[p.script] = cs
			order = append(order, p.script)
		}
		cs.Pairs++
		cs.MeanScore += s
		if s >= thr {
			cs.Found++
			rep.Found++
		}
		if verbose {
			rep.Rows = append(rep.Rows, crossRow{Script: p.script, Query: p.query, Latin: p.latin, Score: s, Watchman: p.minScore})
		}
	}
	for _, s := range order {
		cs := by[s]
		cs.MeanScore /= float64(cs.Pairs)
		rep.ByScript = append(rep.ByScript, *cs)
	}
	return rep
}
