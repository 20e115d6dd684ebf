// Charts drawn with Observable Plot (loaded as the global Plot, from npm via
// the Makefile). Each function draws into a container and returns a caption
// that says in words what the chart shows.
import { clear, el, formatNumber } from "./dom.js";
import { state } from "./state.js";
import { trendHighlight, forcesHighlight, pickOnClick, keyOfName } from "./highlight.js";

// periodWords is a period as a sentence writes it ("17 January 2018" for
// 2018-01-17), in the engine's words (report.periodWords, cube.Period.Words):
// captions are sentences a reader may quote; tables keep the ISO label.
export function periodWords(label) {
  const report = state.results?.report;
  const i = report?.periods?.indexOf(label) ?? -1;
  return (i >= 0 && report.periodWords?.[i]) || label;
}

// yearToDate turns a decimal year (a period's midpoint) into a Date.
function yearToDate(t) {
  const y = Math.floor(t);
  const start = Date.UTC(y, 0, 1);
  const end = Date.UTC(y + 1, 0, 1);
  return new Date(start + (t - y) * (end - start));
}

function points(series) {
  return series.points
    .filter((p) => p.rate !== null && p.t !== null)
    .map((p) => ({ name: series.name, key: series.key, period: p.period, date: yearToDate(p.t), rate: p.rate, low: p.low, high: p.high }));
}

// Colours that read on the light and the dark theme alike, and that readers
// with any common colour-blindness can tell apart: the first colours of
// Okabe and Ito's palette (Color Universal Design, 2008), then grey. Each
// has a contrast of about 3:1 or more against both backgrounds (WCAG 1.4.11).
// Neutral lines are drawn in currentColor, the text colour of the theme (and
// of the exported image).
export const seriesColours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#767676"];
export const pointColour = "#0072B2";

// markText writes the practice-data mark in a corner of a chart, in the
// text colour and bold: the theme's red would not read on both backgrounds.
export function markText(mark) {
  return mark ? [Plot.text([mark.toUpperCase()], { frameAnchor: "top-right", dy: 4, dx: -4, fill: "currentColor", fontWeight: "bold" })] : [];
}

const sentence = (mark) => (mark ? ` ${mark[0].toUpperCase()}${mark.slice(1)}.` : "");

// hideParts hides from screen readers the parts of a chart that Plot labels
// with its own words ("line", "dot", "rule"), which mean nothing to a reader
// and are not allowed on an SVG group: the chart as a whole has a name.
export function hideParts(chart) {
  for (const g of chart.querySelectorAll("g[aria-label]")) g.setAttribute("aria-hidden", "true");
}

// empty shows a message in place of a chart; the caption stays empty, since
// the message says it all.
function empty(container, message) {
  clear(container);
  container.append(el("p", { className: "chart-empty" }, message));
  return "";
}

// width is the width to draw a chart at: its container's, so that the page
// never scrolls sideways on a phone, but no wider than 960 px, past which a
// line is long to follow by eye; 200 px is the least a chart can be read at.
//
// The container's width is read once and then kept as the ResizeObserver
// below last saw it: reading clientWidth after the page has changed makes the
// browser lay the whole page out there and then, and the view's charts did
// that twice each (about 115 ms of a first visit's main thread, in 31
// layouts). measureWidths reads every chart's container in one go, before
// any is drawn, so that the page is laid out once for all of them.
const seen = new WeakMap(); // container → clientWidth, as last measured
export function width(container) {
  let w = seen.get(container);
  if (w === undefined) {
    w = container.clientWidth;
    // Kept only where the observer will say when it changes.
    if (resizes) seen.set(container, w);
  }
  return Math.max(200, Math.min(960, w || 720));
}

export function measureWidths(containers) {
  for (const c of containers) if (c) width(c);
}

// tipLineWidth is the longest line of a chart's tip, in ems (Plot's unit,
// 20 by default): on a phone a wide tip has nowhere to go and is cut off at
// the chart's edge, so its lines are cut (with …) to half the chart.
export function tipLineWidth(chartWidth) {
  return Math.max(12, Math.min(20, Math.floor(chartWidth / 2 / 6)));
}

