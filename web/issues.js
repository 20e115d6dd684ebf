// What reading the files found: each file's health (encoding, delimiter,
// header line, rows read and kept) and every issue noted, with its line and
// column.
import { el, clear } from "./dom.js";
import { $ } from "./state.js";

function renderFileHealth(report) {
  const list = $("file-health");
  clear(list);
  for (const f of report.files || []) {
    const skipped = f.rowsSkipped ? `, ${f.rowsSkipped} skipped (see below)` : "";
    list.append(el("li", {},
      el("strong", {}, f.file), `: ${f.encoding}, ${f.delimiter}-separated, ${f.lineEndings} line endings; ` +
      `header on line ${f.headerLine}; ${f.rowsRead} row${f.rowsRead === 1 ? "" : "s"} read, ${f.rowsKept} kept${skipped}; ` +
      `${f.errors} error${f.errors === 1 ? "" : "s"}, ${f.warnings} warning${f.warnings === 1 ? "" : "s"}.` +
      (f.recognised ? ` Read as ${f.recognised}.` : "")));
  }
}

export function renderIssues(report) {
  renderFileHealth(report);
  const body = $("issues").tBodies[0];
  clear(body);
  const issues = report.issues || [];
  const total = report.issuesTotal ?? issues.length;
  const listed = total > issues.length ? ` The first ${issues.length.toLocaleString("en-GB")} are listed here; issues.csv has every one.` : "";
  $("issues-summary").textContent = issues.length
    ? `${total.toLocaleString("en-GB")} note${total === 1 ? "" : "s"} from reading the file: rows skipped, values not understood, names not matched.${listed}`
    : "Nothing to report: every row was read.";
  $("issues").hidden = issues.length === 0;
  for (const i of issues) {
    body.append(el("tr", { className: `severity-${i.severity}` },
      el("td", {}, i.file), el("td", { className: "num" }, i.line ? String(i.line) : ""),
      el("td", { className: "num" }, i.column ? String(i.column) : ""), el("td", {}, i.severity), el("td", {}, i.message)));
  }
}
