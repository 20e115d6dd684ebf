package cube

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats/internal/lazyre"
)

// CountKind says what a cell of counts held. The zero value is CountNotGiven, so
// a Count that was never set reads as "not given", never as 0.
type CountKind uint8

const (
	// CountNotGiven is a blank cell: the figure was not given. It is not 0.
	CountNotGiven CountKind = iota
	// CountExact is a whole number, Low == High.
	CountExact
	// CountInvalid is text that is not a count; Raw keeps it and Problem says why.
	CountInvalid
	// CountCensored is a value known only to lie between Low and High, as a
	// suppressed small number: "<5" is 0 to 4. It is never taken as 0.
	CountCensored
	// CountSuppressed is a value withheld or not available ("*", "[c]", "..",
	// "n/a"): there is a figure, but nothing is known of it.
	CountSuppressed
)

// Count is a non-negative whole number read from a cell, or the reason there
// is none. Low and High bound the value; they are equal for an exact count, and
// leave room for censored counts, which are an interval.
type Count struct {
	Kind     CountKind
	Low      int64
	High     int64
	Raw      string // the cell as written, kept for reports
	Problem  string // why the cell is not a count, for CountInvalid
	Footnote string // a footnote marker removed from the cell ("[note 2]", "*")
	// Rounded is set on a denominator written with decimals and rounded to
	// the nearest whole number (see roundDecimal): it is off by up to ½.
	Rounded bool
}

// maxCountCell is longer than any count a cell really holds, with its
// thousands separators and a footnote marker; longer text is not searched
// (plain digits are still read, and found too large or not).
const maxCountCell = 64

// MaxCount is the largest count accepted: far above any real figure, and small
// enough that sums of a few thousand counts cannot overflow int64 and that
// every count is exact as a float64 (2^53).
const MaxCount = 1 << 50

// Exact returns an exact count of n.
func Exact(n int64) Count {
	return Count{Kind: CountExact, Low: n, High: n, Raw: strconv.FormatInt(n, 10)}
}

// Bounds returns the least and greatest values the count can have, and true
// when they are known: for an exact count both are the count.
func (c Count) Bounds() (low, high int64, ok bool) {
	if c.Kind != CountExact && c.Kind != CountCensored {
		return 0, 0, false
	}
	return c.Low, c.High, true
}

// Value returns the count and true when it is exact.
func (c Count) Value() (int64, bool) {
	if c.Kind != CountExact {
		return 0, false
	}
	return c.Low, true
}

// String is the count as a reader would write it.
func (c Count) String() string {
	switch c.Kind {
	case CountExact:
		return strconv.FormatInt(c.Low, 10)
	case CountNotGiven:
		return ""
	default:
		return c.Raw
	}
}

// UnmarshalCSV lets gocsv bind a cell to a Count. It never fails: a cell that is
// not a count becomes CountInvalid with the reason, so that the reader can
// report the row and keep reading the rest of the file.
func (c *Count) UnmarshalCSV(cell string) error {
	*c = ParseCount(cell)
	return nil
}

// MarshalCSV writes an exact count as a plain whole number and anything else
// as an empty cell: an export holds numbers only.
func (c Count) MarshalCSV() (string, error) {
	if v, ok := c.Value(); ok {
		return strconv.FormatInt(v, 10), nil
	}
	return "", nil
}

// ParseCount reads a count: a non-negative whole number, with optional
// surrounding spaces and thousands separators in groups of three ("1,234",
// "1 234"). A trailing ".0" written by spreadsheets is accepted. A blank cell is
// CountNotGiven. Suppressed values are kept as what they are: "<5", "fewer
// than 5" and "0-4" are censored (0 to 4); "*", "[c]", "[x]", "..", "-", "n/a"
// and "suppressed" are CountSuppressed. A footnote marker glued to a number
// ("123[note 2]", "45*") is removed and kept in Footnote.
func ParseCount(cell string) Count {
	if n, ok := plainDigits(cell); ok {
		return Count{Kind: CountExact, Low: n, High: n, Raw: cell}
	}
	return ParseCountFully(cell)
}

