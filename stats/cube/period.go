package cube

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/internal/lazyre"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// PeriodKind says what span of time a Period covers. The zero value,
// PeriodNone, is a cell that named no period.
type PeriodKind uint8

const (
	PeriodNone PeriodKind = iota
	// PeriodYear is a calendar year: "2018".
	PeriodYear
	// PeriodFinancialYear runs from 1 April to 31 March: "2016/17".
	PeriodFinancialYear
	// PeriodMonth is a calendar month: "Jan 2018", labelled "2018-01".
	PeriodMonth
	// PeriodDay is one date, the usual "as at" of an FOI snapshot.
	PeriodDay
)

var periodKindNames = [...]string{"none", "year", "financial year", "month", "date"}

func (k PeriodKind) String() string {
	if int(k) < len(periodKindNames) {
		return periodKindNames[k]
	}
	return "unknown"
}

// Period is a span of time that a figure refers to. Start and End are the
// first and last days it covers (inclusive, UTC midnight). Label is canonical:
// "2018", "2016/17", "2018-01" or "2018-01-17".
type Period struct {
	Kind  PeriodKind
	Start time.Time
	End   time.Time
	Label string
}

// UnmarshalCSV lets gocsv bind a cell to a Period with ParsePeriod.
func (p *Period) UnmarshalCSV(cell string) error {
	parsed, err := ParsePeriod(cell)
	*p = parsed
	return err
}

// MarshalCSV writes the canonical label.
func (p Period) MarshalCSV() (string, error) { return p.Label, nil }

func (p Period) String() string { return p.Label }

// Words is the period as a sentence writes it: "17 January 2018",
// "January 2018", "2016/17" or "2018". Labels are for tables and exports,
// where ISO dates sort and parse; a reader quoting a sentence wants the
// date in words, as a newspaper prints it. Every sentence that names a
// period (findings, alt text, claims, reasons) writes it with Words.
func (p Period) Words() string {
	switch p.Kind {
	case PeriodDay:
		return p.Start.Format("2 January 2006")
	case PeriodMonth:
		return p.Start.Format("January 2006")
	}
	return p.Label
}

// InWords is the period with the preposition a sentence puts before it:
// "on 17 January 2018" for a date (a count on one day), "in January 2018",
// "in 2016/17" or "in 2018" for a span.
func (p Period) InWords() string {
	if p.Kind == PeriodDay {
		return "on " + p.Words()
	}
	return "in " + p.Words()
}

// IsZero reports whether the period is unset.
func (p Period) IsZero() bool { return p.Kind == PeriodNone }

// Compare orders periods by start, then by end (the shorter first), then by
// kind; it returns -1, 0 or +1.
func (p Period) Compare(q Period) int {
	if c := p.Start.Compare(q.Start); c != 0 {
		return c
	}
	if c := p.End.Compare(q.End); c != 0 {
		return c
	}
	switch {
	case p.Kind < q.Kind:
		return -1
	case p.Kind > q.Kind:
		return 1
	}
	return 0
}

// Contains reports whether the day d falls within the period.
func (p Period) Contains(d time.Time) bool {
	return !d.Before(p.Start) && !d.After(p.End)
}

// Midpoint is the middle of the period in decimal years (2016/17 → about
// 2016.747, 1 October 2016), the time axis used for slopes "per year".
func (p Period) Midpoint() float64 {
	mid := p.Start.Add(p.End.Add(24*time.Hour).Sub(p.Start) / 2)
	return decimalYear(mid)
}

func decimalYear(t time.Time) float64 {
	start := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	next := time.Date(t.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC)
	return float64(t.Year()) + float64(t.Sub(start))/float64(next.Sub(start))
}

// PeriodError says why a cell is not a period.
type PeriodError struct {
	Text   string
	Reason string
}

func (e *PeriodError) Error() string {
	return fmt.Sprintf("%q is not a period: %s", words.Shorten(e.Text, 60), e.Reason)
}

