package ingest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

func describeRows(rows []cube.Row) []string {
	var out []string
	for _, r := range rows {
		code := r.Force.Key()
		if !r.Matched {
			code = "?" + r.ForceName
		}
		if r.Total {
			code += "(total)"
		}
		out = append(out, fmt.Sprintf("%s %s %s/%s", code, r.Period.Label, r.Numerator.Raw, r.Denominator.Raw))
	}
	return out
}

func describeIssues(issues []cube.Issue) string {
	var out []string
	for _, is := range issues {
		out = append(out, fmt.Sprintf("%d:%d %s", is.Line, is.Column, is.Code))
	}
	return strings.Join(out, " ")
}

func TestReadWideByFinancialYear(t *testing.T) {
	table := readFixture(t, "wide-financial-years.csv")
	got := strings.Join(describeRows(table.Rows()), "\n")
	want := strings.Join([]string{
		"E23000036 2004/05 4/", "E23000036 2005/06 1/", "E23000036 2006/07 0/",
		"E23000026 2004/05 0/", "E23000026 2005/06 <5/", "E23000026 2006/07 1/",
		"?Home Office 2004/05 1/", "?Home Office 2005/06 0/", "?Home Office 2006/07 0/",
	}, "\n")
	if got != want {
		t.Errorf("rows:\n%s\nwant:\n%s", got, want)
	}
	// The Total column is not a period; Avon's published 5 is its sum; the
	// issues point at each value's own column; "Home Office" matching no
	// force is said once for its line, not once for each of its periods.
	wantIssues := "1:1 wide-table 3:3 censored 4:1 unmatched-force"
	if got := describeIssues(table.Issues); got != wantIssues {
		t.Errorf("issues %q\nwant   %q", got, wantIssues)
	}
}

