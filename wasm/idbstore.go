//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"syscall/js"
	"time"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/foi-explorer/foi-explorer/stats/library"
)

// databaseName is the IndexedDB database of the app.
const databaseName = "foi-explorer"

// Object stores, all keyed by dataset id except settings.
const (
	storeDatasets  = "datasets"  // JSON of library.Dataset
	storeOriginals = "originals" // [{name, bytes: Uint8Array}], the files as dropped
	storeTables    = "tables"    // cube.EncodeTable: bytes (format 2), or JSON text (format 1)
	storeSettings  = "settings"  // JSON of Settings under settingsKey
	settingsKey    = "settings"
	// storeReports keeps each dataset's page report as last computed,
	// {key, json}: a reload shows it without working everything out again.
	// Schema version 2.
	storeReports = "reports"
)

// migrations[v] upgrades a database from schema version v to v+1. Never edit
// a released step: add a new one, and a test that opens a database written by
// the step before it.
var migrations = []func(db *idb.Database) error{
	// 0 → 1: the first schema.
	func(db *idb.Database) error {
		for _, name := range []string{storeDatasets, storeOriginals, storeTables, storeSettings} {
			if _, err := db.CreateObjectStore(name, idb.ObjectStoreOptions{}); err != nil {
				return err
			}
		}
		return nil
	},
	// 1 → 2: computed reports, so that a large dataset is shown at once
	// after a reload.
	func(db *idb.Database) error {
		_, err := db.CreateObjectStore(storeReports, idb.ObjectStoreOptions{})
		return err
	},
}

// schemaVersion is the version the app opens the database at.
var schemaVersion = uint(len(migrations))

// openTimeout bounds opening the database: another tab holding an older
// version open blocks the upgrade, and the app must not hang on it.
const openTimeout = 10 * time.Second

// readTimeout bounds a read. A read was once seen never to answer (twice,
// in the benchmark, in a worker started just after another was terminated);
// a message the user can act on is better than a page that waits for ever.
var readTimeout = 30 * time.Second // a variable for the tests

var errStorageSilent = errors.New("the browser's storage did not answer within 30 s; reload the page (what is stored is unchanged)")

// idbStore is the library's Store in IndexedDB: each method is one
// transaction.
type idbStore struct {
	db *idb.Database
}

var _ library.Store = (*idbStore)(nil)

// indexedDBAvailable reports whether this browser context has IndexedDB;
// idb.Global panics where it does not.
func indexedDBAvailable() bool {
	v := js.Global().Get("indexedDB")
	return v.Truthy()
}

