package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// MeasureWords name what a rate counts when the measures are the product's
// own first topic, sex offenders whose whereabouts are unknown among those
// registered.
const MeasureWords = "missing per 1,000 registered offenders"

// RateWords name what a rate counts, for sentences, from the measures as the
// dataset calls them: "fired per 1,000 total uses", "records per 1,000"
// with no denominator named. The sex-offender words are used only where
// those are the measures (recognised as the header names of missing and
// registered offenders are); custody deaths per officer once read "0.14
// missing per 1,000 registered offenders".
func RateWords(measures [2]string) string {
	num, den := strings.TrimSpace(measures[0]), strings.TrimSpace(measures[1])
	if police.IsSexOffenderMeasures(num, den) {
		return MeasureWords
	}
	if num == "" && den == "" {
		return MeasureWords
	}
	if num == "" {
		num = "counted"
	}
	if den == "" {
		return strings.ToLower(num) + " per 1,000"
	}
	return strings.ToLower(num) + " per 1,000 " + strings.ToLower(den)
}

// FormatRate writes a rate for a sentence: one decimal place from 1 up, two
// significant digits below 1 (0.35), no decimals from 100.
func FormatRate(v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case v == 0:
		return "0"
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 1:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'g', 2, 64)
}

// Finding says in plain English, ready to quote, what one force's figure for
// one period is and how it compares; agg is the period's all-forces figure.
// Its words follow the statistics: "higher" only when the all-forces rate
// lies below the force's interval, "rising" only when the recent trend says
// so.
func Finding(f analysis.Figure, agg analysis.Aggregate) string {
	return periodWordsOf(agg).finding(f, f.Assessment.Rank.String())
}

// periodWords are the words of a period's findings that are the same for
// every force: what the rate counts and the all-forces figure, worked out
// once a period rather than once a figure.
type periodWords struct {
	per string // RateWords of the measures
	all string // "the all-forces figure of 8.2"
}

func periodWordsOf(agg analysis.Aggregate) periodWords {
	all := agg.Rate.Bounds
	w := periodWords{per: RateWords(agg.Measures), all: "the all-forces figure of " + FormatRate(all.Low)}
	if all.High != all.Low {
		w.all = fmt.Sprintf("the all-forces figure of between %s and %s", FormatRate(all.Low), FormatRate(all.High))
	}
	return w
}

// finding is Finding with the period's words made and the rank said
// (Rank.String) already.
func (w periodWords) finding(f analysis.Figure, rank string) string {
	var b strings.Builder
	b.Grow(320)
	b.WriteString(f.DisplayName())
	b.WriteString(", ")
	b.WriteString(f.Period.Words())
	b.WriteString(": ")
	r := f.Rate
	if !r.Usable() {
		fmt.Fprintf(&b, "no rate can be given (%s).", r.Reason)
		return b.String()
	}
	b.WriteString(headline(r, w.per))
	if c := comparisonWords(f.Assessment.Compared, w.all); c != "" {
		b.WriteString(", " + c)
	}
	b.WriteString(".")
	for _, s := range []string{smallWords(r), funnelWords(f.Assessment, r.Method), rankWords(f.Assessment.Rank, rank), trendWords(f.Assessment.Recent)} {
		if s != "" {
			b.WriteString(" " + s)
		}
	}
	return b.String()
}

// AggregateFinding says what the all-forces figure of a period is and what
// it rests on.
func AggregateFinding(a analysis.Aggregate) string {
	head := fmt.Sprintf("All forces, %s: ", a.Period.Words())
	if !a.Rate.Usable() {
		return head + "no rate can be given (" + a.Rate.Reason + ")."
	}
	if a.Thin() {
		return fmt.Sprintf("Only %s gave figures for %s: together they come to %s, but so few forces cannot stand for all of them, so this is not an all-forces figure.",
			a.Coverage(), a.Period.Words(), headline(a.Rate, RateWords(a.Measures)))
	}
	s := head + headline(a.Rate, RateWords(a.Measures)) + ", from " + a.Coverage() + "."
	if w := trendWords(a.Assessment.Recent); w != "" {
		s += " " + w
	}
	return s
}

