package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/examples"
)

func rankFigures(x, n []int64) []Figure {
	figs := make([]Figure, len(x))
	for i := range x {
		figs[i] = Figure{ForceName: fmt.Sprintf("force %d", i), Rate: stats.RateOf(cube.Exact(x[i]), cube.Exact(n[i]), stats.Wilson)}
	}
	return figs
}

func TestRankForcesPlaces(t *testing.T) {
	figs := rankFigures([]int64{7, 2, 167, 40, 12, 3, 55, 21, 9, 80, 30, 1}, []int64{1154, 150, 9000, 4100, 2300, 700, 3900, 2600, 1500, 5200, 2800, 400})
	a := RankForces(figs)
	for i := range a {
		if a[i].Low > a[i].Point || a[i].Point > a[i].High {
			t.Errorf("force %d: point rank %d outside its interval %d–%d", i, a[i].Point, a[i].Low, a[i].High)
		}
		if a[i].Of != len(figs) {
			t.Errorf("force %d ranked of %d", i, a[i].Of)
		}
	}
	// 167 of 9,000 (18.6 per 1,000) is clearly the highest of these.
	if a[2].Point != 1 || a[2].High > 3 {
		t.Errorf("the clear leader: %+v", a[2])
	}
	// A force of 400 with 1 event is uncertain across much of the table.
	if a[11].High-a[11].Low < 4 {
		t.Errorf("a small force's rank looks too certain: %+v", a[11])
	}
}

func TestRankForcesSeparatedAreCertain(t *testing.T) {
	// Rates of 1, 10, 100 and 500 per 1,000 on large denominators.
	r := RankForces(rankFigures([]int64{100, 1000, 10000, 50000}, []int64{100000, 100000, 100000, 100000}))
	for i, want := range []int{4, 3, 2, 1} {
		if r[i].Point != want || r[i].Low != want || r[i].High != want {
			t.Errorf("force %d: %+v, want certain rank %d", i, r[i], want)
		}
	}
	if got := r[0].String(); got != "4th highest of 4" {
		t.Errorf("String() = %q", got)
	}
}

func TestRankForcesLeavesOut(t *testing.T) {
	figs := rankFigures([]int64{7, 2, 9}, []int64{1154, 150, 1500})
	figs = append(figs, Figure{ForceName: "censored", Rate: stats.RateOf(cube.ParseCount("<5"), cube.Exact(100), stats.Wilson)},
		Figure{ForceName: "total", Total: true, Rate: stats.RateOf(cube.Exact(18), cube.Exact(2804), stats.Wilson)})
	r := RankForces(figs)
	if r[3] != (Rank{}) || r[4] != (Rank{}) {
		t.Errorf("censored or total ranked: %+v %+v", r[3], r[4])
	}
	if r[0].Of != 3 {
		t.Errorf("ranked of %d, want 3", r[0].Of)
	}
	if got := RankForces(nil); len(got) != 0 {
		t.Errorf("ranks of nothing: %v", got)
	}
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 43: "43rd", 111: "111th"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
	if got := (Rank{Point: 5, Low: 3, High: 17, Of: 38}).String(); got != "between 3rd and 17th highest of 38" {
		t.Errorf("%q", got)
	}
}

// Ties and counts of 0: each force's own place stays inside its interval.
func TestRankIntervalHoldsThePointRank(t *testing.T) {
	for _, c := range []struct{ x, n []int64 }{
		{[]int64{0, 0, 0, 5, 8, 12}, []int64{5000, 100, 100, 1000, 1000, 1000}},
		{[]int64{0, 1, 500}, []int64{3, 100000, 1000}},
		{[]int64{3, 3, 3, 3}, []int64{1000, 1000, 1000, 1000}},
	} {
		for i, r := range RankForces(rankFigures(c.x, c.n)) {
			if r.Low > r.Point || r.Point > r.High {
				t.Errorf("%v of %v, force %d: rank %d outside %d–%d", c.x, c.n, i, r.Point, r.Low, r.High)
			}
		}
	}
}

// typicalPeriod is a period of the peers benchmark's file c (a typical FOI
// file, testfiles.TypicalFile): 43 forces, 3 to 19 of 600 to 2,200.
func typicalPeriod(year int) []Figure {
	x, n := make([]int64, 43), make([]int64, 43)
	for i := range x {
		x[i], n[i] = int64(3+(i*7+year)%17), int64(600+37*i+11*(year-2014))
	}
	return rankFigures(x, n)
}

// practicePeriods are the synthetic practice data's periods (43 forces of
// about 300 to 9,000 registered each), as counts.
func practicePeriods(t *testing.T) map[string][][2]int64 {
	t.Helper()
	out := map[string][][2]int64{}
	lines := strings.Split(strings.TrimSpace(string(examples.SyntheticPracticeCSV())), "\n")
	for _, line := range lines[1:] {
		f := strings.Split(line, ",")
		x, err1 := strconv.ParseInt(f[len(f)-2], 10, 64)
		n, err2 := strconv.ParseInt(f[len(f)-1], 10, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("practice data: %q", line)
		}
		out[f[len(f)-3]] = append(out[f[len(f)-3]], [2]int64{x, n})
	}
	return out
}

