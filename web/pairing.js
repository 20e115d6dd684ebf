// Pairing: which denominator each numerator is divided by when their dates
// differ, the rule that chose it, and every pairing listed.
import { call } from "./engine.js";
import { el, clear } from "./dom.js";
import { state, $ } from "./state.js";
import { say } from "./messages.js";
import { view } from "./view.js";

export function renderPairings(dataset, report) {
  $("pairing-rule").value = dataset.pairing || "containing-or-latest";
  const list = $("pairings");
  clear(list);
  const pairings = report.pairings || [];
  $("pairings-summary").textContent = pairings.length
    ? `${pairings.length} rate${pairings.length === 1 ? " uses" : "s use"} a denominator from another date than the numerator's. Each is listed; the rate is only as good as that pairing.`
    : "Every rate uses a numerator and a denominator of the same period.";
  // The list can run to hundreds of lines: it is kept behind its count.
  const details = $("pairings-details");
  details.hidden = pairings.length === 0;
  $("pairings-count").textContent = `List the ${pairings.length === 1 ? "pairing" : `${pairings.length.toLocaleString("en-GB")} pairings`}`;
  for (const p of pairings) list.append(el("li", {}, p.sentence));
}

async function setPairingRule(rule) {
  if (!state.viewing) return;
  try {
    await call("setPairingRule", { datasetId: state.viewing, rule });
  } catch (err) {
    say(`Could not change the pairing: ${err.message}`);
  }
  await view(state.viewing);
}

export function setUpPairing() {
  $("pairing-rule").addEventListener("change", (e) => setPairingRule(e.target.value));
}
