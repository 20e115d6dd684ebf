package library

import (
	"crypto/rand"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/bundle"
	"github.com/foi-explorer/foi-explorer/stats/cube"
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
	// MeasureNames are the measures' names chosen in the page ("Taser
	// fired", "uses"), in place of the files' own; empty keeps those.
	MeasureNames [2]string `json:"measureNames,omitzero"`
}

// Where a dataset came from; a bundle carries it too, so the bundle's
// format spells them.
const (
	OriginFile             = bundle.OriginFile
	OriginPaste            = bundle.OriginPaste
	OriginRealExample      = bundle.OriginRealExample
	OriginSyntheticExample = bundle.OriginSyntheticExample
)

// newDataset describes a new dataset of table t, under a new id.
func newDataset(name string, files []string, t *cube.Table, origin string) Dataset {
	return Dataset{
		ID: "ds-" + rand.Text()[:16], Name: name, Files: files, Rows: t.Len(), Issues: len(t.Issues),
		ImportedAt: time.Now().UTC(), Origin: origin, Persisted: true,
	}
}

// datasetName is a file's name without its folder and .csv ending.
func datasetName(file string) string {
	base := path.Base(strings.ReplaceAll(file, "\\", "/"))
	if ext := path.Ext(base); strings.EqualFold(ext, ".csv") || strings.EqualFold(ext, ".txt") || strings.EqualFold(ext, ".tsv") {
		base = strings.TrimSuffix(base, ext)
	}
	if base == "" || base == "." {
		return file
	}
	return base
}

// SortDatasets puts the newest first; datasets imported at the same moment
// go by id, so that the order never depends on how a store iterates. It is
// the order of Store.List.
func SortDatasets(ds []Dataset) {
	slices.SortStableFunc(ds, func(a, b Dataset) int {
		if c := b.ImportedAt.Compare(a.ImportedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}
