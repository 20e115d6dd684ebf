package analysis_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// refFigures builds one force's figures, x[i] of n[i] in periods[i], with
// Wilson rates. A negative x stands for a numerator that was not given
// (stats.ParseCount("")).
func refFigures(periods []cube.Period, x, n []int64) []analysis.Figure {
	var out []analysis.Figure
	for i, p := range periods {
		num := cube.ParseCount("")
		if x[i] >= 0 {
			num = cube.Exact(x[i])
		}
		out = append(out, analysis.Figure{Period: p, Rate: stats.RateOf(num, cube.Exact(n[i]), stats.Wilson)})
	}
	return out
}

func financialYears(years ...int) []cube.Period {
	var out []cube.Period
	for _, y := range years {
		out = append(out, cube.FinancialYear(y))
	}
	return out
}

func calendarYears(years ...int) []cube.Period {
	var out []cube.Period
	for _, y := range years {
		out = append(out, cube.Year(y))
	}
	return out
}

func jan17(years ...int) []cube.Period {
	var out []cube.Period
	for _, y := range years {
		out = append(out, cube.Day(time.Date(y, time.January, 17, 0, 0, 0, 0, time.UTC)))
	}
	return out
}

// TestRateSlope checks the weighted least-squares trend against R's lm. The
// R code is stats/testdata/reference/trend.R (R 4.2.2):
//
//	y  <- x / n * 1000
//	ci <- prop.test(x[i], n[i], conf.level = 0.95, correct = FALSE)$conf.int * 1000   # each i
//	se <- (ci[2, ] - ci[1, ]) / (2 * qnorm(0.975));  w <- 1 / se^2
//	fit <- lm(y ~ t, weights = w)
//	coef(fit)[2];  summary(fit)$coefficients[2, 2];  confint(fit)[2, ]
//
// t are the periods' midpoints from Period.Midpoint, printed with %.17g and
// passed to R, which recomputes them from the calendar and checks that they
// are identical. The row's t are checked here too, so that the R fit and the
// Go fit are known to have used the same time axis.
func TestRateSlope(t *testing.T) {
	tests := []struct {
		name    string
		periods []cube.Period
		x, n    []int64
		t       []float64 // the midpoints passed to R, those of the computable figures
		perYear float64
		stdErr  float64
		ci95    stats.Interval
		points  int
	}{
		{
			name:    "3 financial years",
			periods: financialYears(2015, 2016, 2017),
			x:       []int64{396, 440, 485},
			n:       []int64{50512, 52870, 55236},
			t:       []float64{2015.7479452054795, 2016.7472677595629, 2017.7465753424658},
			// slope("3 financial years", c(396, 440, 485), c(50512, 52870, 55236), t, fy(2015:2017)), R 4.2.2
			perYear: 0.47076028973247991,
			stdErr:  0.0070337727259955993,
			ci95:    stats.Interval{Low: 0.38138773340825827, High: 0.56013284605670155},
			points:  3,
		},
		{
			name:    "5 calendar years",
			periods: calendarYears(2014, 2015, 2016, 2017, 2018),
			x:       []int64{7, 9, 12, 8, 15},
			n:       []int64{1154, 1180, 1210, 1235, 1260},
			t:       []float64{2014.5, 2015.5, 2016.5, 2017.5, 2018.5},
			// slope("5 calendar years", c(7, 9, 12, 8, 15), c(1154, 1180, 1210, 1235, 1260), t, cy(2014:2018)), R 4.2.2
			perYear: 0.89254949904344905,
			stdErr:  0.68040746889424575,
			ci95:    stats.Interval{Low: -1.2728107364264827, High: 3.0579097345133808},
			points:  5,
		},
		{
			name:    "10 financial years",
			periods: financialYears(2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017),
			x:       []int64{20, 22, 19, 25, 27, 30, 28, 33, 35, 38},
			n:       []int64{3000, 3050, 3100, 3150, 3200, 3250, 3300, 3350, 3400, 3450},
			t: []float64{2008.7472677595629, 2009.7465753424658, 2010.7465753424658, 2011.7479452054795, 2012.7472677595629,
				2013.7465753424658, 2014.7465753424658, 2015.7479452054795, 2016.7472677595629, 2017.7465753424658},
			// slope("10 financial years", c(20, 22, 19, 25, 27, 30, 28, 33, 35, 38), 3000 + 50 * (0:9), t, fy(2008:2017)), R 4.2.2
			perYear: 0.49618932866379012,
			stdErr:  0.067773258188739208,
			ci95:    stats.Interval{Low: 0.33990391502429795, High: 0.65247474230328228},
			points:  10,
		},
		{
			// A rate of 0 keeps a finite weight: its Wilson interval has width.
			name:    "dates with a zero count",
			periods: jan17(2015, 2016, 2017, 2018),
			x:       []int64{0, 2, 1, 3},
			n:       []int64{150, 150, 155, 160},
			t:       []float64{2015.0452054794521, 2016.045081967213, 2017.0452054794521, 2018.0452054794521},
			// slope("dates with a zero count", c(0, 2, 1, 3), c(150, 150, 155, 160), t, day(...)), R 4.2.2
			perYear: 5.0604008965953255,
			stdErr:  2.4449890562262375,
			ci95:    stats.Interval{Low: -5.459537940384056, High: 15.580339733574707},
			points:  4,
		},
		{
			// 2015/16 has no numerator: R fits the other three only.
			name:    "uncomputable figure skipped",
			periods: financialYears(2014, 2015, 2016, 2017),
			x:       []int64{12, -1, 15, 18},
			n:       []int64{1300, 1310, 1320, 1350},
			t:       []float64{2014.7465753424658, 2016.7472677595629, 2017.7465753424658},
			// slope("uncomputable figure skipped", c(12, 15, 18), c(1300, 1320, 1350), t, fy(c(2014, 2016, 2017))), R 4.2.2
			perYear: 1.3075389776126016,
			stdErr:  0.21521188528234264,
			ci95:    stats.Interval{Low: -1.4269872984429854, High: 4.0420652536681887},
			points:  3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figures := refFigures(tt.periods, tt.x, tt.n)
			var mids []float64
			for _, f := range figures {
				if f.Rate.OK() {
					mids = append(mids, f.Period.Midpoint())
				}
			}
			if len(mids) != len(tt.t) {
				t.Fatalf("%d computable figures, the R fit used %d", len(mids), len(tt.t))
			}
			for i := range mids {
				if mids[i] != tt.t[i] {
					t.Fatalf("Midpoint of figure %d = %.17g, R used t = %.17g", i, mids[i], tt.t[i])
				}
			}
			s := analysis.RateSlope(analysis.SeriesOf(figures))
			if s.Reason != "" {
				t.Fatalf("Reason = %q, want a slope", s.Reason)
			}
			if s.Points != tt.points {
				t.Errorf("Points = %d, want %d", s.Points, tt.points)
			}
			testfiles.RefCheck(t, "PerYear", s.PerYear, tt.perYear, testfiles.RefTol)
			testfiles.RefCheck(t, "StdErr", s.StdErr, tt.stdErr, testfiles.RefTol)
			testfiles.RefCheck(t, "CI95.Low", s.CI95.Low, tt.ci95.Low, testfiles.RefTol)
			testfiles.RefCheck(t, "CI95.High", s.CI95.High, tt.ci95.High, testfiles.RefTol)
		})
	}
}

