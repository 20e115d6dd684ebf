package ingest

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

const (
	streetHeader   = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context"
	outcomesHeader = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type"
	searchHeader   = "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity," +
		"Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing"
)

// TestPoliceUKLayoutOf: a police.uk file is known by every column of its
// header, whatever their case, spacing or order, and by nothing less.
func TestPoliceUKLayoutOf(t *testing.T) {
	tests := []struct {
		name, header string
		want         string // the layout's kind; "" for none
	}{
		{"street", streetHeader, "street"},
		{"outcomes", outcomesHeader, "outcomes"},
		{"stop and search", searchHeader, "stop-and-search"},
		{"case and spaces", strings.ToUpper(strings.ReplaceAll(streetHeader, ",", " , ")), "street"},
		{"reordered", "Month,Crime ID,Falls within,Reported by,Latitude,Longitude,Location,LSOA name,LSOA code,Crime type,Context,Last outcome category", "street"},
		{"blank cells after it", streetHeader + ",,", "street"},
		// The first years' stop-and-search files, without the columns
		// asked of forces later.
		{"older stop and search", "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range," +
			"Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome", "stop-and-search"},
		{"a column more", streetHeader + ",Count", ""},
		{"a column less", strings.TrimSuffix(streetHeader, ",Context"), ""},
		{"stop and search without its outcome", strings.Replace(searchHeader, ",Outcome,", ",", 1), ""},
		{"a column twice", outcomesHeader + ",Outcome type", ""},
		{"figures", "Force,Year,Missing,Registered", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ok := policeUKLayoutOf(strings.Split(tt.header, ","))
			got := ""
			if ok {
				got = l.kind
			}
			if got != tt.want {
				t.Errorf("recognised as %q, want %q", got, tt.want)
			}
		})
	}
}

