package stats

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
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
		table := fuzzTable(data)
		if table == nil {
			return
		}
		res := Compute(table, Wilson)
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

func checkAssessment(t *testing.T, fig Figure) {
	a := fig.Assessment
	if r := a.Rank; r.Of > 0 && !(1 <= r.Low && r.Low <= r.High && r.High <= r.Of && 1 <= r.Point && r.Point <= r.Of) {
		t.Fatalf("%s %s: rank %+v", fig.ForceName, fig.Period.Label, r)
	}
	if p := a.ChiSquare.P; !math.IsNaN(p) && (p < 0 || p > 1) {
		t.Fatalf("p value %g", p)
	}
	if a.Recent.Direction == Increasing && !(a.Recent.Slope > 0) || a.Recent.Direction == Decreasing && !(a.Recent.Slope < 0) {
		t.Fatalf("direction %q with slope %g", a.Recent.Direction, a.Recent.Slope)
	}
	words := Finding(fig, Aggregate{Rate: fig.Rate})
	if strings.Contains(words, "rising") != (a.Recent.Direction == Increasing) {
		t.Fatalf("%q with direction %q", words, a.Recent.Direction)
	}
}

// fuzzTable reads data as: forces k (1–12), periods (1–6), then for each
// cell two bytes of count and two of denominator; a count byte pair of
// 0xFFFF is "<5" and 0xFFFE is "*".
func fuzzTable(data []byte) *Table {
	if len(data) < 2 {
		return nil
	}
	k, periods := int(data[0])%12+1, int(data[1])%6+1
	data = data[2:]
	var b strings.Builder
	b.WriteString("Force,Year,Missing,Registered\n")
	forces := Forces()
	for p := range periods {
		for i := range k {
			if len(data) < 4 {
				data = append(data, 0, 1, 0, 200)
			}
			x, n := int(data[0])<<8|int(data[1]), int(data[2])<<8|int(data[3])
			data = data[4:]
			cell := fmt.Sprint(x)
			switch x {
			case 0xFFFF:
				cell = "<5"
			case 0xFFFE:
				cell = "*"
			}
			fmt.Fprintf(&b, "%s,%d,%s,%d\n", forces[i].Name, 2010+p, cell, n)
		}
	}
	table, err := ReadTable("fuzz.csv", strings.NewReader(b.String()))
	if err != nil {
		return nil
	}
	return table
}
