// Viewing a dataset: view(id) asks the engine for its results and draws
// every panel of the view from them, then readies the downloads. Each panel
// is its own module; this one only says which draws when.
import { call, datasetFor, isPlaceholder, standsFor, engineHasStopped } from "./engine.js";
import { CODES } from "./protocol.js";
import { clear } from "./dom.js";
import { state, $ } from "./state.js";
import { say } from "./messages.js";
import { refreshLibrary, drawLibrary } from "./datasets.js";
import { writeViewToURL } from "./address.js";
import { renderSummary } from "./summary.js";
import { renderPairings } from "./pairing.js";
import { renderRemap, renderValuesChoice, renderMeasureNames } from "./columns.js";
import { renderNames } from "./names.js";
import { renderTrendControls, renderTrend } from "./trend.js";
import { resetForcePicker } from "./forcepicker.js";
import { renderPeriodControls, renderForces } from "./forces.js";
import { renderResultsTable } from "./results.js";
import { renderIssues } from "./issues.js";
import { prepareExports, disableDownloads } from "./downloads.js";
import { goToSection } from "./sections.js";
import { measureWidths } from "./charts.js";

// OPENING is where the page notes, in localStorage, the dataset whose view
// the engine is working out, until it is drawn. Still there after a reload,
// it means the engine stopped (out of memory, say) on that dataset: the
// page must not open it again without asking, or it stops again, and again.
export const OPENING = "foi-opening";

function noteOpening(id) {
  try {
    if (id) localStorage.setItem(OPENING, id);
    else localStorage.removeItem(OPENING);
  } catch {
    // No storage: nothing to guard with, and nothing is lost.
  }
}

// LEFT marks the note when the page was left (a reload, say) with the
// engine still working: that view was not what stopped it, and it opens
// again as any other.
const LEFT = "\tleft";

addEventListener("pagehide", () => {
  if (engineHasStopped()) return; // the note is what the next visit must see
  try {
    const id = localStorage.getItem(OPENING);
    if (id && !id.endsWith(LEFT)) localStorage.setItem(OPENING, id + LEFT);
  } catch {
    // No storage: nothing to guard with.
  }
});

// openingWhenStopped is the dataset whose view was being worked out when the
// engine (or the page with it) last stopped, or null.
export function openingWhenStopped() {
  try {
    const id = localStorage.getItem(OPENING);
    if (id && id.endsWith(LEFT)) {
      localStorage.removeItem(OPENING);
      return null;
    }
    return id;
  } catch {
    return null;
  }
}

// prefetchView asks the engine for a dataset's view before the page knows
// it will draw it: on a return visit the address names the dataset, and its
// stored view can be on its way while the page asks its first questions,
// rather than after them (about 0.15 s of a reload). view(id) takes the
// answer if it is for the method the page then has. The note of the dataset
// being worked out is made first, as view() makes it, so that a stop of the
// engine on it is known on the next visit.
export function prefetchView(id) {
  noteOpening(id);
  const answer = call("results", { datasetId: id });
  // Once the engine has answered, it did not stop on this dataset: the note
  // goes, unless another view has made its own since.
  const answered = () => {
    try {
      if (localStorage.getItem(OPENING) === id) noteOpening(null);
    } catch {
      // No storage: no note.
    }
  };
  answer.then(answered, (err) => {
    if (err.code !== CODES.stopped) answered();
    // view() asks again, and says why if it fails.
  });
  state.prefetched = { id, answer };
}

async function resultsOf(id) {
  const p = state.prefetched;
  state.prefetched = null;
  if (p && p.id === id) {
    try {
      const results = await p.answer;
      if (results.report.method === state.method) return results;
    } catch {
      // Asked again below, and said there.
    }
  }
  return call("results", { datasetId: id });
}

export async function view(id) {
  // Each call draws the view anew; an older call still waiting for the
  // engine must not set the download buttons of a newer one.
  const generation = ++state.generation;
  // The early view's placeholder is drawn as the dataset that stands for it,
  // once the engine has that.
  if (isPlaceholder(id)) {
    id = await datasetFor(id);
    if (generation !== state.generation) return;
  }
  state.viewing = id;
  if (!id) history.replaceState(null, "", location.pathname + location.search);
  $("view").hidden = !id;
  disableDownloads();
  if (!id) {
    state.results = null;
    await refreshLibrary();
    return;
  }
  noteOpening(id);
  const asked = performance.now();
  try {
    state.results = await resultsOf(id);
  } catch (err) {
    // The engine answered, so it did not stop on this dataset (a stopped
    // engine's error keeps the note, for the next visit).
    if (err.code !== CODES.stopped) noteOpening(null);
    say(`Could not show this dataset: ${err.message}`);
    return;
  }
  noteOpening(null);
  if (generation !== state.generation) return;
  const answered = performance.now();
  // The list is asked for again only when it does not hold this dataset
  // yet; otherwise it is drawn again, marking this one as viewed.
  if (state.datasets.some((d) => d.id === id)) drawLibrary();
  else await refreshLibrary();
  // The section in the address is scrolled to once its dataset is drawn
  // (the focus stays where the page put it, as on following a link).
  const section = state.restore?.dataset === id ? state.restore.section : null;
  await renderView();
  if (section && generation === state.generation) goToSection(section, { focus: false });
  // How long the engine took to answer and the page to draw, for the
  // tests' and the benchmarks' logs.
  document.body.dataset.viewTimings = JSON.stringify({ engine: Math.round(answered - asked), ...state.drawn });
  // Not awaited (the view is drawn already), but its failure is said.
  prepareExports(id, generation).catch((err) => {
    if (generation === state.generation) say(`Could not prepare the downloads of this dataset: ${err.message}`);
  });
}

