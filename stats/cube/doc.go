// Package cube is the model of a dataset's figures: observations of force ×
// period × measure → value, where a value is an exact count, a censored
// range ("<5" is 0 to 4), withheld, not given or invalid, and every one
// knows its file, line and column.
//
// A Table is what one file (or, after analysis.Combine, several) was read
// as: its rows held in columns (records.go), dictionary-encoded, with the
// reader's report (issues, health). Its stored form (codec.go, format 3)
// writes the columns as they are held; DecodeTable also reads formats 1 and 2.
//
// In the data path: ingest writes tables, analysis and report read them,
// library stores them. cube imports only the police domain (a row's force).
package cube
