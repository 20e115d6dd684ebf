package stats_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// 7 missing of 1,154 registered: R 4.2.2,
// prop.test(7, 1154, conf.level = 0.95, correct = FALSE)$conf.int gives
// 0.0029413628543506413 0.012467878786440432.
func ExampleWilsonInterval() {
	low, high := stats.WilsonInterval(7, 1154, stats.Level95)
	fmt.Printf("%.4f to %.4f\n", low, high)
	// Output:
	// 0.0029 to 0.0125
}

// R 4.2.2: 7/1154*1000 is 6.0658578856152516;
// prop.test(7, 1154, conf.level = 0.95, correct = FALSE)$conf.int * 1000 is
// 2.9413628543506412 12.467878786440432, and poisson.test(7, T = 1154)$conf.int * 1000
// is 2.4387894727208552 12.497985582064452.
func ExampleRateOf() {
	r := stats.RateOf(cube.Exact(7), cube.Exact(1154), stats.Wilson)
	fmt.Printf("%.2f per 1,000 (95%% CI %.2f to %.2f)\n", r.PerThousand, r.CI95.Low, r.CI95.High)

	p := stats.RateOf(cube.Exact(7), cube.Exact(1154), stats.Poisson)
	fmt.Printf("%.2f per 1,000 (95%% CI %.2f to %.2f, %s)\n", p.PerThousand, p.CI95.Low, p.CI95.High, p.Method)

	none := stats.RateOf(cube.ParseCount(""), cube.Exact(1154), stats.Wilson)
	fmt.Println(none.OK(), none.Reason)
	// Output:
	// 6.07 per 1,000 (95% CI 2.94 to 12.47)
	// 6.07 per 1,000 (95% CI 2.44 to 12.50, poisson)
	// false the numerator is not given
}

// Three forces in one financial year, read, computed and written as
// results.csv, then read back. R 4.2.2 (stats/testdata/reference/aggregate.R):
// prop.test(x, n, correct = FALSE)$conf.int * 1000 gives 2.94–12.47 for 7 of 1154,
// 15.97–21.56 for 167 of 9000, 3.66–47.31 for 2 of 150, and 14.75–19.77 for the
// 176 of 10304 of all three.
func ExampleWriteResultsCSV() {
	const file = `Force,Year,Missing,Registered
Derbyshire Constabulary,2017/18,7,1154
Nottinghamshire Police,2017/18,167,9000
Staffordshire Police,2017/18,2,150
`
	table, err := ingest.ReadTable("rso.csv", strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	res := analysis.Compute(table, stats.Wilson)
	var buf bytes.Buffer
	if err := report.WriteResultsCSV(&buf, report.ResultRows(res)); err != nil {
		fmt.Println(err)
		return
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Join(records[0][:8], ","))
	for _, rec := range records[1:] {
		fmt.Printf("%s,%s,%s,%s,%s", rec[0], rec[1], rec[2], rec[3], rec[4])
		for _, cell := range rec[5:8] {
			v, _ := strconv.ParseFloat(cell, 64)
			fmt.Printf(",%.2f", v)
		}
		fmt.Println()
	}
	// Output:
	// force_code,force_name,period,missing,registered,rate_per_1000,ci95_low,ci95_high
	// E23000018,Derbyshire,2017/18,7,1154,6.07,2.94,12.47
	// E23000019,Nottinghamshire,2017/18,167,9000,18.56,15.97,21.56
	// E23000015,Staffordshire,2017/18,2,150,13.33,3.66,47.31
	// ALL,All forces (3 of 3 forces),2017/18,176,10304,17.08,14.75,19.77
}