const periodFormats = `a year (2018), a financial year (2016/17, 2016-17, 2016/2017, FY2016/17), ` +
	`a date written day first (2018-01-17, 17/01/2018, 17 January 2018) or a month (Jan 2018, January 2018)`

var (
	reYear         = lazyre.LazyRE(`^(\d{4})$`)
	reFinancial    = lazyre.LazyRE(`^(?:fy\s*)?(\d{4})\s*(?:/|-|–|to)\s*(\d{2}|\d{4})(?:\s*fy)?$`)
	reShortFY      = lazyre.LazyRE(`^(?:fy\s*)?(\d{2})\s*/\s*(\d{2})$`)
	reYearEnding   = lazyre.LazyRE(`^(?:financial\s+)?year\s+end(?:ing|ed)\s+(?:31\s+)?march\s+(\d{4})$`)
	reISODate      = lazyre.LazyRE(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]00:00(?::00(?:\.0+)?)?z?)?$`)
	reISOMonth     = lazyre.LazyRE(`^(\d{4})-(\d{1,2})$`)
	reNumericDate  = lazyre.LazyRE(`^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$`)
	reDayMonthYear = lazyre.LazyRE(`^(\d{1,2})(?:st|nd|rd|th)?(?:\s+|-)([a-z]+)\.?,?(?:\s+|-)(\d{4})$`)
	reMonthShortYr = lazyre.LazyRE(`^([a-z]{3,9})-(\d{2})$`)
	reMonthDayYear = lazyre.LazyRE(`^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	reMonthYear    = lazyre.LazyRE(`^([a-z]+)\.?,?\s+(\d{4})$`)
	reAsAt         = lazyre.LazyRE(`^(?:as\s+(?:at|of)|at)\s+`)
)

// ParsePeriod reads a year, financial year, month or date. Dates with numbers
// only are always read day first (UK style): "03/04/2018" is 3 April, and
// "04/17/2018" is an error, never 17 April. "2011-12" is read as the financial
// year 2011/12, the usual meaning in UK official statistics; for December 2011
// write "Dec 2011".
func ParsePeriod(text string) (Period, error) {
	if len(text) > police.MaxNameLength {
		return Period{}, &PeriodError{Text: text, Reason: "the cell is far too long to be a period"}
	}
	s := strings.ToLower(strings.Join(strings.Fields(strings.Map(NormaliseSpace, text)), " "))
	s = reAsAt.ReplaceAllString(s, "")
	if s == "" {
		return Period{}, &PeriodError{Text: text, Reason: "the cell is blank"}
	}
	for _, parse := range periodParsers {
		p, ok, reason := parse(s)
		if reason != "" {
			return Period{}, &PeriodError{Text: text, Reason: reason}
		}
		if ok {
			return p, nil
		}
	}
	return Period{}, &PeriodError{Text: text, Reason: "expected " + periodFormats}
}

// A periodParser returns ok when s has its form, or a reason when s has its
// form but names no real period (such as 31 February).
type periodParser func(s string) (p Period, ok bool, reason string)

var periodParsers = []periodParser{
	parseYear, parseFinancialYear, parseShortFinancialYear, parseYearEnding,
	parseISODate, parseISOMonth, parseNumericDate, parseDayMonthYear,
	parseMonthDayYear, parseMonthYear, parseExcelMonth, parseMonthRange,
}

// parseExcelMonth reads Excel's "Jan-18" display of a month: a month name
// then a two-digit year, 70..99 as 19xx.
func parseExcelMonth(s string) (Period, bool, string) {
	m := reMonthShortYr.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false, ""
	}
	mon, ok := monthNames[m[1]]
	if !ok {
		return Period{}, false, ""
	}
	return Month(fullYear(atoi(m[2])), mon), true, ""
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s) // callers pass digits matched by a regexp
	return n
}

