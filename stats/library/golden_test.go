package library

// Golden files of today's outputs, taken before the figures-cube refactor, so
// that the refactor can be checked byte for byte: results.csv, issues.csv,
// results.json and the page report for the examples, the e2e fixtures and the
// real files in ../shared/corpus, made by the same calls the app makes
// (Library in this package: ImportFiles, LoadExample, results, ResultsCSV, IssuesCSV,
// ResultsJSON, Results).
//
//	go test ./stats -run TestGolden -update-golden   # (re)write them
//	go test ./stats -run TestGolden                  # compare
//
// table.bin is the stored form of a table (EncodeTable, format 2, as
// IndexedDB holds it today). Those bytes are frozen: -update-golden writes
// one only where none is there, so that a future format can be proved to
// read today's stored tables (TestGoldenStoredTablesDecode). Delete a
// table.bin by hand to take it again.

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite the golden files in testdata/golden")

const (
	goldenDir       = "testdata/golden"
	goldenTableFile = "table.bin"
	// goldenVersion stands in for AppVersion in results.json: it is the
	// release number (and, in a build, the commit), which changes with
	// every release and says nothing about the figures.
	goldenVersion = "(version)"
	// goldenRealName is the name LoadExample("real") gives the real
	// example in examples.go.
	goldenRealName = "Real reported figures (press and FOI, 2005 to 2024)"
)

var goldenCorpus = filepath.Join("..", "..", "..", "shared", "corpus")

// goldenFile is one file of a case, read as the page reads a file: by its
// name without a folder.
type goldenFile struct {
	name string
	data []byte
}

// goldenCase is one dataset.
type goldenCase struct {
	dir string
	// table gives the dataset's table, its name and files as the app
	// stores them, and the mark; err is a file the app refuses.
	table func(t *testing.T) (tab *cube.Table, name string, files []string, mark string, sources []examples.ReportedFigure, err error)
	// stored says the case also keeps table.bin.
	stored bool
}

var goldenUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// goldenDirName is a case's folder, from a file's path: lowercase,
// [a-z0-9-] only.
func goldenDirName(p string) string {
	return strings.Trim(goldenUnsafe.ReplaceAllString(strings.ToLower(p), "-"), "-")
}

// goldenDatasetName is wasm's datasetName: a file's name without its folder
// and .csv (or .txt, .tsv) ending.
func goldenDatasetName(file string) string {
	base := path.Base(strings.ReplaceAll(file, "\\", "/"))
	if ext := path.Ext(base); strings.EqualFold(ext, ".csv") || strings.EqualFold(ext, ".txt") || strings.EqualFold(ext, ".tsv") {
		base = strings.TrimSuffix(base, ext)
	}
	if base == "" || base == "." {
		return file
	}
	return base
}

// goldenBatchName is wasm's batchName.
func goldenBatchName(files []goldenFile) string {
	switch len(files) {
	case 1:
		return goldenDatasetName(files[0].name)
	case 2:
		return goldenDatasetName(files[0].name) + " and " + goldenDatasetName(files[1].name)
	}
	return fmt.Sprintf("%s and %d more", goldenDatasetName(files[0].name), len(files)-1)
}

// goldenImport is ImportFiles: each file read, the ones that can be read
// combined into one dataset. As in the app, a file that is refused is left
// out; when every file is, the case keeps the first file's error.
func goldenImport(paths ...string) func(t *testing.T) (*cube.Table, string, []string, string, []examples.ReportedFigure, error) {
	return func(t *testing.T) (*cube.Table, string, []string, string, []examples.ReportedFigure, error) {
		var kept []goldenFile
		var tables []*cube.Table
		var first error
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			f := goldenFile{name: filepath.Base(p), data: data}
			tab, err := ingest.Read(f.name, bytes.NewReader(f.data), ingest.ReadOptions{})
			if err != nil {
				if first == nil {
					first = err
				}
				continue
			}
			kept = append(kept, f)
			tables = append(tables, tab)
		}
		if len(tables) == 0 {
			return nil, "", nil, "", nil, first
		}
		name := goldenBatchName(kept)
		combined, _ := analysis.Combine(name, tables, analysis.PairContainingOrLatest)
		files := make([]string, len(kept))
		for i, f := range kept {
			files[i] = f.name
		}
		return combined, name, files, "", nil, nil
	}
}

