package ingest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// A long file breaks each force's figure for a period into categories, a
// row each: crime outcomes by type and outcome, say. Its rows repeat a force
// and a period, and differ in the other columns. Such a file's counts are
// added up per force and period; a filter keeps only the rows whose category
// is among chosen values.

// Filter keeps the rows whose cell in Column is one of Values (compared
// without regard to case or surrounding spaces).
type Filter struct {
	Column int      `json:"column"`
	Values []string `json:"values"`
}

// categorySum is how a table of category rows is added up.
type categorySum struct {
	columns []int // the category columns: neither force, period nor a count
	// byKey is, for each force and period, the index of its summed row in
	// t.Rows; byCategory the line of the first row of each force, period
	// and category, to tell a repeated row from another category.
	byKey      map[cube.RowKey]int
	byCategory map[string]int
	rows       int // rows added into others
	// everyRow adds up every row of a force and period: a file of records
	// counted a row each has no categories to tell repeats apart.
	everyRow bool
	// dens follows, for each summed row (by index in t.Rows), whether its
	// parts all gave the same denominator: a population repeated on each
	// category row is the denominator of the whole, not a part to add up.
	dens map[int]*denParts
	// totals counts the rows of all categories ("All crime") left out.
	totals int
	// published are, by force and period, the rows that are totals of
	// categories ("*Total Tactics", "*Total Restraint", "All crime"):
	// never added to their parts; the largest is the figure (finish).
	published map[cube.RowKey][]publishedTotal
	// section is, by force and period, the numerators of the parts added
	// since its last total row: what a subtotal of the rows above it sums.
	section map[cube.RowKey]int64
	// measures says the category is the measure: each row is one measure
	// of its force and period (measurecolumn.go).
	measures bool
	// parents counts the rows left out as the head of the parts that
	// follow them ("Handcuffing, of which").
	parents int
}

// publishedTotal is a total row of categories, and the sum of the parts
// between the total row before it and it.
type publishedTotal struct {
	row     cube.Row
	section int64
}

type denParts struct {
	first cube.Count
	same  bool
	parts int
}

// minShareRepeated is the share of rows that must repeat a force and period
// (with other categories) for a file to be read as category rows: a file with
// one accidental repeat is not one.
const minShareRepeated = 0.5

// minRepeatedRows is the fewest repeating rows that make a file of
// categories: two or three repeats in a tiny file are more likely mistakes.
const minRepeatedRows = 4

// categoryDetector decides, from the rows given to add one at a time,
// whether they are category rows: more than half of them repeat a force and
// period of another row that differs from it in some other column. It reads
// every row once, keeping per force and period only the category values
// seen (nothing for a file without category columns).
type categoryDetector struct {
	c          cube.ColumnMap
	candidates []int  // named columns other than the recognised ones
	used       []bool // by candidate: some row fills it
	// byForce is, by candidate, the first value seen for each force, and
	// varies whether some force has another: a column that never varies
	// within a force (a Region or Country beside it) is a level of
	// geography or another fact about the force, never a breakdown of its
	// figures, and taking it for one left out every force under "Wales".
	byForce []map[string]string
	varies  []bool
	groups  map[string]*categoryGroup
	rows    int
	// Attributes are the candidates found not to vary within a force.
	Attributes []int
}

type categoryGroup struct {
	n          int
	categories map[string]bool
}

func newCategoryDetector(header []string, c cube.ColumnMap) *categoryDetector {
	d := &categoryDetector{c: c, groups: map[string]*categoryGroup{}}
	for i := range header {
		// A category column has a name: an unnamed column is more likely
		// stray cells than a breakdown.
		if i != c.Force && i != c.Period && i != c.Numerator && i != c.Denominator && strings.TrimSpace(header[i]) != "" {
			d.candidates = append(d.candidates, i)
		}
	}
	d.used = make([]bool, len(d.candidates))
	d.varies = make([]bool, len(d.candidates))
	d.byForce = make([]map[string]string, len(d.candidates))
	for j := range d.byForce {
		d.byForce[j] = map[string]string{}
	}
	return d
}

func (d *categoryDetector) add(f []string) {
	if len(d.candidates) == 0 {
		return
	}
	d.rows++
	force := police.NormaliseForceName(cellAt(f, d.c.Force))
	for j, col := range d.candidates {
		v := strings.ToLower(strings.TrimSpace(cellAt(f, col)))
		if !d.used[j] && v != "" {
			d.used[j] = true
		}
		if !d.varies[j] {
			if first, ok := d.byForce[j][force]; !ok {
				d.byForce[j][force] = v
			} else if first != v {
				d.varies[j], d.byForce[j] = true, nil
			}
		}
	}
	k := force + "\x00" + strings.TrimSpace(cellAt(f, d.c.Period))
	g := d.groups[k]
	if g == nil {
		g = &categoryGroup{categories: map[string]bool{}}
		d.groups[k] = g
	}
	g.n++
	// Keyed by every candidate column: one that no row fills adds the same
	// empty part to every key, so the keys differ as they would without it.
	g.categories[categoryKey(f, d.candidates)] = true
}

