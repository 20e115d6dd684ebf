package e2e

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// storedDataset is what the crash tests compare before and after a crash:
// what the library lists, and the results.csv the engine makes from it.
type storedDataset struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Rows      int    `json:"rows"`
	Persisted bool   `json:"persisted"`
	CSV       string `json:"csv"`
}

// engineJS runs body with m, the page's own engine.js module (the same
// instance app.js uses), in an async function, and returns its result.
func (s *session) engineJS(t *testing.T, body string, out any) {
	t.Helper()
	s.eval(t, fmt.Sprintf(`(async () => { const m = await import(%q); %s })()`, s.origin+"/engine.js", body), out)
}

// library lists every dataset with its results.csv, by id.
func (s *session) library(t *testing.T) map[string]storedDataset {
	t.Helper()
	var list []storedDataset
	s.engineJS(t, `const out = [];
		for (const d of await m.call("listDatasets")) {
			// A large dataset's results take tens of seconds: its rows are
			// what tell whether it is whole.
			const csv = d.rows > 100000 ? "" : await (await m.call("exportResultsCSV", { datasetId: d.id })).text();
			out.push({ id: d.id, name: d.name, rows: d.rows, persisted: d.persisted, csv });
		}
		return out;`, &list)
	byID := map[string]storedDataset{}
	for _, d := range list {
		byID[d.ID] = d
	}
	return byID
}

