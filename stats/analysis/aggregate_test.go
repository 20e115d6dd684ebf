package analysis_test

import (
	"math"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// refRate is a rate per 1,000 with its intervals, as R gives them.
type refRate struct {
	rate, low95, high95, low998, high998 float64
}

// check compares every number of r with want at testfiles.RefTol.
func (want refRate) check(t *testing.T, r stats.Rate) {
	t.Helper()
	if !r.OK() {
		t.Fatalf("rate has no value: %q", r.Reason)
	}
	testfiles.RefCheck(t, "PerThousand", r.PerThousand, want.rate, testfiles.RefTol)
	testfiles.RefCheck(t, "CI95.Low", r.CI95.Low, want.low95, testfiles.RefTol)
	testfiles.RefCheck(t, "CI95.High", r.CI95.High, want.high95, testfiles.RefTol)
	testfiles.RefCheck(t, "CI998.Low", r.CI998.Low, want.low998, testfiles.RefTol)
	testfiles.RefCheck(t, "CI998.High", r.CI998.High, want.high998, testfiles.RefTol)
}

func mustForce(t *testing.T, name string) police.Force {
	t.Helper()
	f, ok := police.MatchForce(name)
	if !ok {
		t.Fatalf("MatchForce(%q) found no force", name)
	}
	return f
}

func TestAggregateOf(t *testing.T) {
	period := cube.FinancialYear(2017)
	figure := func(force string, num, den cube.Count, m stats.Method) analysis.Figure {
		f := mustForce(t, force)
		return analysis.Figure{Force: f, Matched: true, ForceName: force, Period: period, Rate: stats.RateOf(num, den, m)}
	}
	three := func(m stats.Method, notts cube.Count) []analysis.Figure {
		return []analysis.Figure{
			figure("Derbyshire", cube.Exact(7), cube.Exact(1154), m),
			figure("Nottinghamshire", cube.Exact(167), notts, m),
			figure("Staffordshire", cube.Exact(2), cube.Exact(150), m),
		}
	}
	// Values: R 4.2.2, stats/testdata/reference/aggregate.R.
	tests := []struct {
		name     string
		figures  []analysis.Figure
		method   stats.Method
		x, n     int64
		coverage string
		want     refRate
	}{
		{
			"all three forces, Wilson", three(stats.Wilson, cube.Exact(9000)), stats.Wilson, 176, 10304, "3 of 3 forces",
			// 176/10304*1000; prop.test(176, 10304, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
			refRate{17.080745341614907, 14.752888437219731, 19.768544613750525, 13.559865088774185, 21.495916090574262},
		},
		{
			"all three forces, Poisson", three(stats.Poisson, cube.Exact(9000)), stats.Poisson, 176, 10304, "3 of 3 forces",
			// 176/10304*1000; byar(176, 0.95 and 0.998) / 10304 * 1000, R 4.2.2
			refRate{17.080745341614907, 14.650280965695741, 19.799147497637509, 13.37546998951999, 21.447154043494521},
		},
		{
			// Nottinghamshire gives no denominator: its 167 is left out of the
			// numerator too.
			"one denominator missing, Wilson", three(stats.Wilson, cube.ParseCount("")), stats.Wilson, 9, 1304, "2 of 3 forces",
			// 9/1304*1000; prop.test(9, 1304, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
			refRate{6.9018404907975457, 3.6352971738450162, 13.06509007369567, 2.5695250132489953, 18.403826167811953},
		},
		{
			"one denominator missing, Poisson", three(stats.Poisson, cube.ParseCount("")), stats.Poisson, 9, 1304, "2 of 3 forces",
			// 9/1304*1000; poisson.test(9, T = 1304, conf.level = 0.95 and 0.998)$conf.int * 1000, R 4.2.2
			refRate{6.9018404907975457, 3.1559609642471877, 13.101843137591388, 1.880693561628662, 17.375286279956235},
		},
		{
			// 167 missing of 100 registered cannot be: left out of both sums.
			"one numerator above its denominator", three(stats.Wilson, cube.Exact(100)), stats.Wilson, 9, 1304, "2 of 3 forces",
			// 9/1304*1000; prop.test(9, 1304, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
			refRate{6.9018404907975457, 3.6352971738450162, 13.06509007369567, 2.5695250132489953, 18.403826167811953},
		},
		{
			"one zero denominator", three(stats.Wilson, cube.Exact(0)), stats.Wilson, 9, 1304, "2 of 3 forces",
			// 9/1304*1000; prop.test(9, 1304, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
			refRate{6.9018404907975457, 3.6352971738450162, 13.06509007369567, 2.5695250132489953, 18.403826167811953},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := analysis.AggregateOf(period, tt.figures, 3, tt.method)
			if a.Period.Label != period.Label {
				t.Errorf("Period = %s, want %s", a.Period, period)
			}
			if got := a.Coverage(); got != tt.coverage {
				t.Errorf("Coverage() = %q, want %q", got, tt.coverage)
			}
			if x, ok := a.Rate.Numerator.Value(); !ok || x != tt.x {
				t.Errorf("summed numerator = %v, want %d", a.Rate.Numerator, tt.x)
			}
			if n, ok := a.Rate.Denominator.Value(); !ok || n != tt.n {
				t.Errorf("summed denominator = %v, want %d", a.Rate.Denominator, tt.n)
			}
			if a.Rate.Method != tt.method {
				t.Errorf("Method = %v, want %v", a.Rate.Method, tt.method)
			}
			tt.want.check(t, a.Rate)
		})
	}
}

