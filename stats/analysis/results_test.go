package analysis_test

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// contractColumns are the first columns of results.csv (DESIGN.md, "Contracts
// other people rely on"): exactly these, in this order.
var contractColumns = []string{"force_code", "force_name", "period", "missing", "registered", "rate_per_1000", "ci95_low", "ci95_high"}

// resultsCSV is a table with every kind of row results.csv must write: a
// plain figure, a force that matches no name, a missing count, a zero
// denominator, a numerator above its denominator, a force without an ONS
// code, and a zero count.
const resultsCSV = `force,year,missing,registered
Derbyshire,2017/18,7,1154
Gotham,2017/18,3,200
Staffordshire,2017/18,,150
Nottinghamshire,2017/18,10,0
British Transport Police,2017/18,12,5
Police Scotland,2016/17,0,300
Derbyshire,2016/17,9,1180
`

// writeResults computes the table and writes results.csv, returning the
// results and the file parsed back with encoding/csv.
func writeResults(t *testing.T, csvText string) (analysis.Results, [][]string) {
	t.Helper()
	table, err := ingest.ReadTable("results.csv", strings.NewReader(csvText))
	if err != nil {
		t.Fatal(err)
	}
	res := analysis.Compute(table, stats.Wilson)
	var buf bytes.Buffer
	if err := report.WriteResultsCSV(&buf, report.ResultRows(res)); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll() // also checks every row has the header's field count
	if err != nil {
		t.Fatalf("results.csv does not parse: %v\n%s", err, buf.String())
	}
	return res, records
}

func checkHeader(t *testing.T, header []string) map[string]int {
	t.Helper()
	if len(header) < len(contractColumns) {
		t.Fatalf("header %q has fewer than %d columns", header, len(contractColumns))
	}
	for i, want := range contractColumns {
		if header[i] != want {
			t.Errorf("header column %d = %q, want %q (header %q)", i+1, header[i], want, header)
		}
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	return col
}

// numericColumns are the columns that hold numbers; the 99.8% ends are
// checked too when present.
var numericColumns = []string{"missing", "registered", "rate_per_1000", "ci95_low", "ci95_high", "ci998_low", "ci998_high"}

func TestResultsCSV(t *testing.T) {
	res, records := writeResults(t, resultsCSV)
	col := checkHeader(t, records[0])
	rows := records[1:]
	wantRows := len(res.Figures) + len(res.Aggregates)
	if len(rows) != wantRows || wantRows != 7+2 {
		t.Fatalf("%d rows for %d figures and %d aggregates, want 7 + 2", len(rows), len(res.Figures), len(res.Aggregates))
	}

	t.Run("no NaN or Inf", func(t *testing.T) {
		for i, rec := range rows {
			for j, cell := range rec {
				switch strings.ToLower(strings.TrimLeft(cell, "+-")) {
				case "nan", "inf", "infinity":
					t.Errorf("row %d, column %s = %q", i+2, records[0][j], cell)
				}
			}
		}
	})

	t.Run("numbers are plain decimals that round-trip", func(t *testing.T) {
		for i, rec := range rows {
			var rate stats.Rate
			if i < len(res.Figures) {
				rate = res.Figures[i].Rate
			} else {
				rate = res.Aggregates[i-len(res.Figures)].Rate
			}
			want := map[string]float64{
				"rate_per_1000": rate.PerThousand,
				"ci95_low":      rate.CI95.Low, "ci95_high": rate.CI95.High,
				"ci998_low": rate.CI998.Low, "ci998_high": rate.CI998.High,
			}
			for name, v := range want {
				j, ok := col[name]
				if !ok {
					continue
				}
				cell := rec[j]
				if math.IsNaN(v) {
					if cell != "" {
						t.Errorf("row %d %s = %q, want an empty cell", i+2, name, cell)
					}
					continue
				}
				if strings.ContainsAny(cell, "eE, _") {
					t.Errorf("row %d %s = %q: not a plain decimal", i+2, name, cell)
				}
				got, err := strconv.ParseFloat(cell, 64)
				if err != nil || got != v {
					t.Errorf("row %d %s = %q reads back as %.17g (%v), want %.17g", i+2, name, cell, got, err, v)
				}
			}
			for _, name := range []string{"missing", "registered"} {
				if cell := rec[col[name]]; cell != "" {
					if _, err := strconv.ParseInt(cell, 10, 64); err != nil {
						t.Errorf("row %d %s = %q: not a whole number", i+2, name, cell)
					}
				}
			}
		}
	})

	// Each row of the table as results.csv must write it; uncomputable rows
	// have empty rate and interval cells. An empty force is not checked.
	tests := []struct {
		name                string
		code, force, period string
		missing, registered string
		uncomputable        bool
	}{
		{"unmatched force keeps its name", "", "Gotham", "2017/18", "3", "200", false},
		{"missing count", "E23000015", "Staffordshire", "2017/18", "", "150", true},
		{"zero denominator", "E23000019", "Nottinghamshire", "2017/18", "10", "0", true},
		{"numerator above denominator", "btp", "British Transport Police", "2017/18", "12", "5", true},
		{"plain figure", "E23000018", "Derbyshire", "2017/18", "7", "1154", false},
		{"zero count", "", "", "2016/17", "0", "300", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec []string
			for _, r := range rows {
				if r[col["period"]] == tt.period && r[col["missing"]] == tt.missing && r[col["registered"]] == tt.registered {
					rec = r
				}
			}
			if rec == nil {
				t.Fatalf("no row for %s %s/%s", tt.period, tt.missing, tt.registered)
			}
			if rec[col["force_code"]] != tt.code {
				t.Errorf("force_code = %q, want %q", rec[col["force_code"]], tt.code)
			}
			if tt.force != "" && rec[col["force_name"]] != tt.force {
				t.Errorf("force_name = %q, want %q", rec[col["force_name"]], tt.force)
			}
			for _, name := range numericColumns[2:] {
				j, ok := col[name]
				if !ok {
					continue
				}
				if empty := rec[j] == ""; empty != tt.uncomputable {
					t.Errorf("%s = %q, want empty: %v", name, rec[j], tt.uncomputable)
				}
			}
		})
	}

	t.Run("aggregate rows come last, one per period", func(t *testing.T) {
		firstAll := -1
		var periods []string
		for i, rec := range rows {
			if rec[col["force_code"]] == report.AllForcesCode {
				if firstAll < 0 {
					firstAll = i
				}
				periods = append(periods, rec[col["period"]])
			} else if firstAll >= 0 {
				t.Errorf("row %d (%s) is a force row after the aggregate row %d", i+2, rec[col["force_name"]], firstAll+2)
			}
		}
		if strings.Join(periods, " ") != "2016/17 2017/18" {
			t.Errorf("aggregate rows for periods %q, want 2016/17 then 2017/18", periods)
		}
	})

	// The numbers written for a force and for the aggregates, against R.
	// Values: R 4.2.2, stats/testdata/reference/aggregate.R.
	numbers := []struct {
		name   string
		code   string
		period string
		want   refRate
	}{
		// 7/1154*1000; prop.test(7, 1154, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
		{"Derbyshire 2017/18", "E23000018", "2017/18", refRate{6.0658578856152516, 2.9413628543506412, 12.467878786440432, 2.0008537967687556, 18.238538668625978}},
		// Derbyshire and Gotham: 10/1354*1000; prop.test(10, 1354, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
		{"all forces 2017/18", report.AllForcesCode, "2017/18", refRate{7.385524372230428, 4.0165844650997471, 13.541767922667814, 2.8828769777844037, 18.788162417774981}},
		// Derbyshire and Police Scotland: 9/1480*1000; prop.test(9, 1480, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2
		{"all forces 2016/17", report.AllForcesCode, "2016/17", refRate{6.0810810810810816, 3.2025603963773137, 11.516976310767237, 2.2636423516917374, 16.231570493327265}},
	}
	for _, tt := range numbers {
		t.Run(tt.name, func(t *testing.T) {
			var rec []string
			for _, r := range rows {
				if r[col["force_code"]] == tt.code && r[col["period"]] == tt.period {
					rec = r
				}
			}
			if rec == nil {
				t.Fatalf("no row %s %s", tt.code, tt.period)
			}
			read := func(name string) float64 {
				v, err := strconv.ParseFloat(rec[col[name]], 64)
				if err != nil {
					t.Fatalf("%s = %q: %v", name, rec[col[name]], err)
				}
				return v
			}
			testfiles.RefCheck(t, "rate_per_1000", read("rate_per_1000"), tt.want.rate, testfiles.RefTol)
			testfiles.RefCheck(t, "ci95_low", read("ci95_low"), tt.want.low95, testfiles.RefTol)
			testfiles.RefCheck(t, "ci95_high", read("ci95_high"), tt.want.high95, testfiles.RefTol)
			if _, ok := col["ci998_low"]; ok {
				testfiles.RefCheck(t, "ci998_low", read("ci998_low"), tt.want.low998, testfiles.RefTol)
				testfiles.RefCheck(t, "ci998_high", read("ci998_high"), tt.want.high998, testfiles.RefTol)
			}
		})
	}
	for _, rec := range rows {
		if rec[col["force_code"]] == report.AllForcesCode && rec[col["period"]] == "2017/18" {
			// Six forces in the dataset; Derbyshire and Gotham give a rate in 2017/18.
			if name := rec[col["force_name"]]; !strings.Contains(name, "2 of 6 forces") {
				t.Errorf("2017/18 aggregate force_name = %q, want it to give the coverage 2 of 6 forces", name)
			}
		}
	}
}

