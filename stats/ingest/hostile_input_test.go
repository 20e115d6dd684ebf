package ingest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// hostileHeader is a header the reader recognises, so that each hostile file
// below is read to its rows.
const hostileHeader = "Force,Year,Missing,Registered\n"

// hostileFiles are files made to break a reader: what each must come to.
// Every one is read with no panic and no hang, and either refused with a
// short message that says where, or read with each bad value noted.
var hostileFiles = []struct {
	name string
	data string
	// errContains, when set, is what the refusal must say; else the file
	// reads and issueCodes are the codes noted, in order.
	errContains string
	issueCodes  []string
	// allocPerByte bounds the bytes allocated per byte read, when the
	// default (24) is too tight: a header cell is matched against every
	// known column name, some hundreds of bytes per cell.
	allocPerByte int
}{
	{name: "a 10 MB single field", data: hostileHeader + `"` + strings.Repeat("x", 10<<20) + `",2018,1,2` + "\nKent,2018,1,2\n",
		issueCodes: []string{"long-force"}},
	{name: "a 10 MB field with no quotes", data: hostileHeader + "Kent,2018," + strings.Repeat("9", 10<<20) + ",2\n",
		issueCodes: []string{"bad-count"}},
	{name: "100,000 columns", data: strings.Repeat("x,", 100000) + "\n" + strings.Repeat("1,", 100000) + "\n",
		errContains: "h.csv, line 1: the header row was not recognised", allocPerByte: 400},
	{name: "100,000 columns beside a real header", data: "Force,Year,Missing,Registered" + strings.Repeat(",x", 100000) + "\nKent,2018,1,2" + strings.Repeat(",1", 100000) + "\n",
		allocPerByte: 400},
	{name: "100,001 quotes in a row", data: hostileHeader + strings.Repeat(`"`, 100001) + "\n",
		errContains: "line 2"},
	{name: "quotes nested in quotes", data: hostileHeader + `"Kent """"a"""" ",2018,1,2` + "\n",
		issueCodes: []string{"unmatched-force"}},
	{name: "an unbalanced quote in the middle", data: hostileHeader + "Kent,2018,\"1,2\nEssex,2018,3,4\n",
		errContains: "line 2"},
	{name: "an unbalanced quote on the last line", data: hostileHeader + "Kent,2018,1,2\n\"Essex,2018,3,4\n",
		errContains: "line 3"},
	{name: "invalid UTF-8", data: hostileHeader + "Kent\xff\xfe\xc3,2018,1,2\nEssex,2018,3,4\n",
		issueCodes: []string{"unmatched-force"}},
	{name: "NUL bytes", data: hostileHeader + "Ke\x00nt,2018,1\x002,200\n",
		issueCodes: []string{"nul-bytes"}},
	{name: "nothing but NUL bytes", data: strings.Repeat("\x00", 1000), errContains: "empty"},
	{name: "numbers beyond int64", data: hostileHeader + "Kent,2018,99999999999999999999,100000000000000000000\nEssex,2018,9223372036854775808,9223372036854775807\n",
		issueCodes: []string{"bad-count", "bad-count", "bad-count", "bad-count"}},
	{name: "numbers beyond float64", data: hostileHeader + "Kent,2018,1e400,2\nEssex,2018,3,1" + strings.Repeat("0", 400) + "\n",
		issueCodes: []string{"bad-count", "bad-count"}},
	{name: "NaN, Inf and negative counts", data: hostileHeader + "Kent,2018,NaN,100\nEssex,2018,Inf,100\nDorset,2018,-Inf,100\nSurrey,2018,-5,100\nSussex,2018,5,-100\nKent,2019,nan,+Inf\n",
		issueCodes: []string{"bad-count", "bad-count", "bad-count", "bad-count", "bad-count", "bad-count", "bad-count"}},
}

