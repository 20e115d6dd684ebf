// The page's state: what the library holds, which dataset is viewed, its
// results and downloads, and the choices made on the page. Every module
// reads and writes this one object; only the engine holds figures.
export const state = {
  datasets: [],
  viewing: null, // dataset id
  results: null, // {dataset, report}
  exports: null, // {resultsCSV, resultsJSON, issuesCSV} of the dataset being viewed
  generation: 0, // counts calls of view()
  method: "wilson",
  sort: null, // the results table's order, {key, ascending}
  section: null, // the section of the view last gone to (sections.js)
  restore: null, // the view read from the address at start, until drawn
  renderedId: null, // the dataset whose view was drawn last
  drawn: {}, // milliseconds each panel of the last view took to draw
  drawing: 0, // counts the views begun, so that an older one stops drawing
  // Set when the user asks for a view (a file added, an example or a bundle
  // opened, another method) while the page starts: app.js then draws no
  // view of its own over it.
  asked: false,
  methodChosen: false, // the user chose the interval method since the page loaded
};

// $ is the page's element of that id.
export const $ = (id) => document.getElementById(id);
