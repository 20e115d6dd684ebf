package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest/decode"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// rowSummary writes a row on one line so that a whole table compares as a
// list of strings: "line 2: E23000032 "Kent Police" 2016/17 7 1804", where an
// unmatched force shows as "?", a count not given as "-" and an invalid count
// as "!" and the cell.
func rowSummary(r cube.Row) string {
	key := "?"
	if r.Matched {
		key = r.Force.Key()
	}
	return fmt.Sprintf("line %d: %s %q %s %s %s", r.Line, key, r.ForceName, r.Period.Label,
		countSummary(r.Numerator), countSummary(r.Denominator))
}

func countSummary(c cube.Count) string {
	switch c.Kind {
	case cube.CountExact:
		return c.String()
	case cube.CountNotGiven:
		return "-"
	}
	return "!" + c.Raw
}

// issueSummary is "line:column severity code".
func issueSummary(is cube.Issue) string {
	return fmt.Sprintf("%d:%d %s %s", is.Line, is.Column, is.Severity, is.Code)
}

func TestReadTableFixtures(t *testing.T) {
	cleanRows := []string{
		`line 2: E23000036 "Avon and Somerset Constabulary" 2016/17 12 1532`,
		`line 3: E23000032 "Kent Police" 2016/17 7 1804`,
		`line 4: W15000004 "Dyfed-Powys Police" 2016/17 0 612`,
		`line 5: E23000001 "Metropolitan Police Service" 2016/17 120 7021`,
		`line 6: E23000036 "Avon and Somerset Constabulary" 2017/18 15 1611`,
	}
	tests := []struct {
		file    string
		header  []string
		columns cube.ColumnMap
		rows    []string
		issues  []string
		// messages holds, for each issue in order, words its message must
		// contain: what was wrong and what was done or is to be done.
		messages [][]string
	}{
		{
			file:    "clean.csv",
			header:  []string{"Force", "Period", "Missing", "Registered"},
			columns: cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
			rows:    cleanRows,
		},
		{
			file:    "crlf.csv",
			header:  []string{"Force", "Period", "Missing", "Registered"},
			columns: cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
			rows:    cleanRows,
		},
		{
			file:    "bom.csv",
			header:  []string{"Force", "Year", "Missing", "Registered"},
			columns: cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
			rows: []string{
				`line 2: E23000032 "Kent" 2018 7 1800`,
				`line 3: E23000028 "Essex" 2018 9 1500`,
			},
		},
		{
			file:    "quoted-commas.csv",
			header:  []string{"Police force", "As at", "Wanted / missing", "Total registered"},
			columns: cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
			rows: []string{
				`line 2: E23000034 "London, City of" 2018-01-17 0 25`,
				`line 3: E23000035 "Devon & Cornwall Police" 2018-01-17 14 2345`,
				`line 4: E23000036 "Avon and Somerset, Constabulary" 2018-01-17 1001 12345`,
				`line 5: E23000030 "Hampshire and Isle of Wight Constabulary" 2018-01-17 21 2210`,
			},
		},
		{
			// Quoted fields span lines 2-4, 6-7 and 9-10: every line reported is
			// the physical line where the record starts.
			file:    "multiline.csv",
			header:  []string{"Force", "Date", "Missing", "Registered", "Notes"},
			columns: cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
			rows: []string{
				`line 2: E23000032 "Kent" 2018-01-17 7 1800`,
				`line 5: E23000028 "Essex" 2018-01-17 !abc 1500`,
				`line 6: E23000029 "Thames\nValley Police" 2018-01-17 13 2900`,
				`line 9: E23000033 "Sussex" 2018-01-17 5 1400`,
				`line 11: E23000024 "Norfolk" 2018-01-17 4 -`,
			},
			issues: []string{"5:3 error bad-count", "8:2 error bad-period"},
			messages: [][]string{
				{`Missing "abc" is not a count`, "kept without this figure"},
				{`"2018-02-30" is not a period`, "February 2018 has no day 30", "skipped"},
			},
		},
		{
			file:    "ragged.csv",
			header:  []string{"Force", "Year", "Missing", "Registered"},
			columns: cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
			rows: []string{
				`line 2: E23000032 "Kent" 2018 7 1800`,
				`line 3: E23000028 "Essex" 2018 9 -`,
				`line 4: E23000031 "Surrey" 2018 2 900`,
				`line 5: E23000033 "Sussex" 2018 5 1400`,
			},
			issues: []string{"3:4 warning field-count", "4:5 warning field-count"},
			messages: [][]string{
				{"3 fields", "header has 4", "check for a missing or extra comma"},
				{"5 fields", "header has 4", "quotes around a name that contains a comma"},
			},
		},
		{
			file:    "bad-counts.csv",
			header:  []string{"Force", "Year", "Missing", "Registered"},
			columns: cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
			rows: []string{
				`line 2: E23000032 "Kent" 2018 !12a 1800`,
				`line 3: E23000028 "Essex" 2018 !-3 1500`,
				`line 4: E23000031 "Surrey" 2018 !1.5 900`,
				`line 5: E23000033 "Sussex" 2018 !1,23 1400`,
				`line 6: E23000024 "Norfolk" 2018 - 1100`,
				`line 7: E23000039 "Dorset" 2018 3 !1,0000`,
				`line 8: E23000025 "Suffolk" 2018 4 820`,
			},
			issues: []string{
				"2:3 error bad-count", "3:3 error bad-count", "4:3 error bad-count",
				"5:3 error bad-count", "7:4 error bad-count",
			},
			messages: [][]string{
				{`Missing "12a"`, "not a number", "kept without this figure"},
				{`Missing "-3"`, "cannot be negative"},
				{`Missing "1.5"`, "whole number"},
				{`Missing "1,23"`, "groups of three digits, as in 1,234"},
				{`Registered "1,0000"`, "groups of three digits"},
			},
		},
		{
			file:    "bad-periods.csv",
			header:  []string{"Force", "Date", "Missing", "Registered"},
			columns: cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
			rows:    []string{`line 6: E23000024 "Norfolk" 2018-01-17 3 1100`},
			issues: []string{
				"2:2 error bad-period", "3:2 error bad-period", "4:2 error bad-period", "5:2 error bad-period",
			},
			messages: [][]string{
				{`"04/17/2018" is not a period`, "read day first (DD/MM/YYYY)", "skipped"},
				{`"31/02/2018"`, "February 2018 has no day 31"},
				{`"soon"`, "expected a year (2018), a financial year (2016/17"},
				{"blank", "skipped"},
			},
		},
		{
			file:    "unmatched.csv",
			header:  []string{"Force", "Year", "Missing", "Registered"},
			columns: cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
			rows: []string{
				`line 2: ? "London" 2018 130 7100`,
				`line 3: ? "Kent Polce" 2018 7 1800`,
				`line 4: E23000032 "Kent" 2018 7 1800`,
			},
			issues: []string{"2:1 info combined-area", "3:1 warning unmatched-force", "5:1 error no-force"},
			messages: [][]string{
				{`"London" is taken as the Metropolitan Police and the City of London Police together`, "never as the Met alone"},
				{`"Kent Polce"`},
				{"force cell is blank", "skipped"},
			},
		},
		{
			file:    "duplicates.csv",
			header:  []string{"Force", "Financial year", "Missing", "Registered"},
			columns: cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
			rows: []string{
				`line 2: E23000032 "Kent" 2016/17 7 1800`,
				`line 4: E23000028 "Essex" 2016/17 9 1500`,
				`line 6: ? "Mars" 2016/17 1 2`,
				`line 8: E23000032 "Kent" 2017/18 6 1790`,
			},
			issues: []string{
				"3:1 error duplicate-row", "5:1 error duplicate-row",
				"6:1 warning unmatched-force", "7:1 warning unmatched-force", "7:1 error duplicate-row",
			},
			messages: [][]string{
				{"Kent Police, 2016/17 appears again (first on line 2)", "skipped"},
				{"ESSEX, 2016/17 appears again (first on line 4)"},
				{`"Mars"`},
				{`"mars"`},
				{"mars, 2016/17 appears again (first on line 6)"},
			},
		},
		{
			file:    "header-only.csv",
			header:  []string{"Force", "Year", "Missing", "Registered"},
			columns: cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			table := readFixture(t, tt.file)
			if table.File != tt.file || !slices.Equal(table.Header, tt.header) || table.Columns != tt.columns {
				t.Errorf("File %q, Header %q, Columns %+v; want %q, %q, %+v",
					table.File, table.Header, table.Columns, tt.file, tt.header, tt.columns)
			}
			var rows, issues []string
			for _, r := range table.All() {
				rows = append(rows, rowSummary(r))
				if r.Matched != (r.Force != police.Force{}) {
					t.Errorf("row on line %d: Matched %v with Force %+v", r.Line, r.Matched, r.Force)
				}
			}
			for _, is := range table.Issues {
				issues = append(issues, issueSummary(is))
				if is.File != tt.file {
					t.Errorf("issue %v names file %q, want %q", is, is.File, tt.file)
				}
			}
			if !slices.Equal(rows, tt.rows) {
				t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(tt.rows, "\n"))
			}
			if !slices.Equal(issues, tt.issues) {
				t.Errorf("issues:\n%s\nwant:\n%s", strings.Join(issues, "\n"), strings.Join(tt.issues, "\n"))
				return
			}
			for i, words := range tt.messages {
				for _, w := range words {
					if !strings.Contains(table.Issues[i].Message, w) {
						t.Errorf("issue %s: message %q lacks %q", tt.issues[i], table.Issues[i].Message, w)
					}
				}
			}
		})
	}
}

