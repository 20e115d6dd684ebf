package report

import (
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// A table of thousands of daily periods computes in full, and the page's
// report holds its latest MaxShownPeriods periods with the same figures as
// results.csv; the trend tests still use every period.
func TestLargeTableComputes(t *testing.T) {
	tab, err := ingest.ReadTable("daily.csv", strings.NewReader(testfiles.DailyCSV(43*500, police.TerritorialNames())))
	if err != nil {
		t.Fatal(err)
	}
	res := analysis.Compute(tab, stats.Wilson)
	rep := NewReport(tab, res)
	all := ResultRows(res)
	if rep.PeriodsTotal != 500 || rep.RowsTotal != len(all) || len(rep.Periods) != MaxShownPeriods {
		t.Fatalf("periods %d of %d, rows total %d (results.csv has %d)", len(rep.Periods), rep.PeriodsTotal, rep.RowsTotal, len(all))
	}
	first := rep.Periods[0]
	if first != res.Periods[500-MaxShownPeriods].Label {
		t.Errorf("first period shown %s", first)
	}
	if len(rep.Rows) != MaxShownPeriods*44 {
		t.Errorf("%d rows sent to the page, want %d", len(rep.Rows), MaxShownPeriods*44)
	}
	// The rows shown have the values of results.csv's rows.
	byKey := map[[2]string]ResultRow{}
	for _, r := range all {
		byKey[[2]string{r.ForceCode, r.Period}] = r
	}
	for i, r := range rep.Rows {
		want, ok := byKey[[2]string{r.ForceCode, r.Period}]
		if !ok || r.Rate != Number(want.RatePer1000) || r.Rank != int(want.Rank) || r.TrendP != Number(want.TrendP) || r.Comparison != string(want.Comparison) {
			t.Fatalf("row %d: %+v, results.csv has %+v", i, r, want)
		}
	}
	for _, s := range rep.Series {
		if len(s.Points) != MaxShownPeriods || s.Points[0].Period != first {
			t.Errorf("%s: %d points from %s", s.Name, len(s.Points), s.Points[0].Period)
		}
		if s.Slope.Points != 500 {
			t.Errorf("%s: the slope uses %d periods, want all 500", s.Name, s.Slope.Points)
		}
	}
	if len(rep.Funnels) != MaxShownPeriods {
		t.Errorf("%d funnels", len(rep.Funnels))
	}
}
