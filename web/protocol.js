// The engine's protocol, written once. The page's client (engine.js) and the
// worker (worker.js) both read this list; adding a call is one line here and
// its Go function in the table of wasm/api.go, of the same name.
//
//   request   {id, type, ...fields}                       page → worker
//   progress  {id, progress: {stage, done, total, rows, file}}  worker → page
//   reply     {id, ok: true, result}
//           | {id, ok: false, error: {code, message, file?, line?, column?}}
//   cancel    {type: "cancel", target: id}                 page → worker, no reply
//   stopped   {type: "stopped", reason}                    worker → page, once the Go program ended
//   answered  {type: "answered", at}                       worker → page, once, as the engine first
//             answers a request: at is performance.timeOrigin + performance.now() in the worker
//
// args are the request's fields in the order the Go function takes them. A
// kind after a colon says how the worker passes a field on:
//   (none)    as it is: a string, or undefined when left out
//   :int      a number, 0 when left out
//   :json     as JSON text
//   :bytes    an ArrayBuffer, as a Uint8Array
//   :files    [{name, file | bytes, mapping?}]; a File is copied in a slice at
//             a time, so that the page never holds a large file's bytes
// and "progress" is not a field but the function through which Go reports
// progress and hears of a Cancel. result "json" is JSON text the worker
// parses, "list" the same when it is a list; otherwise Go's value is passed
// on as it is (a string, files as Uint8Array). worker: true calls are
// answered by the worker itself.
export const CALLS = {
  importFiles: { args: ["files:files", "origin", "progress"], result: "json" },
  addFiles: { args: ["datasetId", "files:files", "progress"], result: "json" },
  previewFile: { args: ["name", "bytes:bytes", "options:json"], result: "json" },
  loadExample: { args: ["which"], result: "json" },
  listDatasets: { args: [], result: "list" },
  renameDataset: { args: ["datasetId", "name"] },
  deleteDataset: { args: ["datasetId"] },
  deleteAll: { args: [] },
  results: { args: ["datasetId"], result: "json" },
  setNameMap: { args: ["datasetId", "names:json"], result: "json" },
  remapFile: { args: ["datasetId", "file", "mapping:json"], result: "json" },
  setValues: { args: ["datasetId", "file", "values"], result: "json" },
  setPairingRule: { args: ["datasetId", "rule"], result: "json" },
  setMeasureNames: { args: ["datasetId", "numerator", "denominator"], result: "json" },
  listForces: { args: [], result: "list" },
  exportResultsCSV: { args: ["datasetId", "progress"] },
  exportIssuesCSV: { args: ["datasetId"] },
  exportDataCSV: { args: ["datasetId"] },
  exportResultsJSON: { args: ["datasetId", "progress"] },
  originalFiles: { args: ["datasetId"] },
  exportBundle: { args: ["datasetId"] },
  openBundle: { args: ["files:files"], result: "json" },
  getSettings: { args: [], result: "json" },
  setSettings: { args: ["settings:json"], result: "json" },
  storageStatus: { args: [], result: "json" },
  // The size of the module's linear memory: it only grows, so after an
  // import it is the peak that import needed.
  engineMemory: { args: [], worker: true },
  // The addresses the worker has fetched: the page's resource timing does
  // not see a worker's requests, and the page shows that none went elsewhere.
  resourceEntries: { args: [], worker: true },
  // Whether the worker is there at all, asked after a Cancel goes unanswered.
  ping: { args: [], worker: true },
};

// The codes an error carries, so that the page tells errors apart without
// reading their words.
export const CODES = Object.freeze({
  cancelled: "cancelled", // the import was cancelled; nothing was stored
  header: "header", // the columns were not recognised; they can be chosen by hand
  stopped: "stopped", // the engine stopped or never started; reload the page
  error: "error", // anything else
});

// codedError is an Error with a code, and file, line and column when given.
export function codedError(code, message, where = {}) {
  const err = new Error(message);
  err.code = code;
  for (const key of ["file", "line", "column"]) if (where[key] !== undefined) err[key] = where[key];
  return err;
}

// LISTS are the names of the lists Go sends (the json names of its slice
// fields). Go writes an empty slice as null; the page iterates these, so a
// null under one of these names is read as [].
const LISTS = new Set([
  "caveats", "categories", "claims", "columns", "curve", "errors", "files", "filters", "forcesAltText",
  "funnels", "header", "issues", "left", "lines", "noteGroups", "pairings", "periods", "periodWords", "points", "rows", "series", "sources",
  "sheets", "unmatched", "values", "warnings", "yearOnYear",
]);

// NULL_LIST finds a null under one of the LISTS in the text of a reply.
const NULL_LIST = new RegExp(`"(?:${[...LISTS].join("|")})"\\s*:\\s*null`);

// decode parses the JSON text of a reply; a list result is never null. The
// reviver that reads a null list as [] is called for every value (a typical
// file's view has 60,000), which made the parse three times slower: it runs
// only when the text has such a null.
export function decode(text, list = false) {
  const value = NULL_LIST.test(text) ? JSON.parse(text, (key, v) => (v === null && LISTS.has(key) ? [] : v)) : JSON.parse(text);
  return list && value === null ? [] : value;
}