// followWidth draws a chart again, with its latest data, when its
// container's width changes (a phone turned, a window resized, a panel
// opened beside it): Plot draws at a fixed width, and an image only scaled
// down has text too small to read. Each container is watched once; the
// redraw waits for the resizing to rest (150 ms), since drawing a chart at
// every step of a drag is wasted work. The redrawn chart keeps the
// accessible name the export form gave the one it replaces.
const redraws = new WeakMap();
const resizes = typeof ResizeObserver === "undefined" ? null : new ResizeObserver((entries) => {
  for (const { target } of entries) {
    // Read here, where the page has just been laid out, it costs nothing.
    seen.set(target, target.clientWidth);
    const r = redraws.get(target);
    if (!r) continue;
    clearTimeout(r.timer);
    r.timer = setTimeout(() => {
      if (width(target) === r.width) return;
      const old = target.firstElementChild;
      const name = old && old.tagName !== "P" ? [old.getAttribute("role"), old.getAttribute("aria-label")] : null;
      r.draw();
      const root = target.firstElementChild;
      if (name && name[1] && root && root.tagName !== "P") {
        root.setAttribute("role", name[0] || "img");
        root.setAttribute("aria-label", name[1]);
      }
    }, 150);
  }
});

export function followWidth(container, draw) {
  const known = redraws.get(container);
  if (known) clearTimeout(known.timer);
  else resizes?.observe(container);
  redraws.set(container, { draw, width: width(container), timer: 0 });
}

// drawTrendChart: the rate per 1,000 of each chosen force over the periods,
// with its 95% interval as a band, and all forces as a dashed line.
export function drawTrendChart(container, chosen, all, mark, highlight = null) {
  followWidth(container, () => drawTrendChart(container, chosen, all, mark, highlight));
  const data = chosen.flatMap(points);
  const allData = all ? points(all) : [];
  const periods = new Set(data.concat(allData).map((d) => d.period));
  if (periods.size < 2) {
    return empty(container, "No trend to draw: a trend needs figures in at least two periods. The chart below compares forces in one period.");
  }
  if (data.length === 0 && allData.length < 2) {
    return empty(container, "No trend to draw: none of the chosen forces has both figures in any period. Choose others in the list.");
  }
  // Where the all-forces line rests on another set of forces than the point
  // before it, the chart says so at that point: part of such a change may
  // be forces added or lost.
  const coverageChanges = all ? (all.yearOnYear || []).filter((c) => c.caveat).map((c) => allData.find((d) => d.period === c.to)).filter(Boolean) : [];
  const chart = Plot.plot({
    width: width(container),
    height: 360,
    marginLeft: 50,
    // Ticks of months are two lines ("Jan" over "2018"): the axis label
    // goes below them, centred, not at the end where the last tick is.
    marginBottom: 52,
    x: { type: "utc", label: "Period (midpoint)", labelAnchor: "center", labelOffset: 46 },
    y: { label: "Rate per 1,000", grid: true, zero: true },
    color: { legend: true, range: seriesColours },
    marks: [
      Plot.areaY(data, { x: "date", y1: "low", y2: "high", fill: "name", z: "name", fillOpacity: 0.15, curve: "linear" }),
      Plot.lineY(allData, { x: "date", y: "rate", stroke: "currentColor", strokeDasharray: "5 4", strokeWidth: 1.5 }),
      Plot.dot(coverageChanges, { x: "date", y: "rate", symbol: "diamond", stroke: "currentColor", fill: "none", r: 5 }),
      Plot.text(coverageChanges, { x: "date", y: "rate", text: () => "forces change", dy: -10, fontSize: 10 }),
      // z named, not implied by the colour: a force with one period is a
      // series of one point, and Plot warns when most series are that.
      Plot.lineY(data, { x: "date", y: "rate", stroke: "name", z: "name", strokeWidth: 2 }),
      Plot.dot(data, {
        x: "date", y: "rate", fill: "name", r: 3.5,
        channels: { Force: "name", Period: "period", "95% interval": (d) => `${formatNumber(d.low, 2)} to ${formatNumber(d.high, 2)}` },
        tip: { format: { x: false, fill: false }, lineWidth: tipLineWidth(container.clientWidth) },
      }),
      ...trendHighlight(data, highlight),
      ...markText(mark),
    ],
  });
  pickOnClick(chart, (d) => d.key);
  // With a legend, Plot wraps the chart in a figure, which takes the chart's
  // accessible name; the SVG inside is hidden from screen readers, whose
  // parts Plot labels in words ("line", "dot") that mean nothing to them.
  for (const svg of chart.querySelectorAll("svg")) svg.setAttribute("aria-hidden", "true");
  hideParts(chart);
  clear(container);
  container.append(chart);
  const names = chosen.map((s) => s.name).join(", ") || "no force chosen";
  return `Rate per 1,000 over time for ${names}, each with its 95% confidence interval as a band` +
    `${allData.length ? "; the dashed line is all forces together" : ""}` +
    `${coverageChanges.length ? `, and a diamond marks each period where it rests on other forces than the period before (${coverageChanges.map((d) => periodWords(d.period)).join(", ")})` : ""}.${sentence(mark)}`;
}

