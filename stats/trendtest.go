package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// RecentPoints is how many of the latest periods a recent trend looks at, as
// Fingertips does.
const RecentPoints = 5

// TrendDirection is the outcome of a recent-trend test.
type TrendDirection string

// The directions of a recent trend. Empty means no test could be made.
const (
	Increasing     TrendDirection = "increasing"
	Decreasing     TrendDirection = "decreasing"
	NoSignificance TrendDirection = "no significant change"
)

// TrendPoint is one period of a force's series for a trend test: the period's
// midpoint in years, and the counts.
type TrendPoint struct {
	T           float64
	Numerator   cube.Count
	Denominator cube.Count
}

// ChiSquareTest is the chi-square test for trend in proportions.
type ChiSquareTest struct {
	ChiSquare float64
	P         float64
	Points    int
	Reason    string // why there is no test, or a caveat on it
	// Direction is the test's verdict at 99.8%: rising or falling (the
	// sign of the proportions' slope) when P < 0.002, else no significant
	// change; empty when no test ran.
	Direction TrendDirection
}

// ChiSquareTrend is the chi-square test for trend in proportions x/n over the
// scores t (Armitage 1955, Biometrics 11:375–386), as R's
//
//	prop.trend.test(x, n, score = t)
//
// computes it: the regression sum of squares of x/n on t, weighted by
// w = n / (p̄(1 − p̄)) with p̄ = Σx/Σn, on one degree of freedom. Points
// without both counts are left out. A censored count is tried at both ends
// of its range and with the ranges set against each direction (early high
// and late low, and the reverse); the largest p value is kept, and none is
// given when the direction of the trend changes between them. This is a
// bound, not an exact answer: a hidden count in the middle of its range can
// give a larger p still.
func ChiSquareTrend(points []TrendPoint) ChiSquareTest {
	t, x, n := trendInputs(points, lowEnd, nil)
	test := chiSquareTrend(t, x, n)
	if test.Reason == "" {
		test.Direction = chiSquareDirection(test.P, signOf(trendSlope(t, x, n)))
	}
	if !anyCensored(points) || test.Reason != "" {
		return test
	}
	mid := meanT(usablePoints(points))
	direction := signOf(trendSlope(t, x, n))
	for _, end := range []countEnd{highEnd, againstUp, againstDown} {
		t, x, n := trendInputs(points, end, &mid)
		other := chiSquareTrend(t, x, n)
		if other.Reason != "" {
			return other
		}
		if signOf(trendSlope(t, x, n)) != direction {
			nan := math.NaN()
			return ChiSquareTest{ChiSquare: nan, P: nan, Points: test.Points,
				Reason: "a count is censored, and the trend goes one way or the other depending on what it hides: no test is given"}
		}
		if other.P > test.P {
			test = other
		}
	}
	test.Reason = "a count is censored: the test was made at the ends of its range and the largest p value kept"
	test.Direction = chiSquareDirection(test.P, direction)
	return test
}

// chiSquareDirection is the verdict of a test for trend at 99.8% whose
// proportions slope with the given sign.
func chiSquareDirection(p float64, sign int) TrendDirection {
	switch {
	case math.IsNaN(p):
		return ""
	case p >= 1-Level998 || sign == 0:
		return NoSignificance
	case sign > 0:
		return Increasing
	}
	return Decreasing
}

// trendSlope is the unweighted direction of x/n over t, for telling whether
// two tries of a censored series trend the same way.
func trendSlope(t []float64, x, n []int64) float64 {
	y := make([]float64, len(t))
	w := make([]float64, len(t))
	for i := range t {
		y[i], w[i] = float64(x[i])/float64(n[i]), float64(n[i])
	}
	beta, _ := weightedSlope(t, y, w)
	return beta
}

func chiSquareTrend(t []float64, x, n []int64) ChiSquareTest {
	nan := math.NaN()
	out := ChiSquareTest{ChiSquare: nan, P: nan, Points: len(t)}
	if len(t) < MinSlopePoints {
		out.Reason = fmt.Sprintf("a test for trend needs at least %d periods with both counts; there are %d", MinSlopePoints, len(t))
		return out
	}
	var sx, sn float64
	for i := range x {
		sx += float64(x[i])
		sn += float64(n[i])
	}
	pbar := sx / sn
	if pbar <= 0 || pbar >= 1 {
		out.Reason = "no test for trend when every count is 0 (or every count equals its denominator)"
		return out
	}
	// The weighted means and sums of squares of the regression of x/n on t.
	var sw, swt, swf float64
	for i := range t {
		w := float64(n[i]) / (pbar * (1 - pbar))
		sw += w
		swt += w * t[i]
		swf += w * float64(x[i]) / float64(n[i])
	}
	tbar, fbar := swt/sw, swf/sw
	var sxy, sxx float64
	for i := range t {
		w := float64(n[i]) / (pbar * (1 - pbar))
		sxy += w * (t[i] - tbar) * (float64(x[i])/float64(n[i]) - fbar)
		sxx += w * (t[i] - tbar) * (t[i] - tbar)
	}
	if !(sxx > 0) || !spreads(t) {
		out.Reason = "the periods do not spread over time"
		return out
	}
	out.ChiSquare = sxy * sxy / sxx
	out.P = distuv.ChiSquared{K: 1}.Survival(out.ChiSquare)
	return out
}

