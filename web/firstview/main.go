// Command firstview writes the view of the synthetic practice data that a
// first visit shows, as the engine's results call returns it, so that the
// page can draw it before the engine has started (`make build` puts it in
// the site as example-synthetic.json). On this machine that brought the
// first chart of a first visit from about 3.3 s to 1.8 s after navigation.
// It is the library's own view (LoadExample, then ViewJSON, the engine's
// two calls), so that the page can keep it as the practice dataset's view
// once the engine has loaded that dataset, rather than have the engine work
// out the same view again at start (0.7-0.9 s of a first visit in wasm);
// e2e's TestEarlyViewIsTheEngines holds the engine's view in the browser
// to it.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/foi-explorer/foi-explorer/stats/library"
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
	ctx := context.Background()
	l := library.New(new(library.MemoryStore), library.Options{})
	d, err := l.LoadExample(ctx, "synthetic")
	if err != nil {
		return nil, err
	}
	view, err := l.ViewJSON(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	var v struct {
		Dataset library.Dataset `json:"dataset"`
		Report  json.RawMessage `json:"report"`
	}
	if err := json.Unmarshal([]byte(view), &v); err != nil {
		return nil, err
	}
	// The dataset is the page's placeholder until the engine has its own.
	meta := library.Dataset{ID: PlaceholderID, Name: v.Dataset.Name, Files: v.Dataset.Files,
		Rows: v.Dataset.Rows, Issues: v.Dataset.Issues, Origin: v.Dataset.Origin, Mark: v.Dataset.Mark}
	return json.Marshal(map[string]any{"dataset": meta, "report": v.Report})
}
