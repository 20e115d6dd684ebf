package cube

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		kind  PeriodKind
		start time.Time
		end   time.Time
		label string
	}{
		// Years.
		{"year", "2018", PeriodYear, date(2018, 1, 1), date(2018, 12, 31), "2018"},
		{"year with spaces", "  2018 ", PeriodYear, date(2018, 1, 1), date(2018, 12, 31), "2018"},
		{"first year accepted", "1900", PeriodYear, date(1900, 1, 1), date(1900, 12, 31), "1900"},
		{"last year accepted", "2200", PeriodYear, date(2200, 1, 1), date(2200, 12, 31), "2200"},

		// Financial years: 1 April to 31 March.
		{"financial year slash", "2016/17", PeriodFinancialYear, date(2016, 4, 1), date(2017, 3, 31), "2016/17"},
		{"financial year hyphen", "2016-17", PeriodFinancialYear, date(2016, 4, 1), date(2017, 3, 31), "2016/17"},
		{"financial year en dash", "2016\u201317", PeriodFinancialYear, date(2016, 4, 1), date(2017, 3, 31), "2016/17"},
		{"financial year four digits", "2016/2017", PeriodFinancialYear, date(2016, 4, 1), date(2017, 3, 31), "2016/17"},
		{"financial year four digits hyphen", "2016-2017", PeriodFinancialYear, date(2016, 4, 1), date(2017, 3, 31), "2016/17"},
		{"financial year FY prefix", "FY2016/17", PeriodFinancialYear, date(2016, 4, 1), date(2017, 3, 31), "2016/17"},
		{"financial year fy prefix spaced", "fy 2016/17", PeriodFinancialYear, date(2016, 4, 1), date(2017, 3, 31), "2016/17"},
		{"financial year FY hyphen", "FY2016-17", PeriodFinancialYear, date(2016, 4, 1), date(2017, 3, 31), "2016/17"},
		{"financial year spaced slash", "2016 / 17", PeriodFinancialYear, date(2016, 4, 1), date(2017, 3, 31), "2016/17"},
		{"financial year to", "2016 to 2017", PeriodFinancialYear, date(2016, 4, 1), date(2017, 3, 31), "2016/17"},
		{"financial year over a century", "1999/00", PeriodFinancialYear, date(1999, 4, 1), date(2000, 3, 31), "1999/00"},
		{"financial year over a century long", "1999/2000", PeriodFinancialYear, date(1999, 4, 1), date(2000, 3, 31), "1999/00"},
		{"financial year Home Office short", "04/05", PeriodFinancialYear, date(2004, 4, 1), date(2005, 3, 31), "2004/05"},
		{"financial year short 1990s", "99/00", PeriodFinancialYear, date(1999, 4, 1), date(2000, 3, 31), "1999/00"},
		{"year ending March", "Year ending March 2018", PeriodFinancialYear, date(2017, 4, 1), date(2018, 3, 31), "2017/18"},
		{"financial year ending 31 March", "financial year ended 31 March 2018", PeriodFinancialYear, date(2017, 4, 1), date(2018, 3, 31), "2017/18"},
		// Documented: "YYYY-YY" with consecutive years is a financial year, even
		// where it could be a month.
		{"2011-12 is a financial year", "2011-12", PeriodFinancialYear, date(2011, 4, 1), date(2012, 3, 31), "2011/12"},

		// Dates, day first.
		{"ISO date", "2018-01-17", PeriodDay, date(2018, 1, 17), date(2018, 1, 17), "2018-01-17"},
		{"ISO date short parts", "2018-1-7", PeriodDay, date(2018, 1, 7), date(2018, 1, 7), "2018-01-07"},
		{"UK date", "17/01/2018", PeriodDay, date(2018, 1, 17), date(2018, 1, 17), "2018-01-17"},
		{"UK date is day first", "03/04/2018", PeriodDay, date(2018, 4, 3), date(2018, 4, 3), "2018-04-03"},
		{"UK date single digits", "3/4/2018", PeriodDay, date(2018, 4, 3), date(2018, 4, 3), "2018-04-03"},
		{"UK date with dots", "17.01.2018", PeriodDay, date(2018, 1, 17), date(2018, 1, 17), "2018-01-17"},
		{"UK date with hyphens", "17-01-2018", PeriodDay, date(2018, 1, 17), date(2018, 1, 17), "2018-01-17"},
		{"UK date two-digit year", "17/01/18", PeriodDay, date(2018, 1, 17), date(2018, 1, 17), "2018-01-17"},
		{"UK date two-digit year 1970s", "01/06/75", PeriodDay, date(1975, 6, 1), date(1975, 6, 1), "1975-06-01"},
		{"leap day", "29/02/2016", PeriodDay, date(2016, 2, 29), date(2016, 2, 29), "2016-02-29"},
		{"long date", "17 January 2018", PeriodDay, date(2018, 1, 17), date(2018, 1, 17), "2018-01-17"},
		{"long date upper case", "17 JANUARY 2018", PeriodDay, date(2018, 1, 17), date(2018, 1, 17), "2018-01-17"},
		{"long date ordinal", "17th January 2018", PeriodDay, date(2018, 1, 17), date(2018, 1, 17), "2018-01-17"},
		{"long date short month", "1 Sept 2018", PeriodDay, date(2018, 9, 1), date(2018, 9, 1), "2018-09-01"},
		{"long date abbreviation point", "17 Jan. 2018", PeriodDay, date(2018, 1, 17), date(2018, 1, 17), "2018-01-17"},
		{"as at a date", "as at 17 January 2018", PeriodDay, date(2018, 1, 17), date(2018, 1, 17), "2018-01-17"},
		{"As of a date", "As of 31/03/2017", PeriodDay, date(2017, 3, 31), date(2017, 3, 31), "2017-03-31"},
		{"month named first with comma", "January 17, 2018", PeriodDay, date(2018, 1, 17), date(2018, 1, 17), "2018-01-17"},
		{"no-break spaces", "17\u00a0January\u00a02018", PeriodDay, date(2018, 1, 17), date(2018, 1, 17), "2018-01-17"},

		// Months.
		{"short month", "Jan 2018", PeriodMonth, date(2018, 1, 1), date(2018, 1, 31), "2018-01"},
		{"long month", "January 2018", PeriodMonth, date(2018, 1, 1), date(2018, 1, 31), "2018-01"},
		{"February of a leap year", "February 2016", PeriodMonth, date(2016, 2, 1), date(2016, 2, 29), "2016-02"},
		{"December", "Dec 2011", PeriodMonth, date(2011, 12, 1), date(2011, 12, 31), "2011-12"},
		{"Sept", "Sept 2018", PeriodMonth, date(2018, 9, 1), date(2018, 9, 30), "2018-09"},
		{"ISO month", "2018-05", PeriodMonth, date(2018, 5, 1), date(2018, 5, 31), "2018-05"},
		{"ISO month one digit", "2018-5", PeriodMonth, date(2018, 5, 1), date(2018, 5, 31), "2018-05"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePeriod(tt.text)
			if err != nil {
				t.Fatalf("ParsePeriod(%q): %v", tt.text, err)
			}
			if p.Kind != tt.kind || !p.Start.Equal(tt.start) || !p.End.Equal(tt.end) || p.Label != tt.label {
				t.Errorf("ParsePeriod(%q) = %v %s..%s %q; want %v %s..%s %q", tt.text,
					p.Kind, ymd(p.Start), ymd(p.End), p.Label, tt.kind, ymd(tt.start), ymd(tt.end), tt.label)
			}
			if p.String() != tt.label {
				t.Errorf("String() = %q, want %q", p.String(), tt.label)
			}
			if got, _ := p.MarshalCSV(); got != tt.label {
				t.Errorf("MarshalCSV() = %q, want %q", got, tt.label)
			}
			// The label is canonical: it reads back as the same period, except
			// for the documented month/financial year ambiguity ("2011-12").
			q, err := ParsePeriod(tt.label)
			if err != nil || !(samePeriod(p, q) || isMonthReadAsFinancialYear(p, q)) {
				t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v", tt.label, q, err, p)
			}
		})
	}
}

