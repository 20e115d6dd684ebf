// The column-mapping panel: when the engine does not recognise a file's
// header, the person says which column is the force, the period, the
// numerator and the denominator, looking at the file's first rows.
import { call } from "./engine.js";
import { el, clear } from "./dom.js";

const $ = (id) => document.getElementById(id);
const roles = ["force", "period", "numerator", "denominator"];
// countRows is the numerator choice that counts each row as one event.
const countRows = "rows";

let current = null; // {file, bytes, onImported, datasetId, addTo, preview}

// openMapping shows the panel for a File; onImported gets the import result.
// With a datasetId the file is one of that dataset's, and its columns are
// changed in place; mapping is then the choice made before. With addTo the
// file is added to that dataset with the columns chosen.
export async function openMapping(file, onImported, datasetId = null, mapping = null, addTo = null) {
  const bytes = await file.arrayBuffer();
  current = { file, bytes, onImported, datasetId, addTo };
  await showPreview({ headerLine: mapping ? mapping.headerLine : 0, noHeader: !!mapping?.noHeader, sheet: mapping?.sheet || "" });
  if (mapping) {
    $("mapping-dashes").value = mapping.dashes || "";
    for (const role of roles) $(`mapping-${role}`).value = String(mapping[role]);
    if (mapping.countRows) $("mapping-numerator").value = countRows;
    $("mapping-bucket").value = mapping.bucket || "";
    $("mapping-fixed-period").value = mapping.fixedPeriod || "";
    $("mapping-fixed-force").value = mapping.fixedForce || "";
    for (const f of mapping.filters || []) {
      const select = document.getElementById(`mapping-filter-${f.column}`);
      if (!select) continue;
      const chosen = new Set(f.values.map((v) => v.toLowerCase()));
      for (const o of select.options) o.selected = chosen.has(o.value.toLowerCase());
    }
  }
  $("mapping").scrollIntoView({ block: "nearest" });
  $("mapping").hidden = false;
  $("mapping-force").focus();
}

// showPreview asks the engine for the file's first rows and its guess, with
// the choices made so far: {headerLine, noHeader, sheet}.
async function showPreview(options) {
  const preview = await call("previewFile", { name: current.file.name, bytes: current.bytes.slice(0), options });
  current.preview = preview;
  $("mapping-file").textContent = current.file.name;
  $("mapping-header-line").value = preview.guess.noHeader ? "" : preview.guess.headerLine;
  $("mapping-header-line").disabled = !!preview.guess.noHeader;
  $("mapping-no-header").checked = !!preview.guess.noHeader;
  const sheets = $("mapping-sheet");
  clear(sheets);
  for (const name of preview.sheets) sheets.append(el("option", { value: name }, name));
  sheets.value = preview.guess.sheet || "";
  $("mapping-sheet-label").hidden = preview.sheets.length === 0;
  const table = $("mapping-preview");
  clear(table.tHead);
  clear(table.tBodies[0]);
  const names = preview.header.map((h, i) => h.trim() || `column ${i + 1}`);
  table.tHead.append(el("tr", {}, ...names.map((h) => el("th", { scope: "col" }, h))));
  for (const row of preview.rows) table.tBodies[0].append(el("tr", {}, ...row.map((c) => el("td", {}, c))));
  for (const role of roles) {
    const select = $(`mapping-${role}`);
    clear(select);
    select.append(el("option", { value: "-1" }, "(none)"));
    if (role === "numerator") select.append(el("option", { value: countRows }, "(count the rows: each row is one event)"));
    names.forEach((h, i) => select.append(el("option", { value: String(i) }, `${i + 1}: ${h}`)));
    select.value = String(preview.guess[role]);
  }
  // A file the engine knows (police.uk's records) comes with its own
  // columns chosen: only its categories are left to choose.
  if (preview.guess.countRows) $("mapping-numerator").value = countRows;
  $("mapping-bucket").value = preview.guess.bucket || "";
  $("mapping-fixed-force").value = preview.guess.fixedForce || "";
  const recognised = preview.health?.recognised;
  $("mapping-hint").textContent = recognised
    ? `This file holds ${recognised}, counted a row each: its columns are chosen already. To count only some categories, choose them below.`
    : "The importer did not recognise this file's header. Say which column holds what; the choice is kept with the dataset. " +
      "Other columns are left out, or used to choose categories below.";
  renderFilters(names, preview.categories || []);
  $("mapping-message").hidden = true;
}

