package stats

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
)

// Method is how a rate's confidence interval is computed.
type Method uint8

const (
	// Wilson treats the numerator as a subset of the denominator (the missing
	// are among the registered) and uses the Wilson score interval for a
	// proportion. The default.
	Wilson Method = iota
	// Poisson treats the numerator as a count of events in a population: the
	// exact interval below 10 events, Byar's approximation from 10.
	Poisson
)

func (m Method) String() string {
	if m == Poisson {
		return "poisson"
	}
	return "wilson"
}

// ParseMethod reads "wilson" or "poisson", ignoring case.
func ParseMethod(s string) (Method, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "wilson", "":
		return Wilson, nil
	case "poisson":
		return Poisson, nil
	}
	return Wilson, fmt.Errorf("unknown interval method %q: use wilson or poisson", s)
}

// Confidence levels of the intervals every rate carries: 95%, and 99.8% (about
// three standard errors, the outer limit of PHE's funnel plots).
const (
	Level95  = 0.95
	Level998 = 0.998
)

// PerThousand is the scale of every rate: events per 1,000 of the denominator.
const PerThousand = 1000

// ByarThreshold is the count from which Poisson intervals use Byar's
// approximation instead of the exact interval, as Public Health England's
// methods do (PHE, "Technical guide: confidence intervals", 2018).
const ByarThreshold = 10

// Interval is a confidence interval; both ends are NaN when it is undefined.
type Interval struct {
	Low, High float64
}

func NanInterval() Interval { return Interval{math.NaN(), math.NaN()} }

// ZFor returns the standard normal quantile for a two-sided interval at the
// given level: 1.959964 for 0.95, 3.090232 for 0.998.
func ZFor(level float64) float64 {
	switch level {
	case Level95:
		return z95
	case Level998:
		return z998
	}
	return distuv.UnitNormal.Quantile(1 - (1-level)/2)
}

// The two levels every rate carries, worked out once: funnel curves and
// trend tests ask for them hundreds of thousands of times in a long series.
var (
	z95  = distuv.UnitNormal.Quantile(1 - (1-Level95)/2)
	z998 = distuv.UnitNormal.Quantile(1 - (1-Level998)/2)
)

// WilsonInterval returns the Wilson score interval for the proportion x/n at
// the given confidence level, as proportions in [0, 1]:
//
//	p̂ = x/n,  z = Φ⁻¹(1 − α/2)
//	centre = (p̂ + z²/2n) / (1 + z²/n)
//	half   = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
//
// Wilson (1927), J. Am. Stat. Assoc. 22:209–212; the interval of R's
// prop.test(x, n, correct = FALSE). It is NaN when n ≤ 0, x < 0 or x > n.
func WilsonInterval(x, n int64, level float64) (low, high float64) {
	if n <= 0 || x < 0 || x > n {
		return math.NaN(), math.NaN()
	}
	z := ZFor(level)
	fn := float64(n)
	p := float64(x) / fn
	z2n := z * z / fn
	centre := (p + z2n/2) / (1 + z2n)
	half := z / (1 + z2n) * math.Sqrt(p*(1-p)/fn+z*z/(4*fn*fn))
	low, high = centre-half, centre+half
	// The ends are exactly 0 and 1 when x is 0 or n; rounding must not push
	// them past.
	if x == 0 {
		low = 0
	}
	if x == n {
		high = 1
	}
	return low, high
}

// PoissonExactInterval returns the exact (Garwood) interval for a Poisson
// count x at the given level, as counts:
//
//	low  = χ²(α/2; 2x) / 2        (0 when x = 0)
//	high = χ²(1 − α/2; 2x + 2) / 2
//
// Garwood (1936), Biometrika 28:437–442; the interval of R's poisson.test(x).
// It is NaN when x < 0.
func PoissonExactInterval(x int64, level float64) (low, high float64) {
	if x < 0 {
		return math.NaN(), math.NaN()
	}
	alpha := 1 - level
	if x > 0 {
		low = distuv.ChiSquared{K: float64(2 * x)}.Quantile(alpha/2) / 2
	}
	high = distuv.ChiSquared{K: float64(2*x + 2)}.Quantile(1-alpha/2) / 2
	return low, high
}

