package analysis_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

func readAll(t *testing.T, files map[string]string, order ...string) []*cube.Table {
	t.Helper()
	var out []*cube.Table
	for _, name := range order {
		tab, err := ingest.ReadTable(name, strings.NewReader(files[name]))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tab)
	}
	return out
}

func viewCSV(t *testing.T, res analysis.Results) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteResultsCSV(&b, report.ResultRows(res)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var viewFiles = map[string]string{
	"missing.csv":    "Force,Year,Missing\nKent,2019,12\nDorset,2019,5\n",
	"unknown.csv":    "Force,Year,Whereabouts unknown\nKent,2019,3\nDorset,2019,1\n",
	"registered.csv": "Force,Year,Registered\nKent,2019,1976\nDorset,2019,400\n",
}

// The zero View is the path every dataset took before views: Combine by
// the default rule, the names mapped, Compute with Wilson intervals.
func TestZeroViewIsTodaysPath(t *testing.T) {
	tables := readAll(t, viewFiles, "missing.csv", "registered.csv")
	combined, _ := analysis.Combine("d", tables, analysis.PairContainingOrLatest)
	want := viewCSV(t, analysis.Compute(combined, stats.Wilson))
	table, _ := analysis.View{}.Table("d", tables)
	_, res := analysis.View{}.Results(table)
	if got := viewCSV(t, res); got != want {
		t.Fatalf("the zero view gives\n%s\nwant\n%s", got, want)
	}
}

// A view that names its numerator measure takes only that measure's
// numerators: with two numerator files of different measures, each choice
// gives its own rates, and says what it left out.
func TestViewChoosesMeasures(t *testing.T) {
	tables := readAll(t, viewFiles, "missing.csv", "unknown.csv", "registered.csv")
	for measure, kent := range map[string]string{"Missing": "E23000032,Kent,2019,12,1976,", "Whereabouts unknown": "E23000032,Kent,2019,3,1976,"} {
		v := analysis.View{Numerator: measure, Denominator: "Registered"}
		table, _ := v.Table("d", tables)
		_, res := v.Results(table)
		got := viewCSV(t, res)
		if !strings.Contains(got, kent) {
			t.Errorf("%s: results.csv has no row %q:\n%s", measure, kent, got)
		}
		if table.Measures != [2]string{measure, "Registered"} {
			t.Errorf("%s: the view's table has measures %q", measure, table.Measures)
		}
		left := 0
		for _, is := range table.Issues {
			if is.Code == "measure-not-chosen" {
				left++
			}
		}
		if left != 1 {
			t.Errorf("%s: %d notes of a measure left out, want 1", measure, left)
		}
	}
}
