package cube

import (
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/police"
)

// Row is one force's figures for one period, as read from a file.
type Row struct {
	Line        int          // 1-based line of the file where the row starts
	ForceName   string       // the name as written in the file
	Force       police.Force // the matched force; zero when Matched is false
	Matched     bool
	Total       bool // a total over forces ("England and Wales"), kept out of aggregates
	Period      Period
	Numerator   Count
	Denominator Count
	File        string // the file the row was read from
	// DenominatorPeriod and Pairing say where the denominator came from
	// when Combine paired it from another row; zero and empty otherwise.
	DenominatorPeriod Period
	Pairing           string
	Mismatch          string // numerator and denominator cover different places
}

// Table is a file of force figures read into rows, with every judgement the
// reader made about it.
type Table struct {
	File    string
	Header  []string
	Columns ColumnMap
	// recs are the rows, in columns (records.go).
	recs   records
	Issues []Issue
	Health Health
	// Files and Pairings are set on a table that Combine made from several
	// files: how each was read, and each numerator paired with a
	// denominator of another period.
	Files    []FileHealth
	Pairings []Pairing
	// Values is, for a wide table (a column per period or per force),
	// whether its values are numerators or denominators; ValuesGuessed is
	// set when nothing in the file said, so that the page asks.
	Values        Role `json:"values,omitempty"`
	ValuesGuessed bool `json:"valuesGuessed,omitempty"`
	// Measures are the names of the measures of the rows, as the file
	// calls them: the numerator's ("Missing", "Fired", "records" for rows
	// counted) and the denominator's ("Registered", "FTE"); empty for a
	// measure the file does not give.
	Measures [rowMeasures]string `json:"measures"`
}

// MeasureNames are the names of a table's measures when its header names
// its columns: each column's header, or the role's name when the header
// cell is blank; empty for a measure without a column.
func MeasureNames(header []string, c ColumnMap) [rowMeasures]string {
	var out [rowMeasures]string
	for m, col := range []int{c.Numerator, c.Denominator} {
		if col < 0 || col >= len(header) {
			continue
		}
		out[m] = strings.TrimSpace(header[col])
		if out[m] == "" {
			out[m] = []Role{RoleNumerator, RoleDenominator}[m].String()
		}
	}
	return out
}

// Health is the summary of how a file was read: the first lines of its
// report to the user.
type Health struct {
	Encoding    string `json:"encoding"`
	Delimiter   string `json:"delimiter"`
	LineEndings string `json:"lineEndings"`
	HeaderLine  int    `json:"headerLine"`
	RowsRead    int    `json:"rowsRead"`    // data rows below the header, blank rows not counted
	RowsKept    int    `json:"rowsKept"`    // rows that became figures
	RowsSkipped int    `json:"rowsSkipped"` // rows read but not kept: see Issues for each one and why
	NULs        int    `json:"nuls"`        // NUL bytes removed
	// Sheet is the sheet read, for a workbook (.xlsx, .ods).
	Sheet string `json:"sheet,omitempty"`
	// Judged says the reader took some columns by what they hold, not by
	// their names (a file with no header row, or names it does not know):
	// the page offers to choose them by hand.
	Judged bool `json:"judged,omitempty"`
	// Recognised says what the reader recognised the file as, for the
	// page: "police.uk street-level crime records: each row counted as
	// one crime or anti-social behaviour incident, by the force it falls
	// within, by month" (in a preview, the kind of file alone: "police.uk
	// street-level crime records"); empty for a table of figures.
	Recognised string `json:"recognised,omitempty"`
}

// Note records an issue about a place in the file. A note the same as one
// already made about the same line (same column, severity, code and
// message) is not made again: a wide table reads a line as a row a period,
// and what is said of the line's force ("is a region", "matches no police
// force") was once said a time a period, three notes in issues.csv and on the
// page for one fact. Only the notes of the same line, the last ones made, are
// looked at: rows are checked line by line, so a repeat follows its first.
func (t *Table) Note(line, column int, sev Severity, code, message string) {
	is := Issue{File: t.File, Line: line, Column: column, Severity: sev, Code: code, Message: message}
	for i := len(t.Issues) - 1; i >= 0 && t.Issues[i].Line == line; i-- {
		if t.Issues[i] == is {
			return
		}
	}
	t.Issues = append(t.Issues, is)
}

type RowKey struct {
	Force  string
	Period string
}

func ForceKey(r Row) string {
	if r.Matched {
		return r.Force.Key()
	}
	return "?" + police.NormaliseForceName(r.ForceName)
}

// DelimiterName is how a report names a delimiter.
func DelimiterName(d rune) string {
	switch d {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	case '|':
		return "pipe"
	}
	return string(d)
}
