// The downloads of the dataset being viewed: results.csv, results.json,
// issues.csv, data.csv and the original files. The first three are asked
// for once the view is drawn, so that a click saves at once; data.csv (a
// row per figure read, large for a large file) and the originals are
// written when asked for.
import { call } from "./engine.js";
import { download } from "./dom.js";
import { state, $ } from "./state.js";

// disableDownloads turns the buttons off while a view is drawn anew.
export function disableDownloads() {
  state.exports = null;
  $("download-csv").disabled = true;
  $("download-json").disabled = true;
  $("download-issues").disabled = true;
}

// prepareExports asks for the files the download buttons save, after the
// view is drawn, and enables the buttons when they are ready: then a click
// saves the file at once, as a browser lets a page start a download only
// straight after the click.
export async function prepareExports(id, generation) {
  const [resultsCSV, issuesCSV, resultsJSON] = await Promise.all([
    call("exportResultsCSV", { datasetId: id }),
    call("exportIssuesCSV", { datasetId: id }),
    call("exportResultsJSON", { datasetId: id }),
  ]);
  if (generation !== state.generation) return; // the view was drawn again since
  state.exports = { resultsCSV, issuesCSV, resultsJSON };
  $("download-csv").disabled = state.results.report.rows.length === 0;
  $("download-json").disabled = state.results.report.rows.length === 0;
  $("download-issues").disabled = false;
}

function downloadResults() {
  if (state.exports) download("results.csv", new Blob([state.exports.resultsCSV], { type: "text/csv;charset=utf-8" }));
}

function downloadResultsJSON() {
  if (state.exports) download("results.json", new Blob([state.exports.resultsJSON], { type: "application/json" }));
}

function downloadIssues() {
  if (state.exports) download("issues.csv", new Blob([state.exports.issuesCSV], { type: "text/csv;charset=utf-8" }));
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
