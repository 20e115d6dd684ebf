//go:build js && wasm

package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	datasets "github.com/foi-explorer/foi-explorer/stats/library"
	"github.com/foi-explorer/foi-explorer/stats/police"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// Storage modes the page is told about.
const (
	modeIndexedDB = "indexeddb"
	modeMemory    = "memory"
)

// library is the user's collection of datasets. It stores them in IndexedDB
// when it can; a dataset that cannot be stored (no IndexedDB, storage full) is
// kept in session memory, and the page says so.
type library struct {
	primary store
	session *memoryStore

	opened chan struct{} // closed once primary is set

	mu     sync.Mutex
	mode   string
	status string
	tables map[string]*cube.Table // parsed tables already decoded

	uploads uploads // files being copied in by the worker

	reportsComputed int // how many reports were worked out, not read back: for tests

	// computing lets one request at a time work out results: the page asks
	// for a dataset's results, results.csv and results.json at once, and
	// for a large dataset (400,000 rows) each needs hundreds of MB; side by
	// side they ran the module out of memory (seen in the crash tests).
	computing sync.Mutex
	lastMu    sync.Mutex  // guards last
	last      lastResults // the last computation, for the requests after it
}

func newLibrary() *library {
	return &library{session: newMemoryStore(), tables: map[string]*cube.Table{}, opened: make(chan struct{})}
}

// openLibrary returns a library that has opened the named database.
func openLibrary(ctx context.Context, dbName string) *library {
	l := newLibrary()
	l.open(ctx, dbName)
	return l
}

// open opens IndexedDB, or falls back to memory and says why.
func (l *library) open(ctx context.Context, dbName string) {
	defer close(l.opened)
	s, err := openIDBStore(ctx, dbName)
	if err != nil {
		l.primary, l.mode = newMemoryStore(), modeMemory
		l.status = err.Error() + ". Datasets are kept in memory for this session only, and are gone when the tab is closed."
		return
	}
	l.primary, l.mode = s, modeIndexedDB
	l.status = "Datasets are stored in this browser (IndexedDB) and are there next time."
}

// StorageStatus is what the page shows about where datasets are kept.
type StorageStatus struct {
	Mode    string `json:"mode"`
	Message string `json:"message"`
}

func (l *library) Status() StorageStatus {
	l.mu.Lock()
	defer l.mu.Unlock()
	return StorageStatus{Mode: l.mode, Message: l.status}
}

func (l *library) setStatus(msg string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.status = msg
}

// Import reads one file and stores it as a new dataset.
func (l *library) Import(ctx context.Context, name string, data []byte, origin string) (datasets.Dataset, error) {
	res, err := l.ImportFiles(ctx, []OriginalFile{{Name: name, Bytes: data}}, origin)
	if err != nil {
		return datasets.Dataset{}, err
	}
	if len(res.failures) > 0 {
		return datasets.Dataset{}, res.failures[0]
	}
	return *res.Dataset, nil
}

