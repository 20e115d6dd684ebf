package stats

import (
	"math"
	"slices"
	"sync"

	"gonum.org/v1/gonum/integrate/quad"
)

// PlaceCDFs gives, for proportions x[i] of n[i], the chance of each place
// in their league table (1 the highest) when each true proportion is drawn
// from its posterior under Jeffreys' prior, Beta(x + ½, n − x + ½),
// independently of the others: cdf[i][r−1] is the chance that i is at
// place r or higher,
//
//	P(Rᵢ ≤ r),  Rᵢ = 1 + #{j ≠ i : pⱼ > pᵢ},
//
// so cdf[i][k−1] is 1. It is what a simulation of the league table (draw
// every pⱼ, rank them, count; Marshall and Spiegelhalter 1998, BMJ
// 316:1701–1704) tends to with ever more draws, worked out instead by
// integrating over pᵢ:
//
//	P(Rᵢ ≤ r) = ∫ fᵢ(t) · P(#{j ≠ i : pⱼ > t} ≤ r − 1) dt,
//
// where, given t, each pⱼ > t is a coin of chance Sⱼ(t) = P(pⱼ > t), so the
// count is Poisson binomial (worked out by adding one coin at a time, and
// taking force i's own out again). The integral is taken over θ = asin(√t),
// where a posterior's density, 2·sin²ˣθ·cos²⁽ⁿ⁻ˣ⁾θ / B(x + ½, n − x + ½),
// is a smooth bell of width about 1/(2√n) whatever x (the arcsine
// transform stabilises the variance of a proportion; Anscombe 1948,
// Biometrika 35:246–254), with no infinite density at 0 or 1: by
// composite Gauss–Legendre quadrature of placeNodes points a cell, each
// cell no wider than placeWidth such widths of any force whose posterior
// reaches it, nor than placeCrowdWidth times the distance over which the
// count above moves by its spread (many forces alike make it move fast;
// crowdScale). Each Sⱼ is had at the same points by integrating the
// polynomial through fⱼ's values there. Each posterior is cut 12 widths
// from its mode, beyond which lies less than 10⁻¹⁶ of it (its log-density's
// curvature in θ is at least 2n), and each force's masses are scaled to
// sum to 1.
//
// Tested against an independent integration (gonum's quad rule over t,
// with distuv.Beta's regularised incomplete beta for every Sⱼ), against
// exact answers (forces alike, the table turned upside down, normal
// limits) and against a simulation: the chances agree to within 10⁻⁷.
//
// x and n must be of the same length, with 0 ≤ x ≤ n and n > 0; it panics
// otherwise.
func PlaceCDFs(x, n []int64) [][]float64 {
	if len(x) != len(n) {
		panic("stats: slice length mismatch")
	}
	k := len(x)
	if k == 0 {
		return [][]float64{}
	}
	forces := make([]placeForce, k)
	for i := range forces {
		if n[i] <= 0 || x[i] < 0 || x[i] > n[i] {
			panic("stats: PlaceCDFs needs 0 ≤ x ≤ n and n > 0")
		}
		forces[i] = newPlaceForce(x[i], n[i])
	}
	cells := placeCells(forces)
	nodes, wts := placeRule()
	// Each node's log sin θ and log cos θ, shared by every force's density.
	m := len(cells) * placeNodes
	logSin, logCos := make([]float64, m), make([]float64, m)
	for c, cell := range cells {
		for q, y := range nodes {
			s, co := math.Sincos(cell.start + cell.width*y)
			logSin[c*placeNodes+q], logCos[c*placeNodes+q] = math.Log(s), math.Log(co)
		}
	}
	cum := placeCumulative()
	size := 0
	for i := range forces {
		size += (forces[i].c1 - forces[i].c0 + 1) * placeNodes
	}
	pool := make([]float64, 2*size)
	dens := new([placeNodes]float64)
	for i := range forces {
		f := &forces[i]
		m := (f.c1 - f.c0 + 1) * placeNodes
		f.mass, f.surv, pool = pool[:m:m], pool[m:2*m:2*m], pool[2*m:]
		f.integrate(cells, nodes, wts, cum, logSin, logCos, dens)
	}
	// At each node, the Poisson binomial count of the forces above it (those
	// whose posterior lies wholly above count for sure), then each force's
	// own chance taken out of it again, weighted by that force's density
	// there.
	acc := make([][]float64, k)
	cdfs := make([]float64, k*k)
	for i := range acc {
		acc[i] = cdfs[i*k : (i+1)*k : (i+1)*k]
	}
	dist := make([]float64, k+1)
	scratch := make([]float64, k)
	active := make([]int, 0, k)
	uncertain := make([]int, 0, k)
	var ahead, behind lanes
	for c := range cells {
		sure := 0 // forces whose posterior lies wholly above the cell
		active = active[:0]
		for j := range forces {
			switch {
			case c < forces[j].c0:
				sure++
			case c <= forces[j].c1:
				active = append(active, j)
			}
		}
		for q := range placeNodes {
			// Forces all but certainly above or below the node (by less than
			// placeSure) count as certain; the rest are the coins.
			above := sure
			uncertain = uncertain[:0]
			dist = dist[:1]
			dist[0] = 1
			for _, j := range active {
				s := forces[j].surv[(c-forces[j].c0)*placeNodes+q]
				switch {
				case s >= 1-placeSure:
					above++
				case s > placeSure:
					uncertain = append(uncertain, j)
					dist = addCoin(dist, s)
				}
			}
			// A force all but certainly above or below the node has next to
			// no mass there: it adds nothing.
			n := len(uncertain)
			// Only where the count's chance is not next to nothing is the
			// chance without one coin not next to nothing either (at most
			// twice it, taking the coin out forwards at d_m, backwards at
			// d_m+1): the rest is left at 0.
			lo, hi := 0, len(dist)
			for lo < hi && dist[lo] < placeTiny {
				lo++
			}
			for hi > lo && dist[hi-1] < placeTiny {
				hi--
			}
			ahead.reset(scratch[:n], lo, min(hi, n))
			behind.reset(scratch[:n], max(0, lo-1), min(n, hi-1))
			for _, i := range uncertain {
				at := (c-forces[i].c0)*placeNodes + q
				if forces[i].mass[at] < placeNegligible {
					continue
				}
				s := forces[i].surv[at]
				row := acc[i][above : above+n]
				if s <= 0.5 {
					ahead.add(s, forces[i].mass[at], row, dist, true)
				} else {
					behind.add(s, forces[i].mass[at], row, dist, false)
				}
			}
			ahead.flush(dist, true)
			behind.flush(dist, false)
		}
	}
	for i, row := range acc {
		var total float64
		for r := range row {
			total += row[r]
			row[r] = total
		}
		for r := range row {
			row[r] = min(1, row[r]/total)
		}
		acc[i] = row
	}
	return acc
}

