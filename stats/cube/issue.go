package cube

import "fmt"

// Severity says how much an Issue matters to the figures.
type Severity string

const (
	// Error: a row or value was not used.
	Error Severity = "error"
	// Warning: a value was used, but a reader should check a judgement made.
	Warning Severity = "warning"
	// Info: something worth knowing that changes no figure.
	Info Severity = "info"
)

// Issue is one judgement the reader made about a file: a row skipped, a value
// not understood, a name not matched. Line and Column are 1-based (0 when not
// about one place); Code is a stable word for scripts, Message is for people.
type Issue struct {
	File     string   `csv:"file" json:"file"`
	Line     int      `csv:"line" json:"line"`
	Column   int      `csv:"column" json:"column"`
	Severity Severity `csv:"severity" json:"severity"`
	Code     string   `csv:"code" json:"code"`
	Message  string   `csv:"message" json:"message"`
}

func (i Issue) String() string {
	where := i.File
	if i.Line > 0 {
		where += fmt.Sprintf(", line %d", i.Line)
	}
	if i.Column > 0 {
		where += fmt.Sprintf(", column %d", i.Column)
	}
	return fmt.Sprintf("%s: %s: %s", where, i.Severity, i.Message)
}
