package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap/zapcore"

	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
	"github.com/rpscreen/rpscreen/match/matchtest"
)

const evalUsage = "rpscreen eval [--config FILE] [--data DIR] [--threshold X] [--samples N] [--negatives N] [--seed N] [--list ID]... [--json] [--verbose]"

// The evaluation's inputs under --data, and its defaults.
const (
	evalCasesFile     = "eval/cases.csv"                      // OpenSanctions name_bench pairs
	evalCrossFile     = "eval/cross_script_pairs.csv"         // watchman cross-script pairs
	evalNegativesFile = "negatives/company_names.derived.csv" // real companies; last column set = flagged
	evalDataDir       = "../shared/data"
	evalConfig        = "configs/shared-data.yaml"
	// evalFloor is the highest threshold variants and clean names are
	// screened at, so that recall and the flagged share can be read at any
	// threshold above it.
	evalFloor = 0.5
	// evalFlaggedBudget is the share of clean names an operating point may flag.
	evalFlaggedBudget = 0.01
)

// Targets from issue #4, printed beside the figures.
const (
	targetOrgF1        = 0.90
	targetRecall       = 0.97
	targetCleanFlagged = 0.01
)

type evalFlags struct {
	configPath, dataDir string
	threshold           *float64
	samples, negatives  int
	seed                uint64
	lists               listFlag
	json, verbose       bool
}

func (f *evalFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.configPath, "config", evalConfig, "configuration `file` naming the lists; paths under "+evalDataDir+"/ are read from --data")
	fs.StringVar(&f.dataDir, "data", evalDataDir, "the shared data `dir`ectory (eval/, negatives/ and the lists)")
	fs.Func("threshold", "the operating threshold, 0..1 (default: matching.threshold)", func(s string) error {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || v < 0 || v > 1 {
			return errors.New("must be a number between 0 and 1")
		}
		f.threshold = &v
		return nil
	})
	fs.IntVar(&f.samples, "samples", 2000, "listed names to perturb and screen (0: skip)")
	fs.IntVar(&f.negatives, "negatives", 0, "clean company names to screen (0: all)")
	fs.Uint64Var(&f.seed, "seed", 1, "random `seed` for sampling and perturbing; report it with the figures")
	fs.Var(&f.lists, "list", "load only this list `id` (repeatable; default: every configured list)")
	fs.BoolVar(&f.json, "json", false, "print the report as JSON")
	fs.BoolVar(&f.verbose, "verbose", false, "list misclassified pairs, missed variants and flagged clean names")
}

// evaluate measures matching quality on the shared data: labelled pairs,
// perturbed listed names against clean companies, cross-script pairs.
// Exit 0 with a report, 2 on a usage or load error.
func evaluate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var f evalFlags
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	f.register(fs)
	rest, code, ok := parseFlags(fs, evalUsage, args, stdout, stderr)
	if !ok {
		return code
	}
	switch {
	case len(rest) > 0:
		return usageError(stderr, fmt.Sprintf("eval: unexpected argument %q (see rpscreen eval -h)", rest[0]))
	case f.samples < 0 || f.negatives < 0:
		return usageError(stderr, "eval: --samples and --negatives must not be negative")
	}
	for _, p := range []string{evalCasesFile, evalCrossFile, evalNegativesFile} {
		if _, err := os.Stat(filepath.Join(f.dataDir, p)); err != nil {
			return usageError(stderr, fmt.Sprintf("eval: %v (pass --data with the shared data directory)", err))
		}
	}
	start := time.Now()
	reg, cfg, err := loadEvalRegistry(ctx, &f, getenv, stderr)
	if err != nil {
		return usageError(stderr, "eval: "+oneLine(err))
	}
	rep := &evalReport{Seed: f.seed, Threshold: cfg.Matching.Threshold, Config: f.configPath, DataDir: f.dataDir,
		Workers: runtime.GOMAXPROCS(0)}
	if f.threshold != nil {
		rep.Threshold = *f.threshold
	}
	rep.Timing.LoadSeconds = time.Since(start).Seconds()
	for _, st := range reg.Lists() {
		rep.Lists = append(rep.Lists, evalList{ID: st.ID, Entities: st.Entities, Names: st.Names})
	}
	if err := rep.run(ctx, reg, &f); err != nil {
		return usageError(stderr, "eval: "+oneLine(err))
	}
	rep.Timing.TotalSeconds = time.Since(start).Seconds()
	if f.json {
		err = writeEvalJSON(stdout, rep)
	} else {
		err = writeEvalText(stdout, rep, f.verbose)
	}
	if err != nil {
		return usageError(stderr, "writing the report: "+err.Error())
	}
	return exitOK
}

