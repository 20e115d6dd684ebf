package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
)

// The fixtures of testdata/structure are modelled on real tables that were
// read wrongly, a file for each kind of failure: totals spelled in ways no
// list had ("*Total North East", "E&W"), nested subtotals of categories, a
// Region column beside the force, Excel's accounting zero, no header row,
// the period only in a title or the file's name. Each expected figure was
// worked out from the file itself, outside this code, by the command in its
// comment (mawk 1.3.4 and Python 3.11, run in testdata/structure).
func TestStructureFixtures(t *testing.T) {
	type figure struct {
		force, period string
		num, den      string // as Count.String gives them; "" for none
	}
	tests := []struct {
		file    string
		figures []figure // every force figure, not the totals
		totals  []string // rows kept as totals, sorted
		codes   []string // issue codes that must be there
	}{
		{
			// awk -F, 'NR>1 && $1 !~ /Total/ {print $1, $3, $4}' totals-spelled.csv
			file: "totals-spelled.csv",
			figures: []figure{{"Cleveland", "2019/20", "10", "120"}, {"Durham", "2019/20", "5", "80"}, {"Northumbria", "2019/20", "20", "300"},
				{"Cheshire", "2019/20", "12", "200"}, {"Cumbria", "2019/20", "4", "90"}},
			totals: []string{"*Total North East", "*Total North West", "Total England and Wales"},
		},
		{
			// awk -F, 'NR>1 && $1 !~ /forces|E&W/ {n+=$3; d+=$4} END {print n, d}' totals-by-sum.csv: 51 790,
			// and NE forces = 10+5+20, 120+80+300; NW forces = 12+4, 200+90; E&W = 51, 790
			file: "totals-by-sum.csv",
			figures: []figure{{"Cleveland", "2019/20", "10", "120"}, {"Durham", "2019/20", "5", "80"}, {"Northumbria", "2019/20", "20", "300"},
				{"Cheshire", "2019/20", "12", "200"}, {"Cumbria", "2019/20", "4", "90"}},
			totals: []string{"E&W", "NE forces", "NW forces"},
			codes:  []string{"total-by-sum"},
		},
		{
			// awk -F, 'NR>1 {n[$2]+=$5; d[$2]+=$6} END {for (f in n) print f, n[f], d[f]}' region-column.csv
			file: "region-column.csv",
			figures: []figure{{"Cleveland", "2019/20", "10", "120"}, {"Durham", "2019/20", "5", "80"}, {"Dyfed-Powys", "2019/20", "3", "150"},
				{"Gwent", "2019/20", "6", "210"}, {"North Wales", "2019/20", "2", "180"}, {"South Wales", "2019/20", "9", "400"}},
			codes: []string{"force-attribute", "categories-summed"},
		},
		{
			// python3 -c "import csv; [print(r[0], 0 if r[2].strip()=='-' else r[2].strip(), r[3].strip()) for r in list(csv.reader(open('accounting-zero.csv')))[1:]]"
			file: "accounting-zero.csv",
			figures: []figure{{"Cleveland", "2019/20", "12", "1976"}, {"Durham", "2019/20", "0", "845"}, {"Northumbria", "2019/20", "31", "3102"},
				{"Cumbria", "2019/20", "0", "612"}},
			codes: []string{"accounting-zero"},
		},
		{
			// awk -F, '{print $1, $2, $3, $4}' no-header.csv (column 3 <= column 4 on every row)
			file: "no-header.csv",
			figures: []figure{{"Cleveland", "2019/20", "10", "120"}, {"Durham", "2019/20", "5", "80"}, {"Northumbria", "2019/20", "20", "300"},
				{"Cheshire", "2019/20", "12", "200"}},
			codes: []string{"no-header"},
		},
		{
			// awk -F, 'NR>1 {c[$4" "$2]++} END {for (k in c) print k, c[k]}' police-uk-street.csv:
			// police.uk's street-level header, recognised as such; each row counted by the
			// force it falls within ($4) and its month
			file: "police-uk-street.csv",
			figures: []figure{{"Avon and Somerset", "2019-01", "2", ""}, {"Avon and Somerset", "2019-02", "1", ""},
				{"Bedfordshire", "2019-01", "1", ""}, {"Bedfordshire", "2019-02", "2", ""}},
			codes: []string{"police-uk", "rows-counted"},
		},
		{
			// python3 -c "import csv,collections; from datetime import datetime; from zoneinfo import ZoneInfo;
			// print(collections.Counter(datetime.fromisoformat(r['Date']).astimezone(ZoneInfo('Europe/London')).strftime('%Y-%m')
			// for r in csv.DictReader(open('2019-06-avon-and-somerset-stop-and-search.csv')) if r['Date']))": 7 in 2019-06,
			// the search at 23:30 UTC on 31 May among them (00:30 in British Summer Time); the row
			// without a date is skipped. The force is the one the file's name gives.
			file:    "2019-06-avon-and-somerset-stop-and-search.csv",
			figures: []figure{{"Avon and Somerset", "2019-06", "7", ""}},
			codes:   []string{"police-uk", "rows-counted", "bad-period"},
		},
		{
			// awk -F, 'NR>1 && $2 != "" && $4 != "" {c[$4" "$2]++} END {for (k in c) print k, c[k]}' police-uk-outcomes.csv;
			// the row without a month and the one without the force it falls within are skipped
			file: "police-uk-outcomes.csv",
			figures: []figure{{"Bedfordshire", "2019-01", "3", ""}, {"Bedfordshire", "2019-02", "1", ""},
				{"Cambridgeshire", "2019-01", "2", ""}},
			codes: []string{"police-uk", "rows-counted", "bad-period", "no-force"},
		},
		{
			// awk -F, '{c[$3" "$2]++} END {for (k in c) print k, c[k]}' records-no-header.csv
			file: "records-no-header.csv",
			figures: []figure{{"Avon and Somerset", "2019-01", "2", ""}, {"Avon and Somerset", "2019-02", "1", ""},
				{"Bedfordshire", "2019-01", "1", ""}, {"Bedfordshire", "2019-02", "2", ""}},
			codes: []string{"no-header", "rows-counted"},
		},
		{
			// awk -F, 'NR>1 {print $1, $2, $3}' missing-april2019-march2020.csv; April 2019 to March 2020 is 2019/20
			file:    "missing-april2019-march2020.csv",
			figures: []figure{{"Cleveland", "2019/20", "10", "120"}, {"Durham", "2019/20", "5", "80"}, {"Northumbria", "2019/20", "20", "300"}},
			codes:   []string{"period-outside"},
		},
		{
			// awk -F, 'NR>3 {print $1, $2, $3}' period-in-title.csv
			file:    "period-in-title.csv",
			figures: []figure{{"Cleveland", "2019/20", "10", "120"}, {"Durham", "2019/20", "5", "80"}},
			codes:   []string{"period-outside"},
		},
		{
			// awk -F, 'NR>1 && $0 ~ /Total Tactics/ {print $1, $NF}' category-subtotals.csv: the published totals;
			// awk -F, 'NR>1 && $0 !~ /Total|of which/ {n[$1]+=$NF} END {for (f in n) print f, n[f]}' gives the same
			file:    "category-subtotals.csv",
			figures: []figure{{"Cleveland", "2019/20", "42", ""}, {"Durham", "2019/20", "17", ""}},
			codes:   []string{"category-total", "category-parent"},
		},
		{
			// the same file without its *Total Tactics rows: the parts add up as above, and
			// *Total Restraint (35; 15) is the sum of the rows above it, a subtotal
			file:    "category-subtotal-only.csv",
			figures: []figure{{"Cleveland", "2019/20", "42", ""}, {"Durham", "2019/20", "17", ""}},
		},
		{
			// the same file with "Handcuffing" unmarked as the head of its parts: they add up to
			// 72 and 29 (awk -F, 'NR>1 && $0 !~ /Total/ {n[$1]+=$NF} END {...}'), and the published
			// totals, 42 and 17, are used, with a warning
			file:    "category-unnamed-parent.csv",
			figures: []figure{{"Cleveland", "2019/20", "42", ""}, {"Durham", "2019/20", "17", ""}},
			codes:   []string{"category-total-differs"},
		},
		{
			// awk -F, 'NR>1 && $1 != "England and Wales" {print $1, $2, $3}' measure-value.csv;
			// the "charged" row is of a third measure and left out
			file:    "measure-value.csv",
			figures: []figure{{"Cleveland", "2020-03-31", "10", "120"}, {"Durham", "2020-03-31", "5", "80"}},
			totals:  []string{"England and Wales"},
			codes:   []string{"measure-column", "measures-joined", "filtered"},
		},
		{
			// awk -F, '$3 == "All crime" {print $1, $4}' category-total-first.csv: a force's first
			// row is its total (which once stopped the reader), and its parts agree with it
			file:    "category-total-first.csv",
			figures: []figure{{"Kent", "2018", "10", ""}, {"Essex", "2018", "5", ""}},
			codes:   []string{"category-total"},
		},
		{
			// awk -F, 'NR>1 {print $1, $2}' as-at-header.csv; the period is the day the header
			// says the counts are as at
			file: "as-at-header.csv",
			figures: []figure{{"Cleveland", "2020-03-31", "", "820"}, {"Durham", "2020-03-31", "", "705"},
				{"Northumbria", "2020-03-31", "", "1410"}, {"Cumbria", "2020-03-31", "", "512"}},
			codes: []string{"columns-by-content"},
		},
		{
			// awk -F, 'NR>1 {print $1, $2, $3, $6}' taser-measures.csv: Total uses is never smaller
			// than Drawn, Aimed or Fired on any row, so it is the denominator
			file: "taser-measures.csv",
			figures: []figure{{"Cleveland", "2019/20", "120", "170"}, {"Durham", "2019/20", "80", "105"},
				{"Northumbria", "2019/20", "300", "410"}, {"Cumbria", "2019/20", "50", "62"}},
			codes: []string{"columns-by-content"},
		},
		{
			// awk -F, 'NR>1 {print $1, $2, $3, $4}' year-end-dates.csv; 31 December 2015 ends the year
			// 2015, 31 March 2018 the financial year 2017/18
			file: "year-end-dates.csv",
			figures: []figure{{"Cleveland", "2015", "10", ""}, {"Cleveland", "2016", "12", ""}, {"Cleveland", "2017/18", "14", ""},
				{"Durham", "2015", "5", ""}, {"Durham", "2016", "6", ""}, {"Durham", "2017/18", "7", ""},
				{"Northumbria", "2015", "20", ""}, {"Northumbria", "2016", "21", ""}, {"Northumbria", "2017/18", "22", ""}},
			codes: []string{"year-end-dates", "wide-table"},
		},
		{
			// the rows make.py writes into its sheet "Table 1" (openpyxl), read after the
			// sheet "Cover", which holds no table; 612.0000000000001 is 612 to 15 digits
			file: "../sheets/figures.xlsx",
			figures: []figure{{"Cleveland", "2020-03-31", "12", "1976"}, {"Durham", "2020-03-31", "0", "845"},
				{"Northumbria", "2020-03-31", "31", "3102"}, {"Cumbria", "2020-03-31", "0", "612"}},
			codes: []string{"workbook-sheet", "workbook-sheets-skipped"},
		},
		{
			// the rows make.py writes into its sheet "Figures" (odfpy)
			file:    "../sheets/figures.ods",
			figures: []figure{{"Cleveland", "2019/20", "10", "120"}, {"Durham", "2019/20", "5", "80"}, {"Northumbria", "2019/20", "20", "1300"}},
			codes:   []string{"workbook-sheet"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "structure", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			tab, err := ReadBytes(tt.file, data, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []figure
			var totals []string
			for _, r := range tab.All() {
				if r.Total {
					totals = append(totals, r.ForceName)
					continue
				}
				if !r.Matched {
					t.Errorf("%q was kept as a force it matches none", r.ForceName)
				}
				got = append(got, figure{r.Force.ShortName, r.Period.Label, countText(r.Numerator), countText(r.Denominator)})
			}
			slices.Sort(totals)
			if !slices.Equal(got, tt.figures) {
				t.Errorf("figures\n%v\nwant\n%v", got, tt.figures)
			}
			if !slices.Equal(totals, tt.totals) {
				t.Errorf("totals %q, want %q", totals, tt.totals)
			}
			for _, code := range tt.codes {
				if !slices.ContainsFunc(tab.Issues, func(is cube.Issue) bool { return is.Code == code }) {
					t.Errorf("no %s issue among %v", code, issueCodes(tab.Issues))
				}
			}
		})
	}
}

func countText(c cube.Count) string {
	if v, ok := c.Value(); ok {
		return strconv.FormatInt(v, 10)
	}
	if c.Kind == cube.CountNotGiven {
		return ""
	}
	return "?" + c.Raw
}

func issueCodes(issues []cube.Issue) []string {
	var out []string
	for _, is := range issues {
		if !slices.Contains(out, is.Code) {
			out = append(out, is.Code)
		}
	}
	return out
}

// TestReportedFiguresFile reads the app's own reference file of figures from
// the press, one measure a row (../shared/data/reported-figures.csv), which
// used to be refused.
func TestReportedFiguresFile(t *testing.T) {
	path := testfiles.Corpus(t, "..", "data", "reported-figures.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := ReadBytes("reported-figures.csv", data, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// grep -c . reported-figures.csv is 47: the header and 46 rows, of
	// which Police Scotland's two of 2015-03-01 make one figure:
	// awk -F, 'NR>1 {k[$1","$4]++} END {print length(k)}' reported-figures.csv gives 45.
	if tab.Len() != 45 {
		t.Errorf("%d figures, want 45", tab.Len())
	}
	want := map[string][2]string{
		"Police Scotland|2015-03-01": {"0", "4775"}, // its missing and registered rows joined
		"Derbyshire|2017-03-31":      {"", "1154"},
		"Derbyshire|2018-01-17":      {"7", ""},
	}
	for _, r := range tab.All() {
		k := r.ForceName + "|" + r.Period.Label
		if w, ok := want[k]; ok {
			if got := [2]string{countText(r.Numerator), countText(r.Denominator)}; got != w {
				t.Errorf("%s: %v, want %v", k, got, w)
			}
			delete(want, k)
		}
	}
	if len(want) > 0 {
		t.Errorf("figures not found: %v", want)
	}
	for _, is := range tab.Issues {
		if is.Severity == cube.Error {
			t.Errorf("error: %s", is.Message)
		}
	}
}

// TestMarkersSaidOnce: each way a file marks withheld cells or small
// numbers is one note with the number of cells, not a note a cell.
func TestMarkersSaidOnce(t *testing.T) {
	data := "Force,Year,Missing,Registered\nKent,2018,[c],1800\nEssex,2018,[c],1700\nSurrey,2018,<5,900\nDorset,2018,[c],800\nDevon and Cornwall,2018,<5,1500\n"
	tab, err := ReadBytes("markers.csv", []byte(data), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, is := range tab.Issues {
		if is.Code == "suppressed" || is.Code == "censored" {
			got = append(got, is.Code+": "+is.Message)
		}
	}
	if len(got) != 2 || !strings.Contains(got[0], `"[c]": 3 cells written so (the first on line 2)`) || !strings.Contains(got[1], `"<5": 2 cells written so (the first on line 4)`) {
		t.Errorf("notes %q", got)
	}
}

// TestDashesChosen: a person can say what a dash means, either way.
func TestDashesChosen(t *testing.T) {
	data := "Force,Year,Missing,Registered\nKent,2018,-,1800\nEssex,2018,3,1700\n"
	for dashes, want := range map[Dashes]cube.CountKind{DashesZero: cube.CountExact, DashesWithheld: cube.CountSuppressed, DashesFromFile: cube.CountSuppressed} {
		m := Mapping{HeaderLine: 1, Force: 0, Period: 1, Numerator: 2, Denominator: 3, Dashes: dashes}
		tab, err := ReadTableWith("d.csv", strings.NewReader(data), m)
		if err != nil {
			t.Fatal(err)
		}
		if got := tab.Row(0).Numerator; got.Kind != want || (want == cube.CountExact && got.Low != 0) {
			t.Errorf("dashes %q: Kent's dash is %+v", dashes, got)
		}
	}
	if _, err := ReadTableWith("d.csv", strings.NewReader(data), Mapping{HeaderLine: 1, Force: 0, Period: 1, Numerator: 2, Denominator: 3, Dashes: "nought"}); err == nil {
		t.Error("an unknown choice of dashes was taken")
	}
}

// TestFilterOnPublishedTotal: choosing only the published total row of the
// categories keeps it as the figure (it once kept nothing).
func TestFilterOnPublishedTotal(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "structure", "category-subtotals.csv"))
	if err != nil {
		t.Fatal(err)
	}
	m := Mapping{HeaderLine: 1, Force: 0, Period: 1, Numerator: 3, Denominator: -1, Filters: []Filter{{Column: 2, Values: []string{"*Total Tactics"}}}}
	tab, err := ReadTableWith("category-subtotals.csv", strings.NewReader(string(data)), m)
	if err != nil {
		t.Fatal(err)
	}
	// awk -F, '$3 == "*Total Tactics" {print $1, $4}' category-subtotals.csv
	want := map[string]string{"Cleveland": "42", "Durham": "17"}
	if tab.Len() != 2 {
		t.Fatalf("%d figures", tab.Len())
	}
	for _, r := range tab.All() {
		if got := countText(r.Numerator); got != want[r.Force.ShortName] {
			t.Errorf("%s: %s, want %s", r.Force.ShortName, got, want[r.Force.ShortName])
		}
	}
}

// TestNoHeaderChosenByHand: "no header row" chosen in the column mapping
// keeps the first record as data.
func TestNoHeaderChosenByHand(t *testing.T) {
	data := "Kent,2018,7,1800\nEssex,2018,4,1700\n"
	m := Mapping{NoHeader: true, Force: 0, Period: 1, Numerator: 2, Denominator: 3}
	tab, err := ReadTableWith("two.csv", strings.NewReader(data), m)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() != 2 || tab.Row(0).ForceName != "Kent" || countText(tab.Row(0).Numerator) != "7" || tab.Health.HeaderLine != 0 {
		t.Errorf("%d rows, first %+v, header line %d", tab.Len(), tab.Row(0), tab.Health.HeaderLine)
	}
}