// FileError is a file of a batch that could not be read at all.
type FileError struct {
	File string `json:"file"`
	Code string `json:"code"` // "header" when the columns can be chosen by hand

	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// ImportResult is the dataset made from the files that could be read, and
// why the others could not.
type ImportResult struct {
	Dataset  *datasets.Dataset `json:"dataset"`
	Errors   []FileError       `json:"errors"`
	failures []error
}

// ImportFiles reads files added together and stores those that can be read
// as one dataset: numerators in one file are paired with denominators in
// another by force and period. A file that cannot be read is reported and
// left out; the others still import.
func (l *library) ImportFiles(ctx context.Context, files []OriginalFile, origin string) (ImportResult, error) {
	l.forgetResults()
	res := ImportResult{Errors: []FileError{}}
	var kept []OriginalFile
	var tables []*cube.Table
	for _, f := range files {
		t, err := readOriginal(ctx, f)
		if errors.Is(err, ingest.ErrCancelled) {
			return res, err
		}
		if err != nil {
			res.failures = append(res.failures, err)
			res.Errors = append(res.Errors, fileError(f.Name, err))
			continue
		}
		kept = append(kept, f)
		tables = append(tables, t)
	}
	if len(tables) == 0 {
		return res, nil
	}
	name := batchName(kept)
	combined, _ := analysis.Combine(name, tables, analysis.PairContainingOrLatest)
	names := make([]string, len(kept))
	for i, f := range kept {
		names[i] = f.Name
	}
	if p := progressOf(ctx); p != nil && !p(stageStoring, 0, 1, combined.Len()) {
		return res, &ingest.ParseError{File: name, Err: ingest.ErrCancelled}
	}
	meta := newDataset(name, names, combined, origin)
	for _, f := range kept {
		if f.Mapping != nil {
			if meta.Mappings == nil {
				meta.Mappings = map[string]ingest.Mapping{}
			}
			meta.Mappings[f.Name] = *f.Mapping
		}
	}
	d, err := l.add(ctx, meta, kept, combined)
	if err != nil {
		return res, err
	}
	res.Dataset = &d
	return res, nil
}

func fileError(name string, err error) FileError {
	fe := FileError{File: name, Message: err.Error()}
	var he *ingest.HeaderError
	if errors.As(err, &he) || errors.Is(err, ingest.ErrBadMapping) {
		fe.Code = "header"
	}
	var loc Located
	if errors.As(err, &loc) {
		_, fe.Line, fe.Column = loc.Location()
	}
	return fe
}

// batchName names a dataset after its files: "missing", "missing and
// registered", "missing and 3 more".
func batchName(files []OriginalFile) string {
	switch len(files) {
	case 1:
		return datasetName(files[0].Name)
	case 2:
		return datasetName(files[0].Name) + " and " + datasetName(files[1].Name)
	}
	return fmt.Sprintf("%s and %d more", datasetName(files[0].Name), len(files)-1)
}

// SetNameMap stores the forces chosen by hand for names that match none; an
// empty key forgets a choice.
func (l *library) SetNameMap(ctx context.Context, id, raw string) (datasets.Dataset, error) {
	var names map[string]string
	if err := json.Unmarshal([]byte(raw), &names); err != nil {
		return datasets.Dataset{}, fmt.Errorf("the name mapping must be a JSON object: %w", err)
	}
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return meta, err
	}
	if meta.NameMap == nil {
		meta.NameMap = map[string]string{}
	}
	for name, key := range names {
		if key == "" {
			delete(meta.NameMap, name)
			continue
		}
		if _, ok := police.ForceByKey(key); !ok {
			return meta, fmt.Errorf("%q is not the key of a force", key)
		}
		meta.NameMap[name] = key
	}
	return meta, s.UpdateMeta(ctx, meta)
}

// SetValues says whether a wide file's values are numerators or
// denominators, and reads the dataset again with that.
func (l *library) SetValues(ctx context.Context, id, file, values string) (datasets.Dataset, error) {
	if _, err := ingest.ParseValuesRole(values); err != nil {
		return datasets.Dataset{}, err
	}
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return meta, err
	}
	if !slices.Contains(meta.Files, file) {
		return meta, fmt.Errorf("the dataset has no file %q", file)
	}
	meta.Values = maps.Clone(meta.Values)
	if meta.Values == nil {
		meta.Values = map[string]string{}
	}
	meta.Values[file] = values
	return l.rebuild(ctx, meta, s)
}

// SetPairingRule reads a dataset's original files again, pairs them by the
// rule and stores the result in place of the old table.
func (l *library) SetPairingRule(ctx context.Context, id, rule string) (datasets.Dataset, error) {
	r, err := analysis.ParsePairingRule(rule)
	if err != nil {
		return datasets.Dataset{}, err
	}
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return meta, err
	}
	meta.Pairing = r.String()
	return l.rebuild(ctx, meta, s)
}

// Remap changes the columns chosen by hand for one file of a dataset and
// reads the dataset again with them.
func (l *library) Remap(ctx context.Context, id, file, raw string) (datasets.Dataset, error) {
	var m ingest.Mapping
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return datasets.Dataset{}, fmt.Errorf("the column mapping is not valid: %w", err)
	}
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return meta, err
	}
	if !slices.Contains(meta.Files, file) {
		return meta, fmt.Errorf("the dataset has no file %q", file)
	}
	meta.Mappings = maps.Clone(meta.Mappings)
	if meta.Mappings == nil {
		meta.Mappings = map[string]ingest.Mapping{}
	}
	meta.Mappings[file] = m
	return l.rebuild(ctx, meta, s)
}