// ByarInterval returns Byar's approximation to the exact Poisson interval for
// a count x at the given level, as counts:
//
//	low  = x · (1 − 1/(9x) − z/(3√x))³
//	high = (x + 1) · (1 − 1/(9(x + 1)) + z/(3√(x + 1)))³
//
// Breslow and Day (1987), Statistical Methods in Cancer Research vol. II,
// p. 69; used by Public Health England from 10 events. It is NaN when x ≤ 0.
func ByarInterval(x int64, level float64) (low, high float64) {
	if x <= 0 {
		return math.NaN(), math.NaN()
	}
	z := ZFor(level)
	fx := float64(x)
	low = fx * math.Pow(1-1/(9*fx)-z/(3*math.Sqrt(fx)), 3)
	high = (fx + 1) * math.Pow(1-1/(9*(fx+1))+z/(3*math.Sqrt(fx+1)), 3)
	return low, high
}

// PoissonInterval returns the interval for a Poisson count: exact below
// ByarThreshold events, Byar's approximation from it.
func PoissonInterval(x int64, level float64) (low, high float64) {
	if x < ByarThreshold {
		return PoissonExactInterval(x, level)
	}
	return ByarInterval(x, level)
}

// Rate is a numerator per 1,000 of its denominator with its intervals. When
// it cannot be computed every number is NaN and Reason says why.
type Rate struct {
	Numerator   cube.Count
	Denominator cube.Count
	Method      Method
	PerThousand float64
	CI95        Interval
	CI998       Interval
	Reason      string
	// Censored is set when the numerator is censored ("<5"): PerThousand is
	// NaN, Bounds holds the rates at the two ends of the numerator's range,
	// and CI95 and CI998 run from the lower end's low limit to the upper
	// end's high limit.
	Censored bool
	Bounds   Interval
	// Small is set when the rate rests on fewer than SmallCount events (at
	// the top of a censored range): chance alone moves such a rate a lot.
	Small bool
	// Capped is set when a Poisson interval ran past 1,000 per 1,000 and
	// was cut there (capAtWhole).
	Capped bool
}

// CappedCaution is the note beside a Poisson interval cut at 1,000 per
// 1,000.
const CappedCaution = "the Poisson interval ran past 1,000 per 1,000, which a count that is part of its denominator cannot reach, so it is cut at 1,000: the proportion method (Wilson) fits a measure that is part of its denominator"

// capAtWhole cuts a Poisson interval at 1,000 per 1,000. The app divides a
// count by a denominator it is part of (a numerator above its denominator is
// refused), so a rate cannot pass 1,000 per 1,000; Poisson's interval,
// made for events in a population, can (5 of 5 gave 325 to 2,334). The
// Wilson interval never does.
func capAtWhole(r *Rate) {
	if r.Method != Poisson {
		return
	}
	for _, ci := range []*Interval{&r.CI95, &r.CI998} {
		if ci.High > PerThousand {
			ci.High = PerThousand
			r.Capped = true
		}
	}
}

// SmallCount is the number of events below which a figure carries a
// caution and no percentage change is worked out from it, as PHE's and the
// ONS's small-number rules do.
const SmallCount = 10

// SmallCaution is the caution written beside a figure resting on fewer than
// SmallCount events.
const SmallCaution = "fewer than 10 events: a count this small moves a lot by chance"

// Usable reports whether the rate has a value or, for a censored numerator,
// bounds.
func (r Rate) Usable() bool { return r.OK() || r.Censored }

// UsableCounts says whether RateOf(num, den, m).Usable() would, without
// working out any interval: for the loops over every figure of a long
// series (the trend tests' points, the windows of recent trends).
func UsableCounts(num, den cube.Count) bool {
	if num.Kind == cube.CountCensored {
		num = cube.Exact(num.Low)
	}
	_, _, reason := rateInputs(num, den)
	return reason == ""
}

// OK reports whether the rate has a value.
func (r Rate) OK() bool { return r.Reason == "" }