// placeNodes is the number of Gauss–Legendre points a cell; placeWidth is a
// cell's widest, in units of the posterior's width 1/(2√n) of the narrowest
// force that reaches it, and placeCrowdWidth its widest in units of
// crowdScale. Chosen by measuring, on periods of 43 forces (file c's and
// practice-like ones) against the independent integration of the tests,
// and on 10, 40 and 100 forces alike against the exact answer: the chances
// agree to 6·10⁻¹⁰ and 10⁻¹², on 11 to 13 cells a period. Cells of 3 and
// 4 units agree to 2·10⁻¹¹ on a third more cells; without the crowd's
// limit, 100 forces alike were off by 10⁻⁴; 8 points on cells of one width
// left 5·10⁻⁸ on file c.
const (
	placeNodes      = 16
	placeWidth      = 4.0
	placeCrowdWidth = 6.0
)

// crowdScale is about how far θ must move for the count of forces above θ
// to change by its standard deviation,
//
//	√(Σ Sⱼ(1 − Sⱼ)) / Σ fⱼ(θ),
//
// each posterior taken for a normal bell of its mode and width (by the
// logistic approximation of the normal distribution, Φ(z) ≈ 1/(1 + e^(−1.702z)),
// good to 0.01: this only sets the cells' sizes). For one force it is
// about 1.25 widths at its mode; for k alike, that over √k.
func crowdScale(forces []placeForce, theta float64) float64 {
	var spread, crossing float64
	for j := range forces {
		f := &forces[j]
		z := (theta - f.mode) / f.width
		if z < -10 || z > 10 {
			continue
		}
		l := 1 / (1 + math.Exp(-1.702*z))
		spread += l * (1 - l)
		crossing += 1.702 * l * (1 - l) / f.width
	}
	if crossing == 0 {
		return math.Inf(1)
	}
	return math.Sqrt(spread) / crossing
}

