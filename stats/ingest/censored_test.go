package ingest

import (
	"math"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

func TestParseCountSuppressedAndCensored(t *testing.T) {
	tests := []struct {
		cell      string
		kind      cube.CountKind
		low, high int64
		footnote  string
	}{
		{"<5", cube.CountCensored, 0, 4, ""},
		{"< 5", cube.CountCensored, 0, 4, ""},
		{"fewer than 5", cube.CountCensored, 0, 4, ""},
		{"Less than 10", cube.CountCensored, 0, 9, ""},
		{"<=5", cube.CountCensored, 0, 5, ""},
		{"≤ 3", cube.CountCensored, 0, 3, ""},
		{"1-4", cube.CountCensored, 1, 4, ""},
		{"0 to 9", cube.CountCensored, 0, 9, ""},
		{"*", cube.CountSuppressed, 0, 0, ""},
		{"[c]", cube.CountSuppressed, 0, 0, ""},
		{"[x]", cube.CountSuppressed, 0, 0, ""},
		{"..", cube.CountSuppressed, 0, 0, ""},
		{"-", cube.CountSuppressed, 0, 0, ""},
		{"N/A", cube.CountSuppressed, 0, 0, ""},
		{"Suppressed", cube.CountSuppressed, 0, 0, ""},
		{"123[note 2]", cube.CountExact, 123, 123, "[note 2]"},
		{"1,234 [r]", cube.CountExact, 1234, 1234, "[r]"},
		{"45*", cube.CountExact, 45, 45, "*"},
		{"7²", cube.CountExact, 7, 7, "²"},
		{"<5[note 1]", cube.CountCensored, 0, 4, "[note 1]"},
		{"<0", cube.CountInvalid, 0, 0, ""},
		{"4-1", cube.CountInvalid, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			c := cube.ParseCount(tt.cell)
			if c.Kind != tt.kind || c.Footnote != tt.footnote {
				t.Fatalf("ParseCount(%q) = %+v, want kind %d, footnote %q", tt.cell, c, tt.kind, tt.footnote)
			}
			if tt.kind == cube.CountExact || tt.kind == cube.CountCensored {
				if low, high, ok := c.Bounds(); !ok || low != tt.low || high != tt.high {
					t.Errorf("Bounds = %d, %d, %v; want %d, %d", low, high, ok, tt.low, tt.high)
				}
			}
			if tt.kind == cube.CountCensored || tt.kind == cube.CountSuppressed {
				if _, ok := c.Value(); ok {
					t.Error("a censored or suppressed count has an exact value: it would be taken as a number")
				}
			}
		})
	}
}

// Censored numerators flow through as bounds. Reference values from R 4.2.2:
//
//	prop.test(x, n, conf.level = L, correct = FALSE)$conf.int * 1000
func TestRateOfCensored(t *testing.T) {
	const tol = 1e-9
	r := stats.RateOf(cube.ParseCount("<5"), cube.Exact(1154), stats.Wilson)
	if !r.Censored || !math.IsNaN(r.PerThousand) || r.OK() || !r.Usable() {
		t.Fatalf("RateOf(<5, 1154) = %+v: want censored, no single rate, usable", r)
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"bounds low: 0/1154", r.Bounds.Low, 0},
		{"bounds high: 4/1154*1000", r.Bounds.High, 3.4662045060658575},
		{"ci95 low: prop.test(0, 1154)", r.CI95.Low, 0},
		{"ci95 high: prop.test(4, 1154)", r.CI95.High, 8.8784452730968173},
		{"ci998 low: prop.test(0, 1154, conf.level = 0.998)", r.CI998.Low, 0},
		{"ci998 high: prop.test(4, 1154, conf.level = 0.998)", r.CI998.High, 14.246334306135326},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > tol*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%s = %.17g, want %.17g", c.name, c.got, c.want)
		}
	}
	if !strings.Contains(r.Reason, "between 0.00 and 3.47 per 1,000") {
		t.Errorf("reason %q does not give the bounds", r.Reason)
	}
	if s := stats.RateOf(cube.ParseCount("*"), cube.Exact(100), stats.Wilson); s.Usable() || !strings.Contains(s.Reason, "suppressed") {
		t.Errorf("a suppressed numerator gave %+v", s)
	}
	if s := stats.RateOf(cube.Exact(3), cube.ParseCount("<5"), stats.Wilson); s.Usable() || !strings.Contains(s.Reason, "censored") {
		t.Errorf("a censored denominator gave %+v", s)
	}
}

