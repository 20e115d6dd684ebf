// The import report: how each file was read (encoding, delimiter, header
// line, rows read and kept) with its counts of errors, warnings and notes
// for information; then the notes, a kind of one file once with its count,
// its lines and what to do, filtered by file, severity and kind. The counts
// and groups come from the engine, made from every note (report.noteGroups):
// the page is sent only the first 1,000 notes themselves, and issues.csv has
// every one.
import { el, clear } from "./dom.js";
import { $ } from "./state.js";

const SEVERITIES = ["error", "warning", "info"];
const SEVERITY_WORDS = { error: ["error", "errors"], warning: ["warning", "warnings"], info: ["note for information", "notes for information"] };

// The filters chosen, and the groups of the report drawn. Kept across
// redraws of the same dataset's report (a new method, a name mapped), so
// that a person's filter does not jump back.
const chosen = { file: "", severity: "", code: "", showInfo: false };
let groups = [];

const number = (n) => n.toLocaleString("en-GB");
const counted = (n, [one, many]) => `${number(n)} ${n === 1 ? one : many}`;

function renderFileHealth(report) {
  const list = $("file-health");
  clear(list);
  for (const f of report.files || []) {
    const skipped = f.rowsSkipped ? `, ${f.rowsSkipped} skipped (see below)` : "";
    list.append(el("li", {},
      el("strong", {}, f.file), `: ${f.encoding}, ${f.delimiter}-separated, ${f.lineEndings} line endings; ` +
      `header on line ${f.headerLine}; ${f.rowsRead} row${f.rowsRead === 1 ? "" : "s"} read, ${f.rowsKept} kept${skipped}; ` +
      `${counted(f.errors, SEVERITY_WORDS.error)}, ${counted(f.warnings, SEVERITY_WORDS.warning)}, ` +
      `${counted(f.info ?? 0, SEVERITY_WORDS.info)}.` +
      (f.recognised ? ` Read as ${f.recognised}.` : "")));
  }
}

// groupsOf is the report's groups; a report without them (none is stored
// so, but a bundle opened from an older version may be) is grouped here from
// the notes it was sent.
function groupsOf(report) {
  if (report.noteGroups) return report.noteGroups;
  const byKey = new Map();
  for (const i of report.issues || []) {
    const key = `${i.file}\u0000${i.severity}\u0000${i.code}`;
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { file: i.file, severity: i.severity, code: i.code, count: 0, message: i.message, same: true, lines: [], linesTotal: 0, remedy: "" }));
    g.count++;
    if (i.message !== g.message) g.same = false;
    if (i.line && !g.lines.includes(i.line)) g.lines.push(i.line);
    g.linesTotal = g.lines.length;
  }
  return [...byKey.values()];
}