// loadEvalRegistry loads the configured lists, reading paths under
// ../shared/data/ from --data so that the command runs from anywhere.
func loadEvalRegistry(ctx context.Context, f *evalFlags, getenv func(string) string, stderr io.Writer) (*lists.Registry, Config, error) {
	cfg, _, err := loadConfig(f.configPath, getenv)
	if err != nil {
		if f.configPath == evalConfig && errors.Is(err, os.ErrNotExist) {
			err = fmt.Errorf("%w (run from the repository root or pass --config)", err)
		}
		return nil, cfg, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, cfg, err
	}
	if len(f.lists) > 0 {
		cfg.Lists = slices.DeleteFunc(cfg.Lists, func(c lists.Config) bool { return !slices.Contains(f.lists, c.ID) })
	}
	for i, l := range cfg.Lists {
		if rel, ok := strings.CutPrefix(filepath.ToSlash(filepath.Clean(l.Path)), evalDataDir+"/"); ok && l.Path != "" {
			cfg.Lists[i].Path = filepath.Join(f.dataDir, filepath.FromSlash(rel))
		}
	}
	log, err := newLogger(LogConfig{Level: cfg.Log.Level, Format: formatConsole}, zapcore.WarnLevel, stderr)
	if err != nil {
		return nil, cfg, err
	}
	reg, err := lists.NewRegistry(log, prometheus.NewRegistry(), cfg.settings())
	if err != nil {
		return nil, cfg, err
	}
	if err := reg.Load(ctx); err != nil {
		return nil, cfg, fmt.Errorf("loading lists: %w", err)
	}
	return reg, cfg, nil
}

// run fills the report's sections.
func (rep *evalReport) run(ctx context.Context, reg *lists.Registry, f *evalFlags) error {
	t := time.Now()
	cases, err := readCases(filepath.Join(f.dataDir, evalCasesFile))
	if err != nil {
		return err
	}
	rep.Pairs = scorePairs(reg, cases, rep.Threshold, f.verbose)
	cross, err := readCrossScript(filepath.Join(f.dataDir, evalCrossFile))
	if err != nil {
		return err
	}
	rep.CrossScript = scoreCrossScript(reg, cross, rep.Threshold, f.verbose)
	rep.Timing.PairsSeconds = time.Since(t).Seconds()

	clean, flagged, err := readNegatives(filepath.Join(f.dataDir, evalNegativesFile))
	if err != nil {
		return err
	}
	clean, listed := splitListed(reg, clean)
	flagged = append(flagged, listed...)
	if f.negatives > 0 && f.negatives < len(clean) {
		r := rand.New(rand.NewPCG(f.seed, 2))
		r.Shuffle(len(clean), func(i, j int) { clean[i], clean[j] = clean[j], clean[i] })
		clean = clean[:f.negatives]
	}
	if f.samples == 0 {
		return nil
	}
	rep.Screening, err = screenVariants(ctx, reg, clean, flagged, rep.Threshold, f, &rep.Timing)
	if rep.Screening != nil {
		rep.Screening.Adversarial.OnLoadedLists = len(listed)
	}
	return err
}

// splitListed takes out of clean the names that are, once legal forms are
// dropped, a name on a loaded list. The negatives file flags the names
// equal to one on the lists it was checked against; the loaded lists may be
// others (OpenSanctions lists vessels called Amazon and Oracle), and a
// screening service must flag an exact listed name.
func splitListed(reg *lists.Registry, clean []string) (rest, listed []string) {
	cores := map[string]bool{}
	for _, st := range reg.Lists() {
		for _, e := range reg.Entities(st.ID) {
			for _, a := range e.Names() {
				if c := match.Prepare(a.Name).Core(); c != "" {
					cores[c] = true
				}
			}
		}
	}
	for _, n := range clean {
		if cores[match.Prepare(n).Core()] {
			listed = append(listed, n)
		} else {
			rest = append(rest, n)
		}
	}
	return rest, listed
}

// screenAll screens names on every core at the floor threshold and times
// each. A name the matcher rejects gets an empty result.
func screenAll(ctx context.Context, reg *lists.Registry, names []string, floor float64, limit int) ([]match.Result, []time.Duration, error) {
	results := make([]match.Result, len(names))
	took := make([]time.Duration, len(names))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(names) && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				t := time.Now()
				results[i], _ = reg.Screen(ctx, match.Query{Name: names[i], Threshold: &floor, Limit: &limit})
				took[i] = time.Since(t)
			}
		})
	}
	wg.Wait()
	return results, took, ctx.Err()
}

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

