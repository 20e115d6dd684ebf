package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// The methods page (methods.html) works each statistic through with real
// numbers. This test works them out again with the functions the app uses
// and checks that every figure the page quotes is the one stats gives: the
// page cannot drift from the engine.

// Derbyshire's figures, as published: 7 registered sex offenders whose
// whereabouts were unknown on 17 January 2018 (Sky News FOI survey, Burton
// Mail, 31 March 2018), of 1,154 registered in 2016/17 (MAPPA annual report).
const derbyshireMissing, derbyshireRegistered = 7, 1154

// practiceRow is one row of the practice data's report, as the page gets it.
type practiceRow struct {
	ForceName, Period, FunnelFlag, FunnelFlagOD, Comparison, RankText, TrendDirection string
	Missing, Registered                                                               float64
	Rate, CI95Low, CI95High, TrendP                                                   float64
	Rank                                                                              int
	IsAggregate                                                                       bool
}

func practiceReport(t *testing.T) (rows []practiceRow, page map[string]json.RawMessage) {
	t.Helper()
	table, err := ingest.ReadTable(examples.SyntheticFile, bytes.NewReader(examples.SyntheticPracticeCSV()))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(report.NewReport(table, analysis.Compute(table, stats.Wilson)))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(page["rows"], &rows); err != nil {
		t.Fatal(err)
	}
	return rows, page
}

// methodsFigures are the figures the methods page quotes, by what they are,
// written as the page writes them.
func methodsFigures(t *testing.T) map[string]string {
	f2 := func(v float64) string { return fmt.Sprintf("%.2f", v) }
	out := map[string]string{}
	x, n := int64(derbyshireMissing), int64(derbyshireRegistered)
	out["rate"] = f2(float64(x) / float64(n) * 1000)
	lo, hi := stats.WilsonInterval(x, n, stats.Level95)
	out["wilson 95 low"], out["wilson 95 high"] = f2(lo*1000), f2(hi*1000)
	lo, hi = stats.WilsonInterval(x, n, stats.Level998)
	out["wilson 99.8 low"], out["wilson 99.8 high"] = f2(lo*1000), f2(hi*1000)
	lo, hi = stats.PoissonInterval(x, stats.Level95)
	out["poisson count low"], out["poisson count high"] = f2(lo), f2(hi)
	out["poisson 95 low"], out["poisson 95 high"] = f2(lo/float64(n)*1000), f2(hi/float64(n)*1000)

	rows, report := practiceReport(t)
	const period = "2023/24"
	var derby, all practiceRow
	for _, r := range rows {
		if r.Period == period && r.ForceName == "Derbyshire" {
			derby = r
		}
		if r.Period == period && r.IsAggregate {
			all = r
		}
	}
	out["practice missing"], out["practice registered"] = fmt.Sprint(derby.Missing), fmt.Sprint(derby.Registered)
	out["practice rate"] = f2(derby.Rate)
	out["practice 95 low"], out["practice 95 high"] = f2(derby.CI95Low), f2(derby.CI95High)
	out["all missing"], out["all registered"] = fmt.Sprint(all.Missing), fmt.Sprint(all.Registered)
	out["all rate"] = f2(all.Rate)
	out["all 95 low"], out["all 95 high"] = f2(all.CI95Low), f2(all.CI95High)
	out["all forces"] = all.ForceName
	out["comparison"] = derby.Comparison
	out["flag"], out["flag od"] = derby.FunnelFlag, derby.FunnelFlagOD
	out["rank"] = derby.RankText
	out["rank point"] = "ranks " + analysis.Ordinal(derby.Rank)
	pbar := all.Missing / all.Registered
	limits := stats.FunnelLimits(pbar, derby.Registered)
	out["funnel 95 high"], out["funnel 99.8 high"] = f2(limits.High95*1000), f2(limits.High998*1000)
	out["funnel 95 low"], out["funnel 99.8 low"] = f2(limits.Low95*1000), f2(limits.Low998*1000)

	var funnels []struct {
		Period    string
		Phi, Tau2 float64
	}
	if err := json.Unmarshal(report["funnels"], &funnels); err != nil {
		t.Fatal(err)
	}
	for _, fu := range funnels {
		if fu.Period == period {
			out["phi"], out["tau2"] = f2(fu.Phi), fmt.Sprintf("%.3g", fu.Tau2)
		}
	}
	var series []struct {
		Name  string
		Slope struct {
			PerYear, Low, High float64
			Points             int
		}
		YearOnYear []struct {
			From, To                string
			RateChange, RatePercent float64
			MissingChange           float64
		}
		ChiSquare, TrendP float64
		Points            []struct {
			Period          string
			Rate, Low, High float64
		}
	}
	if err := json.Unmarshal(report["series"], &series); err != nil {
		t.Fatal(err)
	}
	for _, s := range series {
		if s.Name != "Derbyshire" {
			continue
		}
		out["slope"], out["slope low"], out["slope high"] = f2(s.Slope.PerYear), f2(s.Slope.Low), f2(s.Slope.High)
		last := s.YearOnYear[len(s.YearOnYear)-1]
		out["change"], out["change percent"] = f2(last.RateChange), fmt.Sprintf("%.1f", last.RatePercent)
		prev := s.Points[len(s.Points)-2]
		out["previous rate"] = f2(prev.Rate)
		out["chi-square"], out["chi-square p"] = f2(s.ChiSquare), fmt.Sprintf("%.3f", s.TrendP)
	}
	out["recent p"], out["recent"] = fmt.Sprintf("%.3f", derby.TrendP), derby.TrendDirection
	for k, v := range out {
		if v == "" || strings.Contains(v, "NaN") {
			t.Fatalf("no figure for %s", k)
		}
	}
	return out
}

func TestMethodsPageQuotesTheEngine(t *testing.T) {
	page, err := os.ReadFile("methods.html")
	if err != nil {
		t.Fatal(err)
	}
	// 1,154 is 1154, and the page writes minus signs as −.
	text := strings.NewReplacer(",", "", "−", "-").Replace(string(page))
	for what, figure := range methodsFigures(t) {
		if !strings.Contains(text, strings.ReplaceAll(figure, ",", "")) {
			t.Errorf("methods.html does not quote %s as %s", what, figure)
		}
	}
}
