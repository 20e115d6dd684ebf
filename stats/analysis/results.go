package analysis

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// Results are everything computed from one table: a figure per force per
// period, the all-forces aggregate per period, and a trend per force.
type Results struct {
	Method     stats.Method
	Periods    []cube.Period // in order
	Figures    []Figure      // by period, then force
	Aggregates []Aggregate   // one per period, in order
	Trends     []Trend       // one per force, by force
	Funnels    []Funnel      // one per period, in order
	// Mark is written at the start of every row's note, e.g.
	// SyntheticMark for practice data.
	Mark string
	// Measures are the names of the numerator's and denominator's
	// measures, as the files call them (cube.Table.Measures).
	Measures [2]string
}

// Trend is one force's figures over time.
type Trend struct {
	Force     police.Force
	Matched   bool
	ForceName string
	// Figures are the force's figures in period order, shared with
	// Results.Figures: a copy of each would double the memory of a long
	// daily series.
	Figures    []*Figure
	YearOnYear []PeriodChange
	Slope      Slope
	// ChiSquare is the test for trend over all the force's periods (the
	// rows of results.csv carry the test over the recent ones).
	ChiSquare stats.ChiSquareTest
}

// Compute works out every figure of the table with the given interval method.
func Compute(t *cube.Table, m stats.Method) Results {
	res := Results{Method: m, Figures: make([]Figure, t.Len()), Measures: t.Measures}
	for i, row := range t.All() {
		yieldEvery(i)
		res.Figures[i] = Figure{
			Force: row.Force, Matched: row.Matched, Total: row.Total, ForceName: row.ForceName,
			Period: row.Period, Rate: stats.RateOf(row.Numerator, row.Denominator, m), PairedWith: pairedWith(row), Mismatch: row.Mismatch,
			DenominatorPeriod: row.DenominatorPeriod,
		}
	}
	sortStableByIndex(res.Figures, func(a, b *Figure) int {
		return cmp.Or(a.Period.Compare(b.Period), cmp.Compare(a.DisplayName(), b.DisplayName()))
	})
	res.Periods, res.Aggregates = aggregates(res.Figures, m)
	for i := range res.Aggregates {
		res.Aggregates[i].Measures = t.Measures
	}
	res.Funnels = assess(res.Figures, res.Aggregates)
	for i := range res.Funnels {
		res.Funnels[i].Measures = t.Measures
	}
	assessTrends(res.Figures, m)
	assessAggregates(res.Aggregates, m)
	res.Trends = trends(res.Figures)
	return res
}

func pairedWith(r cube.Row) string {
	var note string
	if r.Pairing != "" && r.Pairing != cube.PairedSamePeriod && r.Pairing != cube.PairedSameRow {
		note = fmt.Sprintf("the denominator is the one %s (%s)", DescribePeriod(r.DenominatorPeriod), r.Pairing)
	}
	if r.Mismatch != "" {
		note = words.JoinNote(note, r.Mismatch)
	}
	return note
}

// DisplayName is the force's short name, or the name as written when it
// matched no force.
func (f Figure) DisplayName() string {
	switch {
	case f.Matched && f.Force.IsTerritorial():
		return f.Force.ShortName
	case f.Matched:
		return f.Force.Name // "Police Scotland" reads better than "Scotland"
	}
	return f.ForceName
}

// aggregates groups figures (sorted by period) into one Aggregate a period.
func aggregates(figures []Figure, m stats.Method) ([]cube.Period, []Aggregate) {
	forces := map[string]bool{}
	for _, f := range figures {
		if !f.Total {
			forces[f.Key()] = true
		}
	}
	var periods []cube.Period
	var out []Aggregate
	for start := 0; start < len(figures); {
		end := start
		for end < len(figures) && figures[end].Period.Compare(figures[start].Period) == 0 {
			end++
		}
		p := figures[start].Period
		periods = append(periods, p)
		out = append(out, AggregateOf(p, figures[start:end], len(forces), m))
		start = end
	}
	return periods, out
}

// assess fills each figure's funnel flags, comparison and rank, period by
// period, and returns the funnels.
func assess(figures []Figure, aggs []Aggregate) []Funnel {
	funnels := make([]Funnel, 0, len(aggs))
	start := 0
	for i, a := range aggs {
		yieldEvery(i)
		end := start
		for end < len(figures) && figures[end].Period.Compare(a.Period) == 0 {
			end++
		}
		funnels = append(funnels, assessPeriod(figures[start:end], a, i >= len(aggs)-MaxRankedPeriods))
		start = end
	}
	return funnels
}

func trends(figures []Figure) []Trend {
	byForce := map[string]*Trend{}
	var order []string
	sizes := map[string]int{}
	for i := range figures {
		sizes[figures[i].Key()]++
	}
	for i := range figures {
		yieldEvery(i)
		f := &figures[i]
		k := f.Key()
		tr, ok := byForce[k]
		if !ok {
			tr = &Trend{Force: f.Force, Matched: f.Matched, ForceName: f.ForceName, Figures: make([]*Figure, 0, sizes[k])}
			byForce[k] = tr
			order = append(order, k)
		}
		tr.Figures = append(tr.Figures, f) // figures arrive in period order
	}
	out := make([]Trend, 0, len(order))
	for _, k := range order {
		tr := byForce[k]
		tr.YearOnYear = YearOnYear(tr.Figures)
		tr.Slope = RateSlope(tr.Figures)
		tr.ChiSquare = stats.ChiSquareTrend(TrendPointsOf(tr.Figures))
		out = append(out, *tr)
	}
	slices.SortStableFunc(out, func(a, b Trend) int {
		return cmp.Compare(a.Figures[0].DisplayName(), b.Figures[0].DisplayName())
	})
	return out
}
