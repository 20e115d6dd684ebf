package library

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/report"
)

// noteDataset is a dataset as a person adds it: one file or several
// together.
type noteDataset struct {
	name  string
	files []string
}

// noteDatasets are the datasets whose notes the tests of this file check:
// every file of the e2e fixtures and of ../shared/corpus/police alone, and
// files added together (the e2e pairs, and the six files of officer
// numbers in which a person found each file saying "0 errors" while
// issues.csv listed 225).
func noteDatasets(t *testing.T) []noteDataset {
	t.Helper()
	e2e := filepath.Join("..", "..", "e2e", "testdata")
	police := filepath.Join(goldenCorpus, "police")
	var out []noteDataset
	paths, _ := filepath.Glob(filepath.Join(e2e, "*.csv"))
	corpus, _ := filepath.Glob(filepath.Join(police, "*.csv"))
	if len(corpus) == 0 {
		t.Logf("no corpus at %s: only the fixtures are checked", police)
	}
	for _, p := range append(paths, corpus...) {
		out = append(out, noteDataset{name: filepath.Base(p), files: []string{p}})
	}
	out = append(out,
		noteDataset{name: "missing and registered", files: []string{filepath.Join(e2e, "missing-2018-foi.csv"), filepath.Join(e2e, "registered-mappa-2016-17.csv")}},
		noteDataset{name: "counts and sizes", files: []string{filepath.Join(e2e, "counts-per-year.csv"), filepath.Join(e2e, "sizes-per-year.csv")}},
	)
	if len(corpus) > 0 {
		var six []string
		for _, y := range []string{"2015", "2016", "2017", "2018", "2019"} {
			six = append(six, filepath.Join(police, "home-office-officer-fte-"+y+".csv"))
		}
		out = append(out, noteDataset{name: "officer numbers, six files", files: append(six, filepath.Join(police, "police-workforce-fte-by-year.csv"))})
	}
	return out
}

// importNotes imports a dataset and returns its view and the rows of its
// issues.csv (header first); ok is false when every file is refused.
func importNotes(t *testing.T, d noteDataset) (DatasetResults, [][]string, bool) {
	t.Helper()
	ctx := context.Background()
	l := testLibrary(t)
	var files []OriginalFile
	for _, p := range d.files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, OriginalFile{Name: filepath.Base(p), Bytes: b})
	}
	res, err := l.ImportFiles(ctx, files, OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	if res.Dataset == nil {
		return DatasetResults{}, nil, false
	}
	view, err := l.Results(ctx, res.Dataset.ID)
	if err != nil {
		t.Fatal(err)
	}
	text, err := l.IssuesCSV(ctx, res.Dataset.ID)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return view, recs, true
}

// TestNoNoteTwice: issues.csv never lists the same note of the same place
// twice. A wide file's region row ("North East" across three periods) was
// noted once a period: each region three times, on the page and in
// issues.csv.
func TestNoNoteTwice(t *testing.T) {
	for _, d := range noteDatasets(t) {
		t.Run(d.name, func(t *testing.T) {
			_, recs, ok := importNotes(t, d)
			if !ok {
				return
			}
			seen := map[string]int{}
			for i, r := range recs[1:] {
				k := strings.Join(r, "\x00")
				if first, dup := seen[k]; dup {
					t.Errorf("row %d repeats row %d: %q", i+2, first+2, r)
					continue
				}
				seen[k] = i
			}
		})
	}
}

