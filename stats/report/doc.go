// Package report turns results into what people read and take away: the
// page's report (NewReport), findings and the sentences a journalist may
// quote, alt text for charts, claims about published totals, and the files:
// results.csv and results.json (one row per force per period), data.csv
// (the cube as read), issues.csv, each cell made safe for spreadsheets.
//
// In the data path: last before the page; it reads analysis results and the
// tables they came from.
package report
