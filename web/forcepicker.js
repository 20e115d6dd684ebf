// The trend's force picker: a search box over a checklist of the forces, the
// all-forces line first, with Select all, Clear and the count chosen. It
// replaces a multi-select that needed Ctrl-click to add a force and lost the
// whole choice to an arrow key. Everything works from the keyboard: Tab to
// the search, type part of a name, Tab or the arrow keys through the boxes,
// Space to choose, Escape to clear the search.
import { el, clear } from "./dom.js";
import { $ } from "./state.js";
import { setHighlight, previewHighlight } from "./highlight.js";

export const ALL = "ALL";

// MAX_FLAGGED is how many flagged forces the trend starts with: the chart
// has five colours that every reader can tell apart (charts.js), and more
// lines than that are a tangle, whichever they are.
const MAX_FLAGGED = 5;

// LARGEST is how many of the largest forces the trend starts with when the
// funnel flags none.
const LARGEST = 3;

const boxes = () => [...$("trend-forces-list").querySelectorAll("input[type=checkbox]")];
const shownBoxes = () => boxes().filter((b) => !b.closest("li").hidden);

// chosenForces are the keys of the forces chosen, in the list's order; the
// all-forces line is not one of them (allForcesChosen says).
export function chosenForces() {
  return boxes().filter((b) => b.checked && b.value !== ALL).map((b) => b.value);
}

export function allForcesChosen() {
  const all = boxes().find((b) => b.value === ALL);
  return all ? all.checked : true;
}

// resetForcePicker empties the list, for another dataset: its choice is not
// this one's.
export function resetForcePicker() {
  clear($("trend-forces-list"));
}

// renderForcePicker lists the report's forces. The choice is the restored
// one (from the address) when it names forces of this dataset, else the one
// shown before (the same dataset drawn again), else defaultForces.
export function renderForcePicker(report, restored) {
  const series = report.series.filter((s) => s.key !== ALL);
  const known = (key) => series.some((s) => s.key === key);
  const hadList = boxes().length > 0;
  let chosen;
  let all = true;
  if (restored?.forces?.length && restored.forces.some(known)) {
    chosen = restored.forces.filter(known);
    all = restored.all !== false;
  } else if (hadList) {
    chosen = chosenForces().filter(known);
    all = allForcesChosen();
  } else {
    chosen = defaultForces(report);
  }
  const list = $("trend-forces-list");
  clear(list);
  if (report.series.some((s) => s.key === ALL)) list.append(item(ALL, "All forces together (dashed line)", all, "all-forces"));
  const set = new Set(chosen);
  for (const s of series) list.append(item(s.key, s.name, set.has(s.key)));
  filterList();
  countChosen();
}

function item(key, name, checked, className = "") {
  const box = el("input", { type: "checkbox", value: key, checked });
  return el("li", { className, "data-key": key }, el("label", {}, box, el("span", {}, name)));
}

// defaultForces are the forces the trend starts with, the ones that matter
// most in the latest funnel: those outside its 99.8% limits (the largest
// first, up to MAX_FLAGGED), else the largest forces (up to LARGEST). A
// dataset with no funnel starts with the forces with the most rated
// periods.
export function defaultForces(report) {
  const funnel = [...(report.funnels || [])].reverse().find((f) => !f.reason && f.points.length);
  const forces = new Set(report.series.map((s) => s.key));
  if (funnel) {
    const points = funnel.points.filter((p) => forces.has(p.key)).sort((a, b) => b.n - a.n);
    const flagged = points.filter((p) => p.flag.endsWith("(99.8%)"));
    return (flagged.length ? flagged.slice(0, MAX_FLAGGED) : points.slice(0, LARGEST)).map((p) => p.key);
  }
  const rated = (s) => s.points.filter((p) => p.rate !== null).length;
  return report.series.filter((s) => s.key !== ALL && rated(s) > 0).sort((a, b) => rated(b) - rated(a)).slice(0, LARGEST).map((s) => s.key);
}

// filterList shows the forces whose name holds the search's words, in any
// case and with or without accents; the all-forces line is always shown.
function filterList() {
  const words = fold($("trend-forces-search").value).split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const li of $("trend-forces-list").children) {
    const name = fold(li.textContent);
    li.hidden = li.dataset.key !== ALL && !words.every((w) => name.includes(w));
    if (!li.hidden && li.dataset.key !== ALL) shown++;
  }
  $("trend-forces-empty").hidden = shown > 0 || !words.length;
}

const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

// countChosen says how many forces are chosen, for every reader: the count
// is a status, announced when it changes. A few are named too, since the
// list scrolls and the chosen may be out of sight in it.
function countChosen() {
  const forces = boxes().filter((b) => b.value !== ALL);
  const chosen = forces.filter((b) => b.checked);
  const names = chosen.length && chosen.length <= NAMED ? `: ${chosen.map((b) => b.closest("label").textContent).join(", ")}` : "";
  const all = boxes().some((b) => b.value === ALL) ? (allForcesChosen() ? ", and all forces together" : ", without all forces together") : "";
  $("trend-forces-count").textContent = `${chosen.length} of ${forces.length} force${forces.length === 1 ? "" : "s"} chosen${names}${all}`;
}

// NAMED is how many chosen forces the count names.
const NAMED = 5;

// setUpForcePicker wires the picker; changed is called with each new choice.
export function setUpForcePicker(changed) {
  const search = $("trend-forces-search");
  const list = $("trend-forces-list");
  search.addEventListener("input", filterList);
  list.addEventListener("change", () => {
    countChosen();
    changed();
  });
  // Select all and Clear act on the forces the search shows, so that
  // "Met" then Select all adds the Metropolitan Police and no other; the
  // all-forces line is left as it is.
  const setShown = (checked) => {
    for (const b of shownBoxes()) if (b.value !== ALL) b.checked = checked;
    countChosen();
    changed();
  };
  $("trend-forces-all").addEventListener("click", () => setShown(true));
  $("trend-forces-none").addEventListener("click", () => setShown(false));
  // The arrow keys move between the boxes shown (and down from the search
  // into them), as in a list; Tab does too, box by box.
  const move = (from, step) => {
    const shown = shownBoxes();
    const at = shown.indexOf(from);
    const next = at < 0 ? (step > 0 ? shown[0] : null) : shown[at + step];
    if (next) next.focus();
    else if (step < 0 && at === 0) search.focus();
  };
  $("trend-forces").addEventListener("keydown", (event) => {
    const onBox = event.target.matches?.("#trend-forces-list input");
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && (onBox || (event.target === search && event.key === "ArrowDown"))) {
      event.preventDefault();
      move(onBox ? event.target : null, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Escape" && event.target === search && search.value) {
      // Escape in the search clears it (the browser's own clearing of a
      // search box does not fire input everywhere), and nothing else.
      event.preventDefault();
      event.stopPropagation();
      search.value = "";
      filterList();
    }
  });
  // Moving to a force (by keyboard, or with a click) highlights it in every
  // chart; pointing at one previews that, until the pointer leaves.
  const keyOf = (target) => {
    const key = target.closest?.("li[data-key]")?.dataset.key;
    return key === ALL ? null : key;
  };
  list.addEventListener("focusin", (event) => {
    const key = keyOf(event.target);
    if (key) setHighlight(key);
  });
  list.addEventListener("mouseover", (event) => previewHighlight(keyOf(event.target)));
  list.addEventListener("mouseleave", () => previewHighlight(null));
}
