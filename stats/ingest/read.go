package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest/decode"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// record is the shape gocsv binds each row to, after the reader has renamed
// the recognised columns to these tags.
type record struct {
	Force       string     `csv:"force"`
	Period      periodCell `csv:"period"`
	Numerator   cube.Count `csv:"numerator"`
	Denominator cube.Count `csv:"denominator"`
}

// periodCell binds a period cell and keeps why it is not a period, so that the
// reader can report the row instead of stopping at it.
type periodCell struct {
	Raw    string
	Period cube.Period
	Err    error
}

func (c *periodCell) UnmarshalCSV(text string) error {
	c.Raw = strings.TrimSpace(text)
	c.Period, c.Err = cube.ParsePeriod(text)
	return nil
}

var recordHeader = []string{"force", "period", "numerator", "denominator"}

// rowsDecoder hands gocsv rows already split by encoding/csv.
type rowsDecoder [][]string

func (d rowsDecoder) GetCSVRows() ([][]string, error) { return d, nil }

// ReadTable reads a long-format CSV of force figures: one row per force per
// period, with columns recognised by HeaderRole. Rows that cannot be used are
// skipped and reported in Table.Issues; the error is only for a file that
// cannot be read at all, and is a *ParseError naming the file and line.
func ReadTable(file string, r io.Reader) (*cube.Table, error) {
	return readTable(file, r, nil)
}

func readTable(file string, r io.Reader, p *progress) (*cube.Table, error) {
	return readFrom(file, r, nil, p)
}

// readLong reads a source whose header names its columns, or one in a wide
// layout.
func readLong(file string, src source, p *progress) (*cube.Table, error) {
	text, bareQuote, records, lines := src.text, src.bareQuote, src.head, src.headLines
	if at, l, ok := findPoliceUK(records); ok {
		m, err := l.mapping(file, records[at], lines[at])
		if err != nil {
			return nil, &ParseError{File: file, Line: lines[at], Err: err}
		}
		return readPoliceUK(file, src, l, m, p)
	}
	at, columns, duplicates, guesses, err := findHeader(records)
	header := records[at]
	twoRows := false
	if err != nil {
		if i, joined, m, dups, ok := findTwoRowHeader(records); ok {
			at, header, columns, duplicates, err, twoRows = i, joined, m, dups, nil, true
		}
	}
	if err != nil {
		if wide, ok := findWide(records, file); ok {
			return readWide(file, src, wide)
		}
		body := func(fn func(i int, rec []string, line int) bool) { src.body(at, fn) }
		if m, l, ok := findMeasureLayout(records[at], body); ok {
			return readMeasureLayout(file, src, at, records[at], m, l, p)
		}
		if m, ok := onlyPeriodMissing(records[at]); ok {
			if label, where, ok := periodOutside(file, records[:at]); ok {
				mapping := Mapping{HeaderLine: lines[at], Force: m.Force, Period: -1, Numerator: m.Numerator, Denominator: m.Denominator, FixedPeriod: label}
				return readColumns(file, src, mapping, p, func(t *reader) {
					t.Note(lines[at], 1, cube.Warning, "period-outside", fmt.Sprintf(
						"no column gives the period: %s says %s, which was taken as the period of every row. If that is wrong, choose the columns by hand and give the period",
						where, label))
				})
			}
		}
		if m, why, ok := guessHeaderless(records); ok {
			t, err := readColumns(file, src, m, p, func(t *reader) {
				t.Note(lines[0], 1, cube.Warning, "no-header", fmt.Sprintf(
					"this file has no header row: its first line is already data (%s). The columns were taken by what they hold: %s. If that is wrong, choose the columns by hand",
					quoteList(records[0]), why))
			})
			if err == nil {
				t.Health.Judged = true
			}
			return t, err
		}
		if m, why, guessed, ok := columnsByContent(file, records, at); ok {
			m.HeaderLine = lines[at]
			t, err := readColumns(file, src, m, p, func(t *reader) {
				t.Note(lines[at], 1, cube.Warning, "columns-by-content", fmt.Sprintf(
					"the header does not name every column the reader needs, so they were taken by what they hold: %s. If that is wrong, choose the columns by hand",
					strings.Join(why, "; ")))
			})
			if err == nil {
				t.Health.Judged = true
			}
			if err == nil && guessed {
				t.ValuesGuessed = true
				if m.Numerator >= 0 {
					t.Values = cube.RoleNumerator
				} else {
					t.Values = cube.RoleDenominator
				}
			}
			return t, err
		}
		return nil, &ParseError{File: file, Line: lines[at], Err: err}
	}
	t := newReader(file, src, header, columns, lines[at])
	t.Measures = cube.MeasureNames(header, columns)
	preamble := lines[:at]
	if twoRows {
		preamble = lines[:at-1]
		t.Note(lines[at-1], 1, cube.Info, "two-row-header", fmt.Sprintf(
			"the header runs over lines %d and %d; each column's two cells were joined: %s",
			lines[at-1], lines[at], quoteList(header)))
	}
	t.noteReading(text, bareQuote, preamble)
	t.noteDashes(src)
	for _, g := range guesses {
		t.Note(lines[at], g.Column+1, cube.Info, "guessed-column", fmt.Sprintf(
			"column %q was taken as the %s because its name contains %q; choose the columns by hand if that is wrong",
			words.Shorten(header[g.Column], 60), g.Role, g.Word))
	}
	for _, col := range duplicates {
		t.Note(lines[at], col+1, cube.Warning, "duplicate-column",
			fmt.Sprintf("column %q has the same meaning as an earlier column and was ignored", header[col]))
	}
	t.progress = p
	body := func(copyLines bool, fn func(i int, rec []string, line int) bool) { src.walkBody(at, copyLines, fn) }
	if err := t.readRows(src.n-at-1, body, nil); err != nil {
		return nil, &ParseError{File: file, Err: err}
	}
	if err := p.cancelled(file); err != nil {
		return nil, err
	}
	return t.Table, nil
}