// TestHostileFiles reads each hostile file, works out its results and
// writes results.csv and results.json: no panic, short messages that say
// where, valid UTF-8 out, no NaN or infinity in any figure, and memory
// that stays within a small multiple of the file's size.
func TestHostileFiles(t *testing.T) {
	for _, tt := range hostileFiles {
		t.Run(tt.name, func(t *testing.T) {
			var table *cube.Table
			var err error
			allocated := bytesAllocated(func() { table, err = ReadTable("h.csv", strings.NewReader(tt.data)) })
			// Loose, and no timing: a reader that copied the file per
			// column or per quote would need hundreds of times its size.
			perByte := 24
			if tt.allocPerByte > 0 {
				perByte = tt.allocPerByte
			}
			if limit := uint64(perByte*len(tt.data)) + 32<<20; allocated > limit {
				t.Errorf("reading %d bytes allocated %d MB, more than %d MB", len(tt.data), allocated>>20, limit>>20)
			}
			if tt.errContains != "" {
				if err == nil {
					t.Fatalf("read with %d rows; want a refusal naming %q", table.Len(), tt.errContains)
				}
				if msg := err.Error(); !strings.Contains(msg, tt.errContains) || len(msg) > 1000 {
					t.Errorf("refusal %q (%d bytes): want a short message naming %q", msg, len(msg), tt.errContains)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			var codes []string
			for _, is := range table.Issues {
				if is.Code == "guessed-column" || is.Code == "unused-columns" {
					continue
				}
				codes = append(codes, is.Code)
				if len(is.Message) > 500 || !utf8.ValidString(is.Message) {
					t.Errorf("issue %s: a message of %d bytes, valid UTF-8 %v", is.Code, len(is.Message), utf8.ValidString(is.Message))
				}
				if is.Code == "bad-count" && (is.Line == 0 || is.Column == 0) {
					t.Errorf("issue %q does not say where", is)
				}
			}
			if tt.issueCodes != nil && strings.Join(codes, " ") != strings.Join(tt.issueCodes, " ") {
				t.Errorf("issues %q, want %q", codes, tt.issueCodes)
			}
			checkOutputs(t, table)
		})
	}
}

// checkOutputs works out a table's results and writes every export: each
// is valid UTF-8, and results.json parses (JSON has no NaN or infinity).
func checkOutputs(t *testing.T, table *cube.Table) {
	t.Helper()
	res := analysis.Compute(table, stats.Wilson)
	_ = report.NewReport(table, res)
	var csvOut, jsonOut, issuesOut bytes.Buffer
	if err := report.WriteResultsCSV(&csvOut, report.ResultRows(res)); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteResultsJSON(&jsonOut, report.NewResultsFile("h", []string{"h.csv"}, res)); err != nil {
		t.Fatalf("results.json: %v", err)
	}
	if err := report.WriteIssuesCSV(&issuesOut, table.Issues); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"results.csv": csvOut.Bytes(), "results.json": jsonOut.Bytes(), "issues.csv": issuesOut.Bytes()} {
		if !utf8.Valid(b) {
			t.Errorf("%s is not valid UTF-8", name)
		}
	}
	// The figures of results.csv (missing to ci95_high) are numbers or
	// empty: never NaN or an infinity, whatever the cells said.
	records, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil {
		t.Fatalf("results.csv does not parse: %v", err)
	}
	for _, rec := range records[1:] {
		for _, cell := range rec[3:8] {
			if v, err := strconv.ParseFloat(cell, 64); cell != "" && (err != nil || math.IsNaN(v) || math.IsInf(v, 0)) {
				t.Errorf("results.csv figure %q in %q", cell, rec)
			}
		}
	}
	var parsed map[string]any
	if err := json.Unmarshal(jsonOut.Bytes(), &parsed); err != nil {
		t.Errorf("results.json does not parse: %v", err)
	}
}

// bytesAllocated is how many bytes the heap handed out while f ran.
func bytesAllocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
