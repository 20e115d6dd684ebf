package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// What a person does on a first visit before the engine is ready — on the
// view worked out at build time, or with the file input — is done once it is:
// not lost, not an error. The engine is held back by pausing the request for
// its module, as a slow connection would.
func TestControlsBeforeTheEngineIsReady(t *testing.T) {
	srv := newServer(t)

	t.Run("the early view's method, force and download are done with the engine's practice data", func(t *testing.T) {
		s := newSession(t, srv.url())
		release := holdModule(t, s)
		s.run(t, chromedp.Navigate(srv.url()))
		s.waitFor(t, `document.body.dataset.earlyViewMs !== undefined`)
		release.check(t)
		// Another method, one more force on the trend chart, and results.csv.
		s.run(t, chromedp.SetValue("#method", "poisson", chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelector("#method").dispatchEvent(new Event("change"))`, nil))
		var force string
		s.eval(t, `(() => {
			const o = [...document.querySelectorAll("#trend-forces-list input")].find((o) => !o.checked);
			o.checked = true;
			o.dispatchEvent(new Event("change", { bubbles: true }));
			return o.value;
		})()`, &force)
		path := filepath.Join(s.download, "results.csv")
		_ = os.Remove(path)
		s.click(t, "#download-csv")
		release.release(t)

		got := awaitDownload(t, path)
		want := practiceResultsCSV(t, stats.Poisson)
		if diff := compareResultsCSV(got, want); diff != "" {
			t.Errorf("results.csv asked for on the early view differs from stats (Poisson): %s", diff)
		}
		s.waitForLong(t, `document.body.dataset.ready === "true" && !document.querySelector("#view-summary").textContent.includes("still starting")`, 2*time.Minute)
		var after struct {
			Method, ReportMethod, Dataset, Summary string
			Chosen                                 bool
		}
		s.eval(t, `({method: document.querySelector("#method").value, reportMethod: window.location.hash,
			dataset: document.querySelector("#view-heading").textContent, summary: document.querySelector("#view-summary").textContent,
			chosen: [...document.querySelectorAll("#trend-forces-list input:checked")].some((o) => o.value === `+strconv.Quote(force)+`)})`, &after)
		if after.Method != "poisson" || !strings.Contains(after.ReportMethod, "method=poisson") || !strings.Contains(after.Summary, "Poisson") {
			t.Errorf("the method chosen on the early view was lost: select %q, address %q, summary %q", after.Method, after.ReportMethod, after.Summary)
		}
		if !strings.Contains(after.Dataset, examples.SyntheticDatasetName) {
			t.Errorf("the engine's view is of %q, not the practice data", after.Dataset)
		}
		if !after.Chosen {
			t.Errorf("the force %s chosen on the early view's trend chart is no longer chosen in the engine's view", force)
		}
		checkNoProblems(t, s)
	})

	t.Run("a file chosen before the engine is ready is imported and viewed", func(t *testing.T) {
		s := newSession(t, srv.url())
		release := holdModule(t, s)
		s.run(t, chromedp.Navigate(srv.url()))
		s.waitFor(t, `document.body.dataset.earlyViewMs !== undefined`)
		release.check(t)
		const fixture = "testdata/forces-2016-2019.csv"
		s.addFiles(t, fixture)
		release.release(t)

		s.waitForLong(t, `document.body.dataset.ready === "true" && document.body.dataset.lastImportMs !== undefined`, 2*time.Minute)
		// The practice data is loaded on a first visit still, but the view
		// is the file's, and stays so.
		s.waitFor(t, `document.querySelectorAll("#library tbody tr").length === 3`)
		time.Sleep(500 * time.Millisecond)
		if h := s.text(t, "#view-heading"); !strings.Contains(h, "forces-2016-2019") {
			t.Fatalf("the view is %q, not the file chosen before the engine was ready", h)
		}
		s.waitFor(t, `!document.querySelector("#download-csv").disabled`)
		got := s.downloadFile(t, "#download-csv", "results.csv")
		if diff := compareResultsCSV(got, expectedResultsCSV(t, fixture)); diff != "" {
			t.Errorf("results.csv of the file chosen before the engine was ready differs from stats: %s", diff)
		}
		checkNoProblems(t, s)
	})
}

// moduleHold pauses the session's requests for the engine's module until
// released.
type moduleHold struct {
	s        *session
	mu       sync.Mutex
	paused   []fetch.RequestID
	released bool
}

// holdModule starts pausing the session's requests for foi.wasm; call it
// before the page is opened.
func holdModule(t *testing.T, s *session) *moduleHold {
	t.Helper()
	h := &moduleHold{s: s}
	target := chromedp.FromContext(s.ctx).Target
	chromedp.ListenTarget(s.ctx, func(ev any) {
		e, ok := ev.(*fetch.EventRequestPaused)
		if !ok {
			return
		}
		h.mu.Lock()
		defer h.mu.Unlock()
		if !h.released {
			h.paused = append(h.paused, e.RequestID)
			return
		}
		// Not from this goroutine: it delivers the events.
		go func() { _ = fetch.ContinueRequest(e.RequestID).Do(cdp.WithExecutor(s.ctx, target)) }()
	})
	s.run(t, fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*/foi.wasm"}}))
	return h
}

// check fails the test unless the module is being held now, so that what
// follows really happens before the engine is ready.
func (h *moduleHold) check(t *testing.T) {
	t.Helper()
	h.mu.Lock()
	n := len(h.paused)
	h.mu.Unlock()
	var ready string
	h.s.eval(t, `document.body.dataset.ready || ""`, &ready)
	if n == 0 || ready != "" {
		t.Fatalf("the engine's module was not held back (%d requests paused, ready %q)", n, ready)
	}
}

// release lets the held requests, and any later ones, go on.
func (h *moduleHold) release(t *testing.T) {
	t.Helper()
	h.mu.Lock()
	h.released = true
	ids := h.paused
	h.paused = nil
	h.mu.Unlock()
	for _, id := range ids {
		h.s.run(t, fetch.ContinueRequest(id))
	}
}

// awaitDownload waits for a download to be saved at path and returns it.
func awaitDownload(t *testing.T, path string) []byte {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			if _, err := os.Stat(path + ".crdownload"); os.IsNotExist(err) {
				return b
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s was not downloaded", filepath.Base(path))
	return nil
}

// practiceResultsCSV is results.csv of the synthetic practice data as stats
// computes it natively, marked as the engine marks it.
func practiceResultsCSV(t *testing.T, method stats.Method) []byte {
	t.Helper()
	table, err := ingest.ReadTable(examples.SyntheticFile, bytes.NewReader(examples.SyntheticPracticeCSV()))
	if err != nil {
		t.Fatal(err)
	}
	res := analysis.Compute(table, method)
	res.Mark = examples.SyntheticMark
	var b bytes.Buffer
	if err := report.WriteResultsCSV(&b, report.ResultRows(res)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkNoProblems fails the test on any console error, exception or CSP
// violation the session saw.
func checkNoProblems(t *testing.T, s *session) {
	t.Helper()
	if p := s.consoleProblems(); len(p) > 0 {
		t.Errorf("console problems:\n%s", strings.Join(p, "\n"))
	}
}

// On a first visit the view worked out at build time is kept as the practice
// dataset's view once the engine has loaded that dataset, rather than worked
// out again: so it must be the engine's view, in this browser's wasm, to the
// word, and every number to 12 significant digits (Go's math in wasm is its
// own code, not the amd64 assembly the build ran, and the last bits of a
// p-value differ; the page shows at most four). It is then the view of the engine's dataset (the
// address, the list, the downloads name that), and the report is stored in
// the background, so that a reload reads it.
func TestEarlyViewIsTheEngines(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	s.waitForLong(t, `document.body.dataset.ready === "true"`, 2*time.Minute)
	var kept struct {
		Viewing, Hash, Summary, Exports string
		Rows                            int
	}
	s.eval(t, `(async () => {
		const { state } = await import("./state.js");
		return { viewing: state.viewing, hash: location.hash, summary: document.querySelector("#view-summary").textContent,
			exports: state.exports?.id || "", rows: state.results.report.rows.length };
	})()`, &kept)
	if kept.Viewing == "" || kept.Viewing == "first-view" || !strings.Contains(kept.Hash, kept.Viewing) || kept.Exports != kept.Viewing || strings.Contains(kept.Summary, "still starting") || kept.Rows != 440 {
		t.Errorf("the early view was not made the practice dataset's view: %+v", kept)
	}
	// The engine's own view of that dataset, beside the one the build made.
	var diff string
	s.eval(t, `(async () => {
		const { call } = await import("./engine.js");
		const { decode } = await import("./protocol.js");
		const { state } = await import("./state.js");
		const engine = (await call("results", { datasetId: state.viewing })).report;
		const early = decode(await (await fetch("example-synthetic.json")).text()).report;
		// Every word the same; every number the same to 12 significant
		// digits (the page shows at most 4): the last bits of a p-value
		// differ, since Go's math in wasm is not the assembly of amd64.
		const differ = (a, b, path) => {
			if (typeof a === "number" && typeof b === "number") {
				return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)) ? "" : path + ": " + a + " against " + b;
			}
			if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
				return a === b ? "" : path + ": " + JSON.stringify(a) + " against " + JSON.stringify(b);
			}
			const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
			for (const k of keys) {
				const d = differ(a[k], b[k], path + "." + k);
				if (d) return d;
			}
			return "";
		};
		return differ(engine, early, "report");
	})()`, &diff)
	if diff != "" {
		t.Errorf("the view made at build time is not the engine's in this browser:\n%s", diff)
	}
	// A reload opens the practice data, with its view.
	s.reload(t)
	s.waitForLong(t, `document.body.dataset.ready === "true"`, 2*time.Minute)
	var heading string
	s.eval(t, `document.querySelector("#view-heading").textContent`, &heading)
	if !strings.Contains(heading, examples.SyntheticDatasetName) {
		t.Errorf("after a reload the view is of %q", heading)
	}
	checkNoProblems(t, s)
}
