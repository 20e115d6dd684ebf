package analysis

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// RankSimulations is how many times each period's league table is
// re-drawn to find how sure each force's place is. 1,000 draws put the 2.5th
// and 97.5th percentiles of a rank within about one place of where more
// draws would put them. It is the costliest statistic here: about 2 ms for
// a period of 43 forces natively and ten times that in wasm
// (BenchmarkRankForces).
const RankSimulations = 1000

// RankSeed seeds the simulation, so that the same data give the same ranks.
const RankSeed = 20180101

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
		return fmt.Sprintf("%s highest of %d", Ordinal(r.Low), r.Of)
	}
	return fmt.Sprintf("between %s and %s highest of %d", Ordinal(r.Low), Ordinal(r.High), r.Of)
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
	return fmt.Sprintf("%d%s", n, suffix)
}

// RankForces ranks the forces of one period by their rates, highest first,
// and gives each rank a 95% interval from a seeded simulation: each force's
// proportion is drawn from the Beta(x + ½, n − x + ½) distribution (the
// posterior under Jeffreys' prior, whose central 95% is the Jeffreys
// interval of Brown, Cai and DasGupta 2001, Statistical Science 16:101–133),
// the forces are ranked on each draw, and a force's interval runs from the
// 2.5th to the 97.5th percentile of its ranks, widened if need be to hold
// its point rank. The point rank counts the
// forces with a strictly higher rate (ties share the best place).
//
// Forces whose count is censored, missing or not a proportion are not
// ranked: the result holds a zero Rank for them. The result is indexed like
// figures.
func RankForces(figures []Figure, seed uint64) []Rank {
	type entry struct {
		at   int
		x, n int64
		p    float64
	}
	var ranked []entry
	for i, f := range figures {
		x, ok1 := f.Rate.Numerator.Value()
		n, ok2 := f.Rate.Denominator.Value()
		if f.Total || !f.Rate.OK() || !ok1 || !ok2 {
			continue
		}
		ranked = append(ranked, entry{at: i, x: x, n: n, p: float64(x) / float64(n)})
	}
	out := make([]Rank, len(figures))
	k := len(ranked)
	if k == 0 || k > rankIndexMask+1 {
		return out
	}
	// The draws are distuv.Beta's with this source, number for number
	// (betaShape), so the ranks are those the app always gave.
	rnd := rand.New(rand.NewPCG(seed, uint64(k)))
	shapes := make([]betaShape, k)
	for i, e := range ranked {
		shapes[i] = newBetaShape(float64(e.x)+0.5, float64(e.n-e.x)+0.5)
	}
	// counts[i*k+r] is how many simulations put force i in place r+1: the
	// percentiles come from these counts, with no sorting of ranks.
	counts := make([]int32, k*k)
	keys := make([]uint64, k)
	// slot places each force's draw where its rate lies among the others',
	// so that a table's draws come nearly in order, and sorting them moves
	// few (sortKeys).
	slot := make([]int, k)
	byMean := make([]int, k)
	for i := range byMean {
		byMean[i] = i
	}
	slices.SortFunc(byMean, func(a, b int) int { return cmp.Compare(ranked[a].p, ranked[b].p) })
	for s, i := range byMean {
		slot[i] = s
	}
	for range RankSimulations {
		for i := range shapes {
			keys[slot[i]] = rankKey(shapes[i].draw(rnd), i)
		}
		sortKeys(keys)
		for place, key := range keys {
			counts[int(key&rankIndexMask)*k+k-1-place]++ // ascending keys: the last is the highest
		}
	}
	for i, e := range ranked {
		point := 1
		for _, o := range ranked {
			if o.p > e.p {
				point++
			}
		}
		// Ties share the best place, and Jeffreys' prior pulls a count of 0
		// up from 0, so a force's own place can fall just outside its
		// simulated range: the interval is widened to hold it.
		c := counts[i*k : (i+1)*k]
		out[e.at] = Rank{Point: point, Of: k,
			Low:  min(point, placeAt(c, RankSimulations*25/1000)),
			High: max(point, placeAt(c, RankSimulations*975/1000-1))}
	}
	return out
}

// sortKeys sorts a table's keys. Arriving nearly in order, up to a few dozen
// are sorted fastest by insertion (0.6 µs for file c's 43, where
// slices.Sort took 1.1 µs natively); beyond that, insertion's cost in the
// square of the forces out of order could pass the general sort's.
func sortKeys(v []uint64) {
	if len(v) > 128 {
		slices.Sort(v)
		return
	}
	for i := 1; i < len(v); i++ {
		x := v[i]
		j := i
		for j > 0 && v[j-1] > x {
			v[j] = v[j-1]
			j--
		}
		v[j] = x
	}
}

// rankIndexMask keeps a force's index in the low bits of its sort key.
const rankIndexMask = 1<<16 - 1

// rankKey packs a draw in (0, 1) and its force's index into one integer that
// sorts as the draw does: the bits of a positive float64 order as the float,
// and overwriting their lowest 16 bits (2⁻³⁶ of the value) with the index
// only breaks exact ties. Sorting plain integers is about four times faster
// than sorting indices with a comparison function (make bench), which is
// what the simulation spends most of its time on. Index beyond 65,535 would
// collide, so RankForces ranks at most that many forces.
func rankKey(draw float64, index int) uint64 {
	return math.Float64bits(draw)&^rankIndexMask | uint64(index)
}

// placeAt returns the place (1-based) holding the nth (0-based) of the
// simulations sorted by place.
func placeAt(counts []int32, nth int) int {
	seen := 0
	for place, c := range counts {
		seen += int(c)
		if seen > nth {
			return place + 1
		}
	}
	return len(counts)
}