func TestResultsCSVEmpty(t *testing.T) {
	tests := []struct {
		name string
		rows []report.ResultRow
	}{
		{"nil", nil},
		{"empty slice", []report.ResultRow{}},
		{"empty results", report.ResultRows(analysis.Results{})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.WriteResultsCSV(&buf, tt.rows); err != nil {
				t.Fatal(err)
			}
			records, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(records) != 1 {
				t.Fatalf("%d records, want the header alone: %q", len(records), records)
			}
			checkHeader(t, records[0])
		})
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		name string
		in   float64
		want string // "" for an empty cell; "?" for any plain decimal that reads back exactly
	}{
		{"whole", 1000, "1000"},
		{"zero", 0, "0"},
		{"rate", 7.0 / 1154 * 1000, "?"},
		{"third", 1.0 / 3, "?"},
		{"small", 1.5e-9, "0.0000000015"},
		{"large", 123456789.125, "123456789.125"},
		{"negative slope", -1.2728107364264827, "-1.2728107364264827"},
		{"NaN", math.NaN(), ""},
		{"+Inf", math.Inf(1), ""},
		{"-Inf", math.Inf(-1), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := report.Decimal(tt.in).MarshalCSV()
			if err != nil {
				t.Fatal(err)
			}
			switch tt.want {
			case "?":
				if strings.ContainsAny(got, "eE,") {
					t.Errorf("%q is not a plain decimal", got)
				}
				if v, err := strconv.ParseFloat(got, 64); err != nil || v != tt.in {
					t.Errorf("%q reads back as %.17g, want %.17g", got, v, tt.in)
				}
			default:
				if got != tt.want {
					t.Errorf("Decimal(%v) = %q, want %q", tt.in, got, tt.want)
				}
			}
		})
	}
}
