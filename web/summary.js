// The view's summary: its heading, the practice-data mark, the count of
// figures and periods, the published figures the dataset came with (its
// sources) and the claims they support, each with its caveats.
import { el, clear, formatNumber } from "./dom.js";
import { renderFindings } from "./compare.js";
import { $ } from "./state.js";

export function renderSummary(dataset, report) {
  $("view-heading").textContent = `Results: ${dataset.name}`;
  const mark = $("view-mark");
  mark.hidden = !report.mark;
  mark.textContent = report.mark ? `This is ${report.mark}: made up for practice, not real figures.` : "";
  const forces = report.rows.filter((r) => !r.isAggregate && !r.isTotal);
  const totals = report.rows.filter((r) => r.isTotal).length;
  const withRate = forces.filter((r) => r.rate !== null).length;
  const totalsNote = totals ? ` and ${totals} published total${totals === 1 ? "" : "s"} (kept out of the all-forces figure)` : "";
  $("view-summary").textContent =
    `${forces.length} force figure${forces.length === 1 ? "" : "s"}${totalsNote} over ${report.periods.length} period${report.periods.length === 1 ? "" : "s"}; ` +
    `${withRate} with a rate. Interval method: ${report.method === "poisson" ? "Poisson" : "Wilson score"}.` +
    shownNote(report);
  renderWarnings(report);
  renderSources(dataset);
  renderClaims(report);
}

// renderWarnings lists, before any figure, each kind of note that changed a
// figure or left something out, once, with how many there are: the import
// report below has each of them.
function renderWarnings(report) {
  const groups = report.warnings || [];
  const withheld = $("view-withheld");
  withheld.hidden = !report.withheld;
  withheld.textContent = report.withheld || "";
  const list = $("view-warnings-list");
  clear(list);
  for (const g of groups) {
    const where = g.files.length > 1 ? ` (in ${g.files.length} files)` : ` (${g.file}${g.line ? `, line ${g.line}` : ""})`;
    const count = g.count > 1 ? `${formatNumber(g.count, 0)} ${g.severity === "error" ? "errors" : "warnings"} like this: ` : "";
    list.append(el("li", { className: g.severity }, `${count}${g.example}${where}`));
  }
  // Rates whose two counts are of different dates change with the pairing
  // rule: said here, listed in the settings.
  const paired = (report.pairings || []).length;
  if (paired) {
    list.append(el("li", { className: "warning" },
      `${formatNumber(paired, 0)} rate${paired === 1 ? " divides its count by a denominator" : "s divide their counts by denominators"} of another date than the count's. `,
      el("a", { href: "#settings-heading", "data-section": "settings" }, "The settings list each pairing and its rule"), "."));
  }
  $("view-warnings").hidden = groups.length === 0 && !report.withheld && !paired;
}

// renderKeyFindings puts at the top the findings that matter in the period
// shown: the all-forces figure and each force the funnel flags at 99.8%
// (unlikely to be there by chance), each with its Copy button. Every force's
// finding is with the comparison of forces.
export function renderKeyFindings(period, rows) {
  // An all-forces figure of too few forces is no finding to quote.
  const key = rows.filter((r) => r.finding && !r.notQuotable && (r.isAggregate || String(r.funnelFlag || "").includes("99.8%")));
  $("key-findings-section").hidden = key.length === 0;
  $("key-findings-period").textContent = period;
  renderFindings($("key-findings"), key);
}

// shownNote says when the page shows only the latest periods of a long
// series (the engine sends at most 120).
function shownNote(report) {
  if (!report.periodsTotal || report.periodsTotal <= report.periods.length) return "";
  return ` The page shows the latest ${report.periods.length} of ${formatNumber(report.periodsTotal)} periods; ` +
    `results.csv has all ${formatNumber(report.rowsTotal)} rows, and each trend test uses every period. ` +
    "Grouping the dates by month or year (choose the columns, below) gives fewer, larger periods.";
}

function renderSources(dataset) {
  const details = $("view-sources");
  const sources = dataset.sources || [];
  details.hidden = sources.length === 0;
  const body = details.querySelector("tbody");
  clear(body);
  for (const s of sources) {
    const source = s.sourceUrl ? el("a", { href: s.sourceUrl, rel: "noreferrer noopener", target: "_blank" }, s.source) : s.source;
    body.append(el("tr", {},
      el("td", {}, s.area), el("td", {}, s.measure), el("td", { className: "num" }, formatNumber(s.value, 0)),
      el("td", {}, s.asAt), el("td", {}, s.coverage || ""), el("td", {}, source)));
  }
}

function renderClaims(report) {
  const claims = report.claims || [];
  $("claims").hidden = claims.length === 0;
  const list = $("claims-list");
  clear(list);
  for (const c of claims) {
    const caveats = el("ul", {}, ...c.caveats.map((text) => el("li", {}, text)));
    // The sentence to quote has its caveats inside it: copied alone, it is
    // still true.
    const quote = c.quote ? el("p", { className: "quote" }, el("span", {}, `To quote: “${c.quote}”`), " ", copyButton(c.quote)) : null;
    list.append(el("li", {}, el("strong", {}, c.text), caveats, quote));
  }
}

function copyButton(text) {
  const copy = el("button", { type: "button", className: "copy" }, "Copy");
  copy.setAttribute("aria-label", "Copy the sentence to quote");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      copy.textContent = "Copied";
    } catch {
      copy.textContent = "Select the text to copy";
    }
    setTimeout(() => { copy.textContent = "Copy"; }, 2000);
  });
  return copy;
}