func parseYear(s string) (Period, bool, string) {
	m := reYear.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false, ""
	}
	y := atoi(m[1])
	if reason := checkYear(y); reason != "" {
		return Period{}, false, reason
	}
	return Year(y), true, ""
}

func parseFinancialYear(s string) (Period, bool, string) {
	m := reFinancial.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false, ""
	}
	first := atoi(m[1])
	second := atoi(m[2])
	next := first + 1
	if len(m[2]) == 2 {
		next %= 100
	}
	if second != next {
		if len(m[2]) == 2 && strings.Contains(s, "-") && second >= 1 && second <= 12 && !strings.HasPrefix(s, "fy") {
			return Period{}, false, "" // "2018-05" is a month; let the ISO month parser have it
		}
		return Period{}, false, fmt.Sprintf("a financial year runs over two consecutive years, as in %d/%02d", first, (first+1)%100)
	}
	if reason := checkYear(first); reason != "" {
		return Period{}, false, reason
	}
	return FinancialYear(first), true, ""
}

// parseShortFinancialYear reads the "04/05" column headings of Home Office
// tables; years 70..99 are taken as 19xx and the rest as 20xx.
func parseShortFinancialYear(s string) (Period, bool, string) {
	m := reShortFY.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false, ""
	}
	first, second := atoi(m[1]), atoi(m[2])
	if (first+1)%100 != second {
		return Period{}, false, ""
	}
	return FinancialYear(fullYear(first)), true, ""
}

func parseYearEnding(s string) (Period, bool, string) {
	m := reYearEnding.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false, ""
	}
	y := atoi(m[1])
	if reason := checkYear(y - 1); reason != "" {
		return Period{}, false, reason
	}
	return FinancialYear(y - 1), true, ""
}

func parseISODate(s string) (Period, bool, string) {
	m := reISODate.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false, ""
	}
	return day(atoi(m[1]), atoi(m[2]), atoi(m[3]))
}

func parseISOMonth(s string) (Period, bool, string) {
	m := reISOMonth.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false, ""
	}
	y, mon := atoi(m[1]), atoi(m[2])
	if mon < 1 || mon > 12 {
		return Period{}, false, fmt.Sprintf("there is no month %d", mon)
	}
	if reason := checkYear(y); reason != "" {
		return Period{}, false, reason
	}
	return Month(y, time.Month(mon)), true, ""
}

func parseNumericDate(s string) (Period, bool, string) {
	m := reNumericDate.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false, ""
	}
	d, mon, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if len(m[3]) == 2 {
		y = fullYear(y)
	}
	if mon > 12 {
		return Period{}, false, fmt.Sprintf("dates are read day first (DD/MM/YYYY), and there is no month %d", mon)
	}
	return day(y, mon, d)
}

func parseDayMonthYear(s string) (Period, bool, string) {
	m := reDayMonthYear.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false, ""
	}
	mon, ok := monthNames[m[2]]
	if !ok {
		return Period{}, false, ""
	}
	return day(atoi(m[3]), int(mon), atoi(m[1]))
}

// parseMonthDayYear reads "January 17, 2018": the month is a word, so there is
// nothing to guess.
func parseMonthDayYear(s string) (Period, bool, string) {
	m := reMonthDayYear.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false, ""
	}
	mon, ok := monthNames[m[1]]
	if !ok {
		return Period{}, false, ""
	}
	return day(atoi(m[3]), int(mon), atoi(m[2]))
}

func parseMonthYear(s string) (Period, bool, string) {
	m := reMonthYear.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false, ""
	}
	mon, ok := monthNames[m[1]]
	if !ok {
		return Period{}, false, ""
	}
	y := atoi(m[2])
	if reason := checkYear(y); reason != "" {
		return Period{}, false, reason
	}
	return Month(y, mon), true, ""
}

var reMonthRange = lazyre.LazyRE(`^(?:(\d{1,2})\s*)?([a-z]+)\s*(\d{4})\s*(?:-|–|to|until)\s*(?:(\d{1,2})\s*)?([a-z]+)\s*(\d{4})$`)

