package library

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

const sampleCSV = "Force,Year,Missing,Registered\nDerbyshire,2016/17,7,1154\nStaffordshire,2016/17,5,900\nDerbyshire,2017/18,5,1200\n"

// testLibrary is a library over a store that it takes to keep datasets for
// next time, as IndexedDB does: examples are stored in the background.
func testLibrary(t *testing.T) *Library {
	t.Helper()
	return New(new(MemoryStore), Options{Status: StorageStatus{Mode: ModeIndexedDB}})
}

// reopen is a new library over the same store, as after a reload.
func reopen(l *Library) *Library {
	return New(l.primary, Options{BuildID: l.buildID, Status: l.Status()})
}

func TestLibraryImportResultsAndExport(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	d, err := l.Import(ctx, "figures.csv", []byte(sampleCSV), OriginFile)
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
	fresh := reopen(l)
	again, err := fresh.ResultsCSV(ctx, d.ID)
	if err != nil || again != got {
		t.Errorf("after reopening: %v\n%s", err, again)
	}
}

// data.csv of a dataset of two files is each file read again, as it was
// added, in the dataset's order.
func TestLibraryDataCSV(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	num := "Force,Year,Missing\nDerbyshire,2016/17,7\n"
	den := "Force,Year,Registered\nDerbyshire,2016/17,1154\n"
	res, err := l.ImportFiles(ctx, []OriginalFile{{Name: "num.csv", Bytes: []byte(num)}, {Name: "den.csv", Bytes: []byte(den)}}, OriginFile)
	if err != nil || res.Dataset == nil {
		t.Fatal(err, res.Errors)
	}
	got, err := l.DataCSV(ctx, res.Dataset.ID)
	if err != nil {
		t.Fatal(err)
	}
	var tables []*cube.Table
	for _, f := range []struct{ name, text string }{{"num.csv", num}, {"den.csv", den}} {
		tab, err := ingest.ReadTable(f.name, strings.NewReader(f.text))
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, tab)
	}
	var want strings.Builder
	if err := report.WriteDataCSV(&want, tables); err != nil {
		t.Fatal(err)
	}
	if got != want.String() {
		t.Errorf("data.csv from the library:\n%s\nwant\n%s", got, want.String())
	}
	if !strings.Contains(got, "E23000018,Derbyshire,2016/17,Missing,7,") || !strings.Contains(got, "E23000018,Derbyshire,2016/17,Registered,1154,") {
		t.Errorf("data.csv lacks a file's observation:\n%s", got)
	}
	if _, err := l.DataCSV(ctx, "ds-none"); err == nil {
		t.Error("data.csv of a dataset that does not exist")
	}
}

func TestLibraryBadFileStoresNothing(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	if _, err := l.Import(ctx, "good.csv", []byte(sampleCSV), OriginFile); err != nil {
		t.Fatal(err)
	}
	_, err := l.Import(ctx, "bad.csv", []byte("Force,Year,Missing,Registered\n\"Derbyshire,2018,1,2\n"), OriginFile)
	var loc located
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
	a, _ := l.Import(ctx, "a.csv", []byte(sampleCSV), OriginFile)
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
	if _, err := l.Results(ctx, b.ID); !errors.Is(err, ErrNoDataset) {
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

// failingStore refuses every write of a dataset with err.
type failingStore struct {
	*MemoryStore
	err error
}

func (f failingStore) Put(context.Context, StoredDataset) error { return f.err }

func TestLibraryKeepsDatasetInMemoryWhenStoreRefuses(t *testing.T) {
	ctx := context.Background()
	l := New(failingStore{new(MemoryStore), errors.New("UnknownError: the disk is on fire")}, Options{})
	d, err := l.Import(ctx, "big.csv", []byte(sampleCSV), OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	if d.Persisted {
		t.Error("a dataset that could not be stored says it is persisted")
	}
	if msg := l.Status().Message; !strings.Contains(msg, "this session only") || !strings.Contains(msg, "big") || !strings.Contains(msg, "on fire") {
		t.Errorf("status = %q", msg)
	}
	if _, err := l.Results(ctx, d.ID); err != nil {
		t.Errorf("the session copy is not usable: %v", err)
	}
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
	d, err := l.Import(ctx, "missing.csv", []byte("Force,As at,Missing\nDerbyshire,17/01/2018,7\n"), OriginFile)
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

// A store that says it is full is named as full, with what to do.
func TestLibrarySaysWhenStorageIsFull(t *testing.T) {
	ctx := context.Background()
	full := fmt.Errorf("%w: QuotaExceededError", ErrStorageFull)
	l := New(failingStore{new(MemoryStore), full}, Options{})
	if _, err := l.Import(ctx, "big.csv", []byte(sampleCSV), OriginFile); err != nil {
		t.Fatal(err)
	}
	if msg := l.Status().Message; !strings.Contains(msg, "storage is full") || !strings.Contains(msg, "delete ones you no longer need") {
		t.Errorf("status = %q", msg)
	}
}

// Over a store that keeps datasets for this session only, every dataset
// says so, examples too.
func TestLibraryOverMemoryStore(t *testing.T) {
	ctx := context.Background()
	l := New(new(MemoryStore), Options{})
	if st := l.Status(); st.Mode != ModeMemory {
		t.Errorf("status = %+v, want mode memory", st)
	}
	d, err := l.Import(ctx, "a.csv", []byte(sampleCSV), OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := l.LoadExample(ctx, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	if d.Persisted || ex.Persisted {
		t.Errorf("datasets kept in memory say they are persisted: %v, %v", d.Persisted, ex.Persisted)
	}
}

// slowStore takes a while over each Put, as IndexedDB does over a large one.
type slowStore struct{ *MemoryStore }

func (s slowStore) Put(ctx context.Context, d StoredDataset) error {
	time.Sleep(50 * time.Millisecond)
	return s.MemoryStore.Put(ctx, d)
}

// Changes made to an example while it is being stored (a name, a force
// chosen by hand, a pairing rule that reads it again, a deletion) are what
// the store holds once it is stored.
func TestExampleChangedWhileBeingStored(t *testing.T) {
	ctx := context.Background()
	store := slowStore{new(MemoryStore)}
	l := New(store, Options{Status: StorageStatus{Mode: ModeIndexedDB}})
	d, err := l.LoadExample(ctx, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	gone, err := l.LoadExample(ctx, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Rename(ctx, d.ID, "Practice"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.SetNameMap(ctx, d.ID, `{"Practice Force":"E23000018"}`); err != nil {
		t.Fatal(err)
	}
	if _, err := l.SetPairingRule(ctx, d.ID, analysis.PairSamePeriod.String()); err != nil {
		t.Fatal(err)
	}
	if err := l.Delete(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	for range 100 {
		if list, _ := l.session.List(ctx); len(list) == 0 {
			break // both handed over
		}
		time.Sleep(20 * time.Millisecond)
	}
	stored, err := store.Meta(ctx, d.ID)
	if err != nil || stored.Name != "Practice" || stored.NameMap["Practice Force"] != "E23000018" || stored.Pairing != analysis.PairSamePeriod.String() {
		t.Fatalf("stored example = %+v, %v", stored, err)
	}
	if _, err := store.Meta(ctx, gone.ID); !errors.Is(err, ErrNoDataset) {
		t.Errorf("an example deleted while it was being stored is in the store: %v", err)
	}
	if list, _ := l.List(ctx); len(list) != 1 {
		t.Errorf("list = %+v", list)
	}
}