func headline(r stats.Rate, per string) string {
	if r.Censored {
		return fmt.Sprintf("between %s and %s %s (the count is given as %q; 95%% CI %s to %s)",
			FormatRate(r.Bounds.Low), FormatRate(r.Bounds.High), per, strings.TrimSpace(r.Numerator.Raw),
			FormatRate(r.CI95.Low), FormatRate(r.CI95.High))
	}
	// Once a figure, so without fmt.
	return FormatRate(r.PerThousand) + " " + per + " (95% CI " + FormatRate(r.CI95.Low) + " to " + FormatRate(r.CI95.High) + ")"
}

// comparisonWords compare a figure with what, the all-forces figure in
// words (periodWords.all).
func comparisonWords(c stats.Compared, what string) string {
	// A comparison with a range is said only as far as both ends of the
	// range agree: "undetermined" at a level where they do not.
	switch {
	case c.At95 == "":
		return ""
	case c.At95 == stats.Undetermined:
		return "neither clearly higher nor lower than " + what + ": the comparison is undetermined, since the ends of that range give different answers"
	case c.At95 == stats.Similar:
		return "similar to " + what
	case c.At998 == stats.Undetermined:
		return string(c.At95) + " than " + what + " at 95% confidence; at 99.8% it is undetermined, since the ends of that range give different answers"
	case c.At998 == stats.Similar:
		return string(c.At95) + " than " + what + " (at 95% confidence, though not at 99.8%)"
	}
	return string(c.At95) + " than " + what + " (at 99.8% confidence)"
}

var smallSentence = "It rests on fewer than " + strconv.Itoa(stats.SmallCount) + " events, so chance alone moves it a lot."

func smallWords(r stats.Rate) string {
	if !r.Small {
		return ""
	}
	return smallSentence
}

// funnelWords place the force against the funnel's limits, and against the
// limits widened for overdispersion when those say something else.
func funnelWords(a analysis.Assessment, method stats.Method) string {
	if a.Funnel == "" {
		return ""
	}
	s := "On the funnel plot it is " + flagWords(a.Funnel)
	if method == stats.Poisson {
		// The funnel's limits are for a proportion; the interval above is
		// Poisson's, so the two can disagree near a limit.
		s = "On the funnel plot (whose limits are for a proportion) it is " + flagWords(a.Funnel)
	}
	if a.FunnelOD != a.Funnel {
		s += "; allowing for the extra variation between forces (overdispersion), it is " + flagWords(a.FunnelOD)
	}
	return s + "."
}

func flagWords(f stats.FunnelFlag) string {
	switch f {
	case stats.FlagHigh998:
		return "above the 99.8% control limit"
	case stats.FlagHigh95:
		return "above the 95% control limit"
	case stats.FlagLow95:
		return "below the 95% control limit"
	case stats.FlagLow998:
		return "below the 99.8% control limit"
	}
	return "within the control limits"
}

// rankWords say the rank r, said already as words (Rank.String).
func rankWords(r analysis.Rank, words string) string {
	if r.Of < 2 {
		return ""
	}
	return "Its rank is " + words + " forces (95% interval)."
}

func trendWords(t stats.RecentTrend) string {
	switch t.Direction {
	case stats.Increasing:
		return "Over its last " + strconv.Itoa(t.Points) + " periods with a rate it has been rising (significant at 99.8%)."
	case stats.Decreasing:
		return "Over its last " + strconv.Itoa(t.Points) + " periods with a rate it has been falling (significant at 99.8%)."
	case stats.NoSignificance:
		return "Over its last " + strconv.Itoa(t.Points) + " periods with a rate it shows no significant change."
	}
	return ""
}

