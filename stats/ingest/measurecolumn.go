package ingest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
)

// A long table may name its measure in a column of its own and give the
// number in another: area, measure, value, as_at (the app's own
// reported-figures.csv is one). Each row is then one figure of one measure,
// and a force's numerator and denominator for a period are on two rows. Such
// a file is read by giving each row's value to the column of its measure,
// and the rows of a force and period are put together as the rows of
// categories are, with the measure as the category. A measure's name is
// recognised as a column's name would be ("missing", "registered"); rows of
// other measures are left out and counted in one note.

// measureHeaders and valueHeaders name the two columns, compared after
// normaliseHeader.
var (
	measureHeaders = []string{"measure", "indicator", "metric", "variable", "measurename", "measuretype"}
	valueHeaders   = []string{"value", "count", "number", "figure", "total", "n"}
)

// maxMeasures is the most distinct measures looked at.
const maxMeasures = 60

// measureLayout is a file's measure and value columns and which measure
// goes where.
type measureLayout struct {
	measure, value int
	num, den       string // the measure names (as written) of the numerator and denominator; "" for none
	other          []string
}

// findMeasureLayout recognises a header with force and period columns and a
// measure column beside a value column, and reads the measures the file
// names (body gives its records below the header).
func findMeasureLayout(header []string, body func(fn func(i int, rec []string, line int) bool)) (cube.ColumnMap, measureLayout, bool) {
	m, _, _ := MapColumns(header)
	l := measureLayout{measure: -1, value: -1}
	for i, h := range header {
		n := normaliseHeader(h)
		if l.measure < 0 && slices.Contains(measureHeaders, n) {
			l.measure = i
		} else if l.value < 0 && slices.Contains(valueHeaders, n) {
			l.value = i
		}
	}
	if m.Force < 0 || m.Period < 0 || l.measure < 0 || l.value < 0 || m.Numerator >= 0 || m.Denominator >= 0 {
		return m, l, false
	}
	var names []string
	body(func(_ int, rec []string, _ int) bool {
		v := strings.TrimSpace(cell(rec, l.measure))
		if v != "" && !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, v) }) {
			names = append(names, v)
		}
		return len(names) <= maxMeasures
	})
	if len(names) > maxMeasures {
		return m, l, false
	}
	for _, n := range names {
		switch role := HeaderRole(n); {
		case role == cube.RoleNumerator && l.num == "":
			l.num = n
		case role == cube.RoleDenominator && l.den == "":
			l.den = n
		default:
			l.other = append(l.other, n)
		}
	}
	if l.num == "" && l.den == "" {
		return m, l, false
	}
	return m, l, true
}

// readMeasureLayout reads a source in the measure layout: two columns are
// added, the numerator's and the denominator's, and each row's value goes
// into the one of its measure.
func readMeasureLayout(file string, src source, at int, header []string, m cube.ColumnMap, l measureLayout, p *progress) (*cube.Table, error) {
	width := len(header)
	header = append(slices.Clip(header), nonEmpty(l.num, "numerator"), nonEmpty(l.den, "denominator"))
	m.Numerator, m.Denominator = width, width+1
	num, den, measure, value := l.num, l.den, l.measure, l.value
	prepare := func(rec []string) []string {
		rec = withCell(rec, width+1, "")
		rec[width], rec[width+1] = "", ""
		switch v := strings.TrimSpace(cell(rec, measure)); {
		case num != "" && strings.EqualFold(v, num):
			rec[width] = cell(rec, value)
		case den != "" && strings.EqualFold(v, den):
			rec[width+1] = cell(rec, value)
		}
		return rec
	}
	t := newReader(file, src, header, m, src.headLines[at])
	t.Measures = [2]string{l.num, l.den}
	t.noteReading(src.text, src.bareQuote, src.linesAbove(at))
	t.noteDashes(src)
	t.Note(t.Health.HeaderLine, l.measure+1, cube.Info, "measure-column", fmt.Sprintf(
		"column %q names each row's measure and column %q its value: %s were taken as the numerator and %s as the denominator",
		words.Shorten(strings.TrimSpace(header[l.measure]), 40), words.Shorten(strings.TrimSpace(header[l.value]), 40), quoteOrNone(l.num), quoteOrNone(l.den)))
	keepMeasures := []string{}
	for _, n := range []string{l.num, l.den} {
		if n != "" {
			keepMeasures = append(keepMeasures, n)
		}
	}
	t.filters = []Filter{{Column: l.measure, Values: keepMeasures}}
	t.measureColumn, t.measureLayout = l.measure, true
	if len(l.other) > 0 {
		t.filterWhy = fmt.Sprintf("they are of the measures %s, which the view does not use (it takes one numerator and one denominator)", quoteList(l.other))
	}
	t.progress = p
	body := func(_ bool, fn func(i int, rec []string, line int) bool) { src.body(at, fn) }
	if err := t.readRows(src.n-at-1, body, prepare); err != nil {
		return nil, &ParseError{File: file, Err: err}
	}
	if err := p.cancelled(file); err != nil {
		return nil, err
	}
	return t.Table, nil
}

func nonEmpty(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

func quoteOrNone(s string) string {
	if s == "" {
		return "none"
	}
	return fmt.Sprintf("%q", s)
}
