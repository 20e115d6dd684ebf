// Package storetest is the test suite every library.Store passes: the same
// tests run natively against library.MemoryStore and in Chromium against
// IndexedDB (package wasm), so that the fallback behaves as the real store.
package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/library"
)

// Run runs the suite, one subtest per behaviour. open must return a new,
// empty store for each call, and clean it up when its test ends (t.Cleanup).
func Run(t *testing.T, open func(t *testing.T) library.Store) {
	tests := []struct {
		name string
		test func(t *testing.T, s library.Store)
	}{
		{"Empty", testEmpty},
		{"PutThenRead", testPutThenRead},
		{"PutReplacesEveryPart", testPutReplaces},
		{"BytesKeptExactly", testBytesExact},
		{"DescriptionsAreCopies", testCopies},
		{"ListNewestFirst", testListOrder},
		{"Rename", testRename},
		{"UpdateMeta", testUpdateMeta},
		{"Delete", testDelete},
		{"DeleteAllKeepsSettings", testDeleteAll},
		{"Settings", testSettings},
		{"Reports", testReports},
		{"PutDropsReport", testPutDropsReport},
		{"ConcurrentPutsLeaveOneWholeDataset", testConcurrentPuts},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.test(t, open(t)) })
	}
}

var ctx = context.Background()

// day is when the suite's datasets were imported, give or take a few hours.
var day = time.Date(2026, 11, 27, 9, 30, 0, 123456789, time.UTC)

// dataset is a stored dataset whose every part says which version it is,
// with each kind of thing a description holds.
func dataset(id, version string, at time.Time) library.StoredDataset {
	return library.StoredDataset{
		Meta: library.Dataset{
			ID: id, Name: "figures " + version, Files: []string{"missing.csv", "registered.csv"}, Rows: 12, Issues: 3,
			ImportedAt: at, Origin: library.OriginFile, Persisted: true, Pairing: "same-period",
			Mappings: map[string]ingest.Mapping{"missing.csv": {HeaderLine: 2, Force: 0, Period: 1, Numerator: 3, Denominator: -1}},
			NameMap:  map[string]string{"Derbys Constab": "E23000018"},
			Values:   map[string]string{"registered.csv": "denominator"},
		},
		Originals: []library.OriginalFile{
			{Name: "missing.csv", Bytes: []byte("Area,When,x,Lost\nDerbys Constab,2016/17,,7\n" + version)},
			{Name: "registered.csv", Bytes: []byte("Force,2016/17\nDerbyshire,1154\n" + version)},
		},
		Table: []byte("table of " + version),
	}
}

// sameMeta reports a difference between two descriptions, as their JSON:
// what a store keeps.
func sameMeta(t *testing.T, what string, got, want library.Dataset) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if !bytes.Equal(g, w) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

// sameDataset checks every part of a stored dataset.
func sameDataset(t *testing.T, s library.Store, want library.StoredDataset) {
	t.Helper()
	id := want.Meta.ID
	meta, err := s.Meta(ctx, id)
	if err != nil {
		t.Fatalf("Meta(%s): %v", id, err)
	}
	sameMeta(t, "Meta("+id+")", meta, want.Meta)
	table, err := s.Table(ctx, id)
	if err != nil || !bytes.Equal(table, want.Table) {
		t.Errorf("Table(%s) = %q, %v; want %q", id, table, err, want.Table)
	}
	originals, err := s.Originals(ctx, id)
	if err != nil {
		t.Fatalf("Originals(%s): %v", id, err)
	}
	if len(originals) != len(want.Originals) {
		t.Fatalf("Originals(%s): %d files, want %d", id, len(originals), len(want.Originals))
	}
	for i, f := range originals {
		if w := want.Originals[i]; f.Name != w.Name || !bytes.Equal(f.Bytes, w.Bytes) || f.Mapping != nil || f.Refused != nil {
			t.Errorf("Originals(%s)[%d] = %q %q (mapping %v, refused %v); want %q %q", id, i, f.Name, f.Bytes, f.Mapping, f.Refused, w.Name, w.Bytes)
		}
	}
}

