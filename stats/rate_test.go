package stats_test

import (
	"math"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// testfiles.RefTol is the tolerance of every reference table in these tests: 1e-9
// relative. The references are R 4.2.2 values printed with sprintf("%.17g"),
// so any honest implementation agrees to about 1e-14; 1e-9 leaves room for a
// different but correct order of operations, and none for a wrong formula.

func TestWilsonInterval(t *testing.T) {
	// Values: R 4.2.2, stats/testdata/reference/rate.R.
	tests := []struct {
		name      string
		x, n      int64
		level     float64
		low, high float64
	}{
		{"0 of 1154 at 0.95", 0, 1154, 0.95, 0, 0.0033177761872569293},                            // prop.test(0, 1154, conf.level = 0.95, correct = FALSE)$conf.int, R 4.2.2
		{"0 of 5 at 0.95", 0, 5, 0.95, 0, 0.43448246478317465},                                    // prop.test(0, 5, conf.level = 0.95, correct = FALSE)$conf.int, R 4.2.2
		{"5 of 5 at 0.95", 5, 5, 0.95, 0.56551753521682535, 1},                                    // prop.test(5, 5, conf.level = 0.95, correct = FALSE)$conf.int, R 4.2.2
		{"150 of 150 at 0.95", 150, 150, 0.95, 0.9750297556319234, 1},                             // prop.test(150, 150, conf.level = 0.95, correct = FALSE)$conf.int, R 4.2.2
		{"7 of 1154 at 0.95", 7, 1154, 0.95, 0.0029413628543506413, 0.012467878786440432},         // prop.test(7, 1154, conf.level = 0.95, correct = FALSE)$conf.int, R 4.2.2
		{"1 of 5 at 0.95", 1, 5, 0.95, 0.036224108632430141, 0.62446537023747473},                 // prop.test(1, 5, conf.level = 0.95, correct = FALSE)$conf.int, R 4.2.2
		{"2 of 150 at 0.95", 2, 150, 0.95, 0.0036641291512270508, 0.047306908700367502},           // prop.test(2, 150, conf.level = 0.95, correct = FALSE)$conf.int, R 4.2.2
		{"167 of 9000 at 0.95", 167, 9000, 0.95, 0.015965973945260985, 0.021555950487307147},      // prop.test(167, 9000, conf.level = 0.95, correct = FALSE)$conf.int, R 4.2.2
		{"485 of 55236 at 0.95", 485, 55236, 0.95, 0.0080359393410856794, 0.0095933918282779685},  // prop.test(485, 55236, conf.level = 0.95, correct = FALSE)$conf.int, R 4.2.2
		{"0 of 1154 at 0.998", 0, 1154, 0.998, 0, 0.008207244653566247},                           // prop.test(0, 1154, conf.level = 0.998, correct = FALSE)$conf.int, R 4.2.2
		{"0 of 5 at 0.998", 0, 5, 0.998, 0, 0.65634642224978545},                                  // prop.test(0, 5, conf.level = 0.998, correct = FALSE)$conf.int, R 4.2.2
		{"5 of 5 at 0.998", 5, 5, 0.998, 0.34365357775021455, 1},                                  // prop.test(5, 5, conf.level = 0.998, correct = FALSE)$conf.int, R 4.2.2
		{"150 of 150 at 0.998", 150, 150, 0.998, 0.94014689128475393, 1},                          // prop.test(150, 150, conf.level = 0.998, correct = FALSE)$conf.int, R 4.2.2
		{"7 of 1154 at 0.998", 7, 1154, 0.998, 0.0020008537967687555, 0.018238538668625976},       // prop.test(7, 1154, conf.level = 0.998, correct = FALSE)$conf.int, R 4.2.2
		{"1 of 5 at 0.998", 1, 5, 0.998, 0.017711912122975258, 0.77609594122689596},               // prop.test(1, 5, conf.level = 0.998, correct = FALSE)$conf.int, R 4.2.2
		{"2 of 150 at 0.998", 2, 150, 0.998, 0.0020159421087058526, 0.082907750374133699},         // prop.test(2, 150, conf.level = 0.998, correct = FALSE)$conf.int, R 4.2.2
		{"167 of 9000 at 0.998", 167, 9000, 0.998, 0.014642831293327069, 0.023488879326005137},    // prop.test(167, 9000, conf.level = 0.998, correct = FALSE)$conf.int, R 4.2.2
		{"485 of 55236 at 0.998", 485, 55236, 0.998, 0.0076359249223764752, 0.010094906681950034}, // prop.test(485, 55236, conf.level = 0.998, correct = FALSE)$conf.int, R 4.2.2
		// Undefined: no denominator, a numerator outside [0, n]. prop.test refuses
		// these (it stops with "elements of 'x' must not be greater than those of 'n'"
		// or "'n' must be positive"); the function says NaN.
		{"n = 0", 0, 0, 0.95, math.NaN(), math.NaN()},
		{"x > n", 6, 5, 0.95, math.NaN(), math.NaN()},
		{"x < 0", -1, 5, 0.95, math.NaN(), math.NaN()},
		{"n < 0", 0, -5, 0.998, math.NaN(), math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			low, high := stats.WilsonInterval(tt.x, tt.n, tt.level)
			testfiles.RefCheck(t, "low", low, tt.low, testfiles.RefTol)
			testfiles.RefCheck(t, "high", high, tt.high, testfiles.RefTol)
		})
	}
}

