//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/library"
	"github.com/foi-explorer/foi-explorer/stats/library/storetest"
)

var testDBCounter int

// testDB opens a fresh database for one test and deletes it afterwards.
func testDB(t *testing.T) (*idbStore, string) {
	t.Helper()
	testDBCounter++
	name := fmt.Sprintf("foi-test-%s-%d-%d", strings.ReplaceAll(t.Name(), "/", "_"), time.Now().UnixNano(), testDBCounter)
	s, err := openIDBStore(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = s.Close()
		if req, err := idb.Global().DeleteDatabase(name); err == nil {
			_ = req.Await(context.Background())
		}
	})
	return s, name
}

func sampleDataset(t *testing.T, id string) library.StoredDataset {
	t.Helper()
	data := []byte("Force,Year,Missing,Registered\nDerbyshire,2016/17,7,1154\nStaffordshire,2016/17,5,900\n")
	tab, err := ingest.ReadTable("sample.csv", strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	enc, err := cube.EncodeTable(tab)
	if err != nil {
		t.Fatal(err)
	}
	return library.StoredDataset{
		Meta:      library.Dataset{ID: id, Name: "sample", Files: []string{"sample.csv"}, Rows: tab.Len(), ImportedAt: time.Now().UTC(), Persisted: true},
		Originals: []library.OriginalFile{{Name: "sample.csv", Bytes: data}},
		Table:     enc,
	}
}

// The store suite on IndexedDB, in Chromium; stats/library runs the same
// suite on MemoryStore natively.
func TestIDBStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) library.Store {
		s, _ := testDB(t)
		return s
	})
}

// A table stored by the previous version, as JSON text (format 1), reads
// after the upgrade to the binary format 2.
func TestIDBStoreReadsFormat1Tables(t *testing.T) {
	s, _ := testDB(t)
	ctx := context.Background()
	d := sampleDataset(t, "ds-old")
	if err := s.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	tab, err := cube.DecodeTable(d.Table)
	if err != nil {
		t.Fatal(err)
	}
	// Format 1 was the table as JSON, its rows a field of it.
	v1, err := json.Marshal(map[string]any{"format": 1, "table": struct {
		*cube.Table
		Rows []cube.Row
	}{tab, tab.Rows()}})
	if err != nil {
		t.Fatal(err)
	}
	txn, err := s.db.Transaction(idb.TransactionReadWrite, storeTables)
	if err != nil {
		t.Fatal(err)
	}
	if err := putKey(txn, storeTables, js.ValueOf("ds-old"), js.ValueOf(string(v1))); err != nil {
		t.Fatal(err)
	}
	if err := txn.Await(ctx); err != nil {
		t.Fatal(err)
	}
	enc, err := s.Table(ctx, "ds-old")
	if err != nil {
		t.Fatal(err)
	}
	got, err := cube.DecodeTable(enc)
	if err != nil || got.Len() != 2 || got.Row(1).Force.ShortName != "Staffordshire" {
		t.Fatalf("format 1 table: %+v, %v", got, err)
	}
}

// A read the browser answers while the module's thread is busy with other
// work past the read's deadline is still read, not reported as silent: the
// deadline runs on Go's clock, the answer waits in JavaScript's queue.
func TestReadAnsweredWhileThreadBusy(t *testing.T) {
	s, _ := testDB(t)
	ctx := context.Background()
	if err := s.Put(ctx, sampleDataset(t, "ds-busy")); err != nil {
		t.Fatal(err)
	}
	saved := readTimeout
	readTimeout = 20 * time.Millisecond
	defer func() { readTimeout = saved }()
	done := make(chan error, 1)
	go func() {
		_, err := s.Meta(ctx, "ds-busy")
		done <- err
	}()
	runtime.Gosched() // the read is asked for, and waits
	// Work that never yields, as working out the results of a large
	// dataset does, for far longer than the deadline.
	for start := time.Now(); time.Since(start) < 500*time.Millisecond; {
	}
	if err := <-done; err != nil {
		t.Errorf("a read answered during busy work: %v", err)
	}
}
