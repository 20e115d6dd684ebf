// FOI Explorer's page: the drop zone, the library of datasets, and the views
// of the dataset being viewed. Every number comes from the engine (Go in a
// Web Worker); this file only shows it. User text is always set with
// textContent, never as HTML.
import { call, start as startRequest } from "./engine.js";
import { CODES } from "./protocol.js";
import { drawTrendChart, drawForcesChart } from "./charts.js";
import { drawFunnelChart, describeOverdispersion, renderCompareTable, renderFindings, formatP } from "./compare.js";
import { el, clear, formatNumber, formatInterval, download, methodLink } from "./dom.js";
import { sortableTable } from "./table.js";
import { openMapping, setUpMapping } from "./mapping.js";
import { withProgress } from "./progress.js";
import { setUpChartExport, prefillChartExport } from "./export.js";
import { setUpBundle, openBundles, isBundle } from "./bundle.js";
import { watchRequests } from "./privacy.js";

const state = {
  datasets: [],
  viewing: null, // dataset id
  results: null, // {dataset, report}
  exports: null, // {resultsCSV, resultsJSON, issuesCSV} of the dataset being viewed
  generation: 0, // counts calls of view()
  method: "wilson",
  sort: null, // the results table's order, {key, ascending}
  restore: null, // the view read from the address at start, until drawn
};

const $ = (id) => document.getElementById(id);

// ---- adding files -------------------------------------------------------

