package stats

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/gocarina/gocsv"
)

// Results are everything computed from one table: a figure per force per
// period, the all-forces aggregate per period, and a trend per force.
type Results struct {
	Method     Method
	Periods    []Period    // in order
	Figures    []Figure    // by period, then force
	Aggregates []Aggregate // one per period, in order
	Trends     []Trend     // one per force, by force
	Funnels    []Funnel    // one per period, in order
	// Mark is written at the start of every row's note, e.g.
	// SyntheticMark for practice data.
	Mark string
}

// Trend is one force's figures over time.
type Trend struct {
	Force      Force
	Matched    bool
	ForceName  string
	Figures    []Figure // in period order
	YearOnYear []PeriodChange
	Slope      Slope
	// ChiSquare is the test for trend over all the force's periods (the
	// rows of results.csv carry the test over the recent ones).
	ChiSquare ChiSquareTest
}

// Compute works out every figure of the table with the given interval method.
func Compute(t *Table, m Method) Results {
	res := Results{Method: m, Figures: make([]Figure, len(t.Rows))}
	for i, row := range t.Rows {
		res.Figures[i] = Figure{
			Force: row.Force, Matched: row.Matched, Total: row.Total, ForceName: row.ForceName,
			Period: row.Period, Rate: RateOf(row.Numerator, row.Denominator, m), PairedWith: pairedWith(row), Mismatch: row.Mismatch,
			DenominatorPeriod: row.DenominatorPeriod,
		}
	}
	sortStableByIndex(res.Figures, func(a, b *Figure) int {
		return cmp.Or(a.Period.Compare(b.Period), cmp.Compare(a.DisplayName(), b.DisplayName()))
	})
	res.Periods, res.Aggregates = aggregates(res.Figures, m)
	res.Funnels = assess(res.Figures, res.Aggregates)
	assessTrends(res.Figures, m)
	assessAggregates(res.Aggregates, m)
	res.Trends = trends(res.Figures)
	return res
}

func pairedWith(r Row) string {
	var note string
	if r.Pairing != "" && r.Pairing != PairedSamePeriod && r.Pairing != PairedSameRow {
		note = fmt.Sprintf("the denominator is the one %s (%s)", describePeriod(r.DenominatorPeriod), r.Pairing)
	}
	if r.Mismatch != "" {
		note = joinNote(note, r.Mismatch)
	}
	return note
}

// DisplayName is the force's short name, or the name as written when it
// matched no force.
func (f Figure) DisplayName() string {
	switch {
	case f.Matched && f.Force.IsTerritorial():
		return f.Force.ShortName
	case f.Matched:
		return f.Force.Name // "Police Scotland" reads better than "Scotland"
	}
	return f.ForceName
}

// aggregates groups figures (sorted by period) into one Aggregate a period.
func aggregates(figures []Figure, m Method) ([]Period, []Aggregate) {
	forces := map[string]bool{}
	for _, f := range figures {
		if !f.Total {
			forces[f.key()] = true
		}
	}
	var periods []Period
	var out []Aggregate
	for start := 0; start < len(figures); {
		end := start
		for end < len(figures) && figures[end].Period.Compare(figures[start].Period) == 0 {
			end++
		}
		p := figures[start].Period
		periods = append(periods, p)
		out = append(out, AggregateOf(p, figures[start:end], len(forces), m))
		start = end
	}
	return periods, out
}

// assess fills each figure's funnel flags, comparison and rank, period by
// period, and returns the funnels.
func assess(figures []Figure, aggs []Aggregate) []Funnel {
	funnels := make([]Funnel, 0, len(aggs))
	start := 0
	for i, a := range aggs {
		end := start
		for end < len(figures) && figures[end].Period.Compare(a.Period) == 0 {
			end++
		}
		funnels = append(funnels, assessPeriod(figures[start:end], a, i >= len(aggs)-MaxRankedPeriods))
		start = end
	}
	return funnels
}

