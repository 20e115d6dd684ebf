// Chart export: each chart as SVG, and as PNG at twice its size, with its
// title, subtitle, notes, source line and byline drawn in, the practice-data
// mark where it applies, and its alt text carried as <title> and <desc>.
// The words are edited in the page. Every piece of text is set with
// textContent and written out by XMLSerializer, which escapes it: a force
// name or a title holding HTML stays text, never markup.
import { el, download } from "./dom.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const INSET = 12; // left and right edge of the words, in CSS pixels
export const PNG_SCALE = 2;

// The fields of each chart's export form. Those marked follow the chart are
// written anew whenever it is drawn again (they describe what it shows);
// the others keep what the user typed while the same dataset is viewed, and
// the byline is kept for every dataset.
const fields = [
  { name: "title", label: "Title" },
  { name: "subtitle", label: "Subtitle" },
  { name: "notes", label: "Notes", multiline: true, followsChart: true },
  { name: "source", label: "Source" },
  { name: "byline", label: "Byline", placeholder: "For example: Chart by Jo Bloggs, The Courier", keepAlways: true },
  { name: "alt", label: "Alt text, for readers who cannot see the chart", multiline: true, followsChart: true },
];

const panels = new Map(); // chart name → its form and state

// setUpChartExport makes the export form of one chart in its slot: fields
// for the words, and buttons that save the SVG and the PNG.
export function setUpChartExport(name, container, slot) {
  const panel = { name, container, inputs: {}, edited: new Set(), datasetId: null, mark: "" };
  const grid = el("div", { className: "export-fields" });
  for (const f of fields) {
    const id = `${name}-export-${f.name}`;
    const input = f.multiline ? el("textarea", { id, rows: f.name === "alt" ? 4 : 2 }) : el("input", { id, type: "text" });
    if (f.placeholder) input.placeholder = f.placeholder;
    input.addEventListener("input", () => {
      panel.edited.add(f.name);
      if (f.name === "alt") labelChart(panel);
    });
    panel.inputs[f.name] = input;
    grid.append(el("label", { for: id, className: f.multiline ? "wide" : "" }, f.label, input));
  }
  const status = el("p", { className: "hint export-status", role: "status" });
  const svgButton = el("button", { type: "button", id: `${name}-export-svg` }, "Download SVG");
  const pngButton = el("button", { type: "button", id: `${name}-export-png` }, "Download PNG (2×)");
  const copyButton = el("button", { type: "button", id: `${name}-export-copy-alt` }, "Copy alt text");
  copyButton.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(panel.inputs.alt.value);
      status.textContent = "The alt text is copied.";
    } catch {
      status.textContent = "Could not copy: select the alt text and copy it.";
    }
  });
  svgButton.addEventListener("click", () => saveSVG(panel, status));
  pngButton.addEventListener("click", () => savePNG(panel, status).catch((err) => {
    status.textContent = `Could not make the PNG: ${err.message}`;
  }));
  Object.assign(panel, { svgButton, pngButton, status });
  clearChildren(slot);
  slot.append(el("details", { className: "chart-export" },
    el("summary", {}, "Export this chart: SVG or PNG, with its title, source and alt text"),
    el("p", { className: "hint" }, "The words below are drawn into the exported image. Notes and alt text are written " +
      "anew from the findings when the chart changes; edit them last."),
    grid, el("div", { className: "controls" }, svgButton, pngButton, copyButton), status));
  panels.set(name, panel);
}

function clearChildren(node) {
  node.replaceChildren();
}

// prefillChartExport fills a chart's export form after the chart is drawn:
// words the user has not edited take the given defaults, and the chart's
// accessible name becomes the alt text.
export function prefillChartExport(name, defaults) {
  const panel = panels.get(name);
  if (!panel) return;
  if (panel.datasetId !== defaults.datasetId) {
    panel.datasetId = defaults.datasetId;
    for (const f of fields) if (!f.keepAlways) panel.edited.delete(f.name);
  }
  for (const f of fields) {
    if (f.followsChart) panel.edited.delete(f.name);
    if (!panel.edited.has(f.name)) panel.inputs[f.name].value = defaults[f.name] || "";
  }
  panel.mark = defaults.mark || "";
  const drawn = chartParts(panel.container) !== null;
  panel.svgButton.disabled = !drawn;
  panel.pngButton.disabled = !drawn;
  panel.status.textContent = "";
  labelChart(panel);
}

// labelChart gives the chart in the page the alt text as its accessible name.
function labelChart(panel) {
  const root = panel.container.firstElementChild;
  if (!root || root.tagName === "P") return;
  root.setAttribute("role", "img");
  root.setAttribute("aria-label", panel.inputs.alt.value);
}

function words(panel) {
  const out = {};
  for (const f of fields) out[f.name] = panel.inputs[f.name].value.trim();
  out.mark = panel.mark;
  return out;
}

// chartParts finds what Plot drew in a container: the chart's SVG, its size,
// and the entries of its colour legend when it has one (Plot draws a legend
// as HTML beside the SVG, so the export draws it again in SVG).
function chartParts(container) {
  const root = container.firstElementChild;
  if (!root || root.tagName === "P") return null;
  const svg = root instanceof SVGSVGElement ? root : root.querySelector(":scope > svg");
  if (!svg) return null;
  const width = Number(svg.getAttribute("width")) || svg.getBoundingClientRect().width;
  const height = Number(svg.getAttribute("height")) || svg.getBoundingClientRect().height;
  let legend = [];
  if (root !== svg && typeof root.scale === "function") {
    const color = root.scale("color");
    if (color && color.type === "ordinal" && color.domain && color.range) {
      legend = color.domain.map((d, i) => ({ label: String(d), color: color.range[i % color.range.length] }));
    }
  }
  return { svg, width, height, legend };
}

