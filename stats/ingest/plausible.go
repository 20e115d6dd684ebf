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
	// come, with what the checks need of each (its denominator and its
	// force's population), read once: a period is known by its label, and
	// a force's population looked up, once per id, not once a row.
	var rows []plausibleRow
	first := map[string]int32{}           // period label → order of its first row
	group := map[uint32]int32{}           // period id → the order of its label
	pops := make([]float64, t.ForceIDs()) // by force id; 0 not looked up yet
	for i := range t.Len() {
		d := t.Dims(i)
		if !d.Matched || d.Total {
			continue
		}
		pop := pops[d.Force]
		if pop == 0 {
			p, ok := police.ApproxPopulation[t.ForceOf(d.Force).Code]
			if !ok || p <= 0 {
				p = -1
			}
			pops[d.Force], pop = p, p
		}
		if pop < 0 {
			continue
		}
		den := t.Number(i, 1)
		if den.Kind != cube.CountExact {
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
		rows = append(rows, plausibleRow{row: int32(i), group: g})
	}
	t.plausible = pops
	defer func() { t.plausible = nil }()
	slices.SortStableFunc(rows, func(a, b plausibleRow) int { return cmp.Compare(a.group, b.group) })
	var pf periodFigures
	for len(rows) > 0 {
		n := 1
		for n < len(rows) && rows[n].group == rows[0].group {
			n++
		}
		t.checkPeriodPlausibility(rows[:n], &pf)
		rows = rows[n:]
	}
}

// plausibleRow is a row the plausibility checks judge: its index and the
// order of its period (8 bytes: a daily file has half a million).
type plausibleRow struct{ row, group int32 }

// judged is what the checks need of a row: its denominator (an exact
// count), its force's population, and whether it is the City of London,
// judged only against a population.
func (t *reader) judged(r plausibleRow) (den int64, pop float64, city bool) {
	i := int(r.row)
	f := t.Dims(i).Force
	return t.Number(i, 1).Low, t.plausible[f], t.ForceOf(f).Code == police.CityOfLondon
}

// periodFigures are one period's rows as the checks judge them, read once
// (judged) into slices kept from one period to the next: a daily file has
// 11,600 periods.
type periodFigures struct {
	den, pop []float64 // of the rows other than the City of London
	forces   []uint16  // their force ids, for checkSizeOrder
	// Every row's, in the order of the period's rows, for the judging of
	// each figure.
	rowDen  []int64
	rowPop  []float64
	rowCity []bool
	// The ranks of the populations for the forces of the last period
	// ranked: a long file has the same forces, in the same order, in every
	// period, and their ranks are the same.
	rankedForces []uint16
	popRanks     []float64
}

func (t *reader) checkPeriodPlausibility(rows []plausibleRow, pf *periodFigures) {
	pf.den, pf.pop, pf.forces = pf.den[:0], pf.pop[:0], pf.forces[:0]
	pf.rowDen, pf.rowPop, pf.rowCity = pf.rowDen[:0], pf.rowPop[:0], pf.rowCity[:0]
	var den, pop float64
	for _, r := range rows {
		d, p, city := t.judged(r)
		pf.rowDen, pf.rowPop, pf.rowCity = append(pf.rowDen, d), append(pf.rowPop, p), append(pf.rowCity, city)
		if city {
			continue
		}
		den += float64(d)
		pop += p
		pf.den = append(pf.den, float64(d))
		pf.pop = append(pf.pop, p)
		pf.forces = append(pf.forces, t.Dims(int(r.row)).Force)
	}
	if len(pf.den) < plausibleMinForces || den <= 0 {
		return
	}
	t.checkSizeOrder(rows, pf)
	scale := den / pop // the denominator per thousand residents
	isPopulation := scale > 500 && scale < 2000
	for k, pr := range rows {
		v, p, city := pf.rowDen[k], pf.rowPop[k], pf.rowCity[k]
		if city && !isPopulation {
			continue
		}
		expected := p * scale
		ratio := float64(v) / expected
		if ratio <= implausibleFactor && ratio >= 1.0/implausibleFactor {
			continue
		}
		r := t.RowNumbers(int(pr.row))
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
func (t *reader) checkSizeOrder(rows []plausibleRow, pf *periodFigures) {
	if len(pf.den) < sizeOrderMinForces {
		return
	}
	if !slices.Equal(pf.forces, pf.rankedForces) {
		pf.rankedForces = append(pf.rankedForces[:0], pf.forces...)
		pf.popRanks = ranks(pf.pop)
	}
	rho := stat.Correlation(ranks(pf.den), pf.popRanks, nil)
	if !(rho < minSizeCorrelation) {
		return
	}
	first := t.RowNumbers(int(rows[0].row))
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
	// Unstable is enough: equal values share their mean rank whatever
	// their order.
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(v[a], v[b]) })
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