func trends(figures []Figure) []Trend {
	byForce := map[string]*Trend{}
	var order []string
	sizes := map[string]int{}
	for i := range figures {
		sizes[figures[i].key()]++
	}
	for _, f := range figures {
		k := f.key()
		tr, ok := byForce[k]
		if !ok {
			tr = &Trend{Force: f.Force, Matched: f.Matched, ForceName: f.ForceName, Figures: make([]Figure, 0, sizes[k])}
			byForce[k] = tr
			order = append(order, k)
		}
		tr.Figures = append(tr.Figures, f) // figures arrive in period order
	}
	out := make([]Trend, 0, len(order))
	for _, k := range order {
		tr := byForce[k]
		tr.YearOnYear = YearOnYear(tr.Figures)
		tr.Slope = RateSlope(tr.Figures)
		tr.ChiSquare = ChiSquareTrend(trendPointsOf(tr.Figures))
		out = append(out, *tr)
	}
	slices.SortStableFunc(out, func(a, b Trend) int {
		return cmp.Compare(a.Figures[0].DisplayName(), b.Figures[0].DisplayName())
	})
	return out
}

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
	ForceCode   string  `csv:"force_code"`
	ForceName   string  `csv:"force_name"`
	Period      string  `csv:"period"`
	Numerator   Count   `csv:"missing"`
	Denominator Count   `csv:"registered"`
	RatePer1000 Decimal `csv:"rate_per_1000"`
	CI95Low     Decimal `csv:"ci95_low"`
	CI95High    Decimal `csv:"ci95_high"`
	CI998Low    Decimal `csv:"ci998_low"`
	CI998High   Decimal `csv:"ci998_high"`
	// How the force compares (issue 5's columns, in its order): empty on
	// the aggregate rows and where a figure cannot be compared.
	FunnelFlag     FunnelFlag     `csv:"funnel_flag"`
	FunnelFlagOD   FunnelFlag     `csv:"funnel_flag_od"`
	Comparison     Comparison     `csv:"comparison"` // at 95%
	Rank           Place          `csv:"rank"`
	RankLow        Place          `csv:"rank_low"`
	RankHigh       Place          `csv:"rank_high"`
	TrendDirection TrendDirection `csv:"trend_direction"`
	TrendP         Decimal        `csv:"trend_p"`
	Comparison998  Comparison     `csv:"comparison_998"`
	Note           string         `csv:"note"` // why a figure is missing, cautions; marks synthetic practice data
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

// Rows returns results.csv's rows: one per force per period, then one
// aggregate row (force_code ALL) per period.
func (r Results) Rows() []ResultRow {
	rows := make([]ResultRow, 0, len(r.Figures)+len(r.Aggregates))
	for _, f := range r.Figures {
		row := resultRow(f.Force.ExportCode(), f.DisplayName(), f.Period, f.Rate)
		row.Note = joinNote(f.PairedWith, row.Note)
		if !f.Total {
			row.addAssessment(f.Assessment)
			if f.Assessment.Rank.Of == 0 && f.Assessment.Funnel != "" && len(r.Periods) > MaxRankedPeriods && f.Period.Compare(r.Periods[len(r.Periods)-MaxRankedPeriods]) < 0 {
				row.Note = joinNote(row.Note, fmt.Sprintf("not ranked: ranks are worked out for the latest %d periods only", MaxRankedPeriods))
			}
		}
		rows = append(rows, row)
	}
	for _, a := range r.Aggregates {
		row := resultRow(AllForcesCode, "All forces ("+a.Coverage()+")", a.Period, a.Rate)
		row.addTrend(a.Assessment)
		rows = append(rows, row)
	}
	if r.Mark != "" {
		for i := range rows {
			rows[i].Note = joinNote(r.Mark, rows[i].Note)
		}
	}
	return rows
}

func resultRow(code, name string, p Period, rate Rate) ResultRow {
	return ResultRow{
		ForceCode: code, ForceName: name, Period: p.Label,
		Numerator: rate.Numerator, Denominator: rate.Denominator,
		RatePer1000: Decimal(rate.PerThousand),
		CI95Low:     Decimal(rate.CI95.Low), CI95High: Decimal(rate.CI95.High),
		CI998Low: Decimal(rate.CI998.Low), CI998High: Decimal(rate.CI998.High),
		Note: joinNote(rate.Reason, smallCaution(rate)),
	}
}

func smallCaution(r Rate) string {
	if r.Small {
		return SmallCaution
	}
	return ""
}

func (row *ResultRow) addAssessment(a Assessment) {
	row.FunnelFlag, row.FunnelFlagOD = a.Funnel, a.FunnelOD
	row.Comparison, row.Comparison998 = a.Compared.At95, a.Compared.At998
	row.Rank, row.RankLow, row.RankHigh = Place(a.Rank.Point), Place(a.Rank.Low), Place(a.Rank.High)
	row.addTrend(a)
}

func (row *ResultRow) addTrend(a Assessment) {
	row.TrendDirection = a.Recent.Direction
	row.TrendP = Decimal(a.ChiSquare.P)
}

func joinNote(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// ExportCode is the force's code in results.csv: the ONS code, else the
// data.police.uk id, else empty.
func (f Force) ExportCode() string {
	if f.Code != "" {
		return f.Code
	}
	return f.PoliceUKID
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