// rebuild reads a dataset's original files again with its mappings, pairs
// them by its rule and stores the new table with the description, in one
// transaction; nothing is changed when a file cannot be read.
func (l *library) rebuild(ctx context.Context, meta datasets.Dataset, s store, added ...OriginalFile) (datasets.Dataset, error) {
	r, _ := analysis.ParsePairingRule(meta.Pairing)
	id := meta.ID
	originals, err := s.Originals(ctx, id)
	if err != nil {
		return meta, err
	}
	originals = append(originals, added...)
	tables, err := tablesOf(meta, originals)
	if err != nil {
		return meta, err
	}
	combined, _ := analysis.Combine(meta.Name, tables, r)
	enc, err := cube.EncodeTable(combined)
	if err != nil {
		return meta, err
	}
	meta.Rows, meta.Issues = combined.Len(), len(combined.Issues)
	if err := s.Put(ctx, storedDataset{Meta: meta, Originals: originals, Table: enc}); err != nil {
		return meta, err
	}
	l.cache(id, combined)
	return meta, nil
}

// AddFiles adds files to a dataset, as if they had been added with its
// first ones: a file of registered counts added after a file of missing
// counts is paired with it. Files that cannot be read are reported and left
// out; when none can, the dataset is unchanged.
func (l *library) AddFiles(ctx context.Context, id string, files []OriginalFile) (ImportResult, error) {
	l.forgetResults()
	res := ImportResult{Errors: []FileError{}}
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return res, err
	}
	if meta.Origin == datasets.OriginRealExample {
		return res, errors.New("files cannot be added to the real example; add them as a new dataset")
	}
	var kept []OriginalFile
	for _, f := range files {
		if slices.Contains(meta.Files, f.Name) {
			res.Errors = append(res.Errors, FileError{File: f.Name, Message: "the dataset already has a file of this name"})
			continue
		}
		_, err := readOriginal(ctx, f)
		if errors.Is(err, ingest.ErrCancelled) {
			return res, err
		}
		if err != nil {
			res.failures = append(res.failures, err)
			res.Errors = append(res.Errors, fileError(f.Name, err))
			continue
		}
		kept = append(kept, f)
		meta.Files = append(meta.Files, f.Name)
		if f.Mapping != nil {
			meta.Mappings = maps.Clone(meta.Mappings)
			if meta.Mappings == nil {
				meta.Mappings = map[string]ingest.Mapping{}
			}
			meta.Mappings[f.Name] = *f.Mapping
		}
	}
	if len(kept) == 0 {
		return res, nil
	}
	d, err := l.rebuild(ctx, meta, s, kept...)
	if err != nil {
		return res, err
	}
	res.Dataset = &d
	return res, nil
}

// tablesOf reads a dataset's original files again.
func tablesOf(meta datasets.Dataset, originals []OriginalFile) ([]*cube.Table, error) {
	if meta.Origin == datasets.OriginRealExample {
		return []*cube.Table{examples.ReportedFiguresTable()}, nil
	}
	var tables []*cube.Table
	for _, f := range originals {
		if m, ok := meta.Mappings[f.Name]; ok {
			f.Mapping = &m
		}
		t, err := readOriginal(context.Background(), f)
		if err != nil {
			return nil, err
		}
		if v, ok := meta.Values[f.Name]; ok {
			role, _ := ingest.ParseValuesRole(v)
			t = ingest.WithValuesAs(t, role)
		}
		tables = append(tables, t)
	}
	return tables, nil
}

// LoadExample adds one of the two example datasets: "real" or "synthetic".
func (l *library) LoadExample(ctx context.Context, which string) (datasets.Dataset, error) {
	switch which {
	case "real":
		t, _ := analysis.Combine(examples.ReportedFiguresFile, []*cube.Table{examples.ReportedFiguresTable()}, analysis.PairContainingOrLatest)
		meta := newDataset("Real reported figures (press and FOI, 2005 to 2024)", []string{examples.ReportedFiguresFile}, t, datasets.OriginRealExample)
		meta.Sources = examples.ReportedFigures()
		return l.addExample(ctx, meta, []OriginalFile{{Name: examples.ReportedFiguresFile, Bytes: examples.ReportedFiguresCSV()}}, t)
	case "synthetic":
		data := examples.SyntheticPracticeCSV()
		t, err := ingest.ReadTable(examples.SyntheticFile, bytes.NewReader(data))
		if err != nil {
			return datasets.Dataset{}, fmt.Errorf("the synthetic example could not be read: %w", err)
		}
		meta := newDataset(examples.SyntheticDatasetName, []string{examples.SyntheticFile}, t, datasets.OriginSyntheticExample)
		meta.Mark = examples.SyntheticMark
		return l.addExample(ctx, meta, []OriginalFile{{Name: examples.SyntheticFile, Bytes: data}}, t)
	}
	return datasets.Dataset{}, fmt.Errorf("there is no example called %q: use real or synthetic", which)
}

