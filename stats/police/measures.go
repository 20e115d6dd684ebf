package police

import (
	"strings"
	"unicode"
)

// The measures of the product's first topic, as tables name them:
// registered sex offenders whose whereabouts are unknown (the numerator)
// among those registered (the denominator). The reader recognises columns
// by these names, and the words of a finding are the sex-offender ones only
// when a dataset's measures are these.
var (
	MissingNames    = []string{"missing", "whereabouts unknown", "wanted/missing", "number missing"}
	RegisteredNames = []string{"registered", "registered offenders", "registered sex offenders", "RSOs", "total registered"}
)

// IsSexOffenderMeasures says whether a numerator and a denominator named
// so are the missing and the registered offenders.
func IsSexOffenderMeasures(numerator, denominator string) bool {
	return namedAs(numerator, MissingNames) && namedAs(denominator, RegisteredNames)
}

func namedAs(name string, names []string) bool {
	n := normaliseMeasure(name)
	for _, w := range names {
		if normaliseMeasure(w) == n {
			return true
		}
	}
	return false
}

// normaliseMeasure keeps the lower-case letters and digits of a name, less
// a bracketed note at its end ("Missing [note 3]").
func normaliseMeasure(s string) string {
	if i := strings.LastIndexAny(s, "(["); i > 0 && strings.HasSuffix(strings.TrimSpace(s), string(map[byte]byte{'(': ')', '[': ']'}[s[i]])) {
		s = s[:i]
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
