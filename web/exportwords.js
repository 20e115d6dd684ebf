// A chart's export form, filled in from the dataset being viewed.
import { state } from "./state.js";

// exportWords are the words a chart's export starts with: the dataset's
// name as title, the chart's caption as notes, and its sources (else its
// files) as the source line.
export function exportWords(caption, alt, subtitle) {
  const { dataset, report } = state.results;
  const sources = [...new Set((dataset.sources || []).map((s) => s.source).filter(Boolean))];
  // Readers of the alt text must learn that practice data is made up, as
  // readers of the image do.
  const mark = report.mark;
  if (mark && alt && !alt.toLowerCase().includes(mark.toLowerCase())) alt += ` (${mark[0].toUpperCase()}${mark.slice(1)}: made up for practice, not real figures.)`;
  return {
    datasetId: dataset.id, mark, title: dataset.name, subtitle, notes: caption, alt,
    source: sources.length ? sources.join("; ") : (dataset.files || []).join(", "),
  };
}