func goldenCases(t *testing.T) []goldenCase {
	cases := []goldenCase{
		{dir: "example-synthetic", stored: true, table: func(t *testing.T) (*cube.Table, string, []string, string, []examples.ReportedFigure, error) {
			// LoadExample("synthetic"): ReadTable, not combined.
			tab, err := ingest.ReadTable(examples.SyntheticFile, bytes.NewReader(examples.SyntheticPracticeCSV()))
			if err != nil {
				t.Fatal(err)
			}
			return tab, examples.SyntheticDatasetName, []string{examples.SyntheticFile}, examples.SyntheticMark, nil, nil
		}},
		{dir: "example-real", stored: true, table: func(t *testing.T) (*cube.Table, string, []string, string, []examples.ReportedFigure, error) {
			// LoadExample("real").
			tab, _ := analysis.Combine(examples.ReportedFiguresFile, []*cube.Table{examples.ReportedFiguresTable()}, analysis.PairContainingOrLatest)
			return tab, goldenRealName, []string{examples.ReportedFiguresFile}, "", examples.ReportedFigures(), nil
		}},
	}
	e2e := filepath.Join("..", "..", "e2e", "testdata")
	// Files the e2e tests add together (app_test.go, bundle_test.go).
	cases = append(cases,
		goldenCase{dir: "multi-missing-2018-foi-registered-mappa-2016-17", stored: true,
			table: goldenImport(filepath.Join(e2e, "missing-2018-foi.csv"), filepath.Join(e2e, "registered-mappa-2016-17.csv"))},
		goldenCase{dir: "multi-counts-per-year-sizes-per-year",
			table: goldenImport(filepath.Join(e2e, "counts-per-year.csv"), filepath.Join(e2e, "sizes-per-year.csv"))},
	)
	e2eFiles, err := filepath.Glob(filepath.Join(e2e, "*.csv"))
	if err != nil || len(e2eFiles) == 0 {
		t.Fatalf("no e2e fixtures in %s: %v", e2e, err)
	}
	for _, p := range e2eFiles {
		cases = append(cases, goldenCase{dir: "e2e-" + goldenDirName(filepath.Base(p)), table: goldenImport(p)})
	}
	if _, err := os.Stat(goldenCorpus); err != nil {
		return cases
	}
	police, _ := filepath.Glob(filepath.Join(goldenCorpus, "police", "*"))
	for _, p := range police {
		cases = append(cases, goldenCase{dir: "police-" + goldenDirName(filepath.Base(p)), table: goldenImport(p)})
	}
	edge := filepath.Join(goldenCorpus, "csv-edge-cases")
	err = filepath.WalkDir(edge, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".csv") {
			return err
		}
		rel, _ := filepath.Rel(edge, p)
		cases = append(cases, goldenCase{dir: "edge-" + goldenDirName(filepath.ToSlash(rel)), table: goldenImport(p)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// goldenOutputs is every file of a case, by name.
func goldenOutputs(t *testing.T, c goldenCase) map[string][]byte {
	tab, name, files, mark, sources, err := c.table(t)
	if err != nil {
		return map[string][]byte{"error.txt": []byte(err.Error() + "\n")}
	}
	out := map[string][]byte{}
	// The app works out results from the table with the forces chosen by
	// hand (none here), with the method of the settings: Wilson unless
	// changed.
	named := analysis.WithNameMap(tab, nil)
	for _, m := range []stats.Method{stats.Wilson, stats.Poisson} {
		res := analysis.Compute(named, m)
		res.Mark = mark
		var b bytes.Buffer
		if err := report.WriteResultsCSV(&b, report.ResultRows(res)); err != nil {
			t.Fatal(err)
		}
		if m == stats.Poisson {
			out["results-poisson.csv"] = b.Bytes()
			continue
		}
		out["results.csv"] = b.Bytes()

		f := report.NewResultsFile(name, files, res)
		f.Version = goldenVersion
		var j bytes.Buffer
		if err := report.WriteResultsJSON(&j, f); err != nil {
			t.Fatal(err)
		}
		out["results.json"] = j.Bytes()

		// The page report as library.Results sends it: NewReport, with
		// the claims about totals when there are any.
		rep := report.NewReport(named, res)
		if claims := report.TotalClaims(res, report.CoverageOf(sources)); len(claims) > 0 {
			rep.Claims = claims
		}
		r, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		// The page is sent what AppendJSON writes (ViewJSON): the same.
		if fast, err := rep.AppendJSON(nil); err != nil || !bytes.Equal(fast, r) {
			t.Errorf("%s: Report.AppendJSON differs from json.Marshal (%v)", c.dir, err)
		}
		out["report.json"] = append(r, '\n')
	}
	var b bytes.Buffer
	if err := report.WriteIssuesCSV(&b, tab.Issues); err != nil {
		t.Fatal(err)
	}
	out["issues.csv"] = b.Bytes()
	if c.stored {
		enc, err := cube.EncodeTable(tab)
		if err != nil {
			t.Fatal(err)
		}
		out[goldenTableFile] = enc
	}
	return out
}

func TestGoldenOutputs(t *testing.T) {
	cases := goldenCases(t)
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.dir] {
			t.Fatalf("two cases share the folder %s", c.dir)
		}
		seen[c.dir] = true
	}
	if _, err := os.Stat(goldenCorpus); err != nil {
		t.Run("corpus", func(t *testing.T) {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing: CI must have ../shared/corpus beside the project", goldenCorpus)
			}
			t.Skipf("%s is not here: the corpus cases are skipped", goldenCorpus)
		})
	} else {
		// A folder no case writes is a case that went away.
		entries, _ := os.ReadDir(goldenDir)
		for _, e := range entries {
			if e.IsDir() && !seen[e.Name()] {
				t.Errorf("%s: no case writes this folder any more; delete it", filepath.Join(goldenDir, e.Name()))
			}
		}
	}
	for _, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			dir := filepath.Join(goldenDir, c.dir)
			out := goldenOutputs(t, c)
			if *updateGolden {
				goldenWrite(t, dir, out)
				return
			}
			goldenCompare(t, dir, out)
		})
	}
}

