package analysis

import (
	"fmt"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/cube"
)

func rankFigures(x, n []int64) []Figure {
	figs := make([]Figure, len(x))
	for i := range x {
		figs[i] = Figure{ForceName: fmt.Sprintf("force %d", i), Rate: stats.RateOf(cube.Exact(x[i]), cube.Exact(n[i]), stats.Wilson)}
	}
	return figs
}

func TestRankForcesStableForASeed(t *testing.T) {
	figs := rankFigures([]int64{7, 2, 167, 40, 12, 3, 55, 21, 9, 80, 30, 1}, []int64{1154, 150, 9000, 4100, 2300, 700, 3900, 2600, 1500, 5200, 2800, 400})
	a, b := RankForces(figs, RankSeed), RankForces(figs, RankSeed)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("force %d: %+v then %+v with the same seed", i, a[i], b[i])
		}
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
	r := RankForces(rankFigures([]int64{100, 1000, 10000, 50000}, []int64{100000, 100000, 100000, 100000}), RankSeed)
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
	r := RankForces(figs, RankSeed)
	if r[3] != (Rank{}) || r[4] != (Rank{}) {
		t.Errorf("censored or total ranked: %+v %+v", r[3], r[4])
	}
	if r[0].Of != 3 {
		t.Errorf("ranked of %d, want 3", r[0].Of)
	}
	if got := RankForces(nil, RankSeed); len(got) != 0 {
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
		for i, r := range RankForces(rankFigures(c.x, c.n), RankSeed) {
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

// BenchmarkRankForces is the rank simulation of one period of 43 forces.
func BenchmarkRankForces(b *testing.B) {
	figs := typicalPeriod(2023)
	for b.Loop() {
		_ = RankForces(figs, RankSeed)
	}
}
