package sheets

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The workbooks were written by openpyxl and odfpy (../testdata/sheets/make.py),
// not by this code.
func open(t *testing.T, name string) Workbook {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "sheets", name))
	if err != nil {
		t.Fatal(err)
	}
	if !IsWorkbook(data) {
		t.Fatalf("%s is not taken for a workbook", name)
	}
	wb, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	return wb
}

func TestXLSX(t *testing.T) {
	wb := open(t, "figures.xlsx")
	if wb.Kind != XLSX || len(wb.Sheets) != 3 || wb.Sheets[0].Name != "Cover" || wb.Sheets[1].Name != "Table 1" || wb.Sheets[2].Name != "Merged" {
		t.Fatalf("workbook %+v", wb)
	}
	s := wb.Sheets[1]
	want := [][]string{
		{"Table 1: missing and registered offenders by force"},
		nil,
		{"Force", "As at", "Missing", "Registered"},
		{"Cleveland", "2020-03-31", "12", "1976"},
		{"Durham", "2020-03-31", "0", "845"},
		{"Northumbria", "2020-03-31", "31", "3102"},
		{"Cumbria", "2020-03-31", "0", "612"}, // 612.0000000000001 to 15 digits
	}
	if len(s.Rows) != len(want) {
		t.Fatalf("%d rows: %q", len(s.Rows), s.Rows)
	}
	for i := range want {
		if !slices.Equal(s.Rows[i], want[i]) {
			t.Errorf("row %d: %q, want %q", i+1, s.Rows[i], want[i])
		}
	}
	// A line of the CSV is a row of the sheet, the blank one included.
	lines := strings.Split(string(s.CSV()), "\n")
	if lines[1] != "" || lines[2] != "Force,As at,Missing,Registered" {
		t.Errorf("CSV lines %q", lines[:3])
	}
}

func TestODS(t *testing.T) {
	wb := open(t, "figures.ods")
	if wb.Kind != ODS || len(wb.Sheets) != 2 || wb.Sheets[1].Name != "Figures" {
		t.Fatalf("workbook %+v", wb)
	}
	want := [][]string{{"Force", "Year", "Missing", "Registered"}, {"Cleveland", "2019/20", "10", "120"}, {"Durham", "2019/20", "5", "80"}, {"Northumbria", "2019/20", "20", "1300"}}
	got := wb.Sheets[1].Rows
	if len(got) != len(want) {
		t.Fatalf("rows %q", got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("row %d: %q, want %q", i+1, got[i], want[i])
		}
	}
}

func TestNumberText(t *testing.T) {
	for in, want := range map[string]string{
		"5516.6500000000015": "5516.65", "12": "12", "1976.0": "1976", "0": "0", "1000000": "1000000",
		"0.1": "0.1", "not a number": "not a number", "1E+20": "100000000000000000000",
	} {
		if got := numberText(in); got != want {
			t.Errorf("numberText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNotAWorkbook(t *testing.T) {
	if _, err := Open([]byte("PK\x03\x04 not really")); err != ErrNotWorkbook {
		t.Errorf("err = %v", err)
	}
}

// TestXLSXLayout: a header merged over two columns heads both, a merged
// number is not repeated, and a hidden row is said (make.py's sheet
// "Merged": B1:C1 merged, row 5 hidden).
func TestXLSXLayout(t *testing.T) {
	wb := open(t, "figures.xlsx")
	var s *Sheet
	for i := range wb.Sheets {
		if wb.Sheets[i].Name == "Merged" {
			s = &wb.Sheets[i]
		}
	}
	if s == nil {
		t.Fatal("no sheet Merged")
	}
	if !slices.Equal(s.Rows[0], []string{"Force", "Counts", "Counts"}) {
		t.Errorf("header row %q", s.Rows[0])
	}
	if !slices.Equal(s.Hidden, []int{5}) {
		t.Errorf("hidden rows %v, want [5]", s.Hidden)
	}
}