// TestRateSlopeReasons checks that a slope that cannot be fitted has every
// number NaN and a Reason.
func TestRateSlopeReasons(t *testing.T) {
	tests := []struct {
		name    string
		figures []analysis.Figure
		points  int
		reason  string // words the reason must contain
	}{
		{"no figures", nil, 0, "at least 3"},
		{"one period", refFigures(financialYears(2016), []int64{7}, []int64{1154}), 1, "at least 3"},
		{"two periods", refFigures(financialYears(2016, 2017), []int64{7, 9}, []int64{1154, 1180}), 2, "at least 3"},
		{
			"three periods, one without a numerator",
			refFigures(financialYears(2015, 2016, 2017), []int64{7, -1, 9}, []int64{1154, 1170, 1180}), 2, "at least 3",
		},
		{
			"three periods, one with a zero denominator",
			refFigures(calendarYears(2015, 2016, 2017), []int64{7, 0, 9}, []int64{1154, 0, 1180}), 2, "at least 3",
		},
		{
			"all in one year",
			refFigures(calendarYears(2018, 2018, 2018), []int64{7, 9, 12}, []int64{1000, 1137, 1274}), 3, "do not spread",
		},
		{
			// With these counts the weighted mean of four equal t differs from
			// t by rounding: the spread must be judged on the t themselves.
			"all in one financial year, four forces",
			refFigures(financialYears(2016, 2016, 2016, 2016), []int64{7, 101, 40, 11}, []int64{7987, 24159, 21418, 2640}), 4, "do not spread",
		},
		{
			"all on one date, five forces",
			refFigures(jan17(2018, 2018, 2018, 2018, 2018), []int64{760, 373, 190, 881, 182}, []int64{38387, 32890, 15641, 47487, 15529}), 5, "do not spread",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := analysis.RateSlope(analysis.SeriesOf(tt.figures))
			if s.Reason == "" {
				t.Fatalf("no Reason; got slope %v ± %v", s.PerYear, s.StdErr)
			}
			if !strings.Contains(s.Reason, tt.reason) {
				t.Errorf("Reason = %q, want it to mention %q", s.Reason, tt.reason)
			}
			if s.Points != tt.points {
				t.Errorf("Points = %d, want %d", s.Points, tt.points)
			}
			for what, v := range map[string]float64{"PerYear": s.PerYear, "StdErr": s.StdErr, "CI95.Low": s.CI95.Low, "CI95.High": s.CI95.High} {
				if !math.IsNaN(v) {
					t.Errorf("%s = %v, want NaN", what, v)
				}
			}
		})
	}
}

