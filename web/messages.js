// The messages under "Add data": what an import, a change or a download
// said, good or bad. One helper, so that every message looks alike; text
// only, never HTML.
import { el, clear } from "./dom.js";

const box = () => document.getElementById("import-messages");

// say adds a message and returns it: kind is "error", "ok", or "" for one
// still under way (more classes may follow, space-separated).
export function say(text, kind = "error") {
  const line = el("p", { className: kind ? `message ${kind}` : "message" }, text);
  box().append(line);
  return line;
}

// clearMessages takes away every message, before a new import says its own.
export function clearMessages() {
  clear(box());
}

// messageBox is the element the messages go in, for bundle.js.
export const messageBox = box;
