package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestEveryFileThroughThePage adds, one at a time and as a person would,
// every file of ../shared/corpus (real files written by other people),
// the app's reported-figures.csv and every fixture of the importer's
// structure and workbook tests. Whatever each file is, the page must say
// what became of it (a view, or an error naming the file) and nothing on
// the page may fail: no exception, no console error, no panel that could
// not be drawn, and the downloads ready after each view.
func TestEveryFileThroughThePage(t *testing.T) {
	files := pageFiles(t)
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	viewed, refused := 0, 0
	for _, path := range files {
		name := filepath.Base(path)
		before := len(s.consoleProblems())
		s.addFiles(t, path)
		// The import's own message names the file: "name: N rows imported"
		// or "Could not import name, line N: ...".
		s.waitForLong(t, `(() => { const ms = [...document.querySelectorAll("#import-messages .message")].map((m) => m.textContent);
			return ms.length > 0 && !ms.some((m) => m.startsWith("Reading ")) && ms.some((m) => m.includes(`+strconv.Quote(name)+`)); })()`, timeoutFor(path))
		var outcome struct {
			OK       bool     `json:"ok"`
			Messages []string `json:"messages"`
		}
		s.eval(t, `(() => { const ms = [...document.querySelectorAll("#import-messages .message")];
			return { ok: ms.some((m) => m.classList.contains("ok")), messages: ms.map((m) => m.textContent) }; })()`, &outcome)
		if outcome.OK {
			viewed++
			s.waitFor(t, `!document.querySelector("#view").hidden && !document.querySelector("#download-csv").disabled && !document.querySelector("#download-data").disabled`)
		} else {
			refused++
			if strings.Contains(path, filepath.Join("stats", "ingest", "testdata")) {
				// Each fixture is a file the importer must read.
				t.Errorf("%s was not imported: %q", path, outcome.Messages)
			}
		}
		for _, m := range outcome.Messages {
			if strings.Contains(m, "could not be drawn") || strings.Contains(m, "Could not show") || strings.Contains(m, "Could not prepare") {
				t.Errorf("%s: %s", path, m)
			}
		}
		if p := s.consoleProblems(); len(p) > before {
			t.Errorf("%s: the page reported %q", path, p[before:])
		}
		t.Logf("%s: %s", name, strings.Join(outcome.Messages, " | "))
		if name == "taser-measures.csv" && outcome.OK {
			// A dataset of another topic is worded in its own measures,
			// in the findings, the interval setting and the funnel's axis.
			// The Taser file's own view, drawn whole: under load the view of
			// the file before could still be on the page.
			s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("taser-measures") && document.body.dataset.viewDrawn === "true"`)
			var words struct{ Findings, Method, Axis string }
			s.eval(t, `({findings: document.querySelector("#findings").textContent,
				method: document.querySelector('#method option[value="wilson"]').textContent,
				axis: [...document.querySelectorAll("#funnel-chart text")].map((e) => e.textContent).join(" ")})`, &words)
			if !strings.Contains(words.Findings, "drawn per 1,000 total uses") || strings.Contains(words.Findings, "offender") {
				t.Errorf("the Taser file's findings: %q", words.Findings)
			}
			if !strings.Contains(words.Method, "the drawn are among the total uses") {
				t.Errorf("the interval setting for the Taser file: %q", words.Method)
			}
			if strings.Contains(words.Axis, "registered") {
				t.Errorf("the Taser file's funnel axis: %q", words.Axis)
			}
		}
		if name == "totals-by-sum.csv" && outcome.OK {
			// For a person to look at: the warnings at the top of the view,
			// at a phone's width and a laptop's.
			for _, w := range []int64{375, 1366} {
				s.run(t, chromedp.EmulateViewport(w, 900))
				s.eval(t, `document.querySelector("#view").scrollIntoView(); true`, nil)
				s.viewportScreenshot(t, fmt.Sprintf("view-warnings-%d", w))
			}
			s.run(t, chromedp.EmulateViewport(1280, 1000))
		}
	}
	t.Logf("%d files: %d viewed, %d refused with a message", len(files), viewed, refused)
}

// pageFiles are the files the test adds: the corpus (which CI has beside
// the project, and a fresh clone has not), and the importer's fixtures.
func pageFiles(t *testing.T) []string {
	t.Helper()
	root := repoRoot(t)
	shared := filepath.Join(root, "..", "shared")
	var files []string
	if _, err := os.Stat(filepath.Join(shared, "corpus")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("../shared/corpus is missing: CI must have it beside the project")
		}
		t.Logf("../shared/corpus is not here (a fresh clone has none): only the project's fixtures are added")
	} else {
		_ = filepath.WalkDir(filepath.Join(shared, "corpus"), func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.Contains(path, string(filepath.Separator)+"expected"+string(filepath.Separator)) &&
				!strings.HasSuffix(path, ".md") {
				files = append(files, path)
			}
			return nil
		})
		files = append(files, filepath.Join(shared, "data", "reported-figures.csv"))
	}
	for _, dir := range []string{"structure", "sheets"} {
		matches, _ := filepath.Glob(filepath.Join(root, "stats", "ingest", "testdata", dir, "*.*"))
		for _, m := range matches {
			if !strings.HasSuffix(m, ".py") {
				files = append(files, m)
			}
		}
	}
	slices.Sort(files)
	return files
}

// timeoutFor allows a large file longer.
func timeoutFor(path string) time.Duration {
	if fi, err := os.Stat(path); err == nil && fi.Size() > 1<<20 {
		return 3 * time.Minute
	}
	return 30 * time.Second
}

// TestMessyPairThroughThePage adds a messy FOI pair together, as a
// journalist would: Windows-1252, semicolons, title lines, a footnote
// marker, "<5", a Total row and an England and Wales row. The page once
// died drawing the claims of such a pair; now the view, its claims and every
// download must work with no page error.
func TestMessyPairThroughThePage(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	s.addFiles(t, "testdata/messy-pair-missing.csv", "testdata/messy-pair-registered.csv")
	s.waitForLong(t, `document.querySelector("#view-heading").textContent.includes("messy-pair-missing") && !document.querySelector("#download-csv").disabled && !document.querySelector("#download-data").disabled && !document.querySelector("#download-issues").disabled`, time.Minute)
	got := s.downloadFile(t, "#download-csv", "results.csv")
	// Derbyshire: 7 missing against 1,154 registered (the latest before 17 January 2018).
	if !strings.Contains(string(got), ",Derbyshire,2018-01-17,7,1154,") {
		t.Errorf("results.csv lacks Derbyshire's 7 of 1,154:\n%s", got)
	}
	var messages []string
	s.eval(t, `[...document.querySelectorAll("#import-messages .message")].map((m) => m.textContent)`, &messages)
	for _, m := range messages {
		if strings.Contains(m, "could not be drawn") {
			t.Error(m)
		}
	}
	if p := s.consoleProblems(); len(p) > 0 {
		t.Errorf("the page reported %q", p)
	}
}
