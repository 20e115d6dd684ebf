package report

import (
	"slices"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// NoteGroup is the notes of one kind about one file, for the import report:
// a kind said on many lines is shown once, with its count and its lines,
// not once a line among a thousand others ("rounded-denominator" on 169
// lines of one file). Groups are made from every note, so their counts are
// those of issues.csv whatever the page is sent (MaxShownIssues).
type NoteGroup struct {
	File     string        `json:"file"`
	Severity cube.Severity `json:"severity"`
	Code     string        `json:"code"`
	Count    int           `json:"count"`
	// Message is the first note's; Same says every note of the group has
	// those very words (else the page says "for example").
	Message string `json:"message"`
	Same    bool   `json:"same"`
	// Lines are the first MaxGroupLines lines of the group's notes, in file
	// order, each once; LinesTotal is how many lines there are in all (0
	// when the notes are about the whole file).
	Lines      []int `json:"lines"`
	LinesTotal int   `json:"linesTotal"`
	// Remedy is what to do about notes of this kind (cube.Remedy); empty
	// when nothing need be done.
	Remedy string `json:"remedy"`
}

// MaxGroupLines is how many of a group's lines the page is sent: enough to
// find the first few in the file ("lines 4, 9, 12 and 40 more");
// issues.csv has every one.
const MaxGroupLines = 20

// groupNotes groups the notes by file, severity and code: errors first,
// then warnings, then information; within each, the files in the order
// given (the dataset's), and each file's kinds most first.
func groupNotes(files []cube.FileHealth, issues []cube.Issue) []NoteGroup {
	type key struct {
		file string
		sev  cube.Severity
		code string
	}
	out := []NoteGroup{}
	at := map[key]int{}
	for _, is := range issues {
		k := key{is.File, is.Severity, is.Code}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, NoteGroup{File: is.File, Severity: is.Severity, Code: is.Code, Message: is.Message, Same: true,
				Lines: []int{}, Remedy: cube.Remedy(is.Code)})
		}
		g := &out[i]
		g.Count++
		if is.Message != g.Message {
			g.Same = false
		}
		if is.Line > 0 {
			g.Lines = append(g.Lines, is.Line)
		}
	}
	// The lines each once, in file order: the notes Combine adds (rows
	// two files both give) come after the reader's, in the order of forces.
	for i := range out {
		g := &out[i]
		slices.Sort(g.Lines)
		g.Lines = slices.Compact(g.Lines)
		g.LinesTotal = len(g.Lines)
		g.Lines = slices.Clip(g.Lines[:min(len(g.Lines), MaxGroupLines)])
	}
	fileAt := map[string]int{}
	for i, f := range files {
		if _, ok := fileAt[f.File]; !ok {
			fileAt[f.File] = i
		}
	}
	rank := func(s cube.Severity) int {
		switch s {
		case cube.Error:
			return 0
		case cube.Warning:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(out, func(a, b NoteGroup) int {
		if r := rank(a.Severity) - rank(b.Severity); r != 0 {
			return r
		}
		if a.File != b.File {
			return fileAt[a.File] - fileAt[b.File]
		}
		return b.Count - a.Count
	})
	return out
}