func TestParsePeriodErrors(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		reason string // a part of the reason that says what is wrong
	}{
		{"month first is never guessed", "04/17/2018", "read day first"},
		{"month first short year", "12/25/18", "read day first"},
		{"no 31 February", "31/02/2018", "February 2018 has no day 31"},
		{"no 29 February in 2017", "29/02/2017", "February 2017 has no day 29"},
		{"ISO date no such day", "2018-02-30", "February 2018 has no day 30"},
		{"ISO date no month 13", "2018-13-01", "no month 13"},
		{"day zero", "0/1/2018", "has no day 0"},
		{"month zero", "17/00/2018", "no month 0"},
		{"ISO month 13", "2018-13", "financial year runs over two consecutive years"},
		{"ISO month zero", "2018-0", "no month 0"},
		{"long date no such day", "31 April 2018", "April 2018 has no day 31"},
		{"financial year not consecutive", "2016/18", "two consecutive years, as in 2016/17"},
		{"financial year backwards", "2017/16", "two consecutive years"},
		{"financial year long not consecutive", "2016/2018", "two consecutive years"},
		{"FY prefix month-like", "FY2018-05", "two consecutive years"},
		{"year too early", "1899", "outside 1900 to 2200"},
		{"year too late, a count misread", "2500", "outside 1900 to 2200"},
		{"year zero", "0000", "outside"},
		{"date in a year too late", "01/01/2300", "outside"},
		{"month too late", "January 2300", "outside"},
		{"blank", "", "blank"},
		{"spaces", "   ", "blank"},
		{"words", "soon", "expected a year"},
		{"not a month name", "Foo 2018", "expected a year"},
		{"quarter", "Q1 2018", "expected a year"},
		{"short year alone", "18", "expected a year"},
		{"as at alone", "as at", "expected a year"},
		{"two years", "2018 2019", "expected a year"},
		{"time of day", "2018-01-17T10:00", "expected a year"},
		{"short financial year not consecutive", "04/06", "expected a year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePeriod(tt.text)
			if err == nil {
				t.Fatalf("ParsePeriod(%q) = %v %q, want an error", tt.text, p.Kind, p.Label)
			}
			var pe *PeriodError
			if !errors.As(err, &pe) || pe.Text != tt.text {
				t.Fatalf("ParsePeriod(%q) error %#v, want a *PeriodError with the text", tt.text, err)
			}
			if !strings.Contains(pe.Reason, tt.reason) {
				t.Errorf("ParsePeriod(%q) reason %q, want it to contain %q", tt.text, pe.Reason, tt.reason)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error %q does not quote the cell %q", err, tt.text)
			}
			if !p.IsZero() {
				t.Errorf("ParsePeriod(%q) = %+v with an error, want the zero Period", tt.text, p)
			}
		})
	}
}

