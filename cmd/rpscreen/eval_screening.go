package main

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
	"github.com/rpscreen/rpscreen/match/matchtest"
)

// sourceScore is the score of the entity a variant was made from, or of an
// identical listing of it on another list; 0 when neither was a hit.
func sourceScore(hits []match.Hit, src *match.Entity) (float64, *match.Hit) {
	norm := match.Normalize(src.Name)
	for i, h := range hits {
		if h.Entity.ID == src.ID || h.Entity.Type == src.Type && match.Normalize(h.Entity.Name) == norm {
			return h.Score, &hits[i]
		}
	}
	return 0, nil
}

// screenVariants perturbs sampled listed names and screens them, then the
// clean and the flagged company names, and reads recall and the flagged share.
func screenVariants(ctx context.Context, reg *lists.Registry, clean, flagged []string, thr float64, f *evalFlags, timing *evalTiming) (*screeningReport, error) {
	r := rand.New(rand.NewPCG(f.seed, 1))
	sample := sampleListed(reg, f.samples, r)
	if len(sample) == 0 {
		return nil, errors.New("the loaded lists hold no organisation or individual to sample")
	}
	rep := &screeningReport{Clean: len(clean)}
	var srcs []*match.Entity
	var names, hows []string
	for _, e := range sample {
		v, how := matchtest.Perturb(r, e.Name, e.Type)
		if how == "" {
			rep.Skipped++
			continue
		}
		srcs, names, hows = append(srcs, e), append(names, v), append(hows, how)
		if e.Type == match.Organization {
			rep.Organizations++
		} else {
			rep.Individuals++
		}
	}
	rep.Samples = len(names)

	floor := min(evalFloor, thr)
	t := time.Now()
	res, took, err := screenAll(ctx, reg, names, floor, match.MaxLimit)
	if err != nil {
		return nil, err
	}
	timing.VariantsSeconds = time.Since(t).Seconds()
	t = time.Now()
	cres, ctook, err := screenAll(ctx, reg, clean, floor, 1)
	if err != nil {
		return nil, err
	}
	timing.CleanSeconds = time.Since(t).Seconds()
	fres, _, err := screenAll(ctx, reg, flagged, floor, 1)
	if err != nil {
		return nil, err
	}
	timing.latencies(append(took, ctook...))

	scores := make([]float64, len(names))
	for i := range names {
		score, _ := sourceScore(res[i].Hits, srcs[i])
		scores[i] = score
		if score < thr && f.verbose {
			m := variantMiss{Source: srcs[i].Name, SourceID: srcs[i].ID, Variant: names[i], How: hows[i], Score: score}
			if len(res[i].Hits) > 0 {
				h := res[i].Hits[0]
				m.Best, m.BestScore = h.MatchedName+" ("+h.Entity.ID+")", h.Score
			}
			rep.Misses = append(rep.Misses, m)
		}
	}
	top := make([]float64, len(clean))
	for i, cr := range cres {
		if len(cr.Hits) == 0 {
			continue
		}
		h := cr.Hits[0]
		top[i] = h.Score
		if h.Score >= thr && f.verbose {
			rep.FalsePositives = append(rep.FalsePositives, cleanHit{Name: clean[i], Matched: h.MatchedName, EntityID: h.Entity.ID, Score: h.Score})
		}
	}
	rep.Adversarial.Rows = len(flagged)
	for i, fr := range fres {
		if len(fr.Hits) > 0 && fr.Hits[0].Score >= thr {
			rep.Adversarial.Flagged++
		} else if f.verbose {
			rep.Adversarial.Missed = append(rep.Adversarial.Missed, flagged[i])
		}
	}
	rep.read(scores, top, hows, srcs, thr, floor)
	slices.SortStableFunc(rep.Misses, func(a, b variantMiss) int { return cmpDesc(a.Score, b.Score) })
	slices.SortStableFunc(rep.FalsePositives, func(a, b cleanHit) int { return cmpDesc(a.Score, b.Score) })
	return rep, nil
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// read computes the figures from the source scores of the variants and the
// top score of each clean name.
func (rep *screeningReport) read(scores, top []float64, hows []string, srcs []*match.Entity, thr, floor float64) {
	recallAt := func(t float64) (int, float64) {
		n := 0
		for _, s := range scores {
			if s >= t {
				n++
			}
		}
		return n, ratio(n, len(scores))
	}
	rep.Found, rep.Recall = recallAt(thr)
	for _, s := range top {
		if s >= thr {
			rep.CleanFlaggedCount++
		}
	}
	rep.CleanFlagged = ratio(rep.CleanFlaggedCount, len(top))
	rep.Floor = floor
	rep.ThresholdAt1Pct, rep.ThresholdAtFloor = operatingPoint(top, evalFlaggedBudget, floor)
	_, rep.RecallAt1Pct = recallAt(rep.ThresholdAt1Pct)

	kinds := map[string]*kindRecall{}
	types := map[match.EntityType]*kindRecall{}
	for i, how := range hows {
		found := scores[i] >= thr
		parts := strings.Split(how, "+")
		for _, k := range parts {
			kr := kinds[k]
			if kr == nil {
				kr = &kindRecall{Kind: k}
				kinds[k] = kr
			}
			kr.add(len(parts) == 1, found)
		}
		tr := types[srcs[i].Type]
		if tr == nil {
			tr = &kindRecall{Kind: string(srcs[i].Type)}
			types[srcs[i].Type] = tr
		}
		tr.add(len(parts) == 1, found)
	}
	for _, k := range matchtest.Kinds {
		if kr := kinds[string(k)]; kr != nil {
			rep.ByKind = append(rep.ByKind, kr.done())
		}
	}
	for _, t := range []match.EntityType{match.Organization, match.Individual} {
		if tr := types[t]; tr != nil {
			rep.ByType = append(rep.ByType, tr.done())
		}
	}
}

func (k *kindRecall) add(alone, found bool) {
	if alone {
		k.Alone++
		if found {
			k.AloneFound++
		}
	} else {
		k.Paired++
		if found {
			k.PairedFound++
		}
	}
}

func (k *kindRecall) done() kindRecall {
	k.AloneRecall, k.PairedRecall = ratio(k.AloneFound, k.Alone), ratio(k.PairedFound, k.Paired)
	k.Recall = ratio(k.AloneFound+k.PairedFound, k.Alone+k.Paired)
	return *k
}

// operatingPoint is the lowest threshold (on a 0.0001 grid) at which at most
// budget of the clean names have a hit; atFloor when even the screening
// floor stays within it.
func operatingPoint(top []float64, budget, floor float64) (thr float64, atFloor bool) {
	s := slices.Sorted(slices.Values(top))
	slices.Reverse(s)
	k := int(math.Floor(budget * float64(len(s))))
	if k >= len(s) || s[k] < floor {
		return floor, true
	}
	return math.Floor(s[k]*1e4+1e-6)/1e4 + 1e-4, false
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// latencies records the mean and 99th percentile time per screening.
func (t *evalTiming) latencies(took []time.Duration) {
	if len(took) == 0 {
		return
	}
	s := slices.Sorted(slices.Values(took))
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	t.Screenings = len(s)
	t.MeanMS = float64(sum.Microseconds()) / 1000 / float64(len(s))
	t.P99MS = float64(s[min(len(s)-1, len(s)*99/100)].Microseconds()) / 1000
}