// gone checks that nothing of a dataset is left.
func gone(t *testing.T, s library.Store, id string) {
	t.Helper()
	if _, err := s.Meta(ctx, id); !errors.Is(err, library.ErrNoDataset) {
		t.Errorf("Meta(%s) of a dataset not there: %v, want ErrNoDataset", id, err)
	}
	if _, err := s.Table(ctx, id); !errors.Is(err, library.ErrNoDataset) {
		t.Errorf("Table(%s) of a dataset not there: %v, want ErrNoDataset", id, err)
	}
	if _, err := s.Originals(ctx, id); !errors.Is(err, library.ErrNoDataset) {
		t.Errorf("Originals(%s) of a dataset not there: %v, want ErrNoDataset", id, err)
	}
	if key, report, err := s.Report(ctx, id); key != "" || report != "" || err != nil {
		t.Errorf("Report(%s) of a dataset not there = %q, %q, %v; want none", id, key, report, err)
	}
}

func listIDs(t *testing.T, s library.Store) []string {
	t.Helper()
	list, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if list == nil {
		t.Error("List gave nil, want an empty list")
	}
	ids := make([]string, len(list))
	for i, d := range list {
		ids[i] = d.ID
	}
	return ids
}

func put(t *testing.T, s library.Store, d library.StoredDataset) {
	t.Helper()
	if err := s.Put(ctx, d); err != nil {
		t.Fatalf("Put(%s): %v", d.Meta.ID, err)
	}
}

func testEmpty(t *testing.T, s library.Store) {
	if ids := listIDs(t, s); len(ids) != 0 {
		t.Errorf("a new store lists %v", ids)
	}
	gone(t, s, "ds-none")
	if set, err := s.Settings(ctx); err != nil || set != (library.Settings{}) {
		t.Errorf("settings of a new store = %+v, %v; want the zero Settings", set, err)
	}
}

func testPutThenRead(t *testing.T, s library.Store) {
	d := dataset("ds-1", "v1", day)
	put(t, s, d)
	list, err := s.List(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("List = %+v, %v", list, err)
	}
	sameMeta(t, "List()[0]", list[0], d.Meta)
	sameDataset(t, s, d)
	gone(t, s, "ds-2")
}

func testPutReplaces(t *testing.T, s library.Store) {
	put(t, s, dataset("ds-1", "v1", day))
	v2 := dataset("ds-1", "v2", day.Add(time.Hour))
	v2.Originals = v2.Originals[1:]
	v2.Meta.Files = v2.Meta.Files[1:]
	v2.Meta.NameMap = nil
	put(t, s, v2)
	sameDataset(t, s, v2)
	if ids := listIDs(t, s); len(ids) != 1 {
		t.Errorf("after a second Put of one id the store lists %v", ids)
	}
}

func testBytesExact(t *testing.T, s library.Store) {
	d := dataset("ds-bin", "v1", day)
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	d.Table = append([]byte{0, 0xff, 0xfe}, all...)
	d.Originals = []library.OriginalFile{
		{Name: "windows-1252.csv", Bytes: []byte("Force,Missing\nD\xe9rby,7\r\n")},
		{Name: "empty.csv", Bytes: []byte{}},
		{Name: "every byte.bin", Bytes: all},
	}
	put(t, s, d)
	sameDataset(t, s, d)
	none := dataset("ds-no-files", "v1", day)
	none.Originals = nil
	put(t, s, none)
	if originals, err := s.Originals(ctx, none.Meta.ID); err != nil || len(originals) != 0 {
		t.Errorf("Originals of a dataset stored without files = %+v, %v", originals, err)
	}
}

func testCopies(t *testing.T, s library.Store) {
	d := dataset("ds-1", "v1", day)
	put(t, s, d)
	want := dataset("ds-1", "v1", day)
	d.Meta.NameMap["Staffs"] = "E23000015" // after the Put
	d.Meta.Files[0] = "changed.csv"
	sameDataset(t, s, want)
	meta, err := s.Meta(ctx, "ds-1")
	if err != nil {
		t.Fatal(err)
	}
	meta.NameMap["Kent Police"] = "E23000032"
	meta.Values["missing.csv"] = "numerator"
	meta.Mappings["registered.csv"] = ingest.Mapping{}
	sameDataset(t, s, want)
}

