package analysis

import (
	"fmt"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// UnmatchedNames lists, in order of first appearance, the names in a table
// that match no force and are not totals or regions: the names a person may
// map by hand.
func UnmatchedNames(t *cube.Table) []string {
	// By the names' ids: a whole row a row, its counts' text written,
	// was most of the time of this on a long file.
	seen := map[uint32]bool{}
	out := []string{}
	for i := range t.Len() {
		d := t.Dims(i)
		if !d.Matched && !d.Total && !seen[d.Name] {
			seen[d.Name] = true
			out = append(out, t.NameOf(d.Name)) // a dictionary holds each name once
		}
	}
	return out
}

// WithNameMap returns a copy of the table in which each name that a person
// mapped by hand (name as written → force key) is that force. A name mapped
// to a key that is no force is left as it was and reported.
func WithNameMap(t *cube.Table, names map[string]string) *cube.Table {
	if len(names) == 0 {
		return t
	}
	out := t.Clone()
	for i, row := range t.All() {
		r := &row
		key, ok := names[r.ForceName]
		if !ok || r.Matched {
			continue
		}
		f, found := police.ForceByKey(key)
		if !found {
			out.Issues = append(out.Issues, cube.Issue{File: r.File, Line: r.Line, Column: 1, Severity: cube.Warning, Code: "bad-name-map",
				Message: fmt.Sprintf("%q was mapped by hand to %q, which is no force; it is kept under the name as written", r.ForceName, key)})
			continue
		}
		r.Force, r.Matched, r.Total = f, true, false
		out.SetRow(i, row)
	}
	return out
}
