package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"
)

// referencePlaceCDFs works PlaceCDFs out independently, by brute force: for
// each force i, the integral over t of fᵢ(t) times the chance that at most
// r − 1 others lie above t, where each other's chance Sⱼ(t) is gonum's
// regularised incomplete beta (distuv.Beta.Survival) and the count is
// convolved afresh. The integral runs between fᵢ's quantiles 10⁻¹³ and
// 1 − 10⁻¹³ (distuv.Beta.Quantile), over u = √t below ½ and v = √(1 − t)
// above (which take the square-root singularity of a count of 0, or of n,
// out of the density), by panels panels of a points-point Gauss–Legendre
// rule (gonum's quad.Legendre).
func referencePlaceCDFs(x, n []int64, panels, points int) [][]float64 {
	k := len(x)
	betas := make([]distuv.Beta, k)
	for i := range betas {
		betas[i] = distuv.Beta{Alpha: float64(x[i]) + 0.5, Beta: float64(n[i]-x[i]) + 0.5}
	}
	nodes, wts := make([]float64, points), make([]float64, points)
	out := make([][]float64, k)
	for i := range out {
		acc := make([]float64, k)
		add := func(t, w float64) {
			dist := []float64{1}
			for j := range betas {
				if j == i {
					continue
				}
				s := betas[j].Survival(t)
				next := make([]float64, len(dist)+1)
				for m, p := range dist {
					next[m] += p * (1 - s)
					next[m+1] += p * s
				}
				dist = next
			}
			for m, p := range dist {
				acc[m] += w * p
			}
		}
		lo, hi := betas[i].Quantile(1e-13), betas[i].Quantile(1-1e-13)
		// Below ½ over u = √t: dt = 2u du.
		if lo < 0.5 {
			a, b := math.Sqrt(lo), math.Sqrt(min(hi, 0.5))
			for p := range panels {
				quad.Legendre{}.FixedLocations(nodes, wts, a+(b-a)*float64(p)/float64(panels), a+(b-a)*float64(p+1)/float64(panels))
				for q, u := range nodes {
					add(u*u, wts[q]*2*u*betas[i].Prob(u*u))
				}
			}
		}
		// Above ½ over v = √(1 − t): dt = −2v dv.
		if hi > 0.5 {
			a, b := math.Sqrt(1-hi), math.Sqrt(1-max(lo, 0.5))
			for p := range panels {
				quad.Legendre{}.FixedLocations(nodes, wts, a+(b-a)*float64(p)/float64(panels), a+(b-a)*float64(p+1)/float64(panels))
				for q, v := range nodes {
					add(1-v*v, wts[q]*2*v*betas[i].Prob(1-v*v))
				}
			}
		}
		var total float64
		for m := range acc {
			total += acc[m]
			acc[m] = total
		}
		out[i] = acc
	}
	return out
}

// typicalCounts are a period of the peers benchmark's file c (a typical
// FOI file, testfiles.TypicalFile): 43 forces, 3 to 19 of 600 to 2,200.
func typicalCounts(year int) (x, n []int64) {
	x, n = make([]int64, 43), make([]int64, 43)
	for i := range x {
		x[i], n[i] = int64(3+(i*7+year)%17), int64(600+37*i+11*(year-2014))
	}
	return x, n
}

// modelCounts are a period drawn as the synthetic practice data are
// (examples.SyntheticPracticeCSV): 43 forces of about 300 to 6,000, each
// with its own proportion of about 8 per 1,000 (lognormal, σ = 0.35).
func modelCounts(seed uint64) (x, n []int64) {
	src := rand.NewPCG(seed, seed)
	normal := distuv.Normal{Mu: 0, Sigma: 1, Src: src}
	x, n = make([]int64, 43), make([]int64, 43)
	for i := range x {
		n[i] = int64(math.Round(1500 * math.Exp(0.8*normal.Rand())))
		n[i] = max(n[i], 1)
		x[i] = int64(distuv.Binomial{N: float64(n[i]), P: min(0.5, 0.008*math.Exp(0.35*normal.Rand())), Src: src}.Rand())
	}
	return x, n
}

func worstDifference(got, want [][]float64) float64 {
	worst := 0.0
	for i := range got {
		for r := range got[i] {
			worst = max(worst, math.Abs(got[i][r]-want[i][r]))
		}
	}
	return worst
}

