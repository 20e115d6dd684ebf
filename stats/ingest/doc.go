// Package ingest reads bytes into a cube.Table: it decodes the text (decode),
// finds the header (or a wide layout, or a police.uk file's records, or
// takes the columns a person chose), and checks each row as it goes,
// writing it into the table's columns, with a report of what was read,
// skipped and why (cube.Issue).
//
// The records of a file are never all held: a source keeps the first few
// and goes through the rest again for each step that needs them (source.go).
// What the checks need of the whole file (regions named, category rows) is
// learned in one pass before the rows are checked (rows.go).
//
// In the data path: first after the bytes; it writes the model (cube) and
// knows the domain (police). analysis and library call it.
package ingest