// keepsCells says whether add keeps text of the cells it is given: the
// values of the candidate columns, by force.
func (d *categoryDetector) keepsCells() bool { return len(d.candidates) > 0 }

// result is the category sum for the rows, or nil when they are not
// category rows.
func (d *categoryDetector) result() *categorySum {
	var cols []int
	for j, col := range d.candidates {
		switch {
		case d.used[j] && d.varies[j]:
			cols = append(cols, col)
		case d.used[j]:
			d.Attributes = append(d.Attributes, col)
		}
	}
	if len(cols) == 0 || d.rows < 2 {
		return nil
	}
	repeated := 0
	for _, g := range d.groups {
		if g.n > 1 && len(g.categories) > 1 {
			repeated += g.n
		}
	}
	if repeated < minRepeatedRows || float64(repeated) <= minShareRepeated*float64(d.rows) {
		return nil
	}
	return &categorySum{columns: cols, byKey: map[cube.RowKey]int{}, byCategory: map[string]int{}}
}

func cellAt(f []string, i int) string {
	if i < 0 || i >= len(f) {
		return ""
	}
	return f[i]
}

func categoryKey(f []string, cols []int) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = strings.ToLower(strings.TrimSpace(cellAt(f, c)))
	}
	return strings.Join(parts, "\x00")
}

// add puts a row into the sums; ok is false when the row was taken (added
// to an earlier one or refused as a repeat) and must not be kept itself.
//
// row may be changed before it is kept: a force and period whose first row
// is a total is kept there, in file order, without figures until finish
// knows them.
func (s *categorySum) add(t *reader, rowp *cube.Row, key cube.RowKey, fields []string, c cube.ColumnMap) bool {
	row := *rowp
	if name, ok := totalCategory(fields, s.columns); ok {
		// A row of all categories, or of some of them, is a sum itself:
		// adding it in would count its parts twice.
		t.Note(row.Line, c.Force+1, cube.Info, "category-total", fmt.Sprintf(
			"%q is a total of categories, not one of them: it was not added to them, and the largest such total of %s, %s is checked against its parts",
			words.Shorten(name, 60), words.Shorten(row.ForceName, 60), row.Period.Label))
		s.totals++
		if s.published == nil {
			s.published = map[cube.RowKey][]publishedTotal{}
		}
		s.published[key] = append(s.published[key], publishedTotal{row: row, section: s.section[key]})
		if s.section != nil {
			s.section[key] = 0 // a file whose first row is a total has no parts yet
		}
		if _, seen := s.byKey[key]; !seen {
			// The first row of its force and period: kept as the place of
			// its figure, which its parts, or else its total, give.
			s.byKey[key] = t.Len()
			if s.dens == nil {
				s.dens = map[int]*denParts{}
			}
			s.dens[t.Len()] = &denParts{same: true}
			rowp.Numerator, rowp.Denominator = cube.Count{Kind: cube.CountNotGiven}, cube.Count{Kind: cube.CountNotGiven}
			return true
		}
		return false
	}
	if name, ok := parentCategory(fields, s.columns); ok {
		// "Handcuffing, of which": the rows below are its parts.
		t.Note(row.Line, c.Force+1, cube.Info, "category-parent", fmt.Sprintf(
			"%q heads the categories below it, which are its parts: it was not added to them", words.Shorten(name, 60)))
		s.parents++
		return false
	}
	if !s.everyRow {
		// A file of records counted a row each has no categories to
		// tell repeats apart: every row is added.
		ck := key.Force + "\x00" + key.Period + "\x00" + categoryKey(fields, s.columns)
		if first, dup := s.byCategory[ck]; dup {
			t.Note(row.Line, c.Force+1, cube.Error, "duplicate-row", fmt.Sprintf(
				"%s, %s appears again with the same categories (first on line %d); this row was skipped and not added in: check which is right",
				words.Shorten(row.ForceName, 80), row.Period.Label, first))
			return false
		}
		s.byCategory[ck] = row.Line
		if s.section == nil {
			s.section = map[cube.RowKey]int64{}
		}
		if v, ok := row.Numerator.Value(); ok {
			s.section[key] += v
		}
	}
	at, seen := s.byKey[key]
	if !seen {
		s.byKey[key] = t.Len()
		if s.dens == nil {
			s.dens = map[int]*denParts{}
		}
		s.dens[t.Len()] = &denParts{first: row.Denominator, same: true, parts: 1}
		return true
	}
	sum := t.Row(at)
	sum.Numerator = s.addInto(t, &sum, sum.Numerator, row.Numerator, row.Line, c.Numerator)
	sum.Denominator = s.addInto(t, &sum, sum.Denominator, row.Denominator, row.Line, c.Denominator)
	t.SetRow(at, sum)
	d := s.dens[at]
	if d.parts == 0 {
		d.first = row.Denominator // the first part of a figure kept at its total's row
	} else {
		d.same = d.same && sameCount(d.first, row.Denominator)
	}
	d.parts++
	s.rows++
	return false
}

