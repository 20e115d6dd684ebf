package analysis

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// PairingRule says how a numerator is matched with a denominator of the same
// force when the two come with different periods, as an FOI snapshot ("as at
// 17 January 2018") against an official count ("2016/17", as at 31 March).
type PairingRule uint8

const (
	// PairContainingOrLatest pairs a numerator with the denominator of the
	// same period; else of the period that contains it (a date within a
	// financial year); else of the latest period that ends before it starts.
	// The default.
	PairContainingOrLatest PairingRule = iota
	// PairSamePeriod pairs only figures of exactly the same period.
	PairSamePeriod
)

func (r PairingRule) String() string {
	if r == PairSamePeriod {
		return "same-period"
	}
	return "containing-or-latest"
}

// ParsePairingRule reads "containing-or-latest" or "same-period".
func ParsePairingRule(s string) (PairingRule, error) {
	switch strings.TrimSpace(strings.ToLower(s)) {
	case "", "containing-or-latest":
		return PairContainingOrLatest, nil
	case "same-period":
		return PairSamePeriod, nil
	}
	return PairContainingOrLatest, fmt.Errorf("unknown pairing rule %q: use containing-or-latest or same-period", s)
}

// MaxPairingGap is how far back the "latest before" rule looks: a
// denominator more than two years older than its numerator is not used.
const MaxPairingGap = 2 * 366 * 24 * time.Hour

// observation is one figure of one force in one period, from one file.
type observation struct {
	row   cube.Row
	count cube.Count
	file  string
}

// Combine merges the tables of files added together into one table. Rows
// that carry both figures stay as they are. A numerator without a
// denominator is paired by force with a denominator from any of the tables,
// by the rule; each pairing between different periods is returned. A
// denominator that no numerator uses is kept as a row of its own.
func Combine(name string, tables []*cube.Table, rule PairingRule) (*cube.Table, []cube.Pairing) {
	if len(tables) == 1 && !needsPairing(tables[0]) {
		// One file with one measure, or with both on every row: nothing
		// to pair, and the rows keep their order (and are not copied: a
		// large file has many).
		return tables[0], nil
	}
	out := &cube.Table{File: name}
	var nums, dens []observation
	for _, t := range tables {
		for m, name := range t.Measures {
			// The measures as the first file to give each calls them.
			if out.Measures[m] == "" {
				out.Measures[m] = name
			}
		}
		out.Files = append(out.Files, t.FileHealths()...)
		out.Issues = append(out.Issues, t.Issues...)
		for _, r := range t.All() {
			switch {
			case r.Numerator.Kind != cube.CountNotGiven && r.Denominator.Kind != cube.CountNotGiven:
				out.AppendRow(r)
			case r.Numerator.Kind != cube.CountNotGiven:
				nums = append(nums, observation{row: r, count: r.Numerator, file: t.File})
			case r.Denominator.Kind != cube.CountNotGiven:
				dens = append(dens, observation{row: r, count: r.Denominator, file: t.File})
			default:
				out.AppendRow(r)
			}
		}
	}
	used := make([]bool, len(dens))
	var pairings []cube.Pairing
	// Denominators by force, and the totals: each numerator looks only at
	// its own force's, so that pairing two large files is not quadratic.
	byForce := map[string][]int{}
	var totals []int
	for i, d := range dens {
		byForce[cube.ForceKey(d.row)] = append(byForce[cube.ForceKey(d.row)], i)
		if d.row.Total {
			totals = append(totals, i)
		}
	}
	for _, n := range nums {
		row := n.row
		i, how := findDenominator(n, dens, byForce[cube.ForceKey(n.row)], rule, sameForce)
		if i < 0 && n.row.Total {
			// A national total ("United Kingdom") with no denominator of
			// its own may be set against another total ("England and
			// Wales"), as the press does; the mismatch is stated.
			i, how = findDenominator(n, dens, totals, rule, bothTotals)
		}
		if i >= 0 {
			d := dens[i]
			used[i] = true
			p := newPairing(n, d, how)
			row.Denominator = d.count
			row.DenominatorPeriod = d.row.Period
			row.Pairing = how
			row.Mismatch = p.Mismatch
			pairings = append(pairings, p)
		}
		out.AppendRow(row)
	}
	for i, d := range dens {
		if !used[i] {
			out.AppendRow(d.row)
		}
	}
	out.SetRows(dropDuplicateRows(out))
	out.Pairings = pairings
	return out, pairings
}

// needsPairing reports whether a table has both a row with only a
// numerator and a row with only a denominator.
func needsPairing(t *cube.Table) bool {
	num, den := false, false
	// Only the kinds of the counts: a whole Row a row (its name, force and
	// period copied out) was a second of a 500,000-row import in wasm.
	for i := range t.Len() {
		n, d := t.Counts(i)
		hasNum, hasDen := n.Kind != cube.CountNotGiven, d.Kind != cube.CountNotGiven
		num = num || (hasNum && !hasDen)
		den = den || (hasDen && !hasNum)
		if num && den {
			return true
		}
	}
	return false
}

