package analysis

import (
	"strconv"

	"github.com/foi-explorer/foi-explorer/stats"
)

// MaxRankedForces is the most forces a period's league table ranks. The
// chances of every place cost time in about the square of the forces that
// overlap: under 1 ms for 43 natively (BenchmarkRankForces), 25 to 50 ms for
// 300 (the most for forces all alike), 0.5 s for 1,000, and about three
// times that in wasm (where the simulation it replaced took as long for
// 300). A table of more has no ranks, and results.csv says why.
const MaxRankedForces = 300

// rankTolerance is how near a chance must be to 2.5% or 97.5% to count as
// on it: above any error of stats.PlaceCDFs (10⁻⁷), so that forces alike get
// alike intervals however the last digits fall.
const rankTolerance = 1e-6

// Rank is a force's place in a period's league table, 1 being the highest
// rate, with a 95% interval.
type Rank struct {
	Point, Low, High int
	Of               int // forces ranked
}

// String says the rank in words: "between 3rd and 17th highest of 38".
func (r Rank) String() string {
	if r.Of == 0 {
		return ""
	}
	if r.Low == r.High {
		return Ordinal(r.Low) + " highest of " + strconv.Itoa(r.Of)
	}
	return "between " + Ordinal(r.Low) + " and " + Ordinal(r.High) + " highest of " + strconv.Itoa(r.Of)
}

// Ordinal writes 1 as "1st", 2 as "2nd", 11 as "11th", 23 as "23rd".
func Ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

// RankForces ranks the forces of one period by their rates, highest first,
// and gives each rank a 95% interval: each force's proportion is taken to
// be drawn, independently, from the Beta(x + ½, n − x + ½) distribution
// (the posterior under Jeffreys' prior, whose central 95% is the Jeffreys
// interval of Brown, Cai and DasGupta 2001, Statistical Science
// 16:101–133), and a force's interval runs from the 2.5th to the 97.5th
// percentile of its place in the league table, widened if need be to hold
// its point rank. The chances of every place are worked out exactly
// (stats.PlaceCDFs), not by simulating league tables: the interval is what
// a simulation would give with ever more draws, and the same data always
// give the same one. Of the places it excludes at most 2.5% of the chance
// at each end: Low is the first place with more than 2.5% of the chance
// at or above it, High the first with at most 2.5% below it (as the
// simulation's percentiles were). The point rank counts the forces with a
// strictly higher rate (ties share the best place).
//
// Forces whose count is censored, missing or not a proportion are not
// ranked, nor any force of a period of more than MaxRankedForces: the
// result holds a zero Rank for them. The result is indexed like figures.
func RankForces(figures []Figure) []Rank {
	var at []int
	var x, n []int64
	for i, f := range figures {
		fx, ok1 := f.Rate.Numerator.Value()
		fn, ok2 := f.Rate.Denominator.Value()
		if f.Total || !f.Rate.OK() || !ok1 || !ok2 {
			continue
		}
		at, x, n = append(at, i), append(x, fx), append(n, fn)
	}
	out := make([]Rank, len(figures))
	k := len(at)
	if k == 0 || k > MaxRankedForces {
		return out
	}
	for i, cdf := range stats.PlaceCDFs(x, n) {
		point := 1
		for j := range x {
			if float64(x[j])/float64(n[j]) > float64(x[i])/float64(n[i]) {
				point++
			}
		}
		low, high := k, k
		for r := k - 1; r >= 0; r-- {
			if cdf[r] > 0.025+rankTolerance {
				low = r + 1
			}
			if cdf[r] >= 0.975-rankTolerance {
				high = r + 1
			}
		}
		// Ties share the best place, and Jeffreys' prior pulls a count of 0
		// up from 0, so a force's own place can fall just outside the
		// interval: it is widened to hold it.
		out[at[i]] = Rank{Point: point, Of: k, Low: min(point, low), High: max(point, high)}
	}
	return out
}