// ParseCountFully is ParseCount without the shortcut for plain digits.
func ParseCountFully(cell string) Count {
	if trimmed := strings.TrimSpace(cell); len(trimmed) > maxCountCell {
		// Too long for any count: a long run of digits is too large, and
		// anything else too long, without matching patterns over it all.
		problem := errTooLong
		rest, negative := strings.CutPrefix(strings.TrimLeft(trimmed, "+"), "-")
		if !negative {
			rest, negative = strings.CutPrefix(rest, "\u2212")
		}
		if AllDigits(rest) {
			// Read as digits alone (linear): 65 zeros are still 0.
			n, err := parseWhole(rest)
			switch {
			case err == nil && !negative:
				return Count{Kind: CountExact, Low: n, High: n, Raw: cell}
			case err == nil:
				problem = errNegative
			default:
				problem = err
			}
		}
		return Count{Kind: CountInvalid, Raw: cell, Problem: problem.Error()}
	}
	s := strings.TrimSpace(strings.Map(NormaliseSpace, cell))
	if s == "" {
		return Count{Kind: CountNotGiven, Raw: cell}
	}
	if suppressedMarkers[strings.ToLower(s)] {
		return Count{Kind: CountSuppressed, Raw: cell}
	}
	number, footnote := SplitFootnote(s)
	if low, high, ok, err := parseCensored(number); ok || err != nil {
		if err != nil {
			return Count{Kind: CountInvalid, Raw: cell, Problem: err.Error()}
		}
		return Count{Kind: CountCensored, Low: low, High: high, Raw: cell, Footnote: footnote}
	}
	n, err := parseWhole(number)
	if err != nil {
		return Count{Kind: CountInvalid, Raw: cell, Problem: err.Error()}
	}
	return Count{Kind: CountExact, Low: n, High: n, Raw: cell, Footnote: footnote}
}

// suppressedMarkers are the cells (lower-cased) that official statistics and
// FOI replies use for a figure withheld or not available.
var suppressedMarkers = map[string]bool{
	"*": true, "**": true, "[c]": true, "[x]": true, "[z]": true, "[u]": true, "[low]": true,
	"c": true, "x": true, "..": true, "...": true, "-": true, "–": true, "—": true,
	"n/a": true, "na": true, "n.a.": true, "n/k": true, "not known": true, "not available": true,
	"suppressed": true, "redacted": true, "withheld": true, "not recorded": true,
}

var (
	reFootnote   = lazyre.LazyRE(`^(.*?\d)\s*(\[[^\]]{1,20}\]|\((?:r|p|e|note \d+)\)|[*†‡§¶]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$`)
	reLessThan   = lazyre.LazyRE(`^(?:<|fewer than|less than|under)\s*(\d[\d, ]*)$`)
	reAtMost     = lazyre.LazyRE(`^(?:<=|≤|at most|up to)\s*(\d[\d, ]*)$`)
	reCountRange = lazyre.LazyRE(`^(\d[\d,]*)\s*(?:-|–|to)\s*(\d[\d,]*)$`)
)

// SplitFootnote separates a footnote marker glued to the end of a number.
func SplitFootnote(s string) (number, footnote string) {
	if m := reFootnote.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1]), m[2]
	}
	return s, ""
}

// parseCensored reads "<5" (0 to 4), "<=5" (0 to 5) and "1-4" (1 to 4); ok is
// false when s is none of these.
func parseCensored(s string) (low, high int64, ok bool, err error) {
	lower := strings.ToLower(s)
	if m := reLessThan.FindStringSubmatch(lower); m != nil {
		n, err := parseWhole(strings.TrimSpace(m[1]))
		if err != nil || n == 0 {
			return 0, 0, false, fmt.Errorf("%q is not a count below which a value was suppressed", s)
		}
		return 0, n - 1, true, nil
	}
	if m := reAtMost.FindStringSubmatch(lower); m != nil {
		n, err := parseWhole(strings.TrimSpace(m[1]))
		if err != nil {
			return 0, 0, false, err
		}
		return 0, n, true, nil
	}
	if m := reCountRange.FindStringSubmatch(lower); m != nil {
		a, errA := parseWhole(m[1])
		b, errB := parseWhole(m[2])
		if errA == nil && errB == nil && a <= b {
			return a, b, true, nil
		}
	}
	return 0, 0, false, nil
}

