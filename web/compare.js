// Comparing forces in one period: the funnel plot, the table beside it, and
// the findings in words. Every number and every word about a force comes from
// the engine's report (stats/); this file only draws them.
import { clear, el, formatNumber, methodLink } from "./dom.js";
import { markText, hideParts, periodWords, followWidth, tipLineWidth, width as chartWidth } from "./charts.js";
import { funnelHighlight, pickOnClick } from "./highlight.js";
import { state } from "./state.js";

// denominatorLabel names the funnel's axis from the dataset's own measure.
function denominatorLabel() {
  const name = state.results?.report?.measures?.[1];
  return `Denominator${name ? ` (${name})` : ""}, log scale`;
}

// Flags are told apart by shape and by words, never by colour alone; the
// colours are ColorBrewer's RdBu, which colour-blind readers can tell apart,
// and every shape has an outline in the text colour, which reads on both
// themes.
const flagStyle = {
  "high (99.8%)": { symbol: "triangle", fill: "#b2182b", label: "High (99.8%)" },
  "high (95%)": { symbol: "triangle", fill: "#ef8a62", label: "High (95%)" },
  "not significant": { symbol: "circle", fill: "#777", label: "Not significant" },
  "low (95%)": { symbol: "square", fill: "#67a9cf", label: "Low (95%)" },
  "low (99.8%)": { symbol: "square", fill: "#2166ac", label: "Low (99.8%)" },
};
const flagOrder = Object.keys(flagStyle);

// drawFunnelChart draws one period's funnel: each force's rate against its
// denominator, with PHE's 95% and 99.8% limits and, when the forces are
// overdispersed, the limits widened for it. It returns the chart's caption.
export function drawFunnelChart(container, funnel, mark, highlight = null) {
  followWidth(container, () => drawFunnelChart(container, funnel, mark, highlight));
  clear(container);
  if (!funnel || funnel.reason) {
    container.append(el("p", { className: "chart-empty" }, funnel ? `No funnel plot: ${funnel.reason}.` : "No funnel plot for this period."));
    return "";
  }
  if (!funnel.curve.length) {
    container.append(el("p", { className: "chart-empty" }, `The funnel's limits are drawn for the latest 40 periods only; the table below gives each force's flags for ${periodWords(funnel.period)}.`));
    return "";
  }
  const useOD = funnel.odPresent;
  const limit = (key, stroke, dash, width) =>
    Plot.line(funnel.curve, { x: "n", y: key, stroke, strokeDasharray: dash, strokeWidth: width, curve: "monotone-x", clip: true });
  // The limits of the smallest forces run far above every rate: the chart
  // is cut a little above the highest force, so that the rest can be read.
  const yMax = Math.max(...funnel.points.map((p) => p.rate), funnel.target * 2) * 1.25;
  const limits = [
    Plot.ruleY([funnel.target], { stroke: "currentColor" }),
    limit("low95", "currentColor", null, 1), limit("high95", "currentColor", null, 1),
    limit("low998", "currentColor", null, 2), limit("high998", "currentColor", null, 2),
  ];
  if (useOD) {
    limits.push(limit("odLow95", "#b35806", "6 4", 1), limit("odHigh95", "#b35806", "6 4", 1),
      limit("odLow998", "#b35806", "6 4", 2), limit("odHigh998", "#b35806", "6 4", 2));
  }
  const dots = Plot.dot(funnel.points, {
    x: "n", y: "rate", r: 4.5, stroke: "currentColor", strokeWidth: 0.8,
    symbol: (d) => flagStyle[d.flag].symbol, fill: (d) => flagStyle[d.flag].fill,
    // The tip's rows have short names, and not the axes' long labels: a
    // tip wider than the room beside its point is cut off at the edge.
    channels: { Force: "name", Denominator: (d) => formatNumber(d.n, 0), "Rate per 1,000": (d) => formatNumber(d.rate, 2),
      Flag: "flag", "With overdispersion": "flagOD" },
    tip: { format: { x: false, y: false, symbol: false, fill: false }, lineWidth: tipLineWidth(chartWidth(container)) },
  });
  const options = {
    width: chartWidth(container),
    height: 400,
    marginLeft: 55,
    x: { type: "log", label: denominatorLabel(), grid: true },
    y: { label: "Rate per 1,000", grid: true, domain: [0, yMax] },
  };
  // The highlighted force (highlight.js) is drawn over the others.
  const highlighted = funnelHighlight(funnel.points, highlight);
  let chart = Plot.plot({ ...options, marks: [...limits, dots, ...highlighted, ...markText(mark)] });
  // The forces beyond the 99.8% limits are named on the chart, not only in
  // the tip: they are what a reader looks for. Where the names go is worked
  // out in pixels on the chart as drawn, which is then drawn again with them.
  const labels = flaggedLabels(funnel.points, chart.scale("x"), chart.scale("y"), options);
  if (labels.length) {
    const text = (side) => Plot.text(labels.filter((l) => l.side === side), {
      x: "n", y: "labelRate", text: "name", textAnchor: side === "right" ? "start" : "end", dx: side === "right" ? 7 : -7,
      fontSize: 10, fill: "currentColor", stroke: "var(--paper)", strokeWidth: 3, paintOrder: "stroke",
    });
    chart = Plot.plot({ ...options, marks: [
      ...limits,
      // A name moved off its point, so as not to cover another, is tied to
      // it by a faint line.
      Plot.link(labels.filter((l) => l.labelRate !== l.rate), { x1: "n", y1: "rate", x2: "n", y2: "labelRate", stroke: "currentColor", strokeOpacity: 0.4 }),
      dots, ...highlighted, text("right"), text("left"), ...markText(mark),
    ] });
  }
  hideParts(chart);
  pickOnClick(chart, (p) => p.key);
  chart.setAttribute("role", "img");
  chart.setAttribute("aria-label", funnel.altText);
  container.append(chart);
  return `Solid lines: 95% (thin) and 99.8% (thick) control limits around the all-forces rate of ${formatNumber(funnel.target, 2)} per 1,000` +
    (useOD ? "; dashed orange lines: the same limits widened for overdispersion." : ".") +
    " Triangles are forces above a limit, squares below, circles within." +
    (labels.length ? " The forces beyond the 99.8% limits are named." : "");
}