// newReader starts the reading of a source whose header, on headerLine, has
// the given columns.
func newReader(file string, src source, header []string, columns cube.ColumnMap, headerLine int) *reader {
	text := src.text
	return &reader{Table: &cube.Table{File: file, Header: header, Columns: columns, Health: cube.Health{
		Encoding: text.Encoding, Delimiter: cube.DelimiterName(src.delim), LineEndings: text.LineEndings,
		HeaderLine: headerLine, NULs: text.NULs,
	}}}
}

// readRows binds and checks the n records body gives, the file's own rows
// below its header, after going through them once to learn what the checks
// need of the whole file: whether it names regions, and whether its rows
// are category rows. prepare, if set, changes each record first (the column
// mapping adds and rewrites cells). body may give, when copyLines is unset,
// cells that are slices of the file's text (source.walk): the first time
// through, when nothing of them is kept beyond the read.
func (t *reader) readRows(n int, body func(copyLines bool, fn func(i int, rec []string, line int) bool), prepare func(rec []string) []string) error {
	first := -1
	copyLines := true
	each := func(fn func(i int, rec []string, line int) bool) {
		body(copyLines, func(i int, rec []string, line int) bool {
			if first < 0 {
				first = i
			}
			if prepare != nil {
				rec = prepare(rec)
			}
			return fn(i-first, rec, line)
		})
	}
	var cats *categorySum
	var detect *categoryDetector
	if t.countRows {
		cats = &categorySum{byKey: map[cube.RowKey]int{}, everyRow: true}
	} else if t.measureLayout {
		cats = &categorySum{columns: []int{t.measureColumn}, byKey: map[cube.RowKey]int{}, byCategory: map[string]int{}, measures: true}
	} else {
		detect = newCategoryDetector(t.Header, t.Columns)
	}
	hasRegions := false
	b := &binder{m: t.Columns, periods: map[string]periodCell{}}
	var few [][]string // the recognised cells of a small file, for gocsv
	if n <= gocsvMaxRows {
		few = make([][]string, 0, n)
	}
	// The first time through keeps no cell when there is no small file's
	// cells to gather and no candidate category column to learn values of
	// (the name cache dies with the reader): its lines need not be copied.
	copyLines = prepare != nil || few != nil || detect == nil || detect.keepsCells()
	each(func(i int, rec []string, _ int) bool {
		if detect != nil {
			detect.add(rec)
		}
		if few != nil {
			few = append(few, b.cells(rec))
		}
		if !hasRegions {
			facts := t.names.Facts(cell(rec, t.Columns.Force))
			hasRegions = facts.IsRegion && facts.Region != "west midlands" && facts.Region != "london" && facts.Region != "wales"
		}
		return !due(i) || t.progress.at(StageChecking, i, 2*n)
	})
	if t.progress.halted() {
		return nil
	}
	if detect != nil {
		cats = detect.result()
		if cats != nil {
			for _, col := range detect.Attributes {
				t.Note(t.Health.HeaderLine, col+1, cube.Info, "force-attribute", fmt.Sprintf(
					"column %q has one value for each force (a region or country, say): it was read as a fact about the force, not as a category, so no force is left out or added up by it",
					words.Shorten(strings.TrimSpace(cell(t.Header, col)), 60)))
			}
		}
	}
	if err := b.bindFew(few); err != nil {
		return err
	}
	t.beginRows(n, hasRegions, cats, true)
	copyLines = true // the rows kept hold their names and cells' text
	each(func(i int, rec []string, line int) bool {
		return t.addRecord(b.bind(i, rec), rec, line, t.Columns)
	})
	t.endRows()
	t.Health.RowsRead = n
	t.Health.RowsKept = t.Len()
	t.Health.RowsSkipped = n - t.Len()
	return nil
}