// sameForce and bothTotals say which denominators may serve a numerator.
func sameForce(n, d cube.Row) bool  { return cube.ForceKey(n) == cube.ForceKey(d) }
func bothTotals(n, d cube.Row) bool { return n.Total && d.Total }

// findDenominator returns the index of the denominator for n among those that
// match, and how it was chosen; -1 when there is none.
func findDenominator(n observation, dens []observation, candidates []int, rule PairingRule, match func(n, d cube.Row) bool) (int, string) {
	p := n.row.Period
	best, bestHow := -1, ""
	for _, i := range candidates {
		d := dens[i]
		if !match(n.row, d.row) {
			continue
		}
		dp := d.row.Period
		switch {
		case dp.Compare(p) == 0:
			return i, cube.PairedSamePeriod
		case rule == PairSamePeriod:
			continue
		case !dp.Start.After(p.Start) && !dp.End.Before(p.End) && bestHow != cube.PairedContaining:
			best, bestHow = i, cube.PairedContaining
		case bestHow != cube.PairedContaining && dp.End.Before(p.Start) && p.Start.Sub(dp.End) <= MaxPairingGap:
			if best < 0 || dens[best].row.Period.End.Before(dp.End) {
				best, bestHow = i, cube.PairedLatest
			}
		}
	}
	return best, bestHow
}

func newPairing(n, d observation, how string) cube.Pairing {
	force, area := displayName(n.row), displayName(d.row)
	p := cube.Pairing{
		Force: force, NumeratorPeriod: n.row.Period.Label, DenominatorPeriod: d.row.Period.Label,
		NumeratorFile: n.file, DenominatorFile: d.file, How: how,
		Sentence: fmt.Sprintf("%s: the figure %s (%s) is paired with the denominator %s (%s), %s",
			force, DescribePeriod(n.row.Period), n.file, DescribePeriod(d.row.Period), d.file, how),
	}
	if isPlace(n.row.ForceName) && isPlace(d.row.ForceName) && cube.ForceKey(n.row) != cube.ForceKey(d.row) {
		p.Mismatch = fmt.Sprintf("a %s numerator against a%s %s denominator: they cover different places",
			force, article(area), area)
		p.Sentence = fmt.Sprintf("%s: the figure %s (%s) is set against the %s denominator %s (%s), %s. %s.",
			force, DescribePeriod(n.row.Period), n.file, area, DescribePeriod(d.row.Period), d.file, how,
			Capitalise(p.Mismatch))
	}
	return p
}

// places are the totals that name an area, as opposed to "Total", which
// covers whatever the file covers.
var places = map[string]bool{
	"united kingdom": true, "uk": true, "great britain": true, "gb": true,
	"england and wales": true, "england": true, "wales": true,
}

func isPlace(name string) bool { return places[police.NormaliseForceName(name)] }

func displayName(r cube.Row) string {
	if r.Matched {
		return r.Force.ShortName
	}
	return r.ForceName
}

// article is "n" before a vowel sound, for "an England and Wales ...".
func article(word string) string {
	if word != "" && strings.ContainsRune("AEIOUaeiou", rune(word[0])) {
		return "n"
	}
	return ""
}

func Capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// DescribePeriod names a period in words, to follow "the figure": "as at
// 17 January 2018", "for the financial year 2016/17", "for 2018".
func DescribePeriod(p cube.Period) string {
	switch p.Kind {
	case cube.PeriodDay:
		return "as at " + p.Words()
	case cube.PeriodMonth:
		return "for " + p.Words()
	case cube.PeriodFinancialYear:
		return "for the financial year " + p.Label
	}
	return "for " + p.Label
}

// dropDuplicateRows keeps the first row of each force and period, reporting
// the others, so that two files giving the same figure do not count it twice.
func dropDuplicateRows(t *cube.Table) []cube.Row {
	rows := t.Rows()
	sortStableByIndex(rows, func(a, b *cube.Row) int {
		return cmp.Or(strings.Compare(cube.ForceKey(*a), cube.ForceKey(*b)), a.Period.Compare(b.Period))
	})
	out := rows[:0]
	for i, r := range rows {
		if i > 0 && cube.ForceKey(rows[i-1]) == cube.ForceKey(r) && rows[i-1].Period.Compare(r.Period) == 0 {
			// Which row was kept is said, so that a person can compare the two.
			kept := rows[i-1]
			t.Issues = append(t.Issues, cube.Issue{File: r.File, Line: r.Line, Column: 1, Severity: cube.Error, Code: "duplicate-row", Message: fmt.Sprintf(
				"%s, %s is given by more than one file or row; this row was left out and the first kept (%s, line %d)",
				words.Shorten(r.ForceName, 80), r.Period.Label, words.Shorten(kept.File, 80), kept.Line)})
			continue
		}
		out = append(out, r)
	}
	return out
}
