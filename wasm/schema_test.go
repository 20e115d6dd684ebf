//go:build js && wasm

package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/library"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// schemaFixture is a database as an earlier version of the app wrote it:
// the records of each object store, exactly as they were stored.
type schemaFixture struct {
	SchemaVersion uint              `json:"schemaVersion"`
	WrittenBy     string            `json:"writtenBy"`
	Datasets      map[string]string `json:"datasets"` // JSON text of the Dataset
	// Tables are stored tables held as text (format 1, JSON); TableBytes
	// those held as a Uint8Array (format 2, binary), base64 in the file.
	Tables     map[string]string `json:"tables"`
	TableBytes map[string][]byte `json:"tableBytes"`
	Originals  map[string][]struct {
		Name string `json:"name"`
		Text string `json:"text"`
	} `json:"originals"`
	Settings string `json:"settings"`
	// Reports are the stored page reports, {key, json} (schema 2 on).
	Reports map[string]struct {
		Key  string `json:"key"`
		JSON string `json:"json"`
	} `json:"reports"`
	// ResultsCSV is results.csv as the writing version computed it, kept
	// as a record of that build's output: results have changed on purpose
	// since (columns appended, the words of thin aggregates, the trend
	// rule), so the test compares the stored table with today's reader on
	// the same files instead.
	ResultsCSV map[string]string `json:"resultsCSV"`
}

// schema1Table1 is schema version 1 with a table of format 1 (JSON text),
// written by the code of 66ff052, the last commit before table format 2: a
// frozen copy, so that a change to today's Table cannot hide a break.
//
//go:embed testdata/schema1-table1.json
var schema1Table1 []byte

// schema2Table2 is schema version 2 (stored reports) with tables of format 2
// (binary), as 585cb07, the last release before stats was split into
// packages, held it: its writtenBy field says how it was made. It keeps the
// results.csv that code computed, which today's must match byte for byte.
//
//go:embed testdata/schema2-table2.json
var schema2Table2 []byte

// schemaStores are the object stores of each schema version, frozen: the
// fixture's database is made with these, not with today's migrations.
//
// When a new schema version (or table format) comes: before changing
// migrations, write a fixture of the current form in testdata (the
// writtenBy field says how it was made: run the released code's own
// library, EncodeTable and json.Marshal on a small file with a name map and
// a setting, and read the records back raw, as testdata/schema2-table2.json
// was), add its version's stores here, and add a line to
// TestEarlierDatabasesOpen. Every earlier fixture must keep passing.
var schemaStores = map[uint][]string{
	1: {storeDatasets, storeOriginals, storeTables, storeSettings},
	2: {storeDatasets, storeOriginals, storeTables, storeSettings, storeReports},
}

