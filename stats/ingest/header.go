package ingest

import (
	"fmt"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// ParseValuesRole reads "numerator" or "denominator", the roles a wide
// table's values can take.
func ParseValuesRole(s string) (cube.Role, error) {
	switch s {
	case "numerator":
		return cube.RoleNumerator, nil
	case "denominator":
		return cube.RoleDenominator, nil
	}
	return cube.RoleNone, fmt.Errorf("values are %q: use numerator or denominator", s)
}

// requiredRoles are the columns a long-format file may have, in the order a
// message lists them: the force and the period, and the numerator or the
// denominator or both.
var requiredRoles = []cube.Role{cube.RoleForce, cube.RolePeriod, cube.RoleNumerator, cube.RoleDenominator}

// headerSynonyms are the header names recognised for each role, compared after
// normaliseHeader. The numerator and denominator names come from the running
// example (missing and registered sex offenders); other measures map their
// columns by hand.
var headerSynonyms = map[cube.Role][]string{
	cube.RoleForce:       {"force", "police force", "force name", "force area", "police force area", "area", "mappa area", "police area", "force/region"},
	cube.RolePeriod:      {"year", "period", "date", "as at", "financial year"},
	cube.RoleNumerator:   police.MissingNames,
	cube.RoleDenominator: police.RegisteredNames,
}

var headerRoles = map[string]cube.Role{}

func init() {
	for role, names := range headerSynonyms {
		for _, name := range names {
			headerRoles[normaliseHeader(name)] = role
		}
	}
}

// normaliseHeader keeps only lower-case letters and digits
// (police.NormaliseHeader, which the names of the measures share).
func normaliseHeader(h string) string { return police.NormaliseHeader(h) }

// HeaderRole returns the role a header name is recognised as, or RoleNone. A
// bracketed note at the end is ignored when the name is not recognised with
// it: "Registered sex offenders (RSOs)", "Missing [note 3]".
func HeaderRole(header string) cube.Role {
	if len(header) > police.MaxNameLength {
		return cube.RoleNone
	}
	if r, ok := headerRoles[normaliseHeader(header)]; ok {
		return r
	}
	return headerRoles[normaliseHeader(police.WithoutNote(header))]
}

// MapColumns recognises the header row. The first column with a role's name
// takes the role; a later one is reported as a duplicate and ignored.
func MapColumns(header []string) (m cube.ColumnMap, duplicates []int, err error) {
	m = cube.ColumnMap{Force: -1, Period: -1, Numerator: -1, Denominator: -1}
	for i, h := range header {
		role := HeaderRole(h)
		if role == cube.RoleNone {
			continue
		}
		if col := m.ColumnRef(role); *col < 0 {
			*col = i
		} else {
			duplicates = append(duplicates, i)
		}
	}
	if missing := missingRoles(m); len(missing) > 0 {
		return m, duplicates, &HeaderError{Found: header, Missing: missing}
	}
	return m, duplicates, nil
}

// missingRoles lists the roles a file still needs: its force and period, and
// one measure at least (a file of missing counts alone is paired with a file
// of registered counts).
func missingRoles(m cube.ColumnMap) []cube.Role {
	var missing []cube.Role
	measures := m.Numerator >= 0 || m.Denominator >= 0
	for _, r := range requiredRoles {
		if m.Column(r) < 0 && (!measures || (r != cube.RoleNumerator && r != cube.RoleDenominator)) {
			missing = append(missing, r)
		}
	}
	return missing
}

// roleWords are looked for inside headers that no synonym names exactly, as
// "Number of registered sex offenders whose whereabouts are unknown". The
// numerator's words are tried before the denominator's, so that such a
// header is the numerator.
var roleWords = []struct {
	role  cube.Role
	words []string
}{
	{cube.RoleForce, []string{"force", "constabulary", "policearea", "mappaarea"}},
	{cube.RolePeriod, []string{"year", "period", "date", "asat", "month", "quarter"}},
	{cube.RoleNumerator, []string{"missing", "whereabouts", "wanted"}},
	{cube.RoleDenominator, []string{"registered", "rsos"}},
}

// Guess is a column taken for a role because its header contains a word of
// the role: the reader says so, for the person to check.
type Guess struct {
	Column int
	Role   cube.Role
	Word   string
}

// GuessColumns fills the roles MapColumns left empty with the first other
// column whose header contains one of the role's words.
func GuessColumns(header []string, m cube.ColumnMap) (cube.ColumnMap, []Guess) {
	taken := map[int]bool{m.Force: true, m.Period: true, m.Numerator: true, m.Denominator: true}
	var guesses []Guess
	for _, rw := range roleWords {
		col := m.ColumnRef(rw.role)
		if *col >= 0 {
			continue
		}
	search:
		for i, h := range header {
			if taken[i] || len(h) > police.MaxNameLength {
				continue
			}
			n := normaliseHeader(h)
			for _, w := range rw.words {
				if strings.Contains(n, w) {
					*col, taken[i] = i, true
					guesses = append(guesses, Guess{Column: i, Role: rw.role, Word: w})
					break search
				}
			}
		}
	}
	return m, guesses
}

// HeaderError is returned when the header row lacks a column the reader needs.
// Its message lists the headers found and the names that would be recognised.
type HeaderError struct {
	Found   []string
	Missing []cube.Role
	// Why, when set, is the message: what the reader knows of the file
	// says more than the names a column may have (a police.uk
	// stop-and-search file names its force only in the file's name).
	Why string
}

func (e *HeaderError) Error() string {
	if e.Why != "" {
		return e.Why
	}
	var b strings.Builder
	b.WriteString("the header row was not recognised: no column for ")
	for i, r := range e.Missing {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(r.String())
	}
	fmt.Fprintf(&b, ". Headers found: %s.", quoteList(e.Found))
	for _, r := range e.Missing {
		fmt.Fprintf(&b, " A %s column may be named %s.", r, quoteList(headerSynonyms[r]))
	}
	b.WriteString(" Rename the columns, or map them by hand.")
	return b.String()
}

// quoteList quotes names for a message: each cut to 60 characters and at
// most 30 of them, since a header row can be anything a file holds.
func quoteList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	const most = 30
	q := make([]string, 0, min(len(names), most)+1)
	for _, n := range names[:min(len(names), most)] {
		q = append(q, fmt.Sprintf("%q", words.Shorten(n, 60)))
	}
	if len(names) > most {
		q = append(q, fmt.Sprintf("and %d more", len(names)-most))
	}
	return strings.Join(q, ", ")
}