// flaggedLabels places the names of the forces beyond the 99.8% limits:
// right of the point, or left of it when the name would run past the
// chart's right edge, each moved down (or up, near the foot) by a line's
// height until it covers no name placed before it. Names are about 6 px a
// character at Plot's 10 px font; a line is 12 px.
function flaggedLabels(points, x, y, { width, height }) {
  const lineHeight = 12;
  const flagged = points.filter((p) => p.flag === "high (99.8%)" || p.flag === "low (99.8%)")
    .map((p) => ({ ...p, px: x.apply(p.n), py: y.apply(p.rate) }))
    .sort((a, b) => a.py - b.py);
  const placed = [];
  for (const p of flagged) {
    const w = 6 * p.name.length + 8;
    const side = p.px + w > width - 4 ? "left" : "right";
    const left = side === "right" ? p.px : p.px - w;
    const overlaps = (py) => placed.some((q) => Math.abs(q.py - py) < lineHeight && left < q.left + q.w && q.left < left + w);
    let py = p.py;
    for (let step = 1; overlaps(py) && step < 40; step++) {
      const down = p.py + step * lineHeight;
      py = down < height - 40 ? down : p.py - step * lineHeight;
    }
    placed.push({ py, left, w });
    p.side = side;
    p.labelRate = py === p.py ? p.rate : y.invert(py);
  }
  return flagged;
}

// describeOverdispersion says what φ and τ² mean for the funnel, in the
// engine's words (report.OverdispersionWords), the same as its alt text's.
export function describeOverdispersion(funnel) {
  if (!funnel || funnel.reason || funnel.phi === null) return "";
  return funnel.odWords || "";
}