func TestChangeIn(t *testing.T) {
	// Values: R 4.2.2, stats/testdata/reference/trend.R: change(from, to) prints
	// to - from and 100 * (to - from) / from.
	nan := math.NaN()
	tests := []struct {
		name              string
		from, to          float64
		absolute, percent float64
		reason            bool // Reason set
		percentReason     bool // PercentReason set
	}{
		{"485 vs 396", 396, 485, 89, 22.474747474747474, false, false},                                                    // 485 - 396; 100 * (485 - 396) / 396, R 4.2.2
		{"396 vs 485", 485, 396, -89, -18.350515463917525, false, false},                                                  // 396 - 485; 100 * (396 - 485) / 485, R 4.2.2
		{"to zero", 2, 0, -2, -100, false, false},                                                                         // 0 - 2; 100 * (0 - 2) / 2, R 4.2.2
		{"no change", 7, 7, 0, 0, false, false},                                                                           // 7 - 7; 100 * (7 - 7) / 7, R 4.2.2
		{"7 to 9", 7, 9, 2, 28.571428571428573, false, false},                                                             // 9 - 7; 100 * (9 - 7) / 7, R 4.2.2
		{"rates", 6.0658578856152516, 7.6271186440677967, 1.5612607584525451, 25.738498789346245, false, false},           // change(7 / 1154 * 1000, 9 / 1180 * 1000), R 4.2.2
		{"national rates", 7.8397212543554007, 8.7805054674487639, 0.94078421309336324, 12.000225295902011, false, false}, // change(396 / 50512 * 1000, 485 / 55236 * 1000), R 4.2.2
		// R gives 100 * (2 - 0) / 0 = Inf: "+∞ %" is what the app must not say.
		{"zero baseline", 0, 2, 2, nan, false, true},   // 2 - 0, R 4.2.2; percent undefined
		{"zero to zero", 0, 0, 0, nan, false, true},    // 0 - 0; 100 * 0 / 0 is NaN in R 4.2.2
		{"from missing", nan, 5, nan, nan, true, true}, // NA_real_ in R: no value
		{"to missing", 5, nan, nan, nan, true, true},
		{"both missing", nan, nan, nan, nan, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := stats.ChangeIn(tt.from, tt.to)
			testfiles.RefCheck(t, "Absolute", c.Absolute, tt.absolute, testfiles.RefTol)
			testfiles.RefCheck(t, "Percent", c.Percent, tt.percent, testfiles.RefTol)
			if (c.Reason != "") != tt.reason {
				t.Errorf("Reason = %q, want set: %v", c.Reason, tt.reason)
			}
			if (c.PercentReason != "") != tt.percentReason {
				t.Errorf("PercentReason = %q, want set: %v", c.PercentReason, tt.percentReason)
			}
			if !sameFloat(c.From, tt.from) || !sameFloat(c.To, tt.to) {
				t.Errorf("From, To = %v, %v; want %v, %v", c.From, c.To, tt.from, tt.to)
			}
		})
	}
}

