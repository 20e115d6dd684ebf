// The reproducibility bundle: one .zip with a dataset's original files, the
// settings they were read with, the interval method, the app's version and
// the results.csv they gave. Opening one on another machine imports it as a
// new dataset and says whether results.csv comes out byte for byte the same.
// The engine writes and checks the zip (stats/bundle.go); this file only
// moves it between the page and the engine. Messages are set as text.
import { call } from "./engine.js";
import { el, clear, download } from "./dom.js";
import { state } from "./state.js";

const $ = (id) => document.getElementById(id);

// isBundle says whether a dropped or chosen file is a bundle: a .zip.
export function isBundle(file) {
  return /\.zip$/i.test(file.name) || file.type === "application/zip" || file.type === "application/x-zip-compressed";
}

// openBundles opens each bundle in turn, reporting in messages; hooks.opened
// is called with the engine's answer ({dataset, identical, message, method,
// methodChanged}) so that the page can show the new dataset.
export async function openBundles(files, messages, hooks) {
  if (files.length) state.asked = true;
  for (const file of files) {
    const line = el("p", { className: "message" }, `Opening the bundle ${file.name}…`);
    messages.append(line);
    let result;
    try {
      // The worker reads the File itself, a slice at a time.
      result = await call("openBundle", { files: [{ name: file.name, file }] });
    } catch (err) {
      line.className = "message error";
      line.textContent = `Could not open the bundle ${prefixed(file.name, err.message)} Nothing was stored.`;
      continue;
    }
    line.className = result.identical ? "message ok" : "message error";
    const method = result.methodChanged ? ` The interval method is now ${result.method === "poisson" ? "Poisson" : "Wilson score"}, as in the bundle.` : "";
    line.textContent = `${file.name}: imported as "${result.dataset.name}". ${result.message}${method}`;
    line.dataset.bundleCheck = result.identical ? "identical" : "different";
    await hooks.opened(result);
  }
}

// prefixed writes "name: message" once, whether or not the engine's message
// already starts with the bundle's name.
function prefixed(name, message) {
  const text = message.startsWith(`${name}: `) ? message : `${name}: ${message}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

// downloadBundle saves the bundle of the dataset being viewed.
async function downloadBundle(datasetId, messages) {
  if (!datasetId) return;
  try {
    const { name, bytes } = await call("exportBundle", { datasetId });
    download(name, new Blob([bytes], { type: "application/zip" }));
  } catch (err) {
    messages.append(el("p", { className: "message error" }, `Could not make the bundle: ${err.message}`));
  }
}

// setUpBundle wires the "Download reproducibility bundle" button and the
// "Open a bundle" input. hooks.viewing() is the dataset being viewed.
export function setUpBundle(hooks) {
  const messages = $("import-messages");
  $("download-bundle").addEventListener("click", () => downloadBundle(hooks.viewing(), messages));
  $("bundle-input").addEventListener("change", async (event) => {
    const files = [...event.target.files];
    event.target.value = "";
    if (!files.length) return;
    clear(messages);
    await openBundles(files, messages, hooks);
  });
}
