package ingest

import (
	"errors"
	"fmt"
	"github.com/foi-explorer/foi-explorer/stats/ingest/sheets"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// Mapping is a person's choice of columns for a file whose headers the reader
// does not recognise. Columns are 0-based, -1 for none. It is stored with the
// dataset, so that the file can be read again the same way.
type Mapping struct {
	HeaderLine  int    `json:"headerLine"` // 1-based line of the header row
	Force       int    `json:"force"`
	Period      int    `json:"period"`
	Numerator   int    `json:"numerator"`
	Denominator int    `json:"denominator"`
	FixedPeriod string `json:"fixedPeriod,omitempty"` // the period of every row, when no column gives it
	// FixedForce is the force of every row, when no column names it (a
	// police.uk stop-and-search file names it only in the file's name).
	FixedForce string `json:"fixedForce,omitempty"`
	// Filters keep only the rows whose categories are chosen ("Burglary"
	// in a crime_type column); rows repeating a force and period with other
	// categories are added up.
	Filters []Filter `json:"filters,omitempty"`
	// CountRows counts each row as one event, for a file of records (one
	// row per offender, per crime): the numerator is the number of rows of
	// each force and period. Numerator must then be -1.
	CountRows bool `json:"countRows,omitempty"`
	// Bucket puts each period cell (a date, say) into its "year",
	// "financial-year" or "month"; empty keeps the periods as written.
	Bucket string `json:"bucket,omitempty"`
	// Dashes says what a dash between spaces means (accounting.go); empty
	// decides from the file.
	Dashes Dashes `json:"dashes,omitempty"`
	// NoHeader says the file has no header row: its first record is data,
	// its columns are numbered, and HeaderLine is 0 (headerless.go).
	NoHeader bool `json:"noHeader,omitempty"`
	// Sheet is the sheet of a workbook to read; empty reads the first
	// that reads as a table (workbook.go).
	Sheet string `json:"sheet,omitempty"`
}

// Buckets a period column can be grouped into.
var buckets = map[string]func(cube.Period) cube.Period{
	"year":           func(p cube.Period) cube.Period { return cube.Year(p.Start.Year()) },
	"financial-year": func(p cube.Period) cube.Period { return cube.FinancialYear(financialYearOf(p.Start)) },
	"month":          func(p cube.Period) cube.Period { return cube.Month(p.Start.Year(), p.Start.Month()) },
}

// financialYearOf is the year in which the financial year holding t began.
func financialYearOf(t time.Time) int {
	if t.Month() < time.April {
		return t.Year() - 1
	}
	return t.Year()
}

// bucketer groups each period cell into the year, financial year or month
// that holds it, reading each distinct cell once. A cell that is not a
// period, or a period longer than its bucket, is left as written.
type bucketer struct {
	col   int
	to    func(cube.Period) cube.Period
	cache map[string]string
}

func newBucketer(col int, bucket string) (*bucketer, error) {
	to, ok := buckets[bucket]
	if !ok {
		return nil, fmt.Errorf("%w: periods can be grouped by year, financial-year or month, not %q", ErrBadMapping, bucket)
	}
	return &bucketer{col: col, to: to, cache: map[string]string{}}, nil
}

func (b *bucketer) apply(rec []string) []string {
	if b.col >= len(rec) {
		return rec
	}
	label, seen := b.cache[rec[b.col]]
	if !seen {
		label = rec[b.col]
		if p, err := cube.ParsePeriod(rec[b.col]); err == nil {
			if g := b.to(p); !p.End.After(g.End) {
				label = g.Label
			}
		}
		if len(b.cache) < maxCachedPeriods {
			b.cache[rec[b.col]] = label
		}
	}
	rec[b.col] = label
	return rec
}

// Preview is what the page shows to let a person map a file's columns: the
// header row the reader would take, the rows below it, and its best guess.
type Preview struct {
	File   string      `json:"file"`
	Health cube.Health `json:"health"`
	Header []string    `json:"header"`
	Rows   [][]string  `json:"rows"`
	Guess  Mapping     `json:"guess"`
	// Categories lists, for each column with a few distinct text values
	// (a crime type, an outcome), those values, for a filter to choose from;
	// other columns have none.
	Categories [][]string `json:"categories"`
	// Sheets are the sheets of a workbook, for a person to choose from;
	// none for a CSV file.
	Sheets []string `json:"sheets"`
}

// maxCategoryValues is the most distinct values a column may have to be
// offered as a category to filter on.
const maxCategoryValues = 60

// previewRows is how many rows below the header a preview shows.
const previewRows = 8

// PreviewFile decodes a file and guesses its header row and columns. With
// headerLine > 0 the row starting on that line is taken as the header.
func PreviewFile(file string, r io.Reader, headerLine int) (Preview, error) {
	data, err := readAll(r)
	if err != nil {
		return Preview{}, &ParseError{File: file, Err: err}
	}
	return PreviewData(file, data, PreviewOptions{HeaderLine: headerLine})
}

// PreviewOptions are a person's choices so far in the column mapping.
type PreviewOptions struct {
	HeaderLine int    `json:"headerLine"` // the header's line; 0 lets the reader find it
	NoHeader   bool   `json:"noHeader"`   // the file has no header row
	Sheet      string `json:"sheet"`      // the sheet of a workbook; empty lets the reader choose
}

// PreviewData is PreviewFile of bytes, with the choices made so far.
func PreviewData(file string, data []byte, o PreviewOptions) (Preview, error) {
	var sheetNames []string
	sheet := ""
	if sheets.IsWorkbook(data) {
		wb, err := openWorkbook(file, data)
		if err != nil {
			return Preview{}, err
		}
		for _, s := range wb.Sheets {
			sheetNames = append(sheetNames, s.Name)
		}
		sheet = o.Sheet
		if sheet == "" {
			// The sheet an import would read, else the first with rows.
			if t, err := readWorkbook(file, data, nil, nil); err == nil {
				sheet = t.Health.Sheet
			}
		}
		var chosen *sheets.Sheet
		for i, s := range wb.Sheets {
			if s.Name == sheet || (sheet == "" && chosen == nil && s.Used() > 0) {
				chosen = &wb.Sheets[i]
			}
		}
		if chosen == nil {
			return Preview{}, &ParseError{File: file, Err: fmt.Errorf("the workbook has no sheet %q with rows; its sheets are %s", sheet, quoteList(sheetNames))}
		}
		sheet, data = chosen.Name, chosen.CSV()
	}
	src, err := sourceOf(file, data, false, nil)
	if err != nil {
		return Preview{}, err
	}
	text, delim := src.text, src.delim
	at, m, _, _, headerErr := findHeader(src.head)
	if i, _, ok := findPoliceUK(src.head); ok {
		at, headerErr = i, nil
	}
	// Without a header row, by choice or because the first record is
	// data, the columns are guessed from what they hold.
	noHeader := o.NoHeader
	headerless, _, found := guessHeaderless(src.head)
	if o.HeaderLine == 0 && headerErr != nil && found {
		noHeader = true
	}
	if i := src.indexOfLine(o.HeaderLine); o.HeaderLine > 0 && i >= 0 && !noHeader {
		at = i
		rec, _, _ := src.record(at)
		m, _, _ = MapColumns(rec)
	}
	var header []string
	var guess Mapping
	var recognised string
	line := 0
	if noHeader {
		at, guess = -1, headerless
		if !found {
			guess = Mapping{Force: -1, Period: -1, Numerator: -1, Denominator: -1}
		}
		width := 0
		for _, r := range src.head {
			width = max(width, len(r))
		}
		header = syntheticHeader(width)
	} else {
		header, line, _ = src.record(at)
		guess = Mapping{HeaderLine: line, Force: m.Force, Period: m.Period, Numerator: m.Numerator, Denominator: m.Denominator}
		if l, ok := policeUKLayoutOf(header); ok {
			// Its own mapping; without the force when the file's name
			// names none, for the person to give.
			guess, _ = l.mapping(file, header, line)
			recognised = l.name
		}
	}
	guess.NoHeader, guess.Sheet = noHeader, sheet
	p := Preview{
		File:   file,
		Health: cube.Health{Encoding: text.Encoding, Delimiter: cube.DelimiterName(delim), LineEndings: text.LineEndings, HeaderLine: line, Sheet: sheet, Recognised: recognised},
		Header: header,
		Guess:  guess,
		Sheets: sheetNames,
	}
	values := newCategoryValues(len(header))
	rows := 0
	src.body(at, func(_ int, rec []string, _ int) bool {
		if rows < previewRows {
			p.Rows = append(p.Rows, slices.Clone(rec))
		}
		rows++
		values.add(rec)
		return true
	})
	p.Categories = values.result(rows)
	return p, nil
}

// categoryValues finds each column's distinct values, in the order they
// first appear, when the column holds text (not counts) with at most
// maxCategoryValues of them and repeats them; nil for other columns. Rows
// are given one at a time.
type categoryValues struct {
	seen   []map[string]bool
	values [][]string
	text   []bool
	over   []bool // more values than a category has: the column is no category
}

func newCategoryValues(width int) *categoryValues {
	c := &categoryValues{seen: make([]map[string]bool, width), values: make([][]string, width), text: make([]bool, width), over: make([]bool, width)}
	for i := range c.seen {
		c.seen[i] = map[string]bool{}
	}
	return c
}

func (c *categoryValues) add(rec []string) {
	for col := range c.seen {
		if c.over[col] {
			continue
		}
		v := strings.TrimSpace(cellAt(rec, col))
		if v == "" || c.seen[col][strings.ToLower(v)] {
			continue
		}
		if len(c.values[col]) == maxCategoryValues || len(v) > police.MaxNameLength {
			c.values[col], c.over[col] = nil, true
			continue
		}
		c.seen[col][strings.ToLower(v)] = true
		c.values[col] = append(c.values[col], v)
		c.text[col] = c.text[col] || cube.ParseCount(v).Kind == cube.CountInvalid
	}
}

func (c *categoryValues) result(rows int) [][]string {
	out := make([][]string, len(c.seen))
	for col := range out {
		if c.text[col] && len(c.values[col]) > 1 && len(c.values[col]) < rows {
			out[col] = c.values[col]
		}
	}
	return out
}

// ErrBadMapping is wrapped by the errors of a mapping that cannot be used.
var ErrBadMapping = errors.New("the column mapping cannot be used")

// ReadTableWith reads a long-format file with the columns a person chose.
// Everything else is as ReadTable: the same checks, issues and health.
func ReadTableWith(file string, r io.Reader, m Mapping) (*cube.Table, error) {
	return readTableWith(file, r, m, nil)
}

func readTableWith(file string, r io.Reader, m Mapping, p *progress) (*cube.Table, error) {
	return readFrom(file, r, &m, p)
}

// readMapped reads a source with the columns a person chose. The records
// are changed on their way to the checks (prepare): a column of 1s when
// rows are counted, periods grouped into buckets, the one period given.
func readMapped(file string, src source, m Mapping, p *progress) (*cube.Table, error) {
	if i := src.indexOfLine(m.HeaderLine); i >= 0 && !m.NoHeader {
		// A police.uk file read as police.uk's, categories chosen, is
		// said to be.
		header, _, _ := src.record(i)
		if l, ok := policeUKLayoutOf(header); ok && l.ownMapping(file, header, m) {
			return readPoliceUK(file, src, l, m, p)
		}
	}
	return readColumns(file, src, m, p, func(t *reader) {
		t.Note(m.HeaderLine, 1, cube.Info, "mapped-by-hand", "the columns were chosen by hand: "+describeMapping(t.Header, t.Columns))
	})
}

// readColumns reads a source with the columns of m; how notes how they were
// chosen.
func readColumns(file string, src source, m Mapping, p *progress, how func(t *reader)) (*cube.Table, error) {
	if _, err := ParseDashes(string(m.Dashes)); err != nil {
		return nil, &ParseError{File: file, Err: fmt.Errorf("%w: %v", ErrBadMapping, err)}
	}
	src = src.withDashes(m.Dashes)
	text := src.text
	var at int
	var header []string
	if m.NoHeader {
		// The body starts at the first record (src.body(-1, ...)).
		at, m.HeaderLine = -1, 0
		width := 0
		for _, r := range src.head {
			width = max(width, len(r))
		}
		header = syntheticHeader(width)
	} else {
		at = src.indexOfLine(m.HeaderLine)
		if at < 0 {
			return nil, &ParseError{File: file, Err: fmt.Errorf("%w: there is no row starting on line %d", ErrBadMapping, m.HeaderLine)}
		}
		header, _, _ = src.record(at)
	}
	columns := cube.ColumnMap{Force: m.Force, Period: m.Period, Numerator: m.Numerator, Denominator: m.Denominator}
	var steps []func(rec []string) []string
	var layout *policeUKLayout
	if !m.NoHeader {
		layout, _ = policeUKLayoutOf(header)
	}
	if layout != nil {
		// First, so that the steps below see a police.uk period as the
		// month it is.
		steps = append(steps, layout.steps(header, columns.Period)...)
	}
	if m.CountRows {
		if m.Numerator >= 0 {
			return nil, &ParseError{File: file, Line: m.HeaderLine, Err: fmt.Errorf("%w: counting rows replaces the numerator column: choose one or the other", ErrBadMapping)}
		}
		// Each row is one event: a last column of 1s is its numerator. A
		// row with no period gets none, so that a note below the records
		// ("Source: ...") is still seen as a note.
		header = append(header[:len(header):len(header)], "rows counted")
		columns.Numerator = len(header) - 1
		at, period := columns.Numerator, columns.Period
		var buf []string
		steps = append(steps, func(rec []string) []string {
			rec = withCellIn(&buf, rec, at, "1")
			if period >= 0 && strings.TrimSpace(cellAt(rec, period)) == "" {
				rec[at] = ""
			}
			return rec
		})
	}
	if err := checkMapping(columns, len(header), m.FixedPeriod, m.FixedForce); err != nil {
		return nil, &ParseError{File: file, Line: m.HeaderLine, Err: err}
	}
	if m.Bucket != "" && columns.Period >= 0 {
		b, err := newBucketer(columns.Period, m.Bucket)
		if err != nil {
			return nil, &ParseError{File: file, Line: m.HeaderLine, Err: err}
		}
		steps = append(steps, b.apply)
	}
	if columns.Period < 0 {
		// Every row has the one period given: add it as a last column.
		header = append(header[:len(header):len(header)], "period (given)")
		columns.Period = len(header) - 1
		at, period := columns.Period, m.FixedPeriod
		var buf []string
		steps = append(steps, func(rec []string) []string { return withCellIn(&buf, rec, at, period) })
	}
	if columns.Force < 0 {
		// Every row is of the one force given, likewise.
		header = append(header[:len(header):len(header)], "force (given)")
		columns.Force = len(header) - 1
		at, force := columns.Force, m.FixedForce
		var buf []string
		steps = append(steps, func(rec []string) []string { return withCellIn(&buf, rec, at, force) })
	}
	t := newReader(file, src, header, columns, m.HeaderLine)
	t.Measures = cube.MeasureNames(header, columns)
	if m.CountRows {
		t.Measures[0] = "records"
		if layout != nil {
			// What a police.uk row is, whichever columns were chosen.
			t.Measures[0] = layout.measureName(t.Header, m.Filters)
		}
	}
	t.noteReading(text, src.bareQuote, src.linesAbove(max(at, 0)))
	t.noteDashes(src)
	how(t)
	for _, f := range m.Filters {
		if f.Column < 0 || f.Column >= len(header) || f.Column == columns.Force || f.Column == columns.Period {
			return nil, &ParseError{File: file, Line: m.HeaderLine, Err: fmt.Errorf("%w: a filter names column %d, which is not a category column", ErrBadMapping, f.Column+1)}
		}
	}
	t.filters = m.Filters
	t.countRows = m.CountRows
	t.progress = p
	var prepare func(rec []string) []string
	if len(steps) > 0 {
		prepare = func(rec []string) []string {
			for _, step := range steps {
				rec = step(rec)
			}
			return rec
		}
	}
	body := func(_ bool, fn func(i int, rec []string, line int) bool) { src.body(at, fn) }
	if err := t.readRows(src.n-at-1, body, prepare); err != nil {
		return nil, &ParseError{File: file, Err: err}
	}
	if m.CountRows {
		// Each row counted is kept, as a part of its figure: the rows not
		// kept are those left out or skipped, each with its note.
		counted := 0
		for _, r := range t.All() {
			if v, ok := r.Numerator.Value(); ok {
				counted += int(v)
			}
		}
		t.Health.RowsKept, t.Health.RowsSkipped = counted, t.Health.RowsRead-counted
	}
	if m.NoHeader {
		// Notes about the whole file are made on the header's line: with
		// none, they are about the first line, where the data starts.
		for i := range t.Issues {
			if t.Issues[i].Line == 0 && t.Issues[i].Code != "nul-bytes" {
				t.Issues[i].Line = 1
			}
		}
	}
	if err := p.cancelled(file); err != nil {
		return nil, err
	}
	return t.Table, nil
}

func checkMapping(c cube.ColumnMap, width int, fixedPeriod, fixedForce string) error {
	for _, col := range []struct {
		name string
		at   int
	}{{"force", c.Force}, {"period", c.Period}, {"numerator", c.Numerator}, {"denominator", c.Denominator}} {
		if col.at >= width || col.at < -1 {
			return fmt.Errorf("%w: the %s column %d is not in the header's %d columns", ErrBadMapping, col.name, col.at+1, width)
		}
	}
	switch {
	case c.Force < 0 && strings.TrimSpace(fixedForce) == "":
		return fmt.Errorf("%w: choose the column that names the force, or give the force of every row", ErrBadMapping)
	case c.Numerator < 0 && c.Denominator < 0:
		return fmt.Errorf("%w: choose the numerator column, the denominator column or both", ErrBadMapping)
	case c.Period < 0 && fixedPeriod == "":
		return fmt.Errorf("%w: choose the period column, or give the period of every row", ErrBadMapping)
	}
	if c.Period < 0 {
		if _, err := cube.ParsePeriod(fixedPeriod); err != nil {
			return fmt.Errorf("%w: %v", ErrBadMapping, err)
		}
	}
	if c.Force < 0 {
		if _, ok := police.MatchForce(fixedForce); !ok {
			return fmt.Errorf("%w: %q, given as the force of every row, is not the name of a police force: give a force's name, as \"Avon and Somerset\"",
				ErrBadMapping, words.Shorten(fixedForce, 60))
		}
	}
	seen := map[int]bool{}
	for _, at := range []int{c.Force, c.Period, c.Numerator, c.Denominator} {
		if at >= 0 && seen[at] {
			return fmt.Errorf("%w: column %d is chosen for two roles", ErrBadMapping, at+1)
		}
		seen[at] = true
	}
	return nil
}

func describeMapping(header []string, c cube.ColumnMap) string {
	s := ""
	for _, col := range []struct {
		role cube.Role
		at   int
	}{{cube.RoleForce, c.Force}, {cube.RolePeriod, c.Period}, {cube.RoleNumerator, c.Numerator}, {cube.RoleDenominator, c.Denominator}} {
		if col.at < 0 {
			continue
		}
		if s != "" {
			s += ", "
		}
		s += col.role.String() + " " + strconv.Quote(words.Shorten(header[col.at], 40))
	}
	return s
}

// withCell returns the record with value as its cell at (padding a short
// record with empty cells first). rec is not changed: it may be the
// reader's, reused for the next record.
func withCell(rec []string, at int, value string) []string {
	padded := append(make([]string, 0, max(at+1, len(rec))), rec...)
	for len(padded) < at {
		padded = append(padded, "")
	}
	return append(padded[:at], value)
}

// withCellIn is withCell in *buf, which the next record's call reuses, as
// the source reuses rec (a record lives only while it is checked): a slice
// a row was 1 in 8 of the allocations of a file counted a row each.
func withCellIn(buf *[]string, rec []string, at int, value string) []string {
	padded := append((*buf)[:0], rec...)
	for len(padded) < at {
		padded = append(padded, "")
	}
	padded = append(padded[:at], value)
	*buf = padded
	return padded
}
