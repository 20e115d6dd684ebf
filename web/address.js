// The view in the address: which dataset, forces, period, method and order
// are being read, kept in the URL's fragment for bookmarks and reloads.
import { state, $ } from "./state.js";
import { isPlaceholder } from "./engine.js";

// The view being read (dataset, the forces of the trend chart, the period,
// the interval method, the results table's order and the section read) is kept in the URL's
// fragment, so that it can be bookmarked and comes back after a reload. Only
// names of choices go there, never a figure: the data stays in this browser,
// and a fragment is never sent to a server anyway.
export function writeViewToURL() {
  // Nothing is written for the view drawn before the engine starts.
  const drawn = state.results && state.results.dataset.id === state.viewing;
  if (!state.viewing || !drawn || isPlaceholder(state.viewing)) return;
  const p = new URLSearchParams();
  p.set("dataset", state.viewing);
  for (const o of $("trend-forces").selectedOptions) p.append("force", o.value);
  if ($("period-choice").value) p.set("period", $("period-choice").value);
  p.set("method", state.method);
  if (state.sort) p.set("sort", `${state.sort.key}.${state.sort.ascending ? "ascending" : "descending"}`);
  if (state.section) p.set("section", state.section);
  history.replaceState(null, "", `#${p}`);
}

// readViewFromURL reads what writeViewToURL wrote; anything else in the
// fragment is ignored.
export function readViewFromURL() {
  const p = new URLSearchParams(location.hash.slice(1));
  const view = { dataset: p.get("dataset"), forces: p.getAll("force"), period: p.get("period"), method: p.get("method"), section: p.get("section") };
  const sort = /^(\w+)\.(ascending|descending)$/.exec(p.get("sort") || "");
  if (sort) view.sort = { key: sort[1], ascending: sort[2] === "ascending" };
  return view;
}
