package library_test

import (
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/library"
	"github.com/foi-explorer/foi-explorer/stats/library/storetest"
)

// The store suite on the fallback store, natively; wasm/idbstore_test.go
// runs the same suite on IndexedDB in Chromium.
func TestMemoryStore(t *testing.T) {
	storetest.Run(t, func(*testing.T) library.Store { return new(library.MemoryStore) })
}