func spreads(t []float64) bool {
	for _, v := range t {
		if v != t[0] {
			return true
		}
	}
	return false
}

// RecentTrend is the Fingertips "recent trend" of a force.
type RecentTrend struct {
	Direction TrendDirection
	Slope     float64 // per 1,000 per year
	StdErr    float64
	Z         float64
	// P is the two-sided p value of Z, 2·(1 − Φ(|Z|)): the regression
	// rule's own, exported as trend_p for a Poisson rate.
	P      float64
	Robust bool // the slope kept its sign when each point was dropped in turn
	Points int
	Reason string
}

// RecentTrendOf tests the last RecentPoints periods of a series (in period
// order) for a trend, the way Fingertips words a recent trend:
//
//   - the rate per 1,000 is regressed on time by weighted least squares, each
//     point weighted by 1/se², where se is taken from its 95% interval,
//     se = (high − low)/(2·1.959964), so that a rate of 0 still has a weight;
//   - the slope's standard error is 1/√(Σw(t − t̄)²) (the variances are
//     known, not estimated), and it is significant when |slope/se| exceeds
//     Φ⁻¹(0.999), the two-sided 99.8% level;
//   - and it is called increasing or decreasing only when it is significant
//     and keeps its sign when each of the points is dropped in turn.
//
// A censored count is tried at both ends of its range, and with the early
// points high and the late points low (or the reverse, whichever works
// against the slope); a direction is reported only when all agree.
func RecentTrendOf(points []TrendPoint, m Method) RecentTrend {
	usable := usablePoints(points)
	if len(usable) < RecentPoints {
		nan := math.NaN()
		return RecentTrend{Slope: nan, StdErr: nan, Z: nan, P: nan, Points: len(usable),
			Reason: fmt.Sprintf("a recent trend needs %d periods with a rate; there are %d", RecentPoints, len(usable))}
	}
	last := usable[len(usable)-RecentPoints:]
	first := recentTrend(last, m, lowEnd, nil)
	if !anyCensored(last) || first.Reason != "" {
		return first
	}
	tMid := meanT(last)
	for _, end := range []countEnd{highEnd, againstUp, againstDown} {
		other := recentTrend(last, m, end, &tMid)
		if other.Reason != "" {
			return other
		}
		if other.Direction != first.Direction {
			first.Direction = NoSignificance
			first.Reason = "a count is censored, and the trend does not hold at every end of its range"
			return first
		}
	}
	first.Reason = "a count is censored: the trend holds at both ends of its range"
	return first
}

func recentTrend(points []TrendPoint, m Method, end countEnd, tMid *float64) RecentTrend {
	t, x, n := trendInputs(points, end, tMid)
	rt := RecentTrend{Points: len(t)}
	y := make([]float64, len(t))
	w := make([]float64, len(t))
	z95 := ZFor(Level95)
	for i := range t {
		rate, ci := rate95(x[i], n[i], m)
		se := (ci.High - ci.Low) / (2 * z95)
		y[i], w[i] = rate, 1/(se*se)
	}
	var se float64
	rt.Slope, se = weightedSlope(t, y, w)
	if math.IsNaN(rt.Slope) {
		rt.StdErr, rt.Z, rt.P = math.NaN(), math.NaN(), math.NaN()
		rt.Reason = "the periods do not spread over time"
		return rt
	}
	rt.StdErr = se
	rt.Z = rt.Slope / se
	rt.P = 2 * distuv.UnitNormal.Survival(math.Abs(rt.Z))
	rt.Robust = true
	for drop := range t {
		s, _ := weightedSlopeWithout(t, y, w, drop)
		rt.Robust = rt.Robust && signOf(s) == signOf(rt.Slope) && signOf(s) != 0
	}
	rt.Direction = NoSignificance
	if math.Abs(rt.Z) > ZFor(Level998) && rt.Robust {
		rt.Direction = map[bool]TrendDirection{true: Increasing, false: Decreasing}[rt.Slope > 0]
	}
	return rt
}