// NormaliseSpace turns the no-break and thin spaces that spreadsheets use as
// thousands separators into plain spaces.
func NormaliseSpace(r rune) rune {
	switch r {
	case '\u00a0', '\u202f', '\u2009':
		return ' '
	}
	return r
}

var (
	errNegative   = errors.New("a count cannot be negative")
	ErrFraction   = errors.New("a count must be a whole number")
	errGrouping   = errors.New("thousands separators must separate groups of three digits, as in 1,234")
	errNotANumber = errors.New("not a number")
	errTooLong    = errors.New("far too long to be a count")
	// errAmbiguousPoint is for "1.000", which could be 1 or 1000.
	errAmbiguousPoint = errors.New("a point followed by three zeros could mean a thousands separator or decimals; write 1000 or 1")
	errCountTooLarge  = fmt.Errorf("larger than the largest count accepted (%d)", int64(MaxCount))
)

func parseWhole(s string) (int64, error) {
	// A minus sign is ASCII "-" or U+2212, which is 3 bytes long: cut the
	// whole sign, not its first byte, so that "−5" is reported as negative.
	for _, minus := range []string{"-", "\u2212"} {
		if rest, ok := strings.CutPrefix(s, minus); ok {
			if _, err := parseUnsigned(rest); err == nil {
				return 0, errNegative
			}
			return 0, errNotANumber
		}
	}
	return parseUnsigned(strings.TrimPrefix(s, "+"))
}

func parseUnsigned(s string) (int64, error) {
	s, err := dropZeroFraction(s)
	if err != nil {
		return 0, err
	}
	digits, err := Ungroup(s)
	if err != nil {
		return 0, err
	}
	n, perr := strconv.ParseInt(digits, 10, 64)
	if perr != nil {
		if errors.Is(perr, strconv.ErrRange) {
			return 0, errCountTooLarge
		}
		return 0, errNotANumber
	}
	if n > MaxCount {
		return 0, errCountTooLarge
	}
	return n, nil
}

// dropZeroFraction removes a fractional part made only of zeros ("12.0").
func dropZeroFraction(s string) (string, error) {
	whole, frac, found := strings.Cut(s, ".")
	if !found {
		return s, nil
	}
	if !AllDigits(frac) {
		return "", errNotANumber
	}
	if strings.Trim(frac, "0") != "" {
		return "", ErrFraction
	}
	if len(frac) == 3 && !strings.Contains(whole, ",") {
		// "1.000" is one thousand in much of Europe, and one in a spreadsheet
		// that shows three decimals: never guess which.
		return "", errAmbiguousPoint
	}
	return whole, nil
}

// Ungroup removes thousands separators, insisting on groups of three so that a
// European decimal comma ("1,5") is not read as fifteen.
func Ungroup(s string) (string, error) {
	sep := strings.IndexAny(s, ", ")
	if sep < 0 {
		if !AllDigits(s) {
			return "", errNotANumber
		}
		return s, nil
	}
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
	if strings.Count(s, ",")+strings.Count(s, " ") != len(groups)-1 {
		return "", errGrouping
	}
	for i, g := range groups {
		if !AllDigits(g) {
			return "", errNotANumber
		}
		if (i == 0 && (len(g) > 3 || g == "")) || (i > 0 && len(g) != 3) {
			return "", errGrouping
		}
	}
	return strings.Join(groups, ""), nil
}

func AllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Float returns the exact count as a float64, or NaN.
func (c Count) Float() float64 {
	if v, ok := c.Value(); ok {
		return float64(v)
	}
	return math.NaN()
}

// plainDigits reads a cell of 1 to 15 ASCII digits and nothing else, the
// commonest count by far, without the general path's searches: the same
// count ParseCount would give (15 digits stay below MaxCount).
func plainDigits(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 15 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}