func goldenWrite(t *testing.T, dir string, out map[string][]byte) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if _, ok := out[e.Name()]; !ok && e.Name() != goldenTableFile {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, b := range out {
		p := filepath.Join(dir, name)
		if name == goldenTableFile {
			if _, err := os.Stat(p); err == nil {
				continue // frozen: today's stored form
			}
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func goldenCompare(t *testing.T, dir string, out map[string][]byte) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("%s: %v (run go test ./stats -run TestGolden -update-golden)", dir, err)
	}
	for _, e := range entries {
		if _, ok := out[e.Name()]; !ok {
			t.Errorf("%s: golden file is no longer written (was an error.txt case, or the other way round?)", filepath.Join(dir, e.Name()))
		}
	}
	names := make([]string, 0, len(out))
	for name := range out {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if name == goldenTableFile {
			continue // frozen; TestGoldenStoredTablesDecode reads it
		}
		p := filepath.Join(dir, name)
		want, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if msg := goldenDiff(want, out[name]); msg != "" {
			t.Errorf("%s differs from the golden file: %s", p, msg)
		}
	}
}

// goldenDiff says where got first differs from want, or "" when they are
// the same bytes.
func goldenDiff(want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g || i >= len(wl) || i >= len(gl) {
			return fmt.Sprintf("first difference at line %d (%d lines golden, %d now)\n  golden: %s\n  now:    %s",
				i+1, len(wl), len(gl), goldenClip(w), goldenClip(g))
		}
	}
	return "the bytes differ" // not reached
}

