// Starts the engine as the very first thing the page does. A classic script,
// because the CSP allows no inline script; engine.js adopts this worker.

// Whether this is a first visit: no database of the app's in this browser.
// Asked before the worker starts, since the engine makes the database as
// soon as it runs; earlyview.js and app.js read the answer.
window.foiFirstVisit = self.indexedDB && indexedDB.databases
  ? indexedDB.databases().then((databases) => !databases.some((d) => d.name === "foi-explorer"), () => false)
  : Promise.resolve(false);

// The module is fetched and compiled here, then handed to the worker: a
// request from the page goes out at once, while the worker's own requests
// (its script, then the module) waited behind the page's scripts and styles
// until about 0.65 s after navigation on a first visit, and the browser
// compiles the module on other threads while the page loads. The worker is
// told at once that a module is coming; when the page cannot give one
// (offline, say), it says so and the worker fetches the module itself,
// falling back to the service worker's copy.
window.foiWorker = new Worker("worker.js");
window.foiWorker.addEventListener("error", (event) => {
  window.foiWorkerError = event.message || "unknown error";
});
window.foiWorker.postMessage({ type: "module", coming: true });
Promise.resolve()
  .then(() => WebAssembly.compileStreaming(fetch("foi.wasm")))
  .then((module) => window.foiWorker.postMessage({ type: "module", module }))
  .catch(() => window.foiWorker.postMessage({ type: "module", module: null }));
