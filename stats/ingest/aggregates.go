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
	if !t.AnyDims(func(d cube.Dims) bool { return !d.Matched && !d.Total }) {
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
	for i, r := range t.AllNumbers() {
		if _, ok := byPeriod[r.Period.Label]; !ok {
			order = append(order, r.Period.Label)
		}
		byPeriod[r.Period.Label] = append(byPeriod[r.Period.Label], i)
	}
	for _, p := range order {
		idx := byPeriod[p]
		rows := make([]cube.Row, len(idx))
		for j, i := range idx {
			rows[j] = t.RowNumbers(i)
		}
		sums := newRunSums(rows)
		for j := range rows {
			u := &rows[j]
			if u.Matched || u.Total {
				continue
			}
			from, to, where := sums.partsOf(j)
			if from < 0 {
				continue
			}
			parts := sums.forcesIn(from, to)
			u.Total = true
			t.SetRow(idx[j], *u)
			judged[u.Line] = true
			t.Note(u.Line, t.forceColumn(), cube.Warning, "total-by-sum", fmt.Sprintf(
				"%q matches no force, and its figures are the sums of %s in %s (%s%s): it was taken as their total, shown under its own name and kept out of the all-forces figure. If it is a force, name it as the force table does",
				words.Shorten(u.ForceName, 80), where, u.Period.Label, sumWords(rows, parts, *u), regionWords(rows, parts)))
		}
	}
}

// runSums are the sums of a period's force rows from its first row to each
// row, so that the sum of any rows is two lookups: a file of 100,000 names
// that match no force, in one period, is judged in time proportional to its
// rows, not to their square.
type runSums struct {
	rows    []cube.Row
	isForce []bool
	// sum, inexact and slack are prefix sums over rows [0, i) of the
	// forces' exact values, of the forces without one, and of their
	// rounding slack, for the numerator [0] and the denominator [1].
	sum     [2][]int64
	inexact [2][]int
	slack   [2][]float64
	forces  []int // prefix count of force rows
}

func newRunSums(rows []cube.Row) *runSums {
	n := len(rows)
	s := &runSums{rows: rows, isForce: make([]bool, n), forces: make([]int, n+1)}
	for m := range 2 {
		s.sum[m], s.inexact[m], s.slack[m] = make([]int64, n+1), make([]int, n+1), make([]float64, n+1)
	}
	for i, r := range rows {
		s.isForce[i] = r.Matched && !r.Total
		s.forces[i+1] = s.forces[i]
		for m, c := range [2]cube.Count{r.Numerator, r.Denominator} {
			s.sum[m][i+1], s.inexact[m][i+1], s.slack[m][i+1] = s.sum[m][i], s.inexact[m][i], s.slack[m][i]
			if !s.isForce[i] {
				continue
			}
			if v, ok := c.Value(); ok {
				s.sum[m][i+1] += v
				s.slack[m][i+1] += roundingSlack(c)
			} else {
				s.inexact[m][i+1]++
			}
		}
		if s.isForce[i] {
			s.forces[i+1]++
		}
	}
	return s
}

// partsOf finds the rows whose sums are row j's figures: the run of forces
// just above it, just below it, or every force of the period, in that
// order; from and to bound them (to exclusive; the "every force" range may
// hold other rows, which are not added). from is -1 when none sums to it.
func (s *runSums) partsOf(j int) (from, to int, where string) {
	above := j
	for above > 0 && s.isForce[above-1] {
		above--
	}
	below := j + 1
	for below < len(s.rows) && s.isForce[below] {
		below++
	}
	for _, c := range []struct {
		from, to int
		where    string
	}{{above, j, "the %d forces above it"}, {j + 1, below, "the %d forces below it"}, {0, len(s.rows), "all %d forces"}} {
		if n := s.forces[c.to] - s.forces[c.from]; n >= minParts && s.sumsTo(c.from, c.to, s.rows[j]) {
			return c.from, c.to, fmt.Sprintf(c.where, n)
		}
	}
	return -1, -1, ""
}

// sumsTo says whether the forces of rows [from, to) add up to u's figures:
// every measure u gives exactly is the exact sum of the parts' (within the
// rounding of counts rounded from decimals), and at least one of them is not
// 0 (0 is the sum of any zeros).
func (s *runSums) sumsTo(from, to int, u cube.Row) bool {
	checked, nonZero := 0, false
	for m, c := range [2]cube.Count{u.Numerator, u.Denominator} {
		if c.Kind == cube.CountNotGiven {
			continue
		}
		want, ok := c.Value()
		if !ok || s.inexact[m][to]-s.inexact[m][from] > 0 {
			return false
		}
		sum := s.sum[m][to] - s.sum[m][from]
		slack := roundingSlack(c) + s.slack[m][to] - s.slack[m][from]
		if math.Abs(float64(sum-want)) > slack {
			return false
		}
		checked++
		nonZero = nonZero || want != 0
	}
	return checked > 0 && nonZero
}

// forcesIn are the indexes of the force rows in [from, to).
func (s *runSums) forcesIn(from, to int) []int {
	var out []int
	for k := from; k < to; k++ {
		if s.isForce[k] {
			out = append(out, k)
		}
	}
	return out
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
