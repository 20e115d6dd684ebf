// The browser benchmark (make bench): the same File read by Papa Parse in a
// worker and by the engine's worker, each timed from the File to the table
// ready. The results land in window.benchResults for the Go test to print.
const status = document.getElementById("status");

function inWorker(url, message) {
  return new Promise((resolve, reject) => {
    const w = new Worker(url);
    w.onmessage = (e) => { w.terminate(); resolve(e.data); };
    w.onerror = (e) => { w.terminate(); reject(new Error(e.message)); };
    w.postMessage(message);
  });
}

// engineCall talks to worker.js with its {id, type} protocol.
function engineCall(worker, type, fields = {}, transfer = []) {
  return new Promise((resolve, reject) => {
    const id = Math.random();
    const listener = (e) => {
      if (e.data.id !== id) return;
      worker.removeEventListener("message", listener);
      if (e.data.ok) resolve(e.data.result);
      else reject(new Error(e.data.error.message));
    };
    worker.addEventListener("message", listener);
    worker.postMessage({ id, type, ...fields }, transfer);
  });
}

async function run() {
  const blob = await (await fetch("data.csv")).blob();
  const file = new File([blob], "data.csv", { type: "text/csv" });
  const out = { bytes: file.size };

  status.textContent = "Papa Parse…";
  const papa = await inWorker("papa-worker.js", { file });
  if (papa.error) throw new Error(papa.error);
  out.papaMs = papa.ms;
  out.papaRows = papa.rows;

  status.textContent = "Engine…";
  const engine = new Worker("worker.js");
  await engineCall(engine, "listDatasets"); // started and ready
  const started = performance.now();
  const bytes = await file.arrayBuffer();
  const result = await engineCall(engine, "importFiles", { files: [{ name: file.name, bytes }] }, [bytes]);
  out.engineMs = performance.now() - started;
  if (result.errors.length) throw new Error(result.errors[0].message);
  out.engineRows = result.dataset.rows;
  out.wasmBytes = (await engineCall(engine, "engineMemory")).wasmBytes;
  out.jsHeapBytes = performance.memory ? performance.memory.usedJSHeapSize : 0;
  engine.terminate();
  return out;
}

run().then((r) => { window.benchResults = r; status.textContent = "Done"; })
  .catch((err) => { window.benchResults = { error: err.message }; status.textContent = err.message; });
