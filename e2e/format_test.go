package e2e

import (
	"fmt"
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
