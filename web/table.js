// A table sortable by every column: each heading is a button, and the sorted
// column carries aria-sort so that screen readers announce the order. A
// column that holds a statistic links to its entry on the methods page, and
// its cells may carry a title that works the figure through.
import { el, clear, formatNumber, methodLink } from "./dom.js";

// firstRows is how many rows are drawn until the reader asks for all: a long
// table is slow to draw and nobody reads 400 rows at a glance.
const firstRows = 100;

// options.sort is the column sorted first ({key, ascending}); options.onSort
// hears of every new order, to keep it in the page's address.
export function sortableTable(table, columns, rows, rowClass = () => "", options = {}) {
  const known = options.sort && columns.some((c) => c.key === options.sort.key);
  let sortKey = known ? options.sort.key : null;
  let ascending = known ? options.sort.ascending !== false : true;
  let showAll = rows.length <= firstRows;

  function render() {
    const head = table.tHead;
    clear(head);
    const tr = el("tr");
    for (const col of columns) {
      const th = el("th", { scope: "col" });
      const b = el("button", { type: "button", className: "sort" }, col.label);
      b.addEventListener("click", () => {
        ascending = sortKey === col.key ? !ascending : true;
        sortKey = col.key;
        render();
        // The heading was drawn again: the focus returns to its button.
        table.querySelector(`th[data-key="${col.key}"] button.sort`)?.focus();
        options.onSort?.({ key: sortKey, ascending });
      });
      th.dataset.key = col.key;
      th.append(b);
      if (col.method) th.append(" ", methodLink(col.method, col.methodName || col.label.toLowerCase()));
      if (sortKey === col.key) th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      tr.append(th);
    }
    head.append(tr);

    const body = table.tBodies[0];
    clear(body);
    const all = sorted();
    for (const row of showAll ? all : all.slice(0, firstRows)) {
      const cells = columns.map((col) => {
        const value = row[col.key];
        // A censored or suppressed cell ("<5", "*") is shown as written.
        const asWritten = col.text && row[col.text];
        const text = asWritten || (col.numeric ? formatNumber(value, col.digits) : (value ?? ""));
        const td = el("td", { className: col.numeric ? "num" : "" }, String(text));
        const title = col.title && col.title(row);
        if (title) td.title = title;
        return td;
      });
      body.append(el("tr", { className: rowClass(row) }, ...cells));
    }
    if (!showAll) {
      const more = el("button", { type: "button", className: "show-all" }, `Show all ${all.length} rows`);
      more.addEventListener("click", () => {
        showAll = true;
        render();
      });
      body.append(el("tr", {}, el("td", { colSpan: columns.length }, more)));
    }
  }

  // Values that cannot be computed (null) always sort last.
  function sorted() {
    if (!sortKey) return rows;
    const dir = ascending ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = a[sortKey];
      const y = b[sortKey];
      if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
      if (y === null || y === undefined) return -1;
      if (typeof x === "number" && typeof y === "number") return (x - y) * dir;
      return String(x).localeCompare(String(y), "en-GB", { numeric: true }) * dir;
    });
  }

  render();
}
