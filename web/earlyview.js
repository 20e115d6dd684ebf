// The early view: on a first visit, the practice data's view that the build
// worked out in advance is drawn while the engine starts.
import { decode } from "./protocol.js";
import { state, $ } from "./state.js";
import { renderView } from "./view.js";

// firstVisitHere says whether this browser had no database of the app's when
// the page loaded. boot.js asks before the engine can make one; without
// indexedDB.databases (older browsers) a first visit cannot be told from a
// return one, and the answer is no.
export async function firstVisitHere() {
  try {
    return await (window.foiFirstVisit || Promise.resolve(false));
  } catch {
    return false;
  }
}

// drawFirstViewEarly draws, on a first visit, the view of the practice data
// that the build made in advance, so that the page shows charts before the
// engine has started; the engine's view replaces it. It never asks the
// engine about this placeholder, and its buttons stay off.
export async function drawFirstViewEarly() {
  try {
    if (!(await firstVisitHere())) return;
    const response = await fetch("example-synthetic.json");
    if (!response.ok || state.results) return;
    state.results = decode(await response.text());
    $("view").hidden = false;
    renderView();
    $("view-summary").append(" The engine is still starting: this first view was worked out in advance, and the buttons work in a moment.");
    document.body.dataset.earlyViewMs = String(Math.round(performance.now()));
  } catch (err) {
    console.warn("no early view:", err.message);
  }
}
