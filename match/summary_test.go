package match

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
)

// summarizeFmt is summarize as it was first written, with fmt: the
// reference the faster one must match byte for byte, since summaries are
// part of the API's answers and of audit trails.
func summarizeFmt(ex *Explanation, score float64, matched string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%.0f%% match with listed name %q:", score*100, matched)
	var parts []string
	for _, w := range ex.Words {
		if w.How == howExact || w.How == howLegal && w.Similarity == 1 {
			parts = append(parts, fmt.Sprintf("%q=%q", w.Query, w.Listed))
		} else {
			parts = append(parts, fmt.Sprintf("%q~%q (%s, %.2f)", w.Query, w.Listed, w.How, w.Similarity))
		}
	}
	b.WriteString(" " + strings.Join(parts, ", "))
	var missing []string
	for _, u := range ex.Unmatched {
		if u.Kind == "distinctive" || u.Kind == "number" || u.Weight >= unmatchedListed {
			missing = append(missing, fmt.Sprintf("%q (%s side)", u.Word, u.Side))
		}
	}
	if len(missing) > 0 {
		b.WriteString("; unmatched: " + strings.Join(missing, ", "))
	}
	if len(ex.Adjustments) > 0 {
		b.WriteString("; " + strings.Join(ex.Adjustments, "; "))
	}
	return b.String()
}

