// The downloads of the dataset being viewed: results.csv, results.json,
// issues.csv, data.csv and the original files, each written by the engine
// when its button is clicked. (They were all written at once for every
// view, so that a click saved at once: for a 400,000-row dataset that was
// hundreds of megabytes of text made and held for files nobody had asked
// for. A download started after the engine's answer is still allowed: it
// is a link to the page's own Blob, not a new window.)
import { call, start } from "./engine.js";
import { download } from "./dom.js";
import { state, $ } from "./state.js";

// disableDownloads turns the buttons off while a view is drawn anew.
export function disableDownloads() {
  state.exports = null;
  $("download-csv").disabled = true;
  $("download-json").disabled = true;
  $("download-issues").disabled = true;
}

// prepareExports enables the buttons once the view is drawn; the files
// are written when asked for.
export async function prepareExports(id, generation) {
  if (generation !== state.generation) return; // the view was drawn again since
  state.exports = { id };
  $("download-csv").disabled = state.results.report.rows.length === 0;
  $("download-json").disabled = state.results.report.rows.length === 0;
  $("download-issues").disabled = false;
}

// saveFromEngine asks the engine for one file of the dataset being viewed
// and saves it, with the button showing that it is being written and, for
// the exports written a span at a time, how far it has got (a 1,000,000-row
// results.json takes several seconds).
async function saveFromEngine(button, type, name, mime, spans = false) {
  const id = state.viewing;
  if (!id) return;
  const b = $(button);
  const label = b.textContent;
  b.disabled = true;
  try {
    const onProgress = (p) => {
      if (p.total > 0) b.textContent = `Writing ${name}: ${Math.floor((100 * p.done) / p.total)}%`;
    };
    const text = spans ? await start(type, { datasetId: id }, [], onProgress).done : await call(type, { datasetId: id });
    download(name, new Blob([text], { type: mime }));
  } finally {
    b.textContent = label;
    b.disabled = false;
  }
}

function downloadResults() {
  return saveFromEngine("download-csv", "exportResultsCSV", "results.csv", "text/csv;charset=utf-8", true);
}

function downloadResultsJSON() {
  return saveFromEngine("download-json", "exportResultsJSON", "results.json", "application/json", true);
}

function downloadIssues() {
  return saveFromEngine("download-issues", "exportIssuesCSV", "issues.csv", "text/csv;charset=utf-8");
}

async function downloadData() {
  if (!state.viewing) return;
  const text = await call("exportDataCSV", { datasetId: state.viewing });
  download("data.csv", new Blob([text], { type: "text/csv;charset=utf-8" }));
}

async function downloadOriginals() {
  if (!state.viewing) return;
  const files = await call("originalFiles", { datasetId: state.viewing });
  for (const f of files) download(f.name, new Blob([f.bytes], { type: "text/csv" }));
}

export function setUpDownloads() {
  $("download-csv").addEventListener("click", downloadResults);
  $("download-json").addEventListener("click", downloadResultsJSON);
  $("download-data").addEventListener("click", downloadData);
  $("download-original").addEventListener("click", downloadOriginals);
  $("download-issues").addEventListener("click", downloadIssues);
}
