package ingest

import (
	"fmt"
	"math"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// markRegions finds the rows that are regions, after the rows are read: a
// region name ("North East", "Eastern") is a subtotal. "West Midlands" and
// "London" are regions only when the table has other regions: then a second
// "West Midlands" row of a period, the larger, is the region (a region counts
// at least as many as any of its forces), and "London" is the Met and the City
// together; so it is too when the Met or the City has rows of its own. Alone,
// "London" is MAPPA's combined area, counted once.
func (t *reader) markRegions() {
	hasRegions, hasMetOrCity := false, false
	for i := range t.Len() {
		d := t.Dims(i)
		if !d.Matched {
			// A force's own name is never a region (regionOf is costly
			// over a large file, and a matched row is never marked).
			if name, ok := police.RegionOf(t.NameOf(d.Name)); ok && name != "london" && name != "wales" {
				hasRegions = true
			}
		} else if code := t.ForceOf(d.Force).Code; code == "E23000001" || code == "E23000034" {
			hasMetOrCity = true
		}
	}
	for i := range t.Len() {
		if t.Dims(i).Matched {
			continue
		}
		row := t.RowNumbers(i)
		r := &row
		name, ok := police.RegionOf(r.ForceName)
		if !ok {
			continue
		}
		if name == "london" && !hasRegions && !hasMetOrCity {
			t.Note(r.Line, t.forceColumn(), cube.Info, "combined-area", fmt.Sprintf(
				"%q is taken as the Metropolitan Police and the City of London Police together (as MAPPA reports them): "+
					"kept as one area, never as the Met alone", words.Shorten(r.ForceName, 80)))
			continue
		}
		if !r.Total {
			r.Total = true
			t.SetRow(i, row)
			t.Note(r.Line, t.forceColumn(), cube.Info, "region-row", fmt.Sprintf(
				"%q is a region: it is shown under that name, kept out of the all-forces figure and checked against its forces", words.Shorten(r.ForceName, 80)))
		}
	}
	t.findTotalsBySum()
	t.checkRegionTotals()
}

// forceColumn is the 1-based column of force names, for issues about a row.
func (t *reader) forceColumn() int { return max(1, t.Columns.Force+1) }

// splitWestMidlands is called for a second "West Midlands" row of a period
// when the table has regions: of the two, the larger is the region. The
// region's line is noted once, whatever number of periods it holds (noted).
func (t *reader) splitWestMidlands(first *cube.Row, second cube.Row, noted map[int]bool) (region cube.Row) {
	a, _, _ := first.Numerator.Bounds()
	b, _, _ := second.Numerator.Bounds()
	if first.Numerator.Kind == cube.CountNotGiven {
		a, _, _ = first.Denominator.Bounds()
		b, _, _ = second.Denominator.Bounds()
	}
	if a > b {
		*first, second = second, *first
	}
	second.Matched, second.Force, second.Total = false, police.Force{}, true
	second.ForceName = "West Midlands (region)"
	if !noted[second.Line] {
		noted[second.Line] = true
		t.Note(second.Line, t.forceColumn(), cube.Info, "region-row",
			"\"West Midlands\" appears twice in this period: the larger row is taken as the region, the other as the force")
	}
	return second
}

// checkRegionTotals compares each published subtotal and total with the sum
// of its forces in the same period, when every one of them is there with an
// exact count, and reports a difference.
func (t *reader) checkRegionTotals() {
	type key struct{ code, period string }
	// Indexes, not rows: a row is large, and a large file has many.
	// Most files have no totals: build nothing for them.
	if !t.AnyDims(func(d cube.Dims) bool { return d.Total }) {
		return
	}
	byForce := map[key]int{}
	for i, r := range t.AllNumbers() {
		if r.Matched {
			byForce[key{r.Force.Code, r.Period.Label}] = i
		}
	}
	for _, r := range t.AllNumbers() {
		if !r.Total {
			continue
		}
		members := police.MembersOf(r.ForceName)
		if members == nil {
			continue
		}
		for _, m := range []struct {
			name  string
			count func(cube.Row) cube.Count
		}{{"numerator", func(r cube.Row) cube.Count { return r.Numerator }}, {"denominator", func(r cube.Row) cube.Count { return r.Denominator }}} {
			published, ok := m.count(r).Value()
			if !ok {
				continue
			}
			var sum int64
			complete := true
			// Counts rounded from decimals may each be off by ½, and so
			// may their sum: differences within that are rounding.
			slack := roundingSlack(m.count(r))
			for _, code := range members {
				at, found := byForce[key{code, r.Period.Label}]
				var f cube.Row
				if found {
					f = t.RowNumbers(at)
				}
				v, exact := m.count(f).Value()
				if !found || !exact {
					complete = false
					break
				}
				sum += v
				slack += roundingSlack(m.count(f))
			}
			if complete && math.Abs(float64(sum-published)) > slack {
				t.Note(r.Line, t.forceColumn(), cube.Warning, "total-differs", fmt.Sprintf(
					"the published %s for %s, %s, is %d, but its %d forces add up to %d",
					m.name, r.ForceName, r.Period.Label, published, len(members), sum))
			}
		}
	}
}

func roundingSlack(c cube.Count) float64 {
	if c.Rounded {
		return 0.5
	}
	return 0
}
