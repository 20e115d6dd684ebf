// The highlighted force: one force picked out in every chart of the view (the
// trend, the forces compared and the funnel) and in the comparison table, so
// that a reader can follow it from chart to chart. It is set by moving to a
// force in the trend's checklist (the keyboard's focus, or a click), or by
// clicking a force's point in a chart; clicking it again, or Escape, clears
// it. It is kept in the page's address with the rest of the view
// (address.js). Pointing at a force in the checklist only previews it, until
// the pointer leaves the list: a pointer resting on the list as the page
// scrolls under it must not change the highlight, nor the address.
import { state } from "./state.js";

const redraws = [];

// onHighlight registers a panel's redraw, called once a frame at most when
// the highlighted force changes (pointing along the checklist changes it at
// every row; the charts need drawing once, for the last).
export function onHighlight(redraw) {
  redraws.push(redraw);
}

let pending = false;
let preview = null;

function redraw() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    for (const draw of redraws) draw();
  });
}

// setHighlight picks out the force of key (a series key, as in the address),
// or none with null.
export function setHighlight(key) {
  key = key || null;
  if (state.highlight === key) return;
  state.highlight = key;
  redraw();
}

// previewHighlight shows the force of key as highlighted while the pointer
// is on it, without choosing it; null ends the preview.
export function previewHighlight(key) {
  key = key || null;
  if (preview === key) return;
  preview = key;
  redraw();
}

// toggleHighlight is a click on a force's mark: the same force again clears.
export function toggleHighlight(key) {
  setHighlight(state.highlight === key ? null : key);
}

// highlightedKey is the key of the force drawn highlighted (the one
// previewed, else the one chosen), if it is one of the view's forces.
export function highlightedKey() {
  return known(preview) || known(state.highlight);
}

// chosenHighlight is the highlighted force chosen, not previewed: the one
// the address keeps.
export function chosenHighlight() {
  return known(state.highlight);
}

const known = (key) => (key && key !== "ALL" && state.results?.report?.series?.some((s) => s.key === key) ? key : null);

// highlightedName is the highlighted force's name, as the rows and the
// forces chart call it (the engine names a series and its rows alike).
export function highlightedName() {
  const key = highlightedKey();
  return key ? state.results.report.series.find((s) => s.key === key).name : null;
}

// keyOfName is the series key of a force's name, for the charts whose marks
// carry the name only.
export function keyOfName(name) {
  return state.results?.report?.series?.find((s) => s.name === name && s.key !== "ALL")?.key || null;
}

// pickOnClick makes a click on a chart's mark highlight its force: Plot sets
// the chart's value to the datum nearest the pointer (the one its tip names).
export function pickOnClick(chart, keyOf) {
  chart.addEventListener("click", () => {
    const key = chart.value ? keyOf(chart.value) : null;
    if (key) toggleHighlight(key);
  });
}

// The marks that pick the force out. Each is a mark of its own, drawn over
// the others in the same scales, with the class "highlight" and an
// aria-description naming the force, which the tests look for.
const described = (name) => ({ className: "highlight", ariaDescription: `highlighted: ${name}` });

// trendHighlight: the force's line, thicker, and its points ringed.
export function trendHighlight(data, key) {
  const mine = data.filter((d) => d.key === key);
  if (!mine.length) return [];
  const name = mine[0].name;
  return [
    Plot.lineY(mine, { x: "date", y: "rate", stroke: "name", strokeWidth: 5, ...described(name) }),
    Plot.dot(mine, { x: "date", y: "rate", fill: "name", r: 5.5, stroke: "currentColor", strokeWidth: 1.5, ...described(name) }),
  ];
}

// forcesHighlight: the force's interval, thicker, and its rate ringed.
export function forcesHighlight(data, xMax, name, colour) {
  const mine = data.filter((d) => d.forceName === name);
  if (!mine.length) return [];
  return [
    Plot.ruleY(mine, { y: "forceName", x1: "ci95Low", x2: (d) => Math.min(d.ci95High, xMax), stroke: colour, strokeWidth: 6, ...described(name) }),
    Plot.dot(mine, { y: "forceName", x: "rate", r: 7, fill: "none", stroke: "currentColor", strokeWidth: 2, ...described(name) }),
  ];
}

// funnelHighlight: the force's point ringed and named.
export function funnelHighlight(points, key) {
  const mine = points.filter((p) => p.key === key);
  if (!mine.length) return [];
  const name = mine[0].name;
  return [
    Plot.dot(mine, { x: "n", y: "rate", r: 9, fill: "none", stroke: "currentColor", strokeWidth: 2.5, ...described(name) }),
    Plot.text(mine, { x: "n", y: "rate", text: "name", dy: -16, fontWeight: "bold", fill: "currentColor", ...described(name) }),
  ];
}

// markRow marks the table's row of the force named name (its heading cell
// holds the name).
export function markRow(table, name) {
  for (const tr of table.querySelectorAll("tbody tr")) {
    const th = tr.querySelector("th");
    tr.classList.toggle("highlighted", Boolean(name) && th?.textContent === name);
  }
}