const measure = document.createElement("canvas").getContext("2d");

// wrap breaks text into lines no wider than width, at spaces, measured in
// the font the image is drawn in. A word longer than a line gets a line.
function wrap(text, font, width) {
  measure.font = font;
  const lines = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && measure.measureText(next).width > width) {
        lines.push(line);
        line = word;
      } else {
        line = next;
      }
    }
    if (line) lines.push(line);
  }
  return lines;
}

function svgNode(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

// Characters that XML 1.0 forbids (most control characters, lone surrogates)
// may come with a name from a file; they would make the SVG unreadable.
const notXML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// buildChartSVG returns the export of a chart as SVG text, with its size.
export function buildChartSVG(name) {
  const panel = panels.get(name);
  const parts = panel && chartParts(panel.container);
  if (!parts) return null;
  const w = words(panel);
  const width = Math.round(parts.width);
  const textWidth = width - 2 * INSET;
  const out = svgNode("svg", { width, role: "img", "aria-labelledby": `${name}-title`, "aria-describedby": `${name}-desc`,
    "font-family": FONT, style: "color: #1b1b1b" });
  out.append(svgNode("title", { id: `${name}-title` }, w.title || "Chart"), svgNode("desc", { id: `${name}-desc` }, w.alt));
  const background = svgNode("rect", { x: 0, y: 0, width, fill: "#fff" });
  out.append(background);
  let y = INSET;
  // block draws wrapped text and moves y down past it.
  const block = (text, size, { weight = "normal", fill = "#1b1b1b", gap = 4 } = {}) => {
    if (!text) return;
    for (const line of wrap(text, `${weight} ${size}px ${FONT}`, textWidth)) {
      y += size * 1.25;
      out.append(svgNode("text", { x: INSET, y: y.toFixed(1), "font-size": size, "font-weight": weight, fill }, line));
    }
    y += gap;
  };
  block(w.title, 20, { weight: "bold" });
  block(w.subtitle, 14, { fill: "#444" });
  if (w.mark) block(`${w.mark.toUpperCase()}: made up for practice, not real figures.`, 13, { weight: "bold", fill: "#8a1c1c" });
  if (parts.legend.length) {
    measure.font = `12px ${FONT}`;
    let x = INSET;
    y += 4;
    for (const entry of parts.legend) {
      const span = 16 + measure.measureText(entry.label).width + 14;
      if (x > INSET && x + span > width - INSET) {
        x = INSET;
        y += 18;
      }
      out.append(svgNode("rect", { x, y, width: 12, height: 12, fill: entry.color }),
        svgNode("text", { x: x + 16, y: y + 10.5, "font-size": 12, fill: "#1b1b1b" }, entry.label));
      x += span;
    }
    y += 18;
  }
  y += 6;
  const chart = parts.svg.cloneNode(true);
  // A tip left open by the pointer is not part of the chart.
  for (const tip of chart.querySelectorAll('[aria-label="tip"]')) tip.remove();
  chart.removeAttribute("role");
  chart.removeAttribute("aria-label");
  chart.removeAttribute("aria-hidden");
  chart.setAttribute("x", "0");
  chart.setAttribute("y", y.toFixed(1));
  // Plot's own style sizes its SVG for a page (height: auto, max-width:
  // 100%); inside another SVG it must keep its drawn size.
  chart.setAttribute("style", `width: ${parts.width}px; height: ${parts.height}px; max-width: none; overflow: visible`);
  out.append(chart);
  y += parts.height + 8;
  block(w.notes, 12, { fill: "#333" });
  block(w.source && !/^source\b/i.test(w.source) ? `Source: ${w.source}` : w.source, 12, { fill: "#555", gap: 0 });
  block(w.byline, 12, { fill: "#555", gap: 0 });
  const height = Math.ceil(y + INSET);
  out.setAttribute("height", height);
  out.setAttribute("viewBox", `0 0 ${width} ${height}`);
  background.setAttribute("height", height);
  const text = new XMLSerializer().serializeToString(out).replace(notXML, "\uFFFD");
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`, width, height };
}

// fileName is the name an export is saved under.
function fileName(panel, ext) {
  return `${panel.name}-chart.${ext}`;
}

function saveSVG(panel, status) {
  const svg = buildChartSVG(panel.name);
  if (!svg) return;
  const name = fileName(panel, "svg");
  download(name, new Blob([svg.text], { type: "image/svg+xml" }));
  status.textContent = `Saved ${name} (${svg.width} × ${svg.height}).`;
}

// savePNG draws the SVG onto a canvas at twice its size, through an image
// loaded from a blob: URL (the page's CSP allows blob: images), and saves
// the canvas as PNG.
async function savePNG(panel, status) {
  const svg = buildChartSVG(panel.name);
  if (!svg) return;
  const png = await pngOf(svg.text, svg.width, svg.height, PNG_SCALE);
  const name = fileName(panel, "png");
  download(name, png);
  status.textContent = `Saved ${name} (${svg.width * PNG_SCALE} × ${svg.height * PNG_SCALE} pixels).`;
}

async function pngOf(svgText, width, height, scale) {
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("the browser could not encode it"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
