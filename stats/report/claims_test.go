package report

import (
	"reflect"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
)

// The 2018 story, checked against the real figures. Numbers from R 4.2.2:
//
//	(485 - 396) / 396 * 100                                  # 22.474747474747474
//	485 / 55236 * 1000                                       # 8.7805054674487639
//
// The claims quote no interval for the rate: it pairs a UK count with an
// England and Wales denominator of another date (prop.test(485, 55236,
// correct = FALSE)$conf.int * 1000 would be 8.04 to 9.59, measuring chance
// alone).
func TestTotalClaimsOfThe2018Story(t *testing.T) {
	table, _ := analysis.Combine(examples.ReportedFiguresFile, []*cube.Table{examples.ReportedFiguresTable()}, analysis.PairContainingOrLatest)
	claims := TotalClaims(analysis.Compute(table, stats.Wilson), CoverageOf(examples.ReportedFigures()))
	want := []Claim{
		{
			Text: "United Kingdom: 485 as at 17 January 2018 against 396 as at 1 March 2015 is a change of +89 (+22.5%).",
			Caveats: []string{
				"The two figures do not cover the same forces: 41 forces responded as at 17 January 2018, 39 forces responded as at 1 March 2015. Part of the change may be forces added or lost.",
				"Both are counts on a single day; a count on another day could differ.",
			},
			Quote: "The United Kingdom count (missing) went from 396 as at 1 March 2015 to 485 as at 17 January 2018 (+89, +22.5%), " +
				"but the two figures do not cover the same forces (39 forces responded, then 41 forces responded), so part of the change may be forces added or lost; " +
				"each is a count on a single day.",
		},
		{
			// No interval: the pairing is not one population, and an
			// interval would speak only of chance.
			Text: "United Kingdom: 485 against 55,236 is 8.78 per 1,000, but the two do not count the same population, so no confidence interval is given.",
			Caveats: []string{
				"A United Kingdom numerator against an England and Wales denominator: they cover different places.",
				"The numerator covers the forces that answered (41 forces responded), not every force.",
				"The two are from different dates: the numerator as at 17 January 2018, the denominator as at 31 March 2017.",
			},
			Quote: "Set against 55,236 (registered), the United Kingdom count of 485 (missing) would be 8.8 per 1,000, but that is not a true rate " +
				"(a United Kingdom numerator against an England and Wales denominator: they cover different places; the 485 covers only the forces that answered (41 forces responded); " +
				"the two are from different dates (as at 17 January 2018 and as at 31 March 2017)).",
		},
	}
	if !reflect.DeepEqual(claims, want) {
		t.Errorf("claims =\n%#v\nwant\n%#v", claims, want)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 55236: "55,236", -1234567: "-1,234,567"} {
		if got := words.Thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCoverageCaveatOnTheAllForcesTrend(t *testing.T) {
	table, err := ingest.ReadTable("c.csv", strings.NewReader("Force,Year,Missing,Registered\n"+
		"Kent,2016,4,1800\nEssex,2016,3,2000\nKent,2017,5,1810\nEssex,2017,,2050\n"))
	if err != nil {
		t.Fatal(err)
	}
	rep := NewReport(table, analysis.Compute(table, stats.Wilson))
	all := rep.Series[len(rep.Series)-1]
	if all.Key != AllForcesCode || len(all.YearOnYear) != 1 {
		t.Fatalf("all-forces series = %+v", all)
	}
	want := "the two figures do not cover the same forces (2 in 2016, 1 in 2017): part of the change may be forces added or lost"
	if got := all.YearOnYear[0].Caveat; got != want {
		t.Errorf("caveat %q\nwant   %q", got, want)
	}
}