func TestReadWideForcesAcross(t *testing.T) {
	table := readFixture(t, "population-across.csv")
	got := strings.Join(describeRows(table.Rows()), "\n")
	want := strings.Join([]string{
		"E23000013 2009 /554648", "E23000008 2009 /611666", "E23000001 2009 /7000000",
		"E23000013 2010 /555000", "E23000008 2010 /612000", "E23000001 2010 /",
	}, "\n")
	if got != want {
		t.Errorf("rows:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(table.Issues[0].Message, `taken as the denominator, because the file says "population"`) {
		t.Errorf("first issue: %+v", table.Issues[0])
	}
}

func TestReadRegionsAndTotals(t *testing.T) {
	table := readFixture(t, "regions-wide.csv")
	var totals []string
	for _, r := range table.All() {
		if r.Total {
			totals = append(totals, r.ForceName+" "+r.Period.Label)
		}
	}
	want := "North East 2015,North East 2016,West Midlands (region) 2015,West Midlands (region) 2016,Total 2015,Total 2016"
	if got := strings.Join(totals, ","); got != want {
		t.Errorf("totals = %s\nwant     %s", got, want)
	}
	var wmForce []string
	for _, r := range table.All() {
		if r.Matched && r.Force.Code == "E23000014" {
			wmForce = append(wmForce, r.Numerator.Raw)
		}
	}
	if strings.Join(wmForce, ",") != "9,9" {
		t.Errorf("West Midlands the force = %v, want 9 and 9", wmForce)
	}
	var differs []string
	for _, is := range table.Issues {
		if is.Code == "total-differs" {
			differs = append(differs, is.Message)
		}
	}
	if len(differs) != 1 || !strings.Contains(differs[0], "the published numerator for North East, 2016, is 12, but its 3 forces add up to 13") {
		t.Errorf("total-differs issues = %q", differs)
	}
}

func TestReadTwoRowHeader(t *testing.T) {
	table := readFixture(t, "two-row-header.csv")
	if got := strings.Join(describeRows(table.Rows()), "\n"); got != "E23000032 2016/17 4/1800\nE23000028 2016/17 3/2100" {
		t.Errorf("rows:\n%s", got)
	}
	if got := describeIssues(table.Issues); got != "1:1 title-rows 2:1 two-row-header" {
		t.Errorf("issues = %q", got)
	}
	if table.Health.HeaderLine != 3 || table.Header[2] != "Whereabouts unknown" {
		t.Errorf("header on line %d: %q", table.Health.HeaderLine, table.Header)
	}
}

func TestReadGuessesColumnsFromWords(t *testing.T) {
	data := "Force code,Year ending,Number of registered sex offenders whose whereabouts are unknown,Registered sex offenders (total)\n" +
		"E23000018,2017,7,1154\n"
	table, err := ReadTable("g.csv", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(describeRows(table.Rows()), "\n"); got != "E23000018 2017 7/1154" {
		t.Errorf("rows: %s", got)
	}
	// "Year ending" and the long numerator header are guesses; the
	// denominator's header is recognised once its bracketed note is set aside.
	if got := describeIssues(table.Issues); got != "1:1 guessed-column 1:2 guessed-column 1:3 guessed-column" {
		t.Errorf("issues = %q", got)
	}
}

func TestGuessColumnsPrefersNumeratorWords(t *testing.T) {
	m, guesses := GuessColumns([]string{"Registered and missing", "Registered"}, cube.ColumnMap{Force: -1, Period: -1, Numerator: -1, Denominator: -1})
	if m.Numerator != 0 || m.Denominator != 1 || len(guesses) != 2 {
		t.Errorf("map %+v, guesses %+v", m, guesses)
	}
}

// Beside rows of its own forces, "London" is their subtotal, not counted
// again in the all-forces figure.
func TestLondonBesideTheMetIsASubtotal(t *testing.T) {
	table, err := ReadTable("l.csv", strings.NewReader("Force,Year,Missing,Registered\nMetropolitan,2018,160,9000\nCity of London,2018,1,40\nLondon,2018,161,9040\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r := table.Row(2); !r.Total || r.ForceName != "London" {
		t.Errorf("London row = %+v", r)
	}
	if got := describeIssues(table.Issues); got != "4:1 region-row" {
		t.Errorf("issues = %q", got)
	}
}

// A wide table that says nothing of its values is read as numerators, and
// says so; chosen as denominators, its counts move across.
func TestWithValuesAs(t *testing.T) {
	csv := "Force,2016,2017,2018\nKent,900,950,990\nDorset,400,410,430\n"
	table, err := ReadTable("counts.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if table.Values != cube.RoleNumerator || !table.ValuesGuessed {
		t.Fatalf("values %v, guessed %v", table.Values, table.ValuesGuessed)
	}
	den := WithValuesAs(table, cube.RoleDenominator)
	if den.Values != cube.RoleDenominator || den.ValuesGuessed {
		t.Errorf("after the choice: values %v, guessed %v", den.Values, den.ValuesGuessed)
	}
	for i, r := range den.All() {
		if r.Numerator.Kind != cube.CountNotGiven || r.Denominator != table.Row(i).Numerator {
			t.Errorf("row %d: %v / %v", i, r.Numerator, r.Denominator)
		}
	}
	if table.Row(0).Denominator.Kind != cube.CountNotGiven {
		t.Error("the original table was changed")
	}
	if h := den.FileHealths()[0]; h.Values != "denominator" || h.ValuesGuessed {
		t.Errorf("file health %+v", h)
	}
	if same := WithValuesAs(den, cube.RoleDenominator); same.Row(0) != den.Row(0) {
		t.Error("choosing the same role changed the rows")
	}
	// A file that names its values is not guessed.
	named, _ := ReadTable("registered.csv", strings.NewReader(csv))
	if named.Values != cube.RoleDenominator || named.ValuesGuessed {
		t.Errorf("registered.csv: %v, guessed %v", named.Values, named.ValuesGuessed)
	}
}

// Chosen as denominators, a guessed wide file's decimals are rounded as if
// the file had said so, and chosen back as numerators they are errors again.
func TestWithValuesAsRechecksDecimals(t *testing.T) {
	table, err := ReadTable("counts.csv", strings.NewReader("Force,2016,2017\nKent,900.4,950\nDorset,400,410.6\n"))
	if err != nil {
		t.Fatal(err)
	}
	den := WithValuesAs(table, cube.RoleDenominator)
	codes := map[string]int{}
	for _, is := range den.Issues {
		codes[is.Code]++
	}
	if codes["bad-count"] != 0 || codes["rounded-denominator"] != 2 {
		t.Errorf("as denominators, issues by code: %v", codes)
	}
	for _, r := range den.All() {
		if _, ok := r.Denominator.Value(); !ok {
			t.Errorf("%s %s: %v", r.ForceName, r.Period.Label, r.Denominator)
		}
	}
	num := WithValuesAs(den, cube.RoleNumerator)
	bad := 0
	for _, r := range num.All() {
		if r.Numerator.Kind == cube.CountInvalid {
			bad++
		}
	}
	if bad != 2 {
		t.Errorf("back as numerators, %d invalid counts, want 2", bad)
	}
}
