// Starts the engine's worker as the very first thing the page does, so that
// the wasm module downloads and compiles while the rest of the page loads.
// engine.js adopts this worker. A classic script, because the CSP allows no
// inline script. (Fetching and compiling the module here and handing it to
// the worker was tried: the page's own work then started about 0.3 s later,
// the early view with it, and the engine was ready no sooner.)

// Whether this is a first visit: no database of the app's in this browser.
// Asked before the worker starts, since the engine makes the database as
// soon as it runs; earlyview.js and app.js read the answer.
window.foiFirstVisit = self.indexedDB && indexedDB.databases
  ? indexedDB.databases().then((databases) => !databases.some((d) => d.name === "foi-explorer"), () => false)
  : Promise.resolve(false);

window.foiWorker = new Worker("worker.js");
window.foiWorker.addEventListener("error", (event) => {
  window.foiWorkerError = event.message || "unknown error";
});
