package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// reportKey says what a dataset's report was computed from: the engine's
// build, the interval method and everything in the dataset's description
// that changes a figure (its name does not). A stored report is used only
// under the same key; the table itself cannot change without a Put, which
// drops the report.
func (l *Library) reportKey(meta Dataset, m stats.Method) (string, error) {
	meta.Name = ""
	meta.Persisted = false
	b, err := json.Marshal(meta)
	if err != nil {
		return "", err
	}
	engine := l.buildID
	if engine == "" {
		engine = report.AppVersion()
	}
	sum := sha256.Sum256(append([]byte(engine+"\x00"+m.String()+"\x00"), b...))
	return hex.EncodeToString(sum[:]), nil
}

// ViewJSON is Results as JSON text, from the stored report when it was
// computed under the same key: a reload of a large dataset shows it without
// working every statistic out again. A report computed afresh is stored for
// next time; failing to store it only costs that time.
func (l *Library) ViewJSON(ctx context.Context, id string) (string, error) {
	head, key, s, err := l.ViewHead(ctx, id)
	if err != nil {
		return "", err
	}
	if storedKey, report, err := s.Report(ctx, id); err == nil && storedKey == key && report != "" {
		return head + report + "}", nil
	}
	res, err := l.Results(ctx, id)
	if err != nil {
		return "", err
	}
	// The report as json.Marshal writes it, without checking all of it
	// again (Report.AppendJSON), written in place in the answer: the stored
	// report is that part of it, not another copy.
	b := append([]byte(nil), head...)
	start := len(b)
	b, err = res.Report.AppendJSON(b)
	if err != nil {
		return "", err
	}
	end := len(b)
	view := string(append(b, '}'))
	l.mu.Lock()
	l.reportsComputed++
	l.mu.Unlock()
	_ = s.PutReport(ctx, id, key, view[start:end])
	return view, nil
}

// ViewHead is what a dataset's view starts with, `{"dataset":` its
// description `,"report":` (the report and a closing brace follow), the key
// its stored report must have to be current, and the store that holds it.
// ViewJSON is built on it; so is the engine in wasm, which passes a report
// stored in IndexedDB on to the page as the JavaScript string it already
// is: copied into Go's memory and back, a million-row dataset's 8.7 MB
// report took about 50-70 ms of each reload.
func (l *Library) ViewHead(ctx context.Context, id string) (head, key string, s Store, err error) {
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return "", "", nil, err
	}
	key, err = l.reportKey(meta, l.Method(ctx))
	if err != nil {
		return "", "", nil, err
	}
	metaJSON, err := json.Marshal(meta)
	if err != nil {
		return "", "", nil, err
	}
	return `{"dataset":` + string(metaJSON) + `,"report":`, key, s, nil
}