func readFixture(t *testing.T, name string) *cube.Table {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	table, err := ReadTable(name, f)
	if err != nil {
		t.Fatalf("ReadTable(%s): %v", name, err)
	}
	return table
}

// The CRLF and BOM fixtures must really hold what they are named for (an
// editor or a checkout may normalise them).
func TestFixtureBytes(t *testing.T) {
	tests := []struct {
		file string
		has  []byte
	}{
		{"crlf.csv", []byte("Registered\r\nAvon")},
		{"bom.csv", []byte("\xEF\xBB\xBFForce,")},
		{"multiline.csv", []byte("\"Thames\nValley Police\"")},
		{"empty.csv", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if tt.has == nil && len(data) != 0 || !bytes.Contains(data, tt.has) {
				t.Errorf("testdata/%s does not hold %q", tt.file, tt.has)
			}
		})
	}
}

// A quote mark inside an unquoted cell is kept as text, with a warning that
// points at it; the row is read.
func TestReadTableBareQuote(t *testing.T) {
	table, err := ReadTable("f.csv", strings.NewReader("Force,Year,Missing,Registered\nKent \"Police\",2018,7,1800\n"))
	if err != nil {
		t.Fatal(err)
	}
	if table.Len() != 1 || table.Row(0).ForceName != `Kent "Police"` {
		t.Fatalf("rows = %+v", table.Rows())
	}
	want := cube.Issue{File: "f.csv", Line: 2, Column: 6, Severity: cube.Warning, Code: "stray-quote"}
	if len(table.Issues) == 0 {
		t.Fatal("no issue reported")
	}
	got := table.Issues[0]
	got.Message = ""
	if got != want {
		t.Errorf("issue = %+v, want %+v", got, want)
	}
}

