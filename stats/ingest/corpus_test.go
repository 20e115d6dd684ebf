package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// readCorpus reads a real file written by other people
// (../shared/corpus/police); testfiles.Corpus skips when the folder is
// absent, as in a user's clone, and fails in CI, which has it.
func readCorpus(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testfiles.Corpus(t, "police"), name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type corpusFacts struct {
	health    cube.Health
	rows      int
	forces    int      // distinct forces matched
	unmatched []string // names kept as written, sorted
	totals    []string // totals and regions, sorted
	codes     []string // issue codes that must appear
}

func factsOf(t *cube.Table) corpusFacts {
	f := corpusFacts{health: t.Health, rows: t.Len()}
	forces := map[string]bool{}
	for _, r := range t.All() {
		switch {
		case r.Matched:
			forces[r.Force.Key()] = true
		case r.Total:
			if !slices.Contains(f.totals, r.ForceName) {
				f.totals = append(f.totals, r.ForceName)
			}
		default:
			if !slices.Contains(f.unmatched, r.ForceName) {
				f.unmatched = append(f.unmatched, r.ForceName)
			}
		}
	}
	f.forces = len(forces)
	slices.Sort(f.unmatched)
	slices.Sort(f.totals)
	return f
}

func checkFacts(t *testing.T, table *cube.Table, want corpusFacts) {
	t.Helper()
	got := factsOf(table)
	if got.health != want.health {
		t.Errorf("health %+v\nwant   %+v", got.health, want.health)
	}
	if got.rows != want.rows || got.forces != want.forces {
		t.Errorf("%d rows, %d forces; want %d rows, %d forces", got.rows, got.forces, want.rows, want.forces)
	}
	if !slices.Equal(got.unmatched, want.unmatched) {
		t.Errorf("unmatched %q, want %q", got.unmatched, want.unmatched)
	}
	if !slices.Equal(got.totals, want.totals) {
		t.Errorf("totals %q, want %q", got.totals, want.totals)
	}
	for _, code := range want.codes {
		if !slices.ContainsFunc(table.Issues, func(is cube.Issue) bool { return is.Code == code }) {
			t.Errorf("no %s issue", code)
		}
	}
}

// Files the reader takes as they are.
func TestCorpusReadsAsIs(t *testing.T) {
	regions := []string{"East Midlands", "Eastern", "London", "North East", "North West", "South East", "South West",
		"Total 43 forces", "Wales", "West Midlands (region)", "Yorkshire and the Humber"}
	tests := []struct {
		file string
		want corpusFacts
	}{
		{"custody-fatalities-by-force-financial-year.csv", corpusFacts{
			health: cube.Health{Encoding: "UTF-8", Delimiter: "comma", LineEndings: "LF", HeaderLine: 1, RowsRead: 48, RowsKept: 768},
			rows:   768, forces: 44, // the 43, and British Transport Police
			unmatched: []string{"HMRC", "Home Office", "Ministry of Defence", "SOCA / NCA"},
			codes:     []string{"wide-table", "unmatched-force"},
		}},
		{"population-by-english-force-2009-2019.csv", corpusFacts{
			health: cube.Health{Encoding: "UTF-8", Delimiter: "comma", LineEndings: "LF", HeaderLine: 1, RowsRead: 11, RowsKept: 429},
			rows:   429, forces: 39, codes: []string{"wide-table"},
		}},
		{"home-office-officer-fte-2015.csv", corpusFacts{
			health: cube.Health{Encoding: "UTF-8", Delimiter: "comma", LineEndings: "LF", HeaderLine: 1, RowsRead: 57, RowsKept: 171},
			rows:   171, forces: 44, unmatched: []string{"Central Service Secondments"},
			totals: append(slices.Clone(regions), "Total"),
			// Full-time equivalents are denominators ("fte" in the file name)
			// and not whole numbers: each is rounded, and the rounding reported.
			codes: []string{"wide-table", "region-row", "rounded-denominator"},
		}},
		{"home-office-officer-fte-2019.csv", corpusFacts{
			health: cube.Health{Encoding: "UTF-8", Delimiter: "comma", LineEndings: "LF", HeaderLine: 1, RowsRead: 56, RowsKept: 168},
			rows:   168, forces: 44, unmatched: []string{"Central Service Secondments"}, totals: regions,
			codes: []string{"wide-table", "region-row", "rounded-denominator"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			table, err := ReadTable(tt.file, bytes.NewReader(readCorpus(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(tt.want.totals)
			checkFacts(t, table, tt.want)
		})
	}
}

// West Midlands the force keeps its own figure beside West Midlands the
// region, in each of the file's three periods.
func TestCorpusWestMidlandsRegionAndForce(t *testing.T) {
	table, err := ReadTable("f.csv", bytes.NewReader(readCorpus(t, "home-office-officer-fte-2015.csv")))
	if err != nil {
		t.Fatal(err)
	}
	var force, region []string
	for _, r := range table.All() {
		switch {
		case r.Matched && r.Force.Code == "E23000014":
			force = append(force, r.Numerator.Raw)
		case r.ForceName == "West Midlands (region)":
			region = append(region, r.Numerator.Raw)
		}
	}
	if len(force) != 3 || len(region) != 3 || force[0] == region[0] {
		t.Errorf("force %q, region %q", force, region)
	}
}

// Files whose headers name no force, period or measure the reader knows: the
// error lists the headers, and with columns chosen by hand they import with
// every force matched.
func TestCorpusNeedsMapping(t *testing.T) {
	tests := []struct {
		file        string
		mapping     Mapping
		forces      int
		unmatched   []string
		implausible []string // forces whose denominators are flagged
		// unaided: the reader takes the columns by what they hold, and
		// reads the file as the mapping does.
		unaided bool
	}{
		{"bbc-iopc-forfunnel.csv", Mapping{HeaderLine: 1, Force: 0, Period: -1, Numerator: 1, Denominator: 2, FixedPeriod: "2018"}, 39, nil, nil, false},     // 38 of the 43 (five absent) and BTP
		{"bbc-outcomes-by-force.csv", Mapping{HeaderLine: 1, Force: 0, Period: -1, Numerator: 2, Denominator: -1, FixedPeriod: "2016"}, 45, nil, nil, false}, // the 43, BTP and the PSNI
		{"datahub-forces-MISALIGNED-population.csv", Mapping{HeaderLine: 1, Force: 1, Period: -1, Numerator: -1, Denominator: 2, FixedPeriod: "2010"}, 44, nil,
			// Its population column is shifted against the forces.
			[]string{"City of London", "Lincolnshire"}, true},
		{"force-demographics-2011-census.csv", Mapping{HeaderLine: 1, Force: 0, Period: -1, Numerator: -1, Denominator: 1, FixedPeriod: "2011"}, 43, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readCorpus(t, tt.file)
			var he *HeaderError
			unaided, err := ReadTable(tt.file, bytes.NewReader(data))
			if tt.unaided && err != nil {
				t.Fatalf("ReadTable: %v", err)
			}
			if !tt.unaided && !errors.As(err, &he) {
				t.Fatalf("ReadTable error %v, want a HeaderError", err)
			}
			table, err := ReadTableWith(tt.file, bytes.NewReader(data), tt.mapping)
			if err != nil {
				t.Fatal(err)
			}
			if tt.unaided {
				if got, want := factsOf(unaided), factsOf(table); got.forces != want.forces || got.rows != want.rows || !slices.Equal(got.unmatched, want.unmatched) {
					t.Errorf("read unaided: %d rows, %d forces, unmatched %q; by the mapping %d, %d, %q", got.rows, got.forces, got.unmatched, want.rows, want.forces, want.unmatched)
				}
				if !hasIssue(unaided.Issues, 1, 1, "columns-by-content") {
					t.Errorf("no columns-by-content note")
				}
				table = unaided
			}
			got := factsOf(table)
			if got.forces != tt.forces || !slices.Equal(got.unmatched, tt.unmatched) {
				t.Errorf("%d forces, unmatched %q; want %d, %q", got.forces, got.unmatched, tt.forces, tt.unmatched)
			}
			var flagged []string
			for _, is := range table.Issues {
				if is.Code == "implausible-denominator" {
					flagged = append(flagged, strings.SplitN(is.Message, "'s denominator", 2)[0])
				}
			}
			slices.Sort(flagged)
			outOfOrder := slices.ContainsFunc(table.Issues, func(is cube.Issue) bool { return is.Code == "denominators-out-of-order" })
			if outOfOrder != (tt.implausible != nil) {
				t.Errorf("a warning that the denominators do not follow the forces' sizes: %v, want %v", outOfOrder, tt.implausible != nil)
			}
			if !slices.Equal(flagged, tt.implausible) {
				t.Errorf("implausible denominators %q, want %q", flagged, tt.implausible)
			}
		})
	}
}

// TestCorpusFullTimeEquivalents: the Home Office's officer numbers are
// full-time equivalents with decimals. As denominators they are rounded,
// each with a note giving the rounding, so every force gets a rate.
func TestCorpusFullTimeEquivalents(t *testing.T) {
	table, err := ReadTable("home-office-officer-fte-2019.csv", bytes.NewReader(readCorpus(t, "home-office-officer-fte-2019.csv")))
	if err != nil {
		t.Fatal(err)
	}
	rounded := 0
	codes := map[string]int{}
	for _, is := range table.Issues {
		codes[is.Code]++
		if is.Severity == cube.Error {
			t.Errorf("error: %s", is.Message)
		}
		if is.Code == "total-differs" {
			t.Errorf("a region's total differs only by rounding: %s", is.Message)
		}
		if is.Code == "rounded-denominator" {
			rounded++
			if !strings.Contains(is.Message, "rounded to") {
				t.Errorf("rounding note: %s", is.Message)
			}
		}
	}
	for _, r := range table.All() {
		if _, ok := r.Denominator.Value(); !ok || r.Numerator.Kind != cube.CountNotGiven {
			t.Errorf("%s %s: numerator %v, denominator %v; want only a denominator", r.ForceName, r.Period.Label, r.Numerator, r.Denominator)
		}
		if r.Force.ShortName == "Cleveland" && r.Period.Label == "September 2018" {
			if v, ok := r.Denominator.Value(); !ok || v != 1224 { // 1223.92 in the file
				t.Errorf("Cleveland, September 2018: %v", r.Denominator)
			}
		}
	}
	if rounded < 100 {
		t.Errorf("%d roundings reported; issues by code: %v", rounded, codes)
	}
}

// TestApproxPopulation checks the populations behind the plausibility check
// against a published series for the English forces (2019): each within 15%.
func TestApproxPopulation(t *testing.T) {
	table, err := ReadTable("population-by-english-force-2009-2019.csv", bytes.NewReader(readCorpus(t, "population-by-english-force-2009-2019.csv")))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range table.All() {
		v, ok := r.Denominator.Value()
		if !ok || !r.Matched || r.Period.Label != "2019" {
			continue
		}
		approx := police.ApproxPopulation[r.Force.Code] * 1000
		if ratio := approx / float64(v); ratio < 0.85 || ratio > 1.15 {
			t.Errorf("%s: approximately %.0f, published %d", r.Force.ShortName, approx, v)
		}
		checked++
	}
	if checked < 39 {
		t.Errorf("%d forces checked, want the 39 of the file", checked)
	}
}

// The BBC's crime outcomes come a row per force, year, crime type and
// outcome: with the columns mapped, the rows are added up per force and
// year, and a filter keeps one crime type. Sums checked against awk over
// the same file (CR line endings turned to LF):
//
//	awk -F, 'NR>1 && $4=="Kent Police" && $1=="2016" {s+=$2} END {print s}'   → 143343
//	... && $3=="Burglary" ...                                                → 8876
func TestCorpusCategoryRowsAreAddedUp(t *testing.T) {
	const file = "bbc crime outcomes by category force year 2012-16.csv"
	data := readCorpus(t, file)
	m := Mapping{HeaderLine: 1, Force: 3, Period: 0, Numerator: 1, Denominator: -1}
	for _, tt := range []struct {
		filters []Filter
		kent    int64
	}{
		{nil, 143343},
		{[]Filter{{Column: 2, Values: []string{"burglary"}}}, 8876},
	} {
		m.Filters = tt.filters
		table, err := ReadTableWith(file, bytes.NewReader(data), m)
		if err != nil {
			t.Fatal(err)
		}
		codes := map[string]int{}
		for _, is := range table.Issues {
			codes[is.Code]++
		}
		if codes["duplicate-row"] != 0 || codes["categories-summed"] != 1 || (tt.filters != nil) != (codes["filtered"] == 1) {
			t.Errorf("filters %v: issues by code %v", tt.filters, codes)
		}
		found := false
		for _, r := range table.All() {
			if r.Force.ShortName == "Kent" && r.Period.Label == "2016" {
				found = true
				if v, ok := r.Numerator.Value(); !ok || v != tt.kent {
					t.Errorf("filters %v: Kent 2016 = %v, want %d", tt.filters, r.Numerator, tt.kent)
				}
			}
		}
		if !found || table.Len() < 44*4 {
			t.Errorf("filters %v: %d rows; Kent 2016 found: %v", tt.filters, table.Len(), found)
		}
	}
}
