package stats

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// regionForces are the forces of each region of England, and of Wales, as
// the Home Office groups them in its police workforce tables. A row named
// for a region is a subtotal: kept under its name, never summed into the
// all-forces figure, and checked against the sum of its forces.
var regionForces = map[string][]string{
	"north east":               {"E23000013", "E23000008", "E23000007"},
	"north west":               {"E23000006", "E23000002", "E23000005", "E23000003", "E23000004"},
	"yorkshire and the humber": {"E23000012", "E23000009", "E23000011", "E23000010"},
	"east midlands":            {"E23000018", "E23000021", "E23000020", "E23000022", "E23000019"},
	"west midlands":            {"E23000015", "E23000017", "E23000016", "E23000014"},
	"east of england":          {"E23000026", "E23000023", "E23000028", "E23000027", "E23000024", "E23000025"},
	"london":                   {"E23000034", "E23000001"},
	"south east":               {"E23000030", "E23000032", "E23000031", "E23000033", "E23000029"},
	"south west":               {"E23000036", "E23000035", "E23000039", "E23000037", "E23000038"},
	"wales":                    {"W15000001", "W15000002", "W15000003", "W15000004"},
}

// regionAliases are other spellings of the regions.
var regionAliases = map[string]string{
	"yorkshire and humber": "yorkshire and the humber",
	"yorkshire humber":     "yorkshire and the humber",
	"eastern":              "east of england",
	"east":                 "east of england",
}

// regionOf returns the canonical region a name stands for, if any.
func regionOf(name string) (string, bool) {
	n := normaliseForceName(name)
	if alias, ok := regionAliases[n]; ok {
		n = alias
	}
	_, ok := regionForces[n]
	return n, ok
}

// allForcesTotals are names of totals over every force of England and Wales.
var allForcesTotals = []string{"total", "totals", "grand total", "all forces", "national total",
	"england and wales", "total 43 forces", "43 forces", "england and wales total"}

// markRegions finds the rows that are regions, after the rows are read: a
// region name ("North East", "Eastern") is a subtotal. "West Midlands" and
// "London" are regions only when the table has other regions: then a second
// "West Midlands" row of a period, the larger, is the region (a region counts
// at least as many as any of its forces), and "London" is the Met and the City
// together; so it is too when the Met or the City has rows of its own. Alone,
// "London" is MAPPA's combined area, counted once.
func (t *reader) markRegions() {
	hasRegions, hasMetOrCity := false, false
	for _, r := range t.Rows {
		if r.Matched {
			// A force's own name is never a region (regionOf is costly
			// over a large file, and a matched row is never marked).
		} else if name, ok := regionOf(r.ForceName); ok && name != "london" && name != "wales" {
			hasRegions = true
		}
		if r.Matched && (r.Force.Code == "E23000001" || r.Force.Code == "E23000034") {
			hasMetOrCity = true
		}
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Matched {
			continue
		}
		name, ok := regionOf(r.ForceName)
		if !ok {
			continue
		}
		if name == "london" && !hasRegions && !hasMetOrCity {
			t.note(r.Line, t.forceColumn(), Info, "combined-area", fmt.Sprintf(
				"%q is taken as the Metropolitan Police and the City of London Police together (as MAPPA reports them): "+
					"kept as one area, never as the Met alone", shorten(r.ForceName, 80)))
			continue
		}
		if !r.Total {
			r.Total = true
			t.note(r.Line, t.forceColumn(), Info, "region-row", fmt.Sprintf(
				"%q is a region: it is shown under that name, kept out of the all-forces figure and checked against its forces", shorten(r.ForceName, 80)))
		}
	}
	t.checkRegionTotals()
}

// forceColumn is the 1-based column of force names, for issues about a row.
func (t *reader) forceColumn() int { return max(1, t.Columns.Force+1) }

// splitWestMidlands is called for a second "West Midlands" row of a period
// when the table has regions: of the two, the larger is the region.
func (t *reader) splitWestMidlands(first *Row, second Row) (region Row) {
	a, _, _ := first.Numerator.Bounds()
	b, _, _ := second.Numerator.Bounds()
	if first.Numerator.Kind == CountNotGiven {
		a, _, _ = first.Denominator.Bounds()
		b, _, _ = second.Denominator.Bounds()
	}
	if a > b {
		*first, second = second, *first
	}
	second.Matched, second.Force, second.Total = false, Force{}, true
	second.ForceName = "West Midlands (region)"
	t.note(second.Line, t.forceColumn(), Info, "region-row",
		"\"West Midlands\" appears twice in this period: the larger row is taken as the region, the other as the force")
	return second
}

// checkRegionTotals compares each published subtotal and total with the sum
// of its forces in the same period, when every one of them is there with an
// exact count, and reports a difference.
func (t *reader) checkRegionTotals() {
	type key struct{ code, period string }
	// Indexes, not rows: a row is large, and a large file has many.
	// Most files have no totals: build nothing for them.
	if !slices.ContainsFunc(t.Rows, func(r Row) bool { return r.Total }) {
		return
	}
	byForce := map[key]int{}
	for i, r := range t.Rows {
		if r.Matched {
			byForce[key{r.Force.Code, r.Period.Label}] = i
		}
	}
	for _, r := range t.Rows {
		if !r.Total {
			continue
		}
		members := membersOf(r.ForceName)
		if members == nil {
			continue
		}
		for _, m := range []struct {
			name  string
			count func(Row) Count
		}{{"numerator", func(r Row) Count { return r.Numerator }}, {"denominator", func(r Row) Count { return r.Denominator }}} {
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
				var f Row
				if found {
					f = t.Rows[at]
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
				t.note(r.Line, t.forceColumn(), Warning, "total-differs", fmt.Sprintf(
					"the published %s for %s, %s, is %d, but its %d forces add up to %d",
					m.name, r.ForceName, r.Period.Label, published, len(members), sum))
			}
		}
	}
}

func roundingSlack(c Count) float64 {
	if c.Rounded {
		return 0.5
	}
	return 0
}

// membersOf returns the codes of the forces a total or region covers.
func membersOf(name string) []string {
	if region, ok := regionOf(strings.TrimSuffix(name, " (region)")); ok {
		return regionForces[region]
	}
	if slices.Contains(allForcesTotals, normaliseForceName(name)) {
		var codes []string
		for _, f := range Forces() {
			if f.IsTerritorial() {
				codes = append(codes, f.Code)
			}
		}
		return codes
	}
	return nil
}
