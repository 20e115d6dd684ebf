// The page's side of the worker protocol: call(type, fields) sends
// {id, type, ...fields} and resolves with the result, or rejects with an
// Error carrying file, line and column when the engine gave them.
const worker = new Worker("worker.js");
const pending = new Map();
let nextId = 1;

worker.onmessage = (event) => {
  const msg = event.data;
  const waiter = pending.get(msg.id);
  if (!waiter) return;
  pending.delete(msg.id);
  if (msg.ok) {
    waiter.resolve(msg.result);
  } else {
    const err = new Error(msg.error.message);
    Object.assign(err, { file: msg.error.file, line: msg.error.line, column: msg.error.column });
    waiter.reject(err);
  }
};

worker.onerror = (event) => {
  const err = new Error(`The engine failed to start: ${event.message || "unknown error"}. Reload the page.`);
  for (const waiter of pending.values()) waiter.reject(err);
  pending.clear();
};

export function call(type, fields = {}, transfer = []) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, type, ...fields }, transfer);
  });
}
