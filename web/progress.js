// The progress of an import: a bar over the whole import, what stage it is
// at, how many bytes and rows so far, the time left, and a Cancel button.
// The engine reports every 50 ms or so from its worker; the page only draws.
import { formatNumber } from "./dom.js";

const $ = (id) => document.getElementById(id);

// Each stage's share of the bar, from the time each took for a 20 MB file
// in Chromium (make bench): copying the file in is quick, checking the rows
// slowest.
const STAGES = {
  reading: { from: 0, share: 0.05, label: "Reading the file" },
  splitting: { from: 0.05, share: 0.3, label: "Splitting it into rows" },
  checking: { from: 0.35, share: 0.5, label: "Checking each row" },
  storing: { from: 0.85, share: 0.15, label: "Storing the table and working out the results" },
};

// The figures under the bar change at most this often, so that a screen
// reader is not read a new sentence twenty times a second.
const FIGURES_EVERY_MS = 1000;

// withProgress starts an import with begin(onProgress), which returns a
// request from engine.start, and shows its progress until it ends either
// way. files are the File objects. It returns the request's promise.
export function withProgress(files, begin) {
  const box = $("import-progress");
  const bar = $("import-bar");
  const cancel = $("import-cancel");
  const started = performance.now();
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  let shownAt = 0;
  box.hidden = false;
  bar.value = 0;
  $("import-stage").textContent = `Reading ${files.map((f) => f.name).join(", ")}`;
  $("import-figures").textContent = "";
  cancel.disabled = false;
  const onProgress = (p) => {
    const stage = STAGES[p.stage] || STAGES.storing;
    const part = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
    const fraction = stage.from + stage.share * part;
    bar.value = fraction;
    if (!cancel.disabled) $("import-stage").textContent = `${stage.label}${p.file ? ` (${p.file})` : ""}`;
    const now = performance.now();
    if (now - shownAt < FIGURES_EVERY_MS) return;
    shownAt = now;
    $("import-figures").textContent = figures(p, fraction, bytes, (now - started) / 1000);
  };
  const request = begin(onProgress);
  cancel.onclick = () => {
    cancel.disabled = true;
    $("import-stage").textContent = "Cancelling…";
    request.cancel();
  };
  const finish = () => {
    box.hidden = true;
    cancel.onclick = null;
  };
  request.done.then(finish, finish);
  return request.done;
}

// figures is the line under the bar: bytes, rows and the time left, which is
// estimated once a few per cent is done and a second has passed.
function figures(p, fraction, bytes, seconds) {
  const parts = [];
  const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
  if (p.stage === "reading") parts.push(`${mb(p.done)} of ${mb(p.total)} read`);
  else if (p.stage === "splitting") parts.push(`${mb(p.done)} of ${mb(p.total)} split`);
  else parts.push(`${mb(bytes)} read`);
  if (p.rows > 0) parts.push(`${formatNumber(p.rows)} rows`);
  else if (p.stage === "checking") parts.push(`${formatNumber(Math.floor(p.total / 2))} rows`);
  if (fraction > 0.03 && seconds > 1) {
    const left = Math.max(0, Math.round((seconds * (1 - fraction)) / fraction));
    parts.push(left < 60 ? `about ${left} s left` : `about ${Math.round(left / 60)} min left`);
  }
  return parts.join(" · ");
}