// FunnelAltText describes a funnel plot for a reader who cannot see it: what
// is plotted, where the forces lie, and whether overdispersion widened the
// limits.
func FunnelAltText(f analysis.Funnel) string {
	if f.Reason != "" {
		return "No funnel plot for " + f.Period.Words() + ": " + f.Reason + "."
	}
	against := "their numbers registered"
	if per := RateWords(f.Measures); per != MeasureWords {
		against = "their denominators"
		if den := strings.TrimSpace(f.Measures[1]); den != "" {
			against = "their denominators (" + strings.ToLower(den) + ")"
		}
	}
	s := fmt.Sprintf("Funnel plot for %s: the rates of %d forces (%s) against %s, with 95%% and 99.8%% control limits around the all-forces rate of %s.",
		f.Period.Words(), len(f.Points), RateWords(f.Measures), against, FormatRate(f.Target*stats.PerThousand))
	s += " " + flagCounts(f.Points, func(p analysis.FunnelPoint) stats.FunnelFlag { return p.Flag })
	if w := OverdispersionWords(f.OD); w != "" {
		s += " " + w
	}
	if f.OD.Present() {
		s += " With the limits widened, " + lowerFirst(flagCounts(f.Points, func(p analysis.FunnelPoint) stats.FunnelFlag { return p.FlagOD }))
	}
	return s
}

// MinOverdispersionForces is the fewest forces from which the spread
// between them is estimated well enough to widen a funnel's limits without
// a caution: with fewer, τ² rests on a handful of points.
const MinOverdispersionForces = 10

// OverdispersionWords say what φ and τ² mean for a funnel, as the methods
// page defines them: φ above 1 is more spread than chance explains; the
// formula widens the limits whenever kφ > k − 1, which for φ at or below 1
// is a small widening, not evidence of extra spread; and under
// MinOverdispersionForces forces the estimate is unreliable. The page and
// the alt text both say these words.
func OverdispersionWords(od stats.Overdispersion) string {
	if math.IsNaN(od.Phi) {
		return ""
	}
	var s string
	switch {
	case od.Present() && od.Phi > 1:
		s = fmt.Sprintf("The forces vary more than chance alone explains (overdispersion: φ = %.2f, τ² = %.3g): the dashed limits allow for it (Spiegelhalter 2005), and a force outside them differs by more than the usual spread between forces.", od.Phi, od.Tau2)
	case od.Present():
		s = fmt.Sprintf("The forces vary about as much as chance explains (φ = %.2f, not above 1); the formula still widens the dashed limits a little (τ² = %.3g), so they differ little from the plain ones.", od.Phi, od.Tau2)
	default:
		s = fmt.Sprintf("The forces vary no more than chance explains (φ = %.2f, τ² = 0), so both sets of limits are the same.", od.Phi)
	}
	if od.K > 0 && od.K < MinOverdispersionForces {
		s += fmt.Sprintf(" With only %d forces this estimate of the spread between them is unreliable.", od.K)
	}
	return s
}

// flagCounts says how many forces lie outside each limit, naming them.
func flagCounts(points []analysis.FunnelPoint, flag func(analysis.FunnelPoint) stats.FunnelFlag) string {
	var parts []string
	within := 0
	for _, fl := range []stats.FunnelFlag{stats.FlagHigh998, stats.FlagHigh95, stats.FlagLow95, stats.FlagLow998} {
		var names []string
		for _, p := range points {
			if flag(p) == fl {
				names = append(names, p.Figure.DisplayName())
			}
		}
		if len(names) > 0 {
			parts = append(parts, fmt.Sprintf("%s %s (%s)", countForces(len(names)), flagWords(fl), strings.Join(names, ", ")))
		}
	}
	for _, p := range points {
		if flag(p) == stats.FlagNotSignificant {
			within++
		}
	}
	parts = append(parts, fmt.Sprintf("%s within the limits", countForces(within)))
	return upperFirst(strings.Join(parts, "; ")) + "."
}

