package ingest

import (
	"errors"
	"fmt"
)

// ParseError is a problem that stops a whole file from being read. Line and
// Column are 1-based; zero when they do not apply.
type ParseError struct {
	File   string
	Line   int
	Column int
	Err    error
}

func (e *ParseError) Error() string {
	where := e.File
	if e.Line > 0 {
		where += fmt.Sprintf(", line %d", e.Line)
	}
	if e.Column > 0 {
		where += fmt.Sprintf(", column %d", e.Column)
	}
	return where + ": " + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

// ErrEmptyFile is returned for a file with no header row.
var ErrEmptyFile = errors.New("the file is empty: there is no header row; check that this is the file you meant (a download that failed is often empty) and add it again")

// Location returns the file, line and column the error is about.
func (e *ParseError) Location() (file string, line, column int) { return e.File, e.Line, e.Column }
