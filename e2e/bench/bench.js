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

// engineCall talks to worker.js with its {id, type} protocol; progress
// messages are counted, as the page would draw them.
function engineCall(worker, type, fields = {}, transfer = []) {
  return new Promise((resolve, reject) => {
    const id = Math.random();
    const listener = (e) => {
      if (e.data.id !== id) return;
      if (e.data.progress) {
        progressMessages++;
        return;
      }
      worker.removeEventListener("message", listener);
      if (e.data.ok) resolve(e.data.result);
      else reject(new Error(e.data.error.message));
    };
    worker.addEventListener("message", listener);
    worker.postMessage({ id, type, ...fields }, transfer);
  });
}
let progressMessages = 0;

// The main thread's long tasks (over 50 ms), as the Long Tasks API reports
// them: during an import the page must stay responsive.
const longTasks = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: "longtask" });

// typicalCSV is issue 6's results benchmark: 43 forces over 20 years.
function typicalCSV() {
  const lines = ["Force,Year,Missing,Registered"];
  const forces = ["Avon and Somerset", "Bedfordshire", "Cambridgeshire", "Cheshire", "City of London", "Cleveland", "Cumbria",
    "Derbyshire", "Devon and Cornwall", "Dorset", "Durham", "Dyfed-Powys", "Essex", "Gloucestershire", "Greater Manchester",
    "Gwent", "Hampshire", "Hertfordshire", "Humberside", "Kent", "Lancashire", "Leicestershire", "Lincolnshire", "Merseyside",
    "Metropolitan Police", "Norfolk", "North Wales", "North Yorkshire", "Northamptonshire", "Northumbria", "Nottinghamshire",
    "South Wales", "South Yorkshire", "Staffordshire", "Suffolk", "Surrey", "Sussex", "Thames Valley", "Warwickshire",
    "West Mercia", "West Midlands", "West Yorkshire", "Wiltshire"];
  forces.forEach((f, i) => {
    for (let y = 2004; y < 2024; y++) lines.push(`${f},${y},${3 + ((i * 7 + y) % 17)},${600 + 37 * i + 11 * (y - 2004)}`);
  });
  return new File([lines.join("\n") + "\n"], "typical-43x20.csv", { type: "text/csv" });
}

const RESULTS_MAX_ROWS = 1_100_000;

async function timed(f) {
  const started = performance.now();
  const value = await f();
  return [performance.now() - started, value];
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
  let engine = new Worker("worker.js");
  await engineCall(engine, "listDatasets"); // started and ready
  longTasks.length = 0;
  // As the app does: the worker reads the File in slices.
  const [importMs, result] = await timed(() => engineCall(engine, "importFiles", { files: [{ name: file.name, file }] }));
  out.engineMs = importMs;
  out.longTasks = [...longTasks];
  out.progressMessages = progressMessages;
  if (result.errors.length) throw new Error(result.errors[0].message);
  out.engineRows = result.dataset.rows;
  out.wasmBytes = (await engineCall(engine, "engineMemory")).wasmBytes;
  out.jsHeapBytes = performance.memory ? performance.memory.usedJSHeapSize : 0;
  // Results of a file past a million rows of distinct figures would need
  // more memory than wasm has (each figure is worked out in full for
  // results.csv); they are measured up to that size.
  if (out.engineRows > RESULTS_MAX_ROWS) {
    await engineCall(engine, "deleteAll");
    engine.terminate();
    return out;
  }
  [out.resultsMs] = await timed(() => engineCall(engine, "results", { datasetId: result.dataset.id }));

  status.textContent = "Reload…";
  // A reload: a new engine reads the stored table, not the CSV.
  engine.terminate();
  engine = new Worker("worker.js");
  await engineCall(engine, "listDatasets");
  status.textContent = "Reload: results…";
  [out.reloadResultsMs] = await timed(() => engineCall(engine, "results", { datasetId: result.dataset.id }));

  status.textContent = "43 forces × 20 years…";
  const typical = await engineCall(engine, "importFiles", { files: [{ name: "typical-43x20.csv", file: typicalCSV() }] });
  const times = [];
  for (let i = 0; i < 5; i++) times.push((await timed(() => engineCall(engine, "results", { datasetId: typical.dataset.id })))[0]);
  out.typicalResultsMs = times;
  await engineCall(engine, "deleteAll");
  engine.terminate();
  return out;
}
run().then((r) => { window.benchResults = r; status.textContent = "Done"; })
  .catch((err) => { window.benchResults = { error: err.message }; status.textContent = err.message; });
