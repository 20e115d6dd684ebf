package analysis_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

func readString(t *testing.T, name, data string) *cube.Table {
	t.Helper()
	table, err := ingest.ReadTable(name, strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return table
}

func TestCombinePairsNumeratorsWithDenominators(t *testing.T) {
	missing := readString(t, "missing.csv", "Force,As at,Whereabouts unknown\n"+
		"Derbyshire,17/01/2018,7\nStaffordshire,17/01/2018,5\nLeicestershire,17/01/2018,1\nKent,2017/18,4\nDurham,17/01/2018,2\n")
	registered := readString(t, "registered.csv", "Force,Financial year,Registered sex offenders\n"+
		"Derbyshire,2015/16,1100\nDerbyshire,2016/17,1154\nStaffordshire,2016/17,1180\nLeicestershire,2017/18,1302\n"+
		"Kent,2017/18,1800\nEssex,2017/18,2100\nDurham,2014/15,900\n")

	combined, pairings := analysis.Combine("2018 survey", []*cube.Table{missing, registered}, analysis.PairContainingOrLatest)
	var rows []string
	for _, r := range combined.All() {
		den := "-"
		if v, ok := r.Denominator.Value(); ok {
			den = fmt.Sprint(v)
		}
		num := "-"
		if v, ok := r.Numerator.Value(); ok {
			num = fmt.Sprint(v)
		}
		rows = append(rows, fmt.Sprintf("%s %s %s/%s %s", r.Force.ShortName, r.Period.Label, num, den, r.Pairing))
	}
	slices.Sort(rows) // Compute orders rows; Combine need not
	want := []string{
		"Derbyshire 2015/16 -/1100 ",
		"Derbyshire 2018-01-17 7/1154 the latest before it",
		"Durham 2014/15 -/900 ", // more than two years before: not used
		"Durham 2018-01-17 2/- ",
		"Essex 2017/18 -/2100 ",
		"Kent 2017/18 4/1800 same period",
		"Leicestershire 2018-01-17 1/1302 the period containing it",
		"Staffordshire 2018-01-17 5/1180 the latest before it",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("combined rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	if len(pairings) != 4 {
		t.Fatalf("pairings = %+v", pairings)
	}
	want0 := "Derbyshire: the figure as at 17 January 2018 (missing.csv) is paired with the denominator for the financial year 2016/17 (registered.csv), the latest before it"
	if pairings[0].Sentence != want0 || pairings[0].Exact() {
		t.Errorf("pairing sentence %q\nwant %q", pairings[0].Sentence, want0)
	}

	res := analysis.Compute(combined, stats.Wilson)
	var notes []string
	for _, r := range report.ResultRows(res) {
		if r.ForceName == "Derbyshire" && r.Period == "2018-01-17" {
			notes = append(notes, r.Note, report.Decimal(r.RatePer1000).String())
		}
	}
	// 7 per 1,154: R 4.2.2, 7/1154*1000 = 6.0658578856152516
	if len(notes) != 2 || notes[0] != "the denominator is the one for the financial year 2016/17 (the latest before it); "+stats.SmallCaution || !strings.HasPrefix(notes[1], "6.06585788561525") {
		t.Errorf("Derbyshire's result row note and rate = %q", notes)
	}
}

func TestCombineSamePeriodRule(t *testing.T) {
	missing := readString(t, "m.csv", "Force,As at,Missing\nDerbyshire,17/01/2018,7\nKent,2017/18,4\n")
	registered := readString(t, "r.csv", "Force,Year,Registered\nDerbyshire,2016/17,1154\nKent,2017/18,1800\n")
	combined, pairings := analysis.Combine("x", []*cube.Table{missing, registered}, analysis.PairSamePeriod)
	if len(pairings) != 1 || pairings[0].Force != "Kent" {
		t.Errorf("pairings = %+v", pairings)
	}
	if combined.Len() != 3 {
		t.Errorf("rows = %d, want 3 (Derbyshire unpaired, its denominator, Kent)", combined.Len())
	}
}

func TestCombineReportsDuplicatesAcrossFiles(t *testing.T) {
	a := readString(t, "a.csv", "Force,Year,Missing,Registered\nKent,2018,4,1800\n")
	b := readString(t, "b.csv", "Force,Year,Missing,Registered\nKent,2018,5,1800\nEssex,2018,3,2000\n")
	combined, _ := analysis.Combine("x", []*cube.Table{a, b}, analysis.PairContainingOrLatest)
	if combined.Len() != 2 {
		t.Fatalf("rows = %+v", combined.Rows())
	}
	var dup *cube.Issue
	for i := range combined.Issues {
		if combined.Issues[i].Code == "duplicate-row" {
			dup = &combined.Issues[i]
		}
	}
	if dup == nil || dup.File != "b.csv" || dup.Line != 2 {
		t.Errorf("duplicate issue = %+v", dup)
	}
}

func TestParsePairingRule(t *testing.T) {
	for _, s := range []string{"", "containing-or-latest", "same-period"} {
		r, err := analysis.ParsePairingRule(s)
		if err != nil || (s != "" && r.String() != s) {
			t.Errorf("ParsePairingRule(%q) = %v, %v", s, r, err)
		}
	}
	if _, err := analysis.ParsePairingRule("nearest"); err == nil {
		t.Error("an unknown rule was accepted")
	}
}