func readPoliceUKFixture(t *testing.T, file string, m *Mapping) *cube.Table {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "structure", file))
	if err != nil {
		t.Fatal(err)
	}
	tab, err := ReadBytes(file, data, ReadOptions{Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// policeUKFigures are a table's counts by force and period: "Avon and Somerset
// 2019-01" → "2".
func policeUKFigures(tab *cube.Table) map[string]string {
	out := map[string]string{}
	for _, r := range tab.All() {
		out[r.Force.ShortName+" "+r.Period.Label] = countText(r.Numerator)
	}
	return out
}

func issueWith(tab *cube.Table, code string) (cube.Issue, bool) {
	i := slices.IndexFunc(tab.Issues, func(is cube.Issue) bool { return is.Code == code })
	if i < 0 {
		return cube.Issue{}, false
	}
	return tab.Issues[i], true
}

// TestPoliceUKCategories: the layout's own mapping with categories chosen
// counts only their rows, names the measure for them, and says so; with
// none it counts every row, and the measure says what a row is.
func TestPoliceUKCategories(t *testing.T) {
	tests := []struct {
		file    string
		filters []Filter
		want    map[string]string
		measure string
	}{
		{
			// awk -F, 'NR>1 {c[$4" "$2]++} END {for (k in c) print k, c[k]}' police-uk-street.csv
			file: "police-uk-street.csv",
			want: map[string]string{"Avon and Somerset 2019-01": "2", "Avon and Somerset 2019-02": "1", "Bedfordshire 2019-01": "1", "Bedfordshire 2019-02": "2"},
			// Its crime types include "Anti-social behaviour".
			measure: "street-level crimes and anti-social behaviour",
		},
		{
			// awk -F, 'NR>1 && $10 == "Burglary" {c[$4" "$2]++} END {for (k in c) print k, c[k]}' police-uk-street.csv
			file:    "police-uk-street.csv",
			filters: []Filter{{Column: 9, Values: []string{"burglary "}}},
			want:    map[string]string{"Avon and Somerset 2019-01": "1", "Avon and Somerset 2019-02": "1", "Bedfordshire 2019-02": "1"},
			measure: "street-level crimes (Crime type: burglary)",
		},
		{
			// awk -F, 'NR>1 && $10 == "Anti-social behaviour" {c[$4" "$2]++} END {for (k in c) print k, c[k]}' police-uk-street.csv
			file:    "police-uk-street.csv",
			filters: []Filter{{Column: 9, Values: []string{"Anti-social behaviour"}}},
			want:    map[string]string{"Bedfordshire 2019-01": "1"},
			measure: "anti-social behaviour incidents",
		},
		{
			// awk -F, 'NR>1 && $2 != "" && $4 != "" && $10 == "Suspect charged" {c[$4" "$2]++} END {for (k in c) print k, c[k]}' police-uk-outcomes.csv
			file:    "police-uk-outcomes.csv",
			filters: []Filter{{Column: 9, Values: []string{"Suspect charged"}}},
			want:    map[string]string{"Bedfordshire 2019-01": "1", "Bedfordshire 2019-02": "1"},
			measure: "crime outcomes (Outcome type: Suspect charged)",
		},
		{
			// python3 -c "... collections.Counter(datetime.fromisoformat(r['Date']).astimezone(ZoneInfo('Europe/London'))
			// .strftime('%Y-%m') for r in csv.DictReader(open('2019-06-avon-and-somerset-stop-and-search.csv'))
			// if r['Date'] and r['Object of search'] == 'Controlled drugs')": 4 in 2019-06
			file:    "2019-06-avon-and-somerset-stop-and-search.csv",
			filters: []Filter{{Column: 11, Values: []string{"Controlled drugs"}}},
			want:    map[string]string{"Avon and Somerset 2019-06": "4"},
			measure: "stop and searches (Object of search: Controlled drugs)",
		},
		{
			// the same command with r['Outcome'] == 'Arrest' for the object of search: 2 in 2019-06
			file:    "2019-06-avon-and-somerset-stop-and-search.csv",
			filters: []Filter{{Column: 12, Values: []string{"Arrest"}}},
			want:    map[string]string{"Avon and Somerset 2019-06": "2"},
			measure: "stop and searches (Outcome: Arrest)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.measure, func(t *testing.T) {
			var m *Mapping
			if tt.filters != nil {
				// As the page sends it: the preview's guess, the
				// categories chosen.
				data, err := os.ReadFile(filepath.Join("testdata", "structure", tt.file))
				if err != nil {
					t.Fatal(err)
				}
				p, err := PreviewData(tt.file, data, PreviewOptions{})
				if err != nil {
					t.Fatal(err)
				}
				g := p.Guess
				g.Filters = tt.filters
				m = &g
			}
			tab := readPoliceUKFixture(t, tt.file, m)
			if got := policeUKFigures(tab); !maps.Equal(got, tt.want) {
				t.Errorf("figures %v, want %v", got, tt.want)
			}
			if tab.Measures[0] != tt.measure || tab.Measures[1] != "" {
				t.Errorf("measures %q, want %q", tab.Measures, tt.measure)
			}
			note, ok := issueWith(tab, "police-uk")
			if !ok || !strings.HasPrefix(note.Message, tab.Health.Recognised) || tab.Health.Recognised == "" {
				t.Fatalf("no police-uk note beginning with what was recognised (%q): %v", tab.Health.Recognised, issueCodes(tab.Issues))
			}
			if tt.filters != nil && !strings.Contains(note.Message, "Only the rows of ") {
				t.Errorf("the note does not say which rows were counted: %s", note.Message)
			}
			if _, byHand := issueWith(tab, "mapped-by-hand"); byHand {
				t.Error("the layout's own mapping was said to be chosen by hand")
			}
		})
	}
}

// TestPoliceUKSkippedRows: a row without its month or its force is skipped
// with a note on its line, and the file's health counts only those rows as
// not kept.
func TestPoliceUKSkippedRows(t *testing.T) {
	tab := readPoliceUKFixture(t, "police-uk-outcomes.csv", nil)
	// awk -F, '$2 == "" {print NR}' police-uk-outcomes.csv: 6; '$4 == "" {print NR}': 9
	for code, line := range map[string]int{"bad-period": 6, "no-force": 9} {
		if is, ok := issueWith(tab, code); !ok || is.Line != line || is.Severity != cube.Error {
			t.Errorf("%s: %+v, want an error on line %d", code, is, line)
		}
	}
	if h := tab.Health; h.RowsRead != 8 || h.RowsKept != 6 || h.RowsSkipped != 2 {
		t.Errorf("health: %d read, %d kept, %d skipped; want 8, 6, 2", h.RowsRead, h.RowsKept, h.RowsSkipped)
	}
}

// TestPoliceUKStopAndSearchForce: the force of a stop and search is the one
// its file's name gives, as police.uk names its files; a name that gives
// none is refused, saying what to do, and the force can then be given.
func TestPoliceUKStopAndSearchForce(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "structure", "2019-06-avon-and-somerset-stop-and-search.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"2019-06-avon-and-somerset-stop-and-search.csv":     "Avon and Somerset",
		"2019-06-avon-and-somerset-stop-and-search (1).csv": "Avon and Somerset",
		"2019-06-metropolitan-stop-and-search.csv":          "Metropolitan",
		"2019-06-btp-stop-and-search.csv":                   "British Transport Police",
		"kent.csv":                                          "Kent",
	} {
		tab, err := ReadBytes(name, data, ReadOptions{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := tab.Row(0).Force.ShortName; got != want || !tab.Row(0).Matched {
			t.Errorf("%s: the force is %q, want %q", name, got, want)
		}
	}
	for _, name := range []string{"stop-and-search.csv", "2019-06-stop-and-search.csv", "searches in kent.csv", "2019-06-avon-stop-and-search.csv"} {
		_, err := ReadBytes(name, data, ReadOptions{})
		var he *HeaderError
		var pe *ParseError
		if !errors.As(err, &he) || !errors.As(err, &pe) || pe.File != name || pe.Line != 1 {
			t.Errorf("%s: %v, want a *HeaderError in a *ParseError of line 1", name, err)
			continue
		}
		for _, words := range []string{name, "names no police force", "Rename the file", "choose the columns by hand"} {
			if !strings.Contains(err.Error(), words) {
				t.Errorf("%s: %q does not say %q", name, err, words)
			}
		}
	}
	// The preview's guess has no force; given, the file is read.
	const name = "searches.csv"
	p, err := PreviewData(name, data, PreviewOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m := p.Guess
	if m.Force != -1 || m.FixedForce != "" || m.Period != 1 || !m.CountRows {
		t.Fatalf("guess %+v", m)
	}
	m.FixedForce = "Wiltshire"
	tab, err := ReadBytes(name, data, ReadOptions{Mapping: &m})
	if err != nil {
		t.Fatal(err)
	}
	if got := policeUKFigures(tab); !maps.Equal(got, map[string]string{"Wiltshire 2019-06": "7"}) {
		t.Errorf("figures %v", got)
	}
	if note, ok := issueWith(tab, "police-uk"); !ok || !strings.Contains(note.Message, "for Wiltshire, the force given in the column mapping") {
		t.Errorf("note %q", note.Message)
	}
	m.FixedForce = "Wessex"
	if _, err := ReadBytes(name, data, ReadOptions{Mapping: &m}); !errors.Is(err, ErrBadMapping) || !strings.Contains(err.Error(), `"Wessex"`) {
		t.Errorf("a force that is none: %v", err)
	}
}

// TestPoliceUKPreview: the column mapping opens on a police.uk file's own
// mapping, its categories offered to choose from.
func TestPoliceUKPreview(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "structure", "police-uk-street.csv"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := PreviewData("police-uk-street.csv", data, PreviewOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := Mapping{HeaderLine: 1, Force: 3, Period: 1, Numerator: -1, Denominator: -1, CountRows: true}
	if !reflect.DeepEqual(p.Guess, want) {
		t.Errorf("guess %+v, want %+v", p.Guess, want)
	}
	if p.Health.Recognised != "police.uk street-level crime records" {
		t.Errorf("recognised as %q", p.Health.Recognised)
	}
	// awk -F, 'NR>1 && !s[$10]++ {print $10}' police-uk-street.csv
	if got := p.Categories[9]; !slices.Equal(got, []string{"Burglary", "Vehicle crime", "Anti-social behaviour", "Shoplifting"}) {
		t.Errorf("crime types offered: %q", got)
	}
}

// TestPoliceUKMonths: a police.uk Month is a month, December 2011 too
// (which ParsePeriod alone reads as the financial year 2011/12).
func TestPoliceUKMonths(t *testing.T) {
	data := streetHeader + "\n" +
		"a1,2011-12,Kent Police,Kent Police,0.52,51.27,On or near High Street,E01024000,Maidstone 001A,Burglary,Under investigation,\n" +
		"a2,2011-12,Kent Police,Kent Police,0.52,51.27,On or near High Street,E01024000,Maidstone 001A,Robbery,Under investigation,\n" +
		"a3,2012-01,Kent Police,Kent Police,0.52,51.27,On or near High Street,E01024000,Maidstone 001A,Burglary,Under investigation,\n"
	tab, err := ReadBytes("kent.csv", []byte(data), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := policeUKFigures(tab); !maps.Equal(got, map[string]string{"Kent 2011-12": "2", "Kent 2012-01": "1"}) {
		t.Errorf("figures %v", got)
	}
	if k := tab.Row(0).Period.Kind; k != cube.PeriodMonth {
		t.Errorf("2011-12 is a %v", k)
	}
}

// TestPoliceUKFileMonth: rows of another month than the one the file's name
// gives are counted in their own, with a warning.
func TestPoliceUKFileMonth(t *testing.T) {
	row := "Person search,%s,False,,51.27,0.52,Male,18-24,,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,True,False\n"
	data := searchHeader + "\n" + strings.ReplaceAll(row, "%s", "2019-07-02T10:00:00+00:00") + strings.ReplaceAll(row, "%s", "2019-06-15T10:00:00+00:00")
	tab, err := ReadBytes("2019-07-kent-stop-and-search.csv", []byte(data), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	is, ok := issueWith(tab, "police-uk-month")
	if !ok || is.Severity != cube.Warning || is.Line != 3 || !strings.Contains(is.Message, "1 rows are of other months (2019-06: 1)") {
		t.Errorf("warning %+v", is)
	}
	if got := policeUKFigures(tab); !maps.Equal(got, map[string]string{"Kent 2019-07": "1", "Kent 2019-06": "1"}) {
		t.Errorf("figures %v", got)
	}
}

// TestUKTime: the month of a date and time in UK time. Reference values
// from Python 3.11's zoneinfo (tzdata of the system):
// datetime.fromisoformat(s).astimezone(ZoneInfo('Europe/London')).
func TestUKTime(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2019-03-31T00:59:59+00:00", "2019-03-31T00:59:59"},
		{"2019-03-31T01:00:00+00:00", "2019-03-31T02:00:00"},
		{"2019-10-27T00:59:59+00:00", "2019-10-27T01:59:59"},
		{"2019-10-27T01:00:00+00:00", "2019-10-27T01:00:00"},
		{"2019-05-31T23:30:00+00:00", "2019-06-01T00:30:00"},
		{"2019-06-30T22:45:00+00:00", "2019-06-30T23:45:00"},
		{"2019-06-30T23:00:00+00:00", "2019-07-01T00:00:00"},
		{"2019-12-31T23:30:00+00:00", "2019-12-31T23:30:00"},
		{"2020-03-29T01:00:00+00:00", "2020-03-29T02:00:00"},
		{"2019-07-01T00:30:00+01:00", "2019-07-01T00:30:00"},
		{"2024-03-31T00:30:00+00:00", "2024-03-31T00:30:00"},
		{"2024-03-31T01:30:00+00:00", "2024-03-31T02:30:00"},
	}
	for _, tt := range tests {
		in, err := time.Parse(time.RFC3339, tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := ukTime(in).Format("2006-01-02T15:04:05"); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.in, got, tt.want)
		}
	}
	for in, want := range map[string]string{"2019-05-31T23:30:00+00:00": "2019-06", "2019-06-03": "2019-06", " 2019-06-30T23:00:00Z ": "2019-07"} {
		y, m, ok := ukMonth(in)
		if got := cube.Month(y, m).Label; !ok || got != want {
			t.Errorf("ukMonth(%q) = %s %v, want %s", in, got, ok, want)
		}
	}
	if _, _, ok := ukMonth("June 2019"); ok {
		t.Error("a month's name was read as a date and time")
	}
}

// BenchmarkReadPoliceUKStreet reads a police.uk street-level crime file of
// 50 MB (about 220,000 rows) into counts per force per month: the
// benchmark's file b, as ../shared/bench-peers/gen.mjs writes it, when
// FOI_STREET_FILE names it, else one of the same shape made here.
//
// make bench runs it; the figures are measured, never asserted.
func BenchmarkReadPoliceUKStreet(b *testing.B) {
	var data []byte
	if name := os.Getenv("FOI_STREET_FILE"); name != "" {
		var err error
		if data, err = os.ReadFile(name); err != nil {
			b.Fatal(err)
		}
	} else {
		data = testfiles.StreetCSV(50e6, police.TerritorialNames())
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		t, err := ReadBytes("street-level-crime.csv", data, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if t.Len() == 0 {
			b.Fatal("no figures")
		}
	}
}
