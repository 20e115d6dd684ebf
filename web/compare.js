// Comparing forces in one period: the funnel plot, the table beside it, and
// the findings in words. Every number and every word about a force comes from
// the engine's report (stats/); this file only draws them.
import { clear, el, formatNumber, methodLink } from "./dom.js";
import { markText, hideParts, periodWords } from "./charts.js";
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
  const marks = [
    Plot.ruleY([funnel.target], { stroke: "currentColor" }),
    limit("low95", "currentColor", null, 1), limit("high95", "currentColor", null, 1),
    limit("low998", "currentColor", null, 2), limit("high998", "currentColor", null, 2),
  ];
  if (useOD) {
    marks.push(limit("odLow95", "#b35806", "6 4", 1), limit("odHigh95", "#b35806", "6 4", 1),
      limit("odLow998", "#b35806", "6 4", 2), limit("odHigh998", "#b35806", "6 4", 2));
  }
  marks.push(Plot.dot(funnel.points, {
    x: "n", y: "rate", r: 4.5, stroke: "currentColor", strokeWidth: 0.8,
    symbol: (d) => flagStyle[d.flag].symbol, fill: (d) => flagStyle[d.flag].fill,
    channels: { Force: "name", "Funnel flag": "flag", "Allowing for overdispersion": "flagOD" },
    tip: { format: { symbol: false, fill: false } },
  }));
  marks.push(...funnelHighlight(funnel.points, highlight));
  marks.push(...markText(mark));
  const chart = Plot.plot({
    width: Math.max(320, Math.min(960, container.clientWidth || 720)),
    height: 400,
    marginLeft: 55,
    x: { type: "log", label: denominatorLabel(), grid: true },
    y: { label: "Rate per 1,000", grid: true, domain: [0, yMax] },
    marks,
  });
  hideParts(chart);
  pickOnClick(chart, (p) => p.key);
  chart.setAttribute("role", "img");
  chart.setAttribute("aria-label", funnel.altText);
  container.append(chart);
  return `Solid lines: 95% (thin) and 99.8% (thick) control limits around the all-forces rate of ${formatNumber(funnel.target, 2)} per 1,000` +
    (useOD ? "; dashed orange lines: the same limits widened for overdispersion." : ".") +
    " Triangles are forces above a limit, squares below, circles within.";
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