// importFiles sends every file added together to the engine at once: they
// become one dataset, so that a file of missing counts and a file of
// registered counts are paired. A file that cannot be read is reported and
// the others still import.
async function importFiles(files) {
  const started = performance.now();
  const messages = $("import-messages");
  clear(messages);
  // A .zip dropped or chosen with the CSV files is a reproducibility bundle.
  await openBundles(files.filter(isBundle), messages, bundleHooks);
  files = files.filter((f) => !isBundle(f));
  if (!files.length) return;
  const reading = el("p", { className: "message" }, `Reading ${files.map((f) => f.name).join(", ")}…`);
  messages.append(reading);
  let result;
  try {
    // The worker reads each File itself, a slice at a time: the page never
    // holds the bytes of a large file.
    const payload = files.map((f) => ({ name: f.name, file: f }));
    result = await withProgress(files, (onProgress) => startRequest("importFiles", { files: payload }, [], onProgress));
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
async function showImportResult(result, files = []) {
  const messages = $("import-messages");
  for (const e of result.errors) {
    const line = el("p", { className: "message error" }, describeError(e.file, e));
    const file = files.find((f) => f.name === e.file);
    if (e.code === CODES.header && file) {
      line.append(" ", button("Choose the columns by hand", () => openMapping(file, async (mapped) => {
        line.remove();
        await showImportResult(mapped);
      }), `Choose the columns by hand: ${e.file}`));
    }
    messages.append(line);
  }
  if (result.dataset) {
    const names = result.dataset.files.join(", ");
    messages.append(el("p", { className: "message ok" }, importSummary(names, result.dataset)));
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
function describeError(name, err) {
  const where = [err.file || name];
  if (err.line) where.push(`line ${err.line}`);
  if (err.column) where.push(`column ${err.column}`);
  let message = err.message || String(err);
  const prefix = where.join(", ") + ": ";
  if (message.startsWith(prefix)) message = message.slice(prefix.length);
  return `Could not import ${where.join(", ")}: ${message}`;
}

function setUpDropZone() {
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
    clear($("import-messages"));
    const bytes = await pasted.arrayBuffer();
    try {
      const result = await call("importFiles", { files: [{ name: pasted.name, bytes }], origin: "paste" }, [bytes]);
      await showImportResult(result, [pasted]);
    } catch (err) {
      $("import-messages").append(el("p", { className: "message error" }, describeError("pasted text", err)));
    }
  });
  $("load-example").addEventListener("click", () => loadExample($("example-choice").value));
}

async function loadExample(which) {
  const messages = $("import-messages");
  clear(messages);
  try {
    const dataset = await call("loadExample", { which });
    messages.append(el("p", { className: "message ok" }, `Loaded the example: ${dataset.name}.`));
    await refreshLibrary();
    await view(dataset.id);
  } catch (err) {
    messages.append(el("p", { className: "message error" }, `Could not load the example: ${err.message}`));
  }
}

// ---- the library --------------------------------------------------------

async function refreshLibrary() {
  state.datasets = await call("listDatasets");
  const body = $("library").tBodies[0];
  clear(body);
  for (const d of state.datasets) {
    const viewing = d.id === state.viewing;
    const row = el("tr", { className: viewing ? "viewing" : "" },
      el("td", {}, d.name, d.mark ? el("span", { className: "tag" }, d.mark) : ""),
      el("td", {}, d.files.join(", ")),
      el("td", { className: "num" }, String(d.rows)),
      el("td", {}, new Date(d.importedAt).toLocaleString("en-GB")),
      el("td", {}, d.persisted ? "in this browser" : "this session only"),
      el("td", { className: "actions" },
        // The View button is about to be drawn again: the focus moves on to
        // the results, where a keyboard user wants to be.
        button(viewing ? "Viewing" : "View", () => view(d.id).then(() => $("view-heading").focus()), `${viewing ? "Viewing" : "View"} ${d.name}`, viewing),
        button("Rename", () => renameDataset(d), `Rename ${d.name}`),
        button("Delete", () => deleteDataset(d), `Delete ${d.name}`, false, "danger")));
    if (viewing) row.setAttribute("aria-current", "true");
    body.append(row);
  }
  $("library-empty").hidden = state.datasets.length > 0;
  $("delete-all").hidden = state.datasets.length === 0;
}

function button(label, onClick, accessibleName, disabled = false, className = "") {
  const b = el("button", { type: "button", className }, label);
  if (accessibleName) b.setAttribute("aria-label", accessibleName);
  b.disabled = disabled;
  b.addEventListener("click", onClick);
  return b;
}

async function renameDataset(d) {
  const name = prompt("New name for this dataset:", d.name);
  if (name === null) return;
  try {
    await call("renameDataset", { datasetId: d.id, name });
  } catch (err) {
    alert(err.message);
  }
  await refreshLibrary();
  if (state.viewing === d.id) await view(d.id);
}

async function deleteDataset(d) {
  if (!confirm(`Delete "${d.name}" from this browser? The original files on your computer are not touched.`)) return;
  await call("deleteDataset", { datasetId: d.id });
  if (state.viewing === d.id) state.viewing = null;
  await refreshLibrary();
  await view(state.viewing || state.datasets[0]?.id || null);
}

async function deleteAll() {
  if (!confirm("Delete every dataset stored in this browser? The original files on your computer are not touched.")) return;
  await call("deleteAll");
  state.viewing = null;
  await refreshLibrary();
  await view(null);
}

// ---- viewing a dataset --------------------------------------------------

async function view(id) {
  // Each call draws the view anew; an older call still waiting for the
  // engine must not set the download buttons of a newer one.
  const generation = ++state.generation;
  state.viewing = id;
  if (!id) history.replaceState(null, "", location.pathname + location.search);
  $("view").hidden = !id;
  state.exports = null;
  $("download-csv").disabled = true;
  $("download-json").disabled = true;
  $("download-issues").disabled = true;
  if (!id) {
    state.results = null;
    await refreshLibrary();
    return;
  }
  try {
    state.results = await call("results", { datasetId: id });
  } catch (err) {
    $("import-messages").append(el("p", { className: "message error" }, `Could not show this dataset: ${err.message}`));
    return;
  }
  if (generation !== state.generation) return;
  await refreshLibrary();
  renderView();
  // Not awaited (the view is drawn already), but its failure is said.
  prepareExports(id, generation).catch((err) => {
    if (generation === state.generation) {
      $("import-messages").append(el("p", { className: "message error" }, `Could not prepare the downloads of this dataset: ${err.message}`));
    }
  });
}

// prepareExports asks for the files the download buttons save, after the
// view is drawn, and enables the buttons when they are ready: then a click
// saves the file at once, as a browser lets a page start a download only
// straight after the click.
async function prepareExports(id, generation) {
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

function renderView() {
  const { dataset, report } = state.results;
  // Choices of forces and period carry over when the same dataset is drawn
  // again (a new method, say), not to another dataset.
  const sameDataset = state.renderedId === dataset.id;
  state.renderedId = dataset.id;
  if (!sameDataset) {
    clear($("trend-forces"));
    clear($("period-choice"));
  }
  // A view read from the address is drawn once, for its own dataset.
  const restore = state.restore && state.restore.dataset === dataset.id ? state.restore : null;
  if (dataset.id === state.viewing) state.restore = null;
  $("view-heading").textContent = `Results: ${dataset.name}`;
  const mark = $("view-mark");
  mark.hidden = !report.mark;
  mark.textContent = report.mark ? `This is ${report.mark}: made up for practice, not real figures.` : "";
  const forces = report.rows.filter((r) => !r.isAggregate);
  const withRate = forces.filter((r) => r.rate !== null).length;
  $("view-summary").textContent =
    `${forces.length} figure${forces.length === 1 ? "" : "s"} over ${report.periods.length} period${report.periods.length === 1 ? "" : "s"}; ` +
    `${withRate} with a rate. Interval method: ${report.method === "poisson" ? "Poisson" : "Wilson score"}.` +
    shownNote(report);
  renderSources(dataset);
  renderClaims(report);
  renderPairings(dataset, report);
  renderRemap(dataset, report);
  renderValuesChoice(dataset, report);
  renderNames(dataset, report).catch((err) => console.warn(err));
  renderTrendControls(report, restore?.forces);
  renderTrend();
  renderPeriodControls(report, restore?.period);
  renderForces();
  renderResultsTable(report);
  renderIssues(report);
  writeViewToURL();
}

// ---- the view in the address --------------------------------------------

// The view being read (dataset, the forces of the trend chart, the period,
// the interval method and the results table's order) is kept in the URL's
// fragment, so that it can be bookmarked and comes back after a reload. Only
// names of choices go there, never a figure: the data stays in this browser,
// and a fragment is never sent to a server anyway.
function writeViewToURL() {
  // Nothing is written for the view drawn before the engine starts.
  const drawn = state.results && state.results.dataset.id === state.viewing;
  if (!state.viewing || !drawn) return;
  const p = new URLSearchParams();
  p.set("dataset", state.viewing);
  for (const o of $("trend-forces").selectedOptions) p.append("force", o.value);
  if ($("period-choice").value) p.set("period", $("period-choice").value);
  p.set("method", state.method);
  if (state.sort) p.set("sort", `${state.sort.key}.${state.sort.ascending ? "ascending" : "descending"}`);
  history.replaceState(null, "", `#${p}`);
}

// readViewFromURL reads what writeViewToURL wrote; anything else in the
// fragment is ignored.
function readViewFromURL() {
  const p = new URLSearchParams(location.hash.slice(1));
  const view = { dataset: p.get("dataset"), forces: p.getAll("force"), period: p.get("period"), method: p.get("method") };
  const sort = /^(\w+)\.(ascending|descending)$/.exec(p.get("sort") || "");
  if (sort) view.sort = { key: sort[1], ascending: sort[2] === "ascending" };
  return view;
}

function renderClaims(report) {
  const claims = report.claims || [];
  $("claims").hidden = claims.length === 0;
  const list = $("claims-list");
  clear(list);
  for (const c of claims) {
    const caveats = el("ul", {}, ...c.caveats.map((text) => el("li", {}, text)));
    list.append(el("li", {}, el("strong", {}, c.text), caveats));
  }
}

// renderRemap offers to change the columns chosen by hand for each file
// that has them.
function renderRemap(dataset, report) {
  const box = $("remap");
  clear(box);
  const mappings = { ...(dataset.mappings || {}) };
  // A long series of dates can be grouped by month or year in the mapping.
  if (report.periodsTotal > report.periods.length) {
    for (const name of dataset.files) if (!(name in mappings)) mappings[name] = undefined;
  }
  for (const [name, mapping] of Object.entries(mappings)) {
    box.append(button(`${mapping ? "Change" : "Choose"} the columns of ${name}`, async () => {
      const files = await call("originalFiles", { datasetId: dataset.id });
      const original = files.find((f) => f.name === name);
      if (!original) return;
      await openMapping(new File([original.bytes], name), () => view(dataset.id), dataset.id, mapping);
    }));
  }
}

let forceChoices = null; // [{key, name}] from the engine, asked for once

// renderNames offers a force for each name that matched none; names mapped
// earlier are listed too, so that a choice can be undone.
async function renderNames(dataset, report) {
  const mapped = dataset.nameMap || {};
  const names = [...new Set([...report.unmatched, ...Object.keys(mapped)])];
  $("names").hidden = names.length === 0;
  const list = $("names-list");
  clear(list);
  if (names.length === 0) return;
  forceChoices ??= await call("listForces");
  for (const name of names) {
    const select = el("select", { "data-name": name });
    select.append(el("option", { value: "" }, "(not a force: keep as written)"));
    for (const f of forceChoices) select.append(el("option", { value: f.key }, f.name));
    select.value = mapped[name] || "";
    list.append(el("label", {}, name, select));
  }
}

async function saveNames() {
  const names = {};
  for (const select of $("names-list").querySelectorAll("select")) names[select.dataset.name] = select.value;
  await call("setNameMap", { datasetId: state.viewing, names });
  await view(state.viewing);
}

function renderPairings(dataset, report) {
  $("pairing-rule").value = dataset.pairing || "containing-or-latest";
  const list = $("pairings");
  clear(list);
  const pairings = report.pairings || [];
  $("pairings-summary").textContent = pairings.length
    ? `${pairings.length} rate${pairings.length === 1 ? " uses" : "s use"} a denominator from another date than the numerator's. Each is listed; the rate is only as good as that pairing.`
    : "Every rate uses a numerator and a denominator of the same period.";
  for (const p of pairings) list.append(el("li", {}, p.sentence));
}

// addToDataset adds files to the dataset being viewed: a file of registered
// counts added after a file of missing counts is paired with it.
async function addToDataset(files) {
  const id = state.viewing;
  if (!id || files.length === 0) return;
  const payload = files.map((f) => ({ name: f.name, file: f }));
  clear($("import-messages"));
  try {
    const result = await withProgress(files, (onProgress) => startRequest("addFiles", { datasetId: id, files: payload }, [], onProgress));
    for (const e of result.errors) {
      $("import-messages").append(el("p", { className: "message error" }, describeError(e.file, e)));
    }
    if (result.dataset) {
      $("import-messages").append(el("p", { className: "message ok" },
        `Added ${files.map((f) => f.name).join(", ")} to "${result.dataset.name}"; its figures were paired again.`));
    }
  } catch (err) {
    const message = err.code === CODES.cancelled ? "Adding the files was cancelled; the dataset is unchanged." : `Could not add the files: ${err.message}`;
    $("import-messages").append(el("p", { className: "message error" }, message));
  }
  await view(id);
}

// renderValuesChoice asks, for each file with a column per period or per
// force, whether its values are numerators or denominators: prominently when
// nothing in the file said and the reader had to guess.
function renderValuesChoice(dataset, report) {
  const box = $("values-choice");
  clear(box);
  const wide = (report.files || []).filter((f) => f.values);
  box.hidden = wide.length === 0 || dataset.origin === "example-real";
  for (const f of wide) {
    const id = `values-${wide.indexOf(f)}`;
    const select = el("select", { id },
      el("option", { value: "numerator" }, "numerators (counts to divide)"),
      el("option", { value: "denominator" }, "denominators (what to divide by)"));
    select.value = f.values;
    select.addEventListener("change", () => setValues(f.file, select.value));
    const question = f.valuesGuessed
      ? el("p", { className: "message warning" }, `Nothing in ${f.file} says whether its values are numerators or denominators; they were taken as numerators. Please choose.`)
      : null;
    box.append(el("div", { className: "controls" }, question, el("label", { for: id }, `The values of ${f.file} are`), select));
  }
}

async function setValues(file, values) {
  if (!state.viewing) return;
  try {
    await call("setValues", { datasetId: state.viewing, file, values });
  } catch (err) {
    $("import-messages").append(el("p", { className: "message error" }, `Could not change the values of ${file}: ${err.message}`));
  }
  await view(state.viewing);
}

async function setPairingRule(rule) {
  if (!state.viewing) return;
  try {
    await call("setPairingRule", { datasetId: state.viewing, rule });
  } catch (err) {
    $("import-messages").append(el("p", { className: "message error" }, `Could not change the pairing: ${err.message}`));
  }
  await view(state.viewing);
}

function renderSources(dataset) {
  const details = $("view-sources");
  const sources = dataset.sources || [];
  details.hidden = sources.length === 0;
  const body = details.querySelector("tbody");
  clear(body);
  for (const s of sources) {
    const source = s.sourceUrl ? el("a", { href: s.sourceUrl, rel: "noreferrer noopener", target: "_blank" }, s.source) : s.source;
    body.append(el("tr", {},
      el("td", {}, s.area), el("td", {}, s.measure), el("td", { className: "num" }, formatNumber(s.value, 0)),
      el("td", {}, s.asAt), el("td", {}, s.coverage || ""), el("td", {}, source)));
  }
}

function renderTrendControls(report, restored) {
  const select = $("trend-forces");
  const previous = new Set(restored?.length ? restored : [...select.selectedOptions].map((o) => o.value));
  clear(select);
  const series = report.series.filter((s) => s.key !== "ALL");
  // By default show the three forces with the most periods that have a rate.
  const ranked = [...series].filter((s) => rated(s) > 0).sort((a, b) => rated(b) - rated(a)).slice(0, 3).map((s) => s.key);
  const kept = [...previous].filter((key) => series.some((s) => s.key === key));
  const chosen = new Set(kept.length ? kept : ranked);
  for (const s of series) {
    const option = el("option", { value: s.key }, s.name);
    option.selected = chosen.has(s.key);
    select.append(option);
  }
}

const rated = (s) => s.points.filter((p) => p.rate !== null).length;

function renderTrend() {
  const report = state.results.report;
  const keys = new Set([...$("trend-forces").selectedOptions].map((o) => o.value));
  const chosen = report.series.filter((s) => keys.has(s.key));
  const all = report.series.find((s) => s.key === "ALL");
  const caption = drawTrendChart($("trend-chart"), chosen, all, report.mark);
  $("trend-caption").textContent = caption;
  // The chart's alt text says what each line shows, in the engine's words;
  // the export form sets it as the chart's accessible name.
  const alt = [caption, ...chosen.concat(all ? [all] : []).map((s) => s.altText)].join(" ");
  prefillChartExport("trend", exportWords(caption, alt, "Rate per 1,000 over time, with 95% confidence intervals"));
  renderTrendTable(chosen.concat(all ? [all] : []));
}

function renderTrendTable(series) {
  const wrap = $("trend-table-wrap");
  clear(wrap);
  if (!series.length) return;
  const table = el("table", { className: "trend-table" },
    el("caption", {}, "Trend per force: slope of the rate per 1,000 per year (weighted least squares, 95% interval)"),
    el("thead", {}, el("tr", {}, ...[["Force"], ["Periods with a rate"], ["Slope per year", "trend", "the slope per year"],
      ["95% interval", "trend", "the slope's interval"], ["Test for trend, all periods", "chi-square", "the test for trend"],
      ["Latest year-on-year change", "year-on-year", "the year-on-year change"]].map(([h, anchor, what]) =>
      el("th", { scope: "col" }, h, anchor ? " " : "", anchor ? methodLink(anchor, what) : "")))));
  const body = el("tbody");
  for (const s of series) {
    const slope = s.slope.perYear === null ? s.slope.reason : formatNumber(s.slope.perYear, 2);
    const interval = s.slope.perYear === null ? "" : formatInterval(s.slope.low, s.slope.high, 2);
    const last = s.yearOnYear[s.yearOnYear.length - 1];
    body.append(el("tr", {},
      el("th", { scope: "row" }, s.name), el("td", { className: "num" }, String(s.slope.points)),
      el("td", {}, slope), el("td", {}, interval), el("td", {}, describeTrendTest(s)), el("td", {}, describeChange(last))));
  }
  table.append(body);
  wrap.append(table);
}

function describeTrendTest(s) {
  if (s.trendP === null) return s.trendNote || "";
  return `χ² = ${formatNumber(s.chiSquare, 2)}, p = ${formatP(s.trendP)}`;
}

function describeChange(c) {
  if (!c) return "";
  if (c.caveat) return `${describeChangeOnly(c)}. Note: ${c.caveat}.`;
  return describeChangeOnly(c);
}

function describeChangeOnly(c) {
  if (c.rateChange === null && c.direction) return `${c.from} to ${c.to}: ${c.direction} (${c.reason})`;
  if (c.rateChange === null) return `${c.from} to ${c.to}: ${c.reason || "no figure"}`;
  const pct = c.ratePercent === null ? ` (${c.reason})` : ` (${c.ratePercent >= 0 ? "+" : ""}${formatNumber(c.ratePercent, 1)}%)`;
  return `${c.from} to ${c.to}: ${c.rateChange >= 0 ? "+" : ""}${formatNumber(c.rateChange, 2)} per 1,000${pct}`;
}

function renderPeriodControls(report, restored) {
  const select = $("period-choice");
  const previous = restored || select.value;
  clear(select);
  for (const p of report.periods) select.append(el("option", { value: p }, p));
  // Default to the latest period in which some force has a rate.
  const rated = new Set(report.rows.filter((r) => !r.isAggregate && r.rate !== null).map((r) => r.period));
  const withRates = report.periods.filter((p) => rated.has(p));
  select.value = report.periods.includes(previous) ? previous : (withRates[withRates.length - 1] || report.periods[report.periods.length - 1] || "");
}

// shownNote says when the page shows only the latest periods of a long
// series (the engine sends at most 120).
function shownNote(report) {
  if (!report.periodsTotal || report.periodsTotal <= report.periods.length) return "";
  return ` The page shows the latest ${report.periods.length} of ${formatNumber(report.periodsTotal)} periods; ` +
    `results.csv has all ${formatNumber(report.rowsTotal)} rows, and each trend test uses every period. ` +
    "Grouping the dates by month or year (choose the columns, below) gives fewer, larger periods.";
}

function renderForces() {
  const report = state.results.report;
  const period = $("period-choice").value;
  const rows = report.rows.filter((r) => r.period === period);
  const forcesCaption = drawForcesChart($("forces-chart"), rows, period, report.mark);
  $("forces-caption").textContent = forcesCaption;
  // The alt text is the engine's description of the period's forces.
  const forcesAlt = (report.forcesAltText || [])[report.periods.indexOf(period)] || forcesCaption;
  prefillChartExport("forces", exportWords(forcesCaption, forcesAlt,
    `Rate per 1,000 in ${period}, with 95% confidence intervals, highest first`));
  const funnel = (report.funnels || []).find((f) => f.period === period);
  const funnelCaption = drawFunnelChart($("funnel-chart"), funnel, report.mark);
  $("funnel-caption").textContent = funnelCaption;
  prefillChartExport("funnel", exportWords(funnelCaption, funnel ? funnel.altText : "",
    `Funnel plot for ${period}: rate per 1,000 against the denominator, with 95% and 99.8% control limits`));
  const overdispersion = describeOverdispersion(funnel);
  $("overdispersion").textContent = overdispersion;
  if (overdispersion) $("overdispersion").append(" ", methodLink("overdispersion", "overdispersion"));
  renderCompareTable($("compare-table"), rows);
  renderFindings($("findings"), rows);
}

// exportWords are the words a chart's export starts with: the dataset's
// name as title, the chart's caption as notes, and its sources (else its
// files) as the source line.
function exportWords(caption, alt, subtitle) {
  const { dataset, report } = state.results;
  const sources = [...new Set((dataset.sources || []).map((s) => s.source).filter(Boolean))];
  // Readers of the alt text must learn that practice data is made up, as
  // readers of the image do.
  const mark = report.mark;
  if (mark && alt && !alt.toLowerCase().includes(mark.toLowerCase())) alt += ` (${mark[0].toUpperCase()}${mark.slice(1)}: made up for practice, not real figures.)`;
  return {
    datasetId: dataset.id, mark, title: dataset.name, subtitle, notes: caption, alt,
    source: sources.length ? sources.join("; ") : (dataset.files || []).join(", "),
  };
}

const resultColumns = [
  { key: "forceName", label: "Force" },
  { key: "forceCode", label: "Code" },
  { key: "period", label: "Period" },
  { key: "missing", label: "Numerator", numeric: true, digits: 0, text: "missingText" },
  { key: "registered", label: "Denominator", numeric: true, digits: 0, text: "registeredText" },
  { key: "rate", label: "Rate per 1,000", numeric: true, digits: 2, method: "rate", methodName: "the rate per 1,000", title: rateTitle },
  { key: "ci95Low", label: "95% low", numeric: true, digits: 2, interval: "95%" },
  { key: "ci95High", label: "95% high", numeric: true, digits: 2, interval: "95%" },
  { key: "ci998Low", label: "99.8% low", numeric: true, digits: 2, interval: "99.8%" },
  { key: "ci998High", label: "99.8% high", numeric: true, digits: 2, interval: "99.8%" },
  { key: "funnelFlag", label: "Funnel flag", method: "funnel", methodName: "the funnel flag" },
  { key: "funnelFlagOD", label: "Funnel flag (overdispersion)", method: "overdispersion", methodName: "the flag allowing for overdispersion" },
  { key: "comparison", label: "Compared with all forces", method: "comparison", methodName: "the comparison with all forces" },
  { key: "rankText", label: "Rank (95% interval)", method: "rank", methodName: "the rank" },
  { key: "trendDirection", label: "Recent trend", method: "recent-trend", methodName: "the recent trend" },
  { key: "trendP", label: "Trend test p", numeric: true, digits: 3, method: "chi-square", methodName: "the trend test" },
  { key: "note", label: "Note", method: "small-numbers", methodName: "a small-number caution" },
];

// rateTitle works a row's rate through, for the tooltip of its cell.
function rateTitle(row) {
  if (row.rate === null || row.missing === null || row.registered === null) return "";
  const sum = `${formatNumber(row.missing, 0)} ÷ ${formatNumber(row.registered, 0)} × 1,000 = ${formatNumber(row.rate, 2)}`;
  return row.isAggregate ? `All forces: the numerators added up over the denominators added up, ${sum}` : `Rate per 1,000: ${sum}`;
}

function renderResultsTable(report) {
  // The interval columns link to the method that made them.
  const interval = report.method === "poisson" ? "poisson" : "wilson";
  const name = report.method === "poisson" ? "Poisson" : "Wilson score";
  const columns = resultColumns.map((c) => (c.interval ? {
    ...c, method: interval, methodName: `the ${c.interval} interval`,
    title: (row) => (row.rate === null ? "" : `${name} ${c.interval} interval: ${formatInterval(row[c.interval === "95%" ? "ci95Low" : "ci998Low"], row[c.interval === "95%" ? "ci95High" : "ci998High"], 2)} per 1,000`),
  } : c));
  sortableTable($("results"), columns, report.rows, (row) => (row.isAggregate ? "aggregate" : ""), {
    sort: state.sort,
    onSort: (sort) => {
      state.sort = sort;
      writeViewToURL();
    },
  });
}

function renderFileHealth(report) {
  const list = $("file-health");
  clear(list);
  for (const f of report.files || []) {
    const skipped = f.rowsSkipped ? `, ${f.rowsSkipped} skipped (see below)` : "";
    list.append(el("li", {},
      el("strong", {}, f.file), `: ${f.encoding}, ${f.delimiter}-separated, ${f.lineEndings} line endings; ` +
      `header on line ${f.headerLine}; ${f.rowsRead} row${f.rowsRead === 1 ? "" : "s"} read, ${f.rowsKept} kept${skipped}; ` +
      `${f.errors} error${f.errors === 1 ? "" : "s"}, ${f.warnings} warning${f.warnings === 1 ? "" : "s"}.`));
  }
}

function renderIssues(report) {
  renderFileHealth(report);
  const body = $("issues").tBodies[0];
  clear(body);
  const issues = report.issues || [];
  $("issues-summary").textContent = issues.length
    ? `${issues.length} note${issues.length === 1 ? "" : "s"} from reading the file: rows skipped, values not understood, names not matched.`
    : "Nothing to report: every row was read.";
  $("issues").hidden = issues.length === 0;
  for (const i of issues) {
    body.append(el("tr", { className: `severity-${i.severity}` },
      el("td", {}, i.file), el("td", { className: "num" }, i.line ? String(i.line) : ""),
      el("td", { className: "num" }, i.column ? String(i.column) : ""), el("td", {}, i.severity), el("td", {}, i.message)));
  }
}

// ---- settings and downloads --------------------------------------------

async function setMethod(method) {
  const settings = await call("setSettings", { settings: { method } });
  state.method = settings.method;
  if (state.viewing) await view(state.viewing);
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

async function downloadOriginals() {
  if (!state.viewing) return;
  const files = await call("originalFiles", { datasetId: state.viewing });
  for (const f of files) download(f.name, new Blob([f.bytes], { type: "text/csv" }));
}

// bundleHooks let bundle.js show a bundle it opened: the bundle's interval
// method is now the app's.
const bundleHooks = {
  viewing: () => state.viewing,
  opened: async (result) => {
    state.method = result.method;
    $("method").value = result.method;
    await refreshLibrary();
    await view(result.dataset.id);
  },
};

// ---- storage status -----------------------------------------------------

async function showStorageStatus() {
  const status = await call("storageStatus");
  $("storage-status").textContent = status.message;
  $("storage-status").className = status.mode === "memory" ? "warning" : "";
}

// Ask the browser to keep our storage even when space runs low. Only the
// page (not the worker) can ask.
async function requestPersistence() {
  const out = $("persist-status");
  if (!navigator.storage?.persist) {
    out.textContent = "This browser cannot promise to keep stored data.";
    return;
  }
  const granted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  out.textContent = granted
    ? "The browser has agreed to keep them even when space runs low."
    : "The browser may clear them if space runs low; export what you need to keep.";
}

// ---- start --------------------------------------------------------------

// drawFirstViewEarly draws, on a first visit (no database yet), the view of
// the practice data that the build made in advance, so that the page shows
// charts before the engine has started; the engine's view replaces it. It
// never asks the engine about this placeholder, and its buttons stay off.
async function drawFirstViewEarly() {
  try {
    // Without indexedDB.databases (older browsers) a return visit cannot
    // be told from a first one: then nothing is drawn early.
    if (!indexedDB.databases) return;
    const databases = await indexedDB.databases();
    if (databases.some((d) => d.name === "foi-explorer")) return;
    const response = await fetch("example-synthetic.json");
    if (!response.ok || state.results) return;
    state.results = await response.json();
    $("view").hidden = false;
    renderView();
    $("view-summary").append(" The engine is still starting: this first view was worked out in advance, and the buttons work in a moment.");
    document.body.dataset.earlyViewMs = String(Math.round(performance.now()));
  } catch (err) {
    console.warn("no early view:", err.message);
  }
}

// showEngineStopped says plainly, where the user looks, that the engine can
// no longer answer (engine.js found it stopped).
function showEngineStopped(message) {
  $("import-messages").append(el("p", { className: "message error engine-stopped" }, message));
  $("storage-status").textContent = message;
  $("storage-status").className = "warning";
}

async function start() {
  window.addEventListener("foi-engine-stopped", (event) => showEngineStopped(event.detail));
  watchRequests();
  setUpDropZone();
  setUpMapping();
  $("delete-all").addEventListener("click", deleteAll);
  $("method").addEventListener("change", (e) => setMethod(e.target.value));
  $("pairing-rule").addEventListener("change", (e) => setPairingRule(e.target.value));
  $("add-to-dataset").addEventListener("change", async (e) => {
    const files = [...e.target.files];
    e.target.value = "";
    await addToDataset(files);
  });
  $("names-save").addEventListener("click", () => saveNames().catch((err) => alert(err.message)));
  $("download-csv").addEventListener("click", downloadResults);
  $("download-json").addEventListener("click", downloadResultsJSON);
  for (const name of ["trend", "forces", "funnel"]) setUpChartExport(name, $(`${name}-chart`), $(`${name}-export`));
  $("download-original").addEventListener("click", downloadOriginals);
  setUpBundle(bundleHooks);
  $("download-issues").addEventListener("click", downloadIssues);
  $("trend-forces").addEventListener("change", () => {
    renderTrend();
    writeViewToURL();
  });
  $("period-choice").addEventListener("change", () => {
    renderForces();
    writeViewToURL();
  });
  requestPersistence().catch(() => {});
  await drawFirstViewEarly();
  // Asked together: the worker answers them in turn, without the page
  // waiting for each answer before sending the next question.
  const [settings] = await Promise.all([call("getSettings"), showStorageStatus(), refreshLibrary()]);
  state.method = settings.method;
  $("method").value = settings.method;
  const firstVisit = !settings.examplesLoaded && state.datasets.length === 0;
  if (firstVisit) {
    // The very first visit: the synthetic example is loaded and drawn first,
    // so that the page shows something working at once; the real figures
    // follow.
    await call("loadExample", { which: "synthetic" });
    await refreshLibrary();
  }
  // A bookmarked view comes back when its dataset is still in this browser.
  const fromURL = readViewFromURL();
  const known = state.datasets.some((d) => d.id === fromURL.dataset);
  if (known) {
    state.restore = fromURL;
    state.sort = fromURL.sort || null;
    if ((fromURL.method === "wilson" || fromURL.method === "poisson") && fromURL.method !== state.method) {
      state.method = (await call("setSettings", { settings: { method: fromURL.method } })).method;
      $("method").value = state.method;
    }
  }
  const id = known ? fromURL.dataset : state.datasets[0]?.id;
  await view(id || null);
  // How long from navigation to the first view drawn, for the tests' log.
  document.body.dataset.firstViewMs = String(Math.round(performance.now()));
  if (firstVisit) {
    await call("loadExample", { which: "real" });
    await call("setSettings", { settings: { examplesLoaded: true } });
    await refreshLibrary();
  }
  await showStorageStatus();
  // How long until the page has done everything it does at start.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  // The offline copy is made after the first view: registering the service
  // worker earlier slowed the first view by about 0.4 s.
  if ("serviceWorker" in navigator) {
    await navigator.serviceWorker.register("sw.js").catch((err) => console.warn("offline copy unavailable:", err.message));
  }
  document.body.dataset.ready = "true";
}

start().catch((err) => {
  $("storage-status").textContent = `The app could not start: ${err.message}`;
  console.error(err);
});
