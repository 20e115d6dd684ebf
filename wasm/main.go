//go:build js && wasm

// Command wasm is FOI Explorer's engine in the browser: it registers one
// namespace object, globalThis.foi, whose functions return Promises, and then
// waits. web/worker.js loads it in a Web Worker and calls those functions on
// behalf of the page. The datasets are package stats/library's, kept in
// IndexedDB (idbstore.go); all the statistics live under package stats.
package main

import (
	"context"
	"runtime/debug"
	"syscall/js"
)

// memoryLimit is where the garbage collector starts working harder than
// GOGC asks. A wasm module's memory cannot pass 4 GiB and never shrinks, and
// with the default rule the heap of a large import grows to twice what it
// holds; near this limit it is collected instead.
const memoryLimit = 3 << 30

func main() {
	debug.SetMemoryLimit(memoryLimit)
	e := newEngine()
	// The namespace is there at once; its functions wait until the library
	// has opened IndexedDB (or fallen back to memory).
	js.Global().Set("foi", e.namespace())
	e.open(context.Background(), databaseName)
	select {}
}
