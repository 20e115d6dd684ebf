package analysis_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// TestGatheredSeriesAreTheTable: NewFrame's copy of each series' rows
// (gatherSeries, used when a table's counts are plain) gives exactly the
// results.csv and results.json that reading the table row by row gives, on
// random plain tables (forces in any order, totals, unmatched names, blank
// counts, several rows of a force in a period), a long file and the corpus.
func TestGatheredSeriesAreTheTable(t *testing.T) {
	defer analysis.GatherSeries(true)
	var tables []*cube.Table
	r := rand.New(rand.NewPCG(16, 1))
	for range 16 {
		tab, err := ingest.ReadTable("random.csv", strings.NewReader(randomPlainFile(r)))
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, tab)
	}
	long, err := ingest.ReadBytes("long.csv", testfiles.LongFile(100_000, police.TerritorialNames()), ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tables = append(tables, long)
	tables = append(tables, corpusTables(t)...)
	plain := 0
	for i, tab := range tables {
		if tab.PlainCounts() {
			plain++
		}
		for _, m := range []stats.Method{stats.Wilson, stats.Poisson} {
			analysis.GatherSeries(true)
			gathered := resultFiles(t, analysis.Compute(tab, m))
			analysis.GatherSeries(false)
			read := resultFiles(t, analysis.Compute(tab, m))
			if gathered != read {
				t.Fatalf("table %d (%s), %v: the results differ:\ngathered:\n%.2000s\nfrom the table:\n%.2000s", i, tab.File, m, gathered, read)
			}
		}
	}
	t.Logf("%d tables, %d with plain counts", len(tables), plain)
	if plain < 15 {
		t.Fatalf("only %d tables have plain counts: the test is not testing the gathering", plain)
	}
}

// resultFiles are results.csv and results.json of res.
func resultFiles(t *testing.T, res analysis.Results) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteResultsCSV(&b, report.ResultRows(res)); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteResultsJSON(&b, report.NewResultsFile("d", []string{"f.csv"}, res)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// randomPlainFile is a long file of whole counts and blanks only, its rows
// in random order: forces by several names, totals, an unknown name,
// periods of months over a few years, and now and then a second row of a
// force in a period (a duplicate the reader skips).
func randomPlainFile(r *rand.Rand) string {
	names := append(police.TerritorialNames()[:5+r.IntN(20)], "England and Wales", "Nowhere Constabulary", "Total")
	var rows []string
	for y := 2015; y < 2016+r.IntN(4); y++ {
		for m := 1; m <= 12; m++ {
			for _, name := range names {
				if r.IntN(8) == 0 {
					continue
				}
				rows = append(rows, fmt.Sprintf("%s,%d-%02d,%s,%s", name, y, m, plainCell(r, 60), plainCell(r, 3000)))
				if r.IntN(40) == 0 {
					rows = append(rows, fmt.Sprintf("%s,%d-%02d,%s,%s", name, y, m, plainCell(r, 60), plainCell(r, 3000)))
				}
			}
		}
	}
	r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	return "force,period,missing,registered\n" + strings.Join(rows, "\n") + "\n"
}

func plainCell(r *rand.Rand, most int) string {
	if r.IntN(15) == 0 {
		return ""
	}
	return fmt.Sprint(r.IntN(most))
}

// corpusTables are the tables of the corpus's police files that read
// (../shared/corpus; none when it is absent, as in a fresh clone).
func corpusTables(t *testing.T) []*cube.Table {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "police")
	var out []*cube.Table
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".csv") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if tab, err := ingest.ReadBytes(filepath.Base(path), data, ingest.ReadOptions{}); err == nil {
			out = append(out, tab)
		}
		return nil
	})
	return out
}
