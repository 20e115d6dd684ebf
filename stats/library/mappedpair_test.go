package library

import (
	"context"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/ingest"
)

// TestMappedFilePairs: a file whose columns were chosen by hand pairs with
// another file of the dataset like any other (it once could not).
func TestMappedFilePairs(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	mapping := ingest.Mapping{HeaderLine: 1, Force: 0, Period: 1, Numerator: 2, Denominator: -1}
	res, err := l.ImportFiles(ctx, []OriginalFile{
		{Name: "fired.csv", Bytes: []byte("Constabulary,When,Lost\nKent,2018,7\nEssex,2018,4\n"), Mapping: &mapping},
		{Name: "registered.csv", Bytes: []byte("Force,Year,Registered\nKent,2018,1800\nEssex,2018,1700\n")},
	}, OriginFile)
	if err != nil || res.Dataset == nil || len(res.Errors) > 0 {
		t.Fatalf("import: %v %+v", err, res)
	}
	csv, err := l.ResultsCSV(ctx, res.Dataset.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{",Kent,2018,7,1800,", ",Essex,2018,4,1700,"} {
		if !strings.Contains(csv, want) {
			t.Errorf("results.csv lacks %q:\n%s", want, csv)
		}
	}
}

// TestLoneMeasureRoleChosen: a file of one measure the reader took by what
// its column holds says its role was a guess, and the role chosen in the
// page is used.
func TestLoneMeasureRoleChosen(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	d, err := l.Import(ctx, "tasers.csv", []byte("Police force,Year,Uses\nKent,2018,70\nEssex,2018,40\nSurrey,2018,25\n"), OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	view, err := l.Results(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f := view.Report.Files[0]; !f.ValuesGuessed || f.Values != "numerator" || !f.Judged {
		t.Fatalf("file health %+v: want the numerator, guessed, columns judged", f)
	}
	if _, err := l.SetValues(ctx, d.ID, "tasers.csv", "denominator"); err != nil {
		t.Fatal(err)
	}
	csv, err := l.ResultsCSV(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv, ",Kent,2018,,70,") {
		t.Errorf("Kent's 70 is not the denominator:\n%s", csv)
	}
}

// TestMeasureNamesChosen: names given in the page are used in results.csv
// and in every sentence; empty names give the files' own back.
func TestMeasureNamesChosen(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	d, err := l.Import(ctx, "tasers.csv", []byte("Police force,Year,Fired,Uses\nKent,2018,7,70\nEssex,2018,4,40\nSurrey,2018,3,25\n"), OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.SetMeasureNames(ctx, d.ID, "Taser fired", " uses "); err != nil {
		t.Fatal(err)
	}
	view, err := l.Results(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if view.Report.Measures != [2]string{"Taser fired", "uses"} || !strings.Contains(view.Report.Rows[0].Finding, "taser fired per 1,000 uses") {
		t.Errorf("measures %q, finding %q", view.Report.Measures, view.Report.Rows[0].Finding)
	}
	csv, _ := l.ResultsCSV(ctx, d.ID)
	if !strings.Contains(csv, ",Taser fired,uses,") {
		t.Errorf("results.csv lacks the names:\n%s", csv)
	}
	if _, err := l.SetMeasureNames(ctx, d.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	if view, _ := l.Results(ctx, d.ID); view.Report.Measures != [2]string{"Fired", "Uses"} {
		t.Errorf("after clearing, measures %q", view.Report.Measures)
	}
	if _, err := l.SetMeasureNames(ctx, d.ID, "two\nlines", ""); err == nil {
		t.Error("a name of two lines was taken")
	}
}

// TestMeasureNamesTravelInTheBundle: a bundle of a dataset with named
// measures opens with them, and its results.csv checks out.
func TestMeasureNamesTravelInTheBundle(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	d, err := l.Import(ctx, "tasers.csv", []byte("Police force,Year,Fired,Uses\nKent,2018,7,70\nEssex,2018,4,40\nSurrey,2018,3,25\n"), OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.SetMeasureNames(ctx, d.ID, "Taser fired", "uses"); err != nil {
		t.Fatal(err)
	}
	name, zip, err := l.ExportBundle(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	other := testLibrary(t)
	opened, err := other.OpenBundle(ctx, name, zip)
	if err != nil {
		t.Fatal(err)
	}
	if opened.Dataset.MeasureNames != [2]string{"Taser fired", "uses"} || !opened.Identical {
		t.Errorf("opened %+v", opened)
	}
}
