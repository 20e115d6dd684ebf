package ingest

import (
	"fmt"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// Excel's accounting number format pads every number with spaces
// (" 1,976 ") and writes zero as a dash between spaces (" - "). Saved as
// CSV, the dash is all that is left of a zero; read as "withheld" it blanked
// every figure it was part of (a real Home Office table: 156 of 156). The
// dash means zero only in such a file, so it is judged from the file as a
// whole, once: most of its numbers are padded on both sides, and its dashes
// are too. The judgement is reported with the number of cells, and a person
// can overrule it (Mapping.Dashes).

// accounting tallies the cells that tell whether a file is in the
// accounting format.
type accounting struct {
	padded, plain, dashes int
	bare                  int // dashes with no spaces around them ("-", "–")
}

// add looks at one cell. It is cheap for most cells: only one that starts
// with a digit or a space is looked at further.
func (a *accounting) add(c string) {
	if c == "" {
		return
	}
	switch {
	case isBareDash(c):
		a.bare++
	case c[0] >= '0' && c[0] <= '9':
		if numberLike(c) {
			a.plain++
		}
	case c[0] == ' ' && len(c) >= 3 && c[len(c)-1] == ' ':
		t := strings.TrimSpace(c)
		if t == "-" {
			a.dashes++
		} else if numberLike(t) {
			a.padded++
		}
	}
}

// inUse says whether the file is in the accounting format: it has padded
// dashes, and more padded numbers than plain ones.
func (a accounting) inUse() bool {
	return a.dashes > 0 && a.padded > a.plain
}

// numberLike: digits with thousands commas and a decimal point, or the same
// in parentheses (the format's negative numbers).
func numberLike(s string) bool {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "("), ")")
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != ',' && s[i] != '.' {
			return false
		}
	}
	return true
}

// isBareDash is a dash alone, which means withheld unless a person says it
// means zero.
func isBareDash(c string) bool { return c == "-" || c == "–" || c == "—" }

// isPaddedDash is the accounting format's zero: a dash between spaces.
func isPaddedDash(c string) bool {
	return len(c) >= 3 && c[0] == ' ' && c[len(c)-1] == ' ' && strings.TrimSpace(c) == "-"
}

// Dashes says what a dash between spaces (" - ") means in a file: decided
// from the file when empty.
type Dashes string

const (
	DashesFromFile Dashes = ""         // zero in a file in the accounting format, else withheld
	DashesZero     Dashes = "zero"     // always zero
	DashesWithheld Dashes = "withheld" // always withheld, as a bare "-" is
)

// ParseDashes reads the choice as the page sends it.
func ParseDashes(s string) (Dashes, error) {
	switch d := Dashes(s); d {
	case DashesFromFile, DashesZero, DashesWithheld:
		return d, nil
	}
	return "", fmt.Errorf("dashes are %q: use zero, withheld or nothing to decide from the file", s)
}

// noteDashes says, once, how the file's padded dashes were read: a step
// that changes figures is a warning a person sees.
func (t *reader) noteDashes(src source) {
	n := src.acct.dashes
	if src.dashes == DashesZero && n+src.acct.bare > 0 {
		t.Note(t.Health.HeaderLine, 1, cube.Warning, "accounting-zero", fmt.Sprintf(
			"%d cells written as a dash were read as 0, as chosen in the column mapping", n+src.acct.bare))
		return
	}
	if n == 0 {
		return
	}
	switch {
	case src.dashZero:
		t.Note(t.Health.HeaderLine, 1, cube.Warning, "accounting-zero", fmt.Sprintf(
			"%d cells written \" - \" were read as 0: this file is in Excel's accounting format (%d of its numbers are padded with spaces, as \" 1,976 \", and %d are not), which writes zero as a dash. "+
				"If the dashes mean withheld, choose that in the column mapping", n, src.acct.padded, src.acct.plain))
	default:
		t.Note(t.Health.HeaderLine, 1, cube.Info, "dash-withheld", fmt.Sprintf(
			"%d cells written \" - \" were read as withheld, not 0: most numbers of this file are not padded as Excel's accounting format pads them (%d padded, %d not). "+
				"If the dashes mean zero, choose that in the column mapping", n, src.acct.padded, src.acct.plain))
	}
}
