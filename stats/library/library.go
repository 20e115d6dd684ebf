package library

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// Storage modes, as the page is told them in StorageStatus.Mode.
const (
	// ModeIndexedDB: the library's store keeps datasets for next time.
	ModeIndexedDB = "indexeddb"
	// ModeMemory: datasets are kept for this session only.
	ModeMemory = "memory"
)

// StorageStatus is what the page shows about where datasets are kept.
type StorageStatus struct {
	Mode    string `json:"mode"`
	Message string `json:"message"`
}

// Options set a Library up.
type Options struct {
	// BuildID names the engine's build (in the app, a hash of the Go
	// sources set by the Makefile), so that a page report stored by one
	// build is never shown by another; empty means report.AppVersion().
	BuildID string
	// Status is where the store keeps datasets, in the page's words. An
	// empty Mode is ModeMemory for a *MemoryStore and ModeIndexedDB for
	// any other store.
	Status StorageStatus
}

// Library is the user's collection of datasets. It keeps them in its Store;
// a dataset that the Store refuses (storage full) is kept in session memory
// instead, and the status says so. What was stored before is never touched.
type Library struct {
	primary Store
	session *MemoryStore
	buildID string

	mu     sync.Mutex
	status StorageStatus
	tables map[string]*cube.Table // parsed tables already decoded

	reportsComputed int // how many reports were worked out, not read back: for tests

	// handover is held while an example moves from session memory to the
	// store (addExample), and by every change that finds a dataset and
	// writes it, so that no change is made to a session copy that is being
	// dropped, and none is lost.
	handover sync.Mutex

	// computing lets one request at a time work out results: the page asks
	// for a dataset's results, results.csv and results.json at once, and
	// for a large dataset (400,000 rows) each needs hundreds of MB; side by
	// side they ran the module out of memory (seen in the crash tests).
	computing sync.Mutex
	lastMu    sync.Mutex  // guards last
	last      lastResults // the last computation, for the requests after it
}

// New returns a library over the datasets already in store.
func New(store Store, opts Options) *Library {
	st := opts.Status
	if st.Mode == "" {
		st.Mode = ModeIndexedDB
		if _, ok := store.(*MemoryStore); ok {
			st.Mode = ModeMemory
		}
	}
	return &Library{primary: store, session: new(MemoryStore), buildID: opts.BuildID, status: st, tables: map[string]*cube.Table{}}
}

// Status says where datasets are kept, and why when it is memory.
func (l *Library) Status() StorageStatus {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.status
}

func (l *Library) setStatus(msg string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.status.Message = msg
}

// add stores a new dataset; when the store refuses, it keeps it for the
// session and says why. What was stored before is never touched.
func (l *Library) add(ctx context.Context, meta Dataset, originals []OriginalFile, t *cube.Table) (Dataset, error) {
	enc, err := cube.EncodeTable(t)
	if err != nil {
		return meta, err
	}
	d := StoredDataset{Meta: meta, Originals: originals, Table: enc}
	if l.Status().Mode == ModeMemory {
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

func storeFailure(name string, err error) string {
	if errors.Is(err, ErrStorageFull) {
		return fmt.Sprintf("The browser's storage is full, so %q is kept for this session only. Datasets stored earlier are safe; delete ones you no longer need to make room.", name)
	}
	return fmt.Sprintf("%q could not be stored in this browser (%v), so it is kept for this session only. Datasets stored earlier are safe.", name, err)
}

func (l *Library) cache(id string, t *cube.Table) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tables[id] = t
}

// List returns every dataset, newest first: stored ones and session-only ones.
func (l *Library) List(ctx context.Context) ([]Dataset, error) {
	// The session first: an example being stored in the background moves
	// from the session to the store, and read in the other order it could
	// be in neither list (TestLibraryRenameDeleteAndSettings saw it go).
	session, _ := l.session.List(ctx)
	stored, err := l.primary.List(ctx)
	if err != nil {
		return nil, err
	}
	// An example being stored in the background is in both for a moment.
	all := slices.DeleteFunc(session, func(d Dataset) bool {
		return slices.ContainsFunc(stored, func(s Dataset) bool { return s.ID == d.ID })
	})
	all = append(all, stored...)
	SortDatasets(all)
	return all, nil
}

// find returns the dataset's description and the store that holds it.
func (l *Library) find(ctx context.Context, id string) (Dataset, Store, error) {
	for _, s := range []Store{l.session, l.primary} {
		d, err := s.Meta(ctx, id)
		if errors.Is(err, ErrNoDataset) {
			continue
		}
		return d, s, err
	}
	return Dataset{}, nil, ErrNoDataset
}

// Rename gives a dataset a new name, trimmed of spaces.
func (l *Library) Rename(ctx context.Context, id, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("a dataset needs a name")
	}
	if len(name) > 200 {
		return errors.New("a dataset name can be at most 200 characters long")
	}
	l.handover.Lock()
	defer l.handover.Unlock()
	_, s, err := l.find(ctx, id)
	if err != nil {
		return err
	}
	return s.Rename(ctx, id, name)
}

// Delete removes a dataset and everything kept for it.
func (l *Library) Delete(ctx context.Context, id string) error {
	l.handover.Lock()
	defer l.handover.Unlock()
	_, s, err := l.find(ctx, id)
	if err != nil {
		return err
	}
	l.mu.Lock()
	delete(l.tables, id)
	l.mu.Unlock()
	return s.Delete(ctx, id)
}

// DeleteAll removes every dataset; the settings stay.
func (l *Library) DeleteAll(ctx context.Context) error {
	l.handover.Lock()
	defer l.handover.Unlock()
	l.mu.Lock()
	l.tables = map[string]*cube.Table{}
	l.mu.Unlock()
	_ = l.session.DeleteAll(ctx)
	return l.primary.DeleteAll(ctx)
}

// table returns a dataset's parsed table, decoding the stored form once.
func (l *Library) table(ctx context.Context, id string, s Store) (*cube.Table, error) {
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
	if t.Measures == [2]string{} {
		l.nameMeasures(ctx, id, s, t)
	}
	l.cache(id, t)
	return t, nil
}

// nameMeasures names the measures of a table stored by a version that did
// not (formats 1 and 2 of a table combined from several files), from its
// files read again, as Combine names them: the first name each measure has.
// Failing that, they stay unnamed; nothing else of the table changes.
func (l *Library) nameMeasures(ctx context.Context, id string, s Store, t *cube.Table) {
	meta, err := s.Meta(ctx, id)
	if err != nil {
		return
	}
	originals, err := s.Originals(ctx, id)
	if err != nil {
		return
	}
	tables, err := tablesOf(meta, originals)
	if err != nil {
		return
	}
	for _, ft := range tables {
		for m, name := range ft.Measures {
			if t.Measures[m] == "" {
				t.Measures[m] = name
			}
		}
	}
}

// Originals returns a dataset's files as they were added.
func (l *Library) Originals(ctx context.Context, id string) ([]OriginalFile, error) {
	_, s, err := l.find(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.Originals(ctx, id)
}