// The documented ambiguity: a month label "YYYY-MM" whose month is the last
// two digits of the next year reads back as a financial year.
func TestMonthLabelReadsAsFinancialYear(t *testing.T) {
	tests := []struct {
		name  string
		month Period
		back  string // label read back
	}{
		{"November 2010", Month(2010, time.November), "2010/11"},
		{"January 2000", Month(2000, time.January), "2000/01"},
		{"December 2011", Month(2011, time.December), "2011/12"},
		{"November 2011 is unambiguous", Month(2011, time.November), "2011-11"},
		{"May 2018 is unambiguous", Month(2018, time.May), "2018-05"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParsePeriod(tt.month.Label)
			if err != nil || q.Label != tt.back {
				t.Errorf("ParsePeriod(%q) = %q, %v; want %q", tt.month.Label, q.Label, err, tt.back)
			}
			if ambiguous := isMonthReadAsFinancialYear(tt.month, q); ambiguous != (q.Label != tt.month.Label) {
				t.Errorf("isMonthReadAsFinancialYear(%q, %q) = %v", tt.month.Label, q.Label, ambiguous)
			}
		})
	}
}

func TestPeriodCompare(t *testing.T) {
	// In order: by start, then the shorter first, then by kind.
	ordered := []Period{
		FinancialYear(2015),                          // 2015-04-01..2016-03-31
		Year(2016),                                   // 2016-01-01..2016-12-31
		Day(date(2016, 3, 31)),                       // the "as at" date closing 2015/16
		FinancialYear(2016),                          // 2016-04-01..2017-03-31
		Day(date(2017, 1, 1)),                        // same start as Month and Year 2017
		Month(2017, time.January),                    // 2017-01-01..2017-01-31
		Year(2017),                                   // 2017-01-01..2017-12-31
		Day(date(2017, 1, 17)),                       // 2017-01-17
		mustParsePeriod(t, "2017/18"),                // 2017-04-01
		mustParsePeriod(t, "17/01/2018"),             // 2018-01-17
		mustParsePeriod(t, "Year ending March 2019"), // 2018-04-01
	}
	for i, p := range ordered {
		for j, q := range ordered {
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			if got := p.Compare(q); got != want {
				t.Errorf("%q.Compare(%q) = %d, want %d", p.Label, q.Label, got, want)
			}
		}
	}
	shuffled := slices.Clone(ordered)
	slices.Reverse(shuffled)
	slices.SortFunc(shuffled, Period.Compare)
	for i := range ordered {
		if !samePeriod(shuffled[i], ordered[i]) {
			t.Errorf("sorted[%d] = %q, want %q", i, shuffled[i].Label, ordered[i].Label)
		}
	}
	// Same span, different kind: an order still exists, and it is by kind.
	synthetic := Period{Kind: PeriodDay, Start: date(2018, 1, 1), End: date(2018, 12, 31)}
	if got := Year(2018).Compare(synthetic); got != -1 {
		t.Errorf("Year(2018).Compare(same span as a later kind) = %d, want -1", got)
	}
}

