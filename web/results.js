// The results table: one row per force per period, then the all-forces
// rows, sortable, each statistic's heading linking to its method and each
// rate's tooltip working it through.
import { formatNumber, formatInterval } from "./dom.js";
import { sortableTable } from "./table.js";
import { state, $ } from "./state.js";
import { writeViewToURL } from "./address.js";

const resultColumns = [
  { key: "forceName", label: "Force" },
  { key: "forceCode", label: "Code" },
  { key: "period", label: "Period" },
  { key: "missing", label: "Numerator", numeric: true, digits: 0, text: "missingText" },
  { key: "registered", label: "Denominator", numeric: true, digits: 0, text: "registeredText" },
  { key: "rate", label: "Rate per 1,000", numeric: true, digits: 2, method: "rate", methodName: "the rate per 1,000", title: rateTitle },
  { key: "ci95Low", label: "95% low", numeric: true, digits: 2, interval: "95%" },
  { key: "ci95High", label: "95% high", numeric: true, digits: 2, interval: "95%" },
  { key: "ci998Low", label: "99.8% low", numeric: true, digits: 2, interval: "99.8%" },
  { key: "ci998High", label: "99.8% high", numeric: true, digits: 2, interval: "99.8%" },
  { key: "funnelFlag", label: "Funnel flag", method: "funnel", methodName: "the funnel flag" },
  { key: "funnelFlagOD", label: "Funnel flag (overdispersion)", method: "overdispersion", methodName: "the flag allowing for overdispersion" },
  { key: "comparison", label: "Compared with all forces", method: "comparison", methodName: "the comparison with all forces" },
  { key: "rankText", label: "Rank (95% interval)", method: "rank", methodName: "the rank" },
  { key: "trendDirection", label: "Recent trend", method: "recent-trend", methodName: "the recent trend" },
  { key: "trendP", label: "Trend test p", numeric: true, digits: 3, method: "chi-square", methodName: "the trend test" },
  { key: "note", label: "Note", method: "small-numbers", methodName: "a small-number caution" },
];

// rateTitle works a row's rate through, for the tooltip of its cell.
function rateTitle(row) {
  if (row.rate === null || row.missing === null || row.registered === null) return "";
  const sum = `${formatNumber(row.missing, 0)} ÷ ${formatNumber(row.registered, 0)} × 1,000 = ${formatNumber(row.rate, 2)}`;
  return row.isAggregate ? `All forces: the numerators added up over the denominators added up, ${sum}` : `Rate per 1,000: ${sum}`;
}

export function renderResultsTable(report) {
  // The interval columns link to the method that made them.
  const interval = report.method === "poisson" ? "poisson" : "wilson";
  const name = report.method === "poisson" ? "Poisson" : "Wilson score";
  const columns = resultColumns.map((c) => (c.interval ? {
    ...c, method: interval, methodName: `the ${c.interval} interval`,
    title: (row) => (row.rate === null ? "" : `${name} ${c.interval} interval: ${formatInterval(row[c.interval === "95%" ? "ci95Low" : "ci998Low"], row[c.interval === "95%" ? "ci95High" : "ci998High"], 2)} per 1,000`),
  } : c));
  sortableTable($("results"), columns, report.rows, (row) => (row.isAggregate ? "aggregate" : ""), {
    sort: state.sort,
    onSort: (sort) => {
      state.sort = sort;
      writeViewToURL();
    },
  });
}