func TestPoissonExactInterval(t *testing.T) {
	// Values: R 4.2.2, stats/testdata/reference/rate.R.
	tests := []struct {
		name      string
		x         int64
		level     float64
		low, high float64
	}{
		{"0 at 0.95", 0, 0.95, 0, 3.6888794541139354},                       // poisson.test(0, conf.level = 0.95)$conf.int, R 4.2.2
		{"1 at 0.95", 1, 0.95, 0.025317807984289897, 5.5716433909388989},    // poisson.test(1, conf.level = 0.95)$conf.int, R 4.2.2
		{"2 at 0.95", 2, 0.95, 0.24220927854396501, 7.2246876677239582},     // poisson.test(2, conf.level = 0.95)$conf.int, R 4.2.2
		{"5 at 0.95", 5, 0.95, 1.6234863901184209, 11.668332079322667},      // poisson.test(5, conf.level = 0.95)$conf.int, R 4.2.2
		{"9 at 0.95", 9, 0.95, 4.1153730973783329, 17.08480345141917},       // poisson.test(9, conf.level = 0.95)$conf.int, R 4.2.2
		{"10 at 0.95", 10, 0.95, 4.7953886961324343, 18.390356042017778},    // poisson.test(10, conf.level = 0.95)$conf.int, R 4.2.2
		{"50 at 0.95", 50, 0.95, 37.110963737461866, 65.918766664336829},    // poisson.test(50, conf.level = 0.95)$conf.int, R 4.2.2
		{"0 at 0.998", 0, 0.998, 0, 6.9077552789821359},                     // poisson.test(0, conf.level = 0.998)$conf.int, R 4.2.2
		{"1 at 0.998", 1, 0.998, 0.0010005003335835344, 9.2334134764515845}, // poisson.test(1, conf.level = 0.998)$conf.int, R 4.2.2
		{"2 at 0.998", 2, 0.998, 0.045402017769489579, 11.228872242412661},  // poisson.test(2, conf.level = 0.998)$conf.int, R 4.2.2
		{"5 at 0.998", 5, 0.998, 0.73937173191783268, 16.454745203680105},   // poisson.test(5, conf.level = 0.998)$conf.int, R 4.2.2
		{"9 at 0.998", 9, 0.998, 2.4524244043637751, 22.65737330906293},     // poisson.test(9, conf.level = 0.998)$conf.int, R 4.2.2
		{"10 at 0.998", 10, 0.998, 2.9605203727437601, 24.133971145417586},  // poisson.test(10, conf.level = 0.998)$conf.int, R 4.2.2
		{"50 at 0.998", 50, 0.998, 30.958969603468312, 75.941891992100352},  // poisson.test(50, conf.level = 0.998)$conf.int, R 4.2.2
		// poisson.test refuses a negative count; the function says NaN.
		{"-1 at 0.95", -1, 0.95, math.NaN(), math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			low, high := stats.PoissonExactInterval(tt.x, tt.level)
			testfiles.RefCheck(t, "low", low, tt.low, testfiles.RefTol)
			testfiles.RefCheck(t, "high", high, tt.high, testfiles.RefTol)
		})
	}
}