func newDataset(name string, files []string, t *cube.Table, origin string) datasets.Dataset {
	return datasets.Dataset{
		ID: "ds-" + rand.Text()[:16], Name: name, Files: files, Rows: t.Len(), Issues: len(t.Issues),
		ImportedAt: time.Now().UTC(), Origin: origin, Persisted: true,
	}
}

// datasetName is a file's name without its folder and .csv ending.
func datasetName(file string) string {
	base := path.Base(strings.ReplaceAll(file, "\\", "/"))
	if ext := path.Ext(base); strings.EqualFold(ext, ".csv") || strings.EqualFold(ext, ".txt") || strings.EqualFold(ext, ".tsv") {
		base = strings.TrimSuffix(base, ext)
	}
	if base == "" || base == "." {
		return file
	}
	return base
}

// add stores a new dataset; when the browser refuses, it keeps it for the
// session and says why. What was stored before is never touched.
func (l *library) add(ctx context.Context, meta datasets.Dataset, originals []OriginalFile, t *cube.Table) (datasets.Dataset, error) {
	enc, err := cube.EncodeTable(t)
	if err != nil {
		return meta, err
	}
	d := storedDataset{Meta: meta, Originals: originals, Table: enc}
	if l.Status().Mode == modeMemory {
		d.Meta.Persisted = false
	}
	if err := l.primary.Put(ctx, d); err != nil {
		d.Meta.Persisted = false
		_ = l.session.Put(ctx, d)
		l.setStatus(storeFailure(meta.Name, err))
	}
	l.cache(meta.ID, t)
	return d.Meta, nil
}

// addExample adds an example dataset at once, in session memory, and stores
// it in the background, so that a first visit shows the example without
// waiting for the browser's storage. The example can always be made again,
// so nothing is lost if the tab closes before it is stored.
func (l *library) addExample(ctx context.Context, meta datasets.Dataset, originals []OriginalFile, t *cube.Table) (datasets.Dataset, error) {
	if l.Status().Mode == modeMemory {
		return l.add(ctx, meta, originals, t)
	}
	enc, err := cube.EncodeTable(t)
	if err != nil {
		return meta, err
	}
	d := storedDataset{Meta: meta, Originals: originals, Table: enc}
	_ = l.session.Put(ctx, d)
	l.cache(meta.ID, t)
	go func() {
		err := l.primary.Put(ctx, d)
		// The session copy may have been renamed or deleted meanwhile; it
		// is read and removed with no wait in between, so nothing else
		// runs in the middle (wasm runs one goroutine at a time).
		current, gone := l.session.Meta(ctx, meta.ID)
		switch {
		case err != nil && gone == nil:
			current.Persisted = false
			_ = l.session.UpdateMeta(ctx, current)
			l.setStatus(storeFailure(meta.Name, err))
		case err != nil:
		case gone != nil:
			_ = l.primary.Delete(ctx, meta.ID) // deleted while it was being stored
		default:
			_ = l.session.Delete(ctx, meta.ID)
			if current.Name != meta.Name {
				_ = l.primary.UpdateMeta(ctx, current)
			}
		}
	}()
	return meta, nil
}

func storeFailure(name string, err error) string {
	if isQuotaError(err) {
		return fmt.Sprintf("The browser's storage is full, so %q is kept for this session only. Datasets stored earlier are safe; delete ones you no longer need to make room.", name)
	}
	return fmt.Sprintf("%q could not be stored in this browser (%v), so it is kept for this session only. Datasets stored earlier are safe.", name, err)
}

func (l *library) cache(id string, t *cube.Table) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tables[id] = t
}

// List returns every dataset, newest first: stored ones and session-only ones.
func (l *library) List(ctx context.Context) ([]datasets.Dataset, error) {
	stored, err := l.primary.List(ctx)
	if err != nil {
		return nil, err
	}
	session, _ := l.session.List(ctx)
	// An example being stored in the background is in both for a moment.
	all := slices.DeleteFunc(session, func(d datasets.Dataset) bool {
		return slices.ContainsFunc(stored, func(s datasets.Dataset) bool { return s.ID == d.ID })
	})
	all = append(all, stored...)
	sortDatasets(all)
	return all, nil
}

