// The engine's Web Worker: it runs the Go module (foi.wasm) so that reading a
// large file never freezes the page. The messages and the calls are those of
// protocol.js; the Go functions live on globalThis.foi. A classic worker (for
// importScripts), so the protocol module is loaded with import().
importScripts("wasm_exec.js");
const protocol = import("./protocol.js");

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

// answered is set once the engine has answered a request: the page is told
// when, for the tests' and the benchmarks' logs.
let answered = false;

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
      if (cancelled.has(id)) {
        const { CODES, codedError } = await protocol;
        throw codedError(CODES.cancelled, `${file.name}: the import was cancelled; nothing was stored`);
      }
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

// The calls the worker answers itself (protocol.js marks them worker: true).
const workerCalls = {
  engineMemory: () => ({ wasmBytes: memory ? memory.buffer.byteLength : 0 }),
  resourceEntries: () => performance.getEntriesByType("resource").map((e) => e.name),
  ping: () => "here",
};

// argsFor turns a request's fields into the Go function's arguments, in the
// order and the kinds protocol.js gives.
async function argsFor(spec, m) {
  const args = [];
  for (const arg of spec.args) {
    const [name, kind] = arg.split(":");
    const value = m[name];
    if (name === "progress") args.push(progressOf(m.id, m.files?.length === 1 ? m.files[0].name : ""));
    else if (kind === "int") args.push(value || 0);
    else if (kind === "json") args.push(JSON.stringify(value));
    else if (kind === "bytes") args.push(new Uint8Array(value));
    else if (kind === "files") args.push(await filesFor(m.id, value));
    else args.push(value);
  }
  return args;
}

self.onmessage = async (event) => {
  const { id, type } = event.data;
  if (type === "cancel") {
    cancelled.add(event.data.target);
    return;
  }
  // A ping is answered at once, whatever the engine is doing: it asks
  // whether the worker's thread is free at all.
  if (type === "ping") {
    self.postMessage({ id, ok: true, result: workerCalls.ping() });
    return;
  }
  try {
    const { CALLS, CODES, codedError, decode } = await protocol;
    const spec = CALLS[type];
    if (!spec) throw codedError(CODES.error, `unknown request type ${type}`);
    await ready;
    let result;
    if (spec.worker) {
      result = workerCalls[type](event.data);
    } else {
      if (typeof foi === "undefined") throw codedError(CODES.stopped, "the engine has stopped; reload the page");
      result = await foi[type](...(await argsFor(spec, event.data)));
      if (spec.result) result = decode(result, spec.result === "list");
      if (!answered) {
        answered = true;
        self.postMessage({ type: "answered", at: performance.timeOrigin + performance.now() });
      }
    }
    self.postMessage({ id, ok: true, result });
  } catch (err) {
    self.postMessage({ id, ok: false, error: describe(err) });
  } finally {
    cancelled.delete(id);
  }
};

// describe is an error as the reply carries it: a code (Go sets one on its
// errors), the message, and where in a file when known.
function describe(err) {
  if (err instanceof Error) {
    return { code: err.code || "error", message: err.message, file: err.file, line: err.line, column: err.column };
  }
  return { code: "error", message: String(err) };
}
