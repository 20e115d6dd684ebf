package cube

// Pairing records a numerator matched with a denominator of another period
// or file, for the page to list: every pairing that is not exact is shown.
type Pairing struct {
	Force             string `json:"force"`
	NumeratorPeriod   string `json:"numeratorPeriod"`
	DenominatorPeriod string `json:"denominatorPeriod"`
	NumeratorFile     string `json:"numeratorFile"`
	DenominatorFile   string `json:"denominatorFile"`
	How               string `json:"how"`
	Sentence          string `json:"sentence"`
	// Mismatch says when numerator and denominator cover different places:
	// "a United Kingdom numerator against an England and Wales denominator".
	Mismatch string `json:"mismatch,omitempty"`
}

// Exact reports whether numerator and denominator share their period.
func (p Pairing) Exact() bool {
	return (p.How == PairedSameRow || p.How == PairedSamePeriod) && p.Mismatch == ""
}

// How a pairing was made.
const (
	PairedSameRow    = "same row"
	PairedSamePeriod = "same period"
	PairedContaining = "the period containing it"
	PairedLatest     = "the latest before it"
)
