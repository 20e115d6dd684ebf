// The app's settings that the page changes: the interval method (Wilson
// score or Poisson), kept by the engine and applied to the view.
import { call } from "./engine.js";
import { state, $ } from "./state.js";
import { view } from "./view.js";

async function setMethod(method) {
  state.methodChosen = true;
  if (state.viewing) state.asked = true;
  const settings = await call("setSettings", { settings: { method } });
  state.method = settings.method;
  if (state.viewing) await view(state.viewing);
}

export function setUpSettings() {
  $("method").addEventListener("change", (e) => setMethod(e.target.value));
}
