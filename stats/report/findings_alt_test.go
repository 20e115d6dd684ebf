package report

import (
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
)

func TestForcesAltText(t *testing.T) {
	p, err := cube.ParsePeriod("2019")
	if err != nil {
		t.Fatal(err)
	}
	fig := func(name string, num, den string, c stats.Comparison, total bool) analysis.Figure {
		f := analysis.Figure{ForceName: name, Period: p, Total: total, Rate: stats.RateOf(cube.ParseCount(num), cube.ParseCount(den), stats.Wilson)}
		f.Assessment.Compared.At95 = c
		return f
	}
	agg := analysis.Aggregate{Period: p, Rate: stats.RateOf(cube.ParseCount("30"), cube.ParseCount("3000"), stats.Wilson), Reporting: 3, Forces: 3}
	tests := []struct {
		name     string
		figs     []analysis.Figure
		want     []string
		wantNone []string
	}{
		{"none rated", []analysis.Figure{fig("Kent", "", "100", "", false)}, []string{"No force has a rate in 2019"}, []string{"highest"}},
		{"one force", []analysis.Figure{fig("Kent", "5", "1000", stats.Similar, false)},
			[]string{"The rates of 1 force in 2019", "All forces together: 10.0, from 3 of 3 forces."}, []string{"highest", "Higher than"}},
		{"highest, lowest, higher and lower; totals left out", []analysis.Figure{
			fig("Kent", "40", "1000", stats.Higher, false), fig("Essex", "2", "1000", stats.Lower, false), fig("Surrey", "10", "1000", stats.Similar, false),
			fig("England total", "900", "1000", "", true)},
			[]string{"The rates of 3 forces in 2019", "The highest is Kent, 40.0", "the lowest Essex, 2.0",
				"Higher than all forces (95% confidence): Kent.", "Lower than all forces (95% confidence): Essex."},
			[]string{"England total", "Surrey"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ForcesAltText(tt.figs, agg)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("ForcesAltText lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.wantNone {
				if strings.Contains(got, w) {
					t.Errorf("ForcesAltText has %q:\n%s", w, got)
				}
			}
		})
	}
}
