// The line at the foot of the page that shows, rather than claims, that no
// request has left this site since the page loaded. It reads the browser's
// own record of every resource fetched (resource timing): the page's, and the
// engine worker's, which the page cannot see and so asks for. What it cannot
// see is said on the line: the offline copy's service worker keeps its own
// record. The Content-Security-Policy allows none of them another site.
import { call } from "./engine.js";
import { el, clear, formatNumber } from "./dom.js";

// The page's requests by name and start time: the observer's buffered
// entries and getEntriesByType's may be the same requests.
const pageRequests = new Map();
let workerURLs = [];
let workerAnswered = false;

// isThisSite says whether a fetched address is this page's own origin; a
// blob: or data: address never touches the network.
export function isThisSite(url, origin = location.origin) {
  if (url.startsWith("data:")) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

// describeRequests is the line's words for a list of fetched addresses:
// {text, elsewhere}, the addresses that went to another site.
export function describeRequests(urls, origin = location.origin, workerSeen = true) {
  const elsewhere = urls.filter((u) => !isThisSite(u, origin));
  const n = urls.length;
  const whose = workerSeen ? "this page's and its engine's" : "this page's (the engine did not answer)";
  const checked = `checked by your browser's resource timing of ${whose} requests; the offline copy's own fetches are not in it`;
  const count = `Requests since this page loaded: ${formatNumber(n, 0)}`;
  if (elsewhere.length === 0) return { text: `${count}, all to this site (${checked}).`, elsewhere };
  return { text: `${count}, ${formatNumber(elsewhere.length, 0)} of them to another site (${checked}):`, elsewhere };
}

function draw() {
  const line = document.getElementById("request-check");
  if (!line) return;
  const { text, elsewhere } = describeRequests([...pageRequests.values(), ...workerURLs], location.origin, workerAnswered);
  clear(line);
  line.append(text);
  line.classList.toggle("offsite", elsewhere.length > 0);
  if (elsewhere.length) line.append(el("ul", {}, ...elsewhere.map((u) => el("li", {}, u))));
}

let askTimer = 0;
// askWorker refreshes the worker's list a moment after the page fetched
// something, when the worker may have fetched too.
function askWorker() {
  clearTimeout(askTimer);
  askTimer = setTimeout(async () => {
    try {
      workerURLs = await call("resourceEntries");
      workerAnswered = true;
    } catch {
      workerAnswered = false;
    }
    draw();
  }, 500);
}

// watchRequests starts the line: every resource so far, then each new one.
const note = (e) => pageRequests.set(`${e.startTime} ${e.name}`, e.name);

export function watchRequests() {
  for (const e of performance.getEntriesByType("resource")) note(e);
  if (typeof PerformanceObserver !== "undefined") {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) note(e);
      draw();
      askWorker();
    }).observe({ type: "resource", buffered: true });
  }
  draw();
  askWorker();
}
