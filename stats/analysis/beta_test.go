package analysis

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// betaShape is distuv.Beta with its constants worked out once: with the
// same source it must give the very same numbers, for the shapes of the
// rank simulation (x + ½, n − x + ½) and beyond them.
func TestBetaShapeDrawsAsDistuv(t *testing.T) {
	for _, c := range [][2]float64{{0.5, 600.5}, {3.5, 1200.5}, {19.5, 2000.5}, {0.5, 0.5}, {1.5, 0.7}, {0.2, 3}, {250.5, 9750.5}, {1e6 + 0.5, 3e7 + 0.5}} {
		want := distuv.Beta{Alpha: c[0], Beta: c[1], Src: rand.NewPCG(7, 11)}
		s := newBetaShape(c[0], c[1])
		r := rand.New(rand.NewPCG(7, 11))
		for i := range 20000 {
			if w, g := want.Rand(), s.draw(r); w != g {
				t.Fatalf("Beta(%g, %g), draw %d: %v, distuv %v", c[0], c[1], i, g, w)
			}
		}
	}
}