func TestAggregateOfNoForce(t *testing.T) {
	period := cube.Year(2018)
	tests := []struct {
		name     string
		figures  []analysis.Figure
		forces   int
		coverage string
	}{
		{"no figures", nil, 0, "0 of 0 forces"},
		{"no figure computable", []analysis.Figure{
			{ForceName: "Derbyshire", Period: period, Rate: stats.RateOf(cube.ParseCount(""), cube.Exact(1154), stats.Wilson)},
			{ForceName: "Staffordshire", Period: period, Rate: stats.RateOf(cube.Exact(3), cube.Exact(0), stats.Wilson)},
		}, 2, "0 of 2 forces"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := analysis.AggregateOf(period, tt.figures, tt.forces, stats.Wilson)
			if a.Rate.OK() || a.Rate.Reason == "" {
				t.Errorf("aggregate rate is OK, want a Reason")
			}
			if got := a.Coverage(); got != tt.coverage {
				t.Errorf("Coverage() = %q, want %q", got, tt.coverage)
			}
			for what, v := range map[string]float64{
				"PerThousand": a.Rate.PerThousand, "CI95.Low": a.Rate.CI95.Low, "CI95.High": a.Rate.CI95.High,
				"CI998.Low": a.Rate.CI998.Low, "CI998.High": a.Rate.CI998.High,
			} {
				if !math.IsNaN(v) {
					t.Errorf("%s = %v, want NaN", what, v)
				}
			}
		})
	}
}

// computeCSV is three forces over three financial years; Staffordshire gives
// no count for 2016/17.
const computeCSV = `force,year,missing,registered
Derbyshire,2015/16,7,1154
Derbyshire,2016/17,9,1180
Derbyshire,2017/18,12,1210
Staffordshire,2015/16,2,150
Staffordshire,2016/17,,155
Staffordshire,2017/18,5,160
Nottinghamshire,2015/16,167,9000
Nottinghamshire,2016/17,170,9100
Nottinghamshire,2017/18,160,9150
`

func readComputeCSV(t *testing.T) *cube.Table {
	t.Helper()
	table, err := ingest.ReadTable("compute.csv", strings.NewReader(computeCSV))
	if err != nil {
		t.Fatal(err)
	}
	if table.Len() != 9 {
		t.Fatalf("ReadTable: %d rows, want 9 (issues: %v)", table.Len(), table.Issues)
	}
	return table
}