func testListOrder(t *testing.T, s library.Store) {
	at := map[string]time.Time{
		"ds-old":    day.Add(-48 * time.Hour),
		"ds-new":    day.Add(time.Millisecond),
		"ds-tie-b":  day,
		"ds-tie-a":  day,
		"ds-middle": day.Add(-time.Hour),
	}
	for _, id := range []string{"ds-tie-b", "ds-old", "ds-new", "ds-middle", "ds-tie-a"} {
		put(t, s, dataset(id, id, at[id]))
	}
	want := []string{"ds-new", "ds-tie-a", "ds-tie-b", "ds-middle", "ds-old"}
	if got := listIDs(t, s); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("List order %v, want newest first, ties by id: %v", got, want)
	}
}

func testRename(t *testing.T, s library.Store) {
	d := dataset("ds-1", "v1", day)
	put(t, s, d)
	if err := s.PutReport(ctx, "ds-1", "key-1", `{"rows":[]}`); err != nil {
		t.Fatal(err)
	}
	if err := s.Rename(ctx, "ds-1", "Missing, renamed “quoted”"); err != nil {
		t.Fatal(err)
	}
	d.Meta.Name = "Missing, renamed “quoted”"
	sameDataset(t, s, d)
	// A name is not part of what a report is computed from.
	if key, _, err := s.Report(ctx, "ds-1"); key != "key-1" || err != nil {
		t.Errorf("after Rename the report's key is %q, %v; want it kept", key, err)
	}
	if err := s.Rename(ctx, "ds-none", "x"); !errors.Is(err, library.ErrNoDataset) {
		t.Errorf("Rename of a dataset not there: %v, want ErrNoDataset", err)
	}
	if ids := listIDs(t, s); fmt.Sprint(ids) != "[ds-1]" {
		t.Errorf("after renaming a dataset not there the store lists %v", ids)
	}
}

func testUpdateMeta(t *testing.T, s library.Store) {
	d := dataset("ds-1", "v1", day)
	put(t, s, d)
	if err := s.PutReport(ctx, "ds-1", "key-1", `{}`); err != nil {
		t.Fatal(err)
	}
	d.Meta.NameMap = map[string]string{"Staffs": "E23000015"}
	d.Meta.Persisted = false
	if err := s.UpdateMeta(ctx, d.Meta); err != nil {
		t.Fatal(err)
	}
	sameDataset(t, s, d) // the table and the files are untouched
	if key, _, _ := s.Report(ctx, "ds-1"); key != "key-1" {
		t.Errorf("after UpdateMeta the report's key is %q; want it kept (the key says what it was computed from)", key)
	}
	missing := dataset("ds-none", "v1", day).Meta
	if err := s.UpdateMeta(ctx, missing); !errors.Is(err, library.ErrNoDataset) {
		t.Errorf("UpdateMeta of a dataset not there: %v, want ErrNoDataset", err)
	}
	gone(t, s, "ds-none")
	if ids := listIDs(t, s); fmt.Sprint(ids) != "[ds-1]" {
		t.Errorf("after UpdateMeta of a dataset not there the store lists %v", ids)
	}
}