// rate95 is RateOf(x, n, m)'s rate and 95% interval, without the 99.8%
// interval the recent trend does not use: each point's is worked out for
// every window it is in.
func rate95(x, n int64, m Method) (float64, Interval) {
	if !(n > 0 && x >= 0 && x <= n) {
		r := RateOf(cube.Exact(x), cube.Exact(n), m)
		return r.PerThousand, r.CI95
	}
	ci := rateInterval(x, n, m, Level95)
	if m == Poisson && ci.High > PerThousand {
		ci.High = PerThousand // as capAtWhole cuts it
	}
	return float64(x) / float64(n) * PerThousand, ci
}

// weightedSlopeWithout is weightedSlope of the points but the one at drop,
// the same sums in the same order, with no copy of the rest.
func weightedSlopeWithout(t, y, w []float64, drop int) (beta, se float64) {
	var sw, swt, swy float64
	for i := range t {
		if i != drop {
			sw += w[i]
			swt += w[i] * t[i]
			swy += w[i] * y[i]
		}
	}
	tbar, ybar := swt/sw, swy/sw
	var sxy, sxx float64
	first := 0 // the first point kept, against which spreads compares
	if drop == 0 {
		first = 1
	}
	spread := false
	for i := range t {
		if i != drop {
			sxy += w[i] * (t[i] - tbar) * (y[i] - ybar)
			sxx += w[i] * (t[i] - tbar) * (t[i] - tbar)
			spread = spread || t[i] != t[first]
		}
	}
	if !(sxx > 0) || !spread {
		return math.NaN(), math.NaN()
	}
	return sxy / sxx, 1 / math.Sqrt(sxx)
}

// weightedSlope fits y = α + β·t with known variances 1/w: β and its
// standard error 1/√(Σw(t − t̄)²). Both NaN when the t do not spread.
func weightedSlope(t, y, w []float64) (beta, se float64) {
	var sw, swt, swy float64
	for i := range t {
		sw += w[i]
		swt += w[i] * t[i]
		swy += w[i] * y[i]
	}
	tbar, ybar := swt/sw, swy/sw
	var sxy, sxx float64
	for i := range t {
		sxy += w[i] * (t[i] - tbar) * (y[i] - ybar)
		sxx += w[i] * (t[i] - tbar) * (t[i] - tbar)
	}
	if !(sxx > 0) || !spreads(t) {
		return math.NaN(), math.NaN()
	}
	return sxy / sxx, 1 / math.Sqrt(sxx)
}

func signOf(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// countEnd says which value of a censored count's range a test uses.
type countEnd uint8

const (
	lowEnd  countEnd = iota
	highEnd          // every censored count at its highest
	// againstUp puts censored counts before the middle of the series high
	// and after it low: the values least favourable to a rising trend.
	againstUp
	againstDown // the reverse: least favourable to a falling trend
)

func (e countEnd) pick(c cube.Count, t, tMid float64) int64 {
	low, high, _ := c.Bounds()
	switch e {
	case highEnd:
		return high
	case againstUp:
		if t < tMid {
			return high
		}
		return low
	case againstDown:
		if t < tMid {
			return low
		}
		return high
	}
	return low
}

// usablePoints keeps the points whose rate can be computed (a censored count
// included).
//
// When every point is usable (a window of a recent trend always is) it
// is points itself: the callers only read it.
func usablePoints(points []TrendPoint) []TrendPoint {
	all := true
	for _, p := range points {
		all = all && UsableCounts(p.Numerator, p.Denominator)
	}
	if all {
		return points
	}
	out := make([]TrendPoint, 0, len(points))
	for _, p := range points {
		if UsableCounts(p.Numerator, p.Denominator) {
			out = append(out, p)
		}
	}
	return out
}

// trendInputs turns the usable points into times and counts, a censored
// count taken at the given end of its range (capped at its denominator).
func trendInputs(points []TrendPoint, end countEnd, tMid *float64) (t []float64, x, n []int64) {
	mid := 0.0
	if tMid != nil {
		mid = *tMid
	}
	usable := usablePoints(points)
	counts := make([]int64, 0, 2*len(usable))
	t, x, n = make([]float64, 0, len(usable)), counts[:0:len(usable)], counts[len(usable):len(usable)]
	for _, p := range usable {
		nv, _ := p.Denominator.Value()
		t = append(t, p.T)
		x = append(x, min(end.pick(p.Numerator, p.T, mid), nv))
		n = append(n, nv)
	}
	return t, x, n
}

func anyCensored(points []TrendPoint) bool {
	for _, p := range points {
		if p.Numerator.Kind == cube.CountCensored {
			return true
		}
	}
	return false
}

func meanT(points []TrendPoint) float64 {
	var s float64
	for _, p := range points {
		s += p.T
	}
	return s / float64(len(points))
}