// compareRows are the force rows of one period, with the words a table needs.
function compareRows(rows) {
  return rows.filter((r) => !r.isAggregate).map((r) => ({
    name: r.forceName,
    missing: r.missingText || formatNumber(r.missing, 0),
    registered: r.registeredText || formatNumber(r.registered, 0),
    rate: r.rate === null ? (r.missingText ? "censored" : "–") : formatNumber(r.rate, 2) + (r.small ? " ⚠" : ""),
    flag: r.funnelFlag || "–",
    flagOD: r.funnelFlagOD || "–",
    comparison: r.comparison ? `${r.comparison}${r.comparison998 && r.comparison998 !== r.comparison ? ` (99.8%: ${r.comparison998})` : ""}` : "–",
    rank: r.rankText || "–",
    trend: r.trendDirection ? `${r.trendDirection}${r.trendP === null ? "" : `; trend test p = ${formatP(r.trendP)}`}` : "–",
    sortFlag: flagOrder.indexOf(r.funnelFlag),
  }));
}

export function formatP(p) {
  if (p === null) return "–";
  if (p < 0.001) return "< 0.001";
  return p.toFixed(3);
}

// renderCompareTable fills the accessible table beside the funnel.
export function renderCompareTable(table, rows) {
  // Each heading of a statistic links to its entry on the methods page.
  const head = [["Force"], ["Numerator"], ["Denominator"], ["Rate per 1,000", "rate", "the rate per 1,000"],
    ["Funnel flag", "funnel", "the funnel flag"], ["Allowing for overdispersion", "overdispersion", "the flag allowing for overdispersion"],
    ["Compared with all forces (95%)", "comparison", "the comparison with all forces"], ["Rank (95% interval)", "rank", "the rank"],
    ["Recent trend", "recent-trend", "the recent trend"]];
  clear(table);
  table.append(el("caption", {}, "Each force in this period: where it lies on the funnel, how it compares with all forces, its rank and its recent trend. ⚠ marks a rate resting on fewer than 10 events ",
    methodLink("small-numbers", "a small-number caution"), "."),
    el("thead", {}, el("tr", {}, ...head.map(([h, anchor, what]) => el("th", { scope: "col" }, h, anchor ? " " : "", anchor ? methodLink(anchor, what) : "")))));
  const body = el("tbody");
  const data = compareRows(rows).sort((a, b) => (a.sortFlag - b.sortFlag) || a.name.localeCompare(b.name, "en-GB"));
  for (const r of data) {
    body.append(el("tr", {}, el("th", { scope: "row" }, r.name), el("td", { className: "num" }, r.missing), el("td", { className: "num" }, r.registered),
      el("td", { className: "num" }, r.rate), el("td", {}, r.flag), el("td", {}, r.flagOD), el("td", {}, r.comparison),
      el("td", {}, r.rank), el("td", {}, r.trend)));
  }
  table.append(body);
}

// renderFindings lists the findings of one period, each with a button that
// copies it.
export function renderFindings(list, rows) {
  clear(list);
  const ordered = [...rows].sort((a, b) => (b.isAggregate - a.isAggregate) || a.forceName.localeCompare(b.forceName, "en-GB"));
  for (const r of ordered) {
    if (!r.finding) continue;
    // An aggregate of too few forces is no all-forces figure: its words say
    // so, and it is not offered to quote.
    if (r.notQuotable) {
      list.append(el("li", { className: "aggregate thin" }, el("span", {}, r.finding)));
      continue;
    }
    const copy = el("button", { type: "button", className: "copy" }, "Copy");
    copy.setAttribute("aria-label", `Copy the finding for ${r.forceName}`);
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(r.finding);
        copy.textContent = "Copied";
      } catch {
        copy.textContent = "Select the text to copy";
      }
      setTimeout(() => { copy.textContent = "Copy"; }, 2000);
    });
    list.append(el("li", { className: r.isAggregate ? "aggregate" : "" }, el("span", {}, r.finding), " ", copy));
  }
}