// RateOf computes num per 1,000 of den with 95% and 99.8% intervals by the
// given method. A missing value, a zero denominator or a numerator above its
// denominator give no number and a Reason.
func RateOf(num, den cube.Count, m Method) Rate {
	r := Rate{Numerator: num, Denominator: den, Method: m, PerThousand: math.NaN(), CI95: NanInterval(), CI998: NanInterval(), Bounds: NanInterval()}
	if num.Kind == cube.CountCensored {
		return censoredRate(r)
	}
	x, n, reason := rateInputs(num, den)
	if reason != "" {
		r.Reason = reason
		return r
	}
	r.PerThousand = float64(x) / float64(n) * PerThousand
	r.Small = x < SmallCount
	r.CI95 = rateInterval(x, n, m, Level95)
	r.CI998 = rateInterval(x, n, m, Level998)
	r.Bounds = Interval{r.PerThousand, r.PerThousand}
	capAtWhole(&r)
	return r
}

// censoredRate carries a censored numerator through as bounds: the rate lies
// between the rates at the two ends of the numerator's range, and the
// interval runs from the lower end's low limit to the upper end's high limit.
func censoredRate(r Rate) Rate {
	low, high := r.Numerator.Low, r.Numerator.High
	_, n, reason := rateInputs(cube.Exact(low), r.Denominator)
	if reason != "" {
		r.Reason = reason
		return r
	}
	high = min(high, n) // a part cannot exceed its whole
	r.Censored = true
	r.Small = high < SmallCount
	r.Bounds = Interval{float64(low) / float64(n) * PerThousand, float64(high) / float64(n) * PerThousand}
	r.CI95 = Interval{rateInterval(low, n, r.Method, Level95).Low, rateInterval(high, n, r.Method, Level95).High}
	r.CI998 = Interval{rateInterval(low, n, r.Method, Level998).Low, rateInterval(high, n, r.Method, Level998).High}
	capAtWhole(&r)
	what := fmt.Sprintf("the numerator is censored (%s, that is %d to %d)", words.Shorten(strings.TrimSpace(r.Numerator.Raw), 20), low, r.Numerator.High)
	if strings.TrimSpace(r.Numerator.Raw) == fmt.Sprintf("%d to %d", low, r.Numerator.High) {
		what = fmt.Sprintf("the numerator includes censored counts (it is %d to %d)", low, r.Numerator.High)
	}
	r.Reason = fmt.Sprintf("%s: the rate lies between %s and %s per 1,000", what, formatShort(r.Bounds.Low), formatShort(r.Bounds.High))
	return r
}

// formatShort writes a rate for a sentence: about three significant digits,
// never in exponent form.
func formatShort(v float64) string {
	switch {
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func rateInputs(num, den cube.Count) (x, n int64, reason string) {
	x, okx := num.Value()
	n, okn := den.Value()
	switch {
	case num.Kind == cube.CountSuppressed:
		return 0, 0, fmt.Sprintf("the numerator is suppressed in the source (%q)", words.Shorten(strings.TrimSpace(num.Raw), 20))
	case den.Kind == cube.CountSuppressed:
		return 0, 0, fmt.Sprintf("the denominator is suppressed in the source (%q)", words.Shorten(strings.TrimSpace(den.Raw), 20))
	case den.Kind == cube.CountCensored:
		return 0, 0, fmt.Sprintf("the denominator is censored (%q): a rate needs its exact value", words.Shorten(strings.TrimSpace(den.Raw), 20))
	case num.Kind == cube.CountInvalid:
		return 0, 0, fmt.Sprintf("the numerator (%q) is not a count", words.Shorten(num.Raw, 40))
	case den.Kind == cube.CountInvalid:
		return 0, 0, fmt.Sprintf("the denominator (%q) is not a count", words.Shorten(den.Raw, 40))
	case !okx && !okn:
		return 0, 0, "neither the numerator nor the denominator is given"
	case !okx:
		return 0, 0, "the numerator is not given"
	case !okn:
		return 0, 0, "the denominator is not given"
	case x < 0 || n < 0:
		return 0, 0, "a count cannot be negative"
	case n == 0:
		return 0, 0, "the denominator is 0"
	case x > n:
		return 0, 0, fmt.Sprintf("the numerator (%d) is larger than the denominator (%d); check that the columns are the right way round", x, n)
	}
	return x, n, ""
}

func rateInterval(x, n int64, m Method, level float64) Interval {
	var low, high float64
	if m == Poisson {
		low, high = PoissonInterval(x, level)
		low, high = low/float64(n), high/float64(n)
	} else {
		low, high = WilsonInterval(x, n, level)
	}
	return Interval{low * PerThousand, high * PerThousand}
}
