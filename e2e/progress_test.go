package e2e

import (
	"encoding/json"
	"testing"
)

// A long export says how far it has got: results.csv and results.json are
// written a span of periods at a time, and the engine tells the page after
// each span how many of the rows are written. The count it ends on is the
// rows of the file.
func TestExportsReportTheirProgress(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	id := s.viewDataset(t, "synthetic")
	var got struct {
		CSVLines int         `json:"csvLines"`
		CSV      [][2]int    `json:"csv"`
		JSONRows int         `json:"jsonRows"`
		JSON     [][2]int    `json:"json"`
		Label    string      `json:"label"`
		Keys     interface{} `json:"keys"`
	}
	s.eval(t, `(async () => {
		const { start } = await import("./engine.js");
		const run = async (type) => {
			const seen = [];
			const blob = await start(type, { datasetId: `+jsString(id)+` }, [], (p) => seen.push([p.done, p.total])).done;
			return { text: await blob.text(), seen };
		};
		const csv = await run("exportResultsCSV");
		const json = await run("exportResultsJSON");
		const parsed = JSON.parse(json.text);
		return { csvLines: csv.text.trimEnd().split("\n").length, csv: csv.seen,
			jsonRows: (parsed.rows || parsed.results || []).length, json: json.seen, keys: Object.keys(parsed),
			label: document.querySelector("#download-csv").textContent };
	})()`, &got)
	for name, seen := range map[string][][2]int{"results.csv": got.CSV, "results.json": got.JSON} {
		if len(seen) == 0 {
			t.Errorf("%s: no progress was reported", name)
			continue
		}
		last := seen[len(seen)-1]
		if last[0] != last[1] || last[1] <= 0 {
			t.Errorf("%s: the last progress is %d of %d, not the whole", name, last[0], last[1])
		}
		for i := 1; i < len(seen); i++ {
			if seen[i][0] < seen[i-1][0] {
				t.Errorf("%s: progress went back, %v", name, seen)
			}
		}
	}
	if n := len(got.CSV); n > 0 && got.CSV[n-1][1] != got.CSVLines-1 {
		t.Errorf("results.csv has %d rows, the progress counted %d", got.CSVLines-1, got.CSV[n-1][1])
	}
	if n := len(got.JSON); n > 0 && got.JSON[n-1][1] != got.JSONRows {
		keys, _ := json.Marshal(got.Keys)
		t.Errorf("results.json has %d rows (keys %s), the progress counted %d", got.JSONRows, keys, got.JSON[n-1][1])
	}
	if got.Label != "Download results CSV" {
		t.Errorf("the button reads %q", got.Label)
	}
}
