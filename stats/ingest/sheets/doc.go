// Package sheets reads the sheets of a spreadsheet workbook (Excel's .xlsx,
// OpenDocument's .ods) as rows of cell texts, so that package ingest reads
// each sheet as it reads a CSV file: one importer, the same report.
//
// A cell's text is what a person sees less its formatting: a number as its
// value written with up to 15 significant digits (as Excel shows it), so
// that Excel's accounting zero is 0 and not " - "; a date as 2019-03-31; a
// formula as its value when last calculated. Rows keep their numbers: a
// blank row is an empty row, so that a line of the sheet's CSV is its row.
package sheets