// An aggregate over a censored count is censored: its numerator is the sum of
// the lows to the sum of the highs. R 4.2.2:
//
//	prop.test(7, 2354, correct = FALSE)$conf.int * 1000   # 3 + 4 + 0
//	prop.test(11, 2354, correct = FALSE)$conf.int * 1000  # 3 + 4 + 4
func TestAggregateOfCensored(t *testing.T) {
	p := cube.FinancialYear(2016)
	figs := []analysis.Figure{
		{Period: p, Matched: true, Force: police.Force{Code: "A"}, Rate: stats.RateOf(cube.Exact(3), cube.Exact(700), stats.Wilson)},
		{Period: p, Matched: true, Force: police.Force{Code: "B"}, Rate: stats.RateOf(cube.Exact(4), cube.Exact(500), stats.Wilson)},
		{Period: p, Matched: true, Force: police.Force{Code: "C"}, Rate: stats.RateOf(cube.ParseCount("<5"), cube.Exact(1154), stats.Wilson)},
	}
	a := analysis.AggregateOf(p, figs, 3, stats.Wilson)
	if a.Reporting != 3 || !a.Rate.Censored {
		t.Fatalf("aggregate = %+v", a)
	}
	const tol = 1e-9
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"bounds low 7/2354", a.Rate.Bounds.Low, 2.9736618521665252},
		{"bounds high 11/2354", a.Rate.Bounds.High, 4.6728971962616823},
		{"ci95 low", a.Rate.CI95.Low, 1.4411904626025853},
		{"ci95 high", a.Rate.CI95.High, 8.3485005408614512},
	} {
		if math.Abs(c.got-c.want) > tol*math.Abs(c.want) {
			t.Errorf("%s = %.17g, want %.17g", c.name, c.got, c.want)
		}
	}
}

// A change is called up or down only when it holds at both ends.
func TestChangeInBounds(t *testing.T) {
	tests := []struct {
		name     string
		from, to stats.Interval
		want     string
	}{
		{"exact up", stats.Interval{Low: 2, High: 2}, stats.Interval{Low: 3, High: 3}, "up"},
		{"exact same", stats.Interval{Low: 2, High: 2}, stats.Interval{Low: 2, High: 2}, "no change"},
		{"censored overlap", stats.Interval{Low: 0, High: 4}, stats.Interval{Low: 3, High: 3}, ""},
		{"up at both ends", stats.Interval{Low: 0, High: 4}, stats.Interval{Low: 9, High: 9}, "up"},
		{"down at both ends", stats.Interval{Low: 12, High: 12}, stats.Interval{Low: 0, High: 4}, "down"},
		{"touching ends is not a change", stats.Interval{Low: 0, High: 4}, stats.Interval{Low: 4, High: 4}, ""},
		{"missing", stats.Interval{Low: math.NaN(), High: math.NaN()}, stats.Interval{Low: 1, High: 1}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := stats.ChangeInBounds(tt.from, tt.to)
			if c.Direction != tt.want {
				t.Errorf("direction %q, want %q (%+v)", c.Direction, tt.want, c)
			}
			if tt.from.Low != tt.from.High && !math.IsNaN(c.Absolute) {
				t.Errorf("a change from a censored value has a size: %v", c.Absolute)
			}
		})
	}
}

func TestSlopeRefusesCensored(t *testing.T) {
	var figs []analysis.Figure
	for i, x := range []string{"3", "<5", "6", "8"} {
		figs = append(figs, analysis.Figure{Period: cube.FinancialYear(2014 + i), Rate: stats.RateOf(cube.ParseCount(x), cube.Exact(1000), stats.Wilson)})
	}
	if s := analysis.RateSlope(analysis.SeriesOf(figs)); !math.IsNaN(s.PerYear) || !strings.Contains(s.Reason, "censored") {
		t.Errorf("slope over a censored figure = %+v", s)
	}
}

func TestParseCountAmbiguousPoint(t *testing.T) {
	for cell, want := range map[string]cube.CountKind{"1.000": cube.CountInvalid, "12.0": cube.CountExact, "12.00": cube.CountExact, "1,234.000": cube.CountExact} {
		if got := cube.ParseCount(cell).Kind; got != want {
			t.Errorf("ParseCount(%q).Kind = %d, want %d", cell, got, want)
		}
	}
}

func TestParsePeriodExcelForms(t *testing.T) {
	for text, want := range map[string]string{
		"17-Jan-2018": "2018-01-17", "2018-01-17 00:00:00": "2018-01-17", "2018-01-17T00:00:00Z": "2018-01-17",
		"Jan-18": "2018-01", "Sept-99": "1999-09",
	} {
		p, err := cube.ParsePeriod(text)
		if err != nil || p.Label != want {
			t.Errorf("ParsePeriod(%q) = %q, %v; want %s", text, p.Label, err, want)
		}
	}
	if _, ok := police.MatchForce("North Wales 2019"); ok {
		t.Error(`"North Wales 2019" matched a force: a year is not a footnote marker`)
	}
}
