package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// viewShown is true once the view of the named dataset is drawn with its
// results: the table has rows and the trend chart is there.
func viewShown(name string) string {
	return `document.querySelector("#view-heading")?.textContent.includes(` + jsString(name) + `) &&
		document.querySelectorAll("#results tbody tr").length > 0 && document.querySelector("#trend-chart svg") !== null`
}

// notReopened is true when the page says it did not open a dataset again
// because the engine stopped on it at the last visit.
const notReopened = `[...document.querySelectorAll("#import-messages .message")].some((m) => m.textContent.includes("was not opened again"))`

// engineStopped is true when the page says the engine stopped.
const engineStopped = `document.body.textContent.includes("The engine stopped")`

// TestLargeFileSurvivesReload imports a 30 MB file of daily figures (the
// size whose reload once ran the engine out of memory every time, and whose
// dataset the page then reopened and died on again), sees its results,
// reloads, and sees them again, with no engine stop either time.
func TestLargeFileSurvivesReload(t *testing.T) {
	saved := sessionTimeout
	sessionTimeout = 15 * time.Minute
	defer func() { sessionTimeout = saved }()
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	s.waitForLong(t, `!!document.body.dataset.readyMs`, time.Minute)
	file := filepath.Join(t.TempDir(), "daily-30mb.csv")
	writeDailyCSV(t, file, 750_000) // about 30 MB
	if st, err := os.Stat(file); err != nil || st.Size() < 29_000_000 {
		t.Fatalf("the file is not 30 MB: %v", err)
	}
	s.eval(t, watchProgressJS(false), nil)
	s.addFiles(t, file)
	s.waitForLong(t, `(`+viewShown("daily-30mb")+` && !!document.body.dataset.lastImportMs) || `+engineStopped, 10*time.Minute)
	var long []float64
	s.eval(t, `window.longTasks`, &long)
	t.Logf("main-thread tasks over 50 ms while the 30 MB file was imported and drawn: %v ms", long)
	var ms, timings string
	s.eval(t, `document.body.dataset.lastImportMs || ""`, &ms)
	s.eval(t, `document.body.dataset.viewTimings || ""`, &timings)
	t.Logf("30 MB imported and drawn in %s ms; the view: %s", ms, timings)
	var stopped bool
	if s.eval(t, engineStopped, &stopped); stopped {
		t.Fatal("the engine stopped on the import")
	}
	var memory float64
	s.engineJS(t, `return (await m.call("engineMemory")).wasmBytes`, &memory)
	t.Logf("the module's memory after the import: %.0f MB", memory/(1<<20))
	s.reload(t)
	s.waitForLong(t, `(`+viewShown("daily-30mb")+` && !!document.body.dataset.firstViewMs) || `+engineStopped+` || `+notReopened, 5*time.Minute)
	var notice bool
	if s.eval(t, notReopened, &notice); notice {
		t.Fatal("after the reload the page took the dataset for one the engine had stopped on")
	}
	if s.eval(t, engineStopped, &stopped); stopped {
		t.Fatal("the engine stopped after the reload")
	}
	s.eval(t, `document.body.dataset.firstViewMs`, &ms)
	t.Logf("after the reload, the dataset was drawn %s ms after navigation", ms)
	if summary := s.text(t, "#view-summary"); !strings.Contains(summary, "latest 120 of") {
		t.Errorf("the summary does not say that only the latest periods are shown: %q", summary)
	}
	if p := s.consoleProblems(); len(p) > 0 {
		t.Errorf("the page reported %q", p)
	}
}

// TestOverBudgetImportIsRefused makes the engine's memory budget smaller
// than an import needs: the page says why the file was not imported and
// what would fit, the datasets stored before are all there with the same
// results, and with the budget back the same file imports.
func TestOverBudgetImportIsRefused(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	s.waitFor(t, `!document.querySelector("#view").hidden && !document.querySelector("#download-csv").disabled`)
	before := s.library(t)
	if len(before) == 0 {
		t.Fatal("no dataset stored before the test")
	}
	s.engineJS(t, `return await m.call("setSettings", { settings: { memoryBudgetMB: 60 } })`, nil)
	file := filepath.Join(t.TempDir(), "daily-8mb.csv")
	writeDailyCSV(t, file, 200_000) // about 8 MB: about 70 MB to read
	s.addFiles(t, file)
	refusal := `[...document.querySelectorAll("#import-messages .message")].map((m) => m.textContent).join("\n")`
	s.waitForLong(t, refusal+`.includes("would need about")`, time.Minute)
	var msg string
	s.eval(t, refusal, &msg)
	for _, want := range []string{"importing daily-8mb", "of the 60 MB it may use", "nothing stored has changed", "group its dates by month or by year"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the page's message %q does not say %q", msg, want)
		}
	}
	s.eval(t, `document.querySelector("#import-messages").scrollIntoView()`, nil)
	s.viewportScreenshot(t, "over-budget")
	after := s.library(t)
	if len(after) != len(before) {
		t.Errorf("%d datasets before the refusal, %d after", len(before), len(after))
	}
	for id, d := range before {
		if a, ok := after[id]; !ok || a.Rows != d.Rows || a.CSV != d.CSV {
			t.Errorf("dataset %s (%s) changed with the refusal", id, d.Name)
		}
	}
	var stopped bool
	if s.eval(t, engineStopped, &stopped); stopped {
		t.Fatal("the engine stopped")
	}
	s.engineJS(t, `return await m.call("setSettings", { settings: { memoryBudgetMB: 0 } })`, nil)
	s.eval(t, `delete document.body.dataset.lastImportMs`, nil)
	s.addFiles(t, file)
	s.waitForLong(t, viewShown("daily-8mb"), 3*time.Minute)
}
