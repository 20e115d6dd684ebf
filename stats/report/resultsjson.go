package report

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// ResultsFile is results.json: the rows of results.csv, with the method and
// the app version that made them, for people who script against the figures.
type ResultsFile struct {
	App     string   `json:"app"`
	Version string   `json:"version"` // AppVersion
	Dataset string   `json:"dataset"`
	Files   []string `json:"files"`
	// Method is the interval method ("wilson" or "poisson"), and
	// MethodText says the same in words.
	Method     string `json:"method"`
	MethodText string `json:"methodText"`
	Mark       string `json:"mark,omitempty"` // SyntheticMark for practice data
	// Columns are results.csv's header, in order; each row has exactly
	// these keys, in this order.
	Columns []string     `json:"columns"`
	Rows    []resultJSON `json:"rows"`
}

// MethodText describes an interval method in words.
func MethodText(m stats.Method) string {
	if m == stats.Poisson {
		return "rate per 1,000 with Poisson intervals at 95% and 99.8% (exact below 10 events, Byar's approximation from 10)"
	}
	return "rate per 1,000 with Wilson score intervals at 95% and 99.8% (the numerator is a subset of the denominator)"
}

// NewResultsFile is results.json for the results of a dataset.
func NewResultsFile(dataset string, files []string, r analysis.Results) ResultsFile {
	rows := ResultRows(r)
	out := ResultsFile{App: "FOI Explorer", Version: AppVersion(), Dataset: dataset, Files: files,
		Method: r.Method.String(), MethodText: MethodText(r.Method), Mark: r.Mark,
		Columns: ResultColumns(), Rows: make([]resultJSON, len(rows))}
	if out.Files == nil {
		out.Files = []string{}
	}
	for i, row := range rows {
		out.Rows[i] = resultJSON(row)
	}
	return out
}

// WriteResultsJSON writes results.json, indented, ending in a newline.
func WriteResultsJSON(w io.Writer, f ResultsFile) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(f)
}

// resultJSON is a row of results.csv as a JSON object: the same keys in the
// same order as the CSV's columns, and the same values, read from the same
// MarshalCSV methods. Counts, decimals and places are numbers, or null where
// the CSV cell is empty; text is a string as written (JSON needs no guard
// against spreadsheet formulas, so names are not prefixed as in the CSV).
type resultJSON ResultRow

type csvMarshaler interface{ MarshalCSV() (string, error) }

func (r resultJSON) MarshalJSON() ([]byte, error) {
	v := reflect.ValueOf(ResultRow(r))
	t := v.Type()
	var b bytes.Buffer
	b.WriteByte('{')
	for i := range t.NumField() {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(t.Field(i).Tag.Get("csv"))
		b.Write(key)
		b.WriteByte(':')
		f := v.Field(i)
		if m, ok := f.Interface().(csvMarshaler); ok {
			cell, err := m.MarshalCSV()
			if err != nil {
				return nil, err
			}
			switch f.Interface().(type) {
			case cube.Count, Decimal, Place:
				if cell == "" {
					b.WriteString("null")
				} else {
					b.WriteString(cell) // plain decimals and integers are JSON numbers
				}
				continue
			}
			f = reflect.ValueOf(cell)
		}
		var s []byte
		var err error
		if f.Kind() == reflect.String {
			s, err = json.Marshal(f.String())
		} else {
			s, err = json.Marshal(f.Interface())
		}
		if err != nil {
			return nil, err
		}
		b.Write(s)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