func TestByarInterval(t *testing.T) {
	// Values: R 4.2.2, stats/testdata/reference/rate.R, with
	//	byar <- function(x, L) { z <- qnorm(1 - (1 - L)/2); c(x * (1 - 1/(9*x) - z/(3*sqrt(x)))^3, (x + 1) * (1 - 1/(9*(x + 1)) + z/(3*sqrt(x + 1)))^3) }
	tests := []struct {
		name      string
		x         int64
		level     float64
		low, high float64
	}{
		{"10 at 0.95", 10, 0.95, 4.7874499139675644, 18.391458605756473},     // byar(10, 0.95), R 4.2.2
		{"11 at 0.95", 11, 0.95, 5.483690198449974, 19.68323711614639},       // byar(11, 0.95), R 4.2.2
		{"50 at 0.95", 50, 0.95, 37.108100409034186, 65.920156693957722},     // byar(50, 0.95), R 4.2.2
		{"167 at 0.95", 167, 0.95, 142.63032000969702, 194.33848531378362},   // byar(167, 0.95), R 4.2.2
		{"485 at 0.95", 485, 0.95, 442.79031935169638, 530.14803608033776},   // byar(485, 0.95), R 4.2.2
		{"10 at 0.998", 10, 0.998, 2.916318374695686, 24.193724927880549},    // byar(10, 0.998), R 4.2.2
		{"11 at 0.998", 11, 0.998, 3.4483702384008814, 25.646520516557427},   // byar(11, 0.998), R 4.2.2
		{"50 at 0.998", 50, 0.998, 30.934708439753138, 75.969300590144087},   // byar(50, 0.998), R 4.2.2
		{"167 at 0.998", 167, 0.998, 129.88189210807209, 210.93330970479298}, // byar(167, 0.998), R 4.2.2
		{"485 at 0.998", 485, 0.998, 419.77543462623726, 556.9930563885215},  // byar(485, 0.998), R 4.2.2
		// Byar's lower limit divides by x: undefined at 0 and below.
		{"0 at 0.95", 0, 0.95, math.NaN(), math.NaN()},
		{"-3 at 0.998", -3, 0.998, math.NaN(), math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			low, high := stats.ByarInterval(tt.x, tt.level)
			testfiles.RefCheck(t, "low", low, tt.low, testfiles.RefTol)
			testfiles.RefCheck(t, "high", high, tt.high, testfiles.RefTol)
		})
	}
}

// TestPoissonIntervalSwitch checks that PoissonInterval is exact below 10
// events and Byar's from 10 (PHE's rule): 9 must match poisson.test, 10 must
// match Byar and not poisson.test, whose 10 differs from Byar's in the third
// significant digit.
func TestPoissonIntervalSwitch(t *testing.T) {
	tests := []struct {
		name      string
		x         int64
		level     float64
		low, high float64
	}{
		{"9 at 0.95 is exact", 9, 0.95, 4.1153730973783329, 17.08480345141917},    // poisson.test(9, conf.level = 0.95)$conf.int, R 4.2.2
		{"9 at 0.998 is exact", 9, 0.998, 2.4524244043637751, 22.65737330906293},  // poisson.test(9, conf.level = 0.998)$conf.int, R 4.2.2
		{"10 at 0.95 is Byar", 10, 0.95, 4.7874499139675644, 18.391458605756473},  // byar(10, 0.95), R 4.2.2
		{"10 at 0.998 is Byar", 10, 0.998, 2.916318374695686, 24.193724927880549}, // byar(10, 0.998), R 4.2.2
		{"50 at 0.95 is Byar", 50, 0.95, 37.108100409034186, 65.920156693957722},  // byar(50, 0.95), R 4.2.2
		{"0 at 0.95 is exact", 0, 0.95, 0, 3.6888794541139354},                    // poisson.test(0, conf.level = 0.95)$conf.int, R 4.2.2
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			low, high := stats.PoissonInterval(tt.x, tt.level)
			testfiles.RefCheck(t, "low", low, tt.low, testfiles.RefTol)
			testfiles.RefCheck(t, "high", high, tt.high, testfiles.RefTol)
		})
	}
	// poisson.test(10, conf.level = 0.95)$conf.int, R 4.2.2: 4.7953886961324343 18.390356042017778.
	// The exact interval at 10 must not be what PoissonInterval returns.
	if low, _ := stats.PoissonInterval(10, 0.95); math.Abs(low-4.7953886961324343) <= testfiles.RefTol*4.7953886961324343 {
		t.Errorf("PoissonInterval(10, 0.95) low = %.17g: the exact interval, want Byar's from %d events", low, stats.ByarThreshold)
	}
}

