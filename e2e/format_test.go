package e2e

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"
)

func fmtSscan(s string, v *float64) (int, error) { return fmt.Sscan(s, v) }

// formatTwo writes v with two decimals and comma thousands separators, as
// Intl.NumberFormat("en-GB") does.
func formatTwo(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	return out
}

// compareResultsCSV compares two results.csv files cell by cell: text exactly,
// numbers to 1e-12 relative. The engine runs as WebAssembly, where Go's math
// functions are the portable ones rather than amd64 assembly, so the last
// binary digit of an interval end can differ from a native run.
func compareResultsCSV(got, want []byte) string {
	g, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil {
		return "got is not CSV: " + err.Error()
	}
	w, err := csv.NewReader(bytes.NewReader(want)).ReadAll()
	if err != nil {
		return "want is not CSV: " + err.Error()
	}
	if len(g) != len(w) {
		return fmt.Sprintf("%d rows, want %d", len(g), len(w))
	}
	for i := range w {
		if len(g[i]) != len(w[i]) {
			return fmt.Sprintf("row %d has %d cells, want %d", i+1, len(g[i]), len(w[i]))
		}
		for j := range w[i] {
			if g[i][j] == w[i][j] {
				continue
			}
			a, errA := strconv.ParseFloat(g[i][j], 64)
			b, errB := strconv.ParseFloat(w[i][j], 64)
			if errA != nil || errB != nil || math.Abs(a-b) > 1e-12*math.Max(math.Abs(a), math.Abs(b)) {
				return fmt.Sprintf("row %d column %d: %q, want %q", i+1, j+1, g[i][j], w[i][j])
			}
		}
	}
	return ""
}
