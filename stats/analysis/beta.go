package analysis

import (
	"math"
	"math/rand/v2"
)

// betaShape draws Beta(α, β) variates exactly as gonum's distuv.Beta.Rand
// does with the same source, number for number: the ratio Gₐ/(Gₐ + G_b) of
// two Gamma variates, each by Marsaglia and Tsang's method ("A simple method
// for generating gamma variables", ACM TOMS 26:363–372, 2000), boosted by
// U^(1/α) when α < 1 (their section 6). What distuv works out on every draw
// (d, c, a new rand.Rand twice) is worked out once here: the rank
// simulation draws tens of thousands of Beta variates a period, and spent
// half its time in distuv.Beta.Rand.
//
// Both shapes must be at least 0.2, where distuv takes the same method; the
// rank simulation's are x + ½ and n − x + ½ of whole counts, never below ½.
type betaShape struct {
	a, b gammaShape
}

func newBetaShape(alpha, beta float64) betaShape {
	return betaShape{newGammaShape(alpha), newGammaShape(beta)}
}

func (s *betaShape) draw(r *rand.Rand) float64 {
	ga := s.a.draw(r)
	gb := s.b.draw(r)
	return ga / (ga + gb)
}

// gammaShape draws Gamma(α, 1) by Marsaglia and Tsang's method, as
// distuv.Gamma.Rand does for α ≥ 0.2.
type gammaShape struct {
	d, c  float64
	boost bool    // α < 1: the draw of Gamma(α + 1) is scaled by U^(1/α)
	invA  float64 // 1/α, when boost
}

func newGammaShape(alpha float64) gammaShape {
	if !(alpha >= 0.2) {
		panic("analysis: gamma shape below 0.2")
	}
	d := alpha - 1.0/3
	s := gammaShape{}
	if alpha < 1 {
		d += 1.0
		s.boost, s.invA = true, 1/alpha
	}
	s.d, s.c = d, 1/(3*math.Sqrt(d))
	return s
}

func (s *gammaShape) draw(r *rand.Rand) float64 {
	m := 1.0
	if s.boost {
		m = math.Pow(r.Float64(), s.invA)
	}
	for {
		x := r.NormFloat64()
		v := 1 + x*s.c
		if v <= 0.0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		// The squeeze, then the full test (Marsaglia and Tsang, p. 369).
		if u < 1.0-0.0331*(x*x)*(x*x) {
			return m * s.d * v
		}
		if math.Log(u) < 0.5*x*x+s.d*(1-v+math.Log(v)) {
			return m * s.d * v
		}
	}
}
