package report

import (
	"reflect"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

func TestGroupNotes(t *testing.T) {
	files := []cube.FileHealth{{File: "a.csv"}, {File: "b.csv"}}
	region := func(file string, line int) cube.Issue {
		return cube.Issue{File: file, Line: line, Column: 1, Severity: cube.Info, Code: "region-row", Message: "a region"}
	}
	issues := []cube.Issue{
		region("a.csv", 4), region("a.csv", 9), region("a.csv", 12),
		{File: "b.csv", Line: 7, Column: 3, Severity: cube.Error, Code: "bad-count", Message: `"x" is not a count`},
		{File: "a.csv", Line: 5, Column: 3, Severity: cube.Error, Code: "bad-count", Message: `"y" is not a count`},
		{File: "a.csv", Line: 5, Column: 4, Severity: cube.Error, Code: "bad-count", Message: `"z" is not a count`},
		{File: "a.csv", Line: 2, Column: 3, Severity: cube.Error, Code: "bad-count", Message: `"w" is not a count`},
		{File: "b.csv", Severity: cube.Warning, Code: "nul-bytes", Message: "2 NUL bytes"},
		region("b.csv", 3),
	}
	got := groupNotes(files, issues)
	want := []NoteGroup{
		// Errors first, the files in their order; one line once, in order.
		{File: "a.csv", Severity: cube.Error, Code: "bad-count", Count: 3, Message: `"y" is not a count`, Lines: []int{2, 5}, LinesTotal: 2, Remedy: cube.Remedy("bad-count")},
		{File: "b.csv", Severity: cube.Error, Code: "bad-count", Count: 1, Message: `"x" is not a count`, Same: true, Lines: []int{7}, LinesTotal: 1, Remedy: cube.Remedy("bad-count")},
		{File: "b.csv", Severity: cube.Warning, Code: "nul-bytes", Count: 1, Message: "2 NUL bytes", Same: true, Lines: []int{}},
		{File: "a.csv", Severity: cube.Info, Code: "region-row", Count: 3, Message: "a region", Same: true, Lines: []int{4, 9, 12}, LinesTotal: 3},
		{File: "b.csv", Severity: cube.Info, Code: "region-row", Count: 1, Message: "a region", Same: true, Lines: []int{3}, LinesTotal: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("groups\n%+v\nwant\n%+v", got, want)
	}
}

// A group of many lines sends the first MaxGroupLines and the count of all.
func TestGroupNotesManyLines(t *testing.T) {
	var issues []cube.Issue
	for line := 2; line < 2+3*MaxGroupLines; line++ {
		issues = append(issues, cube.Issue{File: "a.csv", Line: line, Severity: cube.Info, Code: "rounded-denominator", Message: "rounded"})
	}
	g := groupNotes([]cube.FileHealth{{File: "a.csv"}}, issues)
	if len(g) != 1 || g[0].Count != 3*MaxGroupLines || g[0].LinesTotal != 3*MaxGroupLines || len(g[0].Lines) != MaxGroupLines || g[0].Lines[0] != 2 {
		t.Errorf("groups %+v", g)
	}
}
