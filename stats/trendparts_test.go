package stats

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// The parts the recent trend takes to save work give what the whole did:
// weightedSlopeWithout the slope of the points copied without one, and
// rate95 RateOf's rate and 95% interval, bit for bit.
func TestTrendPartsAsTheWhole(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for c := range 2000 {
		k := 1 + c%6
		ts, y, w := make([]float64, k), make([]float64, k), make([]float64, k)
		for i := range ts {
			ts[i] = 2014 + float64(r.IntN(4)) // repeats, so that some do not spread
			y[i], w[i] = r.Float64()*20, r.Float64()*3
		}
		for drop := range k {
			var tk, yk, wk []float64
			for i := range ts {
				if i != drop {
					tk, yk, wk = append(tk, ts[i]), append(yk, y[i]), append(wk, w[i])
				}
			}
			b1, s1 := weightedSlopeWithout(ts, y, w, drop)
			b2, s2 := weightedSlope(tk, yk, wk)
			if !same(b1, b2) || !same(s1, s2) {
				t.Fatalf("%v %v %v without %d: %v %v, copied %v %v", ts, y, w, drop, b1, s1, b2, s2)
			}
		}
	}
	for _, m := range []Method{Wilson, Poisson} {
		for _, c := range [][2]int64{{0, 1}, {0, 700}, {3, 1154}, {5, 5}, {9, 10}, {10, 10}, {167, 9000}, {2, 0}, {7, 3}} {
			rate, ci := rate95(c[0], c[1], m)
			want := RateOf(cube.Exact(c[0]), cube.Exact(c[1]), m)
			if !same(rate, want.PerThousand) || !same(ci.Low, want.CI95.Low) || !same(ci.High, want.CI95.High) {
				t.Errorf("%s %d of %d: %v %+v, RateOf %v %+v", m, c[0], c[1], rate, ci, want.PerThousand, want.CI95)
			}
		}
	}
}