// The rank intervals are what simulating the league tables gives with ever
// more draws (RankForces works them out exactly, stats.PlaceCDFs): against
// 50,000 tables drawn from the posteriors (distuv.Beta) and ranked, for
// periods of file c and of the practice data, every end is the
// simulation's or next to it, and where it is not the simulation's the
// simulation's own share at that place is within 4 standard errors of 2.5%
// (or 97.5%): it could not tell. (The app's former 1,000 draws put about
// 3 in 10 ends a place away from these.)
func TestRankForcesMatchLongSimulation(t *testing.T) {
	type period struct {
		name string
		x, n []int64
	}
	var periods []period
	for _, y := range []int{2014, 2023} {
		var p period
		for _, f := range typicalPeriod(y) {
			x, _ := f.Rate.Numerator.Value()
			n, _ := f.Rate.Denominator.Value()
			p.x, p.n = append(p.x, x), append(p.n, n)
		}
		p.name = fmt.Sprintf("file c, %d", y)
		periods = append(periods, p)
	}
	practice := practicePeriods(t)
	for _, label := range []string{"2014/15", "2023/24"} {
		p := period{name: "practice data, " + label}
		for _, c := range practice[label] {
			p.x, p.n = append(p.x, c[0]), append(p.n, c[1])
		}
		periods = append(periods, p)
	}
	const draws = 50000
	se := math.Sqrt(0.025 * 0.975 / draws)
	same, ends := 0, 0
	for _, p := range periods {
		k := len(p.x)
		got := RankForces(rankFigures(p.x, p.n))
		src := rand.NewPCG(uint64(k), 7)
		betas := make([]distuv.Beta, k)
		for i := range betas {
			betas[i] = distuv.Beta{Alpha: float64(p.x[i]) + 0.5, Beta: float64(p.n[i]-p.x[i]) + 0.5, Src: src}
		}
		counts := make([][]int, k)
		for i := range counts {
			counts[i] = make([]int, k)
		}
		draw := make([]float64, k)
		for range draws {
			for i := range draw {
				draw[i] = betas[i].Rand()
			}
			for i, v := range draw {
				place := 0
				for _, o := range draw {
					if o > v {
						place++
					}
				}
				counts[i][place]++
			}
		}
		for i := range k {
			share := make([]float64, k) // of draws at place r+1 or higher
			seen := 0
			for r, c := range counts[i] {
				seen += c
				share[r] = float64(seen) / draws
			}
			low, high := k, k
			for r := k - 1; r >= 0; r-- {
				if share[r] > 0.025 {
					low = r + 1
				}
				if share[r] >= 0.975 {
					high = r + 1
				}
			}
			point := got[i].Point
			for _, c := range []struct {
				what       string
				exact, sim int
				level      float64
			}{{"low", got[i].Low, min(point, low), 0.025}, {"high", got[i].High, max(point, high), 0.975}} {
				ends++
				if c.exact == c.sim {
					same++
					continue
				}
				if d := c.exact - c.sim; d > 1 || d < -1 {
					t.Errorf("%s, %d of %d: %s end %d, simulated %d", p.name, p.x[i], p.n[i], c.what, c.exact, c.sim)
					continue
				}
				if at := share[min(c.exact, c.sim)-1]; math.Abs(at-c.level) > 4*se {
					t.Errorf("%s, %d of %d: %s end %d, simulated %d, though %.4f of the draws put it at place %d or higher", p.name, p.x[i], p.n[i], c.what, c.exact, c.sim, at, min(c.exact, c.sim))
				}
			}
		}
	}
	t.Logf("%d of %d interval ends as 50,000 simulated tables put them", same, ends)
}

// Forces alike get alike intervals, though their chances of 2.5% at the
// top place fall either side of it by the last digit.
func TestRankForcesAlike(t *testing.T) {
	x, n := make([]int64, 40), make([]int64, 40)
	for i := range x {
		x[i], n[i] = 12, 2500
	}
	for i, r := range RankForces(rankFigures(x, n)) {
		// Each place has 1/40 of the chance: the 2.5% above the first and
		// below the last are cut off; all share the best place, 1st.
		if r != (Rank{Point: 1, Low: 1, High: 39, Of: 40}) {
			t.Errorf("force %d of 40 alike: %+v", i, r)
		}
	}
}

// A table of more than MaxRankedForces has no ranks.
func TestRankForcesTooMany(t *testing.T) {
	x, n := make([]int64, MaxRankedForces+1), make([]int64, MaxRankedForces+1)
	for i := range x {
		x[i], n[i] = int64(i), 1000
	}
	for i, r := range RankForces(rankFigures(x, n)) {
		if r != (Rank{}) {
			t.Fatalf("force %d of %d ranked: %+v", i, len(x), r)
		}
	}
}

// BenchmarkRankForces is the rank intervals of one period of 43 forces.
func BenchmarkRankForces(b *testing.B) {
	figs := typicalPeriod(2023)
	for b.Loop() {
		_ = RankForces(figs)
	}
}
