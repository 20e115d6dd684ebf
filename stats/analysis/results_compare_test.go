package analysis_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// issue5Columns follow the eight of the contract and the 99.8% ends, in the
// order issue 5 gives them.
var issue5Columns = []string{"ci998_low", "ci998_high", "funnel_flag", "funnel_flag_od", "comparison",
	"rank", "rank_low", "rank_high", "trend_direction", "trend_p"}

func practiceResults(t *testing.T) (analysis.Results, [][]string) {
	t.Helper()
	return writeResults(t, string(examples.SyntheticPracticeCSV()))
}

func TestResultsCSVComparisonColumns(t *testing.T) {
	res, records := practiceResults(t)
	header := records[0]
	if got := header[len(contractColumns) : len(contractColumns)+len(issue5Columns)]; !slices.Equal(got, issue5Columns) {
		t.Fatalf("columns after the contract's: %q, want %q", got, issue5Columns)
	}
	col := checkHeader(t, header)
	flags := []string{"", "high (99.8%)", "high (95%)", "not significant", "low (95%)", "low (99.8%)"}
	for i, rec := range records[1:] {
		cell := func(name string) string { return rec[col[name]] }
		if !slices.Contains(flags, cell("funnel_flag")) || !slices.Contains(flags, cell("funnel_flag_od")) {
			t.Errorf("row %d: flags %q, %q", i+2, cell("funnel_flag"), cell("funnel_flag_od"))
		}
		if !slices.Contains([]string{"", "higher", "similar", "lower"}, cell("comparison")) {
			t.Errorf("row %d: comparison %q", i+2, cell("comparison"))
		}
		if !slices.Contains([]string{"", "increasing", "decreasing", "no significant change"}, cell("trend_direction")) {
			t.Errorf("row %d: trend %q", i+2, cell("trend_direction"))
		}
		if p := cell("trend_p"); p != "" {
			if v, err := strconv.ParseFloat(p, 64); err != nil || v < 0 || v > 1 {
				t.Errorf("row %d: trend_p %q", i+2, p)
			}
		}
		if cell("force_code") == report.AllForcesCode {
			if cell("funnel_flag")+cell("comparison")+cell("rank") != "" {
				t.Errorf("aggregate row %d compared with itself: %q", i+2, rec)
			}
			continue
		}
		if cell("rank") != "" {
			r, _ := strconv.Atoi(cell("rank"))
			lo, _ := strconv.Atoi(cell("rank_low"))
			hi, _ := strconv.Atoi(cell("rank_high"))
			if !(1 <= lo && lo <= r && r <= hi && hi <= 43) {
				t.Errorf("row %d: rank %d outside %d–%d", i+2, r, lo, hi)
			}
		}
	}
	// The file says what the statistics say: each row's funnel flag is its
	// funnel's, and its comparison its interval against the period's rate.
	last := res.Funnels[len(res.Funnels)-1]
	for _, p := range last.Points {
		for _, rec := range records[1:] {
			if rec[col["force_name"]] == p.Figure.DisplayName() && rec[col["period"]] == last.Period.Label {
				if rec[col["funnel_flag"]] != string(p.Flag) || rec[col["funnel_flag_od"]] != string(p.FlagOD) {
					t.Errorf("%s: row flags %q/%q, funnel %q/%q", p.Figure.DisplayName(), rec[col["funnel_flag"]], rec[col["funnel_flag_od"]], p.Flag, p.FlagOD)
				}
			}
		}
	}
}

