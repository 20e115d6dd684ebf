// Package decode turns a file's bytes into text: it recognises the encoding
// (UTF-8 with or without a byte-order mark, UTF-16, Windows-1252), refuses
// files that are not text (a workbook, a PDF, a web page), removes NUL bytes,
// makes every line ending LF, and sniffs the delimiter.
//
// It is the first step of ingest, and imports nothing of the project.
package decode
