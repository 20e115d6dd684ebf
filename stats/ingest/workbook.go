package ingest

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest/sheets"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
)

// A workbook (.xlsx, .ods) is read a sheet at a time, each sheet as the CSV
// text of its rows (package sheets), through the same reader as a CSV file.
// Official tables put a cover, contents and notes before their tables: the
// sheet read is the one a person chose (Mapping.Sheet), else the first that
// reads as a table of force figures. What was read, and which sheets were
// not, is said.

// readData reads a file's bytes, a workbook or text, with a person's
// mapping when m is not nil. owned is as for sourceOf.
func readData(file string, data []byte, owned bool, m *Mapping, p *progress) (*cube.Table, error) {
	if sheets.IsWorkbook(data) {
		return readWorkbook(file, data, m, p)
	}
	src, err := sourceOf(file, data, owned, p)
	if err != nil {
		return nil, err
	}
	if m != nil {
		return readMapped(file, src, *m, p)
	}
	return readLong(file, src, p)
}

// readFrom is readData of everything r gives.
func readFrom(file string, r io.Reader, m *Mapping, p *progress) (*cube.Table, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, &ParseError{File: file, Err: err}
	}
	return readData(file, data, true, m, p)
}

// openWorkbook opens a workbook, or says why it cannot be read in the
// words of the file's other errors.
func openWorkbook(file string, data []byte) (sheets.Workbook, error) {
	wb, err := sheets.Open(data)
	if errors.Is(err, sheets.ErrNotWorkbook) {
		return wb, &ParseError{File: file, Err: fmt.Errorf("this is %v: if it holds a table, save it as \"CSV UTF-8\"", err)}
	}
	if err != nil {
		return wb, &ParseError{File: file, Err: fmt.Errorf("the workbook could not be read (%v): open it in your spreadsheet program and save the sheet as \"CSV UTF-8\"", err)}
	}
	return wb, nil
}

func readWorkbook(file string, data []byte, m *Mapping, p *progress) (*cube.Table, error) {
	wb, err := openWorkbook(file, data)
	if err != nil {
		return nil, err
	}
	var names, failed []string
	for _, s := range wb.Sheets {
		names = append(names, s.Name)
	}
	for _, s := range wb.Sheets {
		if m != nil && m.Sheet != "" && s.Name != m.Sheet {
			continue
		}
		if s.Used() == 0 {
			failed = append(failed, fmt.Sprintf("%q is empty", s.Name))
			continue
		}
		src, err := sourceOf(file, s.CSV(), true, p)
		var t *cube.Table
		if err == nil {
			if m != nil {
				t, err = readMapped(file, src, *m, p)
			} else {
				t, err = readLong(file, src, p)
			}
		}
		if errors.Is(err, ErrCancelled) {
			return nil, err
		}
		if err != nil {
			failed = append(failed, fmt.Sprintf("%q: %s", s.Name, sheetError(err)))
			continue
		}
		t.Health.Sheet = s.Name
		others := ""
		if len(names) > 1 {
			others = fmt.Sprintf(" (of %d: %s)", len(names), quoteList(names))
		}
		t.Note(1, 1, cube.Info, "workbook-sheet", fmt.Sprintf(
			"this %s workbook was read from its sheet %q%s; its lines are the sheet's rows. To read another sheet, choose it in the column mapping",
			strings.ToUpper(string(wb.Kind)), words.Shorten(s.Name, 60), others))
		if len(failed) > 0 {
			t.Note(1, 1, cube.Info, "workbook-sheets-skipped", "sheets before it were not read: "+strings.Join(failed, "; "))
		}
		if len(s.Hidden) > 0 {
			t.Note(s.Hidden[0], 1, cube.Warning, "hidden-rows", fmt.Sprintf(
				"%d rows of the sheet are hidden in the workbook (the first is row %d): they were read like the others; check that they belong in the figures",
				len(s.Hidden), s.Hidden[0]))
		}
		return t, nil
	}
	if m != nil && m.Sheet != "" && len(failed) == 0 {
		return nil, &ParseError{File: file, Err: fmt.Errorf("%w: the workbook has no sheet %q; its sheets are %s", ErrBadMapping, m.Sheet, quoteList(names))}
	}
	return nil, &ParseError{File: file, Err: fmt.Errorf("no sheet of this workbook reads as a table of force figures: %s. Choose the sheet and its columns by hand", strings.Join(failed, "; "))}
}

// sheetError is a sheet's error without the file's name, which the
// workbook's error gives once.
func sheetError(err error) string {
	var pe *ParseError
	if errors.As(err, &pe) {
		s := pe.Err.Error()
		if pe.Line > 0 {
			s = fmt.Sprintf("row %d: %s", pe.Line, s)
		}
		return words.Shorten(s, 200)
	}
	return words.Shorten(err.Error(), 200)
}
