// The early view: on a first visit, the practice data's view that the build
// worked out in advance is drawn while the engine starts.
import { decode } from "./protocol.js";
import { state, $ } from "./state.js";
import { renderView } from "./view.js";

// drawFirstViewEarly draws, on a first visit (no database yet), the view of
// the practice data that the build made in advance, so that the page shows
// charts before the engine has started; the engine's view replaces it. It
// never asks the engine about this placeholder, and its buttons stay off.
export async function drawFirstViewEarly() {
  try {
    // Without indexedDB.databases (older browsers) a return visit cannot
    // be told from a first one: then nothing is drawn early.
    if (!indexedDB.databases) return;
    const databases = await indexedDB.databases();
    if (databases.some((d) => d.name === "foi-explorer")) return;
    const response = await fetch("example-synthetic.json");
    if (!response.ok || state.results) return;
    state.results = decode(await response.text());
    $("view").hidden = false;
    const drawn = renderView();
    $("view-summary").append(" The engine is still starting: this first view was worked out in advance, and the buttons work in a moment.");
    await drawn;
    document.body.dataset.earlyViewMs = String(Math.round(performance.now()));
  } catch (err) {
    console.warn("no early view:", err.message);
  }
}