// parseMonthRange reads a span of whole months that makes a year: "April
// 2019 to March 2020" or "1 April 2019 - 31 March 2020" is the financial
// year 2019/20, "January to December" of one year that year. Tables and file
// names ("april2019-march2020") give periods so. Any other span is refused
// with its reason: the app has no period of, say, seven months.
func parseMonthRange(s string) (Period, bool, string) {
	m := reMonthRange.FindStringSubmatch(s)
	if m == nil {
		return Period{}, false, ""
	}
	from, ok1 := monthNames[m[2]]
	to, ok2 := monthNames[m[5]]
	if !ok1 || !ok2 {
		return Period{}, false, ""
	}
	y1, y2 := atoi(m[3]), atoi(m[6])
	if reason := checkYear(y1); reason != "" {
		return Period{}, false, reason
	}
	if (m[1] != "" && atoi(m[1]) != 1) || (m[4] != "" && atoi(m[4]) != time.Date(y2, to+1, 0, 0, 0, 0, 0, time.UTC).Day()) {
		return Period{}, false, "a span that does not start on the first of a month and end on the last of one is not a period this app can use"
	}
	switch {
	case from == time.April && to == time.March && y2 == y1+1:
		return FinancialYear(y1), true, ""
	case from == time.January && to == time.December && y2 == y1:
		return Year(y1), true, ""
	}
	return Period{}, false, "a span of months other than a year (January to December) or a financial year (April to March) is not a period this app can use"
}

// fullYear turns a two-digit year into four digits: 70..99 → 19xx, else 20xx.
func fullYear(yy int) int {
	if yy >= 70 {
		return 1900 + yy
	}
	return 2000 + yy
}

// Years outside this range are almost surely a misread column (a count of 2500,
// say), not a period.
const (
	firstYear = 1900
	lastYear  = 2200
)

func checkYear(y int) string {
	if y < firstYear || y > lastYear {
		return fmt.Sprintf("the year %d is outside %d to %d", y, firstYear, lastYear)
	}
	return ""
}

func day(y, mon, d int) (Period, bool, string) {
	if reason := checkYear(y); reason != "" {
		return Period{}, false, reason
	}
	if mon < 1 || mon > 12 {
		return Period{}, false, fmt.Sprintf("there is no month %d", mon)
	}
	t := time.Date(y, time.Month(mon), d, 0, 0, 0, 0, time.UTC)
	if d < 1 || t.Month() != time.Month(mon) {
		return Period{}, false, fmt.Sprintf("%s %d has no day %d", time.Month(mon), y, d)
	}
	return Day(t), true, ""
}

var monthNames = map[string]time.Month{}

func init() {
	for m := time.January; m <= time.December; m++ {
		full := strings.ToLower(m.String())
		monthNames[full] = m
		monthNames[full[:3]] = m
	}
	monthNames["sept"] = time.September
}

// Year is the calendar year y.
func Year(y int) Period {
	return Period{
		Kind:  PeriodYear,
		Start: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC),
		End:   time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC),
		Label: strconv.Itoa(y),
	}
}

// FinancialYear is the year from 1 April of y to 31 March of y+1.
func FinancialYear(y int) Period {
	return Period{
		Kind:  PeriodFinancialYear,
		Start: time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC),
		End:   time.Date(y+1, 3, 31, 0, 0, 0, 0, time.UTC),
		Label: fmt.Sprintf("%d/%02d", y, (y+1)%100),
	}
}

// Month is the calendar month m of year y.
func Month(y int, m time.Month) Period {
	start := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	return Period{
		Kind:  PeriodMonth,
		Start: start,
		End:   start.AddDate(0, 1, -1),
		Label: start.Format("2006-01"),
	}
}

// Day is the single date of t.
func Day(t time.Time) Period {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return Period{Kind: PeriodDay, Start: d, End: d, Label: d.Format("2006-01-02")}
}
