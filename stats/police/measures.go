package police

import (
	"strings"
	"unicode"

	"github.com/foi-explorer/foi-explorer/stats/internal/lazyre"
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
	n, bare := NormaliseHeader(name), NormaliseHeader(WithoutNote(name))
	for _, w := range names {
		if w := NormaliseHeader(w); w == n || w == bare {
			return true
		}
	}
	return false
}

// NormaliseHeader keeps only lower-case letters and digits, so that case,
// spacing and punctuation do not matter: "Wanted / Missing" → "wantedmissing".
func NormaliseHeader(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// WithoutNote is a header without a bracketed note at its end:
// "Registered sex offenders (RSOs)", "Missing [note 3]".
func WithoutNote(h string) string { return reHeaderNote.ReplaceAllString(h, "") }

var reHeaderNote = lazyre.LazyRE(`\s*[(\[][^)\]]*[)\]]\s*$`)