func countForces(n int) string {
	if n == 1 {
		return "1 force lies"
	}
	return fmt.Sprintf("%d forces lie", n)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// SeriesAltText describes one force's series for a trend chart's alt text.
func SeriesAltText(name string, figs []*analysis.Figure) string {
	return seriesAltText(name, analysis.EndsOf(figs))
}

// seriesAltText is SeriesAltText from the ends of the series.
func seriesAltText(name string, e analysis.SeriesEnds) string {
	first, last := e.FirstRated, e.LastRated
	if first == nil {
		return name + ": no rate in any period."
	}
	s := fmt.Sprintf("%s: %s per 1,000 %s", name, FormatRate(first.Rate.PerThousand), first.Period.InWords())
	if last != first {
		s += fmt.Sprintf(" and %s %s", FormatRate(last.Rate.PerThousand), last.Period.InWords())
	}
	s += "."
	if w := trendWords(e.Last.Assessment.Recent); w != "" {
		s += " " + w
	}
	return s
}

// ForcesAltText describes the chart of every force in one period for a
// reader who cannot see it: how many forces have a rate, the highest and the
// lowest, the all-forces rate, and which forces are higher or lower than it
// (at 95%, as Finding says). figs are the period's figures, agg its
// all-forces figure; published totals are left out.
func ForcesAltText(figs []analysis.Figure, agg analysis.Aggregate) string {
	var rated []*analysis.Figure // pointers: a Figure is 760 bytes
	var higher, lower []string
	for i := range figs {
		f := &figs[i]
		if f.Total || !f.Rate.OK() {
			continue
		}
		rated = append(rated, f)
		switch f.Assessment.Compared.At95 {
		case stats.Higher:
			higher = append(higher, f.DisplayName())
		case stats.Lower:
			lower = append(lower, f.DisplayName())
		}
	}
	if len(rated) == 0 {
		return fmt.Sprintf("No force has a rate %s, so there is nothing to compare.", agg.Period.InWords())
	}
	high, low := rated[0], rated[0]
	for _, f := range rated[1:] {
		if f.Rate.PerThousand > high.Rate.PerThousand {
			high = f
		}
		if f.Rate.PerThousand < low.Rate.PerThousand {
			low = f
		}
	}
	s := fmt.Sprintf("The rates of %d %s %s (%s), each with its 95%% confidence interval",
		len(rated), plural(len(rated), "force", "forces"), agg.Period.InWords(), RateWords(agg.Measures))
	if len(rated) == 1 {
		s += "."
	} else {
		s += fmt.Sprintf(", highest first. The highest is %s, %s (95%% CI %s to %s); the lowest %s, %s (95%% CI %s to %s).",
			high.DisplayName(), FormatRate(high.Rate.PerThousand), FormatRate(high.Rate.CI95.Low), FormatRate(high.Rate.CI95.High),
			low.DisplayName(), FormatRate(low.Rate.PerThousand), FormatRate(low.Rate.CI95.Low), FormatRate(low.Rate.CI95.High))
	}
	if agg.Rate.OK() {
		s += fmt.Sprintf(" All forces together: %s, from %s.", FormatRate(agg.Rate.PerThousand), agg.Coverage())
	}
	if len(higher) > 0 {
		s += fmt.Sprintf(" Higher than all forces (95%% confidence): %s.", strings.Join(higher, ", "))
	}
	if len(lower) > 0 {
		s += fmt.Sprintf(" Lower than all forces (95%% confidence): %s.", strings.Join(lower, ", "))
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// rowWords are the words of one row of results.csv on the page.
type rowWords struct {
	text, rank string
	small      bool
}

// findings returns the words of each row of Rows, in the same order.
func findingsOf(r analysis.Results) []rowWords {
	out := make([]rowWords, 0, len(r.Figures)+len(r.Aggregates))
	byPeriod := map[string]*periodWords{}
	for _, a := range r.Aggregates {
		w := periodWordsOf(a)
		byPeriod[a.Period.Label] = &w
	}
	for _, f := range r.Figures {
		w := rowWords{small: f.Rate.Small}
		if f.Total {
			w.text = fmt.Sprintf("%s, %s: a published total, not a force; it is checked against the sum of its forces.", f.DisplayName(), f.Period.Words())
		} else {
			words := byPeriod[f.Period.Label]
			if words == nil {
				pw := periodWordsOf(analysis.Aggregate{})
				words = &pw
			}
			w.rank = f.Assessment.Rank.String()
			w.text = markSynthetic(r, words.finding(f, w.rank))
		}
		out = append(out, w)
	}
	for _, a := range r.Aggregates {
		out = append(out, rowWords{text: markSynthetic(r, AggregateFinding(a)), small: a.Rate.Small})
	}
	return out
}

// mark puts the practice-data mark in front of a sentence, so that no one
// quotes synthetic figures as real.
func markSynthetic(r analysis.Results, s string) string {
	if r.Mark == "" {
		return s
	}
	return "[" + r.Mark + "] " + s
}