// PlaceCDFs against the brute-force integration, on periods of a typical
// file, periods drawn as the practice data are, and the awkward cases:
// counts of 0 and counts equal to their denominator (where the density is
// infinite at an end), ties, tiny and large denominators.
func TestPlaceCDFsMatchIntegration(t *testing.T) {
	type period struct {
		name string
		x, n []int64
	}
	periods := []period{
		{"zeros, a small and a large force", []int64{0, 0, 0, 5, 8, 12}, []int64{5000, 100, 100, 1000, 1000, 1000}},
		{"far apart", []int64{0, 1, 500}, []int64{3, 100000, 1000}},
		{"all alike", []int64{3, 3, 3, 3}, []int64{1000, 1000, 1000, 1000}},
		{"counts equal to their denominators", []int64{1, 2, 3, 0, 0}, []int64{1, 2, 3, 1, 7}},
		{"one force", []int64{7}, []int64{1154}},
		{"twelve forces", []int64{7, 2, 167, 40, 12, 3, 55, 21, 9, 80, 30, 1}, []int64{1154, 150, 9000, 4100, 2300, 700, 3900, 2600, 1500, 5200, 2800, 400}},
	}
	for _, y := range []int{2023} {
		x, n := typicalCounts(y)
		periods = append(periods, period{fmt.Sprintf("file c, %d", y), x, n})
	}
	for _, seed := range []uint64{1, 3} {
		x, n := modelCounts(seed)
		periods = append(periods, period{fmt.Sprintf("practice-like, seed %d", seed), x, n})
	}
	for _, p := range periods {
		got, want := PlaceCDFs(p.x, p.n), referencePlaceCDFs(p.x, p.n, 32, 12)
		// The reference loses up to 10⁻⁷ of a force's mass where the
		// density is infinite at an end; it is scaled to sum to 1 too.
		for _, row := range want {
			total := row[len(row)-1]
			for r := range row {
				row[r] /= total
			}
		}
		if d := worstDifference(got, want); d > 1e-7 {
			t.Errorf("%s: a chance differs from the integration's by %.2g", p.name, d)
		}
		for i, row := range got {
			if len(row) != len(p.x) || row[len(row)-1] != 1 || !slices.IsSorted(row) {
				t.Errorf("%s, force %d: %v is not a distribution function of places", p.name, i, row)
			}
		}
	}
}

// Exact answers that need no integration: forces alike are at every place
// equally likely; turning every proportion round (x of n to n − x of n)
// turns the league table upside down; and two proportions of a billion
// differ as normal variates do.
func TestPlaceCDFsExactCases(t *testing.T) {
	for _, k := range []int{2, 5, 40, 100} {
		x, n := make([]int64, k), make([]int64, k)
		for i := range x {
			x[i], n[i] = 12, 2500
		}
		for i, row := range PlaceCDFs(x, n) {
			for r, got := range row {
				if want := float64(r+1) / float64(k); math.Abs(got-want) > 1e-9 {
					t.Fatalf("%d forces alike, force %d: P(place ≤ %d) = %v, want %v", k, i, r+1, got, want)
				}
			}
		}
	}
	x, n := typicalCounts(2017)
	x = append(x, 0, 4)
	n = append(n, 40, 4)
	turned := make([]int64, len(x))
	for i := range x {
		turned[i] = n[i] - x[i]
	}
	up, down := PlaceCDFs(x, n), PlaceCDFs(turned, n)
	k := len(x)
	for i := range up {
		for r := range k - 1 {
			// P(Rᵢ ≤ r) turned round is P(Rᵢ ≥ k + 1 − r) = 1 − P(Rᵢ ≤ k − r).
			if d := math.Abs(up[i][r] - (1 - down[i][k-2-r])); d > 1e-7 {
				t.Errorf("force %d, place %d: %v, and turned round %v", i, r+1, up[i][r], 1-down[i][k-2-r])
			}
		}
	}
	// Beta(x + ½, n − x + ½) of n = 10⁸ or more is normal to far better
	// than 10⁻⁶ (its skewness is below 10⁻⁴):
	// P(p₁ > p₂) = Φ((μ₁ − μ₂)/√(σ₁² + σ₂²)).
	for _, c := range [][3]int64{{5e7, 5e7 + 700, 1e8}, {5e8, 5e8 + 1, 1e9}, {5e8, 5e8 + 20000, 1e9}, {1e6, 1e6 + 3000, 1e9}, {3e12, 3e12 + 4e6, 1e13}, {4e18, 4e18 + 3e9, 9e18}} {
		n := float64(c[2])
		got := PlaceCDFs(c[:2], []int64{c[2], c[2]})[0][0]
		mean := func(x int64) float64 { return (float64(x) + 0.5) / (n + 1) }
		v := func(x int64) float64 { m := mean(x); return m * (1 - m) / (n + 2) }
		want := distuv.UnitNormal.CDF((mean(c[0]) - mean(c[1])) / math.Sqrt(v(c[0])+v(c[1])))
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("%d and %d of %d: P(the first is higher) = %v, want %v", c[0], c[1], c[2], got, want)
		}
	}
}