func TestRateOf(t *testing.T) {
	// Values: R 4.2.2, stats/testdata/reference/rate.R. The rate is x/n*1000;
	// the intervals are the count's (or proportion's) interval / n * 1000.
	tests := []struct {
		name            string
		x, n            int64
		method          stats.Method
		rate            float64
		low95, high95   float64
		low998, high998 float64
	}{
		// 7/1154*1000; prop.test(7, 1154, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
		{"wilson 7 of 1154", 7, 1154, stats.Wilson, 6.0658578856152516, 2.9413628543506412, 12.467878786440432, 2.0008537967687556, 18.238538668625978},
		// 0/150*1000; prop.test(0, 150, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
		{"wilson 0 of 150", 0, 150, stats.Wilson, 0, 0, 24.970244368076585, 0, 59.853108715246108},
		// 2/150*1000; prop.test(2, 150, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
		{"wilson 2 of 150", 2, 150, stats.Wilson, 13.333333333333334, 3.6641291512270509, 47.306908700367501, 2.0159421087058527, 82.907750374133698},
		// 150/150*1000; prop.test(150, 150, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
		{"wilson 150 of 150", 150, 150, stats.Wilson, 1000, 975.02975563192342, 1000, 940.14689128475391, 1000},
		// 485/55236*1000; prop.test(485, 55236, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
		{"wilson 485 of 55236", 485, 55236, stats.Wilson, 8.7805054674487639, 8.0359393410856796, 9.5933918282779693, 7.6359249223764749, 10.094906681950034},
		// 7/1154*1000; poisson.test(7, T = 1154, conf.level = 0.95 and 0.998)$conf.int * 1000, R 4.2.2
		{"poisson 7 of 1154", 7, 1154, stats.Poisson, 6.0658578856152516, 2.4387894727208552, 12.497985582064452, 1.3174490991324173, 17.007086131182181},
		// 0/150*1000; poisson.test(0, T = 150, conf.level = 0.95 and 0.998)$conf.int * 1000, R 4.2.2
		{"poisson 0 of 150", 0, 150, stats.Poisson, 0, 0, 24.592529694092903, 0, 46.0517018598809},
		// 9/1200*1000; poisson.test(9, T = 1200, conf.level = 0.95 and 0.998)$conf.int * 1000, R 4.2.2
		{"poisson 9 of 1200", 9, 1200, stats.Poisson, 7.5, 3.4294775811486109, 14.237336209515975, 2.0436870036364794, 18.881144424219105},
		// 10/1200*1000; byar(10, 0.95 and 0.998) / 1200 * 1000, R 4.2.2
		{"poisson 10 of 1200", 10, 1200, stats.Poisson, 8.3333333333333339, 3.9895415949729705, 15.326215504797061, 2.4302653122464051, 20.161437439900457},
		// 485/55236*1000; byar(485, 0.95 and 0.998) / 55236 * 1000, R 4.2.2
		{"poisson 485 of 55236", 485, 55236, stats.Poisson, 8.7805054674487639, 8.016335711342176, 9.5978716069291359, 7.5996711316213563, 10.083877478248271},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := stats.RateOf(cube.Exact(tt.x), cube.Exact(tt.n), tt.method)
			if !r.OK() || r.Reason != "" {
				t.Fatalf("RateOf(%d, %d) has no value: %q", tt.x, tt.n, r.Reason)
			}
			if r.Method != tt.method {
				t.Errorf("Method = %v, want %v", r.Method, tt.method)
			}
			if v, ok := r.Numerator.Value(); !ok || v != tt.x {
				t.Errorf("Numerator = %v, want %d", r.Numerator, tt.x)
			}
			if v, ok := r.Denominator.Value(); !ok || v != tt.n {
				t.Errorf("Denominator = %v, want %d", r.Denominator, tt.n)
			}
			testfiles.RefCheck(t, "PerThousand", r.PerThousand, tt.rate, testfiles.RefTol)
			testfiles.RefCheck(t, "CI95.Low", r.CI95.Low, tt.low95, testfiles.RefTol)
			testfiles.RefCheck(t, "CI95.High", r.CI95.High, tt.high95, testfiles.RefTol)
			testfiles.RefCheck(t, "CI998.Low", r.CI998.Low, tt.low998, testfiles.RefTol)
			testfiles.RefCheck(t, "CI998.High", r.CI998.High, tt.high998, testfiles.RefTol)
		})
	}
}