// The report, for --json and the text writer.
type (
	evalReport struct {
		Seed        uint64           `json:"seed"`
		Threshold   float64          `json:"threshold"`
		Config      string           `json:"config"`
		DataDir     string           `json:"data_dir"`
		Workers     int              `json:"workers"`
		Lists       []evalList       `json:"lists"`
		Pairs       pairsReport      `json:"pairs"`
		Screening   *screeningReport `json:"screening,omitempty"`
		CrossScript crossReport      `json:"cross_script"`
		Timing      evalTiming       `json:"timing"`
	}
	evalList struct {
		ID       string `json:"id"`
		Entities int    `json:"entities"`
		Names    int    `json:"names"`
	}
	pairsReport struct {
		Organizations pairMetrics        `json:"organizations"` // Company, Organization, LegalEntity rows
		Persons       pairMetrics        `json:"persons"`
		Vessels       pairMetrics        `json:"vessels"`
		OrgBySlice    []pairMetrics      `json:"organizations_by_slice"` // by quality, then by case_group
		Calibration   []calibration      `json:"calibration"`            // organisations, mean score by quality and label
		Symmetry      symmetryReport     `json:"symmetry"`
		Misclassified []pairDisagreement `json:"misclassified_organizations,omitempty"`
	}
	pairMetrics struct {
		Slice         string  `json:"slice,omitempty"` // a quality (strong...) or a case_group
		Pairs         int     `json:"pairs"`
		Matches       int     `json:"matches"`
		TP            int     `json:"tp"`
		FP            int     `json:"fp"`
		FN            int     `json:"fn"`
		TN            int     `json:"tn"`
		Precision     float64 `json:"precision"`
		Recall        float64 `json:"recall"`
		F1            float64 `json:"f1"`
		BestF1        float64 `json:"best_f1"`
		BestThreshold float64 `json:"best_threshold"`
	}
	calibration struct {
		Quality   string  `json:"quality"`
		Match     bool    `json:"match"`
		Pairs     int     `json:"pairs"`
		MeanScore float64 `json:"mean_score"`
	}
	symmetryReport struct {
		MeanDiff float64   `json:"mean_abs_diff"`
		MaxDiff  float64   `json:"max_abs_diff"`
		MaxPair  [2]string `json:"max_pair"`
		Over005  int       `json:"pairs_over_0_05"`
		Flips    int       `json:"verdict_flips"` // one direction a hit, the other not
	}
	pairDisagreement struct {
		Name1       string  `json:"name1"`
		Name2       string  `json:"name2"`
		Match       bool    `json:"is_match"`
		Quality     string  `json:"quality"`
		Group       string  `json:"case_group"`
		Category    string  `json:"category,omitempty"`
		Score       float64 `json:"score"`
		Reverse     float64 `json:"reverse_score"`
		Explanation string  `json:"explanation"`
	}
	screeningReport struct {
		Samples           int               `json:"samples"`
		Organizations     int               `json:"organizations"`
		Individuals       int               `json:"individuals"`
		Skipped           int               `json:"skipped"` // sampled names no perturbation applies to
		Found             int               `json:"found"`
		Recall            float64           `json:"recall"`
		Clean             int               `json:"clean"`
		CleanFlaggedCount int               `json:"clean_flagged_count"`
		CleanFlagged      float64           `json:"clean_flagged"`
		ThresholdAt1Pct   float64           `json:"threshold_at_1pct_flagged"`
		ThresholdAtFloor  bool              `json:"threshold_at_floor"` // the budget holds even at Floor
		Floor             float64           `json:"floor"`              // the threshold names were screened at
		RecallAt1Pct      float64           `json:"recall_at_1pct_flagged"`
		ByKind            []kindRecall      `json:"by_kind"`
		ByType            []kindRecall      `json:"by_type"`
		Adversarial       adversarialReport `json:"adversarial"`
		Misses            []variantMiss     `json:"misses,omitempty"`
		FalsePositives    []cleanHit        `json:"false_positives,omitempty"`
	}
	kindRecall struct {
		Kind         string  `json:"kind"`
		Recall       float64 `json:"recall"`
		Alone        int     `json:"alone"`
		AloneFound   int     `json:"alone_found"`
		AloneRecall  float64 `json:"alone_recall"`
		Paired       int     `json:"paired"`
		PairedFound  int     `json:"paired_found"`
		PairedRecall float64 `json:"paired_recall"`
	}
	adversarialReport struct {
		Rows          int      `json:"rows"`
		OnLoadedLists int      `json:"on_loaded_lists"` // of Rows: names the file left clean
		Flagged       int      `json:"flagged"`
		Missed        []string `json:"missed,omitempty"`
	}
	variantMiss struct {
		Source    string  `json:"source"`
		SourceID  string  `json:"source_id"`
		Variant   string  `json:"variant"`
		How       string  `json:"how"`
		Score     float64 `json:"score"`
		Best      string  `json:"best_hit,omitempty"`
		BestScore float64 `json:"best_hit_score,omitempty"`
	}
	cleanHit struct {
		Name     string  `json:"name"`
		Matched  string  `json:"matched_name"`
		EntityID string  `json:"entity_id"`
		Score    float64 `json:"score"`
	}
	crossReport struct {
		Pairs    int           `json:"pairs"`
		Found    int           `json:"found"`
		ByScript []crossScript `json:"by_script"`
		Rows     []crossRow    `json:"rows,omitempty"`
	}
	crossScript struct {
		Script    string  `json:"script"`
		Pairs     int     `json:"pairs"`
		Found     int     `json:"found"`
		MeanScore float64 `json:"mean_score"`
	}
	crossRow struct {
		Script   string  `json:"script"`
		Query    string  `json:"query"`
		Latin    string  `json:"latin"`
		Score    float64 `json:"score"`
		Watchman float64 `json:"watchman_min_score"`
	}
	evalTiming struct {
		LoadSeconds     float64 `json:"load_seconds"`
		PairsSeconds    float64 `json:"pairs_seconds"`
		VariantsSeconds float64 `json:"variants_seconds"`
		CleanSeconds    float64 `json:"clean_seconds"`
		TotalSeconds    float64 `json:"total_seconds"`
		Screenings      int     `json:"screenings"`
		MeanMS          float64 `json:"screen_mean_ms"`
		P99MS           float64 `json:"screen_p99_ms"`
	}
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

func writeEvalJSON(w io.Writer, rep *evalReport) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// verboseRows caps the rows each verbose listing prints; --json has them all.
const verboseRows = 100

func writeEvalText(w io.Writer, rep *evalReport, verbose bool) error {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	entities, names := 0, 0
	for _, l := range rep.Lists {
		entities, names = entities+l.Entities, names+l.Names
	}
	p("rpscreen eval: seed %d, threshold %.2f, config %s, data %s\n", rep.Seed, rep.Threshold, rep.Config, rep.DataDir)
	p("lists: %d (%d entities, %d names) loaded in %.1fs\n\n", len(rep.Lists), entities, names, rep.Timing.LoadSeconds)

	pr := rep.Pairs
	p("1. Labelled pairs (eval/cases.csv; name1 as query, name2 as listed)\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "   %-18s\tpairs\tmatch\tTP\tFP\tFN\tTN\tprecision\trecall\tF1\tbest F1\tat\t\n", "")
	row := func(name string, m pairMetrics) {
		fmt.Fprintf(tw, "   %-18s\t%d\t%d\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t\n", name, m.Pairs, m.Matches,
			m.TP, m.FP, m.FN, m.TN, m.Precision, m.Recall, m.F1, m.BestF1, m.BestThreshold)
	}
	row("organisations", pr.Organizations)
	for _, m := range pr.OrgBySlice {
		row("  "+m.Slice, m)
	}
	row("persons", pr.Persons)
	row("vessels", pr.Vessels)
	if err := tw.Flush(); err != nil {
		return err
	}
	p("   organisations, mean score from surest match to surest non-match (should fall):")
	for _, c := range pr.Calibration {
		p(" %s%s %.2f", strings.ToLower(c.Quality[:1]), map[bool]string{true: "+", false: "-"}[c.Match], c.MeanScore)
	}
	s := pr.Symmetry
	p("\n   symmetry: mean |s(a,b)-s(b,a)| %.4f, max %.3f (%q / %q), %d pairs differ by >0.05, %d verdicts flip\n",
		s.MeanDiff, s.MaxDiff, s.MaxPair[0], s.MaxPair[1], s.Over005, s.Flips)
	if verbose && len(pr.Misclassified) > 0 {
		p("   misclassified organisation pairs (FN: a match scored under the threshold; FP: a non-match over it):\n")
		for _, d := range pr.Misclassified {
			kind := map[bool]string{true: "FN", false: "FP"}[d.Match]
			p("     %s %.3f (rev %.3f) %-6s %-15s %q ~ %q  %s\n", kind, d.Score, d.Reverse, strings.ToLower(d.Quality), d.Group, d.Name1, d.Name2, d.Explanation)
		}
	}

	p("\n2. Perturbed listed names vs clean companies (negatives/company_names.derived.csv)\n")
	if sr := rep.Screening; sr != nil {
		p("   %d variants (%d organisations, %d individuals; %d sampled names had no applicable change), %d clean names\n",
			sr.Samples, sr.Organizations, sr.Individuals, sr.Skipped, sr.Clean)
		p("   at threshold %.2f: recall %.3f (%d/%d), clean flagged %.4f (%d/%d)\n",
			rep.Threshold, sr.Recall, sr.Found, sr.Samples, sr.CleanFlagged, sr.CleanFlaggedCount, sr.Clean)
		at := fmt.Sprintf("%.4f", sr.ThresholdAt1Pct)
		if sr.ThresholdAtFloor {
			at = fmt.Sprintf("<= %.2f (the screening floor)", sr.Floor)
		}
		p("   at 1%% clean flagged: threshold %s, recall %.3f\n", at, sr.RecallAt1Pct)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "   %-18s\tall\talone\tn\tin a pair\tn\t\n", "recall by kind")
		for _, k := range append(slices.Clone(sr.ByKind), sr.ByType...) {
			fmt.Fprintf(tw, "   %-18s\t%.3f\t%.3f\t%d\t%.3f\t%d\t\n", k.Kind, k.Recall, k.AloneRecall, k.Alone, k.PairedRecall, k.Paired)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		p("   listed names (flagged in the file, or equal to a name on a loaded list once legal forms are dropped: %d): %d of %d flagged at %.2f\n",
			sr.Adversarial.OnLoadedLists, sr.Adversarial.Flagged, sr.Adversarial.Rows, rep.Threshold)
		if verbose {
			p("   missed variants, closest first (score of the source; best other hit):\n")
			for _, m := range sr.Misses[:min(len(sr.Misses), verboseRows)] {
				p("     %.3f %-28s %q <- %q (%s)", m.Score, m.How, m.Variant, m.Source, m.SourceID)
				if m.Best != "" {
					p("; best %.3f %s", m.BestScore, m.Best)
				}
				p("\n")
			}
			p("   clean names flagged, highest first:\n")
			for _, c := range sr.FalsePositives[:min(len(sr.FalsePositives), verboseRows)] {
				p("     %.3f %q ~ %q (%s)\n", c.Score, c.Name, c.Matched, c.EntityID)
			}
			if len(sr.Adversarial.Missed) > 0 {
				p("   adversarial rows not flagged: %s\n", strings.Join(sr.Adversarial.Missed, "; "))
			}
		}
	}

	cr := rep.CrossScript
	p("\n3. Cross-script pairs (eval/cross_script_pairs.csv; informational): %d of %d at %.2f\n   ", cr.Found, cr.Pairs, rep.Threshold)
	for _, s := range cr.ByScript {
		p(" %s %d/%d (mean %.2f)", s.Script, s.Found, s.Pairs, s.MeanScore)
	}
	p("\n")
	for _, r := range cr.Rows {
		p("     %.3f (watchman min %.2f) %q ~ %q\n", r.Score, r.Watchman, r.Query, r.Latin)
	}

	t := rep.Timing
	p("\n4. Timing: load %.1fs, pairs %.2fs, %d variants %.1fs, clean names %.1fs, total %.1fs on %d workers;"+
		" per screening mean %.2fms, p99 %.2fms\n", t.LoadSeconds, t.PairsSeconds, screened(rep), t.VariantsSeconds,
		t.CleanSeconds, t.TotalSeconds, rep.Workers, t.MeanMS, t.P99MS)

	p("\nTargets: organisation F1 >= %.2f: %s", targetOrgF1, met(pr.Organizations.F1 >= targetOrgF1))
	if sr := rep.Screening; sr != nil {
		p("; recall >= %.2f at %.2f: %s; clean flagged <= %.0f%%: %s", targetRecall, rep.Threshold, met(sr.Recall >= targetRecall),
			targetCleanFlagged*100, met(sr.CleanFlagged <= targetCleanFlagged))
	}
	p("\n")
	return nil
}

func screened(rep *evalReport) int {
	if rep.Screening == nil {
		return 0
	}
	return rep.Screening.Samples
}

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}