// headerSearchRows is how far down the reader looks for the header row, past
// titles and notes that spreadsheets put above a table.
const headerSearchRows = 30

// findHeader returns the index of the first record, among the first
// headerSearchRows, that names every column the reader needs. When none does,
// the error lists the headers of the record that came closest.
func findHeader(records [][]string) (at int, m cube.ColumnMap, duplicates []int, guesses []Guess, err error) {
	best, bestRoles := 0, -1
	for i, rec := range records[:min(len(records), headerSearchRows)] {
		m, duplicates, err = MapColumns(rec)
		if err == nil {
			return i, m, duplicates, nil, nil
		}
		if g, gs := GuessColumns(rec, m); len(missingRoles(g)) == 0 {
			return i, g, duplicates, gs, nil
		}
		// Closest: the most recognised roles, then the most filled cells
		// (a title row has one), then the earliest.
		if score := recognisedRoles(rec)*1000 + filledCells(rec); score > bestRoles {
			best, bestRoles = i, score
		}
	}
	m, duplicates, err = MapColumns(records[best])
	return best, m, duplicates, nil, err
}

// findTwoRowHeader looks for a header split over two rows, as spreadsheets
// write "Registered" above "sex offenders": each column's two cells joined
// name every column the reader needs. It returns the index of the second row.
func findTwoRowHeader(records [][]string) (at int, header []string, m cube.ColumnMap, duplicates []int, ok bool) {
	for i := 1; i < min(len(records), headerSearchRows); i++ {
		upper, lower := records[i-1], records[i]
		joined := make([]string, max(len(upper), len(lower)))
		for c := range joined {
			joined[c] = strings.TrimSpace(cell(upper, c) + " " + cell(lower, c))
		}
		if m, duplicates, err := MapColumns(joined); err == nil {
			return i, joined, m, duplicates, true
		}
	}
	return 0, nil, cube.ColumnMap{}, nil, false
}

func filledCells(rec []string) int {
	n := 0
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return min(n, 999)
}

func recognisedRoles(rec []string) int {
	seen := map[cube.Role]bool{}
	for _, h := range rec {
		if r := HeaderRole(h); r != cube.RoleNone {
			seen[r] = true
		}
	}
	return len(seen)
}

// noteReading reports what decoding and splitting decided that a reader
// should check. The encoding and delimiter themselves are in Health.
func (t *reader) noteReading(text decode.Text, bareQuote *csv.ParseError, preamble []int) {
	if text.NULs > 0 {
		t.Note(0, 0, cube.Warning, "nul-bytes", fmt.Sprintf("%d NUL bytes were removed: the file may be damaged, check its figures", text.NULs))
	}
	if bareQuote != nil {
		t.Note(bareQuote.Line, bareQuote.Column, cube.Warning, "stray-quote",
			"a quote mark inside an unquoted cell was kept as part of the text; check this row")
	}
	if len(preamble) > 0 {
		t.Note(preamble[0], 1, cube.Info, "title-rows", fmt.Sprintf(
			"%d line(s) above the header row (line %d) were taken as a title or notes and skipped", len(preamble), t.Health.HeaderLine))
	}
}

func withFile(err error, file string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if pe.StartLine != pe.Line {
			// A quote left open runs on over the following lines and is only
			// noticed later: point at the line where its record starts.
			return &ParseError{File: file, Line: pe.StartLine, Err: fmt.Errorf(
				"%w (noticed on line %d, column %d); check the quotes in the row that starts on this line",
				pe.Err, pe.Line, pe.Column)}
		}
		return &ParseError{File: file, Line: pe.Line, Column: pe.Column, Err: fmt.Errorf("%w; check the quotes on this line", pe.Err)}
	}
	return &ParseError{File: file, Err: err}
}

