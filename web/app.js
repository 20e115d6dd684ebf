// FOI Explorer's page, at start: each panel sets up its own controls, then
// the library, the settings and the view the address names (or the first
// dataset) are drawn. Every number comes from the engine (Go in a Web
// Worker, engine.js); the panels only show it, with textContent, never as
// HTML. What each module holds is said at its top.
import { call, standIn, whenEngineIdle } from "./engine.js";
import { state, $ } from "./state.js";
import { setUpDropZone } from "./dropzone.js";
import { setUpAddToDataset, bundleHooks } from "./import.js";
import { setUpMapping } from "./mapping.js";
import { refreshLibrary, setUpDatasets } from "./datasets.js";
import { view, openingWhenStopped, keepEarlyView, prefetchView } from "./view.js";
import { say } from "./messages.js";
import { button, download } from "./dom.js";
import { readViewFromURL } from "./address.js";
import { setUpSettings } from "./settings.js";
import { setUpPairing } from "./pairing.js";
import { setUpMeasureNames } from "./columns.js";
import { setUpNames } from "./names.js";
import { setUpTrend } from "./trend.js";
import { setUpForces } from "./forces.js";
import { setUpDownloads } from "./downloads.js";
import { setUpChartExport } from "./export.js";
import { setUpBundle } from "./bundle.js";
import { showStorageStatus, requestPersistence, showEngineStopped } from "./storage.js";
import { drawFirstViewEarly, firstVisitHere } from "./earlyview.js";
import { watchRequests } from "./privacy.js";
import { setUpStart, loadExampleOnce } from "./start.js";
import { setUpSections } from "./sections.js";

async function start() {
  window.addEventListener("foi-engine-stopped", (event) => showEngineStopped(event.detail));
  watchRequests();
  setUpStart();
  setUpSections();
  setUpDropZone();
  setUpMapping();
  setUpDatasets();
  setUpSettings();
  setUpPairing();
  setUpAddToDataset();
  setUpNames();
  setUpMeasureNames();
  setUpDownloads();
  for (const name of ["trend", "forces", "funnel"]) setUpChartExport(name, $(`${name}-chart`), $(`${name}-export`));
  setUpBundle(bundleHooks);
  setUpTrend();
  setUpForces();
  requestPersistence().catch(() => {});
  // The engine's first questions go out before the early view is drawn, and
  // together: the worker answers them as soon as the module runs, while the
  // page is still drawing, rather than after it. On a first visit (no
  // database when the page loaded) that includes loading the synthetic
  // example, which is loaded and drawn first so that the page shows
  // something working at once; the real figures follow.
  const fresh = await firstVisitHere();
  const asked = Promise.all([call("getSettings"), showStorageStatus(), refreshLibrary()]);
  // A return visit whose address names a dataset: its view is asked for now,
  // beside the first questions (unless the engine stopped on it last time).
  // What the engine stopped on is read before the note is made again.
  const stuck = openingWhenStopped();
  const named = fresh ? null : readViewFromURL().dataset;
  if (named && !stuck) prefetchView(named);
  const practice = fresh ? loadExampleOnce("synthetic") : null;
  practice?.catch(() => {}); // awaited below; said there if it fails
  const placeholder = await drawFirstViewEarly();
  const [settings] = await asked;
  // A method chosen while the engine started is the one the engine now has.
  if (!state.methodChosen) {
    state.method = settings.method;
    $("method").value = settings.method;
  }
  // No database when the page loaded is a first visit, whatever another tab
  // has stored since; so is a visit whose examples were never loaded.
  const firstVisit = fresh || (!settings.examplesLoaded && state.datasets.length === 0);
  let example = null;
  if (firstVisit) {
    example = await (practice || loadExampleOnce("synthetic"));
    // What was asked of the early view is now done with this dataset.
    standIn(placeholder, example.id);
    await refreshLibrary();
  }
  // A bookmarked view comes back when its dataset is still in this browser.
  const fromURL = readViewFromURL();
  const known = state.datasets.some((d) => d.id === fromURL.dataset);
  if (known) {
    state.restore = fromURL;
    state.sort = fromURL.sort || null;
    if ((fromURL.method === "wilson" || fromURL.method === "poisson") && fromURL.method !== state.method) {
      state.method = (await call("setSettings", { settings: { method: fromURL.method } })).method;
      $("method").value = state.method;
    }
  }
  const id = known ? fromURL.dataset : example?.id || state.datasets[0]?.id;
  const drawn = !state.asked;
  if (!drawn) {
    // A file added, an example or a bundle opened, or another method chosen
    // while the engine started: that view is on its way, and none is drawn
    // over it.
  } else if (id && stuck === id) {
    // The engine stopped working this dataset out on the last visit: it is
    // not opened again without asking, so that the page does not stop
    // again; it can be deleted, or its files downloaded, from the list.
    const d = state.datasets.find((x) => x.id === id);
    // What it holds is said from the list of datasets alone, without
    // opening it: enough to tell which it is and how large.
    const facts = d ? ` It holds ${d.rows.toLocaleString("en-GB")} rows from ${d.files.join(", ")}, imported ${new Date(d.importedAt).toLocaleString("en-GB")}.` : "";
    const line = say(`The engine stopped last time while working out "${d ? d.name : id}" (it may need more memory than this browser gives), so it was not opened again.${facts} You can open it anyway, download its original files, or delete it.`, "warning");
    line.append(" ", button("Open it anyway", () => {
      line.remove();
      view(id);
    }, "Open it anyway"), " ", button("Download its original files", async () => {
      const files = await call("originalFiles", { datasetId: id });
      for (const f of files) download(f.name, new Blob([f.bytes], { type: "text/csv" }));
    }, "Download its original files"), " ", button("Delete it", async () => {
      line.remove();
      await call("deleteDataset", { datasetId: id });
      localStorage.removeItem("foi-opening");
      await refreshLibrary();
      await view(state.datasets[0]?.id || null);
    }));
    await view(null);
  } else if (placeholder && id === example?.id && keepEarlyView(placeholder, id)) {
    // The view drawn in advance is this dataset's: its report is stored
    // once the engine has nothing else to do, so that the next visit reads
    // it rather than working it out.
    whenEngineIdle(() => call("results", { datasetId: id }));
  } else {
    await view(id || null);
  }
  // How long from navigation to the first view drawn, for the tests' log.
  if (drawn) document.body.dataset.firstViewMs = String(Math.round(performance.now()));
  if (firstVisit) {
    // Not loaded twice if "Check the 2018 figure" asked for it first.
    await loadExampleOnce("real");
    await call("setSettings", { settings: { examplesLoaded: true } });
    await refreshLibrary();
  }
  await showStorageStatus();
  // How long until the page has done everything it does at start.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  // The offline copy is made after the first view: registering the service
  // worker earlier slowed the first view by about 0.4 s.
  if ("serviceWorker" in navigator) {
    await navigator.serviceWorker.register("sw.js").catch((err) => console.warn("offline copy unavailable:", err.message));
  }
  document.body.dataset.ready = "true";
}

start().catch((err) => {
  // What was asked of the early view waits no longer: it fails, saying why.
  if (state.results) standIn(state.results.dataset.id, null);
  $("storage-status").textContent = `The app could not start: ${err.message}`;
  console.error(err);
});
