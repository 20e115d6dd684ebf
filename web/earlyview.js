// The early view: on a first visit, the practice data's view that the build
// worked out in advance is drawn while the engine starts.
import { decode } from "./protocol.js";
import { holdFor } from "./engine.js";
import { state, $ } from "./state.js";
import { renderView } from "./view.js";
import { prepareExports } from "./downloads.js";

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
// engine has started; the engine's view replaces it. The view is drawn under
// its placeholder id, which engine.js holds: what is asked of it meanwhile
// (a download, another method, a file added to it) waits until the engine
// has the practice data, and is then done with that (app.js says which
// dataset it is, with standIn). It returns the placeholder id, or null when
// nothing was drawn.
export async function drawFirstViewEarly() {
  let results;
  try {
    if (!(await firstVisitHere())) return null;
    const response = await fetch("example-synthetic.json");
    if (!response.ok) return null;
    results = decode(await response.text());
  } catch (err) {
    console.warn("no early view:", err.message);
    return null;
  }
  if (state.results || state.viewing) return null;
  const id = results.dataset.id;
  holdFor(id);
  state.results = results;
  state.viewing = id;
  $("view").hidden = false;
  const drawn = renderView();
  prepareExports(id, state.generation);
  $("view-summary").append(" The engine is still starting: this first view was worked out in advance, and what you ask of it is done as soon as the engine is ready.");
  await drawn; // the charts are drawn a panel a task
  document.body.dataset.earlyViewMs = String(Math.round(performance.now()));
  return id;
}
