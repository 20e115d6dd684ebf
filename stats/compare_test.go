package stats_test

import (
	"math"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
)

func TestCompareWith(t *testing.T) {
	// Derbyshire's 7 of 1,154 has a 95% stats.Wilson interval of 2.94 to 12.47 per
	// 1,000 and a 99.8% one of 2.10 to 17.30 (rate.R).
	derbyshire := stats.RateOf(cube.Exact(7), cube.Exact(1154), stats.Wilson)
	tests := []struct {
		all         float64
		at95, at998 stats.Comparison
	}{
		{8.78, stats.Similar, stats.Similar},
		{2.0, stats.Higher, stats.Higher},
		{2.5, stats.Higher, stats.Similar},
		{13.0, stats.Lower, stats.Similar},
		{20.0, stats.Lower, stats.Lower},
		{derbyshire.CI95.Low, stats.Similar, stats.Similar}, // an end counts as inside
	}
	for _, tt := range tests {
		got := stats.CompareWith(derbyshire, tt.all)
		if got.At95 != tt.at95 || got.At998 != tt.at998 {
			t.Errorf("against %g: %q/%q, want %q/%q", tt.all, got.At95, got.At998, tt.at95, tt.at998)
		}
	}
	if got := stats.CompareWith(derbyshire, math.NaN()); got.At95 != "" || got.Reason == "" {
		t.Errorf("no all-forces rate: %+v", got)
	}
	if got := stats.CompareWith(stats.RateOf(cube.ParseCount("*"), cube.Exact(100), stats.Wilson), 5); got.At95 != "" || got.Reason == "" {
		t.Errorf("suppressed: %+v", got)
	}
	// A censored count is similar unless its whole widened interval clears the benchmark.
	censored := stats.RateOf(cube.ParseCount("<5"), cube.Exact(1000), stats.Wilson)
	if got := stats.CompareWith(censored, 2); got.At95 != stats.Similar {
		t.Errorf("<5 of 1000 against 2 per 1,000: %q", got.At95)
	}
	if got := stats.CompareWith(censored, 30); got.At95 != stats.Lower {
		t.Errorf("<5 of 1000 against 30 per 1,000: %q", got.At95)
	}
}

// A censored count among the forces makes the all-forces figure a range;
// the forces are still compared wherever the range gives one answer.
func TestCompareWithCensoredAllForces(t *testing.T) {
	csv := "Force,Year,Missing,Registered\nDerbyshire,2019,7,1154\nKent,2019,40,2000\nDorset,2019,<5,700\nSurrey,2019,30,2500\nEssex,2019,2,3000\n"
	table, err := ingest.ReadTable("c.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	res := analysis.Compute(table, stats.Wilson)
	got := map[string]stats.Comparison{}
	for _, f := range res.Figures {
		got[f.DisplayName()] = f.Assessment.Compared.At95
	}
	// All forces: 79 to 83 of 9,354, 8.4 to 8.9 per 1,000.
	want := map[string]stats.Comparison{"Derbyshire": stats.Similar, "Kent": stats.Higher, "Dorset": stats.Similar, "Surrey": stats.Similar, "Essex": stats.Lower}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %q, want %q", name, got[name], w)
		}
	}
	// 85 of 10,000 is 6.9 to 10.5 per 1,000: a range of 4 to 14 lies on both sides.
	if c := stats.CompareWithRange(stats.RateOf(cube.Exact(85), cube.Exact(10000), stats.Wilson), stats.Interval{Low: 4, High: 14}); c.At95 != stats.Undetermined || c.At998 != stats.Undetermined || c.Reason == "" {
		t.Errorf("a range on both sides of the interval gave %+v", c)
	}
	// A range of 4 to 6.5 is below the 95% interval at both ends, but its
	// top is inside the 99.8% interval (6.09 to 11.84; R 4.2.2:
	// prop.test(85, 10000, correct = FALSE, conf.level = 0.998)$conf.int * 1000,
	// and 6.88 to 10.50 at 0.95): higher at 95%,
	// undetermined at 99.8%, and the words must not claim more.
	r := stats.RateOf(cube.Exact(85), cube.Exact(10000), stats.Wilson)
	c := stats.CompareWithRange(r, stats.Interval{Low: 4, High: 6.5})
	if c.At95 != stats.Higher || c.At998 != stats.Undetermined {
		t.Errorf("a range below the 95%% interval, across the 99.8%% one, gave %+v (99.8%% interval %v)", c, r.CI998)
	}
}
