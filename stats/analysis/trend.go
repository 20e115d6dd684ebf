package analysis

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// Figure is one force's rate in one period.
type Figure struct {
	Force     police.Force
	Matched   bool
	Total     bool   // a total over forces, never summed into an aggregate
	ForceName string // as written in the file
	Period    cube.Period
	Rate      stats.Rate
	// PairedWith says where the denominator came from when it was paired
	// from another period: "2016/17, the latest before it". Empty otherwise.
	PairedWith string
	Mismatch   string // numerator and denominator cover different places
	// DenominatorPeriod is the denominator's period when it differs.
	DenominatorPeriod cube.Period
	Assessment        Assessment
}

// Key identifies the force of a figure within one dataset.
func (f Figure) Key() string {
	if f.Matched {
		return f.Force.Key()
	}
	return "?" + police.NormaliseForceName(f.ForceName)
}

// PeriodChange compares one force's figures in two periods.
type PeriodChange struct {
	From, To  cube.Period
	Numerator stats.Change // the counts
	Rate      stats.Change // per 1,000
}

// Between compares the earlier figure a with the later figure b. No
// percentage change is given from a baseline of fewer than SmallCount
// events: the counts say more.
func Between(a, b Figure) PeriodChange {
	c := PeriodChange{
		From:      a.Period,
		To:        b.Period,
		Numerator: stats.ChangeInBounds(countBounds(a.Rate.Numerator), countBounds(b.Rate.Numerator)),
		Rate:      stats.ChangeInBounds(a.Rate.Bounds, b.Rate.Bounds),
	}
	if _, high, ok := a.Rate.Numerator.Bounds(); ok && high < stats.SmallCount && !math.IsNaN(c.Numerator.Percent) {
		why := fmt.Sprintf("no percentage change from a baseline of fewer than %d events: the counts went from %s to %s",
			stats.SmallCount, a.Rate.Numerator, b.Rate.Numerator)
		c.Numerator.Percent, c.Numerator.PercentReason = math.NaN(), why
		c.Rate.Percent, c.Rate.PercentReason = math.NaN(), why
	}
	return c
}

// countBounds is a count's range as floats; NaN when it has none.
func countBounds(c cube.Count) stats.Interval {
	low, high, ok := c.Bounds()
	if !ok {
		return stats.NanInterval()
	}
	return stats.Interval{Low: float64(low), High: float64(high)}
}

// YearOnYear compares each figure with the one before it; figures must be in
// period order.
func YearOnYear(figures []*Figure) []PeriodChange {
	if len(figures) < 2 {
		return nil
	}
	out := make([]PeriodChange, 0, len(figures)-1)
	for i := 1; i < len(figures); i++ {
		out = append(out, Between(*figures[i-1], *figures[i]))
	}
	return out
}

// SeriesOf is a series of figures as the trend functions take it: pointers
// to figs, in their order.
func SeriesOf(figs []Figure) []*Figure {
	out := make([]*Figure, len(figs))
	for i := range figs {
		out[i] = &figs[i]
	}
	return out
}

// Slope is the trend of a rate per year, fitted by weighted least squares.
type Slope struct {
	PerYear float64        // change in the rate per 1,000 per year
	StdErr  float64        // standard error of PerYear
	CI95    stats.Interval // PerYear ± t(0.975, k − 2) · StdErr
	Points  int            // periods used
	Reason  string         // why there is no slope
}

// RateSlope fits rate = α + β·t by weighted least squares over the figures
// whose rate is known, where t is the period's midpoint in decimal years and
// each weight is the inverse of the rate's variance. The variance is taken
// from the 95% interval, se = (high − low)/(2·1.959964), so that a rate of 0
// still has a finite weight. The standard error and interval are those of R's
//
//	summary(lm(rate ~ t, weights = w))    confint(lm(rate ~ t, weights = w))
//
// that is, with the residual variance estimated from the data and Student's t
// on k − 2 degrees of freedom.
func RateSlope(figures []*Figure) Slope {
	return rateSlope(len(figures), func(i int) (float64, *cube.Period, *stats.Rate) {
		return figures[i].Period.Midpoint(), &figures[i].Period, &figures[i].Rate
	})
}

// rateSlope is RateSlope over n figures given by at, in period order, so
// that a Frame can fit a force's whole series without making its figures:
// at gives a figure's period, its midpoint and its rate.
func rateSlope(n int, at func(int) (float64, *cube.Period, *stats.Rate)) Slope {
	nan := math.NaN()
	s := Slope{PerYear: nan, StdErr: nan, CI95: stats.NanInterval()}
	var t, y, w []float64
	z := stats.ZFor(stats.Level95)
	for i := range n {
		mid, p, r := at(i)
		if r.Censored {
			s.Reason = "a trend is not fitted when a figure is censored (" + p.Words() +
				"); the changes between periods say what can be said"
			return s
		}
		if !r.OK() {
			continue
		}
		se := (r.CI95.High - r.CI95.Low) / (2 * z)
		if !(se > 0) {
			continue
		}
		t = append(t, mid)
		y = append(y, r.PerThousand)
		w = append(w, 1/(se*se))
	}
	s.Points = len(t)
	if s.Points < stats.MinSlopePoints {
		s.Reason = fmt.Sprintf("a trend needs at least %d periods with a rate; there are %d", stats.MinSlopePoints, s.Points)
		return s
	}
	tMean := stat.Mean(t, w)
	var sxx float64
	spread := false
	for i := range t {
		sxx += w[i] * (t[i] - tMean) * (t[i] - tMean)
		spread = spread || t[i] != t[0]
	}
	// When every t is equal, the weighted mean can still differ from it by
	// rounding, leaving sxx a tiny positive number; test the t themselves.
	if !spread || !(sxx > 0) {
		s.Reason = "the periods do not spread over time"
		return s
	}
	alpha, beta := stat.LinearRegression(t, y, w, false)
	var rss float64
	for i := range t {
		r := y[i] - (alpha + beta*t[i])
		rss += w[i] * r * r
	}
	df := float64(s.Points - 2)
	s.PerYear = beta
	s.StdErr = math.Sqrt(rss / df / sxx)
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.975)
	s.CI95 = stats.Interval{Low: beta - q*s.StdErr, High: beta + q*s.StdErr}
	return s
}
