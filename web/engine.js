// The page's side of the worker protocol: call(type, fields) sends
// {id, type, ...fields} and resolves with the result, or rejects with an
// Error carrying file, line and column when the engine gave them.
// boot.js started the worker early; start one here if it did not.
const worker = window.foiWorker || new Worker("worker.js");
const pending = new Map();
let nextId = 1;

worker.onmessage = (event) => {
  const msg = event.data;
  const waiter = pending.get(msg.id);
  if (!waiter) return;
  if (msg.progress) {
    if (waiter.onProgress) waiter.onProgress(msg.progress);
    return;
  }
  pending.delete(msg.id);
  if (msg.ok) {
    waiter.resolve(msg.result);
  } else {
    const err = new Error(msg.error.message);
    Object.assign(err, { file: msg.error.file, line: msg.error.line, column: msg.error.column });
    waiter.reject(err);
  }
};

function failAll(message) {
  const err = new Error(`The engine failed to start: ${message}. Reload the page.`);
  for (const waiter of pending.values()) waiter.reject(err);
  pending.clear();
}

worker.onerror = (event) => failAll(event.message || "unknown error");

export function call(type, fields = {}, transfer = []) {
  return start(type, fields, transfer).done;
}

// start sends a request that reports its progress: onProgress is called
// with {stage, done, total, rows, file}, and cancel() asks the engine to
// stop, after which done rejects with a message that nothing was stored.
export function start(type, fields = {}, transfer = [], onProgress = null) {
  const id = nextId++;
  if (window.foiWorkerError) {
    return { done: Promise.reject(new Error(`The engine failed to start: ${window.foiWorkerError}. Reload the page.`)), cancel() {} };
  }
  const done = new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    worker.postMessage({ id, type, ...fields }, transfer);
  });
  return { done, cancel: () => worker.postMessage({ type: "cancel", target: id }) };
}
