package ingest

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/lazyre"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// data.police.uk publishes, for each force and month, three files of
// records, named as 2019-01-avon-and-somerset-street.csv, -outcomes.csv and
// -stop-and-search.csv: a row per crime or anti-social behaviour incident,
// per outcome of a crime, per stop and search. Their headers are always the
// same, so such a file is recognised by its header, every column of it
// (without regard to case, spaces or punctuation), not by what its columns
// seem to hold. Each row is counted as one event, per force and month; the
// column mapping's filters (Mapping.Filters) count only the rows of some
// crime types, outcomes or objects of search, and the measure's name says
// which.
//
// The columns are those of the files in police.uk's archives
// (https://data.police.uk/data/archive/) and of its "about" page
// (https://data.police.uk/about/): street, 12 columns; outcomes, 10; stop
// and search, 15, of which the files of its first years lack some.

// policeUKLayout is one kind of police.uk file.
type policeUKLayout struct {
	kind    string // as police.uk ends the file's name: "street", "outcomes", "stop-and-search"
	name    string // what the file is, for the note: "police.uk street-level crime records"
	row     string // what a row is: "one crime or anti-social behaviour incident"
	measure string // what the rows count, as a measure's name
	columns []string
	// optional are the columns that older files of the kind lack.
	optional []string
	// force is the column that names the force; empty when only the
	// file's name does.
	force string
	// period is the column of the month, or of the date and time.
	period string
	// forceWords and when say, for the note, by what the rows were counted.
	forceWords, when string
	// categories name the columns a person may count only some of.
	categories string
}

const policeUKStopAndSearch = "stop-and-search"

// policeUKLayouts are the three kinds of file.
//
// The force of a street-level crime or an outcome is "Falls within", not
// "Reported by". police.uk defines them so: "Reported by: The force that
// provided the data about the crime. Falls within: At present, also the
// force that provided the data about the crime" (data.police.uk/about/).
// The two are the same force on every row today, and police.uk splits its
// downloads by it (the file of a force holds its own rows; British
// Transport Police's crimes at a station are in BTP's file, with BTP in
// both columns). Of the two, "Falls within" is the one police.uk means to
// say whose area a crime falls within, which a figure per force counts, so
// it is the force here; should police.uk make them differ, that is what it
// will say. (police.uk's maps of a neighbourhood count by place instead,
// BTP's crimes there included: no column of these files gives that.)
var policeUKLayouts = []policeUKLayout{
	{
		kind: "street", name: "police.uk street-level crime records", row: "one crime or anti-social behaviour incident",
		measure: "street-level crimes and anti-social behaviour",
		columns: []string{"Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
			"LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"},
		force: "Falls within", period: "Month", forceWords: "by the force it falls within", when: "by month",
		categories: "crime types or outcomes",
	},
	{
		kind: "outcomes", name: "police.uk crime outcome records", row: "one outcome of a crime",
		measure: "crime outcomes",
		columns: []string{"Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
			"LSOA code", "LSOA name", "Outcome type"},
		force: "Falls within", period: "Month", forceWords: "by the force the crime falls within", when: "by the month of the outcome",
		categories: "outcome types",
	},
	{
		kind: policeUKStopAndSearch, name: "police.uk stop-and-search records", row: "one stop and search",
		measure: "stop and searches",
		columns: []string{"Type", "Date", "Part of a policing operation", "Policing operation", "Latitude", "Longitude",
			"Gender", "Age range", "Self-defined ethnicity", "Officer-defined ethnicity", "Legislation", "Object of search",
			"Outcome", "Outcome linked to object of search", "Removal of more than just outer clothing"},
		// The files of police.uk's first years lack some columns, which
		// it does not list: these may be absent, as none is needed to
		// count a search or to say what it was for and what it found.
		optional: []string{"Part of a policing operation", "Policing operation", "Self-defined ethnicity",
			"Outcome linked to object of search", "Removal of more than just outer clothing"},
		period: "Date", when: "by the month of its date, in UK time",
		categories: "outcomes or objects of search",
	},
}