// TestComputeAggregates checks Compute's aggregates, one per period, against
// prop.test (and Byar / poisson.test) on the summed counts.
func TestComputeAggregates(t *testing.T) {
	// Values: R 4.2.2, stats/testdata/reference/aggregate.R.
	type aggregate struct {
		period   string
		x, n     int64
		coverage string
		want     refRate
	}
	tests := []struct {
		name   string
		method stats.Method
		want   []aggregate
	}{
		{"wilson", stats.Wilson, []aggregate{
			// prop.test(176, 10304, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
			{"2015/16", 176, 10304, "3 of 3 forces", refRate{17.080745341614907, 14.752888437219731, 19.768544613750525, 13.559865088774185, 21.495916090574262}},
			// prop.test(179, 10280, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
			{"2016/17", 179, 10280, "2 of 3 forces", refRate{17.412451361867706, 15.05824772461529, 20.127189572294238, 13.85042217749233, 21.870241242285019}},
			// prop.test(177, 10520, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
			{"2017/18", 177, 10520, "3 of 3 forces", refRate{16.825095057034218, 14.537861782572705, 19.465069582453197, 13.365296939798739, 21.161302177596891}},
		}},
		{"poisson", stats.Poisson, []aggregate{
			// byar(176, 0.95 and 0.998) / 10304 * 1000, R 4.2.2
			{"2015/16", 176, 10304, "3 of 3 forces", refRate{17.080745341614907, 14.650280965695741, 19.799147497637509, 13.37546998951999, 21.447154043494521}},
			// byar(179, 0.95 and 0.998) / 10280 * 1000, R 4.2.2
			{"2016/17", 179, 10280, "2 of 3 forces", refRate{17.412451361867706, 14.954838091120019, 20.158616283901612, 13.66470864521796, 21.822782034795509}},
			// byar(177, 0.95 and 0.998) / 10520 * 1000, R 4.2.2
			{"2017/18", 177, 10520, "3 of 3 forces", refRate{16.825095057034218, 14.437519090642279, 19.494677605549548, 13.184851440956729, 21.112868227143615}},
		}},
	}
	table := readComputeCSV(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := analysis.Compute(table, tt.method)
			if res.Method != tt.method {
				t.Errorf("Method = %v, want %v", res.Method, tt.method)
			}
			if len(res.Periods) != len(tt.want) || len(res.Aggregates) != len(tt.want) {
				t.Fatalf("%d periods and %d aggregates, want %d", len(res.Periods), len(res.Aggregates), len(tt.want))
			}
			for i, w := range tt.want {
				a := res.Aggregates[i]
				if res.Periods[i].Label != w.period || a.Period.Label != w.period {
					t.Errorf("period %d = %s (aggregate %s), want %s", i, res.Periods[i], a.Period, w.period)
				}
				if got := a.Coverage(); got != w.coverage {
					t.Errorf("%s: Coverage() = %q, want %q", w.period, got, w.coverage)
				}
				if x, _ := a.Rate.Numerator.Value(); x != w.x {
					t.Errorf("%s: summed numerator = %d, want %d", w.period, x, w.x)
				}
				if n, _ := a.Rate.Denominator.Value(); n != w.n {
					t.Errorf("%s: summed denominator = %d, want %d", w.period, n, w.n)
				}
				w.want.check(t, a.Rate)
			}
		})
	}
}