// keepEarlyView makes the early view (earlyview.js) the view of the
// dataset id the engine loaded it as, without asking the engine to work the
// same view out again: the build made it with the engine's own calls
// (web/firstview), and e2e's TestEarlyViewIsTheEngines holds the engine's
// view in the browser to it. On a first visit that was 0.7-0.9 s of the
// engine's time, and a second drawing of the whole view, before the page was
// ready. Only what names the dataset is drawn again. It says whether it
// could: not when the early view is no longer what is shown, or the method
// is not the one it was worked out with.
export function keepEarlyView(placeholder, id) {
  const dataset = state.datasets.find((d) => d.id === id);
  const results = state.results;
  if (!dataset || !results || results.dataset.id !== placeholder || state.viewing !== placeholder || results.report.method !== state.method) return false;
  state.results = { dataset, report: results.report };
  state.viewing = id;
  state.renderedId = id;
  panel("summary", () => renderSummary(dataset, results.report));
  writeViewToURL();
  drawLibrary();
  prepareExports(id, state.generation);
  return true;
}

// renderView draws state.results: the engine's, or the early view's. The
// charts and tables of a large view are drawn a panel a task, so that the
// page answers between them (drawn at once, a 5,254-row view was one task of
// 250 ms); a newer view started meanwhile stops this one.
// body.dataset.viewDrawn is "true" once every panel is drawn.
export async function renderView() {
  const drawing = ++state.drawing;
  const { dataset, report } = state.results;
  // Choices of forces and period carry over when the same dataset is drawn
  // again (a new method, say), not to another dataset.
  // The engine's view of the practice data is the same dataset as the early
  // view it replaces.
  const sameDataset = state.renderedId === dataset.id || standsFor(state.renderedId, dataset.id);
  state.renderedId = dataset.id;
  if (!sameDataset) {
    state.section = null;
    resetForcePicker();
    state.highlight = null;
    clear($("period-choice"));
  }
  // A view read from the address is drawn once, for its own dataset.
  const restore = state.restore && state.restore.dataset === dataset.id ? state.restore : null;
  if (dataset.id === state.viewing) state.restore = null;
  state.drawn = {};
  panel("summary", () => renderSummary(dataset, report));
  panel("pairing of files", () => renderPairings(dataset, report));
  panel("column choices", () => renderRemap(dataset, report));
  panel("values choice", () => renderValuesChoice(dataset, report));
  panel("measure names", () => renderMeasureNames(dataset, report));
  panel("name mapping", () => renderNames(dataset, report).catch((err) => failed("name mapping", err)));
  // The controls and the address at once (they are quick, and a reload
  // must find the view in the address however soon it comes); the charts
  // and tables after, a task each.
  panel("trend controls", () => renderTrendControls(report, restore));
  panel("period controls", () => renderPeriodControls(report, restore?.period));
  panel("address", () => writeViewToURL());
  const later = [
    ["trend", () => renderTrend()],
    ["comparison of forces", () => renderForces()],
    ["results table", () => renderResultsTable(report)],
    ["import report", () => renderIssues(report)],
  ];
  // A small view is drawn whole at once (well under 100 ms); a large one
  // gives the browser its turn between them.
  const large = report.rows.length > LARGE_VIEW_ROWS;
  document.body.dataset.viewDrawn = "false";
  // One layout for the widths of every chart, before any is drawn.
  measureWidths(["trend-chart", "forces-chart", "funnel-chart"].map((c) => $(c)));
  for (const [name, draw] of later) {
    if (large) await nextTask();
    if (drawing !== state.drawing) return;
    panel(name, draw);
  }
  document.body.dataset.viewDrawn = "true";
}

// LARGE_VIEW_ROWS is the size of view drawn a panel a task: 430 rows (43
// forces over 10 years) draw in about 50 ms all told, 5,254 in about 250.
const LARGE_VIEW_ROWS = 2000;

// nextTask resolves in a task of its own, after the browser has had its
// turn to paint and to answer input.
function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// panel draws one panel of the view. A panel that fails says so in the
// messages and leaves the others, and the downloads, to work: one report the
// page did not foresee must never leave a blank view.
function panel(name, draw) {
  const started = performance.now();
  try {
    draw();
  } catch (err) {
    failed(name, err);
  }
  state.drawn[name] = Math.round(performance.now() - started);
}

function failed(name, err) {
  say(`The ${name} could not be drawn (${err?.message ?? err}). The rest of the view and the downloads still work; please report this with the file.`);
}
