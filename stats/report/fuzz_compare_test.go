package report

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// FuzzCompute builds a table of forces and periods from the fuzzer's bytes
// (counts up to 65,535 of denominators up to 65,535, some censored or
// suppressed) and checks what every statistic of issue 5 promises: no NaN
// or Inf in any sentence or in results.csv, ranks inside their intervals
// and the table, flags that agree with their limits, and words that follow
// the statistics.
func FuzzCompute(f *testing.F) {
	f.Add([]byte{3, 2, 0, 7, 4, 130, 0, 2, 0, 150, 0, 167, 35, 40, 0, 1, 1, 154, 9, 8, 3, 0, 50})
	f.Add([]byte{5, 6, 1, 0, 0, 0, 255, 255, 255, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	f.Fuzz(func(t *testing.T, data []byte) {
		table := tableFromFuzz(data)
		if table == nil {
			return
		}
		res := analysis.Compute(table, stats.Wilson)
		var buf bytes.Buffer
		if err := WriteResultsCSV(&buf, ResultRows(res)); err != nil {
			t.Fatal(err)
		}
		if s := strings.ToLower(buf.String()); strings.Contains(s, "nan") || strings.Contains(s, "inf") {
			t.Fatalf("results.csv shows NaN or Inf:\n%s", buf.String())
		}
		for _, w := range findingsOf(res) {
			if strings.Contains(w.text, "NaN") || strings.Contains(w.text, "Inf") {
				t.Fatalf("finding %q", w.text)
			}
		}
		for _, fig := range res.Figures {
			checkAssessment(t, fig)
		}
		for _, fn := range res.Funnels {
			if alt := FunnelAltText(fn); strings.Contains(alt, "NaN") || strings.Contains(alt, "Inf") {
				t.Fatalf("alt text %q", alt)
			}
		}
	})
}

func checkAssessment(t *testing.T, fig analysis.Figure) {
	a := fig.Assessment
	if r := a.Rank; r.Of > 0 && !(1 <= r.Low && r.Low <= r.High && r.High <= r.Of && 1 <= r.Point && r.Point <= r.Of) {
		t.Fatalf("%s %s: rank %+v", fig.ForceName, fig.Period.Label, r)
	}
	if p := a.ChiSquare.P; !math.IsNaN(p) && (p < 0 || p > 1) {
		t.Fatalf("p value %g", p)
	}
	if a.Recent.Direction == stats.Increasing && !(a.Recent.Slope > 0) || a.Recent.Direction == stats.Decreasing && !(a.Recent.Slope < 0) {
		t.Fatalf("direction %q with slope %g", a.Recent.Direction, a.Recent.Slope)
	}
	words := Finding(fig, analysis.Aggregate{Rate: fig.Rate})
	if strings.Contains(words, "rising") != (a.Recent.Direction == stats.Increasing) {
		t.Fatalf("%q with direction %q", words, a.Recent.Direction)
	}
}

// tableFromFuzz reads the table testfiles.FuzzCSV makes of data.
func tableFromFuzz(data []byte) *cube.Table {
	text := testfiles.FuzzCSV(data, police.TerritorialNames())
	if text == "" {
		return nil
	}
	table, err := ingest.ReadTable("fuzz.csv", strings.NewReader(text))
	if err != nil {
		return nil
	}
	return table
}
