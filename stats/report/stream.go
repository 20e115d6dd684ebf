package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"

	"github.com/gocarina/gocsv"

	"github.com/foi-explorer/foi-explorer/stats/analysis"
)

// SpanRows is about how many figures' rows the exports work out and write
// at a time: a span of periods holds this many figures (760 bytes each,
// with their rows a little more), however long the dataset.
const SpanRows = 20_000

// spanRows is SpanRows, smaller in tests that need many spans.
var spanRows = SpanRows

// streamRows gives results.csv's rows in order, a span of periods at a time
// (every figure's row, then every all-forces row), with progress after
// each span.
func streamRows(f *analysis.Frame, mark string, progress func(done, total int), write func([]ResultRow) error) error {
	aggs := f.Aggregates()
	total, done := f.FigureCount()+len(aggs), 0
	for _, span := range f.Spans(spanRows) {
		res := f.Results(span[0], span[1])
		res.Mark = mark
		rows := figureRows(res)
		if err := write(rows); err != nil {
			return err
		}
		done += len(rows)
		if progress != nil {
			progress(done, total)
		}
	}
	if err := write(aggregateRows(aggs, f.Measures(), mark)); err != nil {
		return err
	}
	if progress != nil {
		progress(total, total)
	}
	return nil
}

// StreamResultsCSV writes results.csv from a frame a span at a time: the
// same bytes as WriteResultsCSV of ResultRows(Compute(...)), in the memory
// of one span.
func StreamResultsCSV(w io.Writer, f *analysis.Frame, mark string, progress func(done, total int)) error {
	cw := gocsv.NewSafeCSVWriter(csv.NewWriter(w))
	header := true
	err := streamRows(f, mark, progress, func(rows []ResultRow) error {
		if len(rows) == 0 {
			return nil
		}
		rows = safeRows(rows)
		if header {
			header = false
			return gocsv.MarshalCSV(rows, cw)
		}
		return gocsv.MarshalCSVWithoutHeaders(rows, cw)
	})
	if err != nil {
		return err
	}
	if header {
		return WriteResultsCSV(w, nil)
	}
	return nil
}

// StreamResultsJSON writes results.json from a frame a span at a time: the
// same bytes as WriteResultsJSON of NewResultsFile, in the memory of one
// span.
func StreamResultsJSON(w io.Writer, dataset string, files []string, f *analysis.Frame, mark string, progress func(done, total int)) error {
	head := NewResultsFile(dataset, files, analysis.Results{Method: f.Method(), Mark: mark})
	b, err := json.MarshalIndent(head, "", " ")
	if err != nil {
		return err
	}
	// The head ends in `"rows": []` and the closing brace: the rows go
	// between the brackets, indented as WriteResultsJSON's encoder does.
	end := bytes.LastIndex(b, []byte("[]"))
	if _, err := w.Write(b[:end+1]); err != nil {
		return err
	}
	first := true
	err = streamRows(f, mark, progress, func(rows []ResultRow) error {
		var out bytes.Buffer
		for _, row := range rows {
			if first {
				out.WriteString("\n  ")
				first = false
			} else {
				out.WriteString(",\n  ")
			}
			j, err := json.MarshalIndent(resultJSON(row), "  ", " ")
			if err != nil {
				return err
			}
			out.Write(j)
		}
		_, err := w.Write(out.Bytes())
		return err
	})
	if err != nil {
		return err
	}
	tail := "]" + string(b[end+2:]) + "\n"
	if !first {
		tail = "\n ]" + string(b[end+2:]) + "\n"
	}
	_, err = io.WriteString(w, tail)
	return err
}
