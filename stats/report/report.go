package report

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// Number is a float64 that encodes as JSON null when it is NaN or ±Inf, so
// that no output ever shows "NaN" or "Infinity".
type Number float64

// MarshalJSON writes the number, or null when it has no value.
func (n Number) MarshalJSON() ([]byte, error) {
	v := float64(n)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// countNumber is an exact count as a Number, else null.
func countNumber(c cube.Count) Number { return Number(c.Float()) }

// Report is what the page shows for one dataset: the rows of results.csv,
// each force's series over time with its trend, and the reader's issues. It
// is made from the same Results as the export, so that the page and the file
// cannot disagree.
type Report struct {
	Method  string      `json:"method"`
	Mark    string      `json:"mark,omitempty"`
	Columns []string    `json:"columns"`
	Rows    []ReportRow `json:"rows"`
	Periods []string    `json:"periods"`
	// PeriodWords are the Periods as a sentence writes them
	// (cube.Period.Words), in the same order: the page's captions name a
	// period in words, and take those words from here rather than make
	// them again in JavaScript.
	PeriodWords []string      `json:"periodWords"`
	Series      []ReportTrend `json:"series"` // one per force, then the all-forces series
	// Issues are the reader's notes, the first MaxShownIssues of them;
	// IssuesTotal counts them all (issues.csv has every one).
	Issues      []cube.Issue      `json:"issues"`
	IssuesTotal int               `json:"issuesTotal"`
	Files       []cube.FileHealth `json:"files"`
	// NoteGroups are every note grouped by file, severity and kind, for
	// the import report (notegroups.go).
	NoteGroups []NoteGroup `json:"noteGroups"`
	// Pairings lists every numerator paired with a denominator of another
	// period, in words.
	Pairings []cube.Pairing `json:"pairings"`
	// Claims checks the totals' headline figures; see TotalClaims.
	Claims []Claim `json:"claims"`
	// Unmatched lists the names that match no force, for mapping by hand.
	Unmatched []string `json:"unmatched"`
	// Funnels holds one funnel plot per period, in period order.
	Funnels []ReportFunnel `json:"funnels"`
	// PeriodsTotal and RowsTotal count every period and row of results.csv;
	// the rows, funnels and series points above are those of the latest
	// MaxShownPeriods periods only.
	PeriodsTotal int `json:"periodsTotal"`
	RowsTotal    int `json:"rowsTotal"`
	// ForcesAltText describes the chart of every force in each period, in
	// the order of Periods (ForcesAltText).
	ForcesAltText []string `json:"forcesAltText"`
	// Warnings are the errors and warnings grouped by kind, for the top of
	// the view (warnings.go); Withheld says when many figures are blank
	// because a count is withheld.
	Warnings []IssueGroup `json:"warnings"`
	Withheld string       `json:"withheld,omitempty"`
	// Measures name the numerator and the denominator as the dataset
	// does, for the charts' axes; RateWords name the rate in words
	// (RateWords), for chart titles.
	Measures  [2]string `json:"measures"`
	RateWords string    `json:"rateWords"`
}

// MaxShownPeriods is how many of the latest periods the page is sent: ten
// years of months. A file of daily figures over decades has thousands, and
// every one of them would be a table, a funnel and a point on every series,
// far more than a page can draw or a person read; results.csv and the trend
// tests still use them all.
const MaxShownPeriods = 120

// MaxShownIssues is how many of the reader's notes the page is sent. A
// file of random daily figures gave 22,431 plausibility warnings: 14 MB of
// the 16 MB view, longer to send and list than the figures themselves, and
// more than anyone reads in a list; the warnings at the top of the view
// count them all by kind, and issues.csv has each one.
const MaxShownIssues = 1000

// ReportRow is a row of results.csv with nullable numbers.
type ReportRow struct {
	ForceCode  string `json:"forceCode"`
	ForceName  string `json:"forceName"`
	Period     string `json:"period"`
	Missing    Number `json:"missing"`
	Registered Number `json:"registered"`
	// MissingText and RegisteredText are the cells as written when they are
	// not exact counts ("<5", "*"), for the page to show instead of a dash.
	MissingText string `json:"missingText,omitempty"`
	// IsTotal marks a published total or region row of the file (not the
	// all-forces figure the app works out, which IsAggregate marks).
	IsTotal bool `json:"isTotal,omitempty"`
	// NotQuotable marks an aggregate too thin to stand for all forces: its
	// finding says so, and the page offers no Copy for it.
	NotQuotable    bool   `json:"notQuotable,omitempty"`
	RegisteredText string `json:"registeredText,omitempty"`
	Rate           Number `json:"rate"`
	CI95Low        Number `json:"ci95Low"`
	CI95High       Number `json:"ci95High"`
	CI998Low       Number `json:"ci998Low"`
	CI998High      Number `json:"ci998High"`
	Note           string `json:"note"`
	IsAggregate    bool   `json:"isAggregate"`
	// How the figure compares; see ResultRow.
	FunnelFlag     string `json:"funnelFlag"`
	FunnelFlagOD   string `json:"funnelFlagOD"`
	Comparison     string `json:"comparison"`
	Comparison998  string `json:"comparison998"`
	Rank           int    `json:"rank"` // 0 when not ranked
	RankLow        int    `json:"rankLow"`
	RankHigh       int    `json:"rankHigh"`
	RankText       string `json:"rankText"`
	TrendDirection string `json:"trendDirection"`
	TrendP         Number `json:"trendP"`
	Small          bool   `json:"small"`   // fewer than SmallCount events
	Finding        string `json:"finding"` // the figure in words, ready to quote
}

// ReportFunnel is one period's funnel plot, its rates per 1,000.
type ReportFunnel struct {
	Period    string `json:"period"`
	Target    Number `json:"target"`
	Phi       Number `json:"phi"`
	Tau2      Number `json:"tau2"`
	ODPresent bool   `json:"odPresent"`
	// ODWords say what φ and τ² mean for this funnel (OverdispersionWords).
	ODWords string              `json:"odWords"`
	Points  []ReportFunnelPoint `json:"points"`
	Curve   []ReportCurvePoint  `json:"curve"`
	Left    []string            `json:"left"`
	AltText string              `json:"altText"`
	Reason  string              `json:"reason,omitempty"`
}

// ReportFunnelPoint is a force on a funnel plot.
type ReportFunnelPoint struct {
	Key    string `json:"key"`
	Name   string `json:"name"`
	N      Number `json:"n"`
	Rate   Number `json:"rate"`
	Flag   string `json:"flag"`
	FlagOD string `json:"flagOD"`
}

// ReportCurvePoint is one denominator of a funnel's limit curves.
type ReportCurvePoint struct {
	N         Number `json:"n"`
	Low95     Number `json:"low95"`
	High95    Number `json:"high95"`
	Low998    Number `json:"low998"`
	High998   Number `json:"high998"`
	ODLow95   Number `json:"odLow95"`
	ODHigh95  Number `json:"odHigh95"`
	ODLow998  Number `json:"odLow998"`
	ODHigh998 Number `json:"odHigh998"`
}

// curvePoints is how many denominators a funnel's curves are drawn through.
const curvePoints = 80

// reportFunnel is a funnel for the page; its limit curves only when curve
// is set (the latest periods: a series of thousands of daily periods would
// otherwise send megabytes of curves nobody draws).
func reportFunnel(f analysis.Funnel, curve bool) ReportFunnel {
	rf := ReportFunnel{Period: f.Period.Label, Target: Number(f.Target * stats.PerThousand), Phi: Number(f.OD.Phi), Tau2: Number(f.OD.Tau2),
		ODPresent: f.OD.Present(), ODWords: OverdispersionWords(f.OD), Points: []ReportFunnelPoint{}, Curve: []ReportCurvePoint{}, Left: f.Left, AltText: FunnelAltText(f), Reason: f.Reason}
	if rf.Left == nil {
		rf.Left = []string{}
	}
	for _, p := range f.Points {
		rf.Points = append(rf.Points, ReportFunnelPoint{Key: p.Figure.Key(), Name: p.Figure.DisplayName(), N: Number(p.N),
			Rate: Number(p.Proportion * stats.PerThousand), Flag: string(p.Flag), FlagOD: string(p.FlagOD)})
	}
	if !curve {
		return rf
	}
	for _, c := range f.Curve(curvePoints) {
		rf.Curve = append(rf.Curve, ReportCurvePoint{N: Number(c.N),
			Low95: Number(c.L.Low95), High95: Number(c.L.High95), Low998: Number(c.L.Low998), High998: Number(c.L.High998),
			ODLow95: Number(c.OD.Low95), ODHigh95: Number(c.OD.High95), ODLow998: Number(c.OD.Low998), ODHigh998: Number(c.OD.High998)})
	}
	return rf
}

// inexactText is a censored or suppressed cell as written, else empty.
func inexactText(c cube.Count) string {
	if c.Kind == cube.CountCensored || c.Kind == cube.CountSuppressed {
		return strings.TrimSpace(c.Raw)
	}
	return ""
}

// ReportTrend is one force's (or all forces') series over the periods.
type ReportTrend struct {
	Key        string        `json:"key"`
	Name       string        `json:"name"`
	Points     []ReportPoint `json:"points"`
	Slope      ReportSlope   `json:"slope"`
	YearOnYear []ReportDelta `json:"yearOnYear"`
	AltText    string        `json:"altText"` // the series in words, for a chart's alt text
	// ChiSquare and TrendP are the test for trend over every period of the series.
	ChiSquare Number `json:"chiSquare"`
	TrendP    Number `json:"trendP"`
	TrendNote string `json:"trendNote,omitempty"`
}

// ReportPoint is one period of a series; T is the period's midpoint in years.
type ReportPoint struct {
	Period string `json:"period"`
	T      Number `json:"t"`
	Rate   Number `json:"rate"`
	Low    Number `json:"low"`
	High   Number `json:"high"`
	Reason string `json:"reason,omitempty"`
}

// ReportSlope is a Slope with nullable numbers.
type ReportSlope struct {
	PerYear Number `json:"perYear"`
	StdErr  Number `json:"stdErr"`
	Low     Number `json:"low"`
	High    Number `json:"high"`
	Points  int    `json:"points"`
	Reason  string `json:"reason,omitempty"`
}

// ReportDelta is a PeriodChange with nullable numbers.
type ReportDelta struct {
	From           string `json:"from"`
	To             string `json:"to"`
	MissingChange  Number `json:"missingChange"`
	MissingPercent Number `json:"missingPercent"`
	RateChange     Number `json:"rateChange"`
	RatePercent    Number `json:"ratePercent"`
	Direction      string `json:"direction,omitempty"`
	Reason         string `json:"reason,omitempty"`
	Caveat         string `json:"caveat,omitempty"` // what a reader must add, as a change in coverage
	// YearApart says the two periods are of one kind a year apart (2019/20
	// and 2020/21; March 2019 and March 2020): only then is the change
	// called year on year; otherwise it is named by its dates alone.
	YearApart bool `json:"yearApart"`
}

// yearApart says whether b is the period of a's kind a year after it.
func yearApart(a, b cube.Period) bool {
	return a.Kind == b.Kind && a.Kind != cube.PeriodNone && b.Start.Equal(a.Start.AddDate(1, 0, 0)) && b.End.Equal(a.End.AddDate(1, 0, 0))
}

// NewReport builds the page's view of a table's results.
func NewReport(t *cube.Table, r analysis.Results) Report {
	rep := Report{Method: r.Method.String(), Mark: r.Mark, Columns: ResultColumns(), Issues: t.Issues,
		Files: t.FileHealths(), Pairings: []cube.Pairing{}, Claims: []Claim{}, Unmatched: analysis.UnmatchedNames(t)}
	for _, p := range t.Pairings {
		if !p.Exact() {
			rep.Pairings = append(rep.Pairings, p)
		}
	}
	if rep.Issues == nil {
		rep.Issues = []cube.Issue{}
	}
	rep.Files = cube.CountNotes(rep.Files, rep.Issues)
	rep.Measures, rep.RateWords = r.Measures, RateWords(r.Measures)
	rep.Warnings = groupIssues(rep.Issues)
	rep.NoteGroups = groupNotes(rep.Files, rep.Issues)
	rep.IssuesTotal = len(rep.Issues)
	if len(rep.Issues) > MaxShownIssues {
		rep.Issues = rep.Issues[:MaxShownIssues]
	}
	rep.PeriodsTotal, rep.RowsTotal = len(r.Periods), r.FigureCount+len(r.Aggregates)
	all := r
	r = latestOf(r, MaxShownPeriods)
	findings := findingsOf(r)
	rows := ResultRows(r)
	rep.Rows = make([]ReportRow, 0, len(rows))
	for i, row := range rows {
		rep.Rows = append(rep.Rows, ReportRow{
			ForceCode: row.ForceCode, ForceName: row.ForceName, Period: row.Period,
			Missing: countNumber(row.Numerator), Registered: countNumber(row.Denominator),
			MissingText: inexactText(row.Numerator), RegisteredText: inexactText(row.Denominator),
			Rate: Number(row.RatePer1000), CI95Low: Number(row.CI95Low), CI95High: Number(row.CI95High),
			CI998Low: Number(row.CI998Low), CI998High: Number(row.CI998High),
			Note: row.Note, IsAggregate: row.ForceCode == AllForcesCode, IsTotal: i < len(r.Figures) && r.Figures[i].Total,
			NotQuotable: i >= len(r.Figures) && r.Aggregates[i-len(r.Figures)].Thin(),
			FunnelFlag:  string(row.FunnelFlag), FunnelFlagOD: string(row.FunnelFlagOD),
			Comparison: string(row.Comparison), Comparison998: string(row.Comparison998),
			Rank: int(row.Rank), RankLow: int(row.RankLow), RankHigh: int(row.RankHigh), RankText: findings[i].rank,
			TrendDirection: string(row.TrendDirection), TrendP: Number(row.TrendP), Small: findings[i].small,
			Finding: findings[i].text,
		})
	}
	rep.Withheld = withheldNote(rep.Rows)
	rep.Funnels = []ReportFunnel{}
	for i, f := range r.Funnels {
		rf := reportFunnel(f, i >= len(r.Funnels)-analysis.MaxRankedPeriods)
		rep.Funnels = append(rep.Funnels, rf)
	}
	for _, p := range r.Periods {
		rep.Periods = append(rep.Periods, p.Label)
		rep.PeriodWords = append(rep.PeriodWords, p.Words())
	}
	from := cube.Period{}
	if len(r.Periods) > 0 {
		from = r.Periods[0]
	}
	rep.ForcesAltText = forcesAltTexts(r)
	mids := midpoints{}
	for _, tr := range r.Trends {
		figs, yoy := shownSeries(tr.Figures, from), shownChanges(tr.YearOnYear, from)
		rt := reportTrend(tr.Key, tr.Name, figs, yoy, tr.Slope, mids)
		rt.AltText = seriesAltText(rt.Name, tr.Ends)
		rt.ChiSquare, rt.TrendP, rt.TrendNote = Number(tr.ChiSquare.ChiSquare), Number(tr.ChiSquare.P), tr.ChiSquare.Reason
		rep.Series = append(rep.Series, rt)
	}
	rep.Series = append(rep.Series, allForcesTrend(all, from, mids))
	return rep
}

// latestOf is r cut to its last n periods. Figures, aggregates and funnels
// are in period order, so each is a suffix; every figure keeps what was
// worked out over all periods. r may hold the figures and funnels of its
// latest periods only (analysis.Latest), at least n of them. Trends are
// left whole.
func latestOf(r analysis.Results, n int) analysis.Results {
	if len(r.Periods) <= n {
		return r
	}
	cut := len(r.Periods) - n
	if cut < r.From {
		panic(fmt.Sprintf("report: the results hold the latest %d periods, the page shows %d", len(r.Periods)-r.From, n))
	}
	from := r.Periods[cut]
	r.Periods = r.Periods[cut:]
	r.Aggregates = r.Aggregates[cut:]
	r.Funnels = r.Funnels[cut-r.From:]
	r.From = 0
	r.Figures = shownFigures(r.Figures, from)
	return r
}

// shownFigures are the figures, in period order, from the period from on.
func shownFigures(figs []analysis.Figure, from cube.Period) []analysis.Figure {
	i, _ := slices.BinarySearchFunc(figs, from, func(f analysis.Figure, p cube.Period) int { return f.Period.Compare(p) })
	return figs[i:]
}

// shownSeries is shownFigures for a series of a trend.
func shownSeries(figs []*analysis.Figure, from cube.Period) []*analysis.Figure {
	i, _ := slices.BinarySearchFunc(figs, from, func(f *analysis.Figure, p cube.Period) int { return f.Period.Compare(p) })
	return figs[i:]
}

// shownChanges are the changes, in period order, that end in the period
// from or later.
func shownChanges(changes []analysis.PeriodChange, from cube.Period) []analysis.PeriodChange {
	i, _ := slices.BinarySearchFunc(changes, from, func(c analysis.PeriodChange, p cube.Period) int { return c.To.Compare(p) })
	return changes[i:]
}

// forcesAltTexts are the alt texts of the chart of forces, one per period.
func forcesAltTexts(r analysis.Results) []string {
	out := make([]string, 0, len(r.Aggregates))
	start := 0
	for _, a := range r.Aggregates {
		end := start
		for end < len(r.Figures) && r.Figures[end].Period.Compare(a.Period) == 0 {
			end++
		}
		out = append(out, markSynthetic(r, ForcesAltText(r.Figures[start:end], a)))
		start = end
	}
	return out
}

// allForcesTrend is the series of all-forces figures: its trend tests use
// every period, its points and changes those from the period from on.
func allForcesTrend(r analysis.Results, from cube.Period, mids midpoints) ReportTrend {
	figs := make([]analysis.Figure, len(r.Aggregates))
	for i, a := range r.Aggregates {
		figs[i] = analysis.Figure{ForceName: "All forces", Period: a.Period, Rate: a.Rate}
		if a.Thin() {
			// Not a point of the all-forces line: the line would join
			// figures of different forces.
			rate := stats.RateOf(cube.Count{}, cube.Count{}, r.Method)
			rate.Reason = "only " + a.Coverage() + " gave figures: too few to stand for all forces"
			figs[i].Rate = rate
		}
	}
	for i, a := range r.Aggregates {
		figs[i].Assessment = a.Assessment
	}
	series := analysis.SeriesOf(figs)
	yoy := analysis.YearOnYear(series)
	shown, shownYoY := shownSeries(series, from), shownChanges(yoy, from)
	tr := reportTrend(AllForcesCode, "All forces", shown, shownYoY, analysis.RateSlope(series), mids)
	tr.AltText = SeriesAltText("All forces", series)
	all := stats.ChiSquareTrend(analysis.TrendPointsOf(series))
	tr.ChiSquare, tr.TrendP, tr.TrendNote = Number(all.ChiSquare), Number(all.P), all.Reason
	skipped := len(yoy) - len(shownYoY)
	for i := range tr.YearOnYear {
		j := skipped + i
		tr.YearOnYear[i].Caveat = CoverageCaveat(r.Aggregates[j], r.Aggregates[j+1])
	}
	return tr
}

// CoverageCaveat says when two all-forces figures rest on different numbers
// of forces, so that part of a change between them may be forces added or
// lost; empty when they rest on the same number.
func CoverageCaveat(from, to analysis.Aggregate) string {
	if from.Reporting == to.Reporting {
		return ""
	}
	return fmt.Sprintf("the two figures do not cover the same forces (%d %s, %d %s): part of the change may be forces added or lost",
		from.Reporting, from.Period.InWords(), to.Reporting, to.Period.InWords())
}

// midpoints are the periods' midpoints by label (cube.Period.Midpoint),
// each worked out once for every series that has the period.
type midpoints map[string]float64

func (m midpoints) of(p cube.Period) float64 {
	t, ok := m[p.Label]
	if !ok {
		t = p.Midpoint()
		m[p.Label] = t
	}
	return t
}

func reportTrend(key, name string, figs []*analysis.Figure, yoy []analysis.PeriodChange, s analysis.Slope, mids midpoints) ReportTrend {
	tr := ReportTrend{Key: key, Name: name, Points: make([]ReportPoint, 0, len(figs)), YearOnYear: []ReportDelta{}}
	for _, f := range figs {
		p := ReportPoint{
			Period: f.Period.Label, T: Number(mids.of(f.Period)), Rate: Number(f.Rate.PerThousand),
			Low: Number(f.Rate.CI95.Low), High: Number(f.Rate.CI95.High), Reason: f.Rate.Reason,
		}
		if f.Mismatch != "" && f.Rate.OK() {
			// A numerator over a denominator of another area or set of
			// forces (the UK's 485 against England and Wales' 55,236) is
			// no rate of one population: not drawn as one. The 2018 check
			// says what such a pairing is.
			nan := Number(math.NaN())
			p.Rate, p.Low, p.High, p.Reason = nan, nan, nan, "not drawn: "+f.Mismatch
		}
		tr.Points = append(tr.Points, p)
	}
	tr.Slope = ReportSlope{PerYear: Number(s.PerYear), StdErr: Number(s.StdErr), Low: Number(s.CI95.Low),
		High: Number(s.CI95.High), Points: s.Points, Reason: s.Reason}
	for _, c := range yoy {
		tr.YearOnYear = append(tr.YearOnYear, ReportDelta{
			From: c.From.Label, To: c.To.Label, YearApart: yearApart(c.From, c.To),
			MissingChange: Number(c.Numerator.Absolute), MissingPercent: Number(c.Numerator.Percent),
			RateChange: Number(c.Rate.Absolute), RatePercent: Number(c.Rate.Percent), Direction: c.Rate.Direction,
			Reason: firstNonEmpty(c.Rate.Reason, c.Rate.PercentReason),
		})
	}
	return tr
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// ResultColumns is the header of results.csv, read from ResultRow's tags so
// that the page and the file cannot disagree.
func ResultColumns() []string {
	t := reflect.TypeFor[ResultRow]()
	out := make([]string, t.NumField())
	for i := range out {
		out[i] = t.Field(i).Tag.Get("csv")
	}
	return out
}
