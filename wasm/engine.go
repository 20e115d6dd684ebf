//go:build js && wasm

package main

import (
	"context"

	"github.com/foi-explorer/foi-explorer/stats/library"
)

// buildID names the engine's build: the Makefile sets it to a hash of the Go
// sources (-ldflags -X main.buildID), so that a report stored by an older
// engine is never shown by a newer one.
var buildID string

// engine is what globalThis.foi calls: the dataset library, once it has
// opened its store, and the files the worker is copying in.
type engine struct {
	*library.Library
	uploads uploads
	opened  chan struct{} // closed once Library is set
}

func newEngine() *engine { return &engine{opened: make(chan struct{})} }

// open opens the library over the named IndexedDB database, or over memory
// when the browser gives none.
func (e *engine) open(ctx context.Context, dbName string) {
	e.Library = openLibrary(ctx, dbName)
	close(e.opened)
}

// openLibrary returns a library over the named IndexedDB database, or, when
// it cannot be opened, over memory, saying why.
func openLibrary(ctx context.Context, dbName string) *library.Library {
	s, err := openIDBStore(ctx, dbName)
	if err != nil {
		return library.New(new(library.MemoryStore), library.Options{BuildID: buildID, Status: library.StorageStatus{
			Mode:    library.ModeMemory,
			Message: err.Error() + ". Datasets are kept in memory for this session only, and are gone when the tab is closed.",
		}})
	}
	return library.New(s, library.Options{BuildID: buildID, Status: library.StorageStatus{
		Mode:    library.ModeIndexedDB,
		Message: "Datasets are stored in this browser (IndexedDB) and are there next time.",
	}})
}
