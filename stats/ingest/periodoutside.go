package ingest

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// A table with no period column often says its period elsewhere: in a title
// above the header ("Registered sex offenders, April 2019 to March 2020"),
// or only in the file's name ("missing-april2019-march2020.csv"). Refused,
// such a file could only be mapped by hand; read as it is, it must say where
// its period came from. One period found is used for every row, with a
// warning that says where it was read; none, or more than one, leaves the
// file refused as before.

// maxPeriodWords is the longest run of words tried as a period: "1 April
// 2019 to 31 March 2020" is 7.
const maxPeriodWords = 8

// periodOutside finds the one period that the title rows or else the file
// name give, and where; ok is false when they give none, or several.
func periodOutside(file string, title [][]string) (label, where string, ok bool) {
	var found []string
	var text []string
	for _, rec := range title {
		for _, c := range rec {
			if c = strings.TrimSpace(c); c != "" {
				text = append(text, c)
			}
		}
	}
	for _, t := range text {
		found = appendNew(found, periodsIn(strings.Fields(t))...)
	}
	if len(found) == 1 {
		return found[0], fmt.Sprintf("the title above the header (%s)", quoteList(text[:min(len(text), 2)])), true
	}
	if len(found) > 1 {
		return "", "", false
	}
	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	words := reNameSeparators.Split(strings.ToLower(base), -1)
	found = appendNew(found, periodsIn(words)...)
	if len(found) == 1 {
		return found[0], fmt.Sprintf("the file's name (%q)", path.Base(file)), true
	}
	return "", "", false
}

var reNameSeparators = regexp.MustCompile(`[\s_.-]+`)

// periodsIn are the periods of the longest runs of words that read as one:
// each word is tried as the start of a run, longest first, and the words of
// a run found are not tried again. A run is tried joined by spaces and, as
// a file name's words were split at "-" too ("april2019-march2020", "2019-20"),
// by " - ".
func periodsIn(words []string) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		for n := min(maxPeriodWords, len(words)-i); n >= 1; n-- {
			run := strings.Join(words[i:i+n], " ")
			if n == 1 && !strings.ContainsAny(run, "0123456789") {
				break // a lone word with no digits is never a period here
			}
			p, err := cube.ParsePeriod(run)
			if err != nil && n > 1 {
				p, err = cube.ParsePeriod(strings.Join(words[i:i+n], " - "))
			}
			if err == nil {
				out = appendNew(out, p.Label)
				i += n - 1
				break
			}
		}
	}
	return out
}

func appendNew(list []string, items ...string) []string {
	for _, s := range items {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// onlyPeriodMissing says whether the header names every column a file needs
// but the period's.
func onlyPeriodMissing(header []string) (cube.ColumnMap, bool) {
	m, _, _ := MapColumns(header)
	if m.Period >= 0 {
		return m, false
	}
	m.Period = 0 // a stand-in, to ask about the other roles
	missing := missingRoles(m)
	m.Period = -1
	return m, len(missing) == 0
}
