package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
)

// xlsxreader gives a sheet's cells but not its layout: which rows are
// hidden (a filter, or rows a person hid) and which cells are merged (a
// header cell over two columns). Both change how a table reads, so they
// are read here from the sheet's XML, in one streaming pass that keeps
// only those elements.

// xlsxLayout is a sheet's hidden rows (1-based) and merged ranges.
type xlsxLayout struct {
	hidden []int
	merged []cellRange
}

// cellRange is a merged range, 0-based and inclusive.
type cellRange struct{ top, left, bottom, right int }

// readXLSXLayouts reads the layout of every sheet, by name.
func readXLSXLayouts(data []byte) (map[string]xlsxLayout, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := map[string]*zip.File{}
	for _, f := range z.File {
		files[f.Name] = f
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodeXML(files["xl/workbook.xml"], &book); err != nil {
		return nil, err
	}
	if err := decodeXML(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]xlsxLayout{}
	for _, s := range book.Sheets {
		f := files[targets[s.ID]]
		if f == nil {
			continue
		}
		l, err := readLayout(f)
		if err != nil {
			return nil, err
		}
		out[s.Name] = l
	}
	return out, nil
}

func decodeXML(f *zip.File, v any) error {
	if f == nil {
		return errors.New("the workbook lacks a part it needs")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

func readLayout(f *zip.File) (xlsxLayout, error) {
	rc, err := f.Open()
	if err != nil {
		return xlsxLayout{}, err
	}
	defer rc.Close()
	var l xlsxLayout
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return l, nil
		}
		if err != nil {
			return xlsxLayout{}, err
		}
		e, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch e.Name.Local {
		case "row":
			var r, hidden string
			for _, a := range e.Attr {
				switch a.Name.Local {
				case "r":
					r = a.Value
				case "hidden":
					hidden = a.Value
				}
			}
			if n, err := strconv.Atoi(r); err == nil && (hidden == "1" || hidden == "true") {
				l.hidden = append(l.hidden, n)
			}
		case "mergeCell":
			for _, a := range e.Attr {
				if a.Name.Local == "ref" {
					if r, ok := parseRange(a.Value); ok {
						l.merged = append(l.merged, r)
					}
				}
			}
		}
	}
}

// parseRange reads "B1:C2".
func parseRange(ref string) (cellRange, bool) {
	from, to, ok := strings.Cut(ref, ":")
	if !ok {
		return cellRange{}, false
	}
	r1, c1, ok1 := parseCell(from)
	r2, c2, ok2 := parseCell(to)
	if !ok1 || !ok2 || r2 < r1 || c2 < c1 || c2-c1 > 16384 || r2-r1 > 1<<20 {
		return cellRange{}, false
	}
	return cellRange{top: r1, left: c1, bottom: r2, right: c2}, true
}

// parseCell reads "AB12" as row 11, column 27 (0-based).
func parseCell(ref string) (row, col int, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A') + 1
		i++
	}
	n, err := strconv.Atoi(ref[i:])
	if i == 0 || err != nil || n < 1 {
		return 0, 0, false
	}
	return n - 1, col - 1, true
}

// applyLayout notes the hidden rows and fills each merged range whose
// value is text with that text, so that a header written once over two
// columns heads both. A merged number is left in its one cell: repeated,
// it would be counted again.
func (s *Sheet) applyLayout(l xlsxLayout) {
	s.Hidden = l.hidden
	for _, m := range l.merged {
		if m.top >= len(s.Rows) || m.left >= len(s.Rows[m.top]) {
			continue
		}
		v := s.Rows[m.top][m.left]
		if strings.TrimSpace(v) == "" || numberText(v) != v || m.bottom-m.top > 100 || m.right-m.left > 100 {
			continue
		}
		for r := m.top; r <= m.bottom && r < len(s.Rows); r++ {
			for len(s.Rows[r]) <= m.right {
				s.Rows[r] = append(s.Rows[r], "")
			}
			for c := m.left; c <= m.right; c++ {
				if s.Rows[r][c] == "" {
					s.Rows[r][c] = v
				}
			}
		}
	}
}
