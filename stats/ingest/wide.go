package ingest

import (
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// wideLayout is a table with a column per period ("04/05" … "19/20",
// "2015", "March 2019") and a row per force, or the other way round: a row
// per period and a column per force. Either is read as long rows.
type wideLayout struct {
	header       int       // index of the header record
	labelCol     int       // the column naming each row: a force, or a period when forcesAcross
	valueCols    []int     // the columns of values: one per period, or one per force
	totalCol     int       // a "Total" column, -1 if none
	forcesAcross bool      // columns are forces, rows are periods
	role         cube.Role // what the values are: RoleNumerator or RoleDenominator
	roleReason   string
	roleGuessed  bool // nothing in the file said which the values are
}

// wideMinColumns is the fewest period (or force) columns that make a table
// wide; one would be a long table with an odd header.
const wideMinColumns = 2

// findWide looks for a wide header among the first rows.
func findWide(records [][]string, file string) (wideLayout, bool) {
	for i, rec := range records[:min(len(records), headerSearchRows)] {
		if w, ok := widePeriods(rec); ok {
			w.header = i
			w.role, w.roleReason, w.roleGuessed = wideRole(records[:i+1], file)
			return w, true
		}
		if w, ok := wideForces(rec); ok {
			w.header = i
			w.role, w.roleReason, w.roleGuessed = wideRole(records[:i+1], file)
			return w, true
		}
	}
	return wideLayout{}, false
}

// widePeriods recognises a header of a label column followed by period
// columns, and perhaps a Total column.
func widePeriods(rec []string) (wideLayout, bool) {
	w := wideLayout{labelCol: -1, totalCol: -1}
	for i, h := range rec {
		h = strings.TrimSpace(h)
		switch {
		case isTotalHeader(h):
			w.totalCol = i
		case h == "":
			continue
		default:
			if _, err := cube.ParsePeriod(h); err == nil {
				w.valueCols = append(w.valueCols, i)
			} else if w.labelCol < 0 {
				w.labelCol = i
			}
		}
	}
	if w.labelCol < 0 && len(rec) > 0 && strings.TrimSpace(rec[0]) == "" {
		w.labelCol = 0 // an unnamed first column of force names
	}
	return w, w.labelCol >= 0 && len(w.valueCols) >= wideMinColumns && w.labelCol < w.valueCols[0] &&
		looksLikeHeader(rec, w.labelCol, len(w.valueCols))
}

// looksLikeHeader keeps a row of data from passing for a header: a row whose
// label is a force, or a number, is data ("Kent, 2003, 1998" has cells that
// read as years), and so is a row where periods are not most of the cells.
func looksLikeHeader(rec []string, labelCol, periods int) bool {
	label := strings.TrimSpace(cell(rec, labelCol))
	if _, ok := police.MatchForce(label); ok {
		return false
	}
	if c := cube.ParseCount(label); c.Kind == cube.CountExact {
		return false
	}
	return periods*2 >= usedWidth(rec)-1
}

// wideForces recognises a header of a period column followed by a column
// per force, as in a table of population by force and year.
func wideForces(rec []string) (wideLayout, bool) {
	w := wideLayout{labelCol: -1, totalCol: -1, forcesAcross: true}
	for i, h := range rec {
		switch {
		case HeaderRole(h) == cube.RolePeriod && w.labelCol < 0:
			w.labelCol = i
		case isTotalHeader(h):
			w.totalCol = i
		default:
			if _, ok := police.MatchForce(h); ok {
				w.valueCols = append(w.valueCols, i)
			}
		}
	}
	return w, w.labelCol >= 0 && len(w.valueCols) >= wideMinColumns
}

func isTotalHeader(h string) bool {
	switch normaliseHeader(h) {
	case "total", "totals", "alltotal", "grandtotal", "all":
		return true
	}
	return false
}

// Words that say what a wide table's values are, looked for in its title
// rows, its header and its file name.
var (
	numeratorWords   = []string{"missing", "whereabouts", "wanted"}
	denominatorWords = []string{"registered", "population", "rsos", "fte", "full time equivalent", "workforce", "headcount"}
)

// wideRole decides whether a wide table's values are numerators or
// denominators from the words above its values and in its file name.
// Without such a word they are taken as numerators (counts of events), and
// the reader says so.
func wideRole(above [][]string, file string) (cube.Role, string, bool) {
	var text strings.Builder
	for _, rec := range above {
		text.WriteString(strings.Join(rec, " ") + " ")
	}
	text.WriteString(strings.NewReplacer("-", " ", "_", " ").Replace(path.Base(file)))
	s := strings.ToLower(text.String())
	num, den := containsAny(s, numeratorWords), containsAny(s, denominatorWords)
	switch {
	case den != "" && num == "":
		return cube.RoleDenominator, fmt.Sprintf("the values were taken as the denominator, because the file says %q", den), false
	case num != "" && den == "":
		return cube.RoleNumerator, fmt.Sprintf("the values were taken as the numerator, because the file says %q", num), false
	}
	return cube.RoleNumerator, "the values were taken as the numerator (counts to be divided), as nothing in the title, header or file name says otherwise: say in the page whether they are numerators or denominators", true
}

func containsAny(s string, words []string) string {
	for _, w := range words {
		if strings.Contains(s, w) {
			return w
		}
	}
	return ""
}

// readWide reads a wide table into long rows: one per force per period, each
// value's issues pointing at its own line and column.
func readWide(file string, src source, w wideLayout) (*cube.Table, error) {
	text, delim, records, lines := src.text, src.delim, src.head, src.headLines
	header := records[w.header]
	t := &reader{Table: &cube.Table{File: file, Header: header, Columns: cube.ColumnMap{Force: w.labelCol, Period: -1, Numerator: -1, Denominator: -1},
		Values: w.role, ValuesGuessed: w.roleGuessed,
		Health: cube.Health{Encoding: text.Encoding, Delimiter: cube.DelimiterName(delim), LineEndings: text.LineEndings,
			HeaderLine: lines[w.header], NULs: text.NULs}}}
	// The values' measure is named by their role: the header names periods
	// (or forces), not what is counted.
	t.Measures = measuresOfRole(w.role)
	t.noteReading(text, src.bareQuote, lines[:w.header])
	t.noteDashes(src)
	t.Note(lines[w.header], 1, cube.Info, "wide-table", fmt.Sprintf(
		"a column per %s (%d columns) was read as one row per force per period; %s",
		map[bool]string{false: "period", true: "force"}[w.forcesAcross], len(w.valueCols), w.roleReason))
	var relabel map[int]string
	if !w.forcesAcross {
		var note string
		if relabel, note = yearEnds(header, w.valueCols); note != "" {
			t.Note(lines[w.header], w.valueCols[0]+1, cube.Warning, "year-end-dates", note)
		}
	}

	// Each value of a row becomes a long record of its own, checked as it
	// is made: force, period, numerator, denominator, and the columns of
	// the file its cells came from.
	long := make([]string, 4)
	columns := cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3}
	b := &binder{m: columns, periods: map[string]periodCell{}}
	n := src.n - w.header - 1
	hasRegions := false
	names := func(name string) {
		facts := t.names.Facts(name)
		hasRegions = hasRegions || facts.IsRegion && facts.Region != "west midlands" && facts.Region != "london" && facts.Region != "wales"
	}
	if w.forcesAcross {
		for _, vc := range w.valueCols {
			names(cell(header, vc))
		}
	} else {
		src.body(w.header, func(_ int, rec []string, _ int) bool {
			names(cell(rec, w.labelCol))
			return !hasRegions
		})
	}
	t.beginRows(n*len(w.valueCols), hasRegions, nil, false)
	src.body(w.header, func(_ int, rec []string, line int) bool {
		label := cell(rec, w.labelCol)
		if strings.TrimSpace(label) == "" && usedWidth(rec) == 0 {
			return true
		}
		// The row's own check first: its notes come before those of its
		// values, as when the whole table was checked before its values.
		t.checkTotalColumn(rec, line, w)
		for _, vc := range w.valueCols {
			force, period := label, cell(header, vc)
			if l, ok := relabel[vc]; ok {
				period = l
			}
			c := cube.ColumnMap{Force: w.labelCol, Period: vc, Numerator: -1, Denominator: -1}
			if w.forcesAcross {
				force, period = cell(header, vc), label
				c.Force, c.Period = vc, w.labelCol
			}
			value := cell(rec, vc)
			long[0], long[1], long[2], long[3] = force, period, "", ""
			if w.role == cube.RoleDenominator {
				long[3], c.Denominator = value, vc
			} else {
				long[2], c.Numerator = value, vc
			}
			t.addRecord(b.bind(0, long), long, line, c)
		}
		return true
	})
	t.endRows()
	t.Health.RowsRead = n
	t.Health.RowsKept = t.Len()
	t.Health.RowsSkipped = max(0, n*len(w.valueCols)-t.Len()) / max(1, len(w.valueCols))
	return t.Table, nil
}

