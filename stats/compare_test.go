package stats_test

import (
	"math"
	"strings"
	"testing"

	. "github.com/foi-explorer/foi-explorer/stats"
)

func TestCompareWith(t *testing.T) {
	// Derbyshire's 7 of 1,154 has a 95% Wilson interval of 2.94 to 12.47 per
	// 1,000 and a 99.8% one of 2.10 to 17.30 (rate.R).
	derbyshire := RateOf(Exact(7), Exact(1154), Wilson)
	tests := []struct {
		all         float64
		at95, at998 Comparison
	}{
		{8.78, Similar, Similar},
		{2.0, Higher, Higher},
		{2.5, Higher, Similar},
		{13.0, Lower, Similar},
		{20.0, Lower, Lower},
		{derbyshire.CI95.Low, Similar, Similar}, // an end counts as inside
	}
	for _, tt := range tests {
		got := CompareWith(derbyshire, tt.all)
		if got.At95 != tt.at95 || got.At998 != tt.at998 {
			t.Errorf("against %g: %q/%q, want %q/%q", tt.all, got.At95, got.At998, tt.at95, tt.at998)
		}
	}
	if got := CompareWith(derbyshire, math.NaN()); got.At95 != "" || got.Reason == "" {
		t.Errorf("no all-forces rate: %+v", got)
	}
	if got := CompareWith(RateOf(ParseCount("*"), Exact(100), Wilson), 5); got.At95 != "" || got.Reason == "" {
		t.Errorf("suppressed: %+v", got)
	}
	// A censored count is similar unless its whole widened interval clears the benchmark.
	censored := RateOf(ParseCount("<5"), Exact(1000), Wilson)
	if got := CompareWith(censored, 2); got.At95 != Similar {
		t.Errorf("<5 of 1000 against 2 per 1,000: %q", got.At95)
	}
	if got := CompareWith(censored, 30); got.At95 != Lower {
		t.Errorf("<5 of 1000 against 30 per 1,000: %q", got.At95)
	}
}

// A censored count among the forces makes the all-forces figure a range;
// the forces are still compared wherever the range gives one answer.
func TestCompareWithCensoredAllForces(t *testing.T) {
	csv := "Force,Year,Missing,Registered\nDerbyshire,2019,7,1154\nKent,2019,40,2000\nDorset,2019,<5,700\nSurrey,2019,30,2500\nEssex,2019,2,3000\n"
	table, err := ReadTable("c.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	res := Compute(table, Wilson)
	got := map[string]Comparison{}
	for _, f := range res.Figures {
		got[f.DisplayName()] = f.Assessment.Compared.At95
	}
	// All forces: 79 to 83 of 9,354, 8.4 to 8.9 per 1,000.
	want := map[string]Comparison{"Derbyshire": Similar, "Kent": Higher, "Dorset": Similar, "Surrey": Similar, "Essex": Lower}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %q, want %q", name, got[name], w)
		}
	}
	// 85 of 10,000 is 6.9 to 10.5 per 1,000: a range of 4 to 14 lies on both sides.
	if c := CompareWithRange(RateOf(Exact(85), Exact(10000), Wilson), Interval{Low: 4, High: 14}); c.At95 != "" || c.Reason == "" {
		t.Errorf("a range on both sides of the interval gave %+v", c)
	}
}
