//go:build js && wasm

package main

import (
	"context"
	"strings"
	"syscall/js"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/library"
)

const sampleCSV = "Force,Year,Missing,Registered\nDerbyshire,2016/17,7,1154\nStaffordshire,2016/17,5,900\nDerbyshire,2017/18,5,1200\n"

// testEngine is an engine whose library is open over a fresh database.
func testEngine(t *testing.T) *engine {
	t.Helper()
	s, _ := testDB(t)
	e := newEngine()
	e.Library = library.New(s, library.Options{BuildID: "test"})
	close(e.opened)
	return e
}

// A library over IndexedDB, opened again over the same database (a
// reload), has the dataset, its results and the report worked out before.
func TestLibraryOverIndexedDBAfterReload(t *testing.T) {
	ctx := context.Background()
	s, name := testDB(t)
	l := library.New(s, library.Options{BuildID: "test"})
	if st := l.Status(); st.Mode != library.ModeIndexedDB {
		t.Errorf("status = %+v", st)
	}
	d, err := l.Import(ctx, "figures.csv", []byte(sampleCSV), library.OriginFile)
	if err != nil || !d.Persisted {
		t.Fatalf("import: %+v, %v", d, err)
	}
	csv, err := l.ResultsCSV(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	view, err := l.ViewJSON(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	key, report, err := s.Report(ctx, d.ID)
	if err != nil || key == "" || !strings.Contains(view, report) {
		t.Fatalf("the report was not stored: key %q, %v", key, err)
	}
	_ = s.Close()

	again := openLibrary(ctx, name)
	if st := again.Status(); st.Mode != library.ModeIndexedDB {
		t.Fatalf("reopened: status %+v", st)
	}
	list, err := again.List(ctx)
	if err != nil || len(list) != 1 || list[0].ID != d.ID {
		t.Fatalf("after the reload: %+v, %v", list, err)
	}
	if got, err := again.ResultsCSV(ctx, d.ID); err != nil || got != csv {
		t.Errorf("results.csv after the reload: %v\n%s\nwant\n%s", err, got, csv)
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
	if st := l.Status(); st.Mode != library.ModeMemory || !strings.Contains(st.Message, "IndexedDB") {
		t.Errorf("status = %+v", st)
	}
	d, err := l.Import(ctx, "a.csv", []byte(sampleCSV), library.OriginFile)
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

// The results call passes a stored report on as IndexedDB's own string: the
// view it gives is the library's, byte for byte, worked out afresh or read
// back, and after another method (a report under another key) too.
func TestViewIsViewJSON(t *testing.T) {
	ctx := context.Background()
	e := testEngine(t)
	d, err := e.Import(ctx, "figures.csv", []byte(sampleCSV), library.OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	text := func(v any) string {
		switch x := v.(type) {
		case string:
			return x
		case js.Value:
			return x.String()
		}
		t.Fatalf("the view is a %T", v)
		return ""
	}
	first, err := e.view(ctx, d.ID) // worked out, and stored
	if err != nil {
		t.Fatal(err)
	}
	want, err := e.ViewJSON(ctx, d.ID) // read back
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.view(ctx, d.ID) // read back, as a JavaScript string
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := again.(js.Value); !ok {
		t.Errorf("a stored report came back as a %T, not IndexedDB's string", again)
	}
	if text(first) != want || text(again) != want || !strings.HasPrefix(want, `{"dataset":{`) || !strings.HasSuffix(want, "}}") {
		t.Errorf("the views differ:\nworked out %.120s\nread back  %.120s\nViewJSON   %.120s", text(first), text(again), want)
	}
	if _, err := e.PutSettings(ctx, `{"method":"poisson"}`); err != nil {
		t.Fatal(err)
	}
	poisson, err := e.view(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p := text(poisson); p == want || !strings.Contains(p, `"method":"poisson"`) {
		t.Errorf("after another method the old report was passed on: %.200s", p)
	}
}