// checkTotalColumn compares a row's published Total with the sum of its
// values, when every value is an exact count.
func (t *reader) checkTotalColumn(rec []string, line int, w wideLayout) {
	if w.totalCol < 0 {
		return
	}
	total, ok := cube.ParseCount(cell(rec, w.totalCol)).Value()
	if !ok {
		return
	}
	var sum int64
	for _, vc := range w.valueCols {
		v, ok := cube.ParseCount(cell(rec, vc)).Value()
		if !ok {
			return
		}
		sum += v
	}
	if sum != total {
		t.Note(line, w.totalCol+1, cube.Warning, "total-differs", fmt.Sprintf(
			"the published total %d differs from the sum of the row's values, %d; the values were used", total, sum))
	}
}

// WithValuesAs returns a copy of a wide table whose values are taken as
// role (RoleNumerator or RoleDenominator), as a person chose when the file
// did not say; other tables, and a role already taken, come back as they are.
func WithValuesAs(t *cube.Table, role cube.Role) *cube.Table {
	if t.Values == cube.RoleNone || (role != cube.RoleNumerator && role != cube.RoleDenominator) {
		return t
	}
	out := &reader{Table: t.Clone()}
	out.ValuesGuessed = false
	if role == t.Values {
		return out.Table
	}
	out.Values = role
	out.Measures = measuresOfRole(role)
	if name := t.Measures[0] + t.Measures[1]; name != "" && name != cube.RoleNumerator.String() && name != cube.RoleDenominator.String() {
		// A measure named in the file keeps its name in its new role.
		out.Measures = [2]string{}
		if role == cube.RoleNumerator {
			out.Measures[0] = name
		} else {
			out.Measures[1] = name
		}
	}
	for i, r := range t.All() {
		r.Numerator, r.Denominator = r.Denominator, r.Numerator
		out.recheckDecimals(&r)
		out.SetRow(i, r)
	}
	out.Issues = append(out.Issues, cube.Issue{File: t.File, Line: t.Health.HeaderLine, Column: 1, Severity: cube.Info,
		Code: "values-chosen", Message: "the values were taken as the " + role.String() + ", as chosen in the page"})
	if role == cube.RoleDenominator {
		out.checkPlausibility()
	}
	slices.SortStableFunc(out.Issues, func(a, b cube.Issue) int { return a.Line - b.Line })
	return out.Table
}

