//go:build js && wasm

package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// schemaFixture is a database as an earlier version of the app wrote it:
// the records of each object store, exactly as they were stored.
type schemaFixture struct {
	SchemaVersion uint              `json:"schemaVersion"`
	WrittenBy     string            `json:"writtenBy"`
	Datasets      map[string]string `json:"datasets"` // JSON text of stats.Dataset
	Tables        map[string]string `json:"tables"`   // the stored table, as text (format 1)
	Originals     map[string][]struct {
		Name string `json:"name"`
		Text string `json:"text"`
	} `json:"originals"`
	Settings string `json:"settings"`
}

// schema1Table1 is schema version 1 with a table of format 1 (JSON text),
// written by the code of 66ff052, the last commit before table format 2: a
// frozen copy, so that a change to today's Table cannot hide a break.
//
//go:embed testdata/schema1-table1.json
var schema1Table1 []byte

// schemaStores are the object stores of each schema version, frozen: the
// fixture's database is made with these, not with today's migrations.
//
// When a new schema version (or table format) comes: before changing
// migrations, write a fixture of the current form in testdata (the
// writtenBy field says how it was made: run the released code's own
// EncodeTable and json.Marshal on a small file with a name map and a
// setting, as testdata/schema1-table1.json was), add its version's stores
// here, and add a line to TestEarlierDatabasesOpen. Every earlier fixture
// must keep passing.
var schemaStores = map[uint][]string{
	1: {storeDatasets, storeOriginals, storeTables, storeSettings},
}

// TestEarlierDatabasesOpen writes each earlier database exactly as its
// version did, opens it with today's code (which upgrades it), and reads
// everything: the list, the description, the table, the results with the
// force chosen by hand and the stored method, results.csv, the original
// files and the settings.
func TestEarlierDatabasesOpen(t *testing.T) {
	for name, raw := range map[string][]byte{"schema 1, table format 1": schema1Table1} {
		t.Run(name, func(t *testing.T) {
			var fx schemaFixture
			if err := json.Unmarshal(raw, &fx); err != nil {
				t.Fatal(err)
			}
			dbName := writeFixtureDB(t, fx)
			ctx := context.Background()
			s, err := openIDBStore(ctx, dbName)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			l := newLibrary()
			l.primary, l.mode = s, modeIndexedDB
			close(l.opened)

			list, err := l.List(ctx)
			if err != nil || len(list) != len(fx.Datasets) {
				t.Fatalf("list = %+v, %v; want %d datasets", list, err, len(fx.Datasets))
			}
			set, err := l.Settings(ctx)
			if err != nil || set.Method != "poisson" || !set.ExamplesLoaded {
				t.Errorf("settings = %+v, %v", set, err)
			}
			for _, d := range list {
				originals, err := l.Originals(ctx, d.ID)
				if err != nil || len(originals) != len(fx.Originals[d.ID]) {
					t.Fatalf("%s: originals %+v, %v", d.ID, originals, err)
				}
				for i, f := range originals {
					if want := fx.Originals[d.ID][i]; f.Name != want.Name || string(f.Bytes) != want.Text {
						t.Errorf("%s: original %d is %q, want %q", d.ID, i, f.Name, want.Name)
					}
				}
				res, err := l.Results(ctx, d.ID)
				if err != nil {
					t.Fatalf("%s: %v", d.ID, err)
				}
				if res.Dataset.Rows != d.Rows || len(res.Report.Rows) == 0 {
					t.Errorf("%s: %d rows stored, %d result rows", d.ID, res.Dataset.Rows, len(res.Report.Rows))
				}
				// The stored table gives the results today's reader gives
				// the original file, with the stored name map and method.
				got, err := l.ResultsCSV(ctx, d.ID)
				if err != nil {
					t.Fatal(err)
				}
				fresh, err := ingest.ReadTable(originals[0].Name, strings.NewReader(string(originals[0].Bytes)))
				if err != nil {
					t.Fatal(err)
				}
				var want strings.Builder
				_ = report.WriteResultsCSV(&want, report.ResultRows(analysis.Compute(analysis.WithNameMap(fresh, d.NameMap), stats.Poisson)))
				if got != want.String() {
					t.Errorf("%s: results.csv from the stored table\n%s\nwant\n%s", d.ID, got, want.String())
				}
				if len(d.NameMap) > 0 && !strings.Contains(got, "E23000015,Staffordshire,2017/18,3,950,") {
					t.Errorf("%s: the force chosen by hand is not applied:\n%s", d.ID, got)
				}
			}
		})
	}
}

// writeFixtureDB makes a database at the fixture's schema version with its
// records, closes it, and deletes it when the test ends.
func writeFixtureDB(t *testing.T, fx schemaFixture) string {
	t.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("foi-test-fixture-%d-%d", fx.SchemaVersion, time.Now().UnixNano())
	req, err := idb.Global().Open(ctx, name, fx.SchemaVersion, func(db *idb.Database, _, _ uint) error {
		for _, st := range schemaStores[fx.SchemaVersion] {
			if _, err := db.CreateObjectStore(st, idb.ObjectStoreOptions{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db, err := req.Await(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if req, err := idb.Global().DeleteDatabase(name); err == nil {
			_ = req.Await(context.Background())
		}
	})
	txn, err := db.Transaction(idb.TransactionReadWrite, storeDatasets, storeOriginals, storeTables, storeSettings)
	if err != nil {
		t.Fatal(err)
	}
	put := func(store string, key string, value js.Value) {
		if err := putKey(txn, store, js.ValueOf(key), value); err != nil {
			t.Fatal(err)
		}
	}
	for id, meta := range fx.Datasets {
		put(storeDatasets, id, js.ValueOf(meta))
		put(storeTables, id, js.ValueOf(fx.Tables[id]))
		files := js.Global().Get("Array").New()
		for _, f := range fx.Originals[id] {
			files.Call("push", map[string]any{"name": f.Name, "bytes": bytesToJS([]byte(f.Text))})
		}
		put(storeOriginals, id, files)
	}
	put(storeSettings, settingsKey, js.ValueOf(fx.Settings))
	if err := txn.Await(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return name
}