// finish takes a denominator repeated unchanged on every part of a sum once,
// and says so; differing denominators (sub-areas) stay added up.
func (s *categorySum) finish(t *reader, c cube.ColumnMap) {
	once := 0
	for at, d := range s.dens {
		if d.parts > 1 && d.same && d.first.Kind != cube.CountNotGiven {
			r := t.Row(at)
			r.Denominator = d.first
			t.SetRow(at, r)
			once++
		}
	}
	if once > 0 {
		t.Note(t.Health.HeaderLine, c.Denominator+1, cube.Info, "denominator-once", fmt.Sprintf(
			"%d figures had the same denominator on each of their category rows: it was taken once, not added up", once))
	}
	s.usePublished(t, c)
}

// usePublished decides, for each force and period with total rows of
// categories, what its figure is. A total row equal to the sum of every
// part agrees with it. A total larger than the sum says parts are missing
// from the file: the largest is the figure. When every total is smaller,
// each that equals the parts between it and the total row before it is a
// subtotal of those ("*Total Restraint" below its restraints), and the sum
// of the parts is the figure; a total that is not such a subtotal means the
// parts count something twice (a subtotal without a name saying so), and
// the largest of those is the figure. A figure other than the sum of the
// parts is a warning, with the arithmetic.
func (s *categorySum) usePublished(t *reader, c cube.ColumnMap) {
	for key, totals := range s.published {
		at := s.byKey[key]
		sum := t.Row(at)
		if s.dens[at].parts == 0 {
			// Only totals: the figure is the largest published one.
			grand := totals[0].row
			for _, p := range totals[1:] {
				if larger(p.row, grand) {
					grand = p.row
				}
			}
			sum.Numerator, sum.Denominator = grand.Numerator, grand.Denominator
			t.SetRow(at, sum)
			continue
		}
		parts, exact := sum.Numerator.Value()
		var grand *publishedTotal
		agrees := false
		for i := range totals {
			p := &totals[i]
			v, ok := p.row.Numerator.Value()
			if !ok || !exact {
				continue
			}
			switch {
			case v == parts:
				agrees = true
			case v > parts || v != p.section:
				if grand == nil || larger(p.row, grand.row) {
					grand = p
				}
			}
		}
		if agrees || grand == nil {
			continue
		}
		g := grand.row
		pv, _ := g.Numerator.Value()
		why := "some categories may be missing from the file"
		if pv < parts {
			why = "some rows may be subtotals of others without a name that says so"
		}
		t.Note(g.Line, c.Numerator+1, cube.Warning, "category-total-differs", fmt.Sprintf(
			"%s for %s, %s: the published total is %d, but the categories add up to %d (%s); the published total was used",
			words.Shorten(t.Measures[0], 40), words.Shorten(sum.ForceName, 60), sum.Period.Label, pv, parts, why))
		sum.Numerator = g.Numerator
		if g.Denominator.Kind != cube.CountNotGiven {
			sum.Denominator = g.Denominator
		}
		t.SetRow(at, sum)
	}
}

// larger says whether a's figure is larger than b's: by the numerator when
// both give one, else by the denominator.
func larger(a, b cube.Row) bool {
	an, okA := a.Numerator.Value()
	bn, okB := b.Numerator.Value()
	if okA && okB && an != bn {
		return an > bn
	}
	ad, _ := a.Denominator.Value()
	bd, _ := b.Denominator.Value()
	return ad > bd
}

func sameCount(a, b cube.Count) bool { return a.Kind == b.Kind && a.Low == b.Low && a.High == b.High }

var allCategories = map[string]bool{"all": true, "all crime": true, "all crimes": true, "all offences": true,
	"all categories": true, "all outcomes": true, "all types": true, "all ages": true, "all groups": true}

