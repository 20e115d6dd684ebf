package sheets

import (
	"github.com/thedatashed/xlsxreader"
)

// openXLSX reads an Excel workbook with thedatashed/xlsxreader, chosen over
// excelize by size: in a wasm build it adds about 0.7 MB (0.18 MB gzipped)
// where excelize adds 5.6 MB (1.6 MB gzipped), measured on 2026-12-02
// with Go 1.26 (docs/benchmarks.md). It reads shared strings, inline
// strings, cached formula values and date formats; merged cells and hidden
// rows it does not report are read by xlsxlayout.go.
func openXLSX(data []byte) (Workbook, error) {
	x, err := xlsxreader.NewReader(data)
	if err != nil {
		return Workbook{}, err
	}
	layouts, err := readXLSXLayouts(data)
	if err != nil {
		return Workbook{}, err
	}
	wb := Workbook{Kind: XLSX}
	cells := 0
	for _, name := range x.Sheets {
		s := Sheet{Name: name}
		var rowErr error
		for row := range x.ReadRows(name) {
			if row.Error != nil {
				if rowErr == nil {
					rowErr = row.Error
				}
				continue
			}
			if rowErr != nil || row.Index < 1 {
				continue
			}
			for len(s.Rows) < row.Index {
				s.Rows = append(s.Rows, nil)
			}
			var rec []string
			for _, c := range row.Cells {
				i := c.ColumnIndex()
				if i < 0 || i > 16384 {
					continue
				}
				for len(rec) <= i {
					rec = append(rec, "")
				}
				v := c.Value
				if c.Type == xlsxreader.TypeNumerical {
					v = numberText(v)
				}
				rec[i] = v
				cells++
			}
			if cells > maxCells {
				rowErr = ErrTooLarge
				continue
			}
			s.Rows[row.Index-1] = rec
		}
		if rowErr != nil {
			return Workbook{}, rowErr
		}
		s.applyLayout(layouts[name])
		wb.Sheets = append(wb.Sheets, s)
	}
	return wb, nil
}
