// Package bundle writes and reads the reproducibility bundle: a zip of a
// dataset's original files, its settings (column mappings, name map,
// pairing rule, method) and its results.csv, which another copy of the app
// opens to recompute the same results. Reading checks every entry's size,
// name and checksum before anything is stored.
//
// It sits beside the library: it packs what the library holds, and reads
// the import settings of ingest and analysis.
package bundle
