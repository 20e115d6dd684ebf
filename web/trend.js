// The trend panel: which forces to show, the chart of their rates over time
// with the all-forces line, and the table of slopes, trend tests and the
// latest change between periods.
import { drawTrendChart, periodWords } from "./charts.js";
import { formatP } from "./compare.js";
import { el, clear, formatNumber, formatInterval, methodLink } from "./dom.js";
import { prefillChartExport } from "./export.js";
import { exportWords } from "./exportwords.js";
import { state, $ } from "./state.js";
import { writeViewToURL } from "./address.js";
import { renderForcePicker, setUpForcePicker, chosenForces, allForcesChosen, ALL } from "./forcepicker.js";
import { onHighlight, setHighlight, highlightedKey, highlightedName, markRow } from "./highlight.js";

// renderTrendControls lists the forces to choose from (forcepicker.js) and
// takes the highlighted force from the address, if it names one.
export function renderTrendControls(report, restored) {
  renderForcePicker(report, restored);
  if (restored) state.highlight = restored.highlight || null;
}

export function renderTrend() {
  const report = state.results.report;
  const keys = new Set(chosenForces());
  const chosen = report.series.filter((s) => keys.has(s.key));
  const all = allForcesChosen() ? report.series.find((s) => s.key === ALL) : undefined;
  const caption = drawTrendChart($("trend-chart"), chosen, all, report.mark, highlightedKey());
  $("trend-caption").textContent = caption;
  // The chart's alt text says what each line shows, in the engine's words;
  // the export form sets it as the chart's accessible name.
  const alt = [caption, ...chosen.concat(all ? [all] : []).map((s) => s.altText)].join(" ");
  const lines = chosen.concat(all ? [all] : []);
  const shownPeriods = lines.flatMap((s) => s.points.filter((p) => p.rate !== null).map((p) => p.period));
  const span = shownPeriods.length ? `${periodWords(shownPeriods.reduce((a, b) => (a < b ? a : b)))} to ${periodWords(shownPeriods.reduce((a, b) => (a > b ? a : b)))}` : "";
  const plotted = lines.flatMap((s) => s.points.filter((p) => p.rate !== null).map((p) => ({ forceName: s.name, period: p.period })));
  prefillChartExport("trend", exportWords(caption, alt, "Rate per 1,000 over time, with 95% confidence intervals", `over time${span ? `, ${span}` : ""}`, plotted));
  renderTrendTable(chosen.concat(all ? [all] : []));
  markHighlight();
}

// markHighlight marks the highlighted force in the checklist and the
// trend's table, as the charts do.
function markHighlight() {
  const key = highlightedKey();
  for (const li of $("trend-forces-list").children) li.classList.toggle("highlighted", li.dataset.key === key);
  const table = $("trend-table-wrap").querySelector("table");
  if (table) markRow(table, highlightedName());
}

function renderTrendTable(series) {
  const wrap = $("trend-table-wrap");
  clear(wrap);
  if (!series.length) return;
  const table = el("table", { className: "trend-table" },
    el("caption", {}, "Trend per force: slope of the rate per 1,000 per year (weighted least squares, 95% interval)"),
    el("thead", {}, el("tr", {}, ...[["Force"], ["Periods with a rate"], ["Slope per year", "trend", "the slope per year"],
      ["95% interval", "trend", "the slope's interval"], ["Test for trend, all periods", "chi-square", "the test for trend"],
      ["Latest change", "year-on-year", "the change between periods"]].map(([h, anchor, what]) =>
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

// describeChangeOnly names a change by its dates (in words: the engine's
// caveat after it has them so), and calls it year on year only when the
// two periods are of one kind a year apart.
function describeChangeOnly(c) {
  const dates = `${periodWords(c.from)} to ${periodWords(c.to)}`;
  const span = c.yearApart ? `Year on year, ${dates}` : dates;
  if (c.rateChange === null && c.direction) return `${span}: ${c.direction} (${c.reason})`;
  if (c.rateChange === null) return `${span}: ${c.reason || "no figure"}`;
  const pct = c.ratePercent === null ? ` (${c.reason})` : ` (${c.ratePercent >= 0 ? "+" : ""}${formatNumber(c.ratePercent, 1)}%)`;
  return `${span}: ${c.rateChange >= 0 ? "+" : ""}${formatNumber(c.rateChange, 2)} per 1,000${pct}`;
}

export function setUpTrend() {
  setUpForcePicker(() => {
    renderTrend();
    writeViewToURL();
  });
  onHighlight(() => {
    renderTrend();
    writeViewToURL();
  });
  // Escape clears the highlight, wherever the focus is, unless something
  // on the page used the key already (the search box clears itself first).
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.defaultPrevented && state.highlight) setHighlight(null);
  });
}
