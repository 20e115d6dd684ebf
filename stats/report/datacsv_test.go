package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
)

// data.csv is the cube as read: each observation with what is known of it
// and where it was read, the published total marked, the cell's text where
// the number alone does not give it back.
func TestWriteDataCSV(t *testing.T) {
	file := "Force,Year,Missing,Registered\n" +
		"Kent,2019,4,\"1,976\"\n" +
		"Dorset,2019,<5,400\n" +
		"Nowhere,2019,[c],\n" +
		"Total,2019,=1+1,2376\n"
	tab, err := ingest.ReadTable("m.csv", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteDataCSV(&b, []*cube.Table{tab}); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if lines[0] != strings.Join(DataColumns, ",") || !strings.HasPrefix(lines[0], "force_code,force_name,period,measure,value,") {
		t.Fatalf("header %q", lines[0])
	}
	if len(lines) != 1+2*tab.Len() {
		t.Fatalf("%d rows for %d rows of two measures:\n%s", len(lines)-1, tab.Len(), got)
	}
	for _, row := range []string{
		"E23000032,Kent,2019,Missing,4,4,4,exact,,m.csv,2,3,,",
		`E23000032,Kent,2019,Registered,1976,1976,1976,exact,,m.csv,2,4,"1,976",`,
		"E23000039,Dorset,2019,Missing,,0,4,censored,,m.csv,3,3,<5,",
		"E23000039,Dorset,2019,Registered,400,400,400,exact,,m.csv,3,4,,",
		",Nowhere,2019,Missing,,,,withheld,,m.csv,4,3,[c],",
		",Nowhere,2019,Registered,,,,not given,,m.csv,4,4,,",
		",Total,2019,Registered,2376,2376,2376,exact,yes,m.csv,5,4,,",
	} {
		if !strings.Contains(got, row+"\n") {
			t.Errorf("data.csv has no row\n%s\nin\n%s", row, got)
		}
	}
	// A cell that a spreadsheet would run as a formula is neutralised.
	if !strings.Contains(got, ",Total,2019,Missing,,,,invalid,yes,m.csv,5,3,'=1+1,") {
		t.Errorf("the formula cell is not neutralised or not there:\n%s", got)
	}
}

// A file of numerators only has no denominator observations.
func TestWriteDataCSVMeasureAbsent(t *testing.T) {
	tab, err := ingest.ReadTable("n.csv", strings.NewReader("Force,Year,Missing\nKent,2019,4\nDorset,2019,5\n"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteDataCSV(&b, []*cube.Table{tab}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n"); n != 3 || strings.Contains(b.String(), "not given") {
		t.Fatalf("want the header and 2 observations:\n%s", b.String())
	}
}
