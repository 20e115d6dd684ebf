package cube

import (
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
)

// FuzzParsePeriod: an accepted period is a well-formed span (Start <= End,
// the right shape for its kind, a canonical label), and its label reads back
// as the same period. The one documented exception: a month label such as
// "2010-11" (November 2010) reads back as the financial year 2010/11, because
// ParsePeriod takes "YYYY-YY" as a financial year.
func FuzzParsePeriod(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string) {
		p, err := ParsePeriod(text)
		if err != nil {
			var pe *PeriodError
			if !errors.As(err, &pe) || pe.Text != text || pe.Reason == "" {
				t.Errorf("ParsePeriod(%q) error %#v: want a *PeriodError with the text and a reason", text, err)
			}
			if !p.IsZero() {
				t.Errorf("ParsePeriod(%q) = %+v with an error; want the zero Period", text, p)
			}
			return
		}
		checkPeriodShape(t, text, p)

		q, err := ParsePeriod(p.Label)
		switch {
		case err != nil:
			t.Errorf("ParsePeriod(%q) = %q, which does not read back: %v", text, p.Label, err)
		case samePeriod(p, q):
		case isMonthReadAsFinancialYear(p, q):
			// Documented in ParsePeriod: "YYYY-YY" is a financial year.
		default:
			t.Errorf("ParsePeriod(%q) = %s %s..%s %q, but its label reads back as %s %s..%s %q",
				text, p.Kind, ymd(p.Start), ymd(p.End), p.Label, q.Kind, ymd(q.Start), ymd(q.End), q.Label)
		}

		// Case of ASCII letters and surrounding space do not matter.
		for _, variant := range []string{testfiles.SwapASCIICase(text), " \t" + text + "  "} {
			if r, err := ParsePeriod(variant); err != nil || !samePeriod(p, r) {
				t.Errorf("ParsePeriod(%q) = %q, but ParsePeriod(%q) = %q, %v", text, p.Label, variant, r.Label, err)
			}
		}
	})
}

func checkPeriodShape(t *testing.T, text string, p Period) {
	t.Helper()
	if p.Label == "" || !periodLabelForm[p.Kind].MatchString(p.Label) {
		t.Errorf("ParsePeriod(%q) = %s with label %q, not the canonical form", text, p.Kind, p.Label)
	}
	if p.End.Before(p.Start) {
		t.Errorf("ParsePeriod(%q): End %s before Start %s", text, ymd(p.End), ymd(p.Start))
	}
	for _, d := range []time.Time{p.Start, p.End} {
		if d.Location() != time.UTC || d != d.Truncate(24*time.Hour) {
			t.Errorf("ParsePeriod(%q): %v is not UTC midnight", text, d)
		}
	}
	if y := p.Start.Year(); y < firstYear || y > lastYear {
		t.Errorf("ParsePeriod(%q) starts in %d, outside %d..%d", text, y, firstYear, lastYear)
	}
	y, m, d := p.Start.Date()
	var wantEnd time.Time
	switch p.Kind {
	case PeriodYear:
		if m != time.January || d != 1 {
			t.Errorf("ParsePeriod(%q): a year starting %s", text, ymd(p.Start))
		}
		wantEnd = time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
	case PeriodFinancialYear:
		if m != time.April || d != 1 {
			t.Errorf("ParsePeriod(%q): a financial year starting %s", text, ymd(p.Start))
		}
		wantEnd = time.Date(y+1, 3, 31, 0, 0, 0, 0, time.UTC)
	case PeriodMonth:
		if d != 1 {
			t.Errorf("ParsePeriod(%q): a month starting %s", text, ymd(p.Start))
		}
		wantEnd = time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	case PeriodDay:
		wantEnd = p.Start
	default:
		t.Fatalf("ParsePeriod(%q).Kind = %d, not a kind ParsePeriod returns", text, p.Kind)
	}
	if !p.End.Equal(wantEnd) {
		t.Errorf("ParsePeriod(%q) = %s %s..%s, want end %s", text, p.Kind, ymd(p.Start), ymd(p.End), ymd(wantEnd))
	}
	if !p.Contains(p.Start) || !p.Contains(p.End) || p.Compare(p) != 0 {
		t.Errorf("ParsePeriod(%q) = %+v: does not contain its ends or compare equal to itself", text, p)
	}
}

func samePeriod(p, q Period) bool {
	return p.Kind == q.Kind && p.Start.Equal(q.Start) && p.End.Equal(q.End) && p.Label == q.Label
}

// isMonthReadAsFinancialYear is the documented ambiguity: the label of month
// m of year y is "y-mm", which ParsePeriod reads as the financial year y/y+1
// when mm is the last two digits of y+1.
func isMonthReadAsFinancialYear(month, read Period) bool {
	y := month.Start.Year()
	return month.Kind == PeriodMonth && read.Kind == PeriodFinancialYear &&
		int(month.Start.Month()) == (y+1)%100 && read.Start.Year() == y
}

func ymd(t time.Time) string { return t.Format("2006-01-02") }

var periodLabelForm = map[PeriodKind]*regexp.Regexp{
	PeriodYear:          regexp.MustCompile(`^\d{4}$`),
	PeriodFinancialYear: regexp.MustCompile(`^\d{4}/\d{2}$`),
	PeriodMonth:         regexp.MustCompile(`^\d{4}-\d{2}$`),
	PeriodDay:           regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`),
}
