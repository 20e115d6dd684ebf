// The "Add data" panel's controls: the drop zone and the Add files
// input, pasted CSV text, and the examples. The import itself is import.js.
import { call } from "./engine.js";
import { state, $ } from "./state.js";
import { say, clearMessages } from "./messages.js";
import { importFiles, showImportResult, describeError } from "./import.js";
import { refreshLibrary } from "./datasets.js";
import { view } from "./view.js";

export function setUpDropZone() {
  const zone = $("drop-zone");
  $("file-input").addEventListener("change", async (event) => {
    const files = [...event.target.files];
    event.target.value = "";
    if (files.length) await importFiles(files);
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", async (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    const files = [...event.dataTransfer.files];
    if (files.length) await importFiles(files);
  });
  $("paste-import").addEventListener("click", async () => {
    const text = $("paste-text").value;
    if (!text.trim()) return;
    const pasted = new File([text], "pasted.csv", { type: "text/csv" });
    state.asked = true;
    clearMessages();
    const bytes = await pasted.arrayBuffer();
    try {
      const result = await call("importFiles", { files: [{ name: pasted.name, bytes }], origin: "paste" }, [bytes]);
      await showImportResult(result, [pasted]);
    } catch (err) {
      say(describeError("pasted text", err));
    }
  });
  $("load-example").addEventListener("click", () => loadExample($("example-choice").value));
}

async function loadExample(which) {
  state.asked = true;
  clearMessages();
  try {
    const dataset = await call("loadExample", { which });
    say(`Loaded the example: ${dataset.name}.`, "ok");
    await refreshLibrary();
    await view(dataset.id);
  } catch (err) {
    say(`Could not load the example: ${err.message}`);
  }
}
