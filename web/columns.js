// How each file's columns were read: the columns chosen by hand (to change
// them, or to group a long series of dates), and whether a file with a
// column per period or per force holds numerators or denominators.
import { call } from "./engine.js";
import { el, clear, button } from "./dom.js";
import { state, $ } from "./state.js";
import { say } from "./messages.js";
import { openMapping } from "./mapping.js";
import { view } from "./view.js";

// renderRemap offers to change the columns chosen by hand for each file
// that has them.
export function renderRemap(dataset, report) {
  const box = $("remap");
  clear(box);
  const mappings = { ...(dataset.mappings || {}) };
  // A long series of dates can be grouped by month or year in the mapping.
  if (report.periodsTotal > report.periods.length) {
    for (const name of dataset.files) if (!(name in mappings)) mappings[name] = undefined;
  }
  // Columns the reader took by what they hold can be chosen by hand, and a
  // file it recognised (police.uk's records) can count only some categories.
  const recognised = new Set();
  for (const f of report.files || []) {
    if ((f.judged || f.recognised) && !(f.file in mappings)) mappings[f.file] = undefined;
    if (f.recognised) recognised.add(f.file);
  }
  for (const [name, mapping] of Object.entries(mappings)) {
    const label = !mapping && recognised.has(name) ? `Choose the categories to count in ${name}` : `${mapping ? "Change" : "Choose"} the columns of ${name}`;
    box.append(button(label, async () => {
      const files = await call("originalFiles", { datasetId: dataset.id });
      const original = files.find((f) => f.name === name);
      if (!original) return;
      await openMapping(new File([original.bytes], name), () => view(dataset.id), dataset.id, mapping);
    }));
  }
}

// renderValuesChoice asks, for each file with a column per period or per
// force, whether its values are numerators or denominators: prominently when
// nothing in the file said and the reader had to guess.
export function renderValuesChoice(dataset, report) {
  const box = $("values-choice");
  clear(box);
  const wide = (report.files || []).filter((f) => f.values);
  box.hidden = wide.length === 0 || dataset.origin === "example-real";
  for (const f of wide) {
    const id = `values-${wide.indexOf(f)}`;
    const select = el("select", { id },
      el("option", { value: "numerator" }, "numerators (counts to divide)"),
      el("option", { value: "denominator" }, "denominators (what to divide by)"));
    select.value = f.values;
    select.addEventListener("change", () => setValues(f.file, select.value));
    const question = f.valuesGuessed
      ? el("p", { className: "message warning" }, `Nothing in ${f.file} says whether its values are numerators or denominators; they were taken as ${f.values}s. Please choose.`)
      : null;
    box.append(el("div", { className: "controls" }, question, el("label", { for: id }, `The values of ${f.file} are`), select));
  }
}

async function setValues(file, values) {
  if (!state.viewing) return;
  try {
    await call("setValues", { datasetId: state.viewing, file, values });
  } catch (err) {
    say(`Could not change the values of ${file}: ${err.message}`);
  }
  await view(state.viewing);
}

// renderMeasureNames shows the measures' names, as the files or the person
// gave them, for the person to change.
export function renderMeasureNames(dataset, report) {
  // The interval setting says what a proportion means here, in the
  // dataset's own words ("the fired are among the total uses").
  const [num, den] = report.measures || ["", ""];
  const wilson = document.querySelector('#method option[value="wilson"]');
  if (wilson) {
    wilson.textContent = num && den
      ? `Wilson score (a proportion: the ${num.toLowerCase()} are among the ${den.toLowerCase()})`
      : "Wilson score (a proportion: what is counted is part of the denominator)";
  }
  const chosen = dataset.measureNames || ["", ""];
  $("measure-numerator").value = chosen[0] || "";
  $("measure-denominator").value = chosen[1] || "";
  $("measure-numerator").placeholder = report.measures?.[0] || "";
  $("measure-denominator").placeholder = report.measures?.[1] || "";
  $("measure-names").hidden = dataset.origin === "example-real";
}

export function setUpMeasureNames() {
  $("measure-save").addEventListener("click", async () => {
    if (!state.viewing) return;
    try {
      await call("setMeasureNames", { datasetId: state.viewing, numerator: $("measure-numerator").value, denominator: $("measure-denominator").value });
    } catch (err) {
      say(`Could not name the measures: ${err.message}`);
      return;
    }
    await view(state.viewing);
  });
}