func isBlank(rec []string) bool {
	for _, cell := range rec {
		if strings.TrimSpace(cell) != "" {
			return false
		}
	}
	return true
}

func cell(rec []string, col int) string {
	if col < 0 || col >= len(rec) {
		return ""
	}
	return rec[col]
}

// isNoteRow reports (and skips) a row that holds no figures and names no
// force: a footnote, a source line or a note below the table.
func (t *reader) isNoteRow(rec record, line int, c cube.ColumnMap) bool {
	if rec.Period.Raw != "" || rec.Numerator.Kind != cube.CountNotGiven || rec.Denominator.Kind != cube.CountNotGiven {
		return false
	}
	name := strings.TrimSpace(rec.Force)
	if name == "" {
		// No force, no period and no figures: a note written in another
		// column ("Source: ..." under a force column that is not the
		// first), or a row of stray cells.
		t.Note(line, c.Force+1, cube.Info, "note-row", "this row names no force and has no period or figures: taken as a note and skipped")
		return true
	}
	if _, ok := police.MatchForce(name); ok {
		return false
	}
	t.Note(line, c.Force+1, cube.Info, "note-row",
		fmt.Sprintf("%q has no figures and names no force: taken as a note and skipped", words.Shorten(name, 80)))
	return true
}

// checkFieldCount reports a row with more or fewer fields than the header: its
// cells may have shifted, and a missing cell reads as "not given". Empty
// columns that spreadsheets add at the right are not counted.
func (t *reader) checkFieldCount(fields []string, line int) {
	want := usedWidth(t.Header)
	n := usedWidth(fields)
	if n == want || (n < want && len(fields) >= want) {
		return
	}
	t.Note(line, min(n, want)+1, cube.Warning, "field-count",
		fmt.Sprintf("this row has %d fields but the header has %d; check for a missing or extra comma, "+
			"and put quotes around a name that contains a comma", n, want))
}

// checkRow turns a bound record into a Row, noting every problem; ok is false
// when the row cannot be placed (no force or no period) and is skipped.
// maxForceName is the longest force cell read as a name, in bytes: the
// longest force name with a long footnote is under 150.
const maxForceName = 500

func (t *reader) checkRow(rec record, line int, c cube.ColumnMap) (cube.Row, bool) {
	row := cube.Row{Line: line, File: t.File, ForceName: strings.TrimSpace(rec.Force), Numerator: rec.Numerator, Denominator: rec.Denominator}
	if row.ForceName == "" {
		t.Note(line, c.Force+1, cube.Error, "no-force", "the force cell is blank, so this row was skipped; fill in the force if the row holds figures")
		return row, false
	}
	if len(row.ForceName) > maxForceName {
		// Kept, such a name would be copied into every view, chart, finding
		// and export; no force's name, with its footnotes, comes near it.
		t.Note(line, c.Force+1, cube.Error, "long-force", fmt.Sprintf(
			"the force cell is %d bytes long (it starts %q), far longer than any force's name, so this row was skipped; check the quotes on this line and the one before",
			len(row.ForceName), words.Shorten(row.ForceName, 40)))
		return row, false
	}
	if rec.Period.Err != nil {
		t.Note(line, c.Period+1, cube.Error, "bad-period", rec.Period.Err.Error()+"; this row was skipped")
		return row, false
	}
	row.Period = rec.Period.Period
	var marker string
	facts := t.names.Facts(row.ForceName)
	row.Force, row.Matched, marker = facts.Force, facts.Matched, facts.Marker
	if marker != "" {
		t.Note(line, c.Force+1, cube.Info, "footnote",
			fmt.Sprintf("%q: the footnote marker %q was set aside and the name matched %s", words.Shorten(row.ForceName, 60), marker, row.Force.ShortName))
	}
	row.Total = facts.Total
	if row.Total {
		t.Note(line, c.Force+1, cube.Info, "total-row",
			fmt.Sprintf("%q is a total, not a force: it is shown under that name and kept out of the all-forces figure", words.Shorten(row.ForceName, 80)))
	} else if facts.IsRegion && !row.Matched {
		// A region or combined area: markRegions says which, once every
		// row is read.
	} else if !row.Matched {
		t.Note(line, c.Force+1, cube.Warning, "unmatched-force",
			fmt.Sprintf("%q matches no police force; it is kept under the name as written", words.Shorten(row.ForceName, 80)))
	}
	t.checkCount(line, c.Numerator, row.Numerator)
	if rounded, value, ok := roundDecimal(row.Denominator); ok {
		t.Note(line, c.Denominator+1, cube.Info, "rounded-denominator", fmt.Sprintf(
			"%s %q is not a whole number (a full-time equivalent, say): it is rounded to %d for the rate, which moves the rate by %.2g%%",
			words.Shorten(strings.TrimSpace(t.Header[c.Denominator]), 60), words.Shorten(strings.TrimSpace(row.Denominator.Raw), 40), rounded.Low,
			100*math.Abs(float64(rounded.Low)-value)/max(value, 1)))
		row.Denominator = rounded
	} else {
		t.checkCount(line, c.Denominator, row.Denominator)
	}
	return row, true
}