// TestEarlierDatabasesOpen writes each earlier database exactly as its
// version did, opens it with today's code (which upgrades it), and reads
// everything: the list and its order, the descriptions, the tables (through
// cube.DecodeTable), the results with the forces chosen by hand and the
// stored method, results.csv, the stored reports, the original files and
// the settings.
func TestEarlierDatabasesOpen(t *testing.T) {
	for _, c := range []struct {
		name string
		raw  []byte
		// contains is a line of results.csv that only the stored choices
		// made by hand give.
		contains []string
	}{
		{"schema 1, table format 1", schema1Table1, []string{"E23000015,Staffordshire,2017/18,3,950,"}},
		{"schema 2, table format 2", schema2Table2, []string{"E23000018,Derbyshire,2016/17,7,,", "E23000015,Staffordshire,2016/17,5,900,"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var fx schemaFixture
			if err := json.Unmarshal(c.raw, &fx); err != nil {
				t.Fatal(err)
			}
			dbName := writeFixtureDB(t, fx)
			ctx := context.Background()
			s, err := openIDBStore(ctx, dbName)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			names, _ := s.db.ObjectStoreNames()
			for _, want := range schemaStores[uint(len(migrations))] {
				if !slices.Contains(names, want) {
					t.Errorf("after the upgrade the database has no %s store: %v", want, names)
				}
			}
			l := library.New(s, library.Options{BuildID: "today"})

			list, err := l.List(ctx)
			if err != nil || len(list) != len(fx.Datasets) {
				t.Fatalf("list = %+v, %v; want %d datasets", list, err, len(fx.Datasets))
			}
			var order []library.Dataset
			for id, raw := range fx.Datasets {
				var d library.Dataset
				if err := json.Unmarshal([]byte(raw), &d); err != nil || d.ID != id {
					t.Fatalf("fixture %s: %v", id, err)
				}
				order = append(order, d)
			}
			library.SortDatasets(order)
			set, err := l.Settings(ctx)
			if err != nil || set.Method != "poisson" || !set.ExamplesLoaded {
				t.Errorf("settings = %+v, %v", set, err)
			}
			for i, d := range list {
				if d.ID != order[i].ID {
					t.Errorf("list[%d] is %s, want %s (newest first)", i, d.ID, order[i].ID)
				}
				sameAsStored(t, d, fx.Datasets[d.ID])
				originals, err := l.Originals(ctx, d.ID)
				if err != nil || len(originals) != len(fx.Originals[d.ID]) {
					t.Fatalf("%s: originals %+v, %v", d.ID, originals, err)
				}
				for i, f := range originals {
					if want := fx.Originals[d.ID][i]; f.Name != want.Name || string(f.Bytes) != want.Text {
						t.Errorf("%s: original %d is %q, want %q", d.ID, i, f.Name, want.Name)
					}
				}
				// The stored report is kept through the upgrade, before
				// this build (another build id) works its own out.
				if want, ok := fx.Reports[d.ID]; ok {
					key, rep, err := s.Report(ctx, d.ID)
					if err != nil || key != want.Key || rep != want.JSON {
						t.Errorf("%s: the stored report is key %q (%d bytes), %v; want key %q (%d bytes)", d.ID, key, len(rep), err, want.Key, len(want.JSON))
					}
				}
				view, err := l.ViewJSON(ctx, d.ID)
				if err != nil || !json.Valid([]byte(view)) || !strings.Contains(view, `"rows":[{`) {
					t.Errorf("%s: view %.200s, %v", d.ID, view, err)
				}
				res, err := l.Results(ctx, d.ID)
				if err != nil {
					t.Fatalf("%s: %v", d.ID, err)
				}
				if res.Dataset.Rows != d.Rows || len(res.Report.Rows) == 0 {
					t.Errorf("%s: %d rows stored, %d result rows", d.ID, res.Dataset.Rows, len(res.Report.Rows))
				}

				// Today's reader on the dataset's original files, with its
				// stored pairing, name map and method. (The fixture keeps
				// the results.csv of the build that wrote it; results have
				// changed on purpose since, in columns appended and words,
				// so the property is that the stored table gives what the
				// files give today.)
				var tables []*cube.Table
				for _, f := range originals {
					var tab *cube.Table
					var err error
					if m, ok := d.Mappings[f.Name]; ok {
						tab, err = ingest.ReadTableWith(f.Name, strings.NewReader(string(f.Bytes)), m)
					} else {
						tab, err = ingest.ReadTable(f.Name, strings.NewReader(string(f.Bytes)))
					}
					if err != nil {
						t.Fatal(err)
					}
					if v, ok := d.Values[f.Name]; ok {
						role, _ := ingest.ParseValuesRole(v)
						tab = ingest.WithValuesAs(tab, role)
					}
					tables = append(tables, tab)
				}
				fresh := tables[0]
				if len(tables) > 1 {
					rule, _ := analysis.ParsePairingRule(d.Pairing)
					fresh, _ = analysis.Combine(d.Name, tables, rule)
				}
				want := resultsCSV(t, fresh, d.NameMap)
				// The stored table, decoded as stored, gives the results.
				enc, err := s.Table(ctx, d.ID)
				if err != nil {
					t.Fatal(err)
				}
				decoded, err := cube.DecodeTable(enc)
				if err != nil {
					t.Fatalf("%s: the stored table does not decode: %v", d.ID, err)
				}
				if decoded.Measures == [2]string{} {
					// A combined table of format 2 names no measures; the
					// library names them from the files read again
					// (checked below, through l.ResultsCSV).
					decoded.Measures = fresh.Measures
				}
				if got := resultsCSV(t, decoded, d.NameMap); got != want {
					t.Errorf("%s: results.csv of the decoded table\n%s\nwant\n%s", d.ID, got, want)
				}
				got, err := l.ResultsCSV(ctx, d.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s: results.csv from the library\n%s\nwant\n%s", d.ID, got, want)
				}
				if len(d.NameMap) > 0 {
					for _, line := range c.contains {
						if !strings.Contains(got, line) {
							t.Errorf("%s: the choices made by hand are not applied (no %q):\n%s", d.ID, line, got)
						}
					}
				}
			}
		})
	}
}

