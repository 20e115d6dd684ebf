// Importing files: every file added together becomes one dataset (added to
// the dataset being viewed, they join it), with a progress bar and Cancel;
// files that cannot be read are reported, with the columns to choose by
// hand when the header was not recognised.
import { start as startRequest } from "./engine.js";
import { CODES } from "./protocol.js";
import { button } from "./dom.js";
import { state, $ } from "./state.js";
import { say, clearMessages, messageBox } from "./messages.js";
import { withProgress } from "./progress.js";
import { openMapping } from "./mapping.js";
import { openBundles, isBundle } from "./bundle.js";
import { refreshLibrary } from "./datasets.js";
import { showStorageStatus } from "./storage.js";
import { view } from "./view.js";

// importFiles sends every file added together to the engine at once: they
// become one dataset, so that a file of missing counts and a file of
// registered counts are paired. A file that cannot be read is reported and
// the others still import.
export async function importFiles(files) {
  const started = performance.now();
  state.asked = true;
  clearMessages();
  // A .zip dropped or chosen with the CSV files is a reproducibility bundle.
  await openBundles(files.filter(isBundle), messageBox(), bundleHooks);
  files = files.filter((f) => !isBundle(f));
  if (!files.length) return;
  const reading = say(`Reading ${files.map((f) => f.name).join(", ")}…`, "");
  let result;
  try {
    // The worker reads each File itself, a slice at a time: the page never
    // holds the bytes of a large file.
    const payload = files.map((f) => ({ name: f.name, file: f }));
    result = await withProgress(files, (onProgress) => startRequest("importFiles", { files: payload }, [], onProgress));
    // How long the engine took to read and store the files, for the tests'
    // and benchmarks' logs (the view's own split is in viewTimings).
    document.body.dataset.importTimings = JSON.stringify({ engine: Math.round(performance.now() - started) });
  } catch (err) {
    // A stopped engine is already said once, by showEngineStopped.
    if (err.code === CODES.stopped) {
      reading.remove();
      return;
    }
    reading.className = "message error";
    reading.textContent = err.code === CODES.cancelled ? "The import was cancelled; nothing was stored." : `Could not import: ${err.message}`;
    return;
  }
  reading.remove();
  await showImportResult(result, files);
  // From the files chosen to the new view drawn, for the tests' log.
  document.body.dataset.lastImportMs = String(Math.round(performance.now() - started));
}

// showImportResult reports each file that could not be read, offering to
// choose the columns by hand when its header was not recognised, and views
// the new dataset.
export async function showImportResult(result, files = []) {
  for (const e of result.errors) {
    const line = say(describeError(e.file, e));
    const file = files.find((f) => f.name === e.file);
    if (e.code === CODES.header && file) {
      line.append(" ", button("Choose the columns by hand", () => openMapping(file, async (mapped) => {
        line.remove();
        await showImportResult(mapped);
      }), `Choose the columns by hand: ${e.file}`));
    }
  }
  if (result.dataset) {
    const names = result.dataset.files.join(", ");
    say(importSummary(names, result.dataset), "ok");
    // The note at the top says why it could not be stored.
    if (!result.dataset.persisted) await showStorageStatus();
    await refreshLibrary();
    await view(result.dataset.id);
  }
}

function importSummary(name, dataset) {
  const kept = dataset.persisted ? "" : " It is kept for this session only (see the storage note at the top).";
  const together = dataset.files.length > 1 ? ` as one dataset, "${dataset.name}"` : "";
  const issues = dataset.issues ? ` The importer noted ${dataset.issues} thing${dataset.issues === 1 ? "" : "s"} to check, listed under the results.` : "";
  return `${name}: ${dataset.rows} row${dataset.rows === 1 ? "" : "s"} imported${together}.${issues}${kept}`;
}

// describeError names the file, the line and the column when the engine
// gave them, then says what went wrong.
export function describeError(name, err) {
  const where = [err.file || name];
  if (err.line) where.push(`line ${err.line}`);
  if (err.column) where.push(`column ${err.column}`);
  let message = err.message || String(err);
  const prefix = where.join(", ") + ": ";
  if (message.startsWith(prefix)) message = message.slice(prefix.length);
  return `Could not import ${where.join(", ")}: ${message}`;
}

// addToDataset adds files to the dataset being viewed: a file of registered
// counts added after a file of missing counts is paired with it.
export async function addToDataset(files) {
  const id = state.viewing;
  if (!id || files.length === 0) return;
  const payload = files.map((f) => ({ name: f.name, file: f }));
  clearMessages();
  try {
    const result = await withProgress(files, (onProgress) => startRequest("addFiles", { datasetId: id, files: payload }, [], onProgress));
    for (const e of result.errors) {
      const line = say(describeError(e.file, e));
      const file = files.find((f) => f.name === e.file);
      if (e.code === CODES.header && file) {
        // The file is added to this dataset with the columns chosen.
        line.append(" ", button("Choose the columns by hand", () => openMapping(file, async (added) => {
          line.remove();
          for (const err of added.errors || []) say(describeError(err.file, err));
          await view(id);
        }, null, null, id), `Choose the columns by hand: ${e.file}`));
      }
    }
    if (result.dataset) {
      say(`Added ${files.map((f) => f.name).join(", ")} to "${result.dataset.name}"; its figures were paired again.`, "ok");
    }
  } catch (err) {
    say(err.code === CODES.cancelled ? "Adding the files was cancelled; the dataset is unchanged." : `Could not add the files: ${err.message}`);
  }
  await view(id);
}

// bundleHooks let bundle.js show a bundle it opened: the bundle's interval
// method is now the app's.
export const bundleHooks = {
  viewing: () => state.viewing,
  opened: async (result) => {
    state.method = result.method;
    $("method").value = result.method;
    await refreshLibrary();
    await view(result.dataset.id);
  },
};

// setUpAddToDataset wires the "add files to this dataset" input.
export function setUpAddToDataset() {
  $("add-to-dataset").addEventListener("change", async (e) => {
    const files = [...e.target.files];
    e.target.value = "";
    await addToDataset(files);
  });
}