// placeFineLogs is the denominator above which a force's log-density is
// worked out apart, from the distance to its mode: through the logs of sin θ
// and cos θ shared by every force, the rounding of 2n·log cos θ would come to
// n·10⁻¹⁶ (10⁻⁸ at 10⁸).
const placeFineLogs = 1e8

// placeForce is one force's posterior over θ = asin(√p), up to a constant:
// log g(θ) = 2x·log sin θ + 2(n − x)·log cos θ − logMode.
type placeForce struct {
	ex, en  float64 // 2x and 2(n − x)
	logMode float64 // log g's largest value, at sin²θ = x/n
	mode    float64 // asin(√(x/n)), where g is largest
	width   float64 // 1/(2√n), the posterior's width in θ
	lo, hi  float64 // the range of θ beyond which the mass is below 10⁻¹⁶
	// fine is set for n above placeFineLogs: log g is then worked out from
	// the distance to the mode (logDensityNear), with cot and tan of it.
	fine             bool
	cotMode, tanMode float64
	c0, c1           int // the first and last cells that meet [lo, hi]
	// mass and surv are, at each node of cells c0 to c1, the quadrature
	// weight times the normalised density, and the chance of p above it.
	mass, surv []float64
}

func newPlaceForce(x, n int64) placeForce {
	f := placeForce{ex: 2 * float64(x), en: 2 * float64(n-x), width: 1 / (2 * math.Sqrt(float64(n))), fine: n > placeFineLogs}
	p := float64(x) / float64(n)
	if x > 0 {
		f.logMode += float64(x) * math.Log(p)
	}
	if x < n {
		f.logMode += float64(n-x) * math.Log1p(-p)
	}
	f.mode = math.Asin(math.Sqrt(p))
	if x > 0 && x < n {
		f.cotMode, f.tanMode = math.Sqrt(float64(n-x)/float64(x)), math.Sqrt(float64(x)/float64(n-x))
	}
	// (log g)″ = −2x/sin²θ − 2(n − x)/cos²θ ≤ −2n, so g falls at least as
	// fast as exp(−n(θ − mode)²) = exp(−(θ − mode)²/(4·width²)) on either
	// side: beyond 12 widths lies less than e⁻³⁶ of its height, and less
	// than 10⁻¹⁶ of its mass.
	f.lo, f.hi = max(0, f.mode-12*f.width), min(math.Pi/2, f.mode+12*f.width)
	return f
}

// logDensity is log g at θ, of the given log sin θ and log cos θ.
func (f *placeForce) logDensity(theta, logSin, logCos float64) float64 {
	if f.fine {
		return f.logDensityNear(theta)
	}
	l := -f.logMode
	if f.ex > 0 {
		l += f.ex * logSin
	}
	if f.en > 0 {
		l += f.en * logCos
	}
	return min(0, l)
}

// logDensityNear is log g worked out from the distance to the mode, δ:
//
//	2x·log(sin θ / sin θₘ) + 2(n − x)·log(cos θ / cos θₘ),
//	sin θ / sin θₘ = 1 − 2sin²(δ/2) + cot θₘ·sin δ,
//	cos θ / cos θₘ = 1 − 2sin²(δ/2) − tan θₘ·sin δ,
//
// for large n, where 2x·log sin θ and log g's largest value are too large
// for their difference, near 1, to keep its digits. (When x is 0 or n only
// the second or the first term is there, and θₘ is 0 or π/2.)
func (f *placeForce) logDensityNear(theta float64) float64 {
	d := theta - f.mode
	sd, h := math.Sin(d), math.Sin(d/2)
	l := 0.0
	if f.ex > 0 {
		l += f.ex * math.Log1p(-2*h*h+f.cotMode*sd)
	}
	if f.en > 0 {
		l += f.en * math.Log1p(-2*h*h-f.tanMode*sd)
	}
	return min(0, l)
}

