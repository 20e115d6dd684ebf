package analysis

import (
	"fmt"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// A View is what a person chose to see of a dataset: which measure is the
// numerator of the rate and which the denominator, how numerators are
// paired with denominators of other files and periods, which names that
// matched no force are which force, and the interval method. It gives the
// figures (Table) and the statistics run on them (Results).
//
// The zero View is the view every dataset had before views could be
// chosen: each file's own numerator and denominator, paired by
// PairContainingOrLatest, Wilson intervals, no names mapped.
//
// Category filters are chosen with the column mapping (ingest.Mapping) and
// applied as a file is read.
type View struct {
	// Numerator and Denominator name the measures of the rate as the files
	// call them (cube.Table.Measures); empty takes every file's numerator
	// (or denominator), whatever it is called.
	Numerator, Denominator string
	Pairing                PairingRule
	NameMap                map[string]string
	Method                 stats.Method
}

// Table pairs the figures of a dataset's tables as the view says: the
// numerators of the view's numerator measure with the denominators of its
// denominator measure, by its pairing rule (Combine), then the names mapped
// by hand (WithNameMap). name is the dataset's.
func (v View) Table(name string, tables []*cube.Table) (*cube.Table, []cube.Pairing) {
	chosen := make([]*cube.Table, len(tables))
	for i, t := range tables {
		chosen[i] = v.measuresOf(t)
	}
	combined, pairings := Combine(name, chosen, v.Pairing)
	return WithNameMap(combined, v.NameMap), pairings
}

// Results works out the view's statistics for a table of paired figures
// (one that Table made, or a stored one made by Combine): the names mapped
// by hand, then every figure, aggregate, funnel and trend by the view's
// method.
func (v View) Results(t *cube.Table) (*cube.Table, Results) {
	t = WithNameMap(t, v.NameMap)
	return t, Compute(t, v.Method)
}

// measuresOf is t with only the measures the view takes: a numerator (or
// denominator) of another measure is left out, as if the file did not give
// it (a row that held nothing else goes), and the table says so.
func (v View) measuresOf(t *cube.Table) *cube.Table {
	drop := [2]bool{
		v.Numerator != "" && t.Measures[0] != v.Numerator,
		v.Denominator != "" && t.Measures[1] != v.Denominator,
	}
	if (!drop[0] || t.Measures[0] == "") && (!drop[1] || t.Measures[1] == "") {
		return t
	}
	out := t.Clone()
	var rows []cube.Row
	for _, r := range t.All() {
		given := r.Numerator.Kind != cube.CountNotGiven || r.Denominator.Kind != cube.CountNotGiven
		if drop[0] {
			r.Numerator = cube.Count{}
		}
		if drop[1] {
			r.Denominator = cube.Count{}
		}
		if given && r.Numerator.Kind == cube.CountNotGiven && r.Denominator.Kind == cube.CountNotGiven {
			continue // a row of the measure left out only
		}
		rows = append(rows, r)
	}
	out.SetRows(rows)
	for m, dropped := range drop {
		if dropped && t.Measures[m] != "" {
			out.Issues = append(out.Issues, cube.Issue{File: t.File, Line: t.Health.HeaderLine, Column: 1, Severity: cube.Info,
				Code: "measure-not-chosen", Message: fmt.Sprintf("the %s %q was left out: the view takes %q as the %s",
					[]string{"numerator", "denominator"}[m], t.Measures[m], []string{v.Numerator, v.Denominator}[m], []string{"numerator", "denominator"}[m])})
			out.Measures[m] = ""
		}
	}
	return out
}
