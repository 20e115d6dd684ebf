package ingest

import (
	"fmt"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// Official tables mark withheld figures with symbols ("[c]", "[x]", "..",
// "*", "-") and small numbers with ranges ("<5"), often on hundreds of
// cells. Each way a file writes them is reported once, with the number of
// cells and the first of them, not once a cell: 988 notes of one kind hid
// the few that mattered.

type markerKey struct {
	column string
	text   string // the cell as written, lower-cased
	kind   cube.CountKind
}

type markerTally struct {
	n         int
	line, col int
	raw       string
	low, high int64
}

func (t *reader) tallyMarker(line, col int, column, raw string, c cube.Count) {
	k := markerKey{column: column, text: strings.ToLower(raw), kind: c.Kind}
	if t.markers == nil {
		t.markers = map[markerKey]*markerTally{}
	}
	m := t.markers[k]
	if m == nil {
		m = &markerTally{line: line, col: col, raw: raw, low: c.Low, high: c.High}
		t.markers[k] = m
		t.markerOrder = append(t.markerOrder, k)
	}
	m.n++
}

// noteMarkers makes the notes of the tallies, each on the line of its first
// cell.
func (t *reader) noteMarkers() {
	for _, k := range t.markerOrder {
		m := t.markers[k]
		switch {
		case k.kind == cube.CountCensored && m.n == 1:
			t.Note(m.line, m.col+1, cube.Info, "censored", fmt.Sprintf(
				"%s %q is a suppressed small number, kept as %d to %d (never as 0)", k.column, m.raw, m.low, m.high))
		case k.kind == cube.CountCensored:
			t.Note(m.line, m.col+1, cube.Info, "censored", fmt.Sprintf(
				"%s %q: %d cells written so (the first on line %d) are suppressed small numbers, kept as %d to %d (never as 0)",
				k.column, m.raw, m.n, m.line, m.low, m.high))
		case m.n == 1:
			t.Note(m.line, m.col+1, cube.Info, "suppressed", fmt.Sprintf(
				"%s %q is withheld or not available in the source; kept as such, never as 0", k.column, m.raw))
		default:
			t.Note(m.line, m.col+1, cube.Info, "suppressed", fmt.Sprintf(
				"%s %q: %d cells written so (the first on line %d) are withheld or not available in the source; kept as such, never as 0",
				k.column, m.raw, m.n, m.line))
		}
	}
	t.markers, t.markerOrder = nil, nil
}
