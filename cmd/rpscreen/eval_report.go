package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

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