// TestCrashSafety interrupts a large import in every way a page can die —
// navigating away, closing the tab, the engine's worker terminated — both
// while the rows are read and as the write to IndexedDB starts. After each,
// the page is opened again: every dataset stored before is there with the
// same rows and the same results.csv, and the interrupted one is absent or
// complete, never half-written.
func TestCrashSafety(t *testing.T) {
	saved := sessionTimeout
	sessionTimeout = 20 * time.Minute
	defer func() { sessionTimeout = saved }()
	srv := newServer(t)
	s := newSession(t, srv.url())

	large := filepath.Join(t.TempDir(), "large-crash.csv")
	const largeRows = 400_000 // about 15 MB: the import takes several seconds
	writeDailyCSV(t, large, largeRows)

	var before map[string]storedDataset
	t.Run("datasets stored before", func(t *testing.T) {
		s.open(t, srv.url())
		s.waitFor(t, `document.querySelectorAll("#library tbody tr").length === 2`)
		for _, f := range []string{"testdata/forces-2016-2019.csv", "testdata/messy-semicolon-windows1252.csv"} {
			s.addFiles(t, f)
			name := strings.TrimSuffix(filepath.Base(f), ".csv")
			s.waitFor(t, fmt.Sprintf(`document.querySelector("#view-heading").textContent.includes(%q)`, name))
		}
		before = s.library(t)
		if len(before) != 4 {
			t.Fatalf("%d datasets before the crashes, want 4: %v", len(before), before)
		}
		for _, d := range before {
			if !d.Persisted || d.Rows == 0 || !strings.HasPrefix(d.CSV, "force_code,") {
				t.Fatalf("dataset before the crashes: %+v", d)
			}
		}
	})

	// check opens the page again (it must already be loading or loaded) and
	// compares the library with before; a complete large dataset is checked,
	// then deleted so that the next crash starts from the same library.
	check := func(t *testing.T) {
		t.Helper()
		defer func() {
			if t.Failed() {
				t.Logf("console problems so far:\n%s", strings.Join(s.consoleProblems(), "\n"))
			}
		}()
		after := s.library(t)
		for id, d := range before {
			got, ok := after[id]
			switch {
			case !ok:
				t.Errorf("dataset %q was lost", d.Name)
			case got.Rows != d.Rows || got.Name != d.Name || !got.Persisted:
				t.Errorf("dataset %q changed: %d rows, name %q, persisted %v; was %d rows", d.Name, got.Rows, got.Name, got.Persisted, d.Rows)
			case got.CSV != d.CSV:
				t.Errorf("the results.csv of %q changed", d.Name)
			}
		}
		for id, d := range after {
			if _, ok := before[id]; ok {
				continue
			}
			if d.Name != "large-crash" {
				t.Errorf("an unexpected dataset appeared: %+v", d)
				continue
			}
			// Stored before the page died: it must be whole.
			if d.Rows != largeRows {
				t.Errorf("the interrupted import is half there: %d rows of %d", d.Rows, largeRows)
			}
			t.Logf("the import was stored whole (%d rows); deleting it", d.Rows)
			s.engineJS(t, fmt.Sprintf(`await m.call("deleteDataset", { datasetId: %q }); return true;`, id), nil)
		}
	}

	// startLarge adds the large file and waits until its rows are being
	// checked, the longest stage.
	startLarge := func(t *testing.T, s *session) {
		t.Helper()
		s.addFiles(t, large)
		s.waitForLong(t, `!document.querySelector("#import-progress").hidden && /^Checking/.test(document.querySelector("#import-stage").textContent)`, 2*time.Minute)
	}
	// atStoring runs js in the page the moment the progress box says the
	// write has started.
	atStoring := func(t *testing.T, js string) {
		t.Helper()
		s.eval(t, `window.crashedAt = ""; new MutationObserver((_, observer) => {
			const stage = document.querySelector("#import-stage").textContent;
			if (!stage.startsWith("Storing")) return;
			observer.disconnect();
			window.crashedAt = stage;
			`+js+`
		}).observe(document.querySelector("#import-stage"), { childList: true, characterData: true, subtree: true }); true`, nil)
	}

	t.Run("navigating away while the rows are checked", func(t *testing.T) {
		startLarge(t, s)
		s.run(t, chromedp.Navigate("about:blank"))
		s.open(t, srv.url())
		check(t)
	})

	t.Run("navigating away as the write starts", func(t *testing.T) {
		atStoring(t, `location.href = "about:blank";`)
		s.addFiles(t, large)
		s.waitForLong(t, `location.href === "about:blank"`, 3*time.Minute)
		s.open(t, srv.url())
		check(t)
	})

	t.Run("closing the tab in the middle of an import", func(t *testing.T) {
		tabCtx, closeTab := chromedp.NewContext(s.ctx)
		tab := &session{ctx: tabCtx, origin: s.origin, download: s.download}
		tab.open(t, srv.url())
		startLarge(t, tab)
		closeTab()
		s.reload(t)
		check(t)
	})

	// engineStopped waits for the page to say that the engine stopped, and
	// checks that a request made after it fails at once with that message.
	engineStopped := func(t *testing.T) {
		t.Helper()
		s.waitForLong(t, `/The engine stopped; reload the page/.test(document.querySelector("#import-messages").textContent)`, time.Minute)
		var msg string
		s.engineJS(t, `try { await m.call("listDatasets"); return "answered"; } catch (err) { return err.message; }`, &msg)
		if !strings.Contains(msg, "The engine stopped; reload the page") {
			t.Errorf("a request after the engine stopped: %q", msg)
		}
		if status := s.text(t, "#storage-status"); !strings.Contains(status, "The engine stopped") {
			t.Errorf("the storage note does not say the engine stopped: %q", status)
		}
	}

	var freshWorkerFor func(t *testing.T, pick string)
	// freshWorker starts another engine worker in the same page, right after
	// the first was terminated, and asks it for the library and the results
	// of a dataset: twice a fresh worker's first results request was seen
	// never to answer in such a page.
	freshWorker := func(t *testing.T) { freshWorkerFor(t, "list[list.length - 1]") }
	freshWorkerFor = func(t *testing.T, pick string) {
		t.Helper()
		var got struct {
			List, Results     string
			ListMs, ResultsMs float64
		}
		s.eval(t, `(async () => {
			const w = new Worker("worker.js");
			let id = 0;
			const ask = (msg) => Promise.race([
				new Promise((resolve) => {
					msg.id = ++id;
					const on = (e) => {
						if (e.data.id !== msg.id || e.data.progress) return;
						w.removeEventListener("message", on);
						resolve(e.data.ok ? { ok: true, result: e.data.result } : { ok: false, message: e.data.error.message });
					};
					w.addEventListener("message", on);
					w.postMessage(msg);
				}),
				new Promise((resolve) => setTimeout(() => resolve({ ok: false, message: "no answer in 60 s" }), 60000)),
			]);
			const t0 = performance.now();
			const listed = await ask({ type: "listDatasets" });
			const t1 = performance.now();
			let results = { ok: false, message: "no dataset" };
			const list = listed.ok ? listed.result : [];
			const chosen = list.length ? `+pick+` : null;
			if (chosen) results = await ask({ type: "results", datasetId: chosen.id });
			const t2 = performance.now();
			w.terminate();
			return { list: listed.ok ? "ok" : listed.message, results: results.ok ? "ok" : results.message, listMs: t1 - t0, resultsMs: t2 - t1 };
		})()`, &got)
		t.Logf("a fresh worker after the terminated one: listDatasets %s in %.0f ms, results %s in %.0f ms", got.List, got.ListMs, got.Results, got.ResultsMs)
		if got.List != "ok" || got.Results != "ok" {
			t.Errorf("a fresh worker in the same page did not answer: listDatasets %q, results %q", got.List, got.Results)
		}
	}

	t.Run("terminating the worker while the rows are checked", func(t *testing.T) {
		startLarge(t, s)
		s.eval(t, `window.foiWorker.terminate(); true`, nil)
		engineStopped(t)
		freshWorker(t)
		s.reload(t)
		check(t)
	})

	t.Run("terminating the worker as the write starts", func(t *testing.T) {
		atStoring(t, `window.foiWorker.terminate();`)
		s.addFiles(t, large)
		s.waitForLong(t, `window.crashedAt !== ""`, 3*time.Minute)
		engineStopped(t)
		freshWorker(t)
		s.reload(t)
		check(t)
	})

	// The write takes a moment: the table is encoded, then about 30 MB go
	// into one transaction and are committed. A whole import is timed from
	// the Storing label to the import's message, and the worker is then
	// terminated at fractions of that time, so that some points fall in the
	// commit. Nothing is asserted about time: every outcome must leave the
	// library whole, and each is logged.
	var storingMs float64
	t.Run("a whole import, to time its write", func(t *testing.T) {
		s.eval(t, `window.storingAt = 0; window.storedAt = 0;
			new MutationObserver(() => {
				if (!window.storingAt && document.querySelector("#import-stage").textContent.startsWith("Storing")) window.storingAt = performance.now();
			}).observe(document.querySelector("#import-stage"), { childList: true, characterData: true, subtree: true });
			new MutationObserver(() => {
				if (!window.storedAt && /large-crash\.csv: \d+ rows imported/.test(document.querySelector("#import-messages").textContent)) window.storedAt = performance.now();
			}).observe(document.querySelector("#import-messages"), { childList: true, characterData: true, subtree: true }); true`, nil)
		s.addFiles(t, large)
		s.waitForLong(t, `window.storingAt > 0 && window.storedAt > 0`, 3*time.Minute)
		s.eval(t, `window.storedAt - window.storingAt`, &storingMs)
		t.Logf("from the Storing label to the import's message: %.0f ms", storingMs)
		// As the benchmark did when a fresh worker's first results request
		// was seen never to answer: the worker that stored the dataset is
		// terminated (here while it works out the view), and a new one in
		// the same page asks for the results of that dataset, read from
		// IndexedDB.
		s.eval(t, `window.foiWorker.terminate(); true`, nil)
		freshWorkerFor(t, `list.find((d) => d.name === "large-crash")`)
		s.viewSmallAfterReload(t, before)
		s.reload(t)
		check(t)
	})
	for _, part := range []float64{0.3, 0.6, 0.85, 0.97} {
		t.Run(fmt.Sprintf("terminating the worker %.0f%% into the write", 100*part), func(t *testing.T) {
			atStoring(t, fmt.Sprintf(`setTimeout(() => window.foiWorker.terminate(), %.0f);`, part*storingMs))
			s.addFiles(t, large)
			s.waitForLong(t, `window.crashedAt !== "" && (/The engine stopped/.test(document.querySelector("#import-messages").textContent) || /large-crash\.csv: \d+ rows imported/.test(document.querySelector("#import-messages").textContent))`, 3*time.Minute)
			var stopped bool
			s.eval(t, `/The engine stopped/.test(document.querySelector("#import-messages").textContent)`, &stopped)
			if !stopped {
				t.Logf("the import finished before the worker was terminated")
				s.waitForLong(t, `/The engine stopped/.test(document.querySelector("#import-messages").textContent)`, time.Minute)
			}
			freshWorker(t)
			s.viewSmallAfterReload(t, before)
			s.reload(t)
			check(t)
		})
	}

	t.Run("no request left the page's origin", func(t *testing.T) {
		if off := s.offOrigin(); len(off) > 0 {
			t.Errorf("requests to other origins: %v", off)
		}
	})
}

