package cube

// FileHealth is how one file of the dataset was read.
type FileHealth struct {
	File string `json:"file"`
	Health
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	// Values is "numerator" or "denominator" for a wide table, and
	// ValuesGuessed says the reader had to guess: the page then asks.
	Values        string `json:"values,omitempty"`
	ValuesGuessed bool   `json:"valuesGuessed,omitempty"`
}

// FileHealths is how each file of the table was read.
func (t *Table) FileHealths() []FileHealth {
	if len(t.Files) > 0 {
		return t.Files
	}
	return []FileHealth{fileHealth(t)}
}

func fileHealth(t *Table) FileHealth {
	h := FileHealth{File: t.File, Health: t.Health, ValuesGuessed: t.ValuesGuessed}
	if t.Values != RoleNone {
		h.Values = t.Values.String()
	}
	for _, is := range t.Issues {
		switch is.Severity {
		case Error:
			h.Errors++
		case Warning:
			h.Warnings++
		}
	}
	return h
}
