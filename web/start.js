// The three ways in, at the top of the page: check a figure from a story
// (the 2018 example, opened on its check), explore the practice data, or
// add your own files. The examples are loaded once, whichever asks first:
// the page's start on a first visit, or a person who did not wait for it.
import { call } from "./engine.js";
import { state, $ } from "./state.js";
import { say, clearMessages } from "./messages.js";
import { refreshLibrary } from "./datasets.js";
import { view } from "./view.js";
import { goToSection } from "./sections.js";

// ORIGINS are the datasets' origins of the two examples (library.Origin…).
const ORIGINS = { real: "example-real", synthetic: "example-synthetic" };

// loaded holds the loads of each example since the page opened, so that a
// second ask waits for the first rather than adding the example twice. A
// load that failed is forgotten, to be tried again.
const loaded = {};

// loadExampleOnce loads an example once in this page's life (Load example
// data, in "More ways to add data", loads another copy on purpose).
export function loadExampleOnce(which) {
  if (!loaded[which]) {
    loaded[which] = call("loadExample", { which });
    loaded[which].catch(() => { delete loaded[which]; });
  }
  return loaded[which];
}

// exampleDataset is the stored example of that kind (the latest, if there
// are several), or the one being loaded, or a new one.
async function exampleDataset(which) {
  const stored = state.datasets.filter((d) => d.origin === ORIGINS[which]);
  if (stored.length) return stored[stored.length - 1];
  let dataset = await loadExampleOnce(which);
  await refreshLibrary();
  if (!state.datasets.some((d) => d.id === dataset.id)) {
    // Loaded earlier in this page's life, then deleted: loaded again.
    delete loaded[which];
    dataset = await loadExampleOnce(which);
    await refreshLibrary();
  }
  return dataset;
}

// openExample views an example and goes to the section given.
export async function openExample(which, section) {
  state.asked = true;
  clearMessages();
  let dataset;
  try {
    dataset = await exampleDataset(which);
  } catch (err) {
    say(`Could not load the example: ${err.message}`);
    return;
  }
  await view(dataset.id);
  if (state.viewing !== dataset.id) return; // another view was asked for meanwhile
  if (!goToSection(section)) goToSection("summary");
}

export function setUpStart() {
  $("start-check").addEventListener("click", () => openExample("real", "claims"));
  $("start-practice").addEventListener("click", () => openExample("synthetic", "summary"));
}
