package stats_test

import (
	"math"
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
