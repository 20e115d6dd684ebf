package examples

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/gocarina/gocsv"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// SyntheticMark labels every table, chart and export made from the synthetic
// practice data, so that nobody mistakes it for real figures.
const SyntheticMark = "synthetic practice data"

// SyntheticDatasetName is the name the synthetic example goes by in the
// library.
const SyntheticDatasetName = "Synthetic practice data: 43 forces over 10 years"

// ReportedFiguresFile is the name the real example dataset goes by.
const ReportedFiguresFile = "reported-figures.csv"

// reportedFiguresCSV is a transcription of the project's table of real figures
// on registered sex offenders as published in the press and in FOI responses,
// one figure a row with its date, coverage and source.
//
//go:embed data/reported-figures.csv
var reportedFiguresCSV []byte

// ReportedFigure is one published figure: a count of missing or of registered
// offenders in an area on a date, with where it was published.
type ReportedFigure struct {
	Area      string `csv:"area" json:"area"`
	Measure   string `csv:"measure" json:"measure"` // "missing" or "registered"
	Value     int64  `csv:"value" json:"value"`
	AsAt      string `csv:"as_at" json:"asAt"`
	Coverage  string `csv:"coverage" json:"coverage"`
	Source    string `csv:"source" json:"source"`
	SourceURL string `csv:"source_url" json:"sourceUrl"`
}

// ReportedFigures returns the real published figures, as transcribed.
func ReportedFigures() []ReportedFigure {
	var out []ReportedFigure
	if err := gocsv.UnmarshalBytes(reportedFiguresCSV, &out); err != nil {
		panic("stats: embedded reported figures: " + err.Error())
	}
	return out
}

// ReportedFiguresTable turns the published figures into a table with one row
// per area per date: the missing count as numerator and the registered count
// as denominator where the same area and date give both. The figures are left
// as published, gaps and mismatched dates included; national totals ("United
// Kingdom", "England and Wales") are kept as rows under their own names.
func ReportedFiguresTable() *cube.Table {
	t := &cube.Table{File: ReportedFiguresFile, Header: []string{"area", "measure", "value", "as_at"},
		Measures: [2]string{"missing", "registered"},
		Columns:  cube.ColumnMap{Force: 0, Period: 3, Numerator: 2, Denominator: 2}}
	index := map[cube.RowKey]int{}
	figures := ReportedFigures()
	t.Health = cube.Health{Encoding: "UTF-8", Delimiter: cube.DelimiterName(','), LineEndings: "LF", HeaderLine: 1,
		RowsRead: len(figures), RowsKept: len(figures)}
	for i, fig := range figures {
		line := i + 2 // the header is line 1
		period, err := cube.ParsePeriod(fig.AsAt)
		if err != nil {
			t.Note(line, 4, cube.Error, "bad-period", err.Error())
			continue
		}
		force, matched := police.MatchForce(fig.Area)
		key := cube.RowKey{Force: fig.Area, Period: period.Label}
		at, ok := index[key]
		if !ok {
			at = t.Len()
			index[key] = at
			total := !matched && police.IsTotalName(fig.Area)
			t.AppendRow(cube.Row{Line: line, ForceName: fig.Area, Force: force, Matched: matched, Total: total, Period: period})
			if total {
				t.Note(line, 1, cube.Info, "total-row", fmt.Sprintf("%q is a total, not a force: it is shown under that name and kept out of the all-forces figure", fig.Area))
			}
		}
		row := t.Row(at)
		switch fig.Measure {
		case "missing":
			row.Numerator = cube.Exact(fig.Value)
		case "registered":
			row.Denominator = cube.Exact(fig.Value)
		}
		t.SetRow(at, row)
	}
	return t
}

// SyntheticFile is the name the synthetic practice dataset goes by.
const SyntheticFile = "synthetic-practice-data.csv"

// Synthetic practice data: 43 forces over 10 financial years.
const (
	syntheticSeed      = 20180117 // the date of the Sky News survey; any fixed number would do
	syntheticFirstYear = 2014
	syntheticYears     = 10
)

// SyntheticPracticeCSV makes the synthetic practice dataset as CSV text: the
// 43 territorial forces over the financial years 2014/15 to 2023/24, with the
// columns Force, Financial year, Missing, Registered. It is deterministic: the
// same bytes every time.
//
// The model, chosen to look like the real figures without being them: each
// force has a size s = 0.78 per 1,000 of its resident population ×
// lognormal(0, 0.25) registered offenders in 2014/15 (about 46,000 in all,
// as England and Wales had), growing by 4% a year (England and Wales went
// from 36,921 in 2010/11 to 70,052 in 2023/24); each force has its own missing proportion
// p = 8 per 1,000 × lognormal(0, 0.35), drifting by a force-specific −3% to +3%
// a year; registered is s rounded, and missing ~ Binomial(registered, p).
func SyntheticPracticeCSV() []byte {
	src := rand.NewPCG(syntheticSeed, syntheticSeed)
	rnd := rand.New(src)
	normal := distuv.Normal{Mu: 0, Sigma: 1, Src: src}
	var b bytes.Buffer
	b.WriteString("Force,Financial year,Missing,Registered\n")
	for _, f := range police.Forces() {
		if !f.IsTerritorial() {
			continue
		}
		size := police.ApproxPopulation[f.Code] * 0.78 * math.Exp(0.25*normal.Rand())
		p := 0.008 * math.Exp(0.35*normal.Rand())
		drift := -0.03 + 0.06*rnd.Float64()
		for y := 0; y < syntheticYears; y++ {
			registered := math.Round(size * math.Pow(1.04, float64(y)))
			py := math.Min(0.5, p*math.Pow(1+drift, float64(y)))
			missing := distuv.Binomial{N: registered, P: py, Src: src}.Rand()
			fmt.Fprintf(&b, "%s,%s,%d,%d\n", csvField(f.ShortName), cube.FinancialYear(syntheticFirstYear+y).Label,
				int64(missing), int64(registered))
		}
	}
	return b.Bytes()
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// ReportedFiguresCSV returns the real figures as the CSV they are kept in.
func ReportedFiguresCSV() []byte { return append([]byte(nil), reportedFiguresCSV...) }
