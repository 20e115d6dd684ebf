package stats

import (
	"strings"
	"testing"
)

func TestCategoryRows(t *testing.T) {
	csv := "Force,Year,Type,Missing\n" +
		"Kent,2019,Burglary,4\nKent,2019,Robbery,<5\nKent,2019,Drugs,10\n" +
		"Dorset,2019,Burglary,2\nDorset,2019,Robbery,*\n" +
		"Essex,2019,Burglary,1\nEssex,2019,Burglary,1\n"
	table, err := ReadTable("long.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Count{}
	for _, r := range table.Rows {
		got[r.ForceName] = r.Numerator
	}
	if k := got["Kent"]; k.Kind != CountCensored || k.Low != 14 || k.High != 18 {
		t.Errorf("Kent: %+v, want 14 to 18", k)
	}
	if d := got["Dorset"]; d.Kind != CountSuppressed {
		t.Errorf("Dorset: %+v, want unknown (a part is suppressed)", d)
	}
	if e := got["Essex"]; e.Kind != CountExact || e.Low != 1 {
		t.Errorf("Essex: %+v, want the first row only", e)
	}
	var dup, summed int
	for _, is := range table.Issues {
		switch is.Code {
		case "duplicate-row":
			dup++
		case "categories-summed":
			summed++
		}
	}
	if dup != 1 || summed != 1 {
		t.Errorf("%d duplicate rows, %d notes of categories summed; want 1 and 1", dup, summed)
	}
}

// One repeated row in an ordinary file with a notes column is a duplicate,
// not a category to add up.
func TestOneRepeatIsNotCategories(t *testing.T) {
	csv := "Force,Year,Missing,Registered,Notes\nKent,2019,4,900,\nKent,2019,5,900,revised\nDorset,2019,2,500,\nEssex,2019,3,800,\n"
	table, err := ReadTable("f.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range table.Rows {
		if r.ForceName == "Kent" {
			if v, _ := r.Numerator.Value(); v != 4 {
				t.Errorf("Kent summed: %v", r.Numerator)
			}
		}
	}
}
