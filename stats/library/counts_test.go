package library

import (
	"context"
	"encoding/csv"
	"strings"
	"testing"
)

// TestFileCountsAgreeWithIssuesCSV: each file's counts of errors and
// warnings in the view are the rows of issues.csv for that file (a page
// once said "0 errors" of a file while issues.csv listed 225), and the
// warnings at the top of the view group them by kind.
func TestFileCountsAgreeWithIssuesCSV(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	res, err := l.ImportFiles(ctx, []OriginalFile{
		{Name: "missing.csv", Bytes: []byte("Force,Year,Missing\nKent,2018,7\nNowhere,2018,3\nEssex,2018,x\n,2018,4\n")},
		{Name: "registered.csv", Bytes: []byte("Force,Year,Registered\nKent,2018,1800\nEssex,2018,1700\nAtlantis,2018,5\n")},
	}, OriginFile)
	if err != nil || res.Dataset == nil {
		t.Fatalf("import: %v %+v", err, res)
	}
	view, err := l.Results(ctx, res.Dataset.ID)
	if err != nil {
		t.Fatal(err)
	}
	text, err := l.IssuesCSV(ctx, res.Dataset.ID)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	want := map[string][2]int{}
	for _, r := range recs[1:] {
		c := want[r[col["file"]]]
		switch r[col["severity"]] {
		case "error":
			c[0]++
		case "warning":
			c[1]++
		}
		want[r[col["file"]]] = c
	}
	if len(view.Report.Files) != 2 {
		t.Fatalf("files %+v", view.Report.Files)
	}
	total := 0
	for _, f := range view.Report.Files {
		if got := [2]int{f.Errors, f.Warnings}; got != want[f.File] {
			t.Errorf("%s: %d errors and %d warnings in the view, issues.csv has %v", f.File, f.Errors, f.Warnings, want[f.File])
		}
		total += f.Errors + f.Warnings
	}
	grouped := 0
	for _, g := range view.Report.Warnings {
		grouped += g.Count
	}
	if total == 0 || grouped != total {
		t.Errorf("the warnings at the top count %d, the files %d", grouped, total)
	}
}
