package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
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

// bucketPeriods rewrites each period cell as the label of its bucket; a cell
// that is not a period, or a period longer than the bucket (a year put into
// months), is left for the reader to report.
func bucketPeriods(body [][]string, col int, bucket string) error {
	to, ok := buckets[bucket]
	if !ok {
		return fmt.Errorf("%w: periods can be grouped by year, financial-year or month, not %q", ErrBadMapping, bucket)
	}
	cache := map[string]string{}
	for _, rec := range body {
		if col >= len(rec) {
			continue
		}
		label, seen := cache[rec[col]]
		if !seen {
			label = rec[col]
			if p, err := cube.ParsePeriod(rec[col]); err == nil {
				if b := to(p); !p.End.After(b.End) {
					label = b.Label
				}
			}
			if len(cache) < maxCachedPeriods {
				cache[rec[col]] = label
			}
		}
		rec[col] = label
	}
	return nil
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
}

// maxCategoryValues is the most distinct values a column may have to be
// offered as a category to filter on.
const maxCategoryValues = 60

// previewRows is how many rows below the header a preview shows.
const previewRows = 8

// PreviewFile decodes a file and guesses its header row and columns. With
// headerLine > 0 the row starting on that line is taken as the header.
func PreviewFile(file string, r io.Reader, headerLine int) (Preview, error) {
	src, err := readSource(file, r, nil)
	if err != nil {
		return Preview{}, err
	}
	text, records, lines, delim := src.text, src.records, src.lines, src.delim
	at, m, _, _, _ := findHeader(records)
	if i := slices.Index(lines, headerLine); headerLine > 0 && i >= 0 {
		at = i
		m, _, _ = MapColumns(records[at])
	}
	p := Preview{
		File:   file,
		Health: cube.Health{Encoding: text.Encoding, Delimiter: cube.DelimiterName(delim), LineEndings: text.LineEndings, HeaderLine: lines[at]},
		Header: records[at],
		Guess: Mapping{HeaderLine: lines[at], Force: m.Force, Period: m.Period,
			Numerator: m.Numerator, Denominator: m.Denominator},
	}
	for _, rec := range records[at+1 : min(len(records), at+1+previewRows)] {
		p.Rows = append(p.Rows, rec)
	}
	p.Categories = categoryValues(len(p.Header), records[at+1:])
	return p, nil
}

// categoryValues returns each column's distinct values, in the order they
// first appear, when the column holds text (not counts) with at most
// maxCategoryValues of them and repeats them; nil for other columns.
func categoryValues(width int, rows [][]string) [][]string {
	out := make([][]string, width)
	for col := range width {
		seen := map[string]bool{}
		var values []string
		text := false
		for _, rec := range rows {
			v := strings.TrimSpace(cellAt(rec, col))
			if v == "" || seen[strings.ToLower(v)] {
				continue
			}
			if len(values) == maxCategoryValues || len(v) > police.MaxNameLength {
				values = nil
				break
			}
			seen[strings.ToLower(v)] = true
			values = append(values, v)
			text = text || cube.ParseCount(v).Kind == cube.CountInvalid
		}
		if text && len(values) > 1 && len(values) < len(rows) {
			out[col] = values
		}
	}
	return out
}

// source is a file decoded and split into records, with where each starts.
type source struct {
	text      Text
	delim     rune
	bareQuote *csv.ParseError // the first quote kept inside an unquoted cell, if any
	records   [][]string
	lines     []int
}

// readSource decodes a file, sniffs its delimiter and splits it into
// records: what every way of reading a file starts with.
func readSource(file string, r io.Reader, p *progress) (source, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return source{}, &ParseError{File: file, Err: err}
	}
	text, err := DecodeText(data)
	if err != nil {
		return source{}, &ParseError{File: file, Err: err}
	}
	src := source{text: text, delim: SniffDelimiter(text.Text)}
	src.records, src.lines, src.bareQuote, err = splitRecords(text.Text, src.delim, p)
	if errors.Is(err, ErrCancelled) {
		return source{}, p.cancelled(file)
	}
	if err != nil {
		return source{}, withFile(err, file)
	}
	if len(src.records) == 0 {
		return source{}, &ParseError{File: file, Err: ErrEmptyFile}
	}
	return src, nil
}

// ErrBadMapping is wrapped by the errors of a mapping that cannot be used.
var ErrBadMapping = errors.New("the column mapping cannot be used")

// ReadTableWith reads a long-format file with the columns a person chose.
// Everything else is as ReadTable: the same checks, issues and health.
func ReadTableWith(file string, r io.Reader, m Mapping) (*cube.Table, error) {
	return readTableWith(file, r, m, nil)
}

