package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// IssueColumns is the header of issues.csv. what_to_do, appended after the
// columns scripts already read, is the note's remedy (cube.Remedy).
var IssueColumns = []string{"file", "line", "column", "severity", "code", "message", "what_to_do"}

// WriteIssuesCSV writes a file health report as issues.csv: UTF-8,
// comma-separated, header first, one issue a row, with what to do about it. Text cells are made safe to
// open in a spreadsheet (SafeCell); line and column stay numbers, empty when
// the issue is about the whole file.
func WriteIssuesCSV(w io.Writer, issues []cube.Issue) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(IssueColumns); err != nil {
		return err
	}
	for _, is := range issues {
		if err := cw.Write([]string{
			SafeCell(is.File), positive(is.Line), positive(is.Column),
			SafeCell(string(is.Severity)), SafeCell(is.Code), SafeCell(is.Message), SafeCell(cube.Remedy(is.Code)),
		}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func positive(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}
