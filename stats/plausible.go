package stats

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// approxPopulation is each territorial force's resident population in
// thousands, about mid-2019 (ONS mid-year estimates for police force areas,
// rounded; within about 10%, which TestApproxPopulation checks against a
// published series). It is used only to catch denominators off by a factor
// of five or more, such as a column attached to the wrong forces: never as a
// denominator itself.
var approxPopulation = map[string]float64{
	"E23000001": 8950, "E23000002": 500, "E23000003": 1510, "E23000004": 1430, "E23000005": 2830,
	"E23000006": 1070, "E23000007": 1470, "E23000008": 640, "E23000009": 830, "E23000010": 2330,
	"E23000011": 1410, "E23000012": 930, "E23000013": 570, "E23000014": 2930, "E23000015": 1130,
	"E23000016": 1300, "E23000017": 580, "E23000018": 1060, "E23000019": 1160, "E23000020": 760,
	"E23000021": 1100, "E23000022": 750, "E23000023": 850, "E23000024": 910, "E23000025": 760,
	"E23000026": 670, "E23000027": 1190, "E23000028": 1850, "E23000029": 2420, "E23000030": 1990,
	"E23000031": 1200, "E23000032": 1850, "E23000033": 1710, "E23000034": 10, "E23000035": 1780,
	"E23000036": 1720, "E23000037": 640, "E23000038": 720, "E23000039": 770,
	"W15000001": 700, "W15000002": 590, "W15000003": 1340, "W15000004": 520,
}

// cityOfLondon has a tiny resident population but a large daytime one, its
// own police and offenders registered: it is compared only with a
// denominator that is itself a population.
const cityOfLondon = "E23000034"

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
	byPeriod := map[string][]int{}
	var order []string
	for i, r := range t.Rows {
		if _, ok := approxPopulation[r.Force.Code]; !ok || !r.Matched || r.Total {
			continue
		}
		if _, ok := r.Denominator.Value(); !ok {
			continue
		}
		if _, seen := byPeriod[r.Period.Label]; !seen {
			order = append(order, r.Period.Label)
		}
		byPeriod[r.Period.Label] = append(byPeriod[r.Period.Label], i)
	}
	for _, p := range order {
		t.checkPeriodPlausibility(byPeriod[p])
	}
}

func (t *reader) checkPeriodPlausibility(rows []int) {
	var den, pop float64
	n := 0
	for _, i := range rows {
		r := t.Rows[i]
		if r.Force.Code == cityOfLondon {
			continue
		}
		v, _ := r.Denominator.Value()
		den += float64(v)
		pop += approxPopulation[r.Force.Code]
		n++
	}
	if n < plausibleMinForces || den <= 0 {
		return
	}
	t.checkSizeOrder(rows)
	scale := den / pop // the denominator per thousand residents
	isPopulation := scale > 500 && scale < 2000
	for _, i := range rows {
		r := t.Rows[i]
		if r.Force.Code == cityOfLondon && !isPopulation {
			continue
		}
		v, _ := r.Denominator.Value()
		expected := approxPopulation[r.Force.Code] * scale
		ratio := float64(v) / expected
		if ratio <= implausibleFactor && ratio >= 1.0/implausibleFactor {
			continue
		}
		t.note(r.Line, t.Columns.Denominator+1, Warning, "implausible-denominator", fmt.Sprintf(
			"%s's denominator for %s, %s, is %s what its share of the population suggests (about %s, from the other forces' figures): check that the figures are attached to the right forces before using them",
			r.Force.ShortName, r.Period.Label, thousands(v), timesWords(ratio), thousands(int64(math.Round(expected)))))
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
		r := t.Rows[i]
		if r.Force.Code == cityOfLondon {
			continue
		}
		v, _ := r.Denominator.Value()
		den = append(den, float64(v))
		pop = append(pop, approxPopulation[r.Force.Code])
	}
	if len(den) < sizeOrderMinForces {
		return
	}
	rho := stat.Correlation(ranks(den), ranks(pop), nil)
	if !(rho < minSizeCorrelation) {
		return
	}
	first := t.Rows[rows[0]]
	t.note(first.Line, t.Columns.Denominator+1, Warning, "denominators-out-of-order", fmt.Sprintf(
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
