package library

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
)

// MemoryStore is a Store that keeps everything in memory, for as long as the
// engine runs. It is the fallback when the browser gives no IndexedDB (some
// private modes) or IndexedDB refuses a write (storage full): what is kept
// here is gone when the tab closes, and the library says so. The zero value
// is an empty store, ready to use.
//
// Descriptions are kept as their JSON, as IndexedDB keeps them, so that a
// description read back is a copy and loses what IndexedDB's loses. Bytes
// are kept as given, not copied: a large file is not held twice.
type MemoryStore struct {
	mu       sync.Mutex
	datasets map[string]memoryDataset
	reports  map[string]memoryReport
	settings Settings
}

type memoryDataset struct {
	meta      []byte // JSON of Dataset
	originals []OriginalFile
	table     []byte
}

type memoryReport struct{ key, report string }

func (m *MemoryStore) Put(_ context.Context, d StoredDataset) error {
	meta, err := json.Marshal(d.Meta)
	if err != nil {
		return err
	}
	originals := make([]OriginalFile, len(d.Originals))
	for i, f := range d.Originals {
		originals[i] = OriginalFile{Name: f.Name, Bytes: f.Bytes}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.datasets == nil {
		m.datasets = map[string]memoryDataset{}
	}
	m.datasets[d.Meta.ID] = memoryDataset{meta: meta, originals: originals, table: d.Table}
	delete(m.reports, d.Meta.ID)
	return nil
}

func (m *MemoryStore) List(context.Context) ([]Dataset, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Dataset, 0, len(m.datasets))
	for _, d := range m.datasets {
		var meta Dataset
		if err := json.Unmarshal(d.meta, &meta); err != nil {
			continue // cannot happen: it was marshalled by Put
		}
		out = append(out, meta)
	}
	SortDatasets(out)
	return out, nil
}

func (m *MemoryStore) get(id string) (memoryDataset, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.datasets[id]
	if !ok {
		return d, ErrNoDataset
	}
	return d, nil
}

func (m *MemoryStore) Meta(_ context.Context, id string) (Dataset, error) {
	var meta Dataset
	d, err := m.get(id)
	if err != nil {
		return meta, err
	}
	if err := json.Unmarshal(d.meta, &meta); err != nil {
		return meta, fmt.Errorf("the stored description of this dataset is damaged: %w", err)
	}
	return meta, nil
}

func (m *MemoryStore) Table(_ context.Context, id string) ([]byte, error) {
	d, err := m.get(id)
	return d.table, err
}

func (m *MemoryStore) Originals(_ context.Context, id string) ([]OriginalFile, error) {
	d, err := m.get(id)
	if err != nil {
		return nil, err
	}
	return append([]OriginalFile(nil), d.originals...), nil
}

func (m *MemoryStore) Rename(_ context.Context, id, name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.datasets[id]
	if !ok {
		return ErrNoDataset
	}
	var meta Dataset
	if err := json.Unmarshal(d.meta, &meta); err != nil {
		return fmt.Errorf("the stored description of this dataset is damaged: %w", err)
	}
	meta.Name = name
	b, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	d.meta = b
	m.datasets[id] = d
	return nil
}

func (m *MemoryStore) UpdateMeta(_ context.Context, meta Dataset) error {
	b, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.datasets[meta.ID]
	if !ok {
		return ErrNoDataset
	}
	d.meta = b
	m.datasets[meta.ID] = d
	return nil
}

func (m *MemoryStore) Delete(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.datasets, id)
	delete(m.reports, id)
	return nil
}

func (m *MemoryStore) DeleteAll(context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.datasets, m.reports = nil, nil
	return nil
}

func (m *MemoryStore) Settings(context.Context) (Settings, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.settings, nil
}

func (m *MemoryStore) PutSettings(_ context.Context, s Settings) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.settings = s
	return nil
}

func (m *MemoryStore) Report(_ context.Context, id string) (key, report string, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.reports[id]
	return r.key, r.report, nil
}

func (m *MemoryStore) PutReport(_ context.Context, id, key, report string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.datasets[id]; !ok {
		return ErrNoDataset
	}
	if m.reports == nil {
		m.reports = map[string]memoryReport{}
	}
	m.reports[id] = memoryReport{key: key, report: report}
	return nil
}
