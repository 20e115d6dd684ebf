package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

func TestSafeCell(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain name", "Kent", "Kent"},
		{"empty", "", ""},
		{"formula", "=1+1", "'=1+1"},
		{"hyperlink", `=HYPERLINK("http://x")`, `'=HYPERLINK("http://x")`},
		{"DDE", `=cmd|' /C calc'!A0`, `'=cmd|' /C calc'!A0`},
		{"plus", "+1", "'+1"},
		{"plus phone", "+44", "'+44"},
		{"minus", "-3", "'-3"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"tab", "\tx", "'\tx"},
		{"carriage return", "\rx", "'\rx"},
		{"equals inside", "a=b", "a=b"},
		{"a leading apostrophe is left alone", "'=1", "'=1"},
		{"HTML is not a formula", "<b>Kent</b>", "<b>Kent</b>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SafeCell(tt.in); got != tt.want {
				t.Errorf("SafeCell(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// injectionRows are result rows whose names a spreadsheet would run, with
// negative and fractional numbers that must stay numbers.
func injectionRows() []ResultRow {
	return []ResultRow{
		{ForceName: `=HYPERLINK("http://x")`, Period: "2019", Numerator: exactCount(3), Denominator: exactCount(400),
			RatePer1000: -0.5, CI95Low: -3, CI95High: 2.25, CI998Low: Decimal(math.NaN()), TrendP: 0.5, Note: "-1 row skipped"},
		{ForceName: "+1", Period: "-2019", RatePer1000: -3},
		{ForceName: "@SUM(A1)", Period: "\t2019", Note: "=1+1"},
		{ForceName: "\tx", Period: "\r2019"},
		{ForceCode: "E23000032", ForceName: "Kent", Period: "2019", RatePer1000: 7.5},
	}
}

func exactCount(n int64) cube.Count { return cube.ParseCount(strconv.FormatInt(n, 10)) }

func TestWriteResultsCSVNeutralisesFormulas(t *testing.T) {
	rows := injectionRows()
	var b bytes.Buffer
	if err := WriteResultsCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got[0], ResultColumns()) {
		t.Fatalf("header %q, want %q", got[0], ResultColumns())
	}
	col := map[string]int{}
	for i, c := range got[0] {
		col[c] = i
	}
	want := []map[string]string{
		{"force_name": `'=HYPERLINK("http://x")`, "period": "2019", "missing": "3", "registered": "400",
			"rate_per_1000": "-0.5", "ci95_low": "-3", "ci95_high": "2.25", "ci998_low": "", "trend_p": "0.5", "note": "'-1 row skipped"},
		{"force_name": "'+1", "period": "'-2019", "rate_per_1000": "-3"},
		{"force_name": "'@SUM(A1)", "period": "'\t2019", "note": "'=1+1"},
		{"force_name": "'\tx", "period": "'\r2019"},
		{"force_code": "E23000032", "force_name": "Kent", "period": "2019", "rate_per_1000": "7.5"},
	}
	if len(got) != len(want)+1 {
		t.Fatalf("%d rows, want %d", len(got)-1, len(want))
	}
	for i, w := range want {
		for name, cell := range w {
			if g := got[i+1][col[name]]; g != cell {
				t.Errorf("row %d %s = %q, want %q", i+1, name, g, cell)
			}
		}
	}
	// The rows given are not changed: the page shows the names as written.
	if rows[0].ForceName != `=HYPERLINK("http://x")` {
		t.Errorf("WriteResultsCSV changed its argument: %q", rows[0].ForceName)
	}
}

// Every text column of results.csv, including any added later, goes
// through SafeCell.
func TestResultsCSVEveryTextColumnIsSafe(t *testing.T) {
	var row ResultRow
	v := reflect.ValueOf(&row).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.String {
			f.SetString("=1+1")
		}
	}
	var b bytes.Buffer
	if err := WriteResultsCSV(&b, []ResultRow{row}); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, cell := range got[1] {
		if strings.HasPrefix(cell, "=") {
			t.Errorf("column %s is written as a formula: %q", got[0][i], cell)
		}
	}
}