// viewSmallAfterReload points the page's address at a small dataset, so that
// the reload views it rather than a large one whose results take long.
func (s *session) viewSmallAfterReload(t *testing.T, datasets map[string]storedDataset) {
	t.Helper()
	for id := range datasets {
		s.eval(t, fmt.Sprintf(`history.replaceState(null, "", "#dataset=" + encodeURIComponent(%q)); true`, id), nil)
		return
	}
}

// TestStoppedDatasetIsNotReopened: after the engine stopped while working a
// dataset out (the page's note of it is still there at the next visit),
// the page does not open that dataset again without asking: a 30 MB daily
// file once stopped the engine on every reload, and nothing said that
// deleting it was the way out.
func TestStoppedDatasetIsNotReopened(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	s.waitFor(t, `!document.querySelector("#view").hidden && !document.querySelector("#download-csv").disabled`)
	var id string
	s.eval(t, `(() => { const u = new URLSearchParams(location.hash.slice(1)); return u.get("dataset") || ""; })()`, &id)
	if id == "" {
		s.eval(t, `document.querySelector("#datasets tbody tr")?.dataset.id || ""`, &id)
	}
	// As if the engine had stopped while this view was worked out: the note
	// of the view being worked out is there, and the worker says its
	// program ended, as it does out of memory.
	s.eval(t, `(() => { localStorage.setItem("foi-opening", `+jsString(id)+`); window.foiWorker.onmessage({ data: { type: "stopped", reason: "fatal error: out of memory (a test)" } }); return true; })()`, nil)
	s.waitFor(t, `document.body.textContent.includes("The engine stopped")`)
	s.reload(t)
	s.waitFor(t, `[...document.querySelectorAll("#import-messages .message")].some((m) => m.textContent.includes("was not opened again"))`)
	// The notice is the dataset's summary: its size and files, from the list.
	if notice := s.text(t, "#import-messages .message.warning"); !strings.Contains(notice, " rows from synthetic-practice-data.csv, imported ") {
		t.Errorf("the notice does not say what the dataset holds: %q", notice)
	}
	var hidden bool
	s.eval(t, `document.querySelector("#view").hidden`, &hidden)
	if !hidden {
		t.Error("the dataset the engine stopped on was opened again without asking")
	}
	s.screenshot(t, "stopped-dataset")
	// Its files can be taken away without opening it.
	files := s.downloadFile(t, `#import-messages .message button[aria-label="Download its original files"]`, "synthetic-practice-data.csv")
	if !strings.HasPrefix(string(files), "Force,") {
		t.Errorf("the original file saved from the notice starts %q", string(files[:min(40, len(files))]))
	}
	s.eval(t, `[...document.querySelectorAll("#import-messages .message button")].find((b) => b.textContent === "Open it anyway").click() || true`, nil)
	defer func() {
		// A reload with the engine working is no stop: the dataset it was
		// working on opens again as any other.
		s.eval(t, `(() => { localStorage.setItem("foi-opening", `+jsString(id)+`); return true; })()`, nil)
		s.reload(t)
		s.waitFor(t, `!document.querySelector("#view").hidden && localStorage.getItem("foi-opening") === null`)
		var notice bool
		if s.eval(t, `[...document.querySelectorAll("#import-messages .message")].some((m) => m.textContent.includes("was not opened again"))`, &notice); notice {
			t.Error("a reload with the engine still working was taken for an engine stop")
		}
	}()
	s.waitFor(t, `!document.querySelector("#view").hidden && !document.querySelector("#download-csv").disabled && localStorage.getItem("foi-opening") === null`)
	if p := slices.DeleteFunc(s.consoleProblems(), func(m string) bool { return strings.Contains(m, "(a test)") }); len(p) > 0 {
		t.Errorf("the page reported %q", p)
	}
}
