package cube

// Remedy is what a person can do about a note of the given code: the step
// that puts right what an error left out, or settles what a warning asks
// to check; empty when a note needs nothing done (most information notes,
// and the warnings whose message already says it). Every code an error can
// have has one (TestEveryErrorHasARemedy reads the source for them).
//
// The words are by code, not in each message, so that the page can show
// them once for a group of like notes (rounded to "lines 4, 9, 12 and 40
// more") and issues.csv can give them in a column of their own.
func Remedy(code string) string {
	return remedies[code]
}

var remedies = map[string]string{
	// Errors: a row or a value was not used.
	"bad-count": "Correct the cell in the file to a whole number, or to a marker such as <5 or [c] if the figure was withheld, " +
		"and add the file again; until then this figure is left out.",
	"bad-period": "Write the period as a year (2018), a financial year (2018/19), a month (March 2018) or a date " +
		"(17 January 2018) and add the file again; until then the row is left out.",
	"duplicate-row": "Check which figure is right and delete the other row, or give it its own period. " +
		"Between files, the first file's is used: to use the other, add the files in another order or as separate datasets.",
	"no-force": "Fill in the force's name if the row holds figures, and add the file again; " +
		"a blank or note row needs nothing done.",
	"long-force": "Check the quotes on this line and the one before: a quote left open runs lines together into one cell. " +
		"Correct them and add the file again.",

	// Warnings that ask for a step the message does not give.
	"unmatched-force": "If the name is a force, choose which one under \"Names that match no force\"; " +
		"if it is a total, a region or a note, nothing needs doing.",
	"bad-name-map": "Choose the force again under \"Names that match no force\".",
	"total-differs": "Check the published total against its forces in the source: the forces' own figures are used, " +
		"the total is only shown beside them.",
	"category-total-differs":  "Check the published total against its categories in the source: the categories' figures are used.",
	"duplicate-column":        "If the later column is the one you meant, choose the columns by hand.",
	"implausible-denominator": "Check the column against its source; if the figures are not the forces' own, choose another denominator.",
}