// TestFileCountsAreIssuesCSV: each file's counts of errors, warnings and
// information notes in the view are its rows of issues.csv of each
// severity, and every row of issues.csv is of a file of the view. On six
// files of officer numbers each file once said "0 errors" while issues.csv
// listed 225: the rows the files both give, noted when they were combined,
// after each file's counts were taken.
func TestFileCountsAreIssuesCSV(t *testing.T) {
	for _, d := range noteDatasets(t) {
		t.Run(d.name, func(t *testing.T) {
			view, recs, ok := importNotes(t, d)
			if !ok {
				return
			}
			col := map[string]int{}
			for i, h := range recs[0] {
				col[h] = i
			}
			want := map[string]map[string]int{}
			for _, r := range recs[1:] {
				f := r[col["file"]]
				if want[f] == nil {
					want[f] = map[string]int{}
				}
				want[f][r[col["severity"]]]++
			}
			if len(view.Report.Files) != len(d.files) {
				t.Errorf("%d files in the view, %d added", len(view.Report.Files), len(d.files))
			}
			inView := map[string]bool{}
			for _, f := range view.Report.Files {
				inView[f.File] = true
				got := map[string]int{"error": f.Errors, "warning": f.Warnings, "info": f.Info}
				for _, sev := range []string{"error", "warning", "info"} {
					if got[sev] != want[f.File][sev] {
						t.Errorf("%s: %d %s notes in the view, %d in issues.csv", f.File, got[sev], sev, want[f.File][sev])
					}
				}
			}
			for f, n := range want {
				if !inView[f] {
					t.Errorf("issues.csv has %v notes of %q, which is no file of the view", n, f)
				}
			}
		})
	}
}

// TestNoteGroupsCountEveryNote: the import report's groups (a kind of note
// of one file, once, with its count and lines) add up to each file's
// counts, from every note and not only those the page is sent; every error
// says what to do, in the view and in issues.csv.
func TestNoteGroupsCountEveryNote(t *testing.T) {
	for _, d := range noteDatasets(t) {
		t.Run(d.name, func(t *testing.T) {
			view, recs, ok := importNotes(t, d)
			if !ok {
				return
			}
			sums := map[string]map[string]int{}
			for _, g := range view.Report.NoteGroups {
				if sums[g.File] == nil {
					sums[g.File] = map[string]int{}
				}
				sums[g.File][string(g.Severity)] += g.Count
				if g.Severity == "error" && g.Remedy == "" {
					t.Errorf("%s: the error %q says nothing of what to do", g.File, g.Code)
				}
				if g.LinesTotal < len(g.Lines) || g.Count < g.LinesTotal {
					t.Errorf("%s %s: %d notes on %d lines, %d sent", g.File, g.Code, g.Count, g.LinesTotal, len(g.Lines))
				}
			}
			for _, f := range view.Report.Files {
				got := map[string]int{"error": f.Errors, "warning": f.Warnings, "info": f.Info}
				for sev, n := range got {
					if sums[f.File][sev] != n {
						t.Errorf("%s: the groups count %d %s notes, the file %d", f.File, sums[f.File][sev], sev, n)
					}
				}
			}
			col := map[string]int{}
			for i, h := range recs[0] {
				col[h] = i
			}
			for _, r := range recs[1:] {
				if r[col["severity"]] == "error" && strings.TrimSpace(r[col["what_to_do"]]) == "" {
					t.Errorf("issues.csv: the error %q of %s line %s has no what_to_do", r[col["code"]], r[col["file"]], r[col["line"]])
				}
			}
		})
	}
}

// TestRegionNotedOnceALine: in a wide file of officer numbers, each of the
// nine region rows (three periods each) is one note, in one group.
func TestRegionNotedOnceALine(t *testing.T) {
	p := filepath.Join(goldenCorpus, "police", "home-office-officer-fte-2015.csv")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("no corpus: %v", err)
	}
	view, _, _ := importNotes(t, noteDataset{name: "fte", files: []string{p}})
	var regions *report.NoteGroup
	for i, g := range view.Report.NoteGroups {
		if g.Code == "region-row" {
			regions = &view.Report.NoteGroups[i]
		}
	}
	if regions == nil || regions.Count != regions.LinesTotal || regions.LinesTotal < 9 {
		t.Errorf("the region rows' group: %+v", regions)
	}
}
