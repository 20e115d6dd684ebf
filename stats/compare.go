package stats

import "math"

// Comparison says how a force's rate compares with the all-forces rate.
type Comparison string

// The comparisons, as Fingertips words them.
const (
	Higher  Comparison = "higher"
	Similar Comparison = "similar"
	Lower   Comparison = "lower"
	// Undetermined is a comparison with an all-forces figure known only
	// as a range, where the two ends of the range give different answers.
	Undetermined Comparison = "undetermined"
)

// Compared is a force's rate compared with the all-forces rate at 95% and at
// 99.8%. Both are empty when either rate is missing.
type Compared struct {
	At95, At998 Comparison
	Reason      string
}

// CompareWith compares a force's rate with the all-forces rate the way
// Fingertips does (PHE, "Fingertips technical guidance: comparisons with a
// benchmark"): the force is higher when the all-forces value lies below the
// force's confidence interval, lower when it lies above it, and similar when
// it lies inside, ends included. A censored rate is compared through its
// widened interval, so that it is called higher or lower only when that holds
// at both ends of the count's range.
func CompareWith(force Rate, allForces float64) Compared {
	switch {
	case !force.Usable():
		return Compared{Reason: "no comparison: " + force.Reason}
	case math.IsNaN(allForces):
		return Compared{Reason: "no comparison: the all-forces rate is missing"}
	}
	return Compared{At95: compareInterval(force.CI95, allForces), At998: compareInterval(force.CI998, allForces)}
}

func compareInterval(ci Interval, v float64) Comparison {
	switch {
	case v < ci.Low:
		return Higher
	case v > ci.High:
		return Lower
	}
	return Similar
}

// CompareWithRange compares a force's rate with an all-forces rate known
// only as a range (a censored count among the forces): the comparison is
// given only where it is the same at both ends of the range.
func CompareWithRange(force Rate, all Interval) Compared {
	low, high := CompareWith(force, all.Low), CompareWith(force, all.High)
	if low.Reason != "" {
		return low
	}
	out := Compared{At95: Undetermined, At998: Undetermined}
	if low.At95 == high.At95 {
		out.At95 = low.At95
	}
	if low.At998 == high.At998 {
		out.At998 = low.At998
	}
	if out.At95 == Undetermined || out.At998 == Undetermined {
		out.Reason = "the all-forces figure includes a censored count, and the comparison differs across its range"
	}
	return out
}
