package ingest

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// Plausibility thresholds: a period needs plausibleMinForces forces with a
// denominator to judge any of them, and a force is reported when its
// denominator is over implausibleFactor times, or under 1/implausibleFactor
// of, what its population's share of the period's total suggests.
const (
	plausibleMinForces = 8
	implausibleFactor  = 5
)

// checkPlausibility compares each force's denominator with its share of the
// population, period by period, and warns of a figure far out of line: the
// sign of a column shifted against its forces, or of a wrong unit.
func (t *reader) checkPlausibility() {
	// The rows to judge, grouped by period in the order the periods first
	// come: one index each, sorted, rather than a slice per period (on a
	// daily file, thousands of them). A period is known by its label,
	// looked up once per period id, not once a row.
	var rows []int
	first := map[string]int32{} // period label → order of its first row
	group := map[uint32]int32{} // period id → the order of its label
	order := make([]int32, t.Len())
	for i := range t.Len() {
		d := t.Dims(i)
		if !d.Matched || d.Total {
			continue
		}
		if _, ok := police.ApproxPopulation[t.ForceOf(d.Force).Code]; !ok {
			continue
		}
		if _, den := t.Counts(i); den.Kind != cube.CountExact {
			continue // Value has no number for it
		}
		g, ok := group[d.Period]
		if !ok {
			label := t.PeriodOf(d.Period).Label
			if g, ok = first[label]; !ok {
				g = int32(len(first))
				first[label] = g
			}
			group[d.Period] = g
		}
		order[i] = g
		rows = append(rows, i)
	}
	slices.SortStableFunc(rows, func(a, b int) int { return cmp.Compare(order[a], order[b]) })
	for len(rows) > 0 {
		g := order[rows[0]]
		n := 1
		for n < len(rows) && order[rows[n]] == g {
			n++
		}
		t.checkPeriodPlausibility(rows[:n])
		rows = rows[n:]
	}
}

func (t *reader) checkPeriodPlausibility(rows []int) {
	var den, pop float64
	n := 0
	for _, i := range rows {
		code := t.ForceOf(t.Dims(i).Force).Code
		if code == police.CityOfLondon {
			continue
		}
		_, d := t.Counts(i)
		den += float64(d.Low) // an exact count (checkPlausibility)
		pop += police.ApproxPopulation[code]
		n++
	}
	if n < plausibleMinForces || den <= 0 {
		return
	}
	t.checkSizeOrder(rows)
	scale := den / pop // the denominator per thousand residents
	isPopulation := scale > 500 && scale < 2000
	for _, i := range rows {
		code := t.ForceOf(t.Dims(i).Force).Code
		if code == police.CityOfLondon && !isPopulation {
			continue
		}
		_, d := t.Counts(i)
		v := d.Low
		expected := police.ApproxPopulation[code] * scale
		ratio := float64(v) / expected
		if ratio <= implausibleFactor && ratio >= 1.0/implausibleFactor {
			continue
		}
		r := t.RowNumbers(i)
		t.Note(r.Line, t.Columns.Denominator+1, cube.Warning, "implausible-denominator", fmt.Sprintf(
			"%s's denominator for %s, %s, is %s what its share of the population suggests (about %s, from the other forces' figures): check that the figures are attached to the right forces before using them",
			r.Force.ShortName, r.Period.Label, words.Thousands(v), timesWords(ratio), words.Thousands(int64(math.Round(expected)))))
	}
}

// timesWords says how far a ratio is from 1: "60 times", "1/60 of".
func timesWords(ratio float64) string {
	if ratio >= 1 {
		return fmt.Sprintf("about %.0f times", ratio)
	}
	return fmt.Sprintf("about 1/%.0f of", 1/ratio)
}

// minSizeCorrelation is the least rank correlation between a period's
// denominators and the forces' populations that passes without a warning.
// Any count of people by force (residents, officers, registered offenders)
// follows the forces' sizes closely: above 0.8 in every such table we have.
const minSizeCorrelation = 0.6

// sizeOrderMinForces is the fewest forces the size-order check looks at:
// among a handful of forces of similar size, local differences can outweigh
// size, and the correlation says little.
const sizeOrderMinForces = 15

// checkSizeOrder warns when a period's denominators do not follow the
// forces' sizes at all: the sign of a column attached to the wrong forces,
// which no single figure may show.
func (t *reader) checkSizeOrder(rows []int) {
	var den, pop []float64
	for _, i := range rows {
		code := t.ForceOf(t.Dims(i).Force).Code
		if code == police.CityOfLondon {
			continue
		}
		_, d := t.Counts(i)
		den = append(den, float64(d.Low))
		pop = append(pop, police.ApproxPopulation[code])
	}
	if len(den) < sizeOrderMinForces {
		return
	}
	rho := stat.Correlation(ranks(den), ranks(pop), nil)
	if !(rho < minSizeCorrelation) {
		return
	}
	first := t.RowNumbers(rows[0])
	t.Note(first.Line, t.Columns.Denominator+1, cube.Warning, "denominators-out-of-order", fmt.Sprintf(
		"the denominators for %s hardly follow the forces' sizes (rank correlation with population %.2f, where counts of people by force are above 0.8): the column may be attached to the wrong forces; check it against its source before using it",
		first.Period.Label, rho))
}

// ranks returns the rank of each value (1 = smallest), ties sharing their
// mean rank, as Spearman's correlation needs.
func ranks(v []float64) []float64 {
	order := make([]int, len(v))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(v[a], v[b]) })
	out := make([]float64, len(v))
	for i := 0; i < len(order); {
		j := i
		for j < len(order) && v[order[j]] == v[order[i]] {
			j++
		}
		for k := i; k < j; k++ {
			out[order[k]] = float64(i+j+1) / 2 // mean of ranks i+1 … j
		}
		i = j
	}
	return out
}