// recheckDecimals applies the rules for decimals to a row whose values
// changed role: a denominator with decimals is rounded (and its earlier
// error dropped), and a rounded count that became a numerator is an error
// again, as if the file had been read that way.
func (t *reader) recheckDecimals(r *cube.Row) {
	if rounded, value, ok := roundDecimal(r.Denominator); ok {
		raw := strings.TrimSpace(r.Denominator.Raw)
		t.Issues = slices.DeleteFunc(t.Issues, func(is cube.Issue) bool {
			return is.Line == r.Line && is.Code == "bad-count" && strings.Contains(is.Message, strconv.Quote(words.Shorten(raw, 40)))
		})
		t.Note(r.Line, 0, cube.Info, "rounded-denominator", fmt.Sprintf(
			"%q is not a whole number: it is rounded to %d for the rate, which moves the rate by %.2g%%",
			words.Shorten(raw, 40), rounded.Low, 100*math.Abs(float64(rounded.Low)-value)/max(value, 1)))
		r.Denominator = rounded
	}
	if r.Numerator.Rounded {
		raw := strings.TrimSpace(r.Numerator.Raw)
		r.Numerator = cube.Count{Kind: cube.CountInvalid, Raw: r.Numerator.Raw, Problem: cube.ErrFraction.Error()}
		t.Note(r.Line, 0, cube.Error, "bad-count", fmt.Sprintf("%q is not a count: %s; the row is kept without this figure", words.Shorten(raw, 40), cube.ErrFraction))
	}
}

// measuresOfRole names the measures of a wide table whose values are role.
func measuresOfRole(role cube.Role) [2]string {
	if role == cube.RoleDenominator {
		return [2]string{"", role.String()}
	}
	return [2]string{cube.RoleNumerator.String(), ""}
}
