package report

import (
	"fmt"
	"math"
	"slices"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// IssueGroup is the notes of one kind that change a figure or leave
// something out (errors and warnings), for the top of the view: a person
// must see them before the figures, once each kind, with their count, not
// one at a time among hundreds of notes.
type IssueGroup struct {
	Severity cube.Severity `json:"severity"`
	Code     string        `json:"code"`
	Count    int           `json:"count"`
	// Example is the first note's message, and Line and File where it is.
	Example string   `json:"example"`
	File    string   `json:"file"`
	Line    int      `json:"line"`
	Files   []string `json:"files"` // every file with a note of this kind
	// Remedy is what to do about notes of this kind (cube.Remedy): said at
	// the top too, where the person first meets them.
	Remedy string `json:"remedy,omitempty"`
}

// groupIssues groups the errors and warnings by kind: errors first, then
// warnings, each by how many there are, most first.
func groupIssues(issues []cube.Issue) []IssueGroup {
	out := []IssueGroup{}
	at := map[string]int{}
	for _, is := range issues {
		if is.Severity != cube.Error && is.Severity != cube.Warning {
			continue
		}
		k := string(is.Severity) + "\x00" + is.Code
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, IssueGroup{Severity: is.Severity, Code: is.Code, Example: is.Message, File: is.File, Line: is.Line, Files: []string{}, Remedy: cube.Remedy(is.Code)})
		}
		g := &out[i]
		g.Count++
		if !slices.Contains(g.Files, is.File) {
			g.Files = append(g.Files, is.File)
		}
	}
	slices.SortStableFunc(out, func(a, b IssueGroup) int {
		if a.Severity != b.Severity {
			if a.Severity == cube.Error {
				return -1
			}
			return 1
		}
		return b.Count - a.Count
	})
	return out
}

// withheldNote says how many figures have no rate because a count is
// withheld or a range, when that is a large share of them: a table whose
// every figure is blank must say why at the top.
func withheldNote(rows []ReportRow) string {
	forces, blank := 0, 0
	for _, r := range rows {
		if r.IsAggregate {
			continue
		}
		forces++
		if math.IsNaN(float64(r.Rate)) && (r.MissingText != "" || r.RegisteredText != "") {
			blank++
		}
	}
	// Many: at least 3, and a quarter of the figures.
	if blank < 3 || float64(blank) < 0.25*float64(forces) {
		return ""
	}
	return fmt.Sprintf("%d of the %d figures shown have no rate because a count is withheld or given as a range in the file (see the import report); check whether the file marks zeros with a dash, and say so in the column mapping if it does.", blank, forces)
}
