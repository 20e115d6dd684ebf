package library

import (
	"bytes"
	"context"
	"io"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// frame is a dataset's table put in order for its statistics with the
// current interval method (analysis.Frame).
//
// The page asks for the view, then perhaps results.csv and results.json of
// the same dataset. They share one frame: the callers hold computing, so
// that one runs at a time, and the last one is kept for the next call.
func (l *Library) frame(ctx context.Context, id string) (Dataset, *cube.Table, *analysis.Frame, error) {
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return meta, nil, nil, err
	}
	method := l.Method(ctx)
	key, err := l.reportKey(meta, method)
	if err != nil {
		return meta, nil, nil, err
	}
	key = id + "\x00" + key
	l.lastMu.Lock()
	last := l.last
	l.lastMu.Unlock()
	if last.key == key {
		return meta, last.table, last.frame, nil
	}
	l.forgetResults() // the last frame's memory is the next one's
	if err := l.checkBudget(ctx, "working out the view of "+meta.Name, viewNeed(meta.Rows),
		"Download its original files and import them again with the dates grouped by month or by year, or delete other datasets the engine has open."); err != nil {
		return meta, nil, nil, err
	}
	t, err := l.table(ctx, id, s)
	if err != nil {
		return meta, nil, nil, err
	}
	t = analysis.WithNameMap(t, meta.NameMap)
	t = withMeasureNames(t, meta.MeasureNames)
	f := analysis.NewFrame(t, method)
	l.lastMu.Lock()
	l.last = lastResults{key: key, table: t, frame: f}
	l.lastMu.Unlock()
	return meta, t, f, nil
}

// withMeasureNames is t with the measures named as chosen in the page, where
// a name was chosen; t itself is shared and never changed.
func withMeasureNames(t *cube.Table, names [2]string) *cube.Table {
	if names == [2]string{} {
		return t
	}
	named := *t // a shallow copy: the rows are read, never written
	for m, n := range names {
		if n != "" {
			named.Measures[m] = n
		}
	}
	return &named
}

// lastResults is the last frame, kept for the calls that follow it.
type lastResults struct {
	key   string
	table *cube.Table
	frame *analysis.Frame
}

// forgetResults lets the last computation go, before an import needs the
// memory.
func (l *Library) forgetResults() {
	l.lastMu.Lock()
	l.last = lastResults{}
	l.lastMu.Unlock()
}

// DatasetResults is the page's view of one dataset.
type DatasetResults struct {
	Dataset Dataset       `json:"dataset"`
	Report  report.Report `json:"report"`
}

// Results is the page's view of a dataset, worked out now: the statistics
// of the periods the page shows (report.MaxShownPeriods), the trends over
// every period.
func (l *Library) Results(ctx context.Context, id string) (DatasetResults, error) {
	l.computing.Lock()
	defer l.computing.Unlock()
	meta, t, f, err := l.frame(ctx, id)
	if err != nil {
		return DatasetResults{}, err
	}
	p := len(f.Periods())
	res := f.Results(max(0, p-report.MaxShownPeriods), p)
	res.Mark = meta.Mark
	rep := report.NewReport(t, res)
	if claims := report.TotalClaims(res, report.CoverageOf(meta.Sources)); len(claims) > 0 {
		rep.Claims = claims
	}
	return DatasetResults{Dataset: meta, Report: rep}, nil
}

// WriteResultsCSV writes results.csv of a dataset to w, a span of periods
// at a time (report.StreamResults): however long the dataset, the engine
// holds one span's statistics, never every row. progress, when not nil, is
// told the rows written so far and the rows in all.
func (l *Library) WriteResultsCSV(ctx context.Context, id string, w io.Writer, progress func(done, total int)) error {
	l.computing.Lock()
	defer l.computing.Unlock()
	meta, _, f, err := l.frame(ctx, id)
	if err != nil {
		return err
	}
	return report.StreamResultsCSV(w, f, meta.Mark, progress)
}

// ResultsCSV is results.csv for a dataset, as text.
func (l *Library) ResultsCSV(ctx context.Context, id string) (string, error) {
	var b strings.Builder
	if err := l.WriteResultsCSV(ctx, id, &b, nil); err != nil {
		return "", err
	}
	return b.String(), nil
}

// WriteResultsJSON writes results.json for a dataset to w, the rows of
// results.csv with the method and the app version, a span at a time as
// WriteResultsCSV does.
func (l *Library) WriteResultsJSON(ctx context.Context, id string, w io.Writer, progress func(done, total int)) error {
	l.computing.Lock()
	defer l.computing.Unlock()
	meta, _, f, err := l.frame(ctx, id)
	if err != nil {
		return err
	}
	return report.StreamResultsJSON(w, meta.Name, meta.Files, f, meta.Mark, progress)
}

// ResultsJSON is results.json for a dataset, as text.
func (l *Library) ResultsJSON(ctx context.Context, id string) (string, error) {
	var b strings.Builder
	if err := l.WriteResultsJSON(ctx, id, &b, nil); err != nil {
		return "", err
	}
	return b.String(), nil
}

// IssuesCSV is issues.csv, the health report of a dataset's files.
func (l *Library) IssuesCSV(ctx context.Context, id string) (string, error) {
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return "", err
	}
	t, err := l.table(ctx, meta.ID, s)
	if err != nil {
		return "", err
	}
	// The issues of the view: with the names mapped by hand, as the page
	// lists and counts them.
	t = analysis.WithNameMap(t, meta.NameMap)
	var b bytes.Buffer
	if err := report.WriteIssuesCSV(&b, t.Issues); err != nil {
		return "", err
	}
	return b.String(), nil
}

// WriteDataCSV writes data.csv of a dataset to w: each of its files read
// again as it was added (with its mapping and values chosen by hand), every
// observation as read (report.DataCSV), one file at a time. It is written
// when asked for, never kept.
func (l *Library) WriteDataCSV(ctx context.Context, id string, w io.Writer) error {
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return err
	}
	originals, err := s.Originals(ctx, meta.ID)
	if err != nil {
		return err
	}
	largest := 0
	for _, f := range originals {
		largest = max(largest, len(f.Bytes))
	}
	if err := l.checkBudget(ctx, "writing data.csv", dataCSVNeed(largest, meta.Rows), "Download the original files instead: they hold every value."); err != nil {
		return err
	}
	d, err := report.NewDataCSV(w)
	if err != nil {
		return err
	}
	if err := eachTableOf(meta, originals, d.Table); err != nil {
		return err
	}
	return d.Close()
}

// DataCSV is data.csv of a dataset, as text (WriteDataCSV).
func (l *Library) DataCSV(ctx context.Context, id string) (string, error) {
	var b strings.Builder
	if err := l.WriteDataCSV(ctx, id, &b); err != nil {
		return "", err
	}
	return b.String(), nil
}
