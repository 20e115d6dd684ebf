package cube

// FileHealth is how one file of the dataset was read.
type FileHealth struct {
	File string `json:"file"`
	Health
	// Errors, Warnings and Info count the file's notes of each severity:
	// set by CountNotes from every note of the dataset, never held with
	// the table (see CountNotes).
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Info     int `json:"info"`
	// Values is "numerator" or "denominator" for a wide table, and
	// ValuesGuessed says the reader had to guess: the page then asks.
	Values        string `json:"values,omitempty"`
	ValuesGuessed bool   `json:"valuesGuessed,omitempty"`
}

// FileHealths is how each file of the table was read, without the counts
// of its notes (CountNotes gives them).
func (t *Table) FileHealths() []FileHealth {
	if len(t.Files) > 0 {
		return t.Files
	}
	h := FileHealth{File: t.File, Health: t.Health, ValuesGuessed: t.ValuesGuessed}
	if t.Values != RoleNone {
		h.Values = t.Values.String()
	}
	return []FileHealth{h}
}

// CountNotes is files with each one's counts of errors, warnings and
// information notes among issues: the one place they are counted, from the
// notes as issues.csv lists them. They were once counted as each file was
// read and kept with it; the notes made later (the rows two files both
// give, which Combine notes as errors; a name mapped by hand to no force)
// were then in issues.csv and never in the counts, and a file of 57
// duplicate rows said "0 errors". Pass every note, not the ones the page is
// sent (report.MaxShownIssues).
func CountNotes(files []FileHealth, issues []Issue) []FileHealth {
	out := make([]FileHealth, len(files))
	at := make(map[string]int, len(files))
	for i, f := range files {
		f.Errors, f.Warnings, f.Info = 0, 0, 0
		out[i] = f
		if _, ok := at[f.File]; !ok {
			at[f.File] = i
		}
	}
	for _, is := range issues {
		i, ok := at[is.File]
		if !ok {
			continue
		}
		switch is.Severity {
		case Error:
			out[i].Errors++
		case Warning:
			out[i].Warnings++
		case Info:
			out[i].Info++
		}
	}
	return out
}
