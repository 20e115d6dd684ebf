package stats

import (
	"math"
	"strings"
	"testing"
)

func TestParseCountSuppressedAndCensored(t *testing.T) {
	tests := []struct {
		cell      string
		kind      CountKind
		low, high int64
		footnote  string
	}{
		{"<5", CountCensored, 0, 4, ""},
		{"< 5", CountCensored, 0, 4, ""},
		{"fewer than 5", CountCensored, 0, 4, ""},
		{"Less than 10", CountCensored, 0, 9, ""},
		{"<=5", CountCensored, 0, 5, ""},
		{"≤ 3", CountCensored, 0, 3, ""},
		{"1-4", CountCensored, 1, 4, ""},
		{"0 to 9", CountCensored, 0, 9, ""},
		{"*", CountSuppressed, 0, 0, ""},
		{"[c]", CountSuppressed, 0, 0, ""},
		{"[x]", CountSuppressed, 0, 0, ""},
		{"..", CountSuppressed, 0, 0, ""},
		{"-", CountSuppressed, 0, 0, ""},
		{"N/A", CountSuppressed, 0, 0, ""},
		{"Suppressed", CountSuppressed, 0, 0, ""},
		{"123[note 2]", CountExact, 123, 123, "[note 2]"},
		{"1,234 [r]", CountExact, 1234, 1234, "[r]"},
		{"45*", CountExact, 45, 45, "*"},
		{"7²", CountExact, 7, 7, "²"},
		{"<5[note 1]", CountCensored, 0, 4, "[note 1]"},
		{"<0", CountInvalid, 0, 0, ""},
		{"4-1", CountInvalid, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			c := ParseCount(tt.cell)
			if c.Kind != tt.kind || c.Footnote != tt.footnote {
				t.Fatalf("ParseCount(%q) = %+v, want kind %d, footnote %q", tt.cell, c, tt.kind, tt.footnote)
			}
			if tt.kind == CountExact || tt.kind == CountCensored {
				if low, high, ok := c.Bounds(); !ok || low != tt.low || high != tt.high {
					t.Errorf("Bounds = %d, %d, %v; want %d, %d", low, high, ok, tt.low, tt.high)
				}
			}
			if tt.kind == CountCensored || tt.kind == CountSuppressed {
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
	r := RateOf(ParseCount("<5"), Exact(1154), Wilson)
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
	if s := RateOf(ParseCount("*"), Exact(100), Wilson); s.Usable() || !strings.Contains(s.Reason, "suppressed") {
		t.Errorf("a suppressed numerator gave %+v", s)
	}
	if s := RateOf(Exact(3), ParseCount("<5"), Wilson); s.Usable() || !strings.Contains(s.Reason, "censored") {
		t.Errorf("a censored denominator gave %+v", s)
	}
}

// An aggregate over a censored count is censored: its numerator is the sum of
// the lows to the sum of the highs. R 4.2.2:
//
//	prop.test(7, 2354, correct = FALSE)$conf.int * 1000   # 3 + 4 + 0
//	prop.test(11, 2354, correct = FALSE)$conf.int * 1000  # 3 + 4 + 4
func TestAggregateOfCensored(t *testing.T) {
	p := FinancialYear(2016)
	figs := []Figure{
		{Period: p, Matched: true, Force: Force{Code: "A"}, Rate: RateOf(Exact(3), Exact(700), Wilson)},
		{Period: p, Matched: true, Force: Force{Code: "B"}, Rate: RateOf(Exact(4), Exact(500), Wilson)},
		{Period: p, Matched: true, Force: Force{Code: "C"}, Rate: RateOf(ParseCount("<5"), Exact(1154), Wilson)},
	}
	a := AggregateOf(p, figs, 3, Wilson)
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
		from, to Interval
		want     string
	}{
		{"exact up", Interval{2, 2}, Interval{3, 3}, "up"},
		{"exact same", Interval{2, 2}, Interval{2, 2}, "no change"},
		{"censored overlap", Interval{0, 4}, Interval{3, 3}, ""},
		{"up at both ends", Interval{0, 4}, Interval{9, 9}, "up"},
		{"down at both ends", Interval{12, 12}, Interval{0, 4}, "down"},
		{"touching ends is not a change", Interval{0, 4}, Interval{4, 4}, ""},
		{"missing", Interval{math.NaN(), math.NaN()}, Interval{1, 1}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ChangeInBounds(tt.from, tt.to)
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
	var figs []Figure
	for i, x := range []string{"3", "<5", "6", "8"} {
		figs = append(figs, Figure{Period: FinancialYear(2014 + i), Rate: RateOf(ParseCount(x), Exact(1000), Wilson)})
	}
	if s := RateSlope(figs); !math.IsNaN(s.PerYear) || !strings.Contains(s.Reason, "censored") {
		t.Errorf("slope over a censored figure = %+v", s)
	}
}

func TestParseCountAmbiguousPoint(t *testing.T) {
	for cell, want := range map[string]CountKind{"1.000": CountInvalid, "12.0": CountExact, "12.00": CountExact, "1,234.000": CountExact} {
		if got := ParseCount(cell).Kind; got != want {
			t.Errorf("ParseCount(%q).Kind = %d, want %d", cell, got, want)
		}
	}
}

func TestParsePeriodExcelForms(t *testing.T) {
	for text, want := range map[string]string{
		"17-Jan-2018": "2018-01-17", "2018-01-17 00:00:00": "2018-01-17", "2018-01-17T00:00:00Z": "2018-01-17",
		"Jan-18": "2018-01", "Sept-99": "1999-09",
	} {
		p, err := ParsePeriod(text)
		if err != nil || p.Label != want {
			t.Errorf("ParsePeriod(%q) = %q, %v; want %s", text, p.Label, err, want)
		}
	}
	if _, ok := MatchForce("North Wales 2019"); ok {
		t.Error(`"North Wales 2019" matched a force: a year is not a footnote marker`)
	}
}
