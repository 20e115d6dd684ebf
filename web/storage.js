// Storage: the note at the top saying where datasets are kept (this browser,
// or this session only), the browser's promise to keep them, and the note
// when the engine has stopped.
import { say } from "./messages.js";
import { $ } from "./state.js";
import { call } from "./engine.js";

export async function showStorageStatus() {
  const status = await call("storageStatus");
  $("storage-status").textContent = status.message;
  $("storage-status").className = status.mode === "memory" ? "warning" : "";
}

// Ask the browser to keep our storage even when space runs low. Only the
// page (not the worker) can ask.
export async function requestPersistence() {
  const out = $("persist-status");
  if (!navigator.storage?.persist) {
    out.textContent = "This browser cannot promise to keep stored data.";
    return;
  }
  if (await navigator.storage.persisted()) {
    out.textContent = "The browser has agreed to keep them even when space runs low.";
    return;
  }
  // Chromium answers at once; Firefox asks the person, and persist() waits
  // for their answer (for ever, if the prompt is dismissed), so the page
  // says that it asked rather than nothing.
  out.textContent = "The browser has been asked to keep them even when space runs low (it may ask you).";
  const granted = await navigator.storage.persist();
  out.textContent = granted
    ? "The browser has agreed to keep them even when space runs low."
    : "The browser may clear them if space runs low; export what you need to keep.";
}

// showEngineStopped says plainly, where the user looks, that the engine can
// no longer answer (engine.js found it stopped).
export function showEngineStopped(message) {
  say(message, "error engine-stopped");
  $("storage-status").textContent = message;
  $("storage-status").className = "warning";
}