// resultsCSV is results.csv of t with the name map, by Poisson intervals
// (the fixtures' stored method).
func resultsCSV(t *testing.T, tab *cube.Table, nameMap map[string]string) string {
	t.Helper()
	var b strings.Builder
	if err := report.WriteResultsCSV(&b, report.ResultRows(analysis.Compute(analysis.WithNameMap(tab, nameMap), stats.Poisson))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// sameAsStored checks that every field of a stored description reads back
// the same; fields added since may be there too.
func sameAsStored(t *testing.T, d library.Dataset, stored string) {
	t.Helper()
	var want, got map[string]any
	b, _ := json.Marshal(d)
	if err := json.Unmarshal([]byte(stored), &want); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal(b, &got)
	for k, v := range want {
		if k == "importedAt" {
			w, _ := time.Parse(time.RFC3339Nano, v.(string))
			if !d.ImportedAt.Equal(w) {
				t.Errorf("%s: importedAt %v, want %v", d.ID, d.ImportedAt, w)
			}
			continue
		}
		if !reflect.DeepEqual(got[k], v) {
			t.Errorf("%s: %s is %v, stored %v", d.ID, k, got[k], v)
		}
	}
}

// writeFixtureDB makes a database at the fixture's schema version with its
// records, closes it, and deletes it when the test ends.
func writeFixtureDB(t *testing.T, fx schemaFixture) string {
	t.Helper()
	ctx := context.Background()
	stores, ok := schemaStores[fx.SchemaVersion]
	if !ok {
		t.Fatalf("no stores frozen for schema version %d", fx.SchemaVersion)
	}
	name := fmt.Sprintf("foi-test-fixture-%d-%d", fx.SchemaVersion, time.Now().UnixNano())
	req, err := idb.Global().Open(ctx, name, fx.SchemaVersion, func(db *idb.Database, _, _ uint) error {
		for _, st := range stores {
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
	txn, err := db.Transaction(idb.TransactionReadWrite, stores[0], stores[1:]...)
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
		if b, ok := fx.TableBytes[id]; ok {
			put(storeTables, id, bytesToJS(b))
		} else {
			put(storeTables, id, js.ValueOf(fx.Tables[id]))
		}
		files := js.Global().Get("Array").New()
		for _, f := range fx.Originals[id] {
			files.Call("push", map[string]any{"name": f.Name, "bytes": bytesToJS([]byte(f.Text))})
		}
		put(storeOriginals, id, files)
	}
	for id, r := range fx.Reports {
		put(storeReports, id, js.ValueOf(map[string]any{"key": r.Key, "json": r.JSON}))
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

// TestSchemaUpgradeKeepsData writes a database at the current schema, then
// opens it with one more (test-only) migration step: the upgrade must run and
// every dataset written before must still be there.
func TestSchemaUpgradeKeepsData(t *testing.T) {
	ctx := context.Background()
	s, name := testDB(t)
	if err := s.Put(ctx, sampleDataset(t, "ds-old")); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()

	saved, savedVersion := migrations, schemaVersion
	defer func() { migrations, schemaVersion = saved, savedVersion }()
	migrations = append(append([]func(*idb.Database) error(nil), saved...), func(db *idb.Database) error {
		_, err := db.CreateObjectStore("upgrade-test", idb.ObjectStoreOptions{})
		return err
	})
	schemaVersion = uint(len(migrations))

	up, err := openIDBStore(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	defer up.Close()
	names, _ := up.db.ObjectStoreNames()
	if !strings.Contains(strings.Join(names, ","), "upgrade-test") {
		t.Errorf("the upgrade step did not run: stores %v", names)
	}
	list, err := up.List(ctx)
	if err != nil || len(list) != 1 || list[0].ID != "ds-old" {
		t.Fatalf("after the upgrade: %+v, %v", list, err)
	}
	if _, err := up.Table(ctx, "ds-old"); err != nil {
		t.Error(err)
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
	if !slices.Contains(names, storeReports) {
		t.Fatalf("no reports store after the upgrade: %v", names)
	}
	l := library.New(up, library.Options{})
	if _, err := l.ViewJSON(ctx, "ds-v1"); err != nil {
		t.Fatal(err)
	}
	if key, report, err := up.Report(ctx, "ds-v1"); err != nil || key == "" || report == "" {
		t.Errorf("the report was not stored: %q, %v", key, err)
	}
}

// putV1 writes a dataset as schema version 1 did: one transaction over the
// three stores of that version.
func putV1(t *testing.T, s *idbStore, d library.StoredDataset) {
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
