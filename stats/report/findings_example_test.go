package report_test

import (
	"bytes"
	"fmt"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// Findings for one force of the synthetic practice data, in its latest
// period, and the alt text of that period's funnel plot.
func ExampleFinding() {
	t, err := ingest.ReadTable("practice.csv", bytes.NewReader(examples.SyntheticPracticeCSV()))
	if err != nil {
		panic(err)
	}
	res := analysis.Compute(t, stats.Wilson)
	last := res.Aggregates[len(res.Aggregates)-1]
	for _, f := range res.Figures {
		if f.Period.Compare(last.Period) == 0 && f.DisplayName() == "Derbyshire" {
			fmt.Println(report.Finding(f, last))
		}
	}
	fmt.Println(report.AggregateFinding(last))
	var latest []analysis.Figure
	for _, f := range res.Figures {
		if f.Period.Compare(last.Period) == 0 {
			latest = append(latest, f)
		}
	}
	fmt.Println(report.ForcesAltText(latest, last))
	fmt.Println(report.FunnelAltText(res.Funnels[len(res.Funnels)-1]))
	// Output:
	// Derbyshire, 2023/24: 16.2 missing per 1,000 registered offenders (95% CI 10.6 to 24.6), higher than the all-forces figure of 8.2 (at 99.8% confidence). On the funnel plot it is above the 99.8% control limit; allowing for the extra variation between forces (overdispersion), it is above the 95% control limit. Its rank is between 1st and 15th highest of 43 forces (95% interval). Over its last 5 periods with a rate it shows no significant change.
	// All forces, 2023/24: 8.2 missing per 1,000 registered offenders (95% CI 7.6 to 8.9), from 43 of 43 forces. Over its last 5 periods with a rate it shows no significant change.
	// The rates of 43 forces in 2023/24 (missing per 1,000 registered offenders), each with its 95% confidence interval, highest first. The highest is South Yorkshire, 19.1 (95% CI 12.4 to 29.3); the lowest City of London, 0 (95% CI 0 to 194). All forces together: 8.2, from 43 of 43 forces. Higher than all forces (95% confidence): Cheshire, Derbyshire, Essex, South Yorkshire, West Midlands. Lower than all forces (95% confidence): Hampshire, West Mercia, West Yorkshire.
	// Funnel plot for 2023/24: the rates of 43 forces (missing per 1,000 registered offenders) against their numbers registered, with 95% and 99.8% control limits around the all-forces rate of 8.2. 2 forces lie above the 99.8% control limit (Derbyshire, South Yorkshire); 3 forces lie above the 95% control limit (Cheshire, Essex, West Midlands); 3 forces lie below the 95% control limit (Hampshire, West Mercia, West Yorkshire); 35 forces lie within the limits. The forces vary more than chance alone explains (overdispersion: φ = 1.74, τ² = 0.000115): the dashed limits allow for it (Spiegelhalter 2005), and a force outside them differs by more than the usual spread between forces. With the limits widened, 2 forces lie above the 95% control limit (Derbyshire, South Yorkshire); 2 forces lie below the 95% control limit (Hampshire, West Mercia); 39 forces lie within the limits.
}
