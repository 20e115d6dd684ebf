// The forces of one period: the period to show, the chart of every force's
// rate with its interval, the funnel plot and its overdispersion, and the
// comparison table and findings.
import { drawForcesChart } from "./charts.js";
import { drawFunnelChart, describeOverdispersion, renderCompareTable, renderFindings } from "./compare.js";
import { el, clear, methodLink } from "./dom.js";
import { prefillChartExport } from "./export.js";
import { exportWords } from "./exportwords.js";
import { state, $ } from "./state.js";
import { writeViewToURL } from "./address.js";
import { renderKeyFindings } from "./summary.js";

export function renderPeriodControls(report, restored) {
  const select = $("period-choice");
  const previous = restored || select.value;
  clear(select);
  for (const p of report.periods) select.append(el("option", { value: p }, p));
  // Default to the latest period in which some force has a rate.
  const rated = new Set(report.rows.filter((r) => !r.isAggregate && r.rate !== null).map((r) => r.period));
  const withRates = report.periods.filter((p) => rated.has(p));
  select.value = report.periods.includes(previous) ? previous : (withRates[withRates.length - 1] || report.periods[report.periods.length - 1] || "");
}

export function renderForces() {
  const report = state.results.report;
  const period = $("period-choice").value;
  const rows = report.rows.filter((r) => r.period === period);
  const forcesCaption = drawForcesChart($("forces-chart"), rows, period, report.mark);
  $("forces-caption").textContent = forcesCaption;
  // The alt text is the engine's description of the period's forces.
  const forcesAlt = (report.forcesAltText || [])[report.periods.indexOf(period)] || forcesCaption;
  const shown = rows.filter((r) => !r.isAggregate && !r.isTotal && r.rate !== null);
  prefillChartExport("forces", exportWords(forcesCaption, forcesAlt,
    `Rate per 1,000 in ${period}, with 95% confidence intervals, highest first`, `by force, ${period}`, shown));
  const funnel = (report.funnels || []).find((f) => f.period === period);
  const funnelCaption = drawFunnelChart($("funnel-chart"), funnel, report.mark);
  $("funnel-caption").textContent = funnelCaption;
  prefillChartExport("funnel", exportWords(funnelCaption, funnel ? funnel.altText : "",
    `Funnel plot for ${period}: rate per 1,000 against the denominator, with 95% and 99.8% control limits`, `funnel plot of forces, ${period}`, shown));
  const overdispersion = describeOverdispersion(funnel);
  $("overdispersion").textContent = overdispersion;
  if (overdispersion) $("overdispersion").append(" ", methodLink("overdispersion", "overdispersion"));
  renderCompareTable($("compare-table"), rows);
  renderFindings($("findings"), rows);
  renderKeyFindings(period, rows);
}

export function setUpForces() {
  $("period-choice").addEventListener("change", () => {
    renderForces();
    writeViewToURL();
  });
}
