// Package stats holds the statistics proper: Wilson and Poisson intervals
// of a rate per 1,000 (RateOf), changes between two rates, funnel limits
// and overdispersion (Spiegelhalter), the chi-square test for trend and
// Fingertips' recent-trend rule, and comparisons of a force with all forces.
//
// It is the bottom of the data path: it knows nothing of files, forces or
// words, only counts (cube.Count) and numbers, and imports gonum and the
// model's value type alone. analysis calls it for every figure; each
// function is checked against R, with the call in its test.
package stats