func TestSummarizeMatchesFmt(t *testing.T) {
	long := strings.Repeat("ZAKRYTOE AKTSIONERNOE OBSHCHESTVO ", 12)
	tests := []struct {
		name    string
		ex      Explanation
		score   float64
		matched string
	}{
		{name: "no words", score: 0.5, matched: "ARES"},
		{name: "empty everything"},
		{
			name: "typo and exact words",
			ex: Explanation{Words: []WordMatch{
				{Query: "khaemnei", Listed: "khamenei", Similarity: 0.8775, Weight: 2, How: howTypo},
				{Query: "ali", Listed: "ali", Similarity: 1, Weight: 0.6336, How: howExact},
				{Query: "husseini", Listed: "husseini", Similarity: 1, Weight: 2, How: howExact},
			}},
			score: 0.9471, matched: "KHAMENEI, Ali Husseini",
		},
		{
			name: "legal form, full and partial",
			ex: Explanation{Words: []WordMatch{
				{Query: "ltd", Listed: "limited", Similarity: 1, How: howLegal},
				{Query: "co", Listed: "corp", Similarity: 0.6, How: howLegal},
			}},
			score: 0.995, matched: "ANGLO-CARIBBEAN CO., LTD.",
		},
		{
			name: "quotes, backslashes and control characters",
			ex: Explanation{
				Words:     []WordMatch{{Query: `"al" \ nour`, Listed: "al\tnour\n", Similarity: 0.125, How: howJoined}},
				Unmatched: []UnmatchedWord{{Word: "it's \"x\"", Side: "query", Weight: 0.4, Kind: "generic"}},
			},
			score: 0.005, matched: `O'BRIEN "SHIPPING" \ CO`,
		},
		{
			name: "non-ASCII, invalid UTF-8 and unprintable runes",
			ex: Explanation{
				Words: []WordMatch{
					{Query: "газпром", Listed: "gazprom", Similarity: 0.91, How: "transliteration"},
					{Query: "müller", Listed: "muller", Similarity: 0.995, How: howVariant},
					{Query: "\xff\xfe", Listed: "\u2028\u00ad", Similarity: 0.0049, How: howTypo},
				},
				Unmatched: []UnmatchedWord{
					{Word: "محمد", Side: "listed", Weight: 0.1, Kind: "distinctive"},
					{Word: "习近平", Side: "query", Weight: 0.1, Kind: "number"},
					{Word: "\U0001F600", Side: "listed", Weight: 0.39, Kind: "generic"},
				},
				Adjustments: []string{"country differs: DE against RU", "weak alias: × 0.9"},
			},
			score: 0.8125, matched: "ООО «Газпром» Müller \x00",
		},
		{
			name: "unmatched words below the weight that counts",
			ex: Explanation{Unmatched: []UnmatchedWord{
				{Word: "company", Side: "listed", Weight: 0.3999, Kind: "generic"},
				{Word: "ltd", Side: "query", Weight: 0.03, Kind: "legal form"},
			}},
			score: 1, matched: "X",
		},
		{
			name: "one adjustment only",
			ex:   Explanation{Adjustments: []string{"descriptive words differ (gas against oil): each counts 0.5"}},
			// Halves round to even in both: 12.5 -> 12, 0.125 -> 0.12.
			score: 0.125, matched: "Saudi Arabian Oil Company",
		},
		{
			name: "longer than the stack buffer",
			ex: Explanation{
				Words:     []WordMatch{{Query: long, Listed: long, Similarity: 0.5, How: howTypo}},
				Unmatched: []UnmatchedWord{{Word: long, Side: "query", Weight: 1, Kind: "distinctive"}},
			},
			score: 0.33333, matched: long,
		},
		{name: "score over one", score: 1.5, matched: "A"},
		{name: "negative zero", score: math.Copysign(0, -1), matched: "A"},
		{name: "NaN", score: math.NaN(), matched: "A"},
		{name: "infinite", score: math.Inf(1), matched: "A"},
		{name: "negative infinite", score: math.Inf(-1), matched: "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := summarize(&tt.ex, tt.score, tt.matched), summarizeFmt(&tt.ex, tt.score, tt.matched)
			if got != want {
				t.Errorf("summarize:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// TestSummarizeMatchesFmtOnRealNames compares the two on explanations the
// index gives for names with typos, legal forms, other scripts and
// unmatched words.
func TestSummarizeMatchesFmtOnRealNames(t *testing.T) {
	ix := NewIndex([]*Entity{})
	pairs := [][2]string{
		{"ANGLO-CARIBBEAN CO., LTD.", "Anglo Caribbean Company Limited"},
		{"Khaemnei, Ali", "KHAMENEI, Ali Husseini"},
		{"Aero Caribbean", "AEROCARIBBEAN AIRLINES"},
		{"Saudi Arabian Gas Company", "Saudi Arabian Oil Company"},
		{"ООО Газпром", "OOO GAZPROM"},
		{"Müller & Söhne \"GmbH\"", "MUELLER UND SOEHNE GMBH"},
		{"KKR Asian Fund III", "KKR Asian Fund IV"},
		{"M and S Trading", "Mahmood Shahid"},
	}
	for _, p := range pairs {
		score, ex := ix.Compare(p[0], p[1])
		if got, want := summarize(&ex, score, p[1]), summarizeFmt(&ex, score, p[1]); got != want {
			t.Errorf("%q vs %q:\n got %q\nwant %q", p[0], p[1], got, want)
		}
	}
}

func FuzzSummarize(f *testing.F) {
	f.Add("khaemnei", "khamenei", howTypo, 0.8775, "x", "query", "distinctive", 0.4, "adj", 0.9471, "KHAMENEI")
	f.Add("ltd", "limited", howLegal, 1.0, "\xff", "listed", "generic", 0.39, "", 0.0, `"q"`)
	f.Fuzz(func(t *testing.T, q, l, how string, sim float64, word, side, kind string, weight float64, adj string, score float64, matched string) {
		ex := Explanation{
			Words:     []WordMatch{{Query: q, Listed: l, Similarity: sim, How: how}, {Query: l, Listed: q, Similarity: 1, How: how}},
			Unmatched: []UnmatchedWord{{Word: word, Side: side, Weight: weight, Kind: kind}},
		}
		if adj != "" {
			ex.Adjustments = []string{adj, adj}
		}
		if got, want := summarize(&ex, score, matched), summarizeFmt(&ex, score, matched); got != want {
			t.Errorf("summarize:\n got %q\nwant %q", got, want)
		}
	})
}

func BenchmarkSummarize(b *testing.B) {
	ex := Explanation{
		Words: []WordMatch{
			{Query: "khaemnei", Listed: "khamenei", Similarity: 0.8775, Weight: 2, How: howTypo},
			{Query: "ali", Listed: "ali", Similarity: 1, Weight: 0.6336, How: howExact},
			{Query: "husseini", Listed: "husseini", Similarity: 1, Weight: 2, How: howExact},
		},
		Unmatched: []UnmatchedWord{{Word: "sayyid", Side: "listed", Weight: 1, Kind: "distinctive"}},
	}
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			summarize(&ex, 0.9471, "KHAMENEI, Ali Husseini")
		}
	})
	b.Run("fmt", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			summarizeFmt(&ex, 0.9471, "KHAMENEI, Ali Husseini")
		}
	})
}

// appendQuoted writes what strconv.Quote does, whatever the string.
func FuzzAppendQuoted(f *testing.F) {
	for _, s := range []string{"", "kaspersky", `say "hi"`, `a\b`, "tab\there", "Касперский", "\x7f", "~ ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendQuoted([]byte("x"), s)), "x"+strconv.Quote(s); got != want {
			t.Fatalf("appendQuoted(%q) = %s, want %s", s, got, want)
		}
	})
}
