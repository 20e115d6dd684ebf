// Starts the engine's worker as the very first thing the page does, so that
// the wasm module downloads and compiles while the rest of the page loads.
// engine.js adopts this worker. A classic script, because the CSP allows no
// inline script.
window.foiWorker = new Worker("worker.js");
window.foiWorker.addEventListener("error", (event) => {
  window.foiWorkerError = event.message || "unknown error";
});