// policeUKLayoutOf is the layout whose columns the header holds, every one
// and no other; blank cells at the end (a spreadsheet's) are not columns.
func policeUKLayoutOf(header []string) (*policeUKLayout, bool) {
	n := usedWidth(header)
	if n == 0 || n > 15 {
		return nil, false
	}
	names := make(map[string]bool, n)
	for _, h := range header[:n] {
		k := normaliseHeader(h)
		if k == "" || names[k] {
			return nil, false
		}
		names[k] = true
	}
	for i := range policeUKLayouts {
		l := &policeUKLayouts[i]
		have := 0
		for _, c := range l.columns {
			if names[normaliseHeader(c)] {
				have++
			} else if !slices.Contains(l.optional, c) {
				have = -1
				break
			}
		}
		if have == len(names) {
			return l, true
		}
	}
	return nil, false
}

// findPoliceUK finds a police.uk header among the first records: the first
// line in police.uk's own files, lower down when titles were put above it.
func findPoliceUK(records [][]string) (at int, l *policeUKLayout, ok bool) {
	for i, rec := range records[:min(len(records), headerSearchRows)] {
		if l, ok := policeUKLayoutOf(rec); ok {
			return i, l, true
		}
	}
	return 0, nil, false
}

// columnOf is the column of the header named name, or -1.
func columnOf(header []string, name string) int {
	want := normaliseHeader(name)
	return slices.IndexFunc(header, func(h string) bool { return normaliseHeader(h) == want })
}

// mapping is how the layout's rows are read: each counted, by the force of
// its force column or else of the file's name, and by its month. A
// stop-and-search file whose name names no force is a *HeaderError.
func (l *policeUKLayout) mapping(file string, header []string, headerLine int) (Mapping, error) {
	m := Mapping{HeaderLine: headerLine, Force: -1, Period: columnOf(header, l.period), Numerator: -1, Denominator: -1, CountRows: true}
	if l.force != "" {
		m.Force = columnOf(header, l.force)
		return m, nil
	}
	f, ok := police.MatchForce(parsePoliceUKName(file).force)
	if !ok {
		return m, &HeaderError{Found: header, Missing: []cube.Role{cube.RoleForce}, Why: fmt.Sprintf(
			"this is a police.uk stop-and-search file, whose rows do not say their force: police.uk gives it in the file's name, "+
				"as in 2019-01-avon-and-somerset-stop-and-search.csv, and %q names no police force. Rename the file as police.uk names it, "+
				"or choose the columns by hand and give the force of every row", words.Shorten(path.Base(file), 80))}
	}
	m.FixedForce = f.Name
	return m, nil
}

// ownMapping says whether a person's mapping is the layout's own, perhaps
// with categories chosen (or, for a file whose name names no force, the
// force given): the file is then read as police.uk's, and said to be.
func (l *policeUKLayout) ownMapping(file string, header []string, m Mapping) bool {
	own, _ := l.mapping(file, header, m.HeaderLine)
	force := m.Force == own.Force
	if l.force == "" {
		_, named := police.MatchForce(m.FixedForce)
		force = m.Force < 0 && named
	}
	return force && !m.NoHeader && m.CountRows && m.Period == own.Period && m.Numerator < 0 && m.Denominator < 0 &&
		m.FixedPeriod == "" && (m.Bucket == "" || m.Bucket == "month")
}

// policeUKName is what a police.uk file's name says:
// 2019-01-avon-and-somerset-stop-and-search.csv is of the month 2019-01
// and the force avon-and-somerset (a data.police.uk id).
type policeUKName struct {
	month string // the month's label, "2019-01"; empty when the name gives none
	force string
}

var (
	rePoliceUKName = lazyre.LazyRE(`^(?:(\d{4})-(\d{2})-)?(.*?)(?:-(?:street|outcomes|stop-and-search))?$`)
	// reDownloadCopy is the " (1)" a browser adds to a file downloaded
	// again.
	reDownloadCopy = lazyre.LazyRE(`\s*\(\d+\)$`)
)

