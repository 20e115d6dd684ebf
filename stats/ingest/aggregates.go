package ingest

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// A table's totals are not always spelled as totals: "NE forces", "E&W",
// a region written as the table's author abbreviates it. Counted as a force,
// such a row doubled or tripled the all-forces figure and entered the funnel
// and the ranks. So a row that names no force is also judged by arithmetic:
// when its figures are the sums of the forces just above it, just below it,
// or of every force of its period, it is their total, whatever it is called.

// minParts is the fewest rows a total by arithmetic adds up: one row equal
// to another is a repeat, not a total.
const minParts = 2

// findTotalsBySum marks the rows that match no force and are not already
// known as totals, when their figures are sums of other rows of the same
// period, and says so with the arithmetic. Rows are taken in file order, so
// that a subtotal found is no longer a part of the rows around it.
func (t *reader) findTotalsBySum() {
	if !t.AnyRow(func(r cube.Row) bool { return !r.Matched && !r.Total }) {
		return
	}
	judged := map[int]bool{} // lines of rows found to be totals
	defer func() {
		if len(judged) == 0 {
			return
		}
		// Their earlier "matches no police force" says the row was kept
		// as a force: no longer true.
		t.Issues = slices.DeleteFunc(t.Issues, func(is cube.Issue) bool { return is.Code == "unmatched-force" && judged[is.Line] })
	}()
	byPeriod := map[string][]int{}
	var order []string
	for i, r := range t.All() {
		if _, ok := byPeriod[r.Period.Label]; !ok {
			order = append(order, r.Period.Label)
		}
		byPeriod[r.Period.Label] = append(byPeriod[r.Period.Label], i)
	}
	for _, p := range order {
		idx := byPeriod[p]
		rows := make([]cube.Row, len(idx))
		for j, i := range idx {
			rows[j] = t.Row(i)
		}
		for j := range rows {
			u := &rows[j]
			if u.Matched || u.Total {
				continue
			}
			parts, where := partsOf(rows, j)
			if parts == nil {
				continue
			}
			u.Total = true
			t.SetRow(idx[j], *u)
			judged[u.Line] = true
			t.Note(u.Line, t.forceColumn(), cube.Warning, "total-by-sum", fmt.Sprintf(
				"%q matches no force, and its figures are the sums of %s in %s (%s%s): it was taken as their total, shown under its own name and kept out of the all-forces figure. If it is a force, name it as the force table does",
				words.Shorten(u.ForceName, 80), where, u.Period.Label, sumWords(rows, parts, *u), regionWords(rows, parts)))
		}
	}
}

// partsOf finds the rows of a period whose sums are row j's figures: the
// forces just above it, just below it, or every force of the period, in that
// order. where says which, in words.
func partsOf(rows []cube.Row, j int) ([]int, string) {
	isForce := func(r cube.Row) bool { return !r.Total && r.Matched }
	var above, below, all []int
	for k := j - 1; k >= 0 && isForce(rows[k]); k-- {
		above = append([]int{k}, above...)
	}
	for k := j + 1; k < len(rows) && isForce(rows[k]); k++ {
		below = append(below, k)
	}
	for k := range rows {
		if k != j && isForce(rows[k]) {
			all = append(all, k)
		}
	}
	for _, c := range []struct {
		parts []int
		where string
	}{{above, "the %d forces above it"}, {below, "the %d forces below it"}, {all, "all %d forces"}} {
		if len(c.parts) >= minParts && sumsTo(rows, c.parts, rows[j]) {
			return c.parts, fmt.Sprintf(c.where, len(c.parts))
		}
	}
	return nil, ""
}

// sumsTo says whether the parts add up to u's figures: every measure u gives
// exactly is the exact sum of the parts' (within the rounding of counts
// rounded from decimals), and at least one of them is not 0 (0 is the sum of
// any zeros).
func sumsTo(rows []cube.Row, parts []int, u cube.Row) bool {
	checked, nonZero := 0, false
	for _, m := range []func(cube.Row) cube.Count{
		func(r cube.Row) cube.Count { return r.Numerator },
		func(r cube.Row) cube.Count { return r.Denominator },
	} {
		if m(u).Kind == cube.CountNotGiven {
			continue
		}
		want, ok := m(u).Value()
		if !ok {
			return false
		}
		var sum int64
		slack := roundingSlack(m(u))
		for _, k := range parts {
			v, ok := m(rows[k]).Value()
			if !ok {
				return false
			}
			sum += v
			slack += roundingSlack(m(rows[k]))
		}
		if math.Abs(float64(sum-want)) > slack {
			return false
		}
		checked++
		nonZero = nonZero || want != 0
	}
	return checked > 0 && nonZero
}

// sumWords is the arithmetic, for the note: "10 + 5 + 20 = 35 and 120 + 80
// + 300 = 500", with the parts' names when there are few.
func sumWords(rows []cube.Row, parts []int, u cube.Row) string {
	var out []string
	for _, m := range []func(cube.Row) cube.Count{
		func(r cube.Row) cube.Count { return r.Numerator },
		func(r cube.Row) cube.Count { return r.Denominator },
	} {
		want, ok := m(u).Value()
		if !ok {
			continue
		}
		if len(parts) > 6 {
			out = append(out, fmt.Sprintf("their sum is %d", want))
			continue
		}
		terms := make([]string, len(parts))
		for i, k := range parts {
			v, _ := m(rows[k]).Value()
			terms[i] = fmt.Sprint(v)
		}
		out = append(out, strings.Join(terms, " + ")+fmt.Sprintf(" = %d", want))
	}
	names := make([]string, 0, len(parts))
	for _, k := range parts[:min(len(parts), 6)] {
		names = append(names, rows[k].Force.ShortName)
	}
	if len(parts) > 6 {
		names = append(names, "…")
	}
	return strings.Join(names, ", ") + ": " + strings.Join(out, "; ")
}

// regionWords says when the parts are exactly the forces of one region, as
// the known geography confirms the total.
func regionWords(rows []cube.Row, parts []int) string {
	codes := map[string]bool{}
	for _, k := range parts {
		codes[rows[k].Force.Code] = true
	}
	for _, region := range police.Regions() {
		members := police.MembersOf(region)
		if len(members) != len(codes) {
			continue
		}
		every := true
		for _, m := range members {
			every = every && codes[m]
		}
		if every {
			return "; they are the forces of " + police.RegionName(region)
		}
	}
	return ""
}