// linesText says where a group's notes are: "line 4", "lines 4, 9 and 12",
// "lines 4, 9, 12 and 40 more", "the whole file".
export function linesText(lines, total) {
  if (!total) return "the whole file";
  if (total === 1) return `line ${lines[0]}`;
  const shown = lines.slice(0, 3);
  if (total <= 3) return `lines ${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
  return `lines ${shown.join(", ")} and ${number(total - shown.length)} more`;
}

const matches = (g, except = "") =>
  (except === "file" || !chosen.file || g.file === chosen.file) &&
  (except === "severity" || !chosen.severity || g.severity === chosen.severity) &&
  (except === "code" || !chosen.code || g.code === chosen.code);

const sum = (list) => list.reduce((n, g) => n + g.count, 0);

// filters makes the three selects once, before the table: each labelled,
// each a plain select (the keyboard's arrows and type-ahead work as in any
// form), redrawing the table and the other selects' counts on change.
function filters() {
  let box = $("issues-filters");
  if (box) return box;
  box = el("div", { id: "issues-filters", className: "controls issues-filters", role: "group" });
  box.setAttribute("aria-label", "Show the notes of");
  for (const [key, label] of [["file", "File"], ["severity", "Severity"], ["code", "Kind"]]) {
    const select = el("select", { id: `issues-filter-${key}` });
    select.addEventListener("change", () => {
      chosen[key] = select.value;
      draw();
    });
    box.append(el("label", { for: select.id }, `${label} `, select));
  }
  const table = $("issues");
  (table.closest(".table-wrap") || table).before(box);
  return box;
}

// fillSelect sets a filter's options, each with the count of notes it would
// show with the other filters as they are; a choice that no longer exists
// falls back to all.
function fillSelect(key, values, label, allLabel) {
  const select = $(`issues-filter-${key}`);
  const others = groups.filter((g) => matches(g, key));
  const options = [el("option", { value: "" }, `${allLabel} (${number(sum(others))})`)];
  for (const v of values) {
    const n = sum(others.filter((g) => (key === "file" ? g.file : key === "severity" ? g.severity : g.code) === v));
    options.push(el("option", { value: v }, `${label(v)} (${number(n)})`));
  }
  select.replaceChildren(...options);
  if (!values.includes(chosen[key])) chosen[key] = "";
  select.value = chosen[key];
}

function groupRow(g) {
  const message = g.same || g.count === 1 ? g.message : `For example: ${g.message}`;
  const what = g.remedy || (g.severity === "info" ? "Nothing: for information." : "");
  return el("tr", { className: `severity-${g.severity}` },
    el("td", {}, g.file),
    el("td", { className: "severity" }, g.severity === "info" ? "information" : g.severity),
    el("td", {}, el("code", {}, g.code)),
    el("td", { className: "num" }, number(g.count)),
    el("td", { className: "lines" }, linesText(g.lines || [], g.linesTotal || 0)),
    el("td", { className: "note" }, el("p", {}, message),
      what ? el("p", { className: "remedy" }, el("strong", {}, "What to do: "), what) : null));
}

function draw() {
  filters();
  const files = [...new Set(groups.map((g) => g.file))];
  const codes = [...new Set(groups.filter((g) => matches(g, "code")).map((g) => g.code))].sort();
  fillSelect("file", files, (f) => f, "All files");
  fillSelect("severity", SEVERITIES.filter((s) => groups.some((g) => g.severity === s)), (s) => SEVERITY_WORDS[s][1].replace(/^notes for /, ""), "Every severity");
  fillSelect("code", [...new Set([...codes, ...(chosen.code ? [chosen.code] : [])])], (c) => c, "Every kind");

  const shown = groups.filter((g) => matches(g));
  const body = $("issues").tBodies[0];
  clear(body);
  // Notes for information are collapsed behind their count unless asked
  // for: on a typical dataset they are most of the notes, and change no
  // figure.
  const info = shown.filter((g) => g.severity === "info");
  const collapsed = !chosen.showInfo && chosen.severity !== "info";
  for (const g of shown) if (g.severity !== "info") body.append(groupRow(g));
  if (info.length > 0 && chosen.severity !== "info") {
    const toggle = el("button", { type: "button", className: "issues-info-toggle" }, collapsed ? "Show them" : "Hide them");
    toggle.setAttribute("aria-expanded", String(!collapsed));
    toggle.addEventListener("click", () => {
      chosen.showInfo = !chosen.showInfo;
      draw();
      $("issues").querySelector(".issues-info-toggle")?.focus();
    });
    body.append(el("tr", { className: "issues-info-summary" },
      el("td", { colSpan: 6 }, `${counted(sum(info), SEVERITY_WORDS.info)}, in ${counted(info.length, ["kind", "kinds"])}: they change no figure. `, toggle)));
  }
  if (!collapsed) for (const g of info) body.append(groupRow(g));
  $("issues").hidden = shown.length === 0;

  const all = sum(groups);
  const by = SEVERITIES.map((s) => [s, sum(groups.filter((g) => g.severity === s))]).filter(([, n]) => n > 0);
  const filtered = chosen.file || chosen.severity || chosen.code;
  $("issues-summary").textContent = all === 0
    ? "Nothing to report: every row was read."
    : `${counted(all, ["note", "notes"])} from reading the files (${by.map(([s, n]) => counted(n, SEVERITY_WORDS[s])).join(", ")}), ` +
      `each kind of a file shown once with its count and lines; issues.csv lists every one.` +
      (filtered ? ` Shown: ${counted(sum(shown), ["note", "notes"])} in ${counted(shown.length, ["kind", "kinds"])}.` : "");
  $("issues-filters").hidden = all === 0;
}

export function renderIssues(report) {
  renderFileHealth(report);
  groups = groupsOf(report);
  draw();
}
