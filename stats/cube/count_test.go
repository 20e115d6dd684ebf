package cube

import (
	"math"
	"testing"
)

func TestParseCount(t *testing.T) {
	tests := []struct {
		name    string
		cell    string
		kind    CountKind
		value   int64  // for CountExact
		problem string // for CountInvalid: the exact reason
	}{
		{name: "plain", cell: "1234", kind: CountExact, value: 1234},
		{name: "zero is a count", cell: "0", kind: CountExact, value: 0},
		{name: "thousands comma", cell: "1,234", kind: CountExact, value: 1234},
		{name: "two thousands commas", cell: "1,234,567", kind: CountExact, value: 1234567},
		{name: "surrounding spaces", cell: "  42 ", kind: CountExact, value: 42},
		{name: "tab and newline around", cell: "\t42\n", kind: CountExact, value: 42},
		{name: "grouped and spaced", cell: " 1,234 ", kind: CountExact, value: 1234},
		{name: "space as thousands separator", cell: "1 234", kind: CountExact, value: 1234},
		{name: "no-break space separator", cell: "1\u00a0234", kind: CountExact, value: 1234},
		{name: "narrow no-break space separator", cell: "12\u202f345", kind: CountExact, value: 12345},
		{name: "thin space separator", cell: "1\u2009000", kind: CountExact, value: 1000},
		{name: "spreadsheet zero fraction", cell: "12.0", kind: CountExact, value: 12},
		{name: "grouped with zero fraction", cell: "1,234.00", kind: CountExact, value: 1234},
		{name: "leading plus", cell: "+7", kind: CountExact, value: 7},
		{name: "leading zeros", cell: "007", kind: CountExact, value: 7},
		{name: "largest count", cell: "1125899906842624", kind: CountExact, value: MaxCount},

		{name: "blank", cell: "", kind: CountNotGiven},
		{name: "spaces only", cell: "   ", kind: CountNotGiven},
		{name: "no-break space only", cell: "\u00a0", kind: CountNotGiven},

		{name: "negative", cell: "-3", kind: CountInvalid, problem: errNegative.Error()},
		{name: "negative zero", cell: "-0", kind: CountInvalid, problem: errNegative.Error()},
		{name: "unicode minus sign", cell: "\u22125", kind: CountInvalid, problem: errNegative.Error()},
		{name: "negative grouped", cell: "-1,234", kind: CountInvalid, problem: errNegative.Error()},
		{name: "double minus", cell: "--5", kind: CountInvalid, problem: errNotANumber.Error()},
		{name: "minus alone", cell: "-", kind: CountSuppressed},
		{name: "fraction", cell: "1.5", kind: CountInvalid, problem: ErrFraction.Error()},
		{name: "European decimal comma", cell: "1,5", kind: CountInvalid, problem: errGrouping.Error()},
		{name: "short group", cell: "1,23", kind: CountInvalid, problem: errGrouping.Error()},
		{name: "long group", cell: "1,0000", kind: CountInvalid, problem: errGrouping.Error()},
		{name: "long first group", cell: "1234,567", kind: CountInvalid, problem: errGrouping.Error()},
		{name: "double separator", cell: "1,,234", kind: CountInvalid, problem: errGrouping.Error()},
		{name: "comma then space", cell: "1, 234", kind: CountInvalid, problem: errGrouping.Error()},
		{name: "leading separator", cell: ",123", kind: CountInvalid, problem: errGrouping.Error()},
		{name: "trailing separator", cell: "123,", kind: CountInvalid, problem: errGrouping.Error()},
		{name: "letters after digits", cell: "12a", kind: CountInvalid, problem: errNotANumber.Error()},
		{name: "words", cell: "n/a", kind: CountSuppressed},
		{name: "dash for none", cell: "\u2013", kind: CountSuppressed},
		{name: "trailing point", cell: "12.", kind: CountInvalid, problem: errNotANumber.Error()},
		{name: "point alone", cell: ".0", kind: CountInvalid, problem: errNotANumber.Error()},
		{name: "exponent", cell: "1e3", kind: CountInvalid, problem: errNotANumber.Error()},
		{name: "hexadecimal", cell: "0x10", kind: CountInvalid, problem: errNotANumber.Error()},
		{name: "underscores", cell: "1_000", kind: CountInvalid, problem: errNotANumber.Error()},
		{name: "one above the largest", cell: "1125899906842625", kind: CountInvalid, problem: errCountTooLarge.Error()},
		{name: "beyond int64", cell: "99999999999999999999", kind: CountInvalid, problem: errCountTooLarge.Error()},
		{name: "grouped beyond int64", cell: "99,999,999,999,999,999,999", kind: CountInvalid, problem: errCountTooLarge.Error()},
		{name: "full-width digits", cell: "\uff11\uff12", kind: CountInvalid, problem: errNotANumber.Error()},
		{name: "invalid UTF-8", cell: "1\xff", kind: CountInvalid, problem: errNotANumber.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ParseCount(tt.cell)
			if c.Kind != tt.kind {
				t.Fatalf("ParseCount(%q).Kind = %v (%+v), want %v", tt.cell, c.Kind, c, tt.kind)
			}
			if c.Raw != tt.cell {
				t.Errorf("ParseCount(%q).Raw = %q, want the cell as written", tt.cell, c.Raw)
			}
			v, ok := c.Value()
			switch tt.kind {
			case CountExact:
				if !ok || v != tt.value || c.Low != tt.value || c.High != tt.value {
					t.Errorf("ParseCount(%q) = %+v, Value() = %d, %v; want exact %d", tt.cell, c, v, ok, tt.value)
				}
			case CountNotGiven:
				if ok || v != 0 || c.String() != "" {
					t.Errorf("ParseCount(%q): Value() = %d, %v, String() = %q; want no value and an empty string", tt.cell, v, ok, c.String())
				}
			case CountInvalid:
				if ok || v != 0 {
					t.Errorf("ParseCount(%q).Value() = %d, %v; an invalid cell has no value", tt.cell, v, ok)
				}
				if c.Problem != tt.problem {
					t.Errorf("ParseCount(%q).Problem = %q, want %q", tt.cell, c.Problem, tt.problem)
				}
				if c.String() != tt.cell {
					t.Errorf("ParseCount(%q).String() = %q, want the cell as written", tt.cell, c.String())
				}
			}
		})
	}
}

