package ingest

import (
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
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
	got := map[string]cube.Count{}
	for _, r := range table.All() {
		got[r.ForceName] = r.Numerator
	}
	if k := got["Kent"]; k.Kind != cube.CountCensored || k.Low != 14 || k.High != 18 {
		t.Errorf("Kent: %+v, want 14 to 18", k)
	}
	if d := got["Dorset"]; d.Kind != cube.CountSuppressed {
		t.Errorf("Dorset: %+v, want unknown (a part is suppressed)", d)
	}
	if e := got["Essex"]; e.Kind != cube.CountExact || e.Low != 1 {
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
	for _, r := range table.All() {
		if r.ForceName == "Kent" {
			if v, _ := r.Numerator.Value(); v != 4 {
				t.Errorf("Kent summed: %v", r.Numerator)
			}
		}
	}
}

// A file of records, one row per event: counted per force and financial
// year, with and without a filter on its type.
func TestCountRowsByFinancialYear(t *testing.T) {
	csv := "Offence ID,Force,Date recorded,Type\n1,Kent,2017-03-30,Burglary\n2,Kent,2017-04-02,Burglary\n" +
		"3,Kent,02/05/2017,Robbery\n4,Dorset,2017-06-01,Burglary\n5,Dorset,not known,Burglary\nSource: a police force,,,\n"
	for _, tt := range []struct {
		filters []Filter
		want    map[string]int64
		// kept are the rows counted: of the six rows below the header,
		// the undated one and the note are not, nor those filtered out.
		kept int
	}{
		{nil, map[string]int64{"Kent 2016/17": 1, "Kent 2017/18": 2, "Dorset 2017/18": 1}, 4},
		{[]Filter{{Column: 3, Values: []string{"Burglary"}}}, map[string]int64{"Kent 2016/17": 1, "Kent 2017/18": 1, "Dorset 2017/18": 1}, 3},
	} {
		table, err := ReadTableWith("records.csv", strings.NewReader(csv),
			Mapping{HeaderLine: 1, Force: 1, Period: 2, Numerator: -1, Denominator: -1, CountRows: true, Bucket: "financial-year", Filters: tt.filters})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, r := range table.All() {
			v, _ := r.Numerator.Value()
			got[r.ForceName+" "+r.Period.Label] = v
		}
		if len(got) != len(tt.want) {
			t.Errorf("filters %v: %v, want %v", tt.filters, got, tt.want)
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("filters %v: %s = %d, want %d", tt.filters, k, got[k], v)
			}
		}
		bad := false
		for _, is := range table.Issues {
			bad = bad || (is.Code == "bad-period" && is.Line == 6)
			if is.Line == 7 && is.Severity == cube.Error {
				t.Errorf("the note below the records is an error: %s", is.Message)
			}
		}
		if !bad {
			t.Error("the undated record was not reported")
		}
		if h := table.Health; h.RowsRead != 6 || h.RowsKept != tt.kept || h.RowsSkipped != 6-tt.kept {
			t.Errorf("filters %v: %d rows read, %d kept, %d skipped; want 6, %d, %d", tt.filters, h.RowsRead, h.RowsKept, h.RowsSkipped, tt.kept, 6-tt.kept)
		}
	}
	if _, err := ReadTableWith("records.csv", strings.NewReader(csv), Mapping{HeaderLine: 1, Force: 1, Period: 2, Numerator: 0, Denominator: -1, CountRows: true}); err == nil {
		t.Error("a numerator column and counted rows together were accepted")
	}
	if _, err := ReadTableWith("records.csv", strings.NewReader(csv), Mapping{HeaderLine: 1, Force: 1, Period: 2, Numerator: -1, Denominator: -1, CountRows: true, Bucket: "week"}); err == nil {
		t.Error("a bucket of weeks was accepted")
	}
}

// A population repeated on each category row is taken once, and a row of
// all categories is left out of the sum (the reviewer's cases).
func TestCategoryRowsDenominatorAndTotals(t *testing.T) {
	csv := "Force,Year,Type,Crimes,Population\n" +
		"Kent,2019,Burglary,10,1000000\nKent,2019,Robbery,5,1000000\nKent,2019,All crime,15,1000000\n" +
		"Dorset,2019,Burglary,4,500000\nDorset,2019,Robbery,2,500000\nDorset,2019,All other theft offences,3,500000\n" +
		"Essex,2019,Burglary,7,300000\nEssex,2019,Robbery,1,400000\n"
	table, err := ReadTableWith("pop.csv", strings.NewReader(csv), Mapping{HeaderLine: 1, Force: 0, Period: 1, Numerator: 3, Denominator: 4})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int64{"Kent": {15, 1000000}, "Dorset": {9, 500000}, "Essex": {8, 700000}}
	for _, r := range table.All() {
		x, _ := r.Numerator.Value()
		n, _ := r.Denominator.Value()
		if w := want[r.ForceName]; x != w[0] || n != w[1] {
			t.Errorf("%s: %d of %d, want %d of %d", r.ForceName, x, n, w[0], w[1])
		}
	}
	codes := map[string]int{}
	for _, is := range table.Issues {
		codes[is.Code]++
	}
	if codes["category-total"] != 1 || codes["denominator-once"] != 1 {
		t.Errorf("issues by code: %v", codes)
	}
}
