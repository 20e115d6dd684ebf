package stats

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gocarina/gocsv"
)

// Row is one force's figures for one period, as read from a file.
type Row struct {
	Line        int    // 1-based line of the file where the row starts
	ForceName   string // the name as written in the file
	Force       Force  // the matched force; zero when Matched is false
	Matched     bool
	Total       bool // a total over forces ("England and Wales"), kept out of aggregates
	Period      Period
	Numerator   Count
	Denominator Count
}

// Table is a file of force figures read into rows, with every judgement the
// reader made about it.
type Table struct {
	File    string
	Header  []string
	Columns ColumnMap
	Rows    []Row
	Issues  []Issue
}

// record is the shape gocsv binds each row to, after the reader has renamed
// the recognised columns to these tags.
type record struct {
	Force       string     `csv:"force"`
	Period      periodCell `csv:"period"`
	Numerator   Count      `csv:"numerator"`
	Denominator Count      `csv:"denominator"`
}

// periodCell binds a period cell and keeps why it is not a period, so that the
// reader can report the row instead of stopping at it.
type periodCell struct {
	Period Period
	Err    error
}

func (c *periodCell) UnmarshalCSV(text string) error {
	c.Period, c.Err = ParsePeriod(text)
	return nil
}

var recordHeader = []string{"force", "period", "numerator", "denominator"}

// rowsDecoder hands gocsv rows already split by encoding/csv.
type rowsDecoder [][]string

func (d rowsDecoder) GetCSVRows() ([][]string, error) { return d, nil }

// ParseError is a problem that stops a whole file from being read. Line and
// Column are 1-based; zero when they do not apply.
type ParseError struct {
	File   string
	Line   int
	Column int
	Err    error
}

func (e *ParseError) Error() string {
	where := e.File
	if e.Line > 0 {
		where += fmt.Sprintf(", line %d", e.Line)
	}
	if e.Column > 0 {
		where += fmt.Sprintf(", column %d", e.Column)
	}
	return where + ": " + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

// ErrEmptyFile is returned for a file with no header row.
var ErrEmptyFile = errors.New("the file is empty: there is no header row")

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadTable reads a long-format CSV of force figures: one row per force per
// period, with columns recognised by HeaderRole. Rows that cannot be used are
// skipped and reported in Table.Issues; the error is only for a file that
// cannot be read at all, and is a *ParseError naming the file and line.
func ReadTable(file string, r io.Reader) (*Table, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &ParseError{File: file, Err: err}
	}
	records, lines, err := splitRecords(bytes.TrimPrefix(data, utf8BOM))
	if err != nil {
		return nil, withFile(err, file)
	}
	if len(records) == 0 {
		return nil, &ParseError{File: file, Err: ErrEmptyFile}
	}
	columns, duplicates, err := MapColumns(records[0])
	if err != nil {
		return nil, &ParseError{File: file, Line: lines[0], Err: err}
	}
	t := &Table{File: file, Header: records[0], Columns: columns}
	for _, col := range duplicates {
		t.note(lines[0], col+1, Warning, "duplicate-column",
			fmt.Sprintf("column %q has the same meaning as an earlier column and was ignored", records[0][col]))
	}
	bound, err := bind(records[1:], columns)
	if err != nil {
		return nil, &ParseError{File: file, Err: err}
	}
	t.addRows(bound, records[1:], lines[1:])
	return t, nil
}