// TestRateOfReasons checks that a rate that cannot be computed has every
// number NaN and a Reason, for both methods.
func TestRateOfReasons(t *testing.T) {
	tests := []struct {
		name     string
		num, den cube.Count
		reason   string // a word the reason must contain
	}{
		{"numerator missing", cube.ParseCount(""), cube.Exact(1154), "numerator"},
		{"denominator missing", cube.Exact(7), cube.ParseCount(""), "denominator"},
		{"both missing", cube.ParseCount(""), cube.ParseCount("  "), "neither"},
		{"never set", cube.Count{}, cube.Count{}, "neither"},
		{"numerator not a count", cube.ParseCount("n/a"), cube.Exact(1154), "numerator"},
		{"denominator not a count", cube.Exact(7), cube.ParseCount("1,5"), "denominator"},
		{"zero denominator", cube.Exact(0), cube.Exact(0), "denominator is 0"},
		{"zero denominator, positive numerator", cube.Exact(3), cube.Exact(0), "denominator is 0"},
		{"numerator above denominator", cube.Exact(1155), cube.Exact(1154), "larger than the denominator"},
	}
	for _, tt := range tests {
		for _, m := range []stats.Method{stats.Wilson, stats.Poisson} {
			t.Run(tt.name+"/"+m.String(), func(t *testing.T) {
				r := stats.RateOf(tt.num, tt.den, m)
				if r.OK() || r.Reason == "" {
					t.Fatalf("RateOf(%v, %v) is OK, want a reason", tt.num, tt.den)
				}
				if !strings.Contains(r.Reason, tt.reason) {
					t.Errorf("Reason = %q, want it to mention %q", r.Reason, tt.reason)
				}
				for what, v := range map[string]float64{
					"PerThousand": r.PerThousand, "CI95.Low": r.CI95.Low, "CI95.High": r.CI95.High,
					"CI998.Low": r.CI998.Low, "CI998.High": r.CI998.High,
				} {
					if !math.IsNaN(v) {
						t.Errorf("%s = %v, want NaN", what, v)
					}
				}
			})
		}
	}
}

func TestParseMethod(t *testing.T) {
	tests := []struct {
		name, in string
		want     stats.Method
		wantErr  bool
	}{
		{"wilson", "wilson", stats.Wilson, false},
		{"empty is the default", "", stats.Wilson, false},
		{"case and spaces", " Poisson ", stats.Poisson, false},
		{"unknown", "exact", stats.Wilson, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stats.ParseMethod(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseMethod(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
			if err == nil {
				if back, _ := stats.ParseMethod(got.String()); back != got {
					t.Errorf("ParseMethod(%q.String()) = %v", got, back)
				}
			}
		})
	}
}

// TestPoissonIntervalCutAtWhole: Poisson's interval for 5 of 5 runs past
// 1,000 per 1,000 (R 4.2.2: poisson.test(5)$conf.int * 1000 / 5 is 324.7 to
// 2333.7); a count that is part of its denominator cannot, so it is cut
// there and said. Wilson's never passes it.
func TestPoissonIntervalCutAtWhole(t *testing.T) {
	r := stats.RateOf(cube.Exact(5), cube.Exact(5), stats.Poisson)
	if !r.Capped || r.CI95.High != 1000 || r.CI998.High != 1000 || math.Abs(r.CI95.Low-324.7) > 0.1 {
		t.Errorf("Poisson 5 of 5: %+v", r)
	}
	w := stats.RateOf(cube.Exact(5), cube.Exact(5), stats.Wilson)
	if w.Capped || w.CI95.High > 1000 {
		t.Errorf("Wilson 5 of 5: %+v", w)
	}
	if p := stats.RateOf(cube.Exact(5), cube.Exact(1000), stats.Poisson); p.Capped {
		t.Errorf("Poisson 5 of 1,000 was cut: %+v", p)
	}
}

// TestUsableCountsIsRateOfUsable: the cheap test of a figure's counts says
// what RateOf's rate would, for every kind of count on either side.
func TestUsableCountsIsRateOfUsable(t *testing.T) {
	counts := []cube.Count{
		cube.Exact(0), cube.Exact(5), cube.Exact(40), cube.Exact(-1), {},
		{Kind: cube.CountCensored, Low: 1, High: 4, Raw: "<5"}, {Kind: cube.CountCensored, Low: 50, High: 60, Raw: "50-60"},
		{Kind: cube.CountSuppressed, Raw: "*"}, {Kind: cube.CountInvalid, Raw: "n/a"},
	}
	for _, num := range counts {
		for _, den := range counts {
			for _, m := range []stats.Method{stats.Wilson, stats.Poisson} {
				if got, want := stats.UsableCounts(num, den), stats.RateOf(num, den, m).Usable(); got != want {
					t.Errorf("UsableCounts(%+v, %+v) = %v, RateOf(…, %v).Usable() = %v", num, den, got, m, want)
				}
			}
		}
	}
}
