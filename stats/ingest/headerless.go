package ingest

import (
	"fmt"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// A file without a header row starts with data. Taking its first record for
// the header lost that record, silently; refusing it left a person to guess
// why. A first record that names a force is data (no header names one), and
// then the columns are told by what they hold: the one of force names, the
// one of periods, and the counts. With two count columns the numerator is
// the one that is never larger than the other; with none, each row is one
// event and is counted. Anything less clear is refused with what was seen,
// and "no header row" is a choice of the column mapping (Mapping.NoHeader).

// minDataShare is the share of a column's cells that must hold what it is
// taken for.
const minDataShare = 0.8

// guessHeaderless returns the mapping of a file whose first record is data,
// and why each column was taken, or ok false.
func guessHeaderless(records [][]string) (m Mapping, why string, ok bool) {
	if len(records) < minJudgedRows || !namesForce(records[0]) {
		return Mapping{}, "", false
	}
	rows := records[:min(len(records), headRecords)]
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	forces, periods, counts := make([]int, width), make([]int, width), make([]int, width)
	for _, r := range rows {
		for c := range width {
			v := strings.TrimSpace(cell(r, c))
			if v == "" {
				continue
			}
			if _, ok := police.MatchForce(v); ok {
				forces[c]++
			}
			if _, err := cube.ParsePeriod(v); err == nil {
				periods[c]++
			}
			if k := cube.ParseCount(v).Kind; k == cube.CountExact || k == cube.CountCensored || k == cube.CountSuppressed {
				counts[c]++
			}
		}
	}
	need := int(minDataShare*float64(len(rows)) + 0.5)
	m = Mapping{NoHeader: true, Force: -1, Period: -1, Numerator: -1, Denominator: -1}
	for c := range width {
		if forces[c] >= need && (m.Force < 0 || forces[c] > forces[m.Force]) {
			m.Force = c
		}
	}
	if m.Force < 0 {
		return Mapping{}, "", false
	}
	// A period column: periods in it, and not a column of counts that
	// happen to read as years (a count of 2019 is a year too).
	for c := range width {
		if c != m.Force && periods[c] >= need && !countsNotYears(rows, c) && m.Period < 0 {
			m.Period = c
		}
	}
	if m.Period < 0 {
		return Mapping{}, "", false
	}
	var numeric []int
	for c := range width {
		if c != m.Force && c != m.Period && counts[c] >= need {
			numeric = append(numeric, c)
		}
	}
	switch len(numeric) {
	case 0:
		m.CountRows = true
		why = fmt.Sprintf("force names in column %d, periods in column %d, and no column of counts: each row was counted as one event", m.Force+1, m.Period+1)
	case 2:
		a, b := numeric[0], numeric[1]
		switch {
		case neverLarger(rows, a, b):
			m.Numerator, m.Denominator = a, b
		case neverLarger(rows, b, a):
			m.Numerator, m.Denominator = b, a
		default:
			return Mapping{}, "", false
		}
		why = fmt.Sprintf("force names in column %d, periods in column %d, counts in columns %d and %d; column %d, never larger than column %d, was taken as the numerator",
			m.Force+1, m.Period+1, a+1, b+1, m.Numerator+1, m.Denominator+1)
	default:
		return Mapping{}, "", false
	}
	return m, why, true
}

// namesForce says whether a record has a cell that is a force's name.
func namesForce(rec []string) bool {
	for _, c := range rec {
		if _, ok := police.MatchForce(strings.TrimSpace(c)); ok {
			return true
		}
	}
	return false
}

// countsNotYears says whether column c holds counts outside the years a
// period could be (a column of 1998, 2004, 2019 may be years).
func countsNotYears(rows [][]string, c int) bool {
	for _, r := range rows {
		v := strings.TrimSpace(cell(r, c))
		if !allDigitsText(v) {
			return false
		}
		if n := cube.ParseCount(v); n.Kind == cube.CountExact && (n.Low < 1900 || n.Low > 2100) {
			return true
		}
	}
	return false
}

// allDigitsText is cube.AllDigits of a non-empty cell.
func allDigitsText(s string) bool { return s != "" && cube.AllDigits(s) }

// neverLarger says whether column a is never larger than column b where
// both are exact counts, and there is at least one such row.
func neverLarger(rows [][]string, a, b int) bool {
	seen := false
	for _, r := range rows {
		x, okA := cube.ParseCount(cell(r, a)).Value()
		y, okB := cube.ParseCount(cell(r, b)).Value()
		if !okA || !okB {
			continue
		}
		if x > y {
			return false
		}
		seen = true
	}
	return seen
}

// syntheticHeader names the columns of a file without a header row.
func syntheticHeader(width int) []string {
	out := make([]string, width)
	for i := range out {
		out[i] = fmt.Sprintf("column %d", i+1)
	}
	return out
}
