package library

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// The choices a user makes by hand on a dataset: forces for unmatched names,
// a wide table's values, the pairing rule, a file's columns. Each is kept in
// the dataset's description; the last three read the original files again.

// SetNameMap stores the forces chosen by hand for names that match none; an
// empty key forgets a choice.
func (l *Library) SetNameMap(ctx context.Context, id, raw string) (Dataset, error) {
	var names map[string]string
	if err := json.Unmarshal([]byte(raw), &names); err != nil {
		return Dataset{}, fmt.Errorf("the name mapping must be a JSON object: %w", err)
	}
	l.handover.Lock()
	defer l.handover.Unlock()
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

// maxMeasureName is the longest name a measure may be given, in bytes.
const maxMeasureName = 80

// SetMeasureNames names a dataset's numerator and denominator as the
// person wants them said ("Taser fired", "uses"); an empty name gives the
// files' own back. Every sentence, axis and export then uses them.
func (l *Library) SetMeasureNames(ctx context.Context, id, numerator, denominator string) (Dataset, error) {
	names := [2]string{strings.TrimSpace(numerator), strings.TrimSpace(denominator)}
	for _, n := range names {
		if len(n) > maxMeasureName || strings.ContainsAny(n, "\r\n") {
			return Dataset{}, fmt.Errorf("a measure's name must be one line of at most %d characters", maxMeasureName)
		}
	}
	l.handover.Lock()
	defer l.handover.Unlock()
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return meta, err
	}
	meta.MeasureNames = names
	return meta, s.UpdateMeta(ctx, meta)
}

// SetValues says whether a wide file's values are numerators or
// denominators, and reads the dataset again with that.
func (l *Library) SetValues(ctx context.Context, id, file, values string) (Dataset, error) {
	if _, err := ingest.ParseValuesRole(values); err != nil {
		return Dataset{}, err
	}
	l.handover.Lock()
	defer l.handover.Unlock()
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
func (l *Library) SetPairingRule(ctx context.Context, id, rule string) (Dataset, error) {
	r, err := analysis.ParsePairingRule(rule)
	if err != nil {
		return Dataset{}, err
	}
	l.handover.Lock()
	defer l.handover.Unlock()
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return meta, err
	}
	meta.Pairing = r.String()
	return l.rebuild(ctx, meta, s)
}

// Remap changes the columns chosen by hand for one file of a dataset and
// reads the dataset again with them.
func (l *Library) Remap(ctx context.Context, id, file, raw string) (Dataset, error) {
	var m ingest.Mapping
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return Dataset{}, fmt.Errorf("the column mapping is not valid: %w", err)
	}
	l.handover.Lock()
	defer l.handover.Unlock()
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
// Put; nothing is changed when a file cannot be read.
func (l *Library) rebuild(ctx context.Context, meta Dataset, s Store, added ...OriginalFile) (Dataset, error) {
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
	if err := s.Put(ctx, StoredDataset{Meta: meta, Originals: originals, Table: enc}); err != nil {
		return meta, err
	}
	l.cache(id, combined)
	return meta, nil
}

// tablesOf reads a dataset's original files again.
func tablesOf(meta Dataset, originals []OriginalFile) ([]*cube.Table, error) {
	var tables []*cube.Table
	err := eachTableOf(meta, originals, func(t *cube.Table) error {
		tables = append(tables, t)
		return nil
	})
	return tables, err
}

// eachTableOf is tablesOf a table at a time: each file's table is let go
// before the next is read.
func eachTableOf(meta Dataset, originals []OriginalFile, fn func(*cube.Table) error) error {
	if meta.Origin == OriginRealExample {
		return fn(examples.ReportedFiguresTable())
	}
	for _, f := range originals {
		if m, ok := meta.Mappings[f.Name]; ok {
			f.Mapping = &m
		}
		t, err := readOriginal(context.Background(), f)
		if err != nil {
			return err
		}
		if v, ok := meta.Values[f.Name]; ok {
			role, _ := ingest.ParseValuesRole(v)
			t = ingest.WithValuesAs(t, role)
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return nil
}
