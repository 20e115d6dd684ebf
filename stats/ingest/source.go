package ingest

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/ingest/decode"
)

// source is a file decoded, with its delimiter, its first records and the
// number of records it holds. The records themselves are not kept: each
// way of reading a file goes through them with each, as many times as it
// needs, and keeps only what it makes of them. A file of 20 MB once split
// into records held about 100 MB of slices and strings; now a record lives
// only while it is checked.
type source struct {
	text      decode.Text
	delim     rune
	lazy      bool            // quotes are read leniently: the file has a quote inside an unquoted cell
	bareQuote *csv.ParseError // the first such quote, if any
	head      [][]string      // the first headRecords records, for finding the header
	headLines []int
	n         int // records in the file, blank ones not counted
	// acct tallies the cells that tell the accounting format; dashZero,
	// decided from it (or by dashes, a person's choice), reads each padded
	// dash as 0 (accounting.go).
	acct     accounting
	dashes   Dashes
	dashZero bool
	// plain says the text has no quote mark and no lone carriage return:
	// it is split by splitPlain, not encoding/csv (split.go).
	plain bool
}

// headRecords is how many records a source keeps: enough to find the
// header among the first headerSearchRows and to preview the rows below it.
const headRecords = headerSearchRows + previewRows + 1

// readSource decodes a file, sniffs its delimiter and goes through its
// records once: to count them, keep the first, and find whether quotes must
// be read leniently. What every way of reading a file starts with.
func readSource(file string, r io.Reader, p *progress) (source, error) {
	data, err := readAll(r)
	if err != nil {
		return source{}, &ParseError{File: file, Err: err}
	}
	return sourceOf(file, data, true, p)
}

// withDashes is the source with a person's choice of what its padded dashes
// mean.
func (s source) withDashes(d Dashes) source {
	s.dashes = d
	switch d {
	case DashesZero:
		s.dashZero = true
	case DashesWithheld:
		s.dashZero = false
	default:
		s.dashZero = s.acct.inUse()
	}
	return s
}

// readAll reads r whole. A reader that knows its length is read into one
// buffer of that length: io.ReadAll doubles its buffer as it goes, and a
// file of 20 MB could hold 40 at once.
func readAll(r io.Reader) ([]byte, error) {
	if sized, ok := r.(interface{ Len() int }); ok {
		n := sized.Len()
		if n > decode.MaxFileSize {
			n = decode.MaxFileSize + 1
		}
		data := make([]byte, n)
		_, err := io.ReadFull(r, data)
		return data, err
	}
	return io.ReadAll(io.LimitReader(r, decode.MaxFileSize+1))
}

// sourceOf is readSource for bytes already read. owned says that nothing
// else holds data, so that its text may share its bytes (decodeOwned).
func sourceOf(file string, data []byte, owned bool, p *progress) (source, error) {
	var text decode.Text
	var err error
	if owned {
		text, err = decode.DecodeOwned(data)
	} else {
		text, err = decode.DecodeText(data)
	}
	if err != nil {
		return source{}, &ParseError{File: file, Err: err}
	}
	src := source{text: text, delim: decode.SniffDelimiter(text.Text), plain: plainSplit(text.Text)}
	err = src.scan(p)
	var pe *csv.ParseError
	if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrBareQuote) {
		src.bareQuote, src.lazy = pe, true
		err = src.scan(p)
	}
	if errors.Is(err, ErrCancelled) {
		return source{}, p.cancelled(file)
	}
	if err != nil {
		return source{}, withFile(err, file)
	}
	if src.n == 0 {
		return source{}, &ParseError{File: file, Err: ErrEmptyFile}
	}
	return src.withDashes(DashesFromFile), nil
}

// scan counts the records and keeps the first, reporting progress as
// StageSplitting. The cells it keeps are copied here, one by one, so that
// the lines it only counts are not copied (walk).
func (s *source) scan(p *progress) error {
	s.head, s.headLines, s.n, s.acct = nil, nil, 0, accounting{}
	return s.walk(0, false, func(i int, rec []string, line int) bool {
		for _, c := range rec {
			s.acct.add(c)
		}
		if i < headRecords {
			kept := make([]string, len(rec))
			for k, c := range rec {
				kept[k] = strings.Clone(c)
			}
			s.head = append(s.head, kept)
			s.headLines = append(s.headLines, line)
		}
		s.n = i + 1
		return true
	}, func(offset int) bool {
		if p != nil {
			p.rows = s.n
		}
		return p.at(StageSplitting, offset, len(s.text.Text))
	})
}

