package report

import (
	"reflect"
	"slices"
	"strings"
)

// formulaStarts are the first characters that make a spreadsheet read a cell
// as a formula (OWASP, "CSV Injection": =, +, -, @, tab and carriage return).
const formulaStarts = "=+-@\t\r"

// SafeCell neutralises a text cell that a spreadsheet would run as a formula:
// one that begins with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, which Excel and LibreOffice show as text and do not evaluate
// (OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection).
// File names and force names come from users' files and may begin with
// anything. Only text cells go through SafeCell: a number such as -0.5 in a
// numeric column is written as it is, so that it stays a number.
func SafeCell(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// safeRows returns a copy of rows whose text cells are safe to open in a
// spreadsheet (SafeCell). Every field of ResultRow whose kind is string goes
// through SafeCell, so that a text column added later is safe too; numbers
// (counts, decimals, places) are not strings and are untouched.
func safeRows(rows []ResultRow) []ResultRow {
	out := slices.Clone(rows)
	for i := range out {
		v := reflect.ValueOf(&out[i]).Elem()
		for j := range v.NumField() {
			if f := v.Field(j); f.Kind() == reflect.String {
				f.SetString(SafeCell(f.String()))
			}
		}
	}
	return out
}
