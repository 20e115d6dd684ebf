package analysis

import (
	"fmt"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// Aggregate is the all-forces figure for one period: the sums of the numerators
// and of the denominators over the forces that give both (and whose rate can
// be computed), with its coverage.
type Aggregate struct {
	Period    cube.Period
	Rate      stats.Rate
	Reporting int // forces that count towards the sums
	Forces    int // forces in the dataset, in any period
	// Assessment holds the all-forces series' recent trend; the rest of it
	// is empty, since the aggregate is the benchmark the forces are compared
	// with.
	Assessment Assessment
	// Measures name the numerator and denominator, as the dataset does,
	// for the words about this period's figures.
	Measures [2]string
}

// Coverage says how many forces the aggregate rests on: "38 of 43 forces".
func (a Aggregate) Coverage() string {
	return fmt.Sprintf("%d of %d forces", a.Reporting, a.Forces)
}

// Thin says the aggregate rests on too few forces to stand for all of them:
// fewer than MinCompareForces, or under half of the forces that report in
// the dataset. A thin aggregate is not called "all forces", not offered to
// quote as such, and not a point of the all-forces trend: "All forces,
// 2018-01-17" once was Derbyshire alone, and the dashed all-forces line
// joined Police Scotland in 2015 to Derbyshire in 2018.
func (a Aggregate) Thin() bool {
	return a.Reporting < MinCompareForces || 2*a.Reporting < a.Forces
}

// Label names the aggregate as a row: "All forces (38 of 43 forces)", or
// "Forces reporting (1 of 24 forces)" when it is thin.
func (a Aggregate) Label() string {
	if a.Thin() {
		return "Forces reporting (" + a.Coverage() + ")"
	}
	return "All forces (" + a.Coverage() + ")"
}

// AggregateOf sums the figures of one period. forces is the number of forces
// in the whole dataset, the base of the coverage. A force whose rate cannot
// be computed (a value missing, a numerator above its denominator) is left
// out of both sums, and so is a row that is itself a total, so that numerator and denominator always cover the same
// forces.
func AggregateOf(period cube.Period, figures []Figure, forces int, m stats.Method) Aggregate {
	var sum aggregateSum
	for _, f := range figures {
		sum.add(f.Total, f.Rate)
	}
	return sum.aggregate(period, forces, m)
}

// aggregateSum adds up the figures of one period as AggregateOf does, one
// figure at a time, so that a Frame can sum every period of a long table
// without making its figures.
type aggregateSum struct {
	low, high, n int64
	censored     bool
	reporting    int
}

// add counts one figure's rate in, unless it is a total or has no rate.
func (s *aggregateSum) add(total bool, r stats.Rate) {
	if total || !r.Usable() {
		return
	}
	fl, fh, _ := r.Numerator.Bounds()
	fn, _ := r.Denominator.Value()
	s.low += fl
	s.high += min(fh, fn)
	s.n += fn
	s.censored = s.censored || r.Censored
	s.reporting++
}

// aggregate is the period's all-forces figure from the sums.
func (s aggregateSum) aggregate(period cube.Period, forces int, m stats.Method) Aggregate {
	a := Aggregate{Period: period, Forces: forces, Reporting: s.reporting}
	if a.Reporting == 0 {
		a.Rate = stats.RateOf(cube.Count{}, cube.Count{}, m)
		a.Rate.Reason = "no force gives both figures for this period"
		return a
	}
	num := cube.Exact(s.low)
	if s.censored {
		// Censored counts add up to a censored sum: the least and the
		// greatest the total can be.
		num = cube.Count{Kind: cube.CountCensored, Low: s.low, High: s.high, Raw: fmt.Sprintf("%d to %d", s.low, s.high)}
	}
	a.Rate = stats.RateOf(num, cube.Exact(s.n), m)
	return a
}
