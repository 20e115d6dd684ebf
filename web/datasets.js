// The library: the datasets stored in this browser (or kept for the
// session), each with View, Rename and Delete, and Delete all.
import { call } from "./engine.js";
import { el, clear, button } from "./dom.js";
import { state, $ } from "./state.js";
import { view } from "./view.js";

// refreshLibrary asks the engine for the datasets and draws the table.
export async function refreshLibrary() {
  state.datasets = await call("listDatasets");
  drawLibrary();
}

// drawLibrary draws the list the engine last gave, marking the dataset being
// viewed: a view drawn after the list was fetched needs no other round trip
// to the engine to say which it is.
export function drawLibrary() {
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

export function setUpDatasets() {
  $("delete-all").addEventListener("click", deleteAll);
}