func sameFloat(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

func TestBetween(t *testing.T) {
	// Values: R 4.2.2, stats/testdata/reference/trend.R.
	figure := func(p cube.Period, num, den cube.Count) analysis.Figure {
		return analysis.Figure{Period: p, Rate: stats.RateOf(num, den, stats.Wilson)}
	}
	nan := math.NaN()
	tests := []struct {
		name                        string
		a, b                        analysis.Figure
		numAbs, numPct              float64
		rateAbs, ratePct            float64
		numReason, numPercentReason bool
		rateReason                  bool
	}{
		{
			"396 of 50512 to 485 of 55236",
			figure(cube.FinancialYear(2015), cube.Exact(396), cube.Exact(50512)),
			figure(cube.FinancialYear(2017), cube.Exact(485), cube.Exact(55236)),
			89, 22.474747474747474, // 485 - 396; 100 * (485 - 396) / 396, R 4.2.2
			0.94078421309336324, 12.000225295902011, // change(396 / 50512 * 1000, 485 / 55236 * 1000), R 4.2.2
			false, false, false,
		},
		{
			"0 of 150 to 2 of 150",
			figure(cube.Year(2016), cube.Exact(0), cube.Exact(150)),
			figure(cube.Year(2017), cube.Exact(2), cube.Exact(150)),
			2, nan, // 2 - 0, R 4.2.2; no percentage from 0
			13.333333333333334, nan, // change(0, 2 / 150 * 1000), R 4.2.2: absolute 13.333333333333334, percent Inf
			false, true, false,
		},
		{
			"later numerator missing",
			figure(cube.Year(2016), cube.Exact(7), cube.Exact(1154)),
			figure(cube.Year(2017), cube.ParseCount(""), cube.Exact(1180)),
			nan, nan, nan, nan,
			true, true, true,
		},
		{
			"earlier denominator missing",
			figure(cube.Year(2016), cube.Exact(7), cube.ParseCount("")),
			figure(cube.Year(2017), cube.Exact(9), cube.Exact(1180)),
			2, nan, // 9 - 7, R 4.2.2; no percentage from a baseline of fewer than 10 events
			nan, nan, // no earlier rate
			false, true, true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := analysis.Between(tt.a, tt.b)
			if c.From.Label != tt.a.Period.Label || c.To.Label != tt.b.Period.Label {
				t.Errorf("From, To = %s, %s; want %s, %s", c.From, c.To, tt.a.Period, tt.b.Period)
			}
			testfiles.RefCheck(t, "Numerator.Absolute", c.Numerator.Absolute, tt.numAbs, testfiles.RefTol)
			testfiles.RefCheck(t, "Numerator.Percent", c.Numerator.Percent, tt.numPct, testfiles.RefTol)
			testfiles.RefCheck(t, "Rate.Absolute", c.Rate.Absolute, tt.rateAbs, testfiles.RefTol)
			testfiles.RefCheck(t, "Rate.Percent", c.Rate.Percent, tt.ratePct, testfiles.RefTol)
			if (c.Numerator.Reason != "") != tt.numReason {
				t.Errorf("Numerator.Reason = %q, want set: %v", c.Numerator.Reason, tt.numReason)
			}
			if (c.Numerator.PercentReason != "") != tt.numPercentReason {
				t.Errorf("Numerator.PercentReason = %q, want set: %v", c.Numerator.PercentReason, tt.numPercentReason)
			}
			if (c.Rate.Reason != "") != tt.rateReason {
				t.Errorf("Rate.Reason = %q, want set: %v", c.Rate.Reason, tt.rateReason)
			}
			if math.IsNaN(c.Rate.Percent) && c.Rate.PercentReason == "" {
				t.Errorf("Rate.Percent is NaN without a PercentReason")
			}
		})
	}
}

func TestYearOnYear(t *testing.T) {
	nan := math.NaN()
	three := refFigures(calendarYears(2014, 2015, 2016), []int64{7, 9, 12}, []int64{1154, 1180, 1210})
	type step struct {
		from, to         string
		numAbs, numPct   float64
		rateAbs, ratePct float64
	}
	tests := []struct {
		name    string
		figures []analysis.Figure
		want    []step
	}{
		{"none", nil, nil},
		{"one", three[:1], nil},
		{"three", three, []step{
			// 9 - 7; change(7 / 1154 * 1000, 9 / 1180 * 1000), R 4.2.2; no
			// percentages from baselines of fewer than 10 events
			{"2014", "2015", 2, nan, 1.5612607584525451, nan},
			{"2015", "2016", 3, nan, 2.2902367278330305, nan},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analysis.YearOnYear(analysis.SeriesOf(tt.figures))
			if len(got) != len(tt.want) {
				t.Fatalf("%d changes, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.From.Label != w.from || g.To.Label != w.to {
					t.Errorf("change %d is %s to %s, want %s to %s", i, g.From, g.To, w.from, w.to)
				}
				testfiles.RefCheck(t, "Numerator.Absolute", g.Numerator.Absolute, w.numAbs, testfiles.RefTol)
				testfiles.RefCheck(t, "Numerator.Percent", g.Numerator.Percent, w.numPct, testfiles.RefTol)
				testfiles.RefCheck(t, "Rate.Absolute", g.Rate.Absolute, w.rateAbs, testfiles.RefTol)
				testfiles.RefCheck(t, "Rate.Percent", g.Rate.Percent, w.ratePct, testfiles.RefTol)
			}
		})
	}
}