// TestFindingsFollowTheStatistics checks every sentence of the practice data
// against the statistics it rests on: "higher" only with a higher
// comparison, "rising" only with an increasing trend.
func TestFindingsFollowTheStatistics(t *testing.T) {
	res, _ := practiceResults(t)
	aggs := map[string]analysis.Aggregate{}
	for _, a := range res.Aggregates {
		aggs[a.Period.Label] = a
	}
	seen := map[string]int{}
	for _, f := range res.Figures {
		s := report.Finding(f, aggs[f.Period.Label])
		a := f.Assessment
		checks := []struct {
			word string
			ok   bool
		}{
			{"higher than", a.Compared.At95 == stats.Higher},
			{"lower than", a.Compared.At95 == stats.Lower},
			{"similar to", a.Compared.At95 == stats.Similar},
			{"rising", a.Recent.Direction == stats.Increasing},
			{"falling", a.Recent.Direction == stats.Decreasing},
			{"above the 99.8%", a.Funnel == stats.FlagHigh998 || a.FunnelOD == stats.FlagHigh998},
			{"fewer than 10 events", f.Rate.Small},
		}
		for _, c := range checks {
			if strings.Contains(s, c.word) != c.ok {
				t.Errorf("%q: says %q = %v, but the statistics say %v", s, c.word, strings.Contains(s, c.word), c.ok)
			}
			if c.ok {
				seen[c.word]++
			}
		}
		if strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
			t.Errorf("%q", s)
		}
	}
	// The practice data exercise most of the wording.
	for _, w := range []string{"similar to", "higher than", "lower than", "above the 99.8%"} {
		if seen[w] == 0 {
			t.Errorf("no finding says %q: the test checks less than it seems", w)
		}
	}
}

// Only the latest MaxRankedPeriods periods are ranked; earlier rows say why.
func TestRanksForTheLatestPeriodsOnly(t *testing.T) {
	var b strings.Builder
	b.WriteString("Force,Month,Missing,Registered\n")
	start := 2015
	for m := range analysis.MaxRankedPeriods + 5 {
		for i, f := range []string{"Kent", "Dorset", "Essex", "Surrey"} {
			fmt.Fprintf(&b, "%s,%d-%02d,%d,%d\n", f, start+m/12, 1+m%12, 5+i*3+m%4, 1000+100*i)
		}
	}
	table, err := ingest.ReadTable("monthly.csv", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	res := analysis.Compute(table, stats.Wilson)
	ranked := map[string]bool{}
	for _, row := range report.ResultRows(res) {
		if row.ForceCode == report.AllForcesCode {
			continue
		}
		ranked[row.Period] = row.Rank != 0
		if row.Rank == 0 && !strings.Contains(row.Note, "not ranked") {
			t.Errorf("%s %s: no rank and no note why", row.ForceName, row.Period)
		}
	}
	for i, p := range res.Periods {
		if want := i >= len(res.Periods)-analysis.MaxRankedPeriods; ranked[p.Label] != want {
			t.Errorf("period %s ranked: %v, want %v", p.Label, ranked[p.Label], want)
		}
	}
}

// A period of more than MaxRankedForces forces with a rate is not ranked,
// and its rows say why.
func TestNoRanksForTooManyForces(t *testing.T) {
	var b strings.Builder
	b.WriteString("Area,Year,Missing,Registered\n")
	for _, year := range []int{2020, 2021} {
		forces := analysis.MaxRankedForces
		if year == 2021 {
			forces++
		}
		for i := range forces {
			fmt.Fprintf(&b, "Area %d,%d,%d,%d\n", i+1, year, 3+i%17, 600+7*i)
		}
	}
	table, err := ingest.ReadTable("areas.csv", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range report.ResultRows(analysis.Compute(table, stats.Wilson)) {
		if row.ForceCode == report.AllForcesCode {
			continue
		}
		if ranked := row.Rank != 0; ranked != (row.Period == "2020") {
			t.Fatalf("%s %s: ranked %v", row.ForceName, row.Period, ranked)
		}
		if row.Period == "2021" && !strings.Contains(row.Note, fmt.Sprintf("not ranked: ranks are worked out for periods of at most %d forces", analysis.MaxRankedForces)) {
			t.Fatalf("%s %s: no rank, and the note %q does not say why", row.ForceName, row.Period, row.Note)
		}
	}
}
