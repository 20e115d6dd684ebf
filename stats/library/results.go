package library

import (
	"bytes"
	"context"

	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// results computes a dataset's results with the current interval method.
//
// The page asks for the view, results.csv and results.json of a dataset at
// once. They share one computation: the callers hold computing, so that one
// runs at a time, and the last one is kept for the next call.
func (l *Library) results(ctx context.Context, id string) (Dataset, *cube.Table, analysis.Results, error) {
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return meta, nil, analysis.Results{}, err
	}
	method := l.Method(ctx)
	key, err := l.reportKey(meta, method)
	if err != nil {
		return meta, nil, analysis.Results{}, err
	}
	key = id + "\x00" + key
	l.lastMu.Lock()
	last := l.last
	l.lastMu.Unlock()
	if last.key == key {
		return meta, last.table, last.results, nil
	}
	t, err := l.table(ctx, id, s)
	if err != nil {
		return meta, nil, analysis.Results{}, err
	}
	t = analysis.WithNameMap(t, meta.NameMap)
	t = withMeasureNames(t, meta.MeasureNames)
	res := analysis.Compute(t, method)
	res.Mark = meta.Mark
	l.lastMu.Lock()
	l.last = lastResults{key: key, table: t, results: res}
	l.lastMu.Unlock()
	return meta, t, res, nil
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

// lastResults is the last computation, kept for the calls that follow it.
type lastResults struct {
	key     string
	table   *cube.Table
	results analysis.Results
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

// Results is the page's view of a dataset, worked out now.
func (l *Library) Results(ctx context.Context, id string) (DatasetResults, error) {
	l.computing.Lock()
	defer l.computing.Unlock()
	meta, t, res, err := l.results(ctx, id)
	if err != nil {
		return DatasetResults{}, err
	}
	rep := report.NewReport(t, res)
	if claims := report.TotalClaims(res, report.CoverageOf(meta.Sources)); len(claims) > 0 {
		rep.Claims = claims
	}
	return DatasetResults{Dataset: meta, Report: rep}, nil
}

// ResultsCSV is results.csv for a dataset.
func (l *Library) ResultsCSV(ctx context.Context, id string) (string, error) {
	l.computing.Lock()
	defer l.computing.Unlock()
	_, _, res, err := l.results(ctx, id)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := report.WriteResultsCSV(&b, report.ResultRows(res)); err != nil {
		return "", err
	}
	return b.String(), nil
}

// ResultsJSON is results.json for a dataset: the rows of results.csv with
// the method and the app version.
func (l *Library) ResultsJSON(ctx context.Context, id string) (string, error) {
	l.computing.Lock()
	defer l.computing.Unlock()
	meta, _, res, err := l.results(ctx, id)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := report.WriteResultsJSON(&b, report.NewResultsFile(meta.Name, meta.Files, res)); err != nil {
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

// DataCSV is data.csv of a dataset: each of its files read again as it was
// added (with its mapping and values chosen by hand), every observation as
// read (report.WriteDataCSV). It is written when asked for, never kept.
func (l *Library) DataCSV(ctx context.Context, id string) (string, error) {
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return "", err
	}
	originals, err := s.Originals(ctx, meta.ID)
	if err != nil {
		return "", err
	}
	tables, err := tablesOf(meta, originals)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := report.WriteDataCSV(&b, tables); err != nil {
		return "", err
	}
	return b.String(), nil
}
