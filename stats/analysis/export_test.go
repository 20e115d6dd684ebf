package analysis

// GatherSeries turns the gathering of each series' rows (gatherSeries) on
// or off, so that a test can hold the two ways to the same results.
func GatherSeries(on bool) { gatherOn = on }
