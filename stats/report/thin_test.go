package report_test

import (
	"math"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// TestThinAggregateIsNotAllForces: in the real example, 17 January 2018's
// aggregate is Derbyshire alone (1 of 24 forces). It once read "All forces,
// 2018-01-17: 6.1 missing per 1,000", with a Copy button, and the dashed
// all-forces line joined it to Police Scotland in 2015.
func TestThinAggregateIsNotAllForces(t *testing.T) {
	tab, _ := analysis.Combine(examples.ReportedFiguresFile, []*cube.Table{examples.ReportedFiguresTable()}, analysis.PairContainingOrLatest)
	res := analysis.Compute(tab, stats.Wilson)
	rep := report.NewReport(tab, res)
	found := false
	for _, r := range rep.Rows {
		if !r.IsAggregate || r.Period != "2018-01-17" {
			continue
		}
		found = true
		if !strings.HasPrefix(r.ForceName, "Forces reporting (1 of 24 forces)") || !r.NotQuotable ||
			!strings.Contains(r.Finding, "not an all-forces figure") || strings.HasPrefix(r.Finding, "All forces") {
			t.Errorf("the 2018-01-17 aggregate: %q, quotable %v, finding %q", r.ForceName, !r.NotQuotable, r.Finding)
		}
	}
	if !found {
		t.Fatal("no aggregate row for 2018-01-17")
	}
	for _, s := range rep.Series {
		if s.Key != report.AllForcesCode {
			continue
		}
		for _, p := range s.Points {
			if !math.IsNaN(float64(p.Rate)) {
				t.Errorf("the all-forces line has a point in %s (%v), though no period has enough forces", p.Period, p.Rate)
			}
		}
	}
	for _, row := range report.ResultRows(res) {
		if row.ForceCode == report.AllForcesCode && (row.Coverage == "" || row.NumeratorMeasure != "missing") {
			t.Errorf("ALL row %s: coverage %q, numerator measure %q", row.Period, row.Coverage, row.NumeratorMeasure)
		}
	}
}
