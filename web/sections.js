// The sections of a view (summary, trend, forces compared, every figure,
// the import report and the dataset's settings): a link to each at the top
// of the view, and the section being read kept in the address, so that a
// bookmark or a reload comes back to it.
import { state, $ } from "./state.js";
import { writeViewToURL } from "./address.js";

// SECTIONS names each section's heading: what the address and the links say
// is where the focus goes. "claims" is the check of the headline figures,
// in the summary, where the first way in lands.
export const SECTIONS = {
  summary: "summary-heading",
  claims: "claims-heading",
  trend: "trend-heading",
  compare: "compare-heading",
  figures: "figures-heading",
  report: "report-heading",
  settings: "settings-heading",
};

// goToSection scrolls a section's heading to the top and, unless told not
// to, moves the focus there, as following a link in a document does, so
// that the keyboard goes on from the section. It says whether there was
// such a section to go to.
export function goToSection(name, { focus = true } = {}) {
  const heading = $(SECTIONS[name] || "");
  if (!heading || heading.closest("[hidden]")) return false;
  heading.scrollIntoView({ block: "start" });
  if (focus) heading.focus({ preventScroll: true });
  state.section = name;
  markCurrent(name);
  writeViewToURL();
  return true;
}

function markCurrent(name) {
  for (const a of document.querySelectorAll(".view-nav a")) {
    if (a.dataset.section === name) a.setAttribute("aria-current", "true");
    else a.removeAttribute("aria-current");
  }
}

// setUpSections makes every link with data-section go to its section, and
// every link with data-goto to the element it names, without writing a bare
// fragment over the view kept in the address.
export function setUpSections() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-section], a[data-goto]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    if (link.dataset.section) {
      goToSection(link.dataset.section);
      return;
    }
    const target = $(link.dataset.goto);
    if (!target) return;
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });
}
