// Package analysis turns tables into figures and results: it pairs
// numerators with denominators across files and periods (Combine, by a
// PairingRule), applies the names a person mapped by hand (WithNameMap),
// and works out, with the statistics of package stats, every force's rate
// per period, the all-forces aggregate with its coverage, funnels, ranks
// and trends (Compute). A View is the choice of all of that.
//
// In the data path: after the model (cube), before the words and files
// (report).
package analysis
