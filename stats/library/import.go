package library

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
)

// Import reads one file and stores it as a new dataset.
func (l *Library) Import(ctx context.Context, name string, data []byte, origin string) (Dataset, error) {
	res, err := l.ImportFiles(ctx, []OriginalFile{{Name: name, Bytes: data}}, origin)
	if err != nil {
		return Dataset{}, err
	}
	if len(res.failures) > 0 {
		return Dataset{}, res.failures[0]
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
	Dataset  *Dataset    `json:"dataset"`
	Errors   []FileError `json:"errors"`
	failures []error
}

// ImportFiles reads files added together and stores those that can be read
// as one dataset: numerators in one file are paired with denominators in
// another by force and period. A file that cannot be read is reported and
// left out; the others still import. The reading reports to the Progress of
// ctx (WithProgress).
func (l *Library) ImportFiles(ctx context.Context, files []OriginalFile, origin string) (ImportResult, error) {
	l.forgetResults()
	res := ImportResult{Errors: []FileError{}}
	if err := l.checkImport(ctx, "importing "+batchName(files), files); err != nil {
		return res, err
	}
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

// AddFiles adds files to a dataset, as if they had been added with its
// first ones: a file of registered counts added after a file of missing
// counts is paired with it. Files that cannot be read are reported and left
// out; when none can, the dataset is unchanged.
func (l *Library) AddFiles(ctx context.Context, id string, files []OriginalFile) (ImportResult, error) {
	l.forgetResults()
	res := ImportResult{Errors: []FileError{}}
	l.handover.Lock()
	defer l.handover.Unlock()
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return res, err
	}
	if meta.Origin == OriginRealExample {
		return res, errors.New("files cannot be added to the real example; add them as a new dataset")
	}
	// The dataset is read again with the new files: all of them count.
	all := slices.Clone(files)
	if originals, err := s.Originals(ctx, meta.ID); err == nil {
		all = append(all, originals...)
	}
	if err := l.checkImport(ctx, "adding "+batchName(files)+" to "+meta.Name, all); err != nil {
		return res, err
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

// checkImport refuses to read files that would pass the memory budget.
func (l *Library) checkImport(ctx context.Context, step string, files []OriginalFile) error {
	size := 0
	for _, f := range files {
		size += len(f.Bytes)
	}
	need := importNeed(size)
	fits := int64(0)
	if room := l.budget(ctx) - held(); room > 0 {
		fits = room / importBytesPerByte
	}
	return l.checkBudget(ctx, step, need, fmt.Sprintf(
		"A file of about %s fits now. To read this one in less memory, choose its columns by hand and group its dates by month or by year (one figure a force a month), or split it into smaller files.",
		megabytes(fits)))
}

// readOriginal reads a file as it was added: with its mapping if it has one.
func readOriginal(ctx context.Context, f OriginalFile) (t *cube.Table, err error) {
	if f.Refused != nil {
		return nil, f.Refused
	}
	// The reader must never fail this way (its fuzz tests say so), but if
	// it does on some file, that file is refused with its name and the
	// others of the import still go in: one file must not take the rest,
	// or the engine, with it.
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, &ingest.ParseError{File: f.Name, Err: fmt.Errorf(
				"the reader failed on this file (internal error: %v); nothing was stored from it. Please report this with the file", r)}
		}
	}()
	// Read in place: the original bytes are kept as they are and never
	// changed, and a copy of a large file is as much memory again.
	return ingest.ReadBytes(f.Name, f.Bytes, ingest.ReadOptions{Mapping: f.Mapping, Progress: progressOf(ctx)})
}

// located is an error that says where in a file it happened.
type located interface {
	error
	Location() (file string, line, column int)
}

func fileError(name string, err error) FileError {
	fe := FileError{File: name, Message: err.Error()}
	var he *ingest.HeaderError
	if errors.As(err, &he) || errors.Is(err, ingest.ErrBadMapping) {
		fe.Code = "header"
	}
	var loc located
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