// splitRecords splits the bytes into records with encoding/csv, dropping rows
// that are entirely blank, and returns each record's starting line.
func splitRecords(data []byte) (records [][]string, lines []int, err error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1 // ragged rows are reported per row, not fatal
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return records, lines, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if isBlank(rec) {
			continue
		}
		line, _ := cr.FieldPos(0)
		records = append(records, rec)
		lines = append(lines, line)
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

// bind picks the recognised columns out of each record and lets gocsv bind
// them to typed fields. Count never fails to bind (a bad cell becomes
// CountInvalid), so one bad cell cannot stop the file.
func bind(body [][]string, m ColumnMap) ([]record, error) {
	rows := make([][]string, 0, len(body)+1)
	rows = append(rows, recordHeader)
	for _, rec := range body {
		rows = append(rows, []string{
			cell(rec, m.Force), cell(rec, m.Period), cell(rec, m.Numerator), cell(rec, m.Denominator),
		})
	}
	out := make([]record, 0, len(body))
	if len(body) == 0 {
		return out, nil
	}
	if err := gocsv.UnmarshalDecoder(rowsDecoder(rows), &out); err != nil {
		return nil, err
	}
	return out, nil
}

func cell(rec []string, col int) string {
	if col < 0 || col >= len(rec) {
		return ""
	}
	return rec[col]
}

type rowKey struct {
	force  string
	period string
}

func (t *Table) addRows(bound []record, fields [][]string, lines []int) {
	seen := map[rowKey]int{}
	for i, rec := range bound {
		t.checkFieldCount(len(fields[i]), lines[i])
		row, ok := t.checkRow(rec, lines[i])
		if !ok {
			continue
		}
		key := rowKey{forceKey(row), row.Period.Label}
		if first, dup := seen[key]; dup {
			t.note(row.Line, t.Columns.Force+1, Error, "duplicate-row",
				fmt.Sprintf("%s, %s appears again (first on line %d); this row was skipped", row.ForceName, row.Period.Label, first))
			continue
		}
		seen[key] = row.Line
		t.Rows = append(t.Rows, row)
	}
}

// checkFieldCount reports a row with more or fewer fields than the header: its
// cells may have shifted, and a missing cell reads as "not given".
func (t *Table) checkFieldCount(n, line int) {
	want := len(t.Header)
	if n == want {
		return
	}
	t.note(line, min(n, want)+1, Warning, "field-count",
		fmt.Sprintf("this row has %d fields but the header has %d; check for a missing or extra comma, "+
			"and put quotes around a name that contains a comma", n, want))
}

func forceKey(r Row) string {
	if r.Matched {
		return r.Force.Key()
	}
	return "?" + normaliseForceName(r.ForceName)
}

// checkRow turns a bound record into a Row, noting every problem; ok is false
// when the row cannot be placed (no force or no period) and is skipped.
func (t *Table) checkRow(rec record, line int) (Row, bool) {
	row := Row{Line: line, ForceName: strings.TrimSpace(rec.Force), Numerator: rec.Numerator, Denominator: rec.Denominator}
	if row.ForceName == "" {
		t.note(line, t.Columns.Force+1, Error, "no-force", "the force cell is blank; this row was skipped")
		return row, false
	}
	if rec.Period.Err != nil {
		t.note(line, t.Columns.Period+1, Error, "bad-period", rec.Period.Err.Error()+"; this row was skipped")
		return row, false
	}
	row.Period = rec.Period.Period
	row.Force, row.Matched = MatchForce(row.ForceName)
	row.Total = !row.Matched && IsTotalName(row.ForceName)
	if row.Total {
		t.note(line, t.Columns.Force+1, Info, "total-row",
			fmt.Sprintf("%q is a total, not a force: it is shown under that name and kept out of the all-forces figure", row.ForceName))
	} else if !row.Matched {
		t.note(line, t.Columns.Force+1, Warning, "unmatched-force",
			fmt.Sprintf("%q matches no police force; it is kept under the name as written", row.ForceName))
	}
	t.checkCount(line, t.Columns.Numerator, row.Numerator)
	t.checkCount(line, t.Columns.Denominator, row.Denominator)
	return row, true
}

func (t *Table) checkCount(line, col int, c Count) {
	if c.Kind != CountInvalid {
		return
	}
	t.note(line, col+1, Error, "bad-count",
		fmt.Sprintf("%s %q is not a count: %s; the row is kept without this figure", t.Header[col], c.Raw, c.Problem))
}

func (t *Table) note(line, column int, sev Severity, code, message string) {
	t.Issues = append(t.Issues, Issue{File: t.File, Line: line, Column: column, Severity: sev, Code: code, Message: message})
}

// Location returns the file, line and column the error is about.
func (e *ParseError) Location() (file string, line, column int) { return e.File, e.Line, e.Column }
