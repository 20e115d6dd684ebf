//go:build js && wasm

package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/hack-pad/go-indexeddb/idb"
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

func sampleDataset(t *testing.T, id string) storedDataset {
	t.Helper()
	data := []byte("Force,Year,Missing,Registered\nDerbyshire,2016/17,7,1154\nStaffordshire,2016/17,5,900\n")
	tab, err := stats.ReadTable("sample.csv", strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	enc, err := stats.EncodeTable(tab)
	if err != nil {
		t.Fatal(err)
	}
	return storedDataset{
		Meta:      stats.Dataset{ID: id, Name: "sample", Files: []string{"sample.csv"}, Rows: len(tab.Rows), ImportedAt: time.Now().UTC(), Persisted: true},
		Originals: []OriginalFile{{Name: "sample.csv", Bytes: data}},
		Table:     enc,
	}
}

func TestIDBStoreRoundTrip(t *testing.T) {
	s, _ := testDB(t)
	ctx := context.Background()
	d := sampleDataset(t, "ds-1")
	if err := s.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	list, err := s.List(ctx)
	if err != nil || len(list) != 1 || list[0].Name != "sample" || list[0].Rows != 2 {
		t.Fatalf("List = %+v, %v", list, err)
	}
	enc, err := s.Table(ctx, "ds-1")
	if err != nil {
		t.Fatal(err)
	}
	tab, err := stats.DecodeTable(enc)
	if err != nil || len(tab.Rows) != 2 || tab.Rows[0].Force.Code != "E23000018" {
		t.Fatalf("table = %+v, %v", tab, err)
	}
	orig, err := s.Originals(ctx, "ds-1")
	if err != nil || len(orig) != 1 || string(orig[0].Bytes) != string(d.Originals[0].Bytes) {
		t.Fatalf("originals = %+v, %v", orig, err)
	}
}