func parsePoliceUKName(file string) policeUKName {
	base := path.Base(strings.ReplaceAll(file, `\`, "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	base = strings.ToLower(strings.TrimSpace(reDownloadCopy.ReplaceAllString(base, "")))
	m := rePoliceUKName.FindStringSubmatch(base)
	if m == nil {
		return policeUKName{}
	}
	n := policeUKName{force: m[3]}
	if m[1] != "" {
		y, _ := strconv.Atoi(m[1])
		mon, _ := strconv.Atoi(m[2])
		if mon >= 1 && mon <= 12 {
			n.month = cube.Month(y, time.Month(mon)).Label
		}
	}
	return n
}

// steps are the changes the layout's rows need before they are checked,
// to the period column chosen: a police.uk Month is always a month (and
// "2011-12" is December 2011, not the financial year that ParsePeriod
// reads), and a stop and search's Date and time is put in its month in UK
// time.
func (l *policeUKLayout) steps(header []string, period int) []func(rec []string) []string {
	switch {
	case period < 0:
		return nil
	case period == columnOf(header, "Month") && l.kind != policeUKStopAndSearch:
		return []func([]string) []string{func(rec []string) []string {
			if period < len(rec) {
				rec[period] = monthCell(rec[period])
			}
			return rec
		}}
	case period == columnOf(header, "Date") && l.kind == policeUKStopAndSearch:
		return []func([]string) []string{func(rec []string) []string {
			if period < len(rec) {
				if y, m, ok := ukMonth(rec[period]); ok {
					rec[period] = monthText(y, m)
				}
			}
			return rec
		}}
	}
	return nil
}

// monthCell is a police.uk Month cell ("2019-01") written so that
// ParsePeriod reads it as the month it is; other cells as they are. It is
// called on every row, and allocates only for a month that needs it.
func monthCell(c string) string {
	if len(c) != 7 || c[4] != '-' {
		return c
	}
	y, err1 := strconv.Atoi(c[:4])
	m, err2 := strconv.Atoi(c[5:])
	if err1 != nil || err2 != nil || m < 1 || m > 12 || m != (y+1)%100 {
		return c
	}
	return monthText(y, time.Month(m))
}

// monthText writes a month as ParsePeriod reads it: "2019-01", or "Dec
// 2011" where the numbers would read as a financial year (2011-12).
func monthText(y int, m time.Month) string {
	if int(m) == (y+1)%100 {
		return m.String()[:3] + " " + strconv.Itoa(y)
	}
	return cube.Month(y, m).Label
}

// ukMonth is the month, in UK time, of a stop and search's Date: an ISO
// 8601 date and time with its offset from UTC ("2019-06-30T23:30:00+00:00"
// is in July in UK time), or a date alone, taken as written.
//
// police.uk writes the offset as +00:00 the year round, and the times are
// UTC: a summer month's file holds searches dated between 23:00 and 23:59
// on the last day of the month before, which are after midnight in British
// Summer Time and belong to the file's month.
func ukMonth(s string) (int, time.Month, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		t = ukTime(t)
		return t.Year(), t.Month(), true
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Year(), t.Month(), true
	}
	return 0, 0, false
}

// ukTime is t in UK time: UTC, one hour on in British Summer Time, which
// runs from 1 a.m. GMT on the last Sunday in March to 1 a.m. GMT on the
// last Sunday in October (Summer Time Act 1972, s. 1, as amended by the
// Summer Time Order 2002, SI 2002/262; the rule since 1981 for the start
// and 1996 for the end, before any police.uk file).
func ukTime(t time.Time) time.Time {
	t = t.UTC()
	y := t.Year()
	if !t.Before(lastSunday(y, time.March)) && t.Before(lastSunday(y, time.October)) {
		return t.Add(time.Hour)
	}
	return t
}

// lastSunday is 1 a.m. UTC on the last Sunday of the month.
func lastSunday(y int, m time.Month) time.Time {
	d := time.Date(y, m+1, 0, 1, 0, 0, 0, time.UTC) // the month's last day
	return d.AddDate(0, 0, -int(d.Weekday()))
}

// measureName is what the rows counted are, the categories chosen said:
// "street-level crimes (Crime type: Burglary)". Anti-social behaviour,
// which police.uk's street files hold as a crime type, is named when it
// may be among the rows.
func (l *policeUKLayout) measureName(header []string, filters []Filter) string {
	noun := l.measure
	if l.kind == "street" {
		asb, crimes := true, true
		only := len(filters) > 0
		for _, f := range filters {
			if f.Column != columnOf(header, "Crime type") {
				only = false
				continue
			}
			asb, crimes = false, false
			for _, v := range f.Values {
				if police.NormaliseHeader(v) == "antisocialbehaviour" {
					asb = true
				} else {
					crimes = true
				}
			}
		}
		switch {
		case asb && !crimes:
			if only {
				return "anti-social behaviour incidents"
			}
			noun = "anti-social behaviour incidents"
		case !asb:
			noun = "street-level crimes"
		}
	}
	if len(filters) == 0 {
		return noun
	}
	return noun + " (" + describeFilters(header, filters) + ")"
}

// describeFilters says which categories filters keep: "Crime type:
// Burglary, Robbery; Outcome: Arrest".
func describeFilters(header []string, filters []Filter) string {
	const most = 3
	parts := make([]string, 0, len(filters))
	for _, f := range filters {
		values := make([]string, 0, most+1)
		for _, v := range f.Values[:min(len(f.Values), most)] {
			values = append(values, words.Shorten(strings.TrimSpace(v), 40))
		}
		if len(f.Values) > most {
			values = append(values, fmt.Sprintf("and %d more", len(f.Values)-most))
		}
		parts = append(parts, words.Shorten(headerName(header, f.Column), 40)+": "+strings.Join(values, ", "))
	}
	return strings.Join(parts, "; ")
}

// note says, on the header's line, what the file was recognised as and how
// its rows were counted; Health.Recognised keeps its first sentence for
// the page's list of files.
func (l *policeUKLayout) note(t *reader, file string, m Mapping) {
	by := l.forceWords
	cols := fmt.Sprintf("the columns %q and %q", l.force, l.period)
	if l.force == "" {
		f, _ := police.MatchForce(m.FixedForce)
		by = "for " + f.ShortName + ", the force given in the column mapping"
		if named, ok := police.MatchForce(parsePoliceUKName(file).force); ok && named.Key() == f.Key() {
			by = "for " + f.ShortName + ", the force the file's name gives"
		}
		cols = fmt.Sprintf("the column %q", l.period)
	}
	t.Health.Recognised = fmt.Sprintf("%s: each row counted as %s, %s, %s", l.name, l.row, by, l.when)
	msg := fmt.Sprintf("%s (%s).", t.Health.Recognised, cols)
	if len(m.Filters) > 0 {
		msg += " Only the rows of " + describeFilters(t.Header, m.Filters) + " were counted."
	} else {
		msg += fmt.Sprintf(" To count only some %s, choose them in the column mapping.", l.categories)
	}
	t.Note(m.HeaderLine, 1, cube.Info, "police-uk", msg)
}

// readPoliceUK reads a police.uk file with the mapping m (its own, perhaps
// with categories chosen).
func readPoliceUK(file string, src source, l *policeUKLayout, m Mapping, p *progress) (*cube.Table, error) {
	t, err := readColumns(file, src, m, p, func(t *reader) { l.note(t, file, m) })
	if err != nil {
		return nil, err
	}
	checkFileMonth(t, file)
	return t, nil
}

// checkFileMonth warns of figures of months other than the one a file's
// name gives, as police.uk names its files: rows of another month in a
// file of one month were counted in the month they give, which the name
// says they are not.
func checkFileMonth(t *cube.Table, file string) {
	month := parsePoliceUKName(file).month
	if month == "" {
		return
	}
	var others []string
	rows, first := int64(0), 0
	for _, r := range t.All() {
		if r.Period.Label == month {
			continue
		}
		n, _ := r.Numerator.Value()
		rows += n
		if first == 0 || r.Line < first {
			first = r.Line
		}
		if len(others) < 3 {
			others = append(others, fmt.Sprintf("%s: %d", r.Period.Label, n))
		}
	}
	if rows == 0 {
		return
	}
	t.Note(first, 1, cube.Warning, "police-uk-month", fmt.Sprintf(
		"the file's name says its month is %s, as police.uk names its files, but %d rows are of other months (%s): they were counted in the months they give. Check that the file is police.uk's file of %s",
		month, rows, strings.Join(others, "; "), month))
	slices.SortStableFunc(t.Issues, func(a, b cube.Issue) int { return a.Line - b.Line })
}