func goldenClip(s string) string {
	if len(s) > 300 {
		return fmt.Sprintf("%q… (%d bytes)", s[:300], len(s))
	}
	return fmt.Sprintf("%q", s)
}

// TestGoldenStoredTablesDecode reads the frozen stored tables (table.bin,
// the format IndexedDB holds today) and checks that their results are
// today's results.csv, byte for byte.
func TestGoldenStoredTablesDecode(t *testing.T) {
	bins, err := filepath.Glob(filepath.Join(goldenDir, "*", goldenTableFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(bins) < 3 {
		t.Fatalf("found %d %s files in %s, want 3 (run with -update-golden)", len(bins), goldenTableFile, goldenDir)
	}
	for _, p := range bins {
		dir := filepath.Dir(p)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			enc, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			tab, err := cube.DecodeTable(enc)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			if tab.Measures == [2]string{} {
				// A combined table of format 2 names no measures; the
				// library names them from the dataset's files read again
				// (Library.nameMeasures, TestOldCombinedTableNamesItsMeasures),
				// as the case's fresh table has them.
				for _, c := range goldenCases(t) {
					if c.dir == filepath.Base(dir) {
						fresh, _, _, _, _, _ := c.table(t)
						tab.Measures = fresh.Measures
					}
				}
			}
			res := analysis.Compute(analysis.WithNameMap(tab, nil), stats.Wilson)
			if filepath.Base(dir) == "example-synthetic" {
				res.Mark = examples.SyntheticMark // the dataset's mark, kept beside the table
			}
			var b bytes.Buffer
			if err := report.WriteResultsCSV(&b, report.ResultRows(res)); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, "results.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if msg := goldenDiff(want, b.Bytes()); msg != "" {
				t.Errorf("results of %s differ from %s: %s", p, filepath.Join(dir, "results.csv"), msg)
			}
			var issues bytes.Buffer
			if err := report.WriteIssuesCSV(&issues, tab.Issues); err != nil {
				t.Fatal(err)
			}
			want, err = os.ReadFile(filepath.Join(dir, "issues.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if msg := goldenDiff(want, issues.Bytes()); msg != "" {
				t.Errorf("issues of %s differ from %s: %s", p, filepath.Join(dir, "issues.csv"), msg)
			}
		})
	}
}

// TestOldCombinedTableNamesItsMeasures: a dataset of two files stored by a
// version whose tables named no measures (the frozen format-2 table.bin)
// gets its measures' names from its files when the library opens it.
func TestOldCombinedTableNamesItsMeasures(t *testing.T) {
	ctx := context.Background()
	enc, err := os.ReadFile(filepath.Join(goldenDir, "multi-missing-2018-foi-registered-mappa-2016-17", goldenTableFile))
	if err != nil {
		t.Fatal(err)
	}
	var originals []OriginalFile
	for _, name := range []string{"missing-2018-foi.csv", "registered-mappa-2016-17.csv"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "e2e", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		originals = append(originals, OriginalFile{Name: name, Bytes: b})
	}
	store := new(MemoryStore)
	meta := Dataset{ID: "old", Name: "old", Files: []string{originals[0].Name, originals[1].Name}, Origin: OriginFile, Persisted: true}
	if err := store.Put(ctx, StoredDataset{Meta: meta, Originals: originals, Table: enc}); err != nil {
		t.Fatal(err)
	}
	l := New(store, Options{})
	tab, err := l.table(ctx, "old", store)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Measures != [2]string{"Whereabouts unknown", "Registered sex offenders"} {
		t.Errorf("measures %q", tab.Measures)
	}
}