// find returns the dataset's description and the store that holds it.
func (l *library) find(ctx context.Context, id string) (datasets.Dataset, store, error) {
	for _, s := range []store{l.session, l.primary} {
		d, err := s.Meta(ctx, id)
		if errors.Is(err, errNoDataset) {
			continue
		}
		return d, s, err
	}
	return datasets.Dataset{}, nil, errNoDataset
}

func (l *library) Rename(ctx context.Context, id, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("a dataset needs a name")
	}
	if len(name) > 200 {
		return errors.New("a dataset name can be at most 200 characters long")
	}
	_, s, err := l.find(ctx, id)
	if err != nil {
		return err
	}
	return s.Rename(ctx, id, name)
}

func (l *library) Delete(ctx context.Context, id string) error {
	_, s, err := l.find(ctx, id)
	if err != nil {
		return err
	}
	l.mu.Lock()
	delete(l.tables, id)
	l.mu.Unlock()
	return s.Delete(ctx, id)
}

func (l *library) DeleteAll(ctx context.Context) error {
	l.mu.Lock()
	l.tables = map[string]*cube.Table{}
	l.mu.Unlock()
	_ = l.session.DeleteAll(ctx)
	return l.primary.DeleteAll(ctx)
}

// table returns a dataset's parsed table, decoding the stored form once.
func (l *library) table(ctx context.Context, id string, s store) (*cube.Table, error) {
	l.mu.Lock()
	t, ok := l.tables[id]
	l.mu.Unlock()
	if ok {
		return t, nil
	}
	enc, err := s.Table(ctx, id)
	if err != nil {
		return nil, err
	}
	t, err = cube.DecodeTable(enc)
	if err != nil {
		return nil, err
	}
	l.cache(id, t)
	return t, nil
}

func (l *library) Method(ctx context.Context) stats.Method {
	set, _ := l.Settings(ctx)
	m, _ := stats.ParseMethod(set.Method)
	return m
}

// results computes a dataset's results with the current interval method.
//
// The page asks for the view, results.csv and results.json of a dataset at
// once. They share one computation: the callers hold computing, so that one
// runs at a time, and the last one is kept for the next call.
func (l *library) results(ctx context.Context, id string) (datasets.Dataset, *cube.Table, analysis.Results, error) {
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return meta, nil, analysis.Results{}, err
	}
	method := l.Method(ctx)
	key, err := reportKey(meta, method)
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
	res := analysis.Compute(t, method)
	res.Mark = meta.Mark
	l.lastMu.Lock()
	l.last = lastResults{key: key, table: t, results: res}
	l.lastMu.Unlock()
	return meta, t, res, nil
}

// lastResults is the last computation, kept for the calls that follow it.
type lastResults struct {
	key     string
	table   *cube.Table
	results analysis.Results
}

// forgetResults lets the last computation go, before an import needs the
// memory.
func (l *library) forgetResults() {
	l.lastMu.Lock()
	l.last = lastResults{}
	l.lastMu.Unlock()
}

// DatasetResults is the page's view of one dataset.
type DatasetResults struct {
	Dataset datasets.Dataset `json:"dataset"`
	Report  report.Report    `json:"report"`
}

func (l *library) Results(ctx context.Context, id string) (DatasetResults, error) {
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
func (l *library) ResultsCSV(ctx context.Context, id string) (string, error) {
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
func (l *library) ResultsJSON(ctx context.Context, id string) (string, error) {
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
func (l *library) IssuesCSV(ctx context.Context, id string) (string, error) {
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return "", err
	}
	t, err := l.table(ctx, meta.ID, s)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := report.WriteIssuesCSV(&b, t.Issues); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (l *library) Originals(ctx context.Context, id string) ([]OriginalFile, error) {
	_, s, err := l.find(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.Originals(ctx, id)
}

func (l *library) Settings(ctx context.Context) (Settings, error) {
	set, err := l.primary.Settings(ctx)
	if set.Method == "" {
		set.Method = stats.Wilson.String()
	}
	return set, err
}

func (l *library) PutSettings(ctx context.Context, raw string) (Settings, error) {
	set, _ := l.Settings(ctx)
	if err := json.Unmarshal([]byte(raw), &set); err != nil {
		return set, fmt.Errorf("settings must be a JSON object: %w", err)
	}
	m, err := stats.ParseMethod(set.Method)
	if err != nil {
		return set, err
	}
	set.Method = m.String()
	return set, l.primary.PutSettings(ctx, set)
}
