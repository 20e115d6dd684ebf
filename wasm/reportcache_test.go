//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"strings"
	"syscall/js"
	"testing"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/foi-explorer/foi-explorer/stats/analysis"
	datasets "github.com/foi-explorer/foi-explorer/stats/library"
)

// The page's report is worked out once and read back after that, by this
// engine and by a new one over the same database (a reload); a change of
// method, of the dataset's description or of its table works it out again.
func TestReportIsStoredAndReadBack(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	d, err := l.Import(ctx, "figures.csv", []byte(sampleCSV), datasets.OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	view := func(l *library) string {
		t.Helper()
		out, err := l.ViewJSON(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := view(l)
	if again := view(l); again != first || l.reportsComputed != 1 {
		t.Fatalf("second view: computed %d times, same text %v", l.reportsComputed, again == first)
	}
	reload := newLibrary()
	reload.primary, reload.mode = l.primary, modeIndexedDB
	close(reload.opened)
	if after := view(reload); after != first || reload.reportsComputed != 0 {
		t.Errorf("after a reload: computed %d times, same text %v", reload.reportsComputed, after == first)
	}
	if _, err := l.PutSettings(ctx, `{"method":"poisson"}`); err != nil {
		t.Fatal(err)
	}
	if poisson := view(l); poisson == first || l.reportsComputed != 2 || !strings.Contains(poisson, `"method":"poisson"`) {
		t.Errorf("after the method changed: computed %d times", l.reportsComputed)
	}
	if _, err := l.PutSettings(ctx, `{"method":"wilson"}`); err != nil {
		t.Fatal(err)
	}
	if view(l) != first || l.reportsComputed != 3 {
		t.Errorf("back to Wilson: computed %d times, want 3, and the first report", l.reportsComputed)
	}
	// Renaming changes nothing in the report, only the dataset's name.
	if err := l.Rename(ctx, d.ID, "renamed"); err != nil {
		t.Fatal(err)
	}
	if renamed := view(l); !strings.Contains(renamed, `"name":"renamed"`) || l.reportsComputed != 3 {
		t.Errorf("after renaming: computed %d times; %.200s", l.reportsComputed, renamed)
	}
	if _, err := l.SetPairingRule(ctx, d.ID, analysis.PairSamePeriod.String()); err != nil {
		t.Fatal(err)
	}
	view(l)
	if l.reportsComputed != 4 {
		t.Errorf("after the pairing rule changed: computed %d times, want 4", l.reportsComputed)
	}
}

// A database of schema version 1, written before reports were stored,
// opens at version 2 with its datasets whole, and their reports are worked
// out and stored.
func TestSchemaVersion1UpgradesToReports(t *testing.T) {
	ctx := context.Background()
	saved, savedVersion := migrations, schemaVersion
	migrations, schemaVersion = saved[:1], 1
	old, name := testDB(t)
	migrations, schemaVersion = saved, savedVersion
	putV1(t, old, sampleDataset(t, "ds-v1"))
	_ = old.Close()
	up, err := openIDBStore(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	defer up.Close()
	names, _ := up.db.ObjectStoreNames()
	if !strings.Contains(strings.Join(names, ","), storeReports) {
		t.Fatalf("no reports store after the upgrade: %v", names)
	}
	l := newLibrary()
	l.primary, l.mode = up, modeIndexedDB
	close(l.opened)
	if _, err := l.ViewJSON(ctx, "ds-v1"); err != nil {
		t.Fatal(err)
	}
	if key, report, err := up.Report(ctx, "ds-v1"); err != nil || key == "" || report == "" {
		t.Errorf("the report was not stored: %q, %v", key, err)
	}
}

// putV1 writes a dataset as schema version 1 did: one transaction over the
// three stores of that version. When a new version changes how a dataset is
// written, keep the old way here as a fixture and test the upgrade from it.
func putV1(t *testing.T, s *idbStore, d storedDataset) {
	t.Helper()
	ctx := context.Background()
	meta, err := json.Marshal(d.Meta)
	if err != nil {
		t.Fatal(err)
	}
	txn, err := s.db.Transaction(idb.TransactionReadWrite, storeDatasets, storeOriginals, storeTables)
	if err != nil {
		t.Fatal(err)
	}
	key := js.ValueOf(d.Meta.ID)
	originals := js.Global().Get("Array").New()
	for _, f := range d.Originals {
		originals.Call("push", map[string]any{"name": f.Name, "bytes": bytesToJS(f.Bytes)})
	}
	for store, value := range map[string]js.Value{storeDatasets: js.ValueOf(string(meta)), storeOriginals: originals, storeTables: bytesToJS(d.Table)} {
		if err := putKey(txn, store, key, value); err != nil {
			t.Fatal(err)
		}
	}
	if err := txn.Await(ctx); err != nil {
		t.Fatal(err)
	}
}
