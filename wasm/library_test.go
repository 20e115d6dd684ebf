//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	datasets "github.com/foi-explorer/foi-explorer/stats/library"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

const sampleCSV = "Force,Year,Missing,Registered\nDerbyshire,2016/17,7,1154\nStaffordshire,2016/17,5,900\nDerbyshire,2017/18,5,1200\n"

func testLibrary(t *testing.T) *library {
	t.Helper()
	s, _ := testDB(t)
	l := newLibrary()
	l.primary, l.mode = s, modeIndexedDB
	close(l.opened)
	return l
}

func TestLibraryImportResultsAndExport(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	d, err := l.Import(ctx, "figures.csv", []byte(sampleCSV), datasets.OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "figures" || d.Rows != 3 || !d.Persisted {
		t.Errorf("dataset = %+v", d)
	}
	got, err := l.ResultsCSV(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := ingest.ReadTable("figures.csv", strings.NewReader(sampleCSV))
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	if err := report.WriteResultsCSV(&want, report.ResultRows(analysis.Compute(tab, stats.Wilson))); err != nil {
		t.Fatal(err)
	}
	if got != want.String() {
		t.Errorf("results.csv from the library differs from stats:\n%s\nwant\n%s", got, want.String())
	}
	// A fresh library over the same database decodes the stored table.
	fresh := newLibrary()
	fresh.primary, fresh.mode = l.primary, modeIndexedDB
	close(fresh.opened)
	again, err := fresh.ResultsCSV(ctx, d.ID)
	if err != nil || again != got {
		t.Errorf("after reopening: %v\n%s", err, again)
	}
}

func TestLibraryBadFileStoresNothing(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	if _, err := l.Import(ctx, "good.csv", []byte(sampleCSV), datasets.OriginFile); err != nil {
		t.Fatal(err)
	}
	_, err := l.Import(ctx, "bad.csv", []byte("Force,Year,Missing,Registered\n\"Derbyshire,2018,1,2\n"), datasets.OriginFile)
	var loc Located
	if !errors.As(err, &loc) {
		t.Fatalf("error %v does not say where", err)
	}
	if file, line, _ := loc.Location(); file != "bad.csv" || line != 2 {
		t.Errorf("location = %s line %d, want bad.csv line 2", file, line)
	}
	list, err := l.List(ctx)
	if err != nil || len(list) != 1 || list[0].Name != "good" {
		t.Errorf("after a bad file the library holds %+v, %v", list, err)
	}
}

func TestLibraryRenameDeleteAndSettings(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	a, _ := l.Import(ctx, "a.csv", []byte(sampleCSV), datasets.OriginFile)
	b, _ := l.LoadExample(ctx, "synthetic")
	if err := l.Rename(ctx, a.ID, "  Renamed  "); err != nil {
		t.Fatal(err)
	}
	if err := l.Rename(ctx, a.ID, "   "); err == nil {
		t.Error("an empty name was accepted")
	}
	list, _ := l.List(ctx)
	if len(list) != 2 || list[0].ID != b.ID || list[1].Name != "Renamed" {
		t.Errorf("list = %+v", list)
	}
	if err := l.Delete(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Results(ctx, b.ID); !errors.Is(err, errNoDataset) {
		t.Errorf("results of a deleted dataset: %v", err)
	}
	set, err := l.PutSettings(ctx, `{"method":"Poisson"}`)
	if err != nil || set.Method != "poisson" {
		t.Fatalf("settings = %+v, %v", set, err)
	}
	if _, err := l.PutSettings(ctx, `{"method":"bayes"}`); err == nil {
		t.Error("an unknown method was accepted")
	}
	if l.Method(ctx) != stats.Poisson {
		t.Error("the method setting was not kept")
	}
	if err := l.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	if list, _ := l.List(ctx); len(list) != 0 {
		t.Errorf("after DeleteAll: %+v", list)
	}
}

func TestSyntheticExampleIsMarked(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	d, err := l.LoadExample(ctx, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	out, err := l.ResultsCSV(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1+43*10+10 {
		t.Errorf("synthetic results.csv has %d lines, want 441", len(lines))
	}
	for i, line := range lines[1:] {
		if !strings.Contains(line, examples.SyntheticMark) {
			t.Fatalf("line %d is not marked as synthetic: %s", i+2, line)
		}
	}
}

// results.json of the practice data carries its rows, the method, the mark
// and the version.
func TestSyntheticExampleResultsJSON(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	d, err := l.LoadExample(ctx, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	out, err := l.ResultsJSON(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Version, Method, Mark, Dataset string
		Rows                           []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &file); err != nil {
		t.Fatalf("results.json does not parse: %v", err)
	}
	if len(file.Rows) != 43*10+10 || file.Method != "wilson" || file.Mark != examples.SyntheticMark ||
		!strings.HasPrefix(file.Version, report.Version) || file.Dataset != d.Name {
		t.Errorf("results.json: %d rows, method %q, mark %q, version %q, dataset %q", len(file.Rows), file.Method, file.Mark, file.Version, file.Dataset)
	}
}

// failingStore refuses every write, as a full disk does.
type failingStore struct{ *memoryStore }

func (failingStore) Put(context.Context, storedDataset) error {
	return errors.New("QuotaExceededError: the quota has been exceeded")
}

func TestLibraryKeepsDatasetInMemoryWhenStoreRefuses(t *testing.T) {
	ctx := context.Background()
	l := newLibrary()
	inner := newMemoryStore()
	l.primary, l.mode = failingStore{inner}, modeIndexedDB
	close(l.opened)
	d, err := l.Import(ctx, "big.csv", []byte(sampleCSV), datasets.OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	if d.Persisted {
		t.Error("a dataset that could not be stored says it is persisted")
	}
	if msg := l.Status().Message; !strings.Contains(msg, "this session only") || !strings.Contains(msg, "big") {
		t.Errorf("status = %q", msg)
	}
	if _, err := l.Results(ctx, d.ID); err != nil {
		t.Errorf("the session copy is not usable: %v", err)
	}
}

func TestLibraryWithoutIndexedDB(t *testing.T) {
	global := js.Global()
	object := global.Get("Object")
	// On the global object indexedDB is an own accessor: keep it to put back.
	original := object.Call("getOwnPropertyDescriptor", global, "indexedDB")
	object.Call("defineProperty", global, "indexedDB", map[string]any{"value": js.Undefined(), "configurable": true})
	defer func() {
		object.Call("defineProperty", global, "indexedDB", original)
		if !indexedDBAvailable() {
			t.Fatal("could not give IndexedDB back to later tests")
		}
	}()

	ctx := context.Background()
	l := openLibrary(ctx, "foi-test-unavailable")
	if st := l.Status(); st.Mode != modeMemory || !strings.Contains(st.Message, "IndexedDB") {
		t.Errorf("status = %+v", st)
	}
	d, err := l.Import(ctx, "a.csv", []byte(sampleCSV), datasets.OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	if d.Persisted {
		t.Error("a dataset kept in memory says it is persisted")
	}
	if _, err := l.ResultsCSV(ctx, d.ID); err != nil {
		t.Error(err)
	}
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

// TestPanicBecomesRejectedPromise: a panic inside an engine function rejects
// its Promise with a message, and the engine keeps answering.
func TestPanicBecomesRejectedPromise(t *testing.T) {
	fn := asyncFunc(func([]js.Value) (any, error) { panic("boom") })
	defer fn.Release()
	msg := awaitRejection(t, fn.Invoke())
	if !strings.Contains(msg, "internal error: boom") {
		t.Errorf("rejection = %q", msg)
	}
	ok := asyncFunc(func([]js.Value) (any, error) { return "fine", nil })
	defer ok.Release()
	if got := awaitValue(t, ok.Invoke()); got != "fine" {
		t.Errorf("after a panic the engine answered %q", got)
	}
}

func awaitRejection(t *testing.T, p js.Value) string {
	t.Helper()
	done := make(chan string, 1)
	onOK := js.FuncOf(func(js.Value, []js.Value) any { done <- "resolved"; return nil })
	onErr := js.FuncOf(func(_ js.Value, args []js.Value) any { done <- args[0].Get("message").String(); return nil })
	defer onOK.Release()
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	return <-done
}

func awaitValue(t *testing.T, p js.Value) string {
	t.Helper()
	done := make(chan string, 1)
	onOK := js.FuncOf(func(_ js.Value, args []js.Value) any { done <- args[0].String(); return nil })
	onErr := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- "rejected: " + args[0].Get("message").String()
		return nil
	})
	defer onOK.Release()
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	return <-done
}

// An example is there at once and stored in the background; a rename made
// while it is being stored is kept.
func TestExampleIsStoredInTheBackground(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	d, err := l.LoadExample(ctx, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Rename(ctx, d.ID, "Practice"); err != nil {
		t.Fatal(err)
	}
	for range 100 {
		if _, err := l.session.Meta(ctx, d.ID); err != nil {
			break // stored, and out of the session
		}
		time.Sleep(20 * time.Millisecond)
	}
	stored, err := l.primary.Meta(ctx, d.ID)
	if err != nil || stored.Name != "Practice" {
		t.Fatalf("stored example = %+v, %v", stored, err)
	}
	if list, _ := l.List(ctx); len(list) != 1 {
		t.Errorf("list = %+v", list)
	}
}

// A denominator file added later to a dataset of numerators is paired with it.
func TestAddFilesPairsWithTheDataset(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	d, err := l.Import(ctx, "missing.csv", []byte("Force,As at,Missing\nDerbyshire,17/01/2018,7\n"), datasets.OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.AddFiles(ctx, d.ID, []OriginalFile{
		{Name: "registered.csv", Bytes: []byte("Force,Year,Registered\nDerbyshire,2016/17,1154\n")},
		{Name: "broken.csv", Bytes: []byte("PK\x03\x04")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Dataset == nil || len(res.Dataset.Files) != 2 || len(res.Errors) != 1 || res.Errors[0].File != "broken.csv" {
		t.Fatalf("result = %+v", res)
	}
	out, err := l.ResultsCSV(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "E23000018,Derbyshire,2018-01-17,7,1154,6.06585788561525") {
		t.Errorf("results after adding the denominators:\n%s", out)
	}
}
