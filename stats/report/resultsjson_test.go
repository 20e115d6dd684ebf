package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
)

// results.json holds the same rows as results.csv: the same columns in the
// same order, the same numbers, and the names as written (the CSV's guard
// against formulas aside).
func TestResultsJSONMatchesCSV(t *testing.T) {
	table, err := ingest.ReadTable("practice.csv", bytes.NewReader(examples.SyntheticPracticeCSV()))
	if err != nil {
		t.Fatal(err)
	}
	res := analysis.Compute(table, stats.Poisson)
	res.Mark = examples.SyntheticMark
	res.Figures[0].ForceName, res.Figures[0].Matched = `=HYPERLINK("http://x")`, false
	var csvText, jsonText bytes.Buffer
	if err := WriteResultsCSV(&csvText, ResultRows(res)); err != nil {
		t.Fatal(err)
	}
	if err := WriteResultsJSON(&jsonText, NewResultsFile("practice", []string{"practice.csv"}, res)); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&csvText).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		App, Version, Dataset, Method, MethodText, Mark string
		Files                                           []string
		Columns                                         []string
		Rows                                            []map[string]any
	}
	dec := json.NewDecoder(bytes.NewReader(jsonText.Bytes()))
	dec.UseNumber()
	if err := dec.Decode(&file); err != nil {
		t.Fatalf("results.json does not parse: %v\n%s", err, jsonText.Bytes()[:500])
	}
	if file.App != "FOI Explorer" || !strings.HasPrefix(file.Version, Version) || file.Method != "poisson" ||
		!strings.Contains(file.MethodText, "Byar") || file.Mark != examples.SyntheticMark || file.Dataset != "practice" || len(file.Files) != 1 {
		t.Errorf("results.json header: %+v", file)
	}
	if strings.Join(file.Columns, ",") != strings.Join(records[0], ",") {
		t.Errorf("columns %q, CSV header %q", file.Columns, records[0])
	}
	if len(file.Rows) != len(records)-1 {
		t.Fatalf("%d JSON rows, %d CSV rows", len(file.Rows), len(records)-1)
	}
	numbers := 0
	for i, rec := range records[1:] {
		row := file.Rows[i]
		if len(row) != len(rec) {
			t.Fatalf("row %d has %d keys, the CSV %d cells", i+1, len(row), len(rec))
		}
		for j, name := range records[0] {
			var got string
			switch v := row[name].(type) {
			case nil:
				got = ""
			case json.Number:
				got = v.String()
				numbers++
			case string:
				got = SafeCell(v)
			default:
				t.Fatalf("row %d %s: unexpected %T", i+1, name, v)
			}
			if got != rec[j] {
				t.Errorf("row %d %s: JSON %q, CSV %q", i+1, name, got, rec[j])
			}
		}
	}
	if numbers == 0 {
		t.Error("no numbers in results.json")
	}
	// Keys come in the order of the CSV's columns.
	first := jsonText.String()[strings.Index(jsonText.String(), `"rows"`):]
	last := -1
	for _, c := range records[0] {
		at := strings.Index(first, `"`+c+`":`)
		if at < last {
			t.Errorf("key %s is out of the CSV's order", c)
		}
		last = at
	}
}

func TestResultsJSONEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteResultsJSON(&b, NewResultsFile("empty", nil, analysis.Results{})); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"rows": []`, `"files": []`, `"method": "wilson"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("results.json of no rows lacks %s:\n%s", want, b.String())
		}
	}
}

func TestVersionOf(t *testing.T) {
	tests := []struct {
		revision string
		modified bool
		want     string
	}{
		{"", false, Version},
		{"0123456789abcdef0123", false, Version + "+0123456789ab"},
		{"abc", true, Version + "+abc-dirty"},
	}
	for _, tt := range tests {
		if got := versionOf(tt.revision, tt.modified); got != tt.want {
			t.Errorf("versionOf(%q, %v) = %q, want %q", tt.revision, tt.modified, got, tt.want)
		}
	}
}
