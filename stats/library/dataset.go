package library

import (
	"time"

	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
)

// Dataset describes one imported set of figures: what the library lists. The
// original bytes and the parsed table are stored beside it.
type Dataset struct {
	ID         string                    `json:"id"`
	Name       string                    `json:"name"`
	Files      []string                  `json:"files"`
	Rows       int                       `json:"rows"`
	Issues     int                       `json:"issues"`
	ImportedAt time.Time                 `json:"importedAt"`
	Origin     string                    `json:"origin"` // OriginFile, OriginPaste, OriginRealExample or OriginSyntheticExample
	Mark       string                    `json:"mark,omitempty"`
	Sources    []examples.ReportedFigure `json:"sources,omitempty"`
	Persisted  bool                      `json:"persisted"` // false when kept in memory only
	// Pairing is the rule that pairs numerators with denominators of other
	// periods (PairingRule.String); empty means the default.
	Pairing string `json:"pairing,omitempty"`
	// Mappings holds, by file name, the columns chosen by hand for files
	// whose headers were not recognised.
	Mappings map[string]ingest.Mapping `json:"mappings,omitempty"`
	// NameMap holds the force chosen by hand (its key) for names that match
	// no force, by the name as written.
	NameMap map[string]string `json:"nameMap,omitempty"`
	// Values holds, by file name, whether a wide table's values were chosen
	// by hand to be numerators or denominators ("numerator", "denominator").
	Values map[string]string `json:"values,omitempty"`
}

// Where a dataset came from.
const (
	OriginFile             = "file"
	OriginPaste            = "paste"
	OriginRealExample      = "example-real"
	OriginSyntheticExample = "example-synthetic"
)
