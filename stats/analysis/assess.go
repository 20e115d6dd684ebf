package analysis

import (
	"fmt"
	"math"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// MaxRankedPeriods is how many of the latest periods get rank intervals.
// They cost about 1 ms a period of 43 forces natively and a few in wasm
// (RankForces): a file of daily snapshots over years would take a minute,
// and nobody reads a league table of each day. Earlier periods get no rank,
// and results.csv says why.
const MaxRankedPeriods = 40

// MinCompareForces is the fewest forces with a rate in a period for them to
// be compared with one another: funnel, comparison with all forces and rank.
const MinCompareForces = 3

// Assessment is how one figure compares: with the funnel of its period, with
// the all-forces rate, by its rank, and by its recent trend.
type Assessment struct {
	Funnel   stats.FunnelFlag // empty when the force is not on the funnel
	FunnelOD stats.FunnelFlag // against the limits widened for overdispersion
	Compared stats.Compared
	Rank     Rank
	// Recent is the recent trend of the series up to and including this
	// period, and ChiSquare the test for trend over the same periods.
	Recent    stats.RecentTrend
	ChiSquare stats.ChiSquareTest
}

// assessPeriod fills the funnel, comparison and rank of each figure of one
// period (figures share the period) and returns the period's funnel.
func assessPeriod(figures []Figure, agg Aggregate, rank bool) Funnel {
	funnel := FunnelOf(agg.Period, figures)
	if len(funnel.Points) < MinCompareForces {
		// With one or two forces the all-forces figure is little more than
		// the forces themselves: comparing them with it says nothing.
		funnel = Funnel{Period: agg.Period, Target: math.NaN(), OD: stats.NoOverdispersion(), Left: funnel.Left,
			Reason: fmt.Sprintf("comparing forces needs at least %d with both counts %s; there are %d", MinCompareForces, agg.Period.InWords(), len(funnel.Points))}
		return funnel
	}
	onFunnel := make(map[string]*FunnelPoint, len(funnel.Points))
	for i := range funnel.Points {
		onFunnel[funnel.Points[i].Figure.Key()] = &funnel.Points[i]
	}
	ranks := make([]Rank, len(figures))
	if rank {
		ranks = RankForces(figures)
	}
	for i := range figures {
		f := &figures[i]
		if f.Total {
			continue
		}
		if p, ok := onFunnel[f.Key()]; ok {
			f.Assessment.Funnel, f.Assessment.FunnelOD = p.Flag, p.FlagOD
		}
		f.Assessment.Compared = stats.CompareWithRange(f.Rate, agg.Rate.Bounds)
		f.Assessment.Rank = ranks[i]
	}
	return funnel
}

// trendsAlong tests, at each point of a series, the last RecentPoints usable
// points ending there; nothing at a point that itself has no rate. It keeps
// the usable points as it goes, so that a long series (daily snapshots over
// years) costs time in proportion to its length.
func trendsAlong(points []stats.TrendPoint, m stats.Method) ([]stats.RecentTrend, []stats.ChiSquareTest) {
	return trendsAlongFrom(points, 0, m)
}

// trendsAlongFrom is trendsAlong at the points from start on only: the
// points before start are there for the windows of the first ones (a Frame
// passes just enough of them), and get nothing.
func trendsAlongFrom(points []stats.TrendPoint, start int, m stats.Method) ([]stats.RecentTrend, []stats.ChiSquareTest) {
	nan := math.NaN()
	recent := make([]stats.RecentTrend, len(points)-start)
	tests := make([]stats.ChiSquareTest, len(points)-start)
	var usable []stats.TrendPoint
	for j, p := range points {
		yieldEvery(j)
		ok := stats.UsableCounts(p.Numerator, p.Denominator)
		if j < start {
			if ok {
				usable = append(usable, p)
			}
			continue
		}
		if !ok {
			reason := "no trend is given for a period without a rate"
			recent[j-start] = stats.RecentTrend{Slope: nan, StdErr: nan, Z: nan, P: nan, Reason: reason}
			tests[j-start] = stats.ChiSquareTest{ChiSquare: nan, P: nan, Reason: reason}
			continue
		}
		usable = append(usable, p)
		window := usable[max(0, len(usable)-stats.RecentPoints):]
		recent[j-start], tests[j-start] = stats.RecentTrendOf(window, m), stats.ChiSquareTrend(window)
		recent[j-start] = withRule(recent[j-start], tests[j-start], m)
	}
	return recent, tests
}

// withRule makes a recent trend's direction and p those of one rule, so
// that trend_direction and trend_p never contradict each other (they did:
// "rising (significant at 99.8%)" beside p = 0.0102). For a proportion
// (Wilson) the rule is the chi-square test for trend at 99.8%, as
// Fingertips marks recent trends in proportions; for a Poisson rate it is
// the weighted regression of the rate on time, with its own p. Where the
// rule's test did not run there is no direction and no p.
func withRule(r stats.RecentTrend, test stats.ChiSquareTest, m stats.Method) stats.RecentTrend {
	// With too few points RecentTrendOf gives no direction; for a Poisson
	// rate its own rule stands.
	if m == stats.Poisson || r.Points < stats.RecentPoints {
		return r
	}
	r.Direction, r.P = test.Direction, test.P
	if test.Reason != "" && math.IsNaN(test.P) {
		r.Reason = test.Reason
	}
	return r
}

// TrendPointsOf are the points of a series for the trend tests.
func TrendPointsOf(figs []*Figure) []stats.TrendPoint {
	out := make([]stats.TrendPoint, len(figs))
	for i, f := range figs {
		out[i] = trendPoint(f.Period, f.Rate)
	}
	return out
}

func trendPoint(p cube.Period, r stats.Rate) stats.TrendPoint {
	return stats.TrendPoint{T: p.Midpoint(), Numerator: r.Numerator, Denominator: r.Denominator}
}
