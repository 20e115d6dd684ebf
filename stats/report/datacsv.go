package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// DataColumns are the columns of data.csv, the cube as read. The first five
// are a contract (DESIGN.md): force_code,force_name,period,measure,value;
// later ones may be appended, never renamed.
//
//   - value is the exact count, empty when the value is not exact;
//   - low and high bound it: both the count when exact, the range of a
//     censored count ("<5": 0 and 4), empty when nothing is known;
//   - status is exact, censored, withheld, not given or invalid;
//   - aggregate is "yes" for a published total (all forces, a region, a
//     country), which is kept and checked but never added to its parts;
//   - file, line and column say where the value was read (1-based);
//   - text is the cell as written, where the number alone does not give it
//     back ("<5", "[c]", "1,976", "45*"), and problem why an invalid cell
//     is not a count.
var DataColumns = []string{"force_code", "force_name", "period", "measure", "value",
	"low", "high", "status", "aggregate", "file", "line", "column", "text", "problem"}

// WriteDataCSV writes data.csv: one row per observation of each table, in
// the order the tables and their rows were read. A table's measure that its
// file does not give (a file of numerators only) has no observations. Text
// cells are made safe for spreadsheets (SafeCell).
func WriteDataCSV(w io.Writer, tables []*cube.Table) error {
	d, err := NewDataCSV(w)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if err := d.Table(t); err != nil {
			return err
		}
	}
	return d.Close()
}

// DataCSV writes data.csv a table at a time, so that a dataset of many
// files is written holding one of them.
type DataCSV struct{ cw *csv.Writer }

// NewDataCSV writes data.csv's header to w.
func NewDataCSV(w io.Writer) (*DataCSV, error) {
	cw := csv.NewWriter(w)
	return &DataCSV{cw}, cw.Write(DataColumns)
}

// Table writes the observations of one table.
func (d *DataCSV) Table(t *cube.Table) error {
	cw := d.cw
	for i, r := range t.All() {
		code, name := r.Force.ExportCode(), r.Force.ShortName
		switch {
		case !r.Matched:
			code, name = "", r.ForceName
		case !r.Force.IsTerritorial():
			name = r.Force.Name
		}
		aggregate := ""
		if r.Total {
			aggregate = "yes"
		}
		for m, c := range []cube.Count{r.Numerator, r.Denominator} {
			if t.Measures[m] == "" {
				continue
			}
			value, low, high := "", "", ""
			if v, ok := c.Value(); ok {
				value = strconv.FormatInt(v, 10)
			}
			if l, h, ok := c.Bounds(); ok {
				low, high = strconv.FormatInt(l, 10), strconv.FormatInt(h, 10)
			}
			text := c.Raw
			if c.Kind == cube.CountExact && text == value {
				text = ""
			}
			if err := cw.Write([]string{
				SafeCell(code), SafeCell(name), SafeCell(r.Period.Label), SafeCell(t.Measures[m]), value,
				low, high, Status(c), aggregate, SafeCell(r.File), positive(r.Line), positive(t.ValueColumn(i, m)),
				SafeCell(text), SafeCell(c.Problem),
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Close writes what is buffered.
func (d *DataCSV) Close() error {
	d.cw.Flush()
	return d.cw.Error()
}

// Status is what is known of a count, in a word or two: exact, censored,
// withheld, not given or invalid.
func Status(c cube.Count) string {
	switch c.Kind {
	case cube.CountExact:
		return "exact"
	case cube.CountCensored:
		return "censored"
	case cube.CountSuppressed:
		return "withheld"
	case cube.CountInvalid:
		return "invalid"
	}
	return "not given"
}
