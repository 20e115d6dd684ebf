// Small DOM helpers. Text is always set with textContent (append of strings
// makes text nodes), so names from users' files can never become HTML.

// el makes an element with properties and children; strings become text.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "className") node.className = value;
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === "") continue;
    node.append(child);
  }
  return node;
}

// methodLink links to the entry of the methods page that explains a
// statistic: a small "?" whose accessible name says where it goes (and ends
// with the "?" that shows, so that the name holds the visible label).
export function methodLink(anchor, what) {
  const a = el("a", { href: `methods.html#${anchor}`, className: "method-link" }, "?");
  a.setAttribute("aria-label", `How is ${what} worked out?`);
  a.title = `How ${what} is worked out: formula, example and source`;
  return a;
}

// button makes a button that calls onClick; accessibleName, when given, is
// its name for assistive technology (when the label alone is ambiguous).
export function button(label, onClick, accessibleName, disabled = false, className = "") {
  const b = el("button", { type: "button", className }, label);
  if (accessibleName) b.setAttribute("aria-label", accessibleName);
  b.disabled = disabled;
  b.addEventListener("click", onClick);
  return b;
}

export function clear(node) {
  node.replaceChildren();
}

const formatters = new Map();

// formatNumber writes a number for people (en-GB grouping), or a dash for
// a value that could not be computed.
export function formatNumber(value, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  let f = formatters.get(digits);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(digits, f);
  }
  return f.format(value);
}

export function formatInterval(low, high, digits) {
  if (low === null || high === null) return "–";
  return `${formatNumber(low, digits)} to ${formatNumber(high, digits)}`;
}

// download saves a Blob under a file name, without leaving the page.
export function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
