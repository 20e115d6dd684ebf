package cube

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzParseCount: a cell is blank, an exact count in [0, MaxCount] that reads
// back from its String, or invalid with a reason. Plain digits are checked
// against strconv as an independent oracle.
func FuzzParseCount(f *testing.F) {
	f.Fuzz(func(t *testing.T, cell string) {
		c := ParseCount(cell)
		if c.Raw != cell {
			t.Errorf("ParseCount(%q).Raw = %q, want the cell as written", cell, c.Raw)
		}
		blank := strings.TrimSpace(cell) == ""
		if blank != (c.Kind == CountNotGiven) {
			t.Errorf("ParseCount(%q).Kind = %v; blank cell: %v", cell, c.Kind, blank)
		}
		switch c.Kind {
		case CountNotGiven:
			if _, ok := c.Value(); ok || c.String() != "" {
				t.Errorf("ParseCount(%q): a blank cell has a value or a string", cell)
			}
		case CountExact:
			v, ok := c.Value()
			if !ok || v != c.Low || c.Low != c.High {
				t.Fatalf("ParseCount(%q) = %+v: exact but Value() = %d, %v", cell, c, v, ok)
			}
			if v < 0 || v > MaxCount {
				t.Errorf("ParseCount(%q) = %d, outside [0, MaxCount]", cell, v)
			}
			if !strings.ContainsAny(cell, "0123456789") {
				t.Errorf("ParseCount(%q) = %d from a cell without a digit", cell, v)
			}
			for _, again := range []string{c.String(), groupThousands(v)} {
				if r, ok := ParseCount(again).Value(); !ok || r != v {
					t.Errorf("ParseCount(%q) = %d, but ParseCount(%q) = %d, %v", cell, v, again, r, ok)
				}
			}
		case CountInvalid:
			if c.Problem == "" {
				t.Errorf("ParseCount(%q) is invalid without a Problem", cell)
			}
			if _, ok := c.Value(); ok || c.String() != cell {
				t.Errorf("ParseCount(%q): an invalid cell has a value, or String() is not the cell", cell)
			}
		case CountCensored:
			if c.Low < 0 || c.High < c.Low || c.High > MaxCount {
				t.Errorf("ParseCount(%q) is censored to %d..%d", cell, c.Low, c.High)
			}
			if _, ok := c.Value(); ok {
				t.Errorf("ParseCount(%q): a censored count has an exact value", cell)
			}
		case CountSuppressed:
			if _, _, ok := c.Bounds(); ok {
				t.Errorf("ParseCount(%q): a suppressed count has bounds", cell)
			}
		default:
			t.Errorf("ParseCount(%q).Kind = %d, not a kind ParseCount returns", cell, c.Kind)
		}

		// Oracle: digits only, optionally after a minus sign.
		s := strings.TrimSpace(cell)
		if digitsOnly(s) {
			n, err := strconv.ParseUint(s, 10, 64)
			if err == nil && n <= MaxCount {
				if v, ok := c.Value(); !ok || v != int64(n) {
					t.Errorf("ParseCount(%q) = %+v, want exact %d", cell, c, n)
				}
			} else if c.Kind != CountInvalid || c.Problem != errCountTooLarge.Error() {
				t.Errorf("ParseCount(%q) = %+v, want invalid: %v", cell, c, errCountTooLarge)
			}
		}
		for _, minus := range []string{"-", "\u2212"} {
			rest, ok := strings.CutPrefix(s, minus)
			if !ok || !digitsOnly(rest) {
				continue
			}
			if n, err := strconv.ParseUint(rest, 10, 64); err == nil && n <= MaxCount {
				if c.Kind != CountInvalid || c.Problem != errNegative.Error() {
					t.Errorf("ParseCount(%q) = %+v, want invalid: %v", cell, c, errNegative)
				}
			}
		}
	})
}

// digitsOnly reports whether s is a non-empty run of ASCII digits.
func digitsOnly(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// groupThousands writes n with commas between groups of three digits.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
