//go:build js && wasm

package main

import (
	"bytes"
	"context"
	"errors"
	"sort"
	"sync"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	datasets "github.com/foi-explorer/foi-explorer/stats/library"
)

// OriginalFile is a file exactly as the user dropped it, kept so that a better
// importer can read it again and the user can always get it back.
type OriginalFile struct {
	Name  string
	Bytes []byte
	// Mapping is the columns chosen by hand, nil when the reader recognised
	// the header itself.
	Mapping *ingest.Mapping
	// refused is why the file was not even copied in (it is too large); it
	// is reported like a file that could not be read.
	refused error
}

// readOriginal reads a file as it was added: with its mapping if it has one.
func readOriginal(ctx context.Context, f OriginalFile) (*cube.Table, error) {
	if f.refused != nil {
		return nil, f.refused
	}
	return ingest.Read(f.Name, bytes.NewReader(f.Bytes), ingest.ReadOptions{Mapping: f.Mapping, Progress: progressOf(ctx)})
}

// storedDataset is everything kept for one dataset.
type storedDataset struct {
	Meta      datasets.Dataset
	Originals []OriginalFile
	Table     []byte // stats.EncodeTable
}

// Settings are the user's choices that outlive a session.
type Settings struct {
	Method string `json:"method"` // "wilson" or "poisson"
	// ExamplesLoaded is set once the examples have been loaded on the first
	// visit, so that deleting them is not undone on the next one.
	ExamplesLoaded bool `json:"examplesLoaded"`
}

// store keeps datasets and settings. Each method is one unit of work: a Put
// stores all of a dataset or none of it.
type store interface {
	Put(ctx context.Context, d storedDataset) error
	List(ctx context.Context) ([]datasets.Dataset, error)
	Meta(ctx context.Context, id string) (datasets.Dataset, error)
	Table(ctx context.Context, id string) ([]byte, error)
	Originals(ctx context.Context, id string) ([]OriginalFile, error)
	Rename(ctx context.Context, id, name string) error
	UpdateMeta(ctx context.Context, meta datasets.Dataset) error
	Delete(ctx context.Context, id string) error
	DeleteAll(ctx context.Context) error
	Settings(ctx context.Context) (Settings, error)
	PutSettings(ctx context.Context, s Settings) error
	// Report and PutReport keep the page report last computed for a
	// dataset, under a key that says what it was computed from; a Put of
	// the dataset drops it.
	Report(ctx context.Context, id string) (key, report string, err error)
	PutReport(ctx context.Context, id, key, report string) error
}

var errNoDataset = errors.New("there is no such dataset: it may have been deleted in another tab; reload the page")

// memoryStore keeps everything in memory: the fallback when IndexedDB is
// missing or full, and the home of datasets that could not be stored.
type memoryStore struct {
	mu       sync.Mutex
	datasets map[string]storedDataset
	reports  map[string][2]string // id → {key, report}
	settings Settings
}

func newMemoryStore() *memoryStore {
	return &memoryStore{datasets: map[string]storedDataset{}, reports: map[string][2]string{}}
}

func (m *memoryStore) Put(_ context.Context, d storedDataset) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.datasets[d.Meta.ID] = d
	delete(m.reports, d.Meta.ID)
	return nil
}

func (m *memoryStore) Report(_ context.Context, id string) (key, report string, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.reports[id]
	return r[0], r[1], nil
}

func (m *memoryStore) PutReport(_ context.Context, id, key, report string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.datasets[id]; ok {
		m.reports[id] = [2]string{key, report}
	}
	return nil
}

func (m *memoryStore) List(context.Context) ([]datasets.Dataset, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]datasets.Dataset, 0, len(m.datasets))
	for _, d := range m.datasets {
		out = append(out, d.Meta)
	}
	sortDatasets(out)
	return out, nil
}

func (m *memoryStore) get(id string) (storedDataset, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.datasets[id]
	if !ok {
		return d, errNoDataset
	}
	return d, nil
}

func (m *memoryStore) Meta(_ context.Context, id string) (datasets.Dataset, error) {
	d, err := m.get(id)
	return d.Meta, err
}

func (m *memoryStore) Table(_ context.Context, id string) ([]byte, error) {
	d, err := m.get(id)
	return d.Table, err
}

func (m *memoryStore) Originals(_ context.Context, id string) ([]OriginalFile, error) {
	d, err := m.get(id)
	return d.Originals, err
}

func (m *memoryStore) Rename(_ context.Context, id, name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.datasets[id]
	if !ok {
		return errNoDataset
	}
	d.Meta.Name = name
	m.datasets[id] = d
	return nil
}

func (m *memoryStore) UpdateMeta(_ context.Context, meta datasets.Dataset) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.datasets[meta.ID]
	if !ok {
		return errNoDataset
	}
	d.Meta = meta
	m.datasets[meta.ID] = d
	return nil
}

func (m *memoryStore) Delete(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.datasets, id)
	delete(m.reports, id)
	return nil
}

func (m *memoryStore) DeleteAll(context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.datasets = map[string]storedDataset{}
	m.reports = map[string][2]string{}
	return nil
}

func (m *memoryStore) Settings(context.Context) (Settings, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.settings, nil
}

func (m *memoryStore) PutSettings(_ context.Context, s Settings) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.settings = s
	return nil
}

// sortDatasets puts the newest first.
func sortDatasets(ds []datasets.Dataset) {
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].ImportedAt.After(ds[j].ImportedAt) })
}
