package stats

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The fuzz targets below check properties, not examples: user data must never
// cause a panic, and whatever is accepted must be self-consistent. Seeds live
// in testdata/fuzz/<FuzzName>/ in Go's corpus format; FuzzReadTable also
// starts from every fixture in testdata/*.csv.

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

var periodLabelForm = map[PeriodKind]*regexp.Regexp{
	PeriodYear:          regexp.MustCompile(`^\d{4}$`),
	PeriodFinancialYear: regexp.MustCompile(`^\d{4}/\d{2}$`),
	PeriodMonth:         regexp.MustCompile(`^\d{4}-\d{2}$`),
	PeriodDay:           regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`),
}

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
		for _, variant := range []string{swapASCIICase(text), " \t" + text + "  "} {
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

// swapASCIICase turns ASCII upper case to lower and back; other runes stay.
func swapASCIICase(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case 'a' <= c && c <= 'z':
			b[i] = c - 'a' + 'A'
		case 'A' <= c && c <= 'Z':
			b[i] = c - 'A' + 'a'
		}
	}
	return string(b)
}

// FuzzMatchForce: a name matches one force of the table or none; the matched
// force's own code, names and id match it back; ASCII case, surrounding
// punctuation and "&" for "and" do not change the match.
func FuzzMatchForce(f *testing.F) {
	table := Forces()
	f.Fuzz(func(t *testing.T, name string) {
		force, ok := MatchForce(name)
		if !ok {
			if force != (Force{}) {
				t.Errorf("MatchForce(%q) = %+v, false; want the zero Force", name, force)
			}
			return
		}
		inTable := false
		for _, g := range table {
			inTable = inTable || g == force
		}
		if !inTable || force.Key() == "" {
			t.Fatalf("MatchForce(%q) = %+v, not a force of the table", name, force)
		}
		for _, id := range []string{force.Code, force.ShortName, force.Name, force.PoliceUKID} {
			if id == "" {
				continue
			}
			if g, _ := MatchForce(id); g != force {
				t.Errorf("MatchForce(%q) = %s, but MatchForce(%q) = %q", name, force.Key(), id, g.Key())
			}
		}
		variants := []string{
			swapASCIICase(name),
			" \t" + name + "  ",
			strings.ReplaceAll(name, " and ", " & "),
			strings.ReplaceAll(name, "&", " and "),
		}
		// A footnote marker is recognised only where it ends the name
		// ("Derbyshire1"), so punctuation around the name is ignored only
		// when the name matched without setting a marker aside.
		if _, _, marker := matchForceFootnote(name); marker == "" {
			variants = append(variants, " ("+name+") ", "\t\""+name+"\".")
		}
		for _, variant := range variants {
			if g, _ := MatchForce(variant); g != force {
				t.Errorf("MatchForce(%q) = %s, but MatchForce(%q) = %q", name, force.Key(), variant, g.Key())
			}
		}
	})
}

// FuzzReadTable: ReadTable never panics; it either fails with a *ParseError
// naming the file, or returns rows that are placed (a force name and a
// period), unique by force and period, in file order, with every issue about a
// row carrying its line.
func FuzzReadTable(f *testing.F) {
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	for _, path := range fixtures {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "fuzz.csv"
		table, err := ReadTable(file, bytes.NewReader(data))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != file || pe.Err == nil || pe.Line < 0 || pe.Column < 0 {
				t.Fatalf("ReadTable error %#v: want a *ParseError naming %s", err, file)
			}
			if table != nil {
				t.Errorf("ReadTable returned a table and an error")
			}
			return
		}
		// An upper bound on the file's lines: the reader also breaks lines at
		// a lone CR (old Mac files), and every line break of the decoded text
		// (UTF-8, UTF-16 or Windows-1252) holds a raw CR or LF byte.
		lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) + 1
		if table.File != file || len(table.Header) == 0 {
			t.Errorf("ReadTable: File %q, Header %q", table.File, table.Header)
		}
		// A wide table (a column per period or per force) becomes several
		// rows per line of the file, and has no column per role.
		wide := slices.ContainsFunc(table.Issues, func(is Issue) bool { return is.Code == "wide-table" })
		for _, role := range requiredRoles {
			if wide {
				break
			}
			c := table.Columns.Column(role)
			optional := role == RoleNumerator || role == RoleDenominator
			if c < 0 && optional {
				continue
			}
			guessed := hasIssue(table.Issues, table.Health.HeaderLine, c+1, "guessed-column")
			if c < 0 || c >= len(table.Header) || (HeaderRole(table.Header[c]) != role && !guessed) {
				t.Errorf("ReadTable: %s column %d in header %q", role, c, table.Header)
			}
		}
		if !wide && table.Columns.Numerator < 0 && table.Columns.Denominator < 0 {
			t.Errorf("ReadTable: no measure column in header %q", table.Header)
		}
		for _, is := range table.Issues {
			if is.Line == 0 && is.Column == 0 && is.File == file && is.Code == "nul-bytes" {
				continue // about the whole file, not one place in it
			}
			if is.File != file || is.Line < 1 || is.Line > lines || is.Column < 1 || is.Code == "" || is.Message == "" {
				t.Errorf("ReadTable: issue %+v: want the file, a line in 1..%d, a column, a code and a message", is, lines)
			}
			if is.Severity != Error && is.Severity != Warning && is.Severity != Info {
				t.Errorf("ReadTable: issue %+v has an unknown severity", is)
			}
		}
		type key struct{ force, period string }
		seen := map[key]bool{}
		prevLine := 1 // the header's line at least
		for _, row := range table.Rows {
			if row.Period.IsZero() || row.Period.Label == "" {
				t.Errorf("ReadTable: row on line %d has no period: %+v", row.Line, row)
			}
			if row.ForceName == "" || row.ForceName != strings.TrimSpace(row.ForceName) {
				t.Errorf("ReadTable: row on line %d has force name %q", row.Line, row.ForceName)
			}
			if wide && (row.Line <= table.Health.HeaderLine || row.Line > lines) {
				t.Errorf("ReadTable: row on line %d, below a header on line %d, in a file of %d lines", row.Line, table.Health.HeaderLine, lines)
			}
			if !wide && (row.Line <= prevLine || row.Line > lines) {
				t.Errorf("ReadTable: row on line %d after line %d, in a file of %d lines", row.Line, prevLine, lines)
			}
			prevLine = row.Line
			if g, ok := MatchForce(row.ForceName); ok != row.Matched || g != row.Force {
				t.Errorf("ReadTable: row on line %d: %q matched %v %q, MatchForce says %v %q",
					row.Line, row.ForceName, row.Matched, row.Force.Key(), ok, g.Key())
			}
			k := key{forceKey(row), row.Period.Label}
			if seen[k] {
				t.Errorf("ReadTable: %s, %s appears twice in Rows", row.ForceName, row.Period.Label)
			}
			seen[k] = true
			for _, cnt := range []struct {
				c   Count
				col int
			}{{row.Numerator, table.Columns.Numerator}, {row.Denominator, table.Columns.Denominator}} {
				switch cnt.c.Kind {
				case CountExact:
					if cnt.c.Low < 0 || cnt.c.Low > MaxCount {
						t.Errorf("ReadTable: row on line %d has count %d", row.Line, cnt.c.Low)
					}
				case CountInvalid:
					col := cnt.col + 1
					if wide {
						col = 0 // each value has its own column: any on the line
					}
					if !hasIssue(table.Issues, row.Line, col, "bad-count") {
						t.Errorf("ReadTable: row on line %d has invalid count %q and no bad-count issue at column %d: %+v",
							row.Line, cnt.c.Raw, cnt.col+1, table.Issues)
					}
				}
			}
			forceCol := table.Columns.Force + 1
			if wide {
				forceCol = 0
			}
			if !row.Matched && !hasIssue(table.Issues, row.Line, forceCol, "unmatched-force") &&
				!hasIssue(table.Issues, row.Line, forceCol, "total-row") &&
				!hasIssue(table.Issues, row.Line, forceCol, "region-row") &&
				!hasIssue(table.Issues, row.Line, forceCol, "combined-area") {
				t.Errorf("ReadTable: row on line %d: %q matched no force and was not reported", row.Line, row.ForceName)
			}
		}
	})
}

// hasIssue reports an issue of the code at the line and column; column 0
// means any column of the line.
func hasIssue(issues []Issue, line, column int, code string) bool {
	for _, is := range issues {
		if is.Line == line && (column == 0 || is.Column == column) && is.Code == code {
			return true
		}
	}
	return false
}
