package ingest

import (
	"fmt"
	"strings"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// A wide table often heads its columns with the dates its figures are as at:
// 2015-12-31, 2016-12-31, … or 2016-03-31, 2017-03-31, …. Read as single
// days, such a series has one figure a day a year apart, and a per-day
// rate said nothing of the years it covers. A run of dates a year apart is
// the years ending on them: 31 December ends a calendar year, 31 March a
// financial year. Other end dates stay days. A series that mixes the two
// kinds of year is said, since its years are not comparable.

// yearEnds returns the period text each value column's header is read as,
// when the headers are dates a year apart, and the note to make; nil when
// they are not.
func yearEnds(header []string, cols []int) (map[int]string, string) {
	if len(cols) < wideMinColumns {
		return nil, ""
	}
	days := make([]time.Time, len(cols))
	yearEnd := func(d time.Time) bool {
		return (d.Month() == time.December || d.Month() == time.March) && d.Day() == 31
	}
	allYearEnds := true
	for i, c := range cols {
		p, err := cube.ParsePeriod(cell(header, c))
		if err != nil || p.Kind != cube.PeriodDay {
			return nil, ""
		}
		days[i] = p.Start
		allYearEnds = allYearEnds && yearEnd(p.Start)
	}
	// A year apart; or, where the series moves between calendar and
	// financial years, 9 or 15 months apart.
	for i := 1; i < len(days); i++ {
		gap := days[i].Sub(days[i-1]).Hours() / 24
		if !(gap >= 360 && gap <= 370) && !(allYearEnds && gap >= 270 && gap <= 460) {
			return nil, ""
		}
	}
	out := map[int]string{}
	calendar, financial := 0, 0
	for i, c := range cols {
		d := days[i]
		switch {
		case d.Month() == time.December && d.Day() == 31:
			out[c] = cube.Year(d.Year()).Label
			calendar++
		case d.Month() == time.March && d.Day() == 31:
			out[c] = cube.FinancialYear(d.Year() - 1).Label
			financial++
		}
	}
	if len(out) == 0 {
		return nil, ""
	}
	labels := make([]string, 0, len(cols))
	for _, c := range cols {
		if l, ok := out[c]; ok {
			labels = append(labels, fmt.Sprintf("%s as %s", strings.TrimSpace(cell(header, c)), l))
		}
	}
	note := fmt.Sprintf("the columns are headed by dates a year apart, read as the years ending on them: %s", strings.Join(labels, ", "))
	if calendar > 0 && financial > 0 {
		note += fmt.Sprintf(". The series mixes calendar years (%d) and financial years (%d): a change between the two kinds spans a different stretch of time, so compare like with like", calendar, financial)
	}
	return out, note
}
