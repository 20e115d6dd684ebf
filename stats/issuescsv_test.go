package stats

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"testing"
)

func TestWriteIssuesCSV(t *testing.T) {
	issues := []Issue{
		{File: "a.csv", Line: 3, Column: 2, Severity: Error, Code: "bad-count", Message: `Missing "x" is not a count`},
		{File: "=HYPERLINK(\"http://x\").csv", Severity: Warning, Code: "nul-bytes", Message: "-1 NUL"},
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
		{"a.csv", "3", "2", "error", "bad-count", `Missing "x" is not a count`},
		{"'=HYPERLINK(\"http://x\").csv", "", "", "warning", "nul-bytes", "'-1 NUL"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("issues.csv =\n%q\nwant\n%q", got, want)
	}
}
