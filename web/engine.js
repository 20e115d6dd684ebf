// The page's side of the worker protocol (protocol.js): call(type, fields)
// sends {id, type, ...fields} and resolves with the result, or rejects with
// an Error carrying the engine's code (CODES), and file, line and column when
// the engine gave them. boot.js started the worker early; start one here if
// it did not.
import { CALLS, CODES, codedError } from "./protocol.js";

const worker = window.foiWorker || new Worker("worker.js");
const pending = new Map();
let nextId = 1;
// stopped is the message once the engine can no longer answer: every
// request waiting then, and every later one, rejects with it at once rather
// than waiting for ever.
let stopped = null;

const ENGINE_STOPPED = "The engine stopped; reload the page. Datasets stored earlier are safe.";

// engineHasStopped says whether the engine can no longer answer.
export function engineHasStopped() {
  return stopped !== null;
}

worker.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "stopped") {
    console.error(`The engine's program ended: ${msg.reason || "no reason given"}`);
    failAll(ENGINE_STOPPED);
    return;
  }
  if (msg.type === "answered") {
    // When the engine first answered, after navigation, for the tests' log.
    document.body.dataset.engineReadyMs = String(Math.round(msg.at - performance.timeOrigin));
    return;
  }
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
    waiter.reject(codedError(msg.error.code || CODES.error, msg.error.message, msg.error));
  }
};

// failAll rejects every waiting request, and every later one, with message
// and the code "stopped"; the page hears of it through the
// "foi-engine-stopped" event.
function failAll(message) {
  if (stopped) return;
  stopped = message;
  const err = codedError(CODES.stopped, message);
  for (const waiter of pending.values()) waiter.reject(err);
  pending.clear();
  for (const h of held.values()) h.settle(null);
  window.dispatchEvent(new CustomEvent("foi-engine-stopped", { detail: message }));
}

worker.onerror = (event) => failAll(`The engine failed to start: ${event.message || "unknown error"}. Reload the page.`);

// A terminated worker fires no event at all: its requests would wait for
// ever. terminate is the only way the page's code can stop it, so it says so.
const terminate = worker.terminate.bind(worker);
worker.terminate = () => {
  terminate();
  failAll(ENGINE_STOPPED);
};

// After a Cancel the engine answers within a moment (it looks for a Cancel
// every 50 ms while it reads). If it has not after CANCEL_GRACE_MS, it is
// asked whether it is there at all, and has PING_GRACE_MS to say so. Both
// are generous: once the write has started the engine finishes it without
// looking, and a very large table can hold its thread for tens of seconds.
const CANCEL_GRACE_MS = 30000;
const PING_GRACE_MS = 60000;

function checkAlive() {
  const id = nextId++;
  const timer = setTimeout(() => {
    pending.delete(id);
    failAll(ENGINE_STOPPED);
  }, PING_GRACE_MS);
  pending.set(id, { resolve: () => clearTimeout(timer), reject: () => clearTimeout(timer) });
  worker.postMessage({ id, type: "ping" });
}

// whenEngineIdle runs work that nobody is waiting for (storing a report
// for the next visit, say) once the engine has had nothing to answer for
// IDLE_MS: the worker does one thing at a time, and a file added meanwhile
// would wait behind it. Its failure is only logged: nothing was asked.
const IDLE_MS = 2000;
export function whenEngineIdle(work) {
  let quietSince = performance.now();
  const timer = setInterval(() => {
    if (stopped) return clearInterval(timer);
    if (pending.size > 0) quietSince = performance.now();
    else if (performance.now() - quietSince >= IDLE_MS) {
      clearInterval(timer);
      Promise.resolve().then(work).catch((err) => console.warn("background work of the engine:", err.message));
    }
  }, 250);
}

export function call(type, fields = {}, transfer = []) {
  return start(type, fields, transfer).done;
}

// The view drawn before the engine starts (earlyview.js) is of a dataset the
// engine does not have yet, under a placeholder id. holdFor(placeholder)
// makes every request that names it wait; standIn(placeholder, id) sends
// them, naming the engine's dataset id instead (or, with a null id, fails
// them, saying why). So a control used on that view does its work once the
// engine is ready, not never.
const held = new Map(); // placeholder id → {id: Promise, settle}

export function holdFor(placeholder) {
  let settle;
  const id = new Promise((resolve) => {
    settle = resolve;
  });
  held.set(placeholder, { id, settle });
}

export function standIn(placeholder, id) {
  const h = held.get(placeholder);
  if (!h || h.settled) return;
  h.settled = true;
  h.standsFor = id;
  h.settle(id);
}

// isPlaceholder says whether id is held for a dataset the engine does not
// have yet.
export function isPlaceholder(id) {
  return held.has(id);
}

// datasetFor is the dataset id that id stands for: itself, unless it is a
// placeholder, and then the engine's dataset once known (null if none).
export async function datasetFor(id) {
  const h = held.get(id);
  return h ? h.id : id;
}

// standsFor says whether the dataset id is what the placeholder stands for.
export function standsFor(placeholder, id) {
  const h = held.get(placeholder);
  return Boolean(h && h.settled && h.standsFor === id);
}

// start sends a request that reports its progress: onProgress is called
// with {stage, done, total, rows, file}, and cancel() asks the engine to
// stop, after which done rejects with the code "cancelled".
export function start(type, fields = {}, transfer = [], onProgress = null) {
  const h = held.get(fields.datasetId);
  if (!h) return send(type, fields, transfer, onProgress);
  let sent = null;
  let cancelled = false;
  const done = h.id.then((id) => {
    if (cancelled) throw codedError(CODES.cancelled, "cancelled before the engine was ready; nothing was changed");
    if (stopped) throw codedError(CODES.stopped, stopped);
    if (!id) throw codedError(CODES.error, "the practice data drawn before the engine started could not be loaded into the engine; load it again from the examples");
    sent = send(type, { ...fields, datasetId: id }, transfer, onProgress);
    return sent.done;
  });
  return {
    done,
    cancel() {
      if (sent) sent.cancel();
      else cancelled = true;
    },
  };
}

function send(type, fields, transfer, onProgress) {
  const id = nextId++;
  if (window.foiWorkerError && !stopped) failAll(`The engine failed to start: ${window.foiWorkerError}. Reload the page.`);
  if (stopped) return { done: Promise.reject(codedError(CODES.stopped, stopped)), cancel() {} };
  if (!CALLS[type]) return { done: Promise.reject(codedError(CODES.error, `unknown request type ${type}`)), cancel() {} };
  const done = new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    worker.postMessage({ id, type, ...fields }, transfer);
  });
  const cancel = () => {
    worker.postMessage({ type: "cancel", target: id });
    setTimeout(() => {
      if (pending.has(id) && !stopped) checkAlive();
    }, CANCEL_GRACE_MS);
  };
  return { done, cancel };
}
