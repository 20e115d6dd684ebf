// Package library is the dataset library: the datasets a person imported,
// their original files, import settings, stored tables and reports, and the
// user's settings.
//
// In the data path it is the top of the native code: wasm calls it, and it
// calls ingest, analysis and report.
package library