// totalCategory reports a row whose category cell names all of them ("All
// crime", "Total", "All outcomes").
func totalCategory(fields []string, cols []int) (string, bool) {
	for _, c := range cols {
		// "*Total Tactics", "Total - restraint": the marks around the
		// words do not matter.
		v := strings.ToLower(strings.Trim(cellAt(fields, c), " *#•-–:"))
		if v == "" {
			continue
		}
		// "All other theft offences" is a category: only "all" with a word
		// for the whole is a total.
		if police.IsTotalName(v) || allCategories[v] || strings.HasPrefix(v, "total ") || strings.HasSuffix(v, " total") || strings.HasPrefix(v, "subtotal") {
			return cellAt(fields, c), true
		}
	}
	return "", false
}

// parentCategory reports a row whose category heads the parts below it:
// "Handcuffing, of which", "Restraint (of which):".
func parentCategory(fields []string, cols []int) (string, bool) {
	for _, c := range cols {
		v := strings.ToLower(strings.TrimRight(strings.TrimSpace(cellAt(fields, c)), ":)"))
		if strings.HasSuffix(v, "of which") {
			return cellAt(fields, c), true
		}
	}
	return "", false
}

// addInto adds a part to a sum; a part that is not a count makes the sum
// not a count, said on the sum's own line as well as the part's.
func (s *categorySum) addInto(t *reader, sum *cube.Row, total, part cube.Count, line, col int) cube.Count {
	out := addCounts(total, part)
	if out.Kind == cube.CountInvalid && total.Kind != cube.CountInvalid {
		t.Note(sum.Line, col+1, cube.Error, "bad-count", fmt.Sprintf(
			"the sum of %s, %s over its categories is not known, because line %d's %q is not a count",
			words.Shorten(sum.ForceName, 80), sum.Period.Label, line, words.Shorten(strings.TrimSpace(part.Raw), 40)))
	}
	return out
}

// addCounts adds two counts of the same force and period: exact and
// censored counts add as ranges; a suppressed or invalid part makes the sum
// unknown; a part not given adds nothing.
func addCounts(a, b cube.Count) cube.Count {
	switch {
	case b.Kind == cube.CountNotGiven:
		return a
	case a.Kind == cube.CountNotGiven:
		return b
	case a.Kind == cube.CountInvalid:
		return a
	case b.Kind == cube.CountInvalid:
		return cube.Count{Kind: cube.CountInvalid, Raw: b.Raw, Problem: "a part of the sum is not a count"}
	case a.Kind == cube.CountSuppressed:
		return a
	case b.Kind == cube.CountSuppressed:
		return cube.Count{Kind: cube.CountSuppressed, Raw: "a part is " + strings.TrimSpace(b.Raw)}
	}
	low, high := a.Low+b.Low, a.High+b.High
	if a.Kind == cube.CountExact && b.Kind == cube.CountExact {
		return cube.Count{Kind: cube.CountExact, Low: low, High: high, Raw: fmt.Sprint(low)}
	}
	return cube.Count{Kind: cube.CountCensored, Low: low, High: high, Raw: fmt.Sprintf("%d to %d", low, high)}
}

// report says what was added up, on the header line.
func (s *categorySum) report(t *reader) {
	if s.everyRow {
		t.Note(t.Health.HeaderLine, 1, cube.Info, "rows-counted", fmt.Sprintf(
			"each row was counted as one event: %d rows make %d figures, one per force and period", s.rows+len(s.byKey), len(s.byKey)))
		return
	}
	if s.measures {
		t.Note(t.Health.HeaderLine, 1, cube.Info, "measures-joined", fmt.Sprintf(
			"each row holds one measure of a force and period: %d rows were put together into %d figures", s.rows+len(s.byKey), len(s.byKey)))
		return
	}
	names := make([]string, len(s.columns))
	for i, c := range s.columns {
		names[i] = strings.TrimSpace(cellAt(t.Header, c))
	}
	t.Note(t.Health.HeaderLine, 1, cube.Info, "categories-summed", fmt.Sprintf(
		"each force and period has a row per category (%s): their counts were added up, %d rows into %d figures; to count only some categories, choose them in the column mapping",
		quoteList(names), s.rows+len(s.byKey), len(s.byKey)))
}

// keep reports whether a row passes every filter.
func keep(fields []string, filters []Filter) bool {
	for _, f := range filters {
		v := strings.ToLower(strings.TrimSpace(cellAt(fields, f.Column)))
		if !slices.ContainsFunc(f.Values, func(w string) bool { return strings.ToLower(strings.TrimSpace(w)) == v }) {
			return false
		}
	}
	return true
}
