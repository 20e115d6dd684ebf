package ingest

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

func TestReadTableMessyValues(t *testing.T) {
	f, err := os.Open("testdata/messy-values.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	table, err := ReadTable("messy-values.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, r := range table.All() {
		rows = append(rows, fmt.Sprintf("%s %d:%d-%d %d", r.Force.Code, r.Numerator.Kind, r.Numerator.Low, r.Numerator.High, r.Denominator.Low))
	}
	want := []string{"E23000018 3:0-4", "E23000032 1:12-12", "E23000028 4:0-0", "E23000031 4:0-0", "E23000034 1:0-0"}
	if len(rows) != len(want) {
		t.Fatalf("rows = %q", rows)
	}
	for i := range want {
		if !strings.HasPrefix(rows[i], want[i]) {
			t.Errorf("row %d = %q, want prefix %q", i+1, rows[i], want[i])
		}
	}
	var issues []string
	for _, is := range table.Issues {
		issues = append(issues, fmt.Sprintf("%d:%d %s", is.Line, is.Column, is.Code))
	}
	wantIssues := "2:1 footnote 2:3 censored 3:3 footnote 4:3 suppressed 5:3 suppressed 7:1 note-row" // "Kent*" and "Surrey²" match as they are
	if got := strings.Join(issues, " "); got != wantIssues {
		t.Errorf("issues = %q\nwant     %q", got, wantIssues)
	}
	if table.Health.RowsRead != 6 || table.Health.RowsKept != 5 || table.Health.RowsSkipped != 1 {
		t.Errorf("health = %+v", table.Health)
	}
}

func TestSplitNameFootnote(t *testing.T) {
	tests := []struct{ in, name, marker string }{
		{"Derbyshire1,2", "Derbyshire", "1,2"},
		{"Kent*", "Kent", "*"},
		{"Essex [note 3]", "Essex", "[note 3]"},
		{"Surrey²", "Surrey", "²"},
		{"West Midlands", "West Midlands", ""},
		{"Force 1", "Force", "1"},
	}
	for _, tt := range tests {
		name, marker := police.SplitNameFootnote(tt.in)
		if name != tt.name || marker != tt.marker {
			t.Errorf("splitNameFootnote(%q) = %q, %q; want %q, %q", tt.in, name, marker, tt.name, tt.marker)
		}
	}
}

// Denominators with decimals (full-time equivalents) are rounded and the
// rounding reported; numerators with decimals stay errors.
func TestDecimalDenominatorsAreRounded(t *testing.T) {
	csv := "Force,Year,Missing,Registered\nDerbyshire,2019,7,\"1,800.6\"\nKent,2019,7.5,900\nDorset,2019,3,12.4\n"
	table, err := ReadTable("fte.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		den  int64
		num  cube.CountKind
		code string
	}{
		"Derbyshire": {1801, cube.CountExact, "rounded-denominator"},
		"Kent":       {900, cube.CountInvalid, "bad-count"},
		"Dorset":     {12, cube.CountExact, "rounded-denominator"},
	}
	for _, r := range table.All() {
		w := want[r.ForceName]
		if v, _ := r.Denominator.Value(); v != w.den || r.Numerator.Kind != w.num {
			t.Errorf("%s: numerator %v, denominator %v", r.ForceName, r.Numerator, r.Denominator)
		}
		found := false
		for _, is := range table.Issues {
			found = found || (is.Line == r.Line && is.Code == w.code)
		}
		if !found {
			t.Errorf("%s: no %s issue on line %d", r.ForceName, w.code, r.Line)
		}
	}
	for _, is := range table.Issues {
		if is.Code == "rounded-denominator" && is.Line == 4 && !strings.Contains(is.Message, "rounded to 12") {
			t.Errorf("Dorset's note: %s", is.Message)
		}
	}
}

// A denominator with three decimals could be a European thousands
// separator: it is refused, not rounded.
func TestThreeDecimalsAreNotRounded(t *testing.T) {
	table, err := ReadTable("e.csv", strings.NewReader("Force,Year,Missing,Registered\nKent,2019,7,2.500\nDorset,2019,3,\"1,200.500\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range table.All() {
		switch r.ForceName {
		case "Kent":
			if r.Denominator.Kind != cube.CountInvalid {
				t.Errorf("2.500 was read as %v", r.Denominator)
			}
		case "Dorset":
			if v, _ := r.Denominator.Value(); v != 1201 {
				t.Errorf("1,200.500 was read as %v", r.Denominator)
			}
		}
	}
}
