package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"strconv"
	"strings"
)

// Kind is the kind of a workbook.
type Kind string

const (
	XLSX Kind = "xlsx"
	ODS  Kind = "ods"
)

// Workbook is the sheets of a file, in the order the workbook lists them.
type Workbook struct {
	Kind   Kind
	Sheets []Sheet
}

// Sheet is one sheet's rows; Rows[i] is row i+1 of the sheet.
type Sheet struct {
	Name string
	Rows [][]string
	// Hidden are the numbers of the rows hidden in the workbook (rows a
	// filter hides, say): read like any other, and said.
	Hidden []int
}

// ErrNotWorkbook is returned for a zip file that is no workbook this
// package reads.
var ErrNotWorkbook = errors.New("a zip file that is neither an Excel workbook (.xlsx) nor an OpenDocument spreadsheet (.ods)")

// maxCells bounds a workbook's cells: a sheet whose used range runs to
// row 1,048,576 because of one stray format must not fill memory with
// empty cells.
const maxCells = 20_000_000

// ErrTooLarge is returned for a workbook of more than maxCells cells.
var ErrTooLarge = errors.New("the workbook has more than 20 million cells: save the sheet you need as CSV")

// IsWorkbook says whether data is a zip file (every workbook this package
// reads is one).
func IsWorkbook(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// Open reads every sheet of a workbook.
func Open(data []byte) (Workbook, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Workbook{}, ErrNotWorkbook
	}
	for _, f := range z.File {
		switch f.Name {
		case "xl/workbook.xml":
			return openXLSX(data)
		case "content.xml":
			return openODS(z)
		}
	}
	return Workbook{}, ErrNotWorkbook
}

// CSV writes the sheet as CSV text, a line a row.
func (s Sheet) CSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, r := range s.Rows {
		if isBlank(r) {
			w.Flush()
			b.WriteByte('\n')
			continue
		}
		_ = w.Write(r)
	}
	w.Flush()
	return b.Bytes()
}

func isBlank(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Used is the number of rows up to the last that is not blank.
func (s Sheet) Used() int {
	n := len(s.Rows)
	for n > 0 && isBlank(s.Rows[n-1]) {
		n--
	}
	return n
}

// numberText writes a number as Excel shows it in General format: up to
// 15 significant digits, so that the binary artefacts of a stored value
// (5516.6500000000015) go; text that is no number is returned as it is.
func numberText(v string) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	s := strconv.FormatFloat(f, 'g', 15, 64)
	if strings.ContainsAny(s, "e") {
		// Keep plain digits: a count of 1e+06 reads as no count.
		s = strconv.FormatFloat(f, 'f', -1, 64)
		if g, err := strconv.ParseFloat(s, 64); err == nil && g == math.Trunc(g) {
			return s
		}
	}
	return s
}