// drawForcesChart: each force's rate in one period with its 95% interval,
// sorted, against the all-forces rate.
export function drawForcesChart(container, rows, period, mark, highlight = null) {
  followWidth(container, () => drawForcesChart(container, rows, period, mark, highlight));
  // The tip names the counts as the dataset does ("Fired", "Total uses").
  const measures = state.results?.report?.measures || [];
  // Forces only: a published total or region is not one of them.
  const data = rows.filter((r) => !r.isAggregate && !r.isTotal && r.rate !== null);
  const aggregate = rows.find((r) => r.isAggregate && r.rate !== null);
  if (data.length === 0) {
    return empty(container, `No force has both figures for ${period ? periodWords(period) : "this period"}, so there is no rate to compare.`);
  }
  const highest = Math.max(...data.map((d) => d.rate), aggregate ? aggregate.rate : 0);
  const xMax = Math.min(Math.max(...data.map((d) => d.ci95High)), highest * 2) || 1;
  const cut = data.filter((d) => d.ci95High > xMax).map((d) => d.forceName);
  const w = width(container);
  // Names are cut (with …) past 40 characters, or past what fits in under
  // half of a narrow chart, so that a phone still has room for the rates.
  const nameChars = Math.max(12, Math.min(40, Math.floor((w * 0.45 - 14) / 6.5)));
  const chart = Plot.plot({
    width: w,
    height: Math.max(120, 50 + 18 * data.length),
    // Room for the longest name (about 6.5 px a character at Plot's 10 px
    // font), so that no name runs off the image.
    marginLeft: Math.min(280, Math.max(Math.min(110, 14 + 6.5 * nameChars), 14 + 6.5 * Math.max(...data.map((d) => Math.min(nameChars, d.forceName.length))))),
    // A small force's interval can run far past every rate: the axis stops
    // a little beyond the highest rate, and longer intervals are cut there.
    x: { label: "Rate per 1,000 (95% interval)", grid: true, domain: [0, xMax] },
    y: { label: null, domain: [...data].sort((a, b) => b.rate - a.rate).map((d) => d.forceName),
      tickFormat: (name) => (name.length > nameChars ? `${name.slice(0, nameChars - 1)}…` : name) },
    marks: [
      aggregate ? Plot.ruleX([aggregate.rate], { stroke: "currentColor", strokeDasharray: "5 4" }) : null,
      Plot.ruleY(data, { y: "forceName", x1: "ci95Low", x2: (d) => Math.min(d.ci95High, xMax), stroke: pointColour, strokeWidth: 2 }),
      Plot.dot(data, {
        y: "forceName", x: "rate", fill: pointColour, r: 3.5,
        // The tip names its rows in short words (not the axes' long labels
        // or the field's name), and opens below the point: above the top
        // force it would be cut off at the chart's edge.
        channels: { Force: "forceName", "Rate per 1,000": (d) => formatNumber(d.rate, 2),
          [measures[0] || "Numerator"]: "missing", [measures[1] || "Denominator"]: "registered", "95% interval": (d) => `${formatNumber(d.ci95Low, 2)} to ${formatNumber(d.ci95High, 2)}` },
        tip: { format: { x: false, y: false }, preferredAnchor: "top", lineWidth: tipLineWidth(w) },
      }),
      ...forcesHighlight(data, xMax, highlight, pointColour),
      ...markText(mark),
    ].filter(Boolean),
  });
  pickOnClick(chart, (d) => keyOfName(d.forceName));
  hideParts(chart);
  clear(container);
  container.append(chart);
  const agg = aggregate ? ` The dashed line is all forces together: ${formatNumber(aggregate.rate, 2)} per 1,000.` : "";
  const cutNote = cut.length ? ` The intervals of ${cut.join(", ")} run past the edge of the chart (see the table).` : "";
  return `Rate per 1,000, ${periodWords(period)}, for ${data.length} force${data.length === 1 ? "" : "s"}, highest first, each with its 95% interval.${agg}${cutNote}${sentence(mark)}`;
}
