package ingest

import (
	"fmt"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// A header the reader does not know ("reported_by", "f0_", "FTE Count",
// "Population 2010") still sits above columns that say what they are: one
// of force names, one of periods, and numbers. When the header's names
// leave roles unfilled, they are filled by what the columns hold, as for a
// file with no header row (headerless.go); the period, when no column holds
// one, may be in a title, the file's name or the measure's own header. A
// lone measure's role is a guess, and the page asks whether it is the
// numerator or the denominator; with more measures than two the file is
// left for a person to map.

// minJudgedRows is the fewest rows whose cells tell what a column holds:
// one row that reads as a force, a year and two counts proves little.
const minJudgedRows = 3

// columnsByContent fills the roles the header at records[at] leaves empty
// from the records below it. why says, for the note, what was taken from
// where; guessed is set when the lone measure's role is a guess.
func columnsByContent(file string, records [][]string, at int) (m Mapping, why []string, guessed bool, ok bool) {
	header := records[at]
	body := records[at+1:]
	if len(body) < minJudgedRows {
		return Mapping{}, nil, false, false
	}
	cols, _, _ := MapColumns(header)
	m = Mapping{Force: cols.Force, Period: cols.Period, Numerator: cols.Numerator, Denominator: cols.Denominator}
	width := len(header)
	for _, r := range body {
		width = max(width, len(r))
	}
	need := func(n int) bool { return float64(n) >= minDataShare*float64(len(body)) }
	if m.Force < 0 {
		// The column with most force names; of two as good, one that is
		// not named as an identifier ("id": avon-and-somerset beside
		// "Avon & Somerset Constabulary").
		best, bestN := -1, 0
		for c := range width {
			n := 0
			for _, r := range body {
				if _, ok := police.MatchForce(strings.TrimSpace(cell(r, c))); ok {
					n++
				}
			}
			if n > bestN || (n == bestN && best >= 0 && identifierName(header, best) && !identifierName(header, c)) {
				best, bestN = c, n
			}
		}
		if best < 0 || !need(bestN) {
			return Mapping{}, nil, false, false
		}
		m.Force = best
		why = append(why, fmt.Sprintf("column %d (%q) holds force names", best+1, headerName(header, best)))
	}
	if m.Period < 0 {
		for c := range width {
			if c == m.Force {
				continue
			}
			n := 0
			for _, r := range body {
				if _, err := cube.ParsePeriod(cell(r, c)); err == nil {
					n++
				}
			}
			if need(n) && !countsNotYears(body, c) {
				m.Period = c
				why = append(why, fmt.Sprintf("column %d (%q) holds periods", c+1, headerName(header, c)))
				break
			}
		}
	}
	if m.Numerator < 0 && m.Denominator < 0 {
		var numeric []int
		decimals := map[int]bool{}
		for c := range width {
			if c == m.Force || c == m.Period || isIdentifier(header, body, c) || isCoordinate(header, body, c) {
				continue
			}
			n, dec := 0, false
			for _, r := range body {
				v := strings.TrimSpace(cell(r, c))
				switch k := cube.ParseCount(v); {
				case k.Kind == cube.CountExact || k.Kind == cube.CountCensored || k.Kind == cube.CountSuppressed:
					n++
				case k.Kind == cube.CountInvalid && k.Problem == cube.ErrFraction.Error():
					n++
					dec = true
				}
			}
			if need(n) {
				numeric = append(numeric, c)
				decimals[c] = dec
			}
		}
		switch len(numeric) {
		case 0:
			// A file of records (an id, a month, the force, a place, a
			// crime type, as police.uk's are, which policeuk.go knows by
			// their header): each row is one event, counted per force
			// and period.
			m.CountRows = true
			why = append(why, "no column holds counts, so each row was counted as one event")
		case 1:
			c := numeric[0]
			guessed = true
			if decimals[c] || denominatorLike(headerName(header, c)) {
				m.Denominator = c
				why = append(why, fmt.Sprintf("column %d (%q) is the one column of numbers, taken as the denominator (say in the page if it is the numerator)", c+1, headerName(header, c)))
			} else {
				m.Numerator = c
				why = append(why, fmt.Sprintf("column %d (%q) is the one column of numbers, taken as the numerator (say in the page if it is the denominator)", c+1, headerName(header, c)))
			}
		case 2:
			a, b := numeric[0], numeric[1]
			switch {
			case !decimals[a] && neverLarger(body, a, b):
				m.Numerator, m.Denominator = a, b
			case !decimals[b] && neverLarger(body, b, a):
				m.Numerator, m.Denominator = b, a
			default:
				return Mapping{}, nil, false, false
			}
			why = append(why, fmt.Sprintf("columns %d and %d hold numbers; column %d (%q), never larger than column %d (%q), was taken as the numerator",
				a+1, b+1, m.Numerator+1, headerName(header, m.Numerator), m.Denominator+1, headerName(header, m.Denominator)))
		default:
			// Several measures (Drawn, Aimed, Fired, Total): the one never
			// smaller than any other in a row is what the others are
			// parts of, the denominator; the first other is the
			// numerator. The page offers the column mapping to choose
			// others.
			base := -1
			for _, d := range numeric {
				if decimals[d] {
					continue
				}
				every := true
				for _, c := range numeric {
					every = every && (c == d || (!decimals[c] && neverLarger(body, c, d)))
				}
				if every {
					base = d
					break
				}
			}
			if base < 0 {
				return Mapping{}, nil, false, false
			}
			for _, c := range numeric {
				if c != base {
					m.Numerator = c
					break
				}
			}
			m.Denominator = base
			names := make([]string, len(numeric))
			for i, c := range numeric {
				names[i] = headerName(header, c)
			}
			why = append(why, fmt.Sprintf("the file has %d measures (%s); %q, never smaller than the others, was taken as the denominator and %q as the numerator: to divide others, choose them in the column mapping",
				len(numeric), quoteList(names), headerName(header, base), headerName(header, m.Numerator)))
		}
	}
	if m.Period < 0 {
		// The period may be in the measure's header ("Population 2010"),
		// a title above the header, or the file's name.
		measure := max(m.Numerator, m.Denominator)
		if found := periodsIn(strings.Fields(strings.ToLower(headerName(header, measure)))); len(found) == 1 {
			m.FixedPeriod = found[0]
			why = append(why, fmt.Sprintf("the period, %s, is in the header %q", found[0], headerName(header, measure)))
		} else if label, where, ok := periodOutside(file, records[:at]); ok {
			m.FixedPeriod = label
			why = append(why, fmt.Sprintf("the period, %s, is in %s", label, where))
		} else {
			return Mapping{}, nil, false, false
		}
	}
	return m, why, guessed, true
}

// isCoordinate says whether a column is a map coordinate, never a count:
// named so (police.uk's Longitude and Latitude, an easting), or holding a
// negative number.
func isCoordinate(header []string, body [][]string, c int) bool {
	n := normaliseHeader(headerName(header, c))
	for _, w := range []string{"longitude", "latitude", "lat", "lon", "lng", "long", "easting", "northing", "x", "y"} {
		if n == w {
			return true
		}
	}
	for _, r := range body {
		if v := strings.TrimSpace(cell(r, c)); strings.HasPrefix(v, "-") && len(v) > 1 && v[1] >= '0' && v[1] <= '9' {
			return true
		}
	}
	return false
}

// identifierName says whether a column is named as an identifier.
func identifierName(header []string, c int) bool {
	n := normaliseHeader(headerName(header, c))
	return n == "id" || n == "ref" || n == "no" || strings.HasSuffix(n, "id") || strings.HasSuffix(n, "code")
}

func headerName(header []string, c int) string { return strings.TrimSpace(cell(header, c)) }

// isIdentifier says whether a column is a row's identifier rather than a
// measure: named as one ("id", "code", "ref") or numbering the rows in turn.
func isIdentifier(header []string, body [][]string, c int) bool {
	if identifierName(header, c) {
		return true
	}
	var prev int64
	for i, r := range body {
		v, ok := cube.ParseCount(cell(r, c)).Value()
		if !ok || (i > 0 && v != prev+1) {
			return false
		}
		prev = v
	}
	return len(body) > 2
}

// denominatorLike says whether a lone measure's header has a word of a
// denominator (wide.go's denominatorWords: "population", "FTE"): a guess
// the page asks about.
func denominatorLike(h string) bool {
	return containsAny(strings.ToLower(h), denominatorWords) != ""
}