// openIDBStore opens (creating or upgrading) the named database.
func openIDBStore(ctx context.Context, name string) (s *idbStore, err error) {
	if !indexedDBAvailable() {
		return nil, errors.New("this browser gives the page no IndexedDB (some private modes do this)")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("IndexedDB could not be opened: %v", r)
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, openTimeout)
	defer cancel()
	req, err := idb.Global().Open(ctx, name, schemaVersion, func(db *idb.Database, oldVersion, newVersion uint) error {
		for v := oldVersion; v < newVersion && v < uint(len(migrations)); v++ {
			if err := migrations[v](db); err != nil {
				return fmt.Errorf("upgrading the database to version %d: %w", v+1, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("IndexedDB could not be opened: %w", err)
	}
	db, err := req.Await(ctx)
	if err != nil {
		return nil, fmt.Errorf("IndexedDB could not be opened: %w", err)
	}
	return &idbStore{db: db}, nil
}

func (s *idbStore) Close() error { return s.db.Close() }

// Put writes the dataset's description, original files and parsed table in
// one transaction: after a crash, all three are there or none is.
func (s *idbStore) Put(ctx context.Context, d library.StoredDataset) error {
	meta, err := json.Marshal(d.Meta)
	if err != nil {
		return err
	}
	txn, err := s.db.Transaction(idb.TransactionReadWrite, storeDatasets, storeOriginals, storeTables, storeReports)
	if err != nil {
		return err
	}
	key := js.ValueOf(d.Meta.ID)
	// A new table makes the report computed from the old one stale.
	if err := deleteKey(txn, storeReports, key); err != nil {
		_ = txn.Abort()
		return err
	}
	originals := js.Global().Get("Array").New()
	for _, f := range d.Originals {
		originals.Call("push", map[string]any{"name": f.Name, "bytes": bytesToJS(f.Bytes)})
	}
	puts := []struct {
		store string
		value js.Value
	}{
		{storeDatasets, js.ValueOf(string(meta))},
		{storeOriginals, originals},
		{storeTables, bytesToJS(d.Table)},
	}
	for _, p := range puts {
		if err := putKey(txn, p.store, key, p.value); err != nil {
			_ = txn.Abort()
			return written(err)
		}
	}
	return written(txn.Await(ctx))
}

// written is the error of a write, wrapping library.ErrStorageFull when the
// browser refused it for lack of space.
func written(err error) error {
	if err != nil && isQuotaError(err) {
		return fmt.Errorf("%w: %w", library.ErrStorageFull, err)
	}
	return err
}

func deleteKey(txn *idb.Transaction, storeName string, key js.Value) error {
	st, err := txn.ObjectStore(storeName)
	if err != nil {
		return err
	}
	_, err = st.Delete(key)
	return err
}

func putKey(txn *idb.Transaction, storeName string, key, value js.Value) error {
	st, err := txn.ObjectStore(storeName)
	if err != nil {
		return err
	}
	_, err = st.PutKey(key, value)
	return err
}

func (s *idbStore) List(ctx context.Context) ([]library.Dataset, error) {
	txn, err := s.db.Transaction(idb.TransactionReadOnly, storeDatasets)
	if err != nil {
		return nil, err
	}
	st, err := txn.ObjectStore(storeDatasets)
	if err != nil {
		return nil, err
	}
	cursor, err := st.OpenCursor(idb.CursorNext)
	if err != nil {
		return nil, err
	}
	out := []library.Dataset{}
	err = cursor.Iter(ctx, func(c *idb.CursorWithValue) error {
		v, err := c.Value()
		if err != nil {
			return err
		}
		var d library.Dataset
		if err := json.Unmarshal([]byte(v.String()), &d); err != nil {
			return nil // a damaged entry must not hide the others
		}
		out = append(out, d)
		return nil
	})
	library.SortDatasets(out)
	return out, err
}

// get reads one value by key from one store; a missing key is library.ErrNoDataset.
func (s *idbStore) get(ctx context.Context, storeName, key string) (js.Value, error) {
	txn, err := s.db.Transaction(idb.TransactionReadOnly, storeName)
	if err != nil {
		return js.Value{}, err
	}
	st, err := txn.ObjectStore(storeName)
	if err != nil {
		return js.Value{}, err
	}
	req, err := st.Get(js.ValueOf(key))
	if err != nil {
		return js.Value{}, err
	}
	waiting, cancel := context.WithTimeout(ctx, readTimeout)
	defer cancel()
	v, err := req.Await(waiting)
	if err == nil && errors.Is(waiting.Err(), context.DeadlineExceeded) {
		v, err = lateAnswer(req)
	}
	if err != nil {
		return js.Value{}, err
	}
	if v.IsUndefined() || v.IsNull() {
		return js.Value{}, library.ErrNoDataset
	}
	return v, nil
}

// lateAnswer is the answer of a read whose deadline passed on Go's clock.
// That clock runs on while other requests' work holds the module's only
// thread (working out the results of 400,000 rows takes tens of seconds):
// the browser may have answered long before, its answer queued behind that
// work, and the deadline is then seen first. Seen in the crash tests, a
// read of a small dataset "did not answer within 30 s" while the page
// worked out the results of a large one. So the thread is handed back to
// JavaScript a few times, and only a read still pending after that is
// taken as silent.
func lateAnswer(req *idb.Request) (js.Value, error) {
	for range 5 {
		yieldToJS(10 * time.Millisecond)
		if state, err := req.ReadyState(); err == nil && state == "done" {
			if err := req.Err(); err != nil {
				return js.Value{}, err
			}
			return req.Result()
		}
	}
	return js.Value{}, errStorageSilent
}

// yieldToJS returns once a JavaScript timer of d has run: the event loop has
// had a turn, and events queued before the timer have been handled.
func yieldToJS(d time.Duration) {
	done := make(chan struct{})
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		f.Release()
		close(done)
		return nil
	})
	js.Global().Call("setTimeout", f, d.Milliseconds())
	<-done
}

func (s *idbStore) Meta(ctx context.Context, id string) (library.Dataset, error) {
	var d library.Dataset
	v, err := s.get(ctx, storeDatasets, id)
	if err != nil {
		return d, err
	}
	if err := json.Unmarshal([]byte(v.String()), &d); err != nil {
		return d, fmt.Errorf("the stored description of this dataset is damaged: %w", err)
	}
	return d, nil
}

func (s *idbStore) Table(ctx context.Context, id string) ([]byte, error) {
	v, err := s.get(ctx, storeTables, id)
	if err != nil {
		return nil, err
	}
	if v.Type() == js.TypeString {
		return []byte(v.String()), nil // format 1, stored as JSON text
	}
	b := make([]byte, v.Get("length").Int())
	js.CopyBytesToGo(b, v)
	return b, nil
}

func (s *idbStore) Originals(ctx context.Context, id string) ([]library.OriginalFile, error) {
	v, err := s.get(ctx, storeOriginals, id)
	if err != nil {
		return nil, err
	}
	out := make([]library.OriginalFile, v.Length())
	for i := range out {
		f := v.Index(i)
		b := make([]byte, f.Get("bytes").Length())
		js.CopyBytesToGo(b, f.Get("bytes"))
		out[i] = library.OriginalFile{Name: f.Get("name").String(), Bytes: b}
	}
	return out, nil
}

// Rename reads and rewrites the description in one transaction.
func (s *idbStore) Rename(ctx context.Context, id, name string) error {
	return s.rewriteMeta(ctx, id, func(d *library.Dataset) { d.Name = name })
}

// UpdateMeta rewrites the description of a dataset that is there, in one
// transaction: one deleted meanwhile (in another tab) is not made again as
// a description without its table.
func (s *idbStore) UpdateMeta(ctx context.Context, meta library.Dataset) error {
	return s.rewriteMeta(ctx, meta.ID, func(d *library.Dataset) { *d = meta })
}

// rewriteMeta reads a dataset's description, changes it and writes it back,
// in one transaction.
func (s *idbStore) rewriteMeta(ctx context.Context, id string, change func(*library.Dataset)) error {
	txn, err := s.db.Transaction(idb.TransactionReadWrite, storeDatasets)
	if err != nil {
		return err
	}
	st, err := txn.ObjectStore(storeDatasets)
	if err != nil {
		return err
	}
	req, err := st.Get(js.ValueOf(id))
	if err != nil {
		return err
	}
	v, err := req.Await(ctx)
	if err != nil {
		return err
	}
	if v.IsUndefined() || v.IsNull() {
		_ = txn.Abort()
		return library.ErrNoDataset
	}
	var d library.Dataset
	if err := json.Unmarshal([]byte(v.String()), &d); err != nil {
		_ = txn.Abort()
		return fmt.Errorf("the stored description of this dataset is damaged: %w", err)
	}
	change(&d)
	meta, err := json.Marshal(d)
	if err != nil {
		_ = txn.Abort()
		return err
	}
	if _, err := st.PutKey(js.ValueOf(id), js.ValueOf(string(meta))); err != nil {
		_ = txn.Abort()
		return written(err)
	}
	return written(txn.Await(ctx))
}

var datasetStores = []string{storeDatasets, storeOriginals, storeTables, storeReports}

// Delete removes a dataset's three records in one transaction.
func (s *idbStore) Delete(ctx context.Context, id string) error {
	return s.inEveryDatasetStore(ctx, func(st *idb.ObjectStore) error {
		_, err := st.Delete(js.ValueOf(id))
		return err
	})
}

// DeleteAll empties the stores of datasets in one transaction.
func (s *idbStore) DeleteAll(ctx context.Context) error {
	return s.inEveryDatasetStore(ctx, func(st *idb.ObjectStore) error {
		_, err := st.Clear()
		return err
	})
}

// inEveryDatasetStore runs do on each store that holds part of a dataset,
// all in one read-write transaction.
func (s *idbStore) inEveryDatasetStore(ctx context.Context, do func(*idb.ObjectStore) error) error {
	txn, err := s.db.Transaction(idb.TransactionReadWrite, datasetStores[0], datasetStores[1:]...)
	if err != nil {
		return err
	}
	for _, name := range datasetStores {
		st, err := txn.ObjectStore(name)
		if err != nil {
			return err
		}
		if err := do(st); err != nil {
			_ = txn.Abort()
			return err
		}
	}
	return txn.Await(ctx)
}

func (s *idbStore) Settings(ctx context.Context) (library.Settings, error) {
	var set library.Settings
	v, err := s.get(ctx, storeSettings, settingsKey)
	if errors.Is(err, library.ErrNoDataset) {
		return set, nil
	}
	if err != nil {
		return set, err
	}
	err = json.Unmarshal([]byte(v.String()), &set)
	return set, err
}

func (s *idbStore) PutSettings(ctx context.Context, set library.Settings) error {
	b, err := json.Marshal(set)
	if err != nil {
		return err
	}
	txn, err := s.db.Transaction(idb.TransactionReadWrite, storeSettings)
	if err != nil {
		return err
	}
	if err := putKey(txn, storeSettings, js.ValueOf(settingsKey), js.ValueOf(string(b))); err != nil {
		_ = txn.Abort()
		return written(err)
	}
	return written(txn.Await(ctx))
}

// isQuotaError reports whether IndexedDB refused a write for lack of space.
func isQuotaError(err error) bool {
	return errors.Is(err, idb.NewDOMException("QuotaExceededError"))
}

// Report is the report last stored for a dataset and the key it was
// computed under; both empty when there is none.
func (s *idbStore) Report(ctx context.Context, id string) (key, report string, err error) {
	v, err := s.reportRecord(ctx, id)
	if err != nil || v.IsUndefined() {
		return "", "", err
	}
	return v.Get("key").String(), v.Get("json").String(), nil
}

// reportValue is the stored report of a dataset as the JavaScript string
// IndexedDB holds, with its key; ok is false when there is none that can be
// used (none stored, empty, damaged, or not to be read: computed again then).
func (s *idbStore) reportValue(ctx context.Context, id string) (key string, report js.Value, ok bool) {
	v, err := s.reportRecord(ctx, id)
	if err != nil || v.IsUndefined() || v.Get("json").Equal(js.ValueOf("")) {
		return "", js.Undefined(), false
	}
	return v.Get("key").String(), v.Get("json"), true
}

// reportRecord is the record {key, json} of a dataset's report, or undefined
// when none is stored or it is damaged (to be computed again).
func (s *idbStore) reportRecord(ctx context.Context, id string) (js.Value, error) {
	v, err := s.get(ctx, storeReports, id)
	if errors.Is(err, library.ErrNoDataset) {
		return js.Undefined(), nil
	}
	if err != nil {
		return js.Undefined(), err
	}
	if v.Type() != js.TypeObject || v.Get("key").Type() != js.TypeString || v.Get("json").Type() != js.TypeString {
		return js.Undefined(), nil // damaged: compute again
	}
	return v, nil
}

// PutReport keeps a dataset's report, in one transaction with the check
// that the dataset is there: a report is never left behind by a dataset
// deleted meanwhile (in another tab).
func (s *idbStore) PutReport(ctx context.Context, id, key, report string) error {
	txn, err := s.db.Transaction(idb.TransactionReadWrite, storeDatasets, storeReports)
	if err != nil {
		return err
	}
	datasets, err := txn.ObjectStore(storeDatasets)
	if err != nil {
		return err
	}
	req, err := datasets.CountKey(js.ValueOf(id))
	if err != nil {
		return err
	}
	n, err := req.Await(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		_ = txn.Abort()
		return library.ErrNoDataset
	}
	if err := putKey(txn, storeReports, js.ValueOf(id), js.ValueOf(map[string]any{"key": key, "json": report})); err != nil {
		_ = txn.Abort()
		return written(err)
	}
	return written(txn.Await(ctx))
}