// roundDecimal rounds a denominator written with decimals ("5516.65", as
// workforce tables give full-time equivalents) to the nearest whole number:
// a rate per 1,000 officers hardly moves, while refusing the figure would
// leave the force without a rate. Numerators are never rounded: a count of
// events with decimals is a mistake worth reporting. ok is false for any
// other count.
func roundDecimal(c cube.Count) (rounded cube.Count, value float64, ok bool) {
	if c.Kind != cube.CountInvalid || c.Problem != cube.ErrFraction.Error() {
		return c, 0, false
	}
	number, _ := cube.SplitFootnote(strings.TrimSpace(strings.Map(cube.NormaliseSpace, c.Raw)))
	whole, frac, _ := strings.Cut(number, ".")
	digits, err := cube.Ungroup(whole)
	if err != nil || !cube.AllDigits(frac) || (len(frac) == 3 && len(digits) <= 3) {
		// "2.500" may be two and a half or, with a European thousands
		// separator, two thousand five hundred: never guess which.
		// "4206.202" cannot be a thousands separator (four digits before
		// it), nor can "1,200.500".
		return c, 0, false
	}
	v, err := strconv.ParseFloat(digits+"."+frac, 64)
	if err != nil || v < 0 || v >= cube.MaxCount {
		return c, 0, false
	}
	n := int64(math.Round(v))
	return cube.Count{Kind: cube.CountExact, Low: n, High: n, Raw: c.Raw, Rounded: true}, v, true
}

func (t *reader) checkCount(line, col int, c cube.Count) {
	if col < 0 || col >= len(t.Header) {
		return // the file has no such column: the count is "not given"
	}
	if c.Footnote == "" && c.Kind != cube.CountInvalid && c.Kind != cube.CountCensored && c.Kind != cube.CountSuppressed {
		// Nothing to say of a plain count, nearly every cell: the header's
		// and the cell's shortened text are not worked out for it (a third
		// of a second of a 500,000-row file in wasm).
		return
	}
	name := words.Shorten(strings.TrimSpace(t.Header[col]), 60)
	raw := words.Shorten(strings.TrimSpace(c.Raw), 40)
	switch c.Kind {
	case cube.CountInvalid:
		t.Note(line, col+1, cube.Error, "bad-count",
			fmt.Sprintf("%s %q is not a count: %s; the row is kept without this figure", name, raw, c.Problem))
	case cube.CountCensored, cube.CountSuppressed:
		// Said once for each way a file writes it, with the number of
		// cells (markers.go): a table of 156 "[c]" is one note, not 156.
		t.tallyMarker(line, col, name, raw, c)
	}
	if c.Footnote != "" {
		t.Note(line, col+1, cube.Info, "footnote",
			fmt.Sprintf("%s %q: the footnote marker %q was set aside and the number read", name, raw, c.Footnote))
	}
}

// usedWidth is the number of cells up to the last non-blank one.
func usedWidth(cells []string) int {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	return n
}

// reader is the working state of reading one file into a Table: what the
// column mapping asked for, the names already matched, and the progress
// report. The Table it fills is the result; reader is not kept.
type reader struct {
	*cube.Table
	// filters keep only the rows of chosen categories (Mapping.Filters).
	filters []Filter
	// plausible holds the population of each force id for the plausibility
	// checks (plausible.go) while they run.
	plausible []float64
	// countRows adds every row of a force and period up (Mapping.CountRows).
	countRows bool
	names     police.NameCache
	// progress is told how the checking of rows goes, and can stop it.
	progress *progress
	// checks is the state of checking the rows (rows.go).
	checks rowChecks
	// measureLayout says each row is one measure of a force and period,
	// named in measureColumn (measurecolumn.go).
	measureLayout bool
	measureColumn int
	// filterWhy says why the filters left rows out, when no person chose
	// them.
	filterWhy string
	// markers tallies the cells withheld or given as ranges (markers.go).
	markers     map[markerKey]*markerTally
	markerOrder []markerKey
}