// renderFilters offers each column of categories as a list to choose from.
function renderFilters(names, categories) {
  const list = $("mapping-filter-list");
  clear(list);
  let any = false;
  categories.forEach((values, column) => {
    if (!values || !values.length) return;
    any = true;
    const select = el("select", { id: `mapping-filter-${column}`, multiple: true, size: String(Math.min(6, values.length)) });
    select.dataset.column = String(column);
    for (const v of values) select.append(el("option", { value: v }, v));
    list.append(el("label", {}, `${names[column]}: count only`, select));
  });
  $("mapping-filters").hidden = !any;
}

// chosenFilters are the categories chosen, leaving out the columns taken as
// force or period.
function chosenFilters(mapping) {
  const filters = [];
  for (const select of $("mapping-filter-list").querySelectorAll("select")) {
    const column = Number(select.dataset.column);
    const values = [...select.selectedOptions].map((o) => o.value);
    if (values.length && column !== mapping.force && column !== mapping.period) filters.push({ column, values });
  }
  return filters;
}

async function importMapped() {
  const noHeader = $("mapping-no-header").checked;
  const mapping = {
    headerLine: noHeader ? 0 : Number($("mapping-header-line").value),
    fixedPeriod: $("mapping-fixed-period").value.trim(),
    fixedForce: $("mapping-fixed-force").value.trim(),
    noHeader,
    sheet: current.preview.sheets.length ? $("mapping-sheet").value : "",
    dashes: $("mapping-dashes").value,
  };
  for (const role of roles) mapping[role] = Number($(`mapping-${role}`).value);
  if ($("mapping-numerator").value === countRows) {
    mapping.numerator = -1;
    mapping.countRows = true;
  }
  mapping.bucket = $("mapping-bucket").value;
  mapping.filters = chosenFilters(mapping);
  let result;
  if (current.datasetId) {
    try {
      await call("remapFile", { datasetId: current.datasetId, file: current.file.name, mapping });
      result = { errors: [], dataset: null };
    } catch (err) {
      result = { errors: [{ message: err.message }] };
    }
  } else if (current.addTo) {
    const bytes = current.bytes.slice(0);
    result = await call("addFiles", { datasetId: current.addTo, files: [{ name: current.file.name, bytes, mapping }] }, [bytes]);
  } else {
    const bytes = current.bytes.slice(0);
    result = await call("importFiles", { files: [{ name: current.file.name, bytes, mapping }] }, [bytes]);
  }
  if (result.errors.length) {
    const message = $("mapping-message");
    message.textContent = result.errors[0].message;
    message.hidden = false;
    return;
  }
  $("mapping").hidden = true;
  const done = current.onImported;
  current = null;
  await done(result);
}

export function setUpMapping() {
  $("mapping-import").addEventListener("click", () => importMapped().catch((err) => {
    $("mapping-message").textContent = err.message;
    $("mapping-message").hidden = false;
  }));
  $("mapping-cancel").addEventListener("click", () => {
    $("mapping").hidden = true;
    current = null;
  });
  // A new header line, "no header row" or another sheet shows the file
  // again as the reader would take it.
  const again = (options) => {
    if (current) showPreview({ headerLine: 0, noHeader: false, sheet: current.preview?.guess.sheet || "", ...options }).catch(() => {});
  };
  $("mapping-header-line").addEventListener("change", (e) => again({ headerLine: Number(e.target.value) }));
  $("mapping-no-header").addEventListener("change", (e) => again({ noHeader: e.target.checked }));
  $("mapping-sheet").addEventListener("change", (e) => again({ sheet: e.target.value }));
}
