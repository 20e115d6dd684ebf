package stats

import (
	"math"
)

// Change is the difference between two values, earlier (From) and later (To).
// Absolute is NaN with Reason when either value is missing; Percent is NaN
// with PercentReason when the baseline is 0 or missing.
type Change struct {
	From, To      float64
	Absolute      float64
	Percent       float64
	Reason        string
	PercentReason string
	// Direction is "up", "down" or "no change" when the values say so, and
	// empty when they cannot (a value missing, or censored values whose
	// ranges overlap).
	Direction string
}

// ChangeIn returns to − from and the percentage change 100·(to − from)/from.
// NaN inputs mean "no value".
func ChangeIn(from, to float64) Change {
	c := Change{From: from, To: to, Absolute: math.NaN(), Percent: math.NaN()}
	if math.IsNaN(from) || math.IsNaN(to) {
		c.Reason = "one of the two figures is missing"
		c.PercentReason = c.Reason
		return c
	}
	c.Absolute = to - from
	c.Direction = direction(to - from)
	if from == 0 {
		c.PercentReason = "no percentage change from a baseline of 0"
		return c
	}
	c.Percent = 100 * (to - from) / from
	return c
}

func direction(d float64) string {
	switch {
	case d > 0:
		return "up"
	case d < 0:
		return "down"
	}
	return "no change"
}

// ChangeInBounds compares two values known only as ranges (a censored count
// or rate). The change is called up or down only when it holds at both ends:
// the later range lies wholly above, or wholly below, the earlier one.
func ChangeInBounds(from, to Interval) Change {
	if from.Low == from.High && to.Low == to.High {
		return ChangeIn(from.Low, to.Low)
	}
	nan := math.NaN()
	c := Change{From: nan, To: nan, Absolute: nan, Percent: nan}
	switch {
	case math.IsNaN(from.Low) || math.IsNaN(to.Low):
		c.Reason = "one of the two figures is missing"
	case to.Low > from.High:
		c.Direction = "up"
		c.Reason = "a figure is censored: the change is upward at both ends of its range, but its size is not known"
	case to.High < from.Low:
		c.Direction = "down"
		c.Reason = "a figure is censored: the change is downward at both ends of its range, but its size is not known"
	default:
		c.Reason = "a figure is censored, and the change could go either way"
	}
	c.PercentReason = c.Reason
	return c
}

// MinSlopePoints is the fewest periods a slope is fitted to: with two, a line
// fits exactly and says nothing about its own uncertainty.
const MinSlopePoints = 3
