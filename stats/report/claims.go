package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
)

// Claim is a sentence about a dataset's totals that a journalist might
// publish, with what a careful reader must add to it.
type Claim struct {
	Text    string   `json:"text"`
	Caveats []string `json:"caveats"`
	// Quote is one sentence ready to publish, with its caveats inside it:
	// a claim copied without its small print must still be true.
	Quote string `json:"quote"`
}

// TotalClaims checks the figures that are totals ("United Kingdom", "England
// and Wales") the way the press uses them: the change between the first and
// last figure of each total, and each total's rate against another area's
// denominator. coverage gives what a figure covered ("41 forces responded")
// for a total and period label, or "" when unknown.
func TotalClaims(res analysis.Results, coverage func(area, period string) string) []Claim {
	byArea := map[string][]analysis.Figure{}
	var areas []string
	for _, f := range res.Totals {
		if _, ok := byArea[f.ForceName]; !ok {
			areas = append(areas, f.ForceName)
		}
		byArea[f.ForceName] = append(byArea[f.ForceName], f)
	}
	var claims []Claim
	for _, area := range areas {
		figs := slices.DeleteFunc(slices.Clone(byArea[area]), func(f analysis.Figure) bool {
			_, ok := f.Rate.Numerator.Value()
			return !ok
		})
		if len(figs) >= 2 {
			claims = append(claims, changeClaim(area, figs[0], figs[len(figs)-1], coverage, res.Measures))
		}
		for _, f := range figs {
			if f.Rate.OK() && f.Mismatch != "" {
				claims = append(claims, rateClaim(area, f, coverage, res.Measures))
			}
		}
	}
	return claims
}

// CoverageOf looks up what each published figure covered, by area and period
// label, for TotalClaims.
func CoverageOf(figures []examples.ReportedFigure) func(area, period string) string {
	coverage := map[string]string{}
	for _, f := range figures {
		if p, err := cube.ParsePeriod(f.AsAt); err == nil && f.Coverage != "" {
			coverage[f.Area+"|"+p.Label] = f.Coverage
		}
	}
	return func(area, period string) string { return coverage[area+"|"+period] }
}

// measureNote names a measure in brackets, as the dataset calls it.
func measureNote(name string) string {
	if name == "" {
		return ""
	}
	return " (" + name + ")"
}

func changeClaim(area string, from, to analysis.Figure, coverage func(area, period string) string, measures [2]string) Claim {
	a, _ := from.Rate.Numerator.Value()
	b, _ := to.Rate.Numerator.Value()
	c := stats.ChangeIn(float64(a), float64(b))
	claim := Claim{Text: fmt.Sprintf("%s: %s %s against %s %s is a change of %s%s (%s%.1f%%).",
		area, words.Thousands(b), analysis.DescribePeriod(to.Period), words.Thousands(a), analysis.DescribePeriod(from.Period),
		sign(c.Absolute), words.Thousands(int64(c.Absolute)), sign(c.Percent), c.Percent)}
	ca, cb := coverage(area, from.Period.Label), coverage(area, to.Period.Label)
	if ca != cb && ca != "" && cb != "" {
		claim.Caveats = append(claim.Caveats, fmt.Sprintf(
			"The two figures do not cover the same forces: %s %s, %s %s. Part of the change may be forces added or lost.",
			cb, analysis.DescribePeriod(to.Period), ca, analysis.DescribePeriod(from.Period)))
	}
	if from.Period.Kind == cube.PeriodDay || to.Period.Kind == cube.PeriodDay {
		claim.Caveats = append(claim.Caveats, "Both are counts on a single day; a count on another day could differ.")
	}
	claim.Quote = fmt.Sprintf("The %s count%s went from %s %s to %s %s (%s%s, %s%.1f%%)",
		area, measureNote(measures[0]), words.Thousands(a), analysis.DescribePeriod(from.Period), words.Thousands(b), analysis.DescribePeriod(to.Period),
		sign(c.Absolute), words.Thousands(int64(c.Absolute)), sign(c.Percent), c.Percent)
	if ca != cb && ca != "" && cb != "" {
		claim.Quote += fmt.Sprintf(", but the two figures do not cover the same forces (%s, then %s), so part of the change may be forces added or lost", ca, cb)
	}
	if from.Period.Kind == cube.PeriodDay || to.Period.Kind == cube.PeriodDay {
		claim.Quote += "; each is a count on a single day"
	}
	claim.Quote += "."
	return claim
}

// rateClaim is a total's figure against a denominator it does not match
// (another area, date or set of forces). Such a pairing is no rate of one
// population, so the claim gives no confidence interval: an interval would
// measure only chance, and say nothing of the mismatch that matters more.
func rateClaim(area string, f analysis.Figure, coverage func(area, period string) string, measures [2]string) Claim {
	x, _ := f.Rate.Numerator.Value()
	n, _ := f.Rate.Denominator.Value()
	claim := Claim{Text: fmt.Sprintf("%s: %s against %s is %.2f per 1,000, but the two do not count the same population, so no confidence interval is given.",
		area, words.Thousands(x), words.Thousands(n), f.Rate.PerThousand)}
	claim.Caveats = append(claim.Caveats, analysis.Capitalise(f.Mismatch)+".")
	var why []string
	why = append(why, f.Mismatch)
	if cov := coverage(area, f.Period.Label); cov != "" {
		claim.Caveats = append(claim.Caveats, fmt.Sprintf("The numerator covers the forces that answered (%s), not every force.", cov))
		why = append(why, fmt.Sprintf("the %s covers only the forces that answered (%s)", words.Thousands(x), cov))
	}
	if !f.DenominatorPeriod.IsZero() && f.DenominatorPeriod.Compare(f.Period) != 0 {
		claim.Caveats = append(claim.Caveats, fmt.Sprintf("The two are from different dates: the numerator %s, the denominator %s.",
			analysis.DescribePeriod(f.Period), analysis.DescribePeriod(f.DenominatorPeriod)))
		why = append(why, fmt.Sprintf("the two are from different dates (%s and %s)",
			analysis.DescribePeriod(f.Period), analysis.DescribePeriod(f.DenominatorPeriod)))
	}
	claim.Quote = fmt.Sprintf("Set against %s%s, the %s count of %s%s would be %.1f per 1,000, but that is not a true rate (%s).",
		words.Thousands(n), measureNote(measures[1]), area, words.Thousands(x), measureNote(measures[0]), f.Rate.PerThousand, strings.Join(why, "; "))
	return claim
}

func sign(v float64) string {
	if v > 0 {
		return "+"
	}
	return ""
}