func mustParsePeriod(t *testing.T, text string) Period {
	t.Helper()
	p, err := ParsePeriod(text)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPeriodContainsAndMidpoint(t *testing.T) {
	fy := FinancialYear(2016)
	tests := []struct {
		name string
		day  time.Time
		in   bool
	}{
		{"first day", date(2016, 4, 1), true},
		{"last day", date(2017, 3, 31), true},
		{"day before", date(2016, 3, 31), false},
		{"day after", date(2017, 4, 1), false},
		{"middle", date(2016, 12, 25), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fy.Contains(tt.day); got != tt.in {
				t.Errorf("2016/17 Contains(%s) = %v, want %v", ymd(tt.day), got, tt.in)
			}
		})
	}
	midpoints := []struct {
		name string
		p    Period
		want float64
		tol  float64
	}{
		// Year 2018 spans 365 days; its midpoint is 182.5 days in: 2018.5 exactly.
		{"year", Year(2018), 2018.5, 1e-9},
		// 2016/17: 365 days from 2016-04-01; midpoint 2016-09-30 12:00, day
		// 273.5 of the 366 days of 2016: 2016 + 273.5/366 = 2016.747267...
		{"financial year", FinancialYear(2016), 2016 + 273.5/366, 1e-9},
		// A day's midpoint is its noon: 2018-01-17 12:00 = 2018 + 16.5/365.
		{"day", Day(date(2018, 1, 17)), 2018 + 16.5/365, 1e-9},
	}
	for _, tt := range midpoints {
		t.Run("midpoint "+tt.name, func(t *testing.T) {
			got := tt.p.Midpoint()
			if d := got - tt.want; d > tt.tol || d < -tt.tol {
				t.Errorf("%q.Midpoint() = %.12f, want %.12f ± %g", tt.p.Label, got, tt.want, tt.tol)
			}
		})
	}
}

func TestPeriodKindString(t *testing.T) {
	tests := []struct {
		kind PeriodKind
		want string
	}{
		{PeriodNone, "none"}, {PeriodYear, "year"}, {PeriodFinancialYear, "financial year"},
		{PeriodMonth, "month"}, {PeriodDay, "date"}, {PeriodKind(99), "unknown"},
	}
	for _, tt := range tests {
		if got := tt.kind.String(); got != tt.want {
			t.Errorf("PeriodKind(%d).String() = %q, want %q", tt.kind, got, tt.want)
		}
	}
}

func TestPeriodUnmarshalCSV(t *testing.T) {
	var p Period
	if err := p.UnmarshalCSV("2016-17"); err != nil || p.Label != "2016/17" {
		t.Errorf("UnmarshalCSV(2016-17) = %+v, %v", p, err)
	}
	if err := p.UnmarshalCSV("04/17/2018"); err == nil || !p.IsZero() {
		t.Errorf("UnmarshalCSV(04/17/2018) = %+v, %v; want an error and no period", p, err)
	}
	var zero Period
	if !zero.IsZero() || zero.Kind != PeriodNone {
		t.Errorf("Period{} is not zero")
	}
}

func TestPeriodWords(t *testing.T) {
	tests := []struct {
		cell, words, in string
	}{
		{"2018-01-17", "17 January 2018", "on 17 January 2018"},
		{"2018-03-01", "1 March 2018", "on 1 March 2018"}, // no leading zero
		{"Jan 2018", "January 2018", "in January 2018"},
		{"2016-17", "2016/17", "in 2016/17"},
		{"2018", "2018", "in 2018"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.cell)
		if err != nil {
			t.Fatalf("ParsePeriod(%q): %v", tt.cell, err)
		}
		if got := p.Words(); got != tt.words {
			t.Errorf("%q.Words() = %q, want %q", p.Label, got, tt.words)
		}
		if got := p.InWords(); got != tt.in {
			t.Errorf("%q.InWords() = %q, want %q", p.Label, got, tt.in)
		}
	}
}

func ExamplePeriod_Words() {
	p, _ := ParsePeriod("17/01/2018")
	fmt.Println(p.Label, "is written", p.Words())
	// Output: 2018-01-17 is written 17 January 2018
}
