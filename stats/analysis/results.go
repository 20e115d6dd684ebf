package analysis

import (
	"fmt"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// Results are everything computed from one table: a figure per force per
// period, the all-forces aggregate per period, and a trend per force. Made
// by a Frame for a span of periods, they hold the figures and funnels of
// those periods only (Compute's hold every period's).
type Results struct {
	Method  stats.Method
	Periods []cube.Period // every period, in order
	// From is the index in Periods of the first period whose figures and
	// funnels are held.
	From       int
	Figures    []Figure    // by period, then force, from Periods[From] on
	Aggregates []Aggregate // one per period, in order, every period
	Trends     []Trend     // one per force, by force
	Funnels    []Funnel    // one per period from Periods[From] on, in order
	// FigureCount is the number of figures over every period: one per row
	// of the table.
	FigureCount int
	// Totals are the published totals of every period, in order, for the
	// claims about them (report.TotalClaims).
	Totals []Figure
	// Mark is written at the start of every row's note, e.g.
	// SyntheticMark for practice data.
	Mark string
	// Measures are the names of the numerator's and denominator's
	// measures, as the files call them (cube.Table.Measures).
	Measures [2]string
}

// Trend is one force's figures over time.
type Trend struct {
	// Key identifies the force (Figure.Key), Name is its display name.
	Key, Name string
	Force     police.Force
	Matched   bool
	ForceName string
	// Figures are the force's figures in period order, shared with
	// Results.Figures: a copy of each would double the memory of a long
	// daily series. Of a Frame's span, they are those of the span.
	Figures []*Figure
	// YearOnYear compares each figure with the one before it; of a span,
	// the first change is from the figure just before the span.
	YearOnYear []PeriodChange
	// Slope is fitted over all the force's periods.
	Slope Slope
	// ChiSquare is the test for trend over all the force's periods (the
	// rows of results.csv carry the test over the recent ones).
	ChiSquare stats.ChiSquareTest
	// Ends are the series' first and last figures with a rate and its last
	// figure, over all its periods.
	Ends SeriesEnds
}

// Compute works out every figure of the table with the given interval method.
func Compute(t *cube.Table, m stats.Method) Results {
	f := NewFrame(t, m)
	return f.Results(0, len(f.Periods()))
}

// Latest works out the figures of the latest n periods of the table only
// (every period's when it has no more than n), as the page shows them: the
// trends and the all-forces figures still span every period.
func Latest(t *cube.Table, m stats.Method, n int) Results {
	f := NewFrame(t, m)
	p := len(f.Periods())
	return f.Results(max(0, p-n), p)
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