func readTableWith(file string, r io.Reader, m Mapping, p *progress) (*cube.Table, error) {
	src, err := readSource(file, r, p)
	if err != nil {
		return nil, err
	}
	text, records, lines, delim := src.text, src.records, src.lines, src.delim
	at := -1
	for i, line := range lines {
		if line == m.HeaderLine {
			at = i
		}
	}
	if at < 0 {
		return nil, &ParseError{File: file, Err: fmt.Errorf("%w: there is no row starting on line %d", ErrBadMapping, m.HeaderLine)}
	}
	header := records[at]
	body := records[at+1:]
	columns := cube.ColumnMap{Force: m.Force, Period: m.Period, Numerator: m.Numerator, Denominator: m.Denominator}
	if m.CountRows {
		if m.Numerator >= 0 {
			return nil, &ParseError{File: file, Line: m.HeaderLine, Err: fmt.Errorf("%w: counting rows replaces the numerator column: choose one or the other", ErrBadMapping)}
		}
		// Each row is one event: a last column of 1s is its numerator. A
		// row with no period gets none, so that a note below the records
		// ("Source: ...") is still seen as a note.
		header = append(header[:len(header):len(header)], "rows counted")
		columns.Numerator = len(header) - 1
		body = withColumn(body, len(header)-1, "1")
		if columns.Period >= 0 {
			for _, rec := range body {
				if strings.TrimSpace(cellAt(rec, columns.Period)) == "" {
					rec[columns.Numerator] = ""
				}
			}
		}
	}
	if err := checkMapping(columns, len(header), m.FixedPeriod); err != nil {
		return nil, &ParseError{File: file, Line: m.HeaderLine, Err: err}
	}
	if m.Bucket != "" && columns.Period >= 0 {
		body = cloneRecords(body)
		if err := bucketPeriods(body, columns.Period, m.Bucket); err != nil {
			return nil, &ParseError{File: file, Line: m.HeaderLine, Err: err}
		}
	}
	if columns.Period < 0 {
		// Every row has the one period given: add it as a last column.
		header = append(header[:len(header):len(header)], "period (given)")
		columns.Period = len(header) - 1
		body = withColumn(body, len(header)-1, m.FixedPeriod)
	}
	t := &reader{Table: &cube.Table{File: file, Header: header, Columns: columns, Health: cube.Health{
		Encoding: text.Encoding, Delimiter: cube.DelimiterName(delim), LineEndings: text.LineEndings,
		HeaderLine: m.HeaderLine, NULs: text.NULs,
	}}}
	t.noteReading(text, src.bareQuote, lines[:at])
	t.Note(m.HeaderLine, 1, cube.Info, "mapped-by-hand", "the columns were chosen by hand: "+describeMapping(header, columns))
	for _, f := range m.Filters {
		if f.Column < 0 || f.Column >= len(header) || f.Column == columns.Force || f.Column == columns.Period {
			return nil, &ParseError{File: file, Line: m.HeaderLine, Err: fmt.Errorf("%w: a filter names column %d, which is not a category column", ErrBadMapping, f.Column+1)}
		}
	}
	t.filters = m.Filters
	t.countRows = m.CountRows
	t.progress = p
	bound, err := bind(body, columns, p)
	if err != nil {
		return nil, &ParseError{File: file, Err: err}
	}
	t.addRows(bound, body, lines[at+1:], nil)
	if err := p.cancelled(file); err != nil {
		return nil, err
	}
	t.Health.RowsRead = len(body)
	t.Health.RowsKept = t.Len()
	t.Health.RowsSkipped = len(body) - t.Len()
	return t.Table, nil
}

func checkMapping(c cube.ColumnMap, width int, fixedPeriod string) error {
	for _, col := range []struct {
		name string
		at   int
	}{{"force", c.Force}, {"period", c.Period}, {"numerator", c.Numerator}, {"denominator", c.Denominator}} {
		if col.at >= width || col.at < -1 {
			return fmt.Errorf("%w: the %s column %d is not in the header's %d columns", ErrBadMapping, col.name, col.at+1, width)
		}
	}
	switch {
	case c.Force < 0:
		return fmt.Errorf("%w: choose the column that names the force", ErrBadMapping)
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

// withColumn returns the records with value added as column at (padding
// short records with empty cells first).
func withColumn(body [][]string, at int, value string) [][]string {
	out := make([][]string, len(body))
	for i, rec := range body {
		padded := append(make([]string, 0, at+1), rec...)
		for len(padded) < at {
			padded = append(padded, "")
		}
		out[i] = append(padded[:at], value)
	}
	return out
}

func cloneRecords(body [][]string) [][]string {
	out := make([][]string, len(body))
	for i, rec := range body {
		out[i] = slices.Clone(rec)
	}
	return out
}