// A Count that was never set must read as "not given", never as 0.
func TestCountZeroValueIsNotGiven(t *testing.T) {
	var c Count
	if c.Kind != CountNotGiven {
		t.Errorf("Count{}.Kind = %v, want CountNotGiven", c.Kind)
	}
	if v, ok := c.Value(); ok {
		t.Errorf("Count{}.Value() = %d, true; want no value", v)
	}
	if !math.IsNaN(c.Float()) {
		t.Errorf("Count{}.float() = %v, want NaN", c.Float())
	}
}

func TestCountStringAndCSV(t *testing.T) {
	tests := []struct {
		name    string
		count   Count
		str     string
		marshal string
	}{
		{name: "exact from grouped cell", count: ParseCount(" 1,234 "), str: "1234", marshal: "1234"},
		{name: "exact zero", count: Exact(0), str: "0", marshal: "0"},
		{name: "Exact", count: Exact(485), str: "485", marshal: "485"},
		{name: "not given", count: ParseCount(""), str: "", marshal: ""},
		{name: "invalid keeps the cell for reports, exports nothing", count: ParseCount("12a"), str: "12a", marshal: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.count.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			got, err := tt.count.MarshalCSV()
			if err != nil || got != tt.marshal {
				t.Errorf("MarshalCSV() = %q, %v; want %q", got, err, tt.marshal)
			}
		})
	}
}

func TestCountUnmarshalCSVNeverFails(t *testing.T) {
	for _, cell := range []string{"12", "", "twelve", "-1", "1.5"} {
		var c Count
		if err := c.UnmarshalCSV(cell); err != nil {
			t.Errorf("UnmarshalCSV(%q) = %v; want nil so that the reader keeps going", cell, err)
		}
		if want := ParseCount(cell); c != want {
			t.Errorf("UnmarshalCSV(%q) gave %+v, ParseCount gives %+v", cell, c, want)
		}
	}
}

func TestExact(t *testing.T) {
	c := Exact(7)
	if v, ok := c.Value(); !ok || v != 7 || c.Kind != CountExact || c.Low != 7 || c.High != 7 {
		t.Errorf("Exact(7) = %+v", c)
	}
	if got := c.Float(); got != 7 {
		t.Errorf("Exact(7).float() = %v", got)
	}
	// Every count up to MaxCount is exact as a float64 (MaxCount < 2^53).
	if got := Exact(MaxCount).Float(); got != float64(MaxCount) || int64(got) != MaxCount {
		t.Errorf("Exact(MaxCount).float() = %v", got)
	}
	if MaxCount >= 1<<53 {
		t.Errorf("MaxCount = %d is not exact as a float64", int64(MaxCount))
	}
}
