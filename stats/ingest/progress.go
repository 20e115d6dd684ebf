package ingest

import (
	"errors"
	"io"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// Stage names a part of reading a file, for a progress bar.
type Stage string

const (
	// StageSplitting is splitting the text into rows: done and total are
	// bytes of the decoded text.
	StageSplitting Stage = "splitting"
	// StageChecking is binding and checking the rows: done and total are
	// rows.
	StageChecking Stage = "checking"
)

// Progress is told now and then how far a read has got. It returns false to
// stop the read, which then fails with ErrCancelled. rows is the number of
// rows split so far.
type Progress func(stage Stage, done, total, rows int) bool

// ErrCancelled is wrapped by the error of a read that its Progress stopped.
var ErrCancelled = errors.New("the import was cancelled; nothing was stored")

// ReadOptions are the optional parts of Read.
type ReadOptions struct {
	// Mapping is the columns a person chose; nil lets the reader find them.
	Mapping *Mapping
	// Progress, when set, is called every few thousand rows.
	Progress Progress
}

// Read reads a file as ReadTable does, or as ReadTableWith when o.Mapping is
// set, reporting its progress to o.Progress.
func Read(file string, r io.Reader, o ReadOptions) (*cube.Table, error) {
	p := &progress{report: o.Progress}
	if o.Mapping != nil {
		return readTableWith(file, r, *o.Mapping, p)
	}
	return readTable(file, r, p)
}

// ReadBytes is Read of a file already in memory. Its UTF-8 text is read in
// place, not copied (for a large file that is as much memory again as the
// file), so data must not change until ReadBytes returns; the table does not
// keep it.
func ReadBytes(file string, data []byte, o ReadOptions) (*cube.Table, error) {
	return readData(file, data, true, o.Mapping, &progress{report: o.Progress})
}

// progress reports to a Progress and remembers whether it said stop. A nil
// *progress reports nothing and never stops.
type progress struct {
	report  Progress
	rows    int
	stopped bool
}

// progressEvery is how many rows pass between reports: about 10 ms of work
// in wasm, so that a report costs nothing measurable and Cancel answers
// quickly.
const progressEvery = 1 << 13

// due says whether the i-th row of a loop should report.
func due(i int) bool { return i&(progressEvery-1) == 0 }

// at reports; it returns false once the read should stop.
func (p *progress) at(stage Stage, done, total int) bool {
	if p == nil || p.report == nil || p.stopped {
		return p == nil || !p.stopped
	}
	if !p.report(stage, done, total, p.rows) {
		p.stopped = true
	}
	return !p.stopped
}

// cancelled is the error of a stopped read, or nil.
func (p *progress) cancelled(file string) error {
	if p != nil && p.stopped {
		return &ParseError{File: file, Err: ErrCancelled}
	}
	return nil
}

// halted reports whether the Progress said stop.
func (p *progress) halted() bool { return p != nil && p.stopped }