func TestReadTableErrors(t *testing.T) {
	tests := []struct {
		name   string
		file   string // a fixture, or
		data   string // the file's content
		line   int
		column int
		is     error    // errors.Is target, if any
		words  []string // in the message
	}{
		{name: "empty file", file: "empty.csv", is: decode.ErrEmpty,
			words: []string{"empty.csv: ", "the file is empty"}},
		{name: "blank lines only", data: "\n\r\n  \n,,,\n", is: ErrEmptyFile},
		{name: "byte order mark only", data: "\ufeff", is: ErrEmptyFile},
		{name: "unrecognised headers", file: "unrecognised-headers.csv", line: 1,
			words: []string{"unrecognised-headers.csv, line 1: ", `Headers found: "Constabulary", "When", "Lost", "Total"`,
				`"police force area"`, `"financial year"`, `"whereabouts unknown"`, `"registered sex offenders"`, "Rename the columns"}},
		{name: "header on a later line", data: "\n\nConstabulary,When\n", line: 3,
			words: []string{"line 3: ", "no column for force, period, numerator, denominator"}},
		{name: "text after a closing quote", data: "Force,Year,Missing,Registered\n\"Kent\" Police,2018,7,1800\n",
			line: 2, column: 6, is: csv.ErrQuote, words: []string{"line 2, column 6", "check the quotes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, data := tt.file, []byte(tt.data)
			if name == "" {
				name = "f.csv"
			} else {
				var err error
				if data, err = os.ReadFile(filepath.Join("testdata", tt.file)); err != nil {
					t.Fatal(err)
				}
			}
			table, err := ReadTable(name, bytes.NewReader(data))
			if err == nil {
				t.Fatalf("ReadTable read %d rows, want an error", table.Len())
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %#v, want a *ParseError", err)
			}
			if pe.File != name || pe.Line != tt.line || pe.Column != tt.column {
				t.Errorf("ParseError at %s:%d:%d, want %s:%d:%d", pe.File, pe.Line, pe.Column, name, tt.line, tt.column)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			for _, w := range tt.words {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestReadTableHeaderError(t *testing.T) {
	_, err := ReadTable("h.csv", strings.NewReader("Force,Year,Lost,Total\nKent,2018,7,1800\n"))
	var he *HeaderError
	if !errors.As(err, &he) || !slices.Equal(he.Missing, []cube.Role{cube.RoleNumerator, cube.RoleDenominator}) {
		t.Fatalf("error %v, want a HeaderError missing both measures", err)
	}
}

// A file of one measure (registered counts only) is read; its rows have no
// numerator, and Combine pairs them with another file's.
func TestReadTableOneMeasure(t *testing.T) {
	table, err := ReadTable("r.csv", strings.NewReader("Force,Year,Lost,Registered\nKent,2018,7,1800\n"))
	if err != nil {
		t.Fatal(err)
	}
	if table.Len() != 1 || table.Row(0).Numerator.Kind != cube.CountNotGiven {
		t.Fatalf("rows = %+v", table.Rows())
	}
	if v, ok := table.Row(0).Denominator.Value(); !ok || v != 1800 {
		t.Errorf("denominator = %+v", table.Row(0).Denominator)
	}
}

// A quote left open swallows the following lines and is noticed only at the
// end of the file: the error points at the line where its row starts.
func TestReadTableUnterminatedQuote(t *testing.T) {
	data := "Force,Year,Missing,Registered\nKent,2018,7,1800\n\"Essex,2018,9,1500\nSurrey,2018,2,900\n"
	_, err := ReadTable("q.csv", strings.NewReader(data))
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, csv.ErrQuote) {
		t.Fatalf("error %v, want a ParseError for a quote", err)
	}
	if pe.Line != 3 || pe.Column != 0 {
		t.Errorf("quote opened on line 3 reported at line %d, column %d; want line 3", pe.Line, pe.Column)
	}
	for _, w := range []string{"q.csv, line 3: ", "noticed on line 4, column 19", "check the quotes in the row that starts on this line"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
}

func TestReadTableReaderError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := ReadTable("r.csv", iotest.ErrReader(boom))
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, boom) || pe.File != "r.csv" {
		t.Errorf("error %v, want a ParseError naming r.csv wrapping the read error", err)
	}
}

func TestReadTableInline(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		rows   []string
		issues []string
	}{
		{
			name:   "duplicate column is reported on the header line",
			data:   "Force,Year,Missing,Registered,Area\nKent,2018,7,1800,Essex\n",
			rows:   []string{`line 2: E23000032 "Kent" 2018 7 1800`},
			issues: []string{"1:5 warning duplicate-column"},
		},
		{
			name: "blank lines and blank rows are skipped, lines still count",
			data: "\n\nForce,Year,Missing,Registered\n\nKent,2018,7,1800\n,,,\n  ,, ,\nEssex,2018,9,1500\n",
			rows: []string{`line 5: E23000032 "Kent" 2018 7 1800`, `line 8: E23000028 "Essex" 2018 9 1500`},
		},
		{
			name: "no final newline",
			data: "Force,Year,Missing,Registered\nKent,2018,7,1800",
			rows: []string{`line 2: E23000032 "Kent" 2018 7 1800`},
		},
		{
			name: "CRLF inside a quoted field counts as one line break",
			data: "Force,Year,Missing,Registered\r\n\"Kent\r\nPolice\",2018,7,1800\r\nEssex,2018,9,1500\r\n",
			rows: []string{`line 2: E23000032 "Kent\nPolice" 2018 7 1800`, `line 4: E23000028 "Essex" 2018 9 1500`},
		},
		{
			name:   "force name is trimmed",
			data:   "Force,Year,Missing,Registered\n  Kent Police  ,2018,7,1800\n   ,2018,1,1\n",
			rows:   []string{`line 2: E23000032 "Kent Police" 2018 7 1800`},
			issues: []string{"3:1 error no-force"},
		},
		{
			name:   "a different period kind is a different row, not a duplicate",
			data:   "Force,Period,Missing,Registered\nKent,2018,7,1800\nKent,2018/19,7,1800\nKent,Jan 2018,1,1800\nKent,2018-01,1,1800\n",
			rows:   []string{`line 2: E23000032 "Kent" 2018 7 1800`, `line 3: E23000032 "Kent" 2018/19 7 1800`, `line 4: E23000032 "Kent" 2018-01 1 1800`},
			issues: []string{"5:1 error duplicate-row"},
		},
		{
			name:   "row with only a force",
			data:   "Force,Year,Missing,Registered\nKent\n",
			issues: []string{"2:2 warning field-count", "2:2 error bad-period"},
		},
		{
			name: "columns in another order, extra columns ignored",
			data: "Notes,RSOs,As at,Police Force Area,Whereabouts unknown\nx,\"1,800\",31/03/2017,Kent Police,7\n",
			rows: []string{`line 2: E23000032 "Kent Police" 2017-03-31 7 1800`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, err := ReadTable("in.csv", strings.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			var rows, issues []string
			for _, r := range table.All() {
				rows = append(rows, rowSummary(r))
			}
			for _, is := range table.Issues {
				issues = append(issues, issueSummary(is))
			}
			if !slices.Equal(rows, tt.rows) {
				t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(tt.rows, "\n"))
			}
			if !slices.Equal(issues, tt.issues) {
				t.Errorf("issues:\n%s\nwant:\n%s", strings.Join(issues, "\n"), strings.Join(tt.issues, "\n"))
			}
		})
	}
}

func TestIssueAndParseErrorStrings(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"issue with line and column",
			cube.Issue{File: "a.csv", Line: 3, Column: 4, Severity: cube.Warning, Code: "x", Message: "check this"}.String(),
			"a.csv, line 3, column 4: warning: check this"},
		{"issue with a line only",
			cube.Issue{File: "a.csv", Line: 3, Severity: cube.Error, Message: "m"}.String(),
			"a.csv, line 3: error: m"},
		{"issue about the file",
			cube.Issue{File: "a.csv", Severity: cube.Info, Message: "m"}.String(),
			"a.csv: info: m"},
		{"parse error with a place",
			(&ParseError{File: "a.csv", Line: 2, Column: 6, Err: errors.New("bad")}).Error(),
			"a.csv, line 2, column 6: bad"},
		{"parse error about the file",
			(&ParseError{File: "a.csv", Err: ErrEmptyFile}).Error(),
			"a.csv: the file is empty: there is no header row; check that this is the file you meant (a download that failed is often empty) and add it again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
