package report

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

func TestWriteIssuesCSV(t *testing.T) {
	issues := []cube.Issue{
		{File: "a.csv", Line: 3, Column: 2, Severity: cube.Error, Code: "bad-count", Message: `Missing "x" is not a count`},
		{File: "=HYPERLINK(\"http://x\").csv", Severity: cube.Warning, Code: "nul-bytes", Message: "-1 NUL"},
		{File: "@evil.csv", Line: 2, Column: 1, Severity: cube.Warning, Code: "unmatched-force", Message: `=cmd|' /C calc'!A0 matches no police force`},
		{File: "\tx.csv", Severity: cube.Info, Code: "total-row", Message: "+1"},
	}
	var b bytes.Buffer
	if err := WriteIssuesCSV(&b, issues); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		IssueColumns,
		{"a.csv", "3", "2", "error", "bad-count", `Missing "x" is not a count`, cube.Remedy("bad-count")},
		{"'=HYPERLINK(\"http://x\").csv", "", "", "warning", "nul-bytes", "'-1 NUL", ""},
		{"'@evil.csv", "2", "1", "warning", "unmatched-force", `'=cmd|' /C calc'!A0 matches no police force`, cube.Remedy("unmatched-force")},
		{"'\tx.csv", "", "", "info", "total-row", "'+1", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("issues.csv =\n%q\nwant\n%q", got, want)
	}
}