func testDelete(t *testing.T, s library.Store) {
	keep, drop := dataset("ds-keep", "keep", day), dataset("ds-drop", "drop", day)
	put(t, s, keep)
	put(t, s, drop)
	for _, id := range []string{"ds-keep", "ds-drop"} {
		if err := s.PutReport(ctx, id, "key-"+id, `{}`); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Delete(ctx, "ds-drop"); err != nil {
		t.Fatal(err)
	}
	gone(t, s, "ds-drop")
	sameDataset(t, s, keep)
	if key, _, _ := s.Report(ctx, "ds-keep"); key != "key-ds-keep" {
		t.Errorf("deleting another dataset dropped this one's report: key %q", key)
	}
	if err := s.Delete(ctx, "ds-drop"); err != nil {
		t.Errorf("deleting a dataset already gone: %v, want no error", err)
	}
	// Stored again under the same id, the old report does not come back.
	put(t, s, drop)
	if key, _, _ := s.Report(ctx, "ds-drop"); key != "" {
		t.Errorf("a deleted dataset's report came back: key %q", key)
	}
	if ids := listIDs(t, s); fmt.Sprint(ids) != "[ds-drop ds-keep]" {
		t.Errorf("store lists %v", ids)
	}
}

func testDeleteAll(t *testing.T, s library.Store) {
	set := library.Settings{Method: "poisson", ExamplesLoaded: true}
	if err := s.PutSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"ds-1", "ds-2", "ds-3"} {
		put(t, s, dataset(id, id, day))
		if err := s.PutReport(ctx, id, "key", `{}`); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	if ids := listIDs(t, s); len(ids) != 0 {
		t.Errorf("after DeleteAll the store lists %v", ids)
	}
	for _, id := range []string{"ds-1", "ds-2", "ds-3"} {
		gone(t, s, id)
	}
	if got, err := s.Settings(ctx); err != nil || got != set {
		t.Errorf("after DeleteAll settings = %+v, %v; want %+v kept", got, err, set)
	}
	put(t, s, dataset("ds-1", "again", day)) // the store still works
	sameDataset(t, s, dataset("ds-1", "again", day))
}

func testSettings(t *testing.T, s library.Store) {
	for _, set := range []library.Settings{{Method: "poisson"}, {Method: "wilson", ExamplesLoaded: true}, {}} {
		if err := s.PutSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Settings(ctx); err != nil || got != set {
			t.Errorf("Settings = %+v, %v; want %+v", got, err, set)
		}
	}
}

func testReports(t *testing.T, s library.Store) {
	if err := s.PutReport(ctx, "ds-none", "key", `{}`); !errors.Is(err, library.ErrNoDataset) {
		t.Errorf("PutReport of a dataset not there: %v, want ErrNoDataset", err)
	}
	gone(t, s, "ds-none")
	put(t, s, dataset("ds-1", "v1", day))
	put(t, s, dataset("ds-2", "v2", day))
	if key, report, err := s.Report(ctx, "ds-1"); key != "" || report != "" || err != nil {
		t.Errorf("Report before any was stored = %q, %q, %v", key, report, err)
	}
	big := `{"rows":[` + string(bytes.Repeat([]byte(`{"force":"Derbyshire","rate":6.06585788561525,"note":"“x” é"},`), 2000)) + `{}]}`
	for _, r := range []struct{ key, report string }{{"key-1", `{"rows":[]}`}, {"key-2", big}} {
		if err := s.PutReport(ctx, "ds-1", r.key, r.report); err != nil {
			t.Fatal(err)
		}
		if key, report, err := s.Report(ctx, "ds-1"); key != r.key || report != r.report || err != nil {
			t.Errorf("Report = %q, %.40q…, %v; want %q, %.40q…", key, report, err, r.key, r.report)
		}
	}
	if key, _, _ := s.Report(ctx, "ds-2"); key != "" {
		t.Errorf("one dataset's report shows under another: key %q", key)
	}
}

func testPutDropsReport(t *testing.T, s library.Store) {
	put(t, s, dataset("ds-1", "v1", day))
	if err := s.PutReport(ctx, "ds-1", "key-1", `{}`); err != nil {
		t.Fatal(err)
	}
	put(t, s, dataset("ds-1", "v2", day)) // a new table makes the report stale
	if key, report, err := s.Report(ctx, "ds-1"); key != "" || report != "" || err != nil {
		t.Errorf("after a Put the old report is still there: %q, %q, %v", key, report, err)
	}
}

// testConcurrentPuts: Puts of different versions of one dataset, and of
// other datasets, all at once. Each Put is one unit of work, so at the end
// every dataset is one version whole, never parts of two.
func testConcurrentPuts(t *testing.T, s library.Store) {
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 10 {
		wg.Go(func() {
			errs <- s.Put(ctx, dataset("ds-same", fmt.Sprintf("v%d", i), day))
		})
		wg.Go(func() {
			errs <- s.Put(ctx, dataset(fmt.Sprintf("ds-%d", i), "v", day))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	meta, err := s.Meta(ctx, "ds-same")
	if err != nil {
		t.Fatal(err)
	}
	var version string
	if _, err := fmt.Sscanf(meta.Name, "figures %s", &version); err != nil {
		t.Fatalf("name %q", meta.Name)
	}
	sameDataset(t, s, dataset("ds-same", version, day))
	if ids := listIDs(t, s); len(ids) != 11 {
		t.Errorf("after 20 Puts of 11 datasets the store lists %d: %v", len(ids), ids)
	}
}