// integrate works out the force's density and survival at the nodes of its
// cells (into f.mass and f.surv, of a length for them), normalised so that
// its masses sum to 1; dens is room for placeNodes numbers.
func (f *placeForce) integrate(cells []placeCell, nodes, wts []float64, cum *[placeNodes][placeNodes]float64, logSin, logCos []float64, dens *[placeNodes]float64) {
	below := 0.0 // the unnormalised mass below the cell
	for c := f.c0; c <= f.c1; c++ {
		h := cells[c].width
		for q := range placeNodes {
			at := c*placeNodes + q
			dens[q] = math.Exp(f.logDensity(cells[c].start+h*nodes[q], logSin[at], logCos[at]))
		}
		base := (c - f.c0) * placeNodes
		mass, surv := f.mass[base:base+placeNodes], f.surv[base:base+placeNodes]
		for q := range placeNodes {
			var part float64
			for r, d := range dens {
				part += cum[q][r] * d
			}
			mass[q] = h * wts[q] * dens[q]
			surv[q] = below + h*part // the mass below, for now
		}
		var cell float64
		for q, d := range dens {
			cell += wts[q] * d
		}
		below += h * cell
	}
	for j := range f.mass {
		f.mass[j] /= below
		f.surv[j] = min(1, max(0, 1-f.surv[j]/below))
	}
}

// placeCell is one cell of the quadrature, [start, start + width] in θ.
type placeCell struct{ start, width float64 }

// placeCells cuts the θ that any force's posterior reaches into cells no
// wider than placeWidth times the narrowest width of the forces that meet
// each, and notes each force's first and last cell.
func placeCells(forces []placeForce) []placeCell {
	var cells []placeCell
	theta, end := math.Pi/2, 0.0
	for _, f := range forces {
		theta, end = min(theta, f.lo), max(end, f.hi)
	}
	for theta < end {
		// The widest cell from theta that is narrow enough for every force
		// it meets: one that starts within it limits it only if the cell
		// reaches past its start. No force covers theta in a gap between
		// posteriors.
		h, covered := math.Inf(1), false
		next := end // the start of the next posterior, for a gap
		for j := range forces {
			f := &forces[j]
			switch {
			case f.hi <= theta:
			case f.lo <= theta:
				h, covered = min(h, placeWidth*f.width), true
			default:
				h, next = min(h, max(f.lo-theta, placeWidth*f.width)), min(next, f.lo)
			}
		}
		if !covered {
			theta = next
			continue
		}
		// Many forces alike make the count above θ change faster than any
		// one of them: over about its standard deviation divided by the
		// forces crossing θ per unit of θ.
		for range 2 {
			h = min(h, placeCrowdWidth*crowdScale(forces, theta), placeCrowdWidth*crowdScale(forces, theta+h))
		}
		if theta+h >= end {
			cells = append(cells, placeCell{theta, end - theta})
			break
		}
		cells = append(cells, placeCell{theta, h})
		theta += h
	}
	for j := range forces {
		f := &forces[j]
		f.c0, _ = slices.BinarySearchFunc(cells, f.lo, func(c placeCell, t float64) int {
			if c.start+c.width <= t {
				return -1
			}
			return 1
		})
		f.c1 = f.c0
		for f.c1+1 < len(cells) && cells[f.c1+1].start < f.hi {
			f.c1++
		}
	}
	return cells
}

// addCoin is the distribution of a count with one more coin of chance p.
func addCoin(dist []float64, p float64) []float64 {
	dist = append(dist, 0)
	for m := len(dist) - 1; m > 0; m-- {
		dist[m] = dist[m]*(1-p) + dist[m-1]*p
	}
	dist[0] *= 1 - p
	return dist
}

// placeNegligible is a node's share of a force's mass too small to add:
// out in a tail, where even the 200-odd nodes of a period together hold
// less than 10⁻¹⁴ of it.
const placeNegligible = 1e-17

// placeTiny is a chance of the count above a node too small to carry into
// the chances without a coin: their sum over every node is below 10⁻¹⁴.
const placeTiny = 1e-18

// placeSure is how close to 0 or 1 a force's chance of lying above a node
// may be for it to count as certainly below or above: its effect on any
// chance is at most that.
const placeSure = 1e-15

// lanes takes coins out of a count's distribution, four forces at a time,
// and adds each result, weighted, to its force's row: the distribution
// without one coin of chance p is found forwards when p ≤ ½,
//
//	q₀ = d₀/(1 − p),  q_m = (d_m − p·q_{m−1})/(1 − p),
//
// and backwards otherwise, so that no step magnifies rounding. Each step
// waits for the one before, so four forces side by side keep the processor
// busy where one would leave it waiting.
type lanes struct {
	n       int
	p, inv  [4]float64
	w       [4]float64
	rows    [4][]float64
	scratch []float64
	lo, hi  int // the places worked out, [lo, hi)
}

