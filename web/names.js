// Names that matched no force: the person picks a force for each (or keeps
// it as written), and the figures are paired again.
import { call } from "./engine.js";
import { el, clear } from "./dom.js";
import { state, $ } from "./state.js";
import { view } from "./view.js";

let forceChoices = null; // [{key, name}] from the engine, asked for once

// renderNames offers a force for each name that matched none; names mapped
// earlier are listed too, so that a choice can be undone.
export async function renderNames(dataset, report) {
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

export function setUpNames() {
  $("names-save").addEventListener("click", () => saveNames().catch((err) => alert(err.message)));
}