// each calls fn with every record from the from-th on (0-based, blank
// records not counted), its index and the line it starts on, until fn
// returns false. rec is reused for the next record: fn copies what it keeps
// of the slice (the strings in it are its own). every, if not nil, is told
// the offset reached every progressEvery records and stops the reading with
// ErrCancelled when it returns false.
//
// Splitting is encoding/csv's: a quote mark inside an unquoted cell (Devon
// "and" Cornwall) is allowed once s.lazy is set, and a quoted cell that
// never closes is an error.
func (s *source) each(from int, fn func(i int, rec []string, line int) bool, every func(offset int) bool) error {
	return s.walk(from, true, fn, every)
}

// walk is each; with copyLines unset, the cells of a file split by
// splitPlain are slices of the file's text, and fn must copy any it keeps.
func (s *source) walk(from int, copyLines bool, fn func(i int, rec []string, line int) bool, every func(offset int) bool) error {
	if s.n > 0 && s.n <= len(s.head) {
		// Every record is kept: a small file (or a few huge cells) is split
		// once, not once for each way through it.
		var rec []string
		for i := from; i < s.n; i++ {
			rec = append(rec[:0], s.head[i]...)
			s.readDashes(rec)
			if !fn(i, rec, s.headLines[i]) {
				return nil
			}
		}
		return nil
	}
	if s.plain {
		i, cancelled := 0, false
		splitPlain(s.text.Text, s.delim, copyLines, func(rec []string, line, offset int) bool {
			if isBlank(rec) {
				return true
			}
			if every != nil && due(i) && !every(offset) {
				cancelled = true
				return false
			}
			if i >= from {
				s.readDashes(rec)
				if !fn(i, rec, line) {
					return false
				}
			}
			i++
			return true
		})
		if cancelled {
			return ErrCancelled
		}
		return nil
	}
	cr := csv.NewReader(strings.NewReader(s.text.Text))
	cr.Comma = s.delim
	cr.LazyQuotes = s.lazy
	cr.TrimLeadingSpace = true // Kent, "2018": the space before a quoted cell is not part of it
	cr.FieldsPerRecord = -1    // ragged rows are reported per row, not fatal
	cr.ReuseRecord = true
	i := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if isBlank(rec) {
			continue
		}
		if every != nil && due(i) && !every(int(cr.InputOffset())) {
			return ErrCancelled
		}
		if i >= from {
			line, _ := cr.FieldPos(0)
			s.readDashes(rec)
			if !fn(i, rec, line) {
				return nil
			}
		}
		i++
	}
}

// readDashes writes 0 for each padded dash of rec when they mean zero.
func (s *source) readDashes(rec []string) {
	if !s.dashZero {
		return
	}
	for k, c := range rec {
		if isPaddedDash(c) || (s.dashes == DashesZero && isBareDash(strings.TrimSpace(c))) {
			rec[k] = "0"
		}
	}
}

// body calls fn with each record below the header at index at, as each
// does; a split error cannot happen there (scan has been through the whole
// file) and is not returned.
func (s *source) body(at int, fn func(i int, rec []string, line int) bool) {
	_ = s.each(at+1, fn, nil)
}

// walkBody is body, with copyLines as walk takes it.
func (s *source) walkBody(at int, copyLines bool, fn func(i int, rec []string, line int) bool) {
	_ = s.walk(at+1, copyLines, fn, nil)
}

// record returns the i-th record and its line, reading the file as far as
// it: the header a person chose may lie below the records kept.
func (s *source) record(i int) ([]string, int, bool) {
	if i < len(s.head) {
		return s.head[i], s.headLines[i], true
	}
	var out []string
	line := 0
	_ = s.each(i, func(_ int, rec []string, l int) bool {
		out, line = slices.Clone(rec), l
		return false
	}, nil)
	return out, line, out != nil
}

// indexOfLine returns the index of the record that starts on line, or -1.
func (s *source) indexOfLine(line int) int {
	if i := slices.Index(s.headLines, line); i >= 0 {
		return i
	}
	at := -1
	_ = s.each(len(s.head), func(i int, _ []string, l int) bool {
		if l == line {
			at = i
		}
		return l < line
	}, nil)
	return at
}

// linesAbove returns the lines of the records above the at-th, for the
// note on title rows: only their number and the first are used, and a header
// a person chose may lie below the records kept.
func (s *source) linesAbove(at int) []int {
	if at <= len(s.headLines) {
		return s.headLines[:at]
	}
	out := make([]int, at)
	copy(out, s.headLines)
	return out
}