func (l *lanes) reset(scratch []float64, lo, hi int) {
	l.n, l.scratch, l.lo, l.hi = 0, scratch, lo, hi
}

func (l *lanes) add(p, w float64, row, dist []float64, forwards bool) {
	l.p[l.n], l.w[l.n], l.rows[l.n] = p, w, row
	if forwards {
		l.inv[l.n] = 1 / (1 - p)
	} else {
		l.inv[l.n] = 1 / p
	}
	l.n++
	if l.n == 4 {
		l.flush(dist, forwards)
	}
}

func (l *lanes) flush(dist []float64, forwards bool) {
	if l.n == 0 {
		return
	}
	for g := l.n; g < 4; g++ {
		l.p[g], l.inv[g], l.w[g], l.rows[g] = 0, 1, 0, l.scratch
	}
	l.n = 0
	r0, r1, r2, r3 := l.rows[0], l.rows[1], l.rows[2], l.rows[3]
	n := len(r0)
	r1, r2, r3 = r1[:n], r2[:n], r3[:n]
	w0, w1, w2, w3 := l.w[0], l.w[1], l.w[2], l.w[3]
	i0, i1, i2, i3 := l.inv[0], l.inv[1], l.inv[2], l.inv[3]
	var a, b, c, d float64
	lo, hi := l.lo, l.hi
	if lo >= hi {
		return
	}
	if forwards {
		p0, p1, p2, p3 := l.p[0], l.p[1], l.p[2], l.p[3]
		dist := dist[lo:hi]
		r0, r1, r2, r3 := r0[lo:hi], r1[lo:hi], r2[lo:hi], r3[lo:hi]
		for m, v := range dist {
			a = (v - p0*a) * i0
			b = (v - p1*b) * i1
			c = (v - p2*c) * i2
			d = (v - p3*d) * i3
			r0[m] += w0 * a
			r1[m] += w1 * b
			r2[m] += w2 * c
			r3[m] += w3 * d
		}
		return
	}
	q0, q1, q2, q3 := 1-l.p[0], 1-l.p[1], 1-l.p[2], 1-l.p[3]
	dist = dist[1+lo : 1+hi]
	r0, r1, r2, r3 = r0[lo:hi], r1[lo:hi], r2[lo:hi], r3[lo:hi]
	for m := len(dist) - 1; m >= 0; m-- {
		v := dist[m]
		a = (v - q0*a) * i0
		b = (v - q1*b) * i1
		c = (v - q2*c) * i2
		d = (v - q3*d) * i3
		r0[m] += w0 * a
		r1[m] += w1 * b
		r2[m] += w2 * c
		r3[m] += w3 * d
	}
}

var placeRuleOnce = sync.OnceValues(func() ([]float64, []float64) {
	x, w := make([]float64, placeNodes), make([]float64, placeNodes)
	quad.Legendre{}.FixedLocations(x, w, 0, 1)
	return x, w
})

// placeRule is the Gauss–Legendre rule of placeNodes points on [0, 1].
func placeRule() (nodes, weights []float64) { return placeRuleOnce() }

var placeCumulativeOnce = sync.OnceValue(func() *[placeNodes][placeNodes]float64 {
	y, w := placeRule()
	lagrange := func(r int, t float64) float64 {
		v := 1.0
		for m := range y {
			if m != r {
				v *= (t - y[m]) / (y[r] - y[m])
			}
		}
		return v
	}
	out := new([placeNodes][placeNodes]float64)
	for q := range out {
		for r := range out[q] {
			// ∫₀^y_q ℓ_r, exactly: the rule on [0, y_q] integrates a
			// polynomial of ℓ_r's degree without error.
			for s := range y {
				out[q][r] += y[q] * w[s] * lagrange(r, y[q]*y[s])
			}
		}
	}
	return out
})

// placeCumulative is the matrix that takes a function's values at the
// nodes of placeRule to its integrals from 0 to each node, exact for
// polynomials of degree below placeNodes.
func placeCumulative() *[placeNodes][placeNodes]float64 { return placeCumulativeOnce() }
