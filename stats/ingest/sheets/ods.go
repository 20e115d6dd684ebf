package sheets

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// An OpenDocument spreadsheet is a zip whose content.xml holds its tables:
// table:table > table:table-row > table:table-cell, with repeats
// (number-rows-repeated, number-columns-repeated) for runs of equal rows and
// cells, and a typed value beside the text shown (office:value-type with
// office:value, office:date-value). No library of the Go ecosystem reads it
// that is kept up; archive/zip and encoding/xml, already in the engine, do,
// in about 150 lines.

const (
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
)

// maxRepeat bounds one repeat of rows or cells that is kept as cells: a
// sheet ends with a run of a million empty rows, which is dropped.
const maxRepeat = 1000

func openODS(z *zip.Reader) (Workbook, error) {
	var content *zip.File
	for _, f := range z.File {
		if f.Name == "content.xml" {
			content = f
		}
	}
	rc, err := content.Open()
	if err != nil {
		return Workbook{}, err
	}
	defer rc.Close()
	wb := Workbook{Kind: ODS}
	d := xml.NewDecoder(rc)
	var sheet *Sheet
	var row []string
	rowRepeat, rowHidden := 1, false
	cells := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return wb, nil
		}
		if err != nil {
			return Workbook{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Space == nsTable && t.Name.Local == "table":
				wb.Sheets = append(wb.Sheets, Sheet{Name: attr(t, nsTable, "name")})
				sheet = &wb.Sheets[len(wb.Sheets)-1]
			case sheet != nil && t.Name.Space == nsTable && t.Name.Local == "table-row":
				row = nil
				rowRepeat = repeat(attr(t, nsTable, "number-rows-repeated"))
				v := attr(t, nsTable, "visibility")
				rowHidden = v == "collapsed" || v == "filter"
			case sheet != nil && t.Name.Space == nsTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell"):
				text, err := cellText(d, t)
				if err != nil {
					return Workbook{}, err
				}
				n := repeat(attr(t, nsTable, "number-columns-repeated"))
				if text == "" && n > maxRepeat {
					n = 1 // a run of empty cells to the sheet's edge
				}
				for range n {
					row = append(row, text)
				}
				cells += n
				if cells > maxCells {
					return Workbook{}, ErrTooLarge
				}
			}
		case xml.EndElement:
			if sheet != nil && t.Name.Space == nsTable && t.Name.Local == "table-row" {
				if isBlank(row) && rowRepeat > maxRepeat {
					rowRepeat = 1 // the empty rows to the sheet's end
				}
				for range rowRepeat {
					sheet.Rows = append(sheet.Rows, row)
					if rowHidden && !isBlank(row) {
						sheet.Hidden = append(sheet.Hidden, len(sheet.Rows))
					}
				}
				cells += len(row) * (rowRepeat - 1)
				if cells > maxCells {
					return Workbook{}, ErrTooLarge
				}
			}
			if t.Name.Space == nsTable && t.Name.Local == "table" && sheet != nil {
				sheet.Rows = sheet.Rows[:sheet.Used()]
				sheet = nil
			}
		}
	}
}

// cellText reads one cell to its end: its typed value where it has one
// (a float as a number, a date as its date), else the text of its
// paragraphs, joined by a space.
func cellText(d *xml.Decoder, start xml.StartElement) (string, error) {
	var value string
	switch attr(start, nsOffice, "value-type") {
	case "float", "percentage", "currency":
		value = numberText(attr(start, nsOffice, "value"))
	case "date":
		value = attr(start, nsOffice, "date-value")
		if len(value) > 10 && strings.HasSuffix(value, "T00:00:00") {
			value = value[:10]
		}
	case "boolean":
		value = attr(start, nsOffice, "boolean-value")
	}
	var paras []string
	var b strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Space == nsText && t.Name.Local == "s" {
				b.WriteString(strings.Repeat(" ", repeat(attr(t, nsText, "c"))))
			}
		case xml.CharData:
			b.Write(t)
		case xml.EndElement:
			if depth == 0 {
				if b.Len() > 0 {
					paras = append(paras, b.String())
				}
				if value != "" {
					return value, nil
				}
				return strings.Join(paras, " "), nil
			}
			depth--
			if t.Name.Space == nsText && t.Name.Local == "p" {
				paras = append(paras, b.String())
				b.Reset()
			}
		}
	}
}

func attr(e xml.StartElement, space, local string) string {
	for _, a := range e.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func repeat(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 1
	}
	return n
}
