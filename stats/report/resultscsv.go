package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/gocarina/gocsv"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
)

// AllForcesCode is the force_code of the aggregate rows of results.csv.
const AllForcesCode = "ALL"

// Decimal is a number in results.csv: a plain decimal with '.', no thousands
// separators and as many digits as it takes to read back the same float64
// (so at least 6 significant digits); empty when it cannot be computed.
type Decimal float64

// MarshalCSV writes the decimal, or an empty cell for NaN or ±Inf.
func (d Decimal) MarshalCSV() (string, error) { return d.String(), nil }

func (d Decimal) String() string {
	v := float64(d)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// ResultRow is one row of results.csv. The first eight columns are a public
// contract (DESIGN.md): never rename or reorder them; add new ones at the end.
type ResultRow struct {
	ForceCode   string     `csv:"force_code"`
	ForceName   string     `csv:"force_name"`
	Period      string     `csv:"period"`
	Numerator   cube.Count `csv:"missing"`
	Denominator cube.Count `csv:"registered"`
	RatePer1000 Decimal    `csv:"rate_per_1000"`
	CI95Low     Decimal    `csv:"ci95_low"`
	CI95High    Decimal    `csv:"ci95_high"`
	CI998Low    Decimal    `csv:"ci998_low"`
	CI998High   Decimal    `csv:"ci998_high"`
	// How the force compares (issue 5's columns, in its order): empty on
	// the aggregate rows and where a figure cannot be compared.
	FunnelFlag     stats.FunnelFlag     `csv:"funnel_flag"`
	FunnelFlagOD   stats.FunnelFlag     `csv:"funnel_flag_od"`
	Comparison     stats.Comparison     `csv:"comparison"` // at 95%
	Rank           Place                `csv:"rank"`
	RankLow        Place                `csv:"rank_low"`
	RankHigh       Place                `csv:"rank_high"`
	TrendDirection stats.TrendDirection `csv:"trend_direction"`
	TrendP         Decimal              `csv:"trend_p"`
	Comparison998  stats.Comparison     `csv:"comparison_998"`
	Note           string               `csv:"note"` // why a figure is missing, cautions; marks synthetic practice data
	// Appended to the contract's columns: the measures' names as the files
	// call them, and, on an aggregate row, how many forces it rests on.
	NumeratorMeasure   string `csv:"numerator_measure"`
	DenominatorMeasure string `csv:"denominator_measure"`
	Coverage           string `csv:"coverage"`
}

// Place is a rank in results.csv: empty when the force was not ranked.
type Place int

// MarshalCSV writes the place, or an empty cell for 0.
func (p Place) MarshalCSV() (string, error) {
	if p == 0 {
		return "", nil
	}
	return strconv.Itoa(int(p)), nil
}

// ResultRows returns results.csv's rows: one per force per period, then one
// aggregate row (force_code ALL) per period.
func ResultRows(r analysis.Results) []ResultRow {
	return append(figureRows(r), aggregateRows(r.Aggregates, r.Measures, r.Mark)...)
}

// figureRows are the rows of r's figures.
func figureRows(r analysis.Results) []ResultRow {
	rows := make([]ResultRow, 0, len(r.Figures))
	for _, f := range r.Figures {
		row := resultRow(f.Force.ExportCode(), f.DisplayName(), f.Period, f.Rate)
		row.Note = words.JoinNote(f.PairedWith, row.Note)
		if !f.Total {
			row.addAssessment(f.Assessment)
			// On the funnel, a force has what a rank needs: only the
			// period can have none.
			if f.Assessment.Rank.Of == 0 && f.Assessment.Funnel != "" {
				if len(r.Periods) > analysis.MaxRankedPeriods && f.Period.Compare(r.Periods[len(r.Periods)-analysis.MaxRankedPeriods]) < 0 {
					row.Note = words.JoinNote(row.Note, fmt.Sprintf("not ranked: ranks are worked out for the latest %d periods only", analysis.MaxRankedPeriods))
				} else {
					row.Note = words.JoinNote(row.Note, fmt.Sprintf("not ranked: ranks are worked out for periods of at most %d forces with a rate", analysis.MaxRankedForces))
				}
			}
		}
		rows = append(rows, row)
	}
	return measured(rows, r.Measures, r.Mark)
}

// aggregateRows are the rows of the all-forces figures.
func aggregateRows(aggs []analysis.Aggregate, measures [2]string, mark string) []ResultRow {
	rows := make([]ResultRow, 0, len(aggs))
	for _, a := range aggs {
		row := resultRow(AllForcesCode, a.Label(), a.Period, a.Rate)
		row.addTrend(a.Assessment)
		row.Coverage = a.Coverage()
		if a.Thin() {
			row.Note = words.JoinNote(fmt.Sprintf("rests on only %s: too few to stand for all forces", a.Coverage()), row.Note)
		}
		rows = append(rows, row)
	}
	return measured(rows, measures, mark)
}

// measured names the measures on each row, and marks it (SyntheticMark).
func measured(rows []ResultRow, measures [2]string, mark string) []ResultRow {
	for i := range rows {
		rows[i].NumeratorMeasure, rows[i].DenominatorMeasure = measures[0], measures[1]
		if mark != "" {
			rows[i].Note = words.JoinNote(mark, rows[i].Note)
		}
	}
	return rows
}

func resultRow(code, name string, p cube.Period, rate stats.Rate) ResultRow {
	return ResultRow{
		ForceCode: code, ForceName: name, Period: p.Label,
		Numerator: rate.Numerator, Denominator: rate.Denominator,
		RatePer1000: Decimal(rate.PerThousand),
		CI95Low:     Decimal(rate.CI95.Low), CI95High: Decimal(rate.CI95.High),
		CI998Low: Decimal(rate.CI998.Low), CI998High: Decimal(rate.CI998.High),
		// No test has run until addTrend says so: a published total's
		// row has none, and a p of 0 would read as an overwhelming trend.
		TrendP: Decimal(math.NaN()),
		Note:   words.JoinNote(rate.Reason, smallCaution(rate)),
	}
}

func smallCaution(r stats.Rate) string {
	note := ""
	if r.Capped {
		note = stats.CappedCaution
	}
	if r.Small {
		note = words.JoinNote(note, stats.SmallCaution)
	}
	return note
}

func (row *ResultRow) addAssessment(a analysis.Assessment) {
	row.FunnelFlag, row.FunnelFlagOD = a.Funnel, a.FunnelOD
	row.Comparison, row.Comparison998 = a.Compared.At95, a.Compared.At998
	row.Rank, row.RankLow, row.RankHigh = Place(a.Rank.Point), Place(a.Rank.Low), Place(a.Rank.High)
	row.addTrend(a)
}

// addTrend writes the recent trend: its direction and the p value of the
// rule that gave it (analysis.withRule), empty where no test ran.
func (row *ResultRow) addTrend(a analysis.Assessment) {
	row.TrendDirection = a.Recent.Direction
	row.TrendP = Decimal(a.Recent.P)
}

// WriteResultsCSV writes results.csv: UTF-8, comma-separated, header first.
func WriteResultsCSV(w io.Writer, rows []ResultRow) error {
	cw := gocsv.NewSafeCSVWriter(csv.NewWriter(w))
	rows = safeRows(rows)
	if len(rows) == 0 {
		// gocsv writes no header for an empty slice; the contract wants one.
		return gocsv.MarshalCSV([]ResultRow{{}}[:0:0], cw)
	}
	return gocsv.MarshalCSV(rows, cw)
}
