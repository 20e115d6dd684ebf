// Package library is the user's dataset library: the step of the data path
// between the engine's boundary (wasm, which decodes a request and encodes the
// reply) and the analysis and the report (which work figures out and write
// them down).
//
// A dataset is the files a user added together. The library reads them
// (ingest), combines them into one table (analysis.Combine), and keeps the
// original bytes, the table's stored form (cube.EncodeTable), the choices
// made by hand (column mappings, names matched to forces, a wide table's
// values, the pairing rule) and the page report last worked out, all behind
// a Store. It works results out on demand with the interval method of the
// user's Settings.
//
// Store is one method per unit of work. In the browser it is IndexedDB (in
// package wasm); MemoryStore is the fallback when IndexedDB is missing or
// full, and the home of datasets that could not be stored. Package storetest
// is the one test suite every Store passes.
package library