// TestComputeFigures checks the order of Compute's figures (by period, then
// force) and a few of their rates.
func TestComputeFigures(t *testing.T) {
	res := analysis.Compute(readComputeCSV(t), stats.Wilson)
	wantOrder := []string{
		"2015/16 Derbyshire", "2015/16 Nottinghamshire", "2015/16 Staffordshire",
		"2016/17 Derbyshire", "2016/17 Nottinghamshire", "2016/17 Staffordshire",
		"2017/18 Derbyshire", "2017/18 Nottinghamshire", "2017/18 Staffordshire",
	}
	if len(res.Figures) != len(wantOrder) {
		t.Fatalf("%d figures, want %d", len(res.Figures), len(wantOrder))
	}
	for i, f := range res.Figures {
		if got := f.Period.Label + " " + f.DisplayName(); got != wantOrder[i] {
			t.Errorf("figure %d = %s, want %s", i, got, wantOrder[i])
		}
	}
	// Values: R 4.2.2, stats/testdata/reference/aggregate.R.
	tests := []struct {
		name  string
		index int
		want  refRate
	}{
		// 9/1180*1000; prop.test(9, 1180, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
		{"Derbyshire 2016/17", 3, refRate{7.6271186440677967, 4.0177896176342101, 14.43185890409597, 2.8398950189266992, 20.319742204361027}},
		// 2/150*1000; prop.test(2, 150, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
		{"Staffordshire 2015/16", 2, refRate{13.333333333333334, 3.6641291512270509, 47.306908700367501, 2.0159421087058527, 82.907750374133698}},
		// 5/160*1000; prop.test(5, 160, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
		{"Staffordshire 2017/18", 8, refRate{31.25, 13.420516687644408, 71.060291285641696, 8.6399287906731299, 106.66286826311924}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.check(t, res.Figures[tt.index].Rate)
		})
	}
	if f := res.Figures[5]; f.Rate.OK() {
		t.Errorf("Staffordshire 2016/17 has a rate %v, want none (no missing count)", f.Rate.PerThousand)
	}
}

// TestComputeTrends checks the per-force trends: year-on-year changes and
// the slope against R's lm (stats/testdata/reference/aggregate.R).
func TestComputeTrends(t *testing.T) {
	res := analysis.Compute(readComputeCSV(t), stats.Wilson)
	tests := []struct {
		name    string
		changes int
		slope   *analysis.Slope // nil: no slope, a Reason
	}{
		// slope("Derbyshire", c(7, 9, 12), c(1154, 1180, 1210), fy), R 4.2.2
		{"Derbyshire", 2, &analysis.Slope{PerYear: 1.9031576350421713, StdErr: 0.21171355249457083,
			CI95: stats.Interval{Low: -0.7869181083767145, High: 4.5932333784610568}, Points: 3}},
		// slope("Nottinghamshire", c(167, 170, 160), c(9000, 9100, 9150), fy), R 4.2.2
		{"Nottinghamshire", 2, &analysis.Slope{PerYear: -0.54300333055608574, StdErr: 0.37736768909899271,
			CI95: stats.Interval{Low: -5.337914449065007, High: 4.2519077879528346}, Points: 3}},
		// Two periods with a rate: no slope.
		{"Staffordshire", 2, nil},
	}
	if len(res.Trends) != len(tests) {
		t.Fatalf("%d trends, want %d", len(res.Trends), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := res.Trends[i]
			if !tr.Matched || tr.Force.ShortName != tt.name {
				t.Fatalf("trend %d is %q (matched %v), want %s", i, tr.Force.ShortName, tr.Matched, tt.name)
			}
			if len(tr.Figures) != 3 || len(tr.YearOnYear) != tt.changes {
				t.Errorf("%d figures and %d changes, want 3 and %d", len(tr.Figures), len(tr.YearOnYear), tt.changes)
			}
			s := tr.Slope
			if tt.slope == nil {
				if s.Reason == "" || s.Points != 2 || !math.IsNaN(s.PerYear) {
					t.Errorf("Slope = %+v, want none from 2 points", s)
				}
				return
			}
			if s.Reason != "" || s.Points != tt.slope.Points {
				t.Fatalf("Slope = %+v, want %d points and no reason", s, tt.slope.Points)
			}
			testfiles.RefCheck(t, "PerYear", s.PerYear, tt.slope.PerYear, testfiles.RefTol)
			testfiles.RefCheck(t, "StdErr", s.StdErr, tt.slope.StdErr, testfiles.RefTol)
			testfiles.RefCheck(t, "CI95.Low", s.CI95.Low, tt.slope.CI95.Low, testfiles.RefTol)
			testfiles.RefCheck(t, "CI95.High", s.CI95.High, tt.slope.CI95.High, testfiles.RefTol)
		})
	}
}
