package stats_test

import (
	"bytes"
	"fmt"

	"github.com/foi-explorer/foi-explorer/stats"
)

// Findings for one force of the synthetic practice data, in its latest
// period, and the alt text of that period's funnel plot.
func ExampleFinding() {
	t, err := stats.ReadTable("practice.csv", bytes.NewReader(stats.SyntheticPracticeCSV()))
	if err != nil {
		panic(err)
	}
	res := stats.Compute(t, stats.Wilson)
	last := res.Aggregates[len(res.Aggregates)-1]
	for _, f := range res.Figures {
		if f.Period.Compare(last.Period) == 0 && f.DisplayName() == "Derbyshire" {
			fmt.Println(stats.Finding(f, last))
		}
	}
	fmt.Println(stats.AggregateFinding(last))
	fmt.Println(stats.FunnelAltText(res.Funnels[len(res.Funnels)-1]))
	// Output:
	// Derbyshire, 2023/24: 10.3 missing per 1,000 registered offenders (95% CI 6.0 to 17.6), similar to the all-forces figure of 8.6. On the funnel plot it is within the control limits. Its rank is between 1st and 33rd highest of 43 forces (95% interval). Over the last 5 periods it shows no significant change.
	// All forces, 2023/24: 8.6 missing per 1,000 registered offenders (95% CI 8.0 to 9.2), from 43 of 43 forces. Over the last 5 periods it shows no significant change.
	// Funnel plot for 2023/24: the rates of 43 forces (missing per 1,000 registered offenders) against their numbers registered, with 95% and 99.8% control limits around the all-forces rate of 8.6. 1 force lies above the 99.8% control limit (Staffordshire); 2 forces lie above the 95% control limit (Hertfordshire, Surrey); 4 forces lie below the 95% control limit (Dorset, Durham, Lancashire, Wiltshire); 36 forces lie within the limits. The forces vary more than chance explains (overdispersion: φ = 1.51, τ² = 6.93e-05); with the limits widened for it, 1 force lies above the 95% control limit (Staffordshire); 3 forces lie below the 95% control limit (Durham, Lancashire, Wiltshire); 39 forces lie within the limits.
}
