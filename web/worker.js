// The engine's Web Worker: it runs the Go module (foi.wasm) so that reading a
// large file never freezes the page. Messages: {id, type, ...} in,
// {id, ok, result | error} out. The Go functions live on globalThis.foi.
importScripts("wasm_exec.js");

const go = new Go();
// The last lines the Go program wrote (wasm_exec.js writes them with
// console.log): when it ends, they say why ("fatal error: out of memory").
const lastLines = [];
const consoleLog = console.log.bind(console);
console.log = (...args) => {
  lastLines.push(args.join(" "));
  if (lastLines.length > 500) lastLines.shift(); // a stack trace follows the reason
  consoleLog(...args);
};
let memory = null; // the module's linear memory, for the benchmark's report
// The module comes from the network (the browser's HTTP cache, usually);
// offline, from the copy the service worker keeps.
async function moduleResponse() {
  try {
    const response = await fetch("foi.wasm");
    if (response.ok) return response;
    throw new Error(`foi.wasm: ${response.status}`);
  } catch (err) {
    const cached = self.caches && (await caches.match("foi.wasm", { ignoreSearch: true }));
    if (cached) return cached;
    throw err;
  }
}

const ready = WebAssembly.instantiateStreaming(moduleResponse(), go.importObject)
  .then(({ instance }) => {
    memory = instance.exports.mem;
    // go.run resolves only if the Go program exits, which it never should:
    // a fatal error (out of memory, say) ends it, and then no request would
    // ever be answered. The page is told, and says so.
    go.run(instance).finally(() => {
      const reason = lastLines.find((l) => /^(fatal error|panic|runtime: )/.test(l)) || lastLines[lastLines.length - 1] || "";
      self.postMessage({ type: "stopped", reason });
    });
  });

// Requests the page has asked to stop (by id); a long import checks it
// between chunks and whenever the engine reports progress.
const cancelled = new Set();

// UPLOAD_CHUNK is how much of a File is read at a time: large enough that
// the calls cost nothing, small enough that the worker never holds a second
// copy of a large file.
const UPLOAD_CHUNK = 8 << 20;

// progressOf returns the function the engine calls with (stage, done, total,
// rows): it passes the figures to the page and says whether to go on.
function progressOf(id, file) {
  return (stage, done, total, rows) => {
    self.postMessage({ id, progress: { stage, done, total, rows, file } });
    return !cancelled.has(id);
  };
}

// upload copies a File into the engine a chunk at a time and returns the
// engine's handle for it; Cancel stops it between chunks.
async function upload(id, file) {
  const report = progressOf(id, file.name);
  const handle = await foi.beginUpload(file.size);
  if (handle === 0) return 0; // too large to read: the engine says so
  try {
    for (let at = 0; at < file.size; at += UPLOAD_CHUNK) {
      if (cancelled.has(id)) throw new Error(`${file.name}: the import was cancelled; nothing was stored`);
      const chunk = new Uint8Array(await file.slice(at, at + UPLOAD_CHUNK).arrayBuffer());
      await foi.appendUpload(handle, chunk);
      report("reading", Math.min(at + UPLOAD_CHUNK, file.size), file.size, 0);
    }
  } catch (err) {
    foi.dropUpload(handle);
    throw err;
  }
  return handle;
}

// filesFor turns the page's files — a File to read here, or bytes already
// read — into what the engine takes, copying Files in by chunks.
async function filesFor(id, files) {
  const out = [];
  try {
    for (const f of files) {
      const mapping = f.mapping ? JSON.stringify(f.mapping) : undefined;
      if (f.file) {
        const handle = await upload(id, f.file);
        out.push(handle === 0 ? { name: f.name, tooLarge: true } : { name: f.name, upload: handle, mapping });
      } else {
        out.push({ name: f.name, bytes: new Uint8Array(f.bytes), mapping });
      }
    }
  } catch (err) {
    for (const f of out) if (f.upload) foi.dropUpload(f.upload);
    throw err;
  }
  return out;
}

// Each request type maps to one Go function. JSON text from Go is parsed here
// so that the page receives plain objects.
const handlers = {
  importFiles: async (m) =>
    JSON.parse(await foi.importFiles(await filesFor(m.id, m.files), m.origin || "file", progressOf(m.id, m.files.length === 1 ? m.files[0].name : ""))),
  addFiles: async (m) =>
    JSON.parse(await foi.addFiles(m.datasetId, await filesFor(m.id, m.files), progressOf(m.id, m.files.length === 1 ? m.files[0].name : ""))),
  previewFile: (m) => foi.previewFile(m.name, new Uint8Array(m.bytes), m.headerLine || 0).then(JSON.parse),
  setNameMap: (m) => foi.setNameMap(m.datasetId, JSON.stringify(m.names)).then(JSON.parse),
  listForces: () => foi.listForces().then(JSON.parse),
  remapFile: (m) => foi.remapFile(m.datasetId, m.file, JSON.stringify(m.mapping)).then(JSON.parse),
  setPairingRule: (m) => foi.setPairingRule(m.datasetId, m.rule).then(JSON.parse),
  setValues: (m) => foi.setValues(m.datasetId, m.file, m.values).then(JSON.parse),
  loadExample: (m) => foi.loadExample(m.which).then(JSON.parse),
  listDatasets: () => foi.listDatasets().then(JSON.parse),
  renameDataset: (m) => foi.renameDataset(m.datasetId, m.name),
  deleteDataset: (m) => foi.deleteDataset(m.datasetId),
  deleteAll: () => foi.deleteAll(),
  results: (m) => foi.results(m.datasetId).then(JSON.parse),
  exportResultsCSV: (m) => foi.exportResultsCSV(m.datasetId),
  exportIssuesCSV: (m) => foi.exportIssuesCSV(m.datasetId),
  exportResultsJSON: (m) => foi.exportResultsJSON(m.datasetId),
  originalFiles: (m) => foi.originalFiles(m.datasetId),
  exportBundle: (m) => foi.exportBundle(m.datasetId),
  openBundle: async (m) => JSON.parse(await foi.openBundle(await filesFor(m.id, [{ name: m.file.name, file: m.file }]))),
  getSettings: () => foi.getSettings().then(JSON.parse),
  setSettings: (m) => foi.setSettings(JSON.stringify(m.settings)).then(JSON.parse),
  storageStatus: () => foi.storageStatus().then(JSON.parse),
  // The size of the module's linear memory: it only grows, so after an
  // import it is the peak that import needed.
  engineMemory: () => ({ wasmBytes: memory ? memory.buffer.byteLength : 0 }),
  // The addresses this worker has fetched (wasm_exec.js, foi.wasm): the
  // page's resource timing does not see a worker's requests, and the page
  // shows that none went to another site.
  resourceEntries: () => performance.getEntriesByType("resource").map((e) => e.name),
};

self.onmessage = async (event) => {
  const { id, type } = event.data;
  if (type === "cancel") {
    cancelled.add(event.data.target);
    return;
  }
  if (type === "ping") {
    self.postMessage({ id, ok: true, result: "here" });
    return;
  }
  try {
    await ready;
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request type ${type}`);
    if (typeof foi === "undefined") throw new Error("the engine has stopped; reload the page");
    const result = await handler(event.data);
    self.postMessage({ id, ok: true, result });
  } catch (err) {
    self.postMessage({ id, ok: false, error: describe(err) });
  } finally {
    cancelled.delete(id);
  }
};

function describe(err) {
  if (err instanceof Error) {
    return { message: err.message, file: err.file, line: err.line, column: err.column };
  }
  return { message: String(err) };
}