// PlaceCDFs means what the simulation of league tables meant: drawn from
// the posteriors (distuv.Beta) 40,000 times and ranked, each force's share
// of places at or above r lies within 5 standard errors of its chance.
func TestPlaceCDFsMatchSimulation(t *testing.T) {
	x := []int64{0, 0, 3, 5, 8, 12, 12, 40, 2}
	n := []int64{5000, 100, 900, 1000, 1000, 1000, 1000, 2000, 2}
	const draws = 40000
	src := rand.NewPCG(1, 2)
	betas := make([]distuv.Beta, len(x))
	for i := range betas {
		betas[i] = distuv.Beta{Alpha: float64(x[i]) + 0.5, Beta: float64(n[i]-x[i]) + 0.5, Src: src}
	}
	counts := make([][]int, len(x))
	for i := range counts {
		counts[i] = make([]int, len(x))
	}
	p := make([]float64, len(x))
	for range draws {
		for i := range p {
			p[i] = betas[i].Rand()
		}
		for i := range p {
			place := 0
			for j := range p {
				if p[j] > p[i] {
					place++
				}
			}
			counts[i][place]++
		}
	}
	for i, row := range PlaceCDFs(x, n) {
		seen := 0
		for r, want := range row {
			seen += counts[i][r]
			got := float64(seen) / draws
			if se := math.Sqrt(want * (1 - want) / draws); math.Abs(got-want) > 5*se+1e-9 {
				t.Errorf("%d of %d, place %d or higher: simulated %.4f, chance %.4f (standard error %.4f)", x[i], n[i], r+1, got, want, se)
			}
		}
	}
}

// BenchmarkPlaceCDFs is one period of file c: 43 forces.
func BenchmarkPlaceCDFs(b *testing.B) {
	x, n := typicalCounts(2023)
	for b.Loop() {
		_ = PlaceCDFs(x, n)
	}
}

// TestPlaceCDFsAgainstR: the chances of each place for five forces (one
// with no events, whose posterior's density is infinite at 0) are R's,
// worked out by R's own adaptive quadrature of the same integral with its
// Beta distribution and the Poisson binomial count by convolution:
//
//	R 4.2.2 (Debian r-base-core), Rscript with
//	x <- c(3, 10, 25, 7, 0); n <- c(500, 1200, 2000, 800, 300)
//	a <- x + 0.5; b <- n - x + 0.5
//	pbcdf <- function(p, r) { d <- c(1, rep(0, length(p)))
//	  for (q in p) d <- c(d[1] * (1 - q), d[-1] * (1 - q) + d[-length(d)] * q)
//	  sum(d[1:(r + 1)]) }
//	for (i in 1:5) for (r in 1:5) out[i, r] <- integrate(function(t) sapply(t, function(tt)
//	  dbeta(tt, a[i], b[i]) * pbcdf(1 - pbeta(tt, a[-i], b[-i]), r - 1)),
//	  0, 1, rel.tol = 1e-12, subdivisions = 5000L)$value
func TestPlaceCDFsAgainstR(t *testing.T) {
	want := [][]float64{
		{0.078338498126, 0.211625788887, 0.420080632816, 0.931094065745, 1},
		{0.096341573595, 0.385122746892, 0.768409610308, 0.987399734193, 1},
		{0.651680565485, 0.913857952008, 0.987699871841, 0.999738871142, 1},
		{0.168207204495, 0.474190586014, 0.789692108066, 0.986456243143, 1},
		{0.005432158299, 0.015202926198, 0.034117776969, 0.095311085776, 1},
	}
	got := PlaceCDFs([]int64{3, 10, 25, 7, 0}, []int64{500, 1200, 2000, 800, 300})
	for i := range want {
		for r := range want[i] {
			if math.Abs(got[i][r]-want[i][r]) > 1e-9 {
				t.Errorf("force %d, place %d or higher: %.12f, R %.12f", i+1, r+1, got[i][r], want[i][r])
			}
		}
	}
}
