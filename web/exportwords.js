// A chart's export form, filled in from the dataset being viewed.
import { state } from "./state.js";

// exportWords are the words a chart's export starts with:
//   - a title from the measure, the period and the geography ("Missing per
//     1,000 registered offenders, by force, 2018-01-17"), not the dataset's
//     name;
//   - the chart's caption as notes, with the page's caveats that bear on
//     the figures (withheld counts, warnings that changed figures);
//   - a short source line: the published sources of the figures plotted
//     (for the real example), else the dataset's files.
// what says what the chart shows ("by force, 2018-01-17"); plotted, the
// rows it draws, picks the sources.
export function exportWords(caption, alt, subtitle, what = "", plotted = []) {
  const { dataset, report } = state.results;
  const names = new Set(plotted.map((r) => r.forceName));
  const periods = new Set(plotted.map((r) => r.period));
  const all = dataset.sources || [];
  const used = all.filter((s) => names.has(s.area) && periods.has(s.asAt));
  const sources = [...new Set((used.length ? used : all).map((s) => s.source).filter(Boolean))];
  // Readers of the alt text must learn that practice data is made up, as
  // readers of the image do.
  const mark = report.mark;
  if (mark && alt && !alt.toLowerCase().includes(mark.toLowerCase())) alt += ` (${mark[0].toUpperCase()}${mark.slice(1)}: made up for practice, not real figures.)`;
  const per = report.rateWords || "rate per 1,000";
  const title = `${per[0].toUpperCase()}${per.slice(1)}${what ? `, ${what}` : ""}`;
  const caveats = [];
  if (report.withheld) caveats.push(report.withheld);
  const changed = (report.warnings || []).reduce((n, g) => n + g.count, 0);
  if (changed) caveats.push(`The import noted ${changed} warning${changed === 1 ? "" : "s"} that change or leave out figures; see the import report.`);
  const files = dataset.files || [];
  const fileSource = files.length > 3 ? `${files.slice(0, 3).join(", ")} and ${files.length - 3} more files` : files.join(", ");
  return {
    datasetId: dataset.id, mark, title, subtitle, notes: [caption, ...caveats].filter(Boolean).join(" "), alt,
    source: sources.length ? (sources.length > 3 ? `${sources.slice(0, 3).join("; ")}; and ${sources.length - 3} more` : sources.join("; ")) : fileSource,
  };
}
