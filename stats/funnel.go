package stats

import (
	"math"
	"slices"
)

// FunnelFlag says where a force lies against a funnel plot's control limits.
type FunnelFlag string

// The flags of a funnel plot, from the highest to the lowest. A value equal
// to a limit is not flagged (strict inequalities, as PHE's
// phe_funnel_significance).
const (
	FlagHigh998        FunnelFlag = "high (99.8%)"
	FlagHigh95         FunnelFlag = "high (95%)"
	FlagNotSignificant FunnelFlag = "not significant"
	FlagLow95          FunnelFlag = "low (95%)"
	FlagLow998         FunnelFlag = "low (99.8%)"
)

// Limits are a funnel's control limits for one denominator, as proportions.
type Limits struct {
	Low95, High95, Low998, High998 float64
}

// Flag places the proportion p against the limits.
func (l Limits) Flag(p float64) FunnelFlag {
	switch {
	case p > l.High998:
		return FlagHigh998
	case p > l.High95:
		return FlagHigh95
	case p < l.Low998:
		return FlagLow998
	case p < l.Low95:
		return FlagLow95
	}
	return FlagNotSignificant
}

// FunnelLimit returns the control limits, as proportions, around the target
// proportion pbar for a denominator n at the given level, as Public Health
// England's methods do for proportions (PHEindicatormethods, phe_funnels and
// phe_funnel_significance: the "sigma adjustment" of the Fingertips technical
// guidance). The limit counts x are the roots of the Wilson-type quadratic
//
//	A·x² − 2B·x + C = 0,  A = 1/z² + 1/n,  B = p̄(n/z² + 1),
//	C = p̄·(n·(p̄(n/z² + 2) − 1) + z²(p̄ − 1))
//
// with z = Φ⁻¹(1 − (1 − level)/2), so x = (B ± √(B² − A·C))/A, clamped to
// [0, n] and divided by n. Both are NaN when n ≤ 0 or pbar is outside [0, 1].
func FunnelLimit(pbar, n, level float64) (low, high float64) {
	if !(n > 0) || !(pbar >= 0 && pbar <= 1) {
		return math.NaN(), math.NaN()
	}
	z := ZFor(level)
	z2 := z * z
	a := 1/z2 + 1/n
	b := pbar * (n/z2 + 1)
	c := pbar * (n*(pbar*(n/z2+2)-1) + z2*(pbar-1))
	root := math.Sqrt(max(0, b*b-a*c)) // never negative in exact arithmetic
	low = min(max(0, (b-root)/a), n) / n
	high = min(max(0, (b+root)/a), n) / n
	return low, high
}

// FunnelLimits returns the 95% and 99.8% limits around pbar for a
// denominator n.
func FunnelLimits(pbar, n float64) Limits {
	var l Limits
	l.Low95, l.High95 = FunnelLimit(pbar, n, Level95)
	l.Low998, l.High998 = FunnelLimit(pbar, n, Level998)
	return l
}

func Sum(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s
}

// Overdispersion is Spiegelhalter's additive random-effects adjustment of a
// funnel for proportions, as NHS-R's FunnelPlotR does it (Spiegelhalter 2005,
// "Handling over-dispersion of performance indicators", Qual Saf Health Care
// 14:347–351):
//
//	y = asin(√p),  s = 1/(2√n),  θ = asin(√p̄),  z = (y − θ)/s
//	z winsorised to its 10th and 90th percentiles (R's quantile, type 7)
//	φ = mean(z_w²)
//	τ² = max(0, (kφ − (k − 1)) / (Σw − Σw²/Σw)),  w = 1/s²   (0 when kφ < k − 1)
//	limits sin²(θ ± z_α·√(s² + τ²)), the angle clamped to [0, π/2]
type Overdispersion struct {
	Theta float64   // asin(√p̄)
	Phi   float64   // the dispersion ratio; above 1 is overdispersed
	Tau2  float64   // the between-force variance on the arcsine scale
	K     int       // the number of forces
	Z     []float64 // each force's z-score, unadjusted
	// Winsorised are the z-scores after winsorising, for checking.
	Winsorised []float64
}

// Present reports whether the forces vary more than chance alone explains,
// so that the limits were widened.
func (o Overdispersion) Present() bool { return o.Tau2 > 0 }

func NoOverdispersion() Overdispersion {
	return Overdispersion{Theta: math.NaN(), Phi: math.NaN(), Tau2: math.NaN()}
}

// winsorFraction is how much of each tail is winsorised: 10%, as
// Spiegelhalter (2005) and FunnelPlotR's default.
const winsorFraction = 0.1

// OverdispersionOf estimates φ and τ² from the counts x of n.
func OverdispersionOf(x, n []float64) Overdispersion {
	k := len(x)
	o := Overdispersion{K: k, Z: make([]float64, k)}
	o.Theta = math.Asin(math.Sqrt(Sum(x) / Sum(n)))
	var sw, sw2 float64
	for i := range x {
		s := 1 / (2 * math.Sqrt(n[i]))
		o.Z[i] = (math.Asin(math.Sqrt(x[i]/n[i])) - o.Theta) / s
		w := 1 / (s * s)
		sw += w
		sw2 += w * w
	}
	sorted := slices.Clone(o.Z)
	slices.Sort(sorted)
	lo, hi := QuantileR7(sorted, winsorFraction), QuantileR7(sorted, 1-winsorFraction)
	o.Winsorised = make([]float64, k)
	var ss float64
	for i, z := range o.Z {
		o.Winsorised[i] = min(max(z, lo), hi)
		ss += o.Winsorised[i] * o.Winsorised[i]
	}
	o.Phi = ss / float64(k)
	kf := float64(k)
	if kf*o.Phi >= kf-1 && sw-sw2/sw > 0 {
		o.Tau2 = max(0, (kf*o.Phi-(kf-1))/(sw-sw2/sw))
	}
	return o
}

// Limits returns the funnel's limits for a denominator n, widened by τ².
func (o Overdispersion) Limits(n float64) Limits {
	var l Limits
	l.Low95, l.High95 = o.limit(n, Level95)
	l.Low998, l.High998 = o.limit(n, Level998)
	return l
}

func (o Overdispersion) limit(n, level float64) (low, high float64) {
	if !(n > 0) || math.IsNaN(o.Theta) {
		return math.NaN(), math.NaN()
	}
	se := math.Sqrt(1/(4*n) + o.Tau2)
	z := ZFor(level)
	sq := func(angle float64) float64 {
		s := math.Sin(min(max(angle, 0), math.Pi/2))
		return s * s
	}
	return sq(o.Theta - z*se), sq(o.Theta + z*se)
}

// QuantileR7 returns the p-th quantile of sorted values as R's default
// quantile(x, p) (type 7): h = (k − 1)p, then linear interpolation between
// the values either side of h. gonum's stat.Quantile offers only the
// empirical and the LinInterp kinds, whose LinInterp is Hyndman and Fan's
// type 4, not R's default; hence this function.
func QuantileR7(sorted []float64, p float64) float64 {
	k := len(sorted)
	if k == 0 {
		return math.NaN()
	}
	h := float64(k-1) * p
	lo := int(math.Floor(h))
	if lo >= k-1 {
		return sorted[k-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// CurvePoint is one denominator of a funnel's limit curves, as rates per 1,000.
type CurvePoint struct {
	N  float64
	L  Limits // PHE's limits
	OD Limits // widened for overdispersion
}

func (l Limits) Per1000() Limits {
	return Limits{l.Low95 * PerThousand, l.High95 * PerThousand, l.Low998 * PerThousand, l.High998 * PerThousand}
}
