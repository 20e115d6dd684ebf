package analysis

import (
	"cmp"
	"slices"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// A Frame is a table put in order once for its statistics: its rows by
// period, then by force name; each force's rows in period order; every
// period's all-forces figure; and each force's trend over all its periods.
// What depends on a figure's own period (its rate and interval, funnel,
// comparison, rank and recent trend) is worked out by Results for the
// periods asked for only.
//
// Why: the page shows the latest MaxShownPeriods periods. A daily series of
// 20 MB has half a million figures; working out every statistic of each
// (760 bytes a figure, recent trends, funnels and comparisons of every
// period) took 9 s and 2.6 GB natively before the view of its latest
// 120 days could be drawn, and ran a wasm module out of memory. A Frame
// holds 8 bytes a row and a little a period; results.csv is written from it
// a span of periods at a time (Frame.Results).
type Frame struct {
	t      *cube.Table
	m      stats.Method
	order  []int32 // row indexes by period, then display name, then row
	starts []int   // the figures of period p are order[starts[p]:starts[p+1]]
	// periods, in order, and the all-forces figure of each (without its
	// recent trend, which Results works out for the periods it gives).
	periods    []cube.Period
	aggregates []Aggregate
	series     []frameSeries // one per force, in the order of Results.Trends
	totals     []Figure      // every published total, in order (TotalClaims)
	totalsAt   []int32       // the position of each in order, while they are gathered
	mids       []float64     // each period id's midpoint, worked out once
}

// frameSeries is one force's series in a Frame.
type frameSeries struct {
	key, name string
	pos       []int32 // positions in Frame.order, in period order
	slope     Slope
	chiSquare stats.ChiSquareTest
	// firstRated and lastRated are the positions (in pos) of the first and
	// last figure with a rate, -1 when none has one.
	firstRated, lastRated int
}

// NewFrame orders t's rows and works out what spans all periods: each
// period's all-forces figure and each force's trend over the whole series.
// It costs time in proportion to the rows and 8 bytes a row, whatever the
// number of periods.
func NewFrame(t *cube.Table, m stats.Method) *Frame {
	f := &Frame{t: t, m: m}
	f.order, f.starts, f.periods = orderRows(t)
	f.series = seriesOf(t, f.order)
	sums := make([]aggregateSum, len(f.periods))
	periodOf := make([]int32, len(f.order)) // period index of each position
	for p := range f.periods {
		for k := f.starts[p]; k < f.starts[p+1]; k++ {
			periodOf[k] = int32(p)
		}
	}
	forces := 0
	f.mids = midpoints(t)
	cells, base := gatherSeries(t, f.order, f.series)
	for si := range f.series {
		s := &f.series[si]
		var own []seriesCell
		if cells != nil {
			own = cells[base[si] : base[si]+len(s.pos)]
		}
		if f.walkSeries(s, own, sums, periodOf, f.mids) {
			forces++
		}
	}
	cells = nil // 40 bytes a row: let it go before the aggregates
	// The totals were gathered force by force: put them in the order of the
	// figures, by period and then name, as Compute's figures have them.
	byPosition := make([]int, len(f.totals))
	for i := range byPosition {
		byPosition[i] = i
	}
	slices.SortFunc(byPosition, func(a, b int) int { return cmp.Compare(f.totalsAt[a], f.totalsAt[b]) })
	totals := make([]Figure, len(f.totals))
	for i, j := range byPosition {
		totals[i] = f.totals[j]
	}
	f.totals, f.totalsAt = totals, nil
	f.aggregates = make([]Aggregate, len(f.periods))
	for p := range f.periods {
		f.aggregates[p] = sums[p].aggregate(f.periods[p], forces, m)
		f.aggregates[p].Measures = t.Measures
	}
	return f
}

// seriesCell is what walkSeries reads of a row, gathered in series order:
// the parts of its two counts (the table's counts are plain), its period
// and whether it is a total.
type seriesCell struct {
	numLow, numHigh, denLow, denHigh int64
	period                           uint32
	numKind, denKind                 cube.CountKind
	numRounded, denRounded, total    bool
}

// gatherOn is unset only by a test, to read every series from the table
// (TestGatheredSeriesAreTheTable).
var gatherOn = true

// gatherSeries copies what walkSeries needs of every row into one slice,
// each series' rows together in its period order (series si's at
// base[si]); nil when the table's counts carry text, which the copy would
// lose.
//
// Why: the rows of a long file come a period at a time, so one force's
// rows lie a whole period apart; walking a series through the table's
// columns read a new cache line for each of ten columns a row. In wasm
// that walk was most of the view of a 500,000-row file. The copy is made
// in one pass in the order of the rows, writing one stream a series.
func gatherSeries(t *cube.Table, order []int32, series []frameSeries) (cells []seriesCell, base []int) {
	if !gatherOn || !t.PlainCounts() {
		return nil, nil
	}
	base = make([]int, len(series))
	slot := make([]int32, len(order)) // where each position's cell goes
	n := 0
	for si := range series {
		base[si] = n
		for j, k := range series[si].pos {
			slot[k] = int32(n + j)
		}
		n += len(series[si].pos)
	}
	cells = make([]seriesCell, n)
	for k, i := range order {
		yieldEvery(k)
		num, den := t.Counts(int(i))
		d := t.Dims(int(i))
		cells[slot[k]] = seriesCell{numLow: num.Low, numHigh: num.High, denLow: den.Low, denHigh: den.High,
			period: d.Period, numKind: num.Kind, denKind: den.Kind,
			numRounded: num.Rounded, denRounded: den.Rounded, total: d.Total}
	}
	return cells, base
}

// walkSeries works out one force's trend over all its periods, adds its
// figures to their periods' sums and notes its published totals; it reports
// whether the force has a figure that is not a total (and so counts towards
// the forces of the dataset). cells, when not nil, are its rows as
// gatherSeries copied them, read instead of the table.
func (f *Frame) walkSeries(s *frameSeries, cells []seriesCell, sums []aggregateSum, periodOf []int32, mids []float64) bool {
	points := make([]stats.TrendPoint, len(s.pos))
	rates := make([]stats.Rate, len(s.pos))
	periods := make([]uint32, len(s.pos))
	s.firstRated, s.lastRated = -1, -1
	counted := false
	for j, k := range s.pos {
		yieldEvery(j)
		var num, den cube.Count
		var period uint32
		var total bool
		if cells != nil {
			c := &cells[j]
			num = cube.Count{Kind: c.numKind, Low: c.numLow, High: c.numHigh, Rounded: c.numRounded}
			den = cube.Count{Kind: c.denKind, Low: c.denLow, High: c.denHigh, Rounded: c.denRounded}
			period, total = c.period, c.total
		} else {
			i := int(f.order[k])
			num, den = f.t.Counts(i)
			d := f.t.Dims(i)
			period, total = d.Period, d.Total
		}
		periods[j] = period
		rates[j] = stats.RateOf(num, den, f.m)
		points[j] = stats.TrendPoint{T: mids[period], Numerator: num, Denominator: den}
		sums[periodOf[k]].add(total, rates[j])
		counted = counted || !total
		if rates[j].OK() {
			if s.firstRated < 0 {
				s.firstRated = j
			}
			s.lastRated = j
		}
		if total {
			f.totals = append(f.totals, f.figure(k))
			f.totalsAt = append(f.totalsAt, k)
		}
	}
	s.slope = rateSlope(len(s.pos), func(j int) (float64, *cube.Period, *stats.Rate) {
		p := f.t.PeriodOf(periods[j])
		return mids[periods[j]], &p, &rates[j]
	})
	s.chiSquare = stats.ChiSquareTrend(points)
	return counted
}

// midpoints are the midpoints of the table's periods, by id.
func midpoints(t *cube.Table) []float64 {
	out := make([]float64, t.PeriodIDs())
	for id := range out {
		out[id] = t.PeriodOf(uint32(id)).Midpoint()
	}
	return out
}

// orderRows sorts t's rows as Compute always has: by period (periods that
// compare equal are one period), then by the force's display name, then in
// the order of the file. It sorts the distinct periods and names, then
// places the rows by counting, so that half a million rows cost no
// comparison sort of rows.
func orderRows(t *cube.Table) (order []int32, starts []int, periods []cube.Period) {
	n := t.Len()
	// The period ids in order, each given the index of its period; ids that
	// compare equal share one.
	ids := make([]uint32, t.PeriodIDs())
	for i := range ids {
		ids[i] = uint32(i)
	}
	slices.SortStableFunc(ids, func(a, b uint32) int { return t.PeriodOf(a).Compare(t.PeriodOf(b)) })
	class := make([]int32, len(ids))
	classes := 0
	for j, id := range ids {
		if j > 0 && t.PeriodOf(ids[j-1]).Compare(t.PeriodOf(id)) != 0 {
			classes++
		}
		class[id] = int32(classes)
	}
	classes++
	if len(ids) == 0 {
		classes = 0
	}
	// Each row's name by its rank among the distinct display names, then
	// the rows placed by name and, stably, by period: two counting sorts.
	names := displayNames(t)
	rank := names.ranks(n)
	byName := countingOrder(n, len(names.names), func(i int) int { return int(rank[i]) }, nil)
	starts = make([]int, classes+1)
	order = countingOrder(n, classes, func(i int) int { return int(class[t.Dims(i).Period]) }, byName)
	for i := range n {
		starts[class[t.Dims(i).Period]+1]++
	}
	for c := range classes {
		starts[c+1] += starts[c]
	}
	// Drop the periods no row has (the zero Period of an empty dictionary
	// slot), keeping each period as its first row gives it.
	kept := starts[:1]
	for c := range classes {
		if starts[c+1] == starts[c] {
			continue
		}
		periods = append(periods, t.PeriodOf(t.Dims(int(order[starts[c]])).Period))
		kept = append(kept, starts[c+1])
	}
	return order, kept, periods
}

// countingOrder is the indexes 0…n−1 (or those of within, in its order)
// sorted stably by key, keys in [0, keys): a counting sort.
func countingOrder(n, keys int, key func(int) int, within []int32) []int32 {
	next := make([]int, keys+1)
	for i := range n {
		next[key(i)+1]++
	}
	for k := range keys {
		next[k+1] += next[k]
	}
	out := make([]int32, n)
	for j := range n {
		i := j
		if within != nil {
			i = int(within[j])
		}
		k := key(i)
		out[next[k]] = int32(i)
		next[k]++
	}
	return out
}

// ranks is each row's display name by its rank among the distinct ones
// (equal names share a rank).
func (r *rowNames) ranks(n int) []int32 {
	per := make([]nameKey, 0, len(r.names))
	ids := map[nameKey]int32{}
	rowKey := make([]int32, n)
	for i := range n {
		d := r.t.Dims(i)
		k := nameKey{d.Name, d.Force, d.Matched}
		id, ok := ids[k]
		if !ok {
			id = int32(len(per))
			ids[k] = id
			per = append(per, k)
			r.get(d)
		}
		rowKey[i] = id
	}
	sorted := make([]int32, len(per))
	for i := range sorted {
		sorted[i] = int32(i)
	}
	slices.SortFunc(sorted, func(a, b int32) int { return cmp.Compare(r.names[per[a]][0], r.names[per[b]][0]) })
	rankOf := make([]int32, len(per))
	rank := int32(0)
	for j, id := range sorted {
		if j > 0 && r.names[per[sorted[j-1]]][0] != r.names[per[id]][0] {
			rank++
		}
		rankOf[id] = rank
	}
	for i := range rowKey {
		rowKey[i] = rankOf[rowKey[i]]
	}
	return rowKey
}

// rowNames works out a row's display name and key once per distinct name
// and force.
type rowNames struct {
	t     *cube.Table
	names map[nameKey][2]string
}

type nameKey struct {
	name    uint32
	force   uint16
	matched bool
}

func displayNames(t *cube.Table) *rowNames {
	return &rowNames{t: t, names: map[nameKey][2]string{}}
}

func (r *rowNames) get(d cube.Dims) [2]string {
	k := nameKey{d.Name, d.Force, d.Matched}
	v, ok := r.names[k]
	if !ok {
		f := Figure{Force: r.t.ForceOf(d.Force), Matched: d.Matched, ForceName: r.t.NameOf(d.Name)}
		v = [2]string{f.DisplayName(), f.Key()}
		r.names[k] = v
	}
	return v
}

func (r *rowNames) of(d cube.Dims) string  { return r.get(d)[0] }
func (r *rowNames) key(d cube.Dims) string { return r.get(d)[1] }

// seriesOf groups the ordered rows by force, each in period order; the
// series are in the order of their first figure, then sorted stably by
// name, as Compute's trends always were.
func seriesOf(t *cube.Table, order []int32) []frameSeries {
	names := displayNames(t)
	index := map[string]int{}
	var out []frameSeries
	for k, i := range order {
		d := t.Dims(int(i))
		key := names.key(d)
		s, ok := index[key]
		if !ok {
			s = len(out)
			index[key] = s
			out = append(out, frameSeries{key: key, name: names.of(d)})
		}
		out[s].pos = append(out[s].pos, int32(k))
	}
	slices.SortStableFunc(out, func(a, b frameSeries) int { return cmp.Compare(a.name, b.name) })
	return out
}

// Periods are the frame's periods, in order.
func (f *Frame) Periods() []cube.Period { return f.periods }

// figure is the figure at position k of the order, unassessed.
func (f *Frame) figure(k int32) Figure {
	row := f.t.Row(int(f.order[k]))
	return Figure{
		Force: row.Force, Matched: row.Matched, Total: row.Total, ForceName: row.ForceName,
		Period: row.Period, Rate: stats.RateOf(row.Numerator, row.Denominator, f.m), PairedWith: pairedWith(row), Mismatch: row.Mismatch,
		DenominatorPeriod: row.DenominatorPeriod,
	}
}

// Results are the statistics of the periods from (an index into Periods) up
// to to, exclusive: their figures, funnels, comparisons, ranks (of the
// latest MaxRankedPeriods periods of the frame) and recent trends, each
// exactly as over the whole table. The periods, the all-forces figures and
// each force's trend over time cover every period; each trend's figures are
// those of the span, and its changes start from the figure just before it.
func (f *Frame) Results(from, to int) Results {
	res := Results{Method: f.m, Periods: f.periods, Measures: f.t.Measures, From: from,
		FigureCount: f.t.Len(), Totals: f.totals}
	res.Aggregates = slices.Clone(f.aggregates)
	lo, hi := f.starts[from], f.starts[to]
	res.Figures = make([]Figure, hi-lo)
	for k := lo; k < hi; k++ {
		yieldEvery(k)
		res.Figures[k-lo] = f.figure(int32(k))
	}
	res.Funnels = make([]Funnel, 0, to-from)
	for p := from; p < to; p++ {
		yieldEvery(p)
		funnel := assessPeriod(res.Figures[f.starts[p]-lo:f.starts[p+1]-lo], res.Aggregates[p], p >= len(f.periods)-MaxRankedPeriods)
		funnel.Measures = f.t.Measures
		res.Funnels = append(res.Funnels, funnel)
	}
	f.assessAggregates(res.Aggregates, from, to)
	res.Trends = make([]Trend, 0, len(f.series))
	for si := range f.series {
		res.Trends = append(res.Trends, f.trend(&f.series[si], res.Figures, lo, hi))
	}
	return res
}

// trend is one force's Trend for the span of positions [lo, hi), its
// figures assessed for their recent trends.
func (f *Frame) trend(s *frameSeries, figures []Figure, lo, hi int) Trend {
	i0, _ := slices.BinarySearch(s.pos, int32(lo))
	i1, _ := slices.BinarySearch(s.pos, int32(hi))
	first := f.t.Row(int(f.order[s.pos[0]]))
	tr := Trend{Key: s.key, Name: s.name, Force: first.Force, Matched: first.Matched, ForceName: first.ForceName,
		Slope: s.slope, ChiSquare: s.chiSquare, Figures: make([]*Figure, 0, i1-i0)}
	for _, k := range s.pos[i0:i1] {
		tr.Figures = append(tr.Figures, &figures[int(k)-lo])
	}
	// Each figure's recent trend, its window reaching back before the span.
	back := f.usableBefore(s.pos, i0)
	points := make([]stats.TrendPoint, 0, i1-back)
	for j := back; j < i1; j++ {
		fig := f.pointFigure(s.pos[j], figures, lo, hi)
		points = append(points, f.trendPoint(s.pos[j], fig))
	}
	recent, tests := trendsAlongFrom(points, i0-back, f.m)
	for j, fig := range tr.Figures {
		fig.Assessment.Recent, fig.Assessment.ChiSquare = recent[j], tests[j]
	}
	// The change into the span starts from the figure just before it.
	changes := tr.Figures
	if i0 > 0 && i0 < i1 {
		prev := f.figure(s.pos[i0-1])
		changes = append([]*Figure{&prev}, tr.Figures...)
	}
	tr.YearOnYear = YearOnYear(changes)
	tr.Ends = f.ends(s, figures, lo, hi)
	return tr
}

// trendPoint is fig, the figure at position k, as a point of a trend, its
// period's midpoint worked out once for the frame.
func (f *Frame) trendPoint(k int32, fig *Figure) stats.TrendPoint {
	t := f.mids[f.t.Dims(int(f.order[k])).Period]
	return stats.TrendPoint{T: t, Numerator: fig.Rate.Numerator, Denominator: fig.Rate.Denominator}
}

// usableBefore is the index in pos from which the windows of the recent
// trends at pos[i0:] are complete: RecentPoints figures with a rate before
// i0, or the start of the series.
func (f *Frame) usableBefore(pos []int32, i0 int) int {
	found := 0
	j := i0
	for j > 0 && found < stats.RecentPoints {
		j--
		if stats.UsableCounts(f.t.Counts(int(f.order[pos[j]]))) {
			found++
		}
	}
	return j
}

// pointFigure is the figure at position k: the span's own, or one made for
// the moment.
func (f *Frame) pointFigure(k int32, figures []Figure, lo, hi int) *Figure {
	if int(k) >= lo && int(k) < hi {
		return &figures[int(k)-lo]
	}
	fig := f.figure(k)
	return &fig
}

// ends are the series' first and last figures with a rate and its last
// figure, with that one's recent trend, for the words about the series.
func (f *Frame) ends(s *frameSeries, figures []Figure, lo, hi int) SeriesEnds {
	var e SeriesEnds
	if s.firstRated >= 0 {
		e.FirstRated = f.pointFigure(s.pos[s.firstRated], figures, lo, hi)
		e.LastRated = e.FirstRated
		if s.lastRated != s.firstRated {
			e.LastRated = f.pointFigure(s.pos[s.lastRated], figures, lo, hi)
		}
	}
	last := len(s.pos) - 1
	if k := s.pos[last]; int(k) >= lo && int(k) < hi {
		e.Last = &figures[int(k)-lo]
		return e
	}
	// The force's last figure is before the span: its recent trend is
	// worked out here.
	back := f.usableBefore(s.pos, last)
	points := make([]stats.TrendPoint, 0, len(s.pos)-back)
	var fig *Figure
	for j := back; j <= last; j++ {
		fig = f.pointFigure(s.pos[j], figures, lo, hi)
		points = append(points, f.trendPoint(s.pos[j], fig))
	}
	recent, tests := trendsAlongFrom(points, last-back, f.m)
	fig.Assessment.Recent, fig.Assessment.ChiSquare = recent[0], tests[0]
	e.Last = fig
	return e
}

// assessAggregates fills the recent trend of the all-forces figures of the
// periods [from, to), each over the all-forces series up to it.
func (f *Frame) assessAggregates(aggs []Aggregate, from, to int) {
	points := make([]stats.TrendPoint, len(aggs))
	for i, a := range aggs {
		points[i] = trendPoint(a.Period, a.Rate)
		if a.Thin() {
			// Too few forces to stand for all: not a point of the
			// all-forces trend.
			points[i] = stats.TrendPoint{T: a.Period.Midpoint()}
		}
	}
	back := from
	for found := 0; back > 0 && found < stats.RecentPoints; {
		back--
		if stats.UsableCounts(points[back].Numerator, points[back].Denominator) {
			found++
		}
	}
	recent, tests := trendsAlongFrom(points[back:to], from-back, f.m)
	for i := from; i < to; i++ {
		aggs[i].Assessment.Recent, aggs[i].Assessment.ChiSquare = recent[i-from], tests[i-from]
	}
}

// SeriesEnds are what the words about a series need of its figures beyond
// the ones shown: the first and the last with a rate (nil when none has
// one) and the last of all, with its recent trend.
type SeriesEnds struct {
	FirstRated, LastRated, Last *Figure
}

// EndsOf are the ends of a whole series.
func EndsOf(figs []*Figure) SeriesEnds {
	var e SeriesEnds
	for _, f := range figs {
		if f.Rate.OK() {
			if e.FirstRated == nil {
				e.FirstRated = f
			}
			e.LastRated = f
		}
	}
	if len(figs) > 0 {
		e.Last = figs[len(figs)-1]
	}
	return e
}

// Method is the interval method of the frame's rates.
func (f *Frame) Method() stats.Method { return f.m }

// Measures name the frame's numerator and denominator (cube.Table.Measures).
func (f *Frame) Measures() [2]string { return f.t.Measures }

// FigureCount is the number of figures over every period: one a row.
func (f *Frame) FigureCount() int { return len(f.order) }

// Spans cut the periods into consecutive spans [from, to) of about rows
// figures each (a period is never cut), for writing results a span at a
// time.
func (f *Frame) Spans(rows int) [][2]int {
	var out [][2]int
	for from := 0; from < len(f.periods); {
		to := from + 1
		for to < len(f.periods) && f.starts[to+1]-f.starts[from] <= rows {
			to++
		}
		out = append(out, [2]int{from, to})
		from = to
	}
	return out
}

// Aggregates are the all-forces figures of every period, each with its
// recent trend.
func (f *Frame) Aggregates() []Aggregate {
	aggs := slices.Clone(f.aggregates)
	f.assessAggregates(aggs, 0, len(aggs))
	return aggs
}
