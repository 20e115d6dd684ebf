// The app's main path in Debian's firefox-esr, driven over WebDriver BiDi by
// puppeteer-core: a first visit (the examples appear, the engine answers),
// a CSV added through the file input, its view drawn, a reload (the dataset
// comes back from IndexedDB), the server gone (the service worker serves the
// page) and results.csv downloaded and checked.
//
//   node e2e/firefox/main-path.mjs --url URL --csv FILE --out DIR [--server-pid PID]
//
// TestFirefoxMainPath (e2e/firefox_test.go) starts the server and runs it;
// run by hand, without --server-pid, it stops before the offline step and
// says so. It prints one line a step with its time, leaves results.csv and
// the screenshots in --out, and exits 1 with the reason at the first failure.
import { mkdirSync, readFileSync, existsSync, readdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import puppeteer from "puppeteer-core";

const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    csv: { type: "string" },
    out: { type: "string" },
    "server-pid": { type: "string" },
    firefox: { type: "string", default: process.env.FOI_FIREFOX || "/usr/bin/firefox-esr" },
  },
});
if (!args.url || !args.csv || !args.out) {
  console.error("usage: node main-path.mjs --url URL --csv FILE --out DIR [--server-pid PID]");
  process.exit(2);
}
const origin = new URL(args.url).origin;
const csvPath = resolve(args.csv);
const datasetName = basename(csvPath).replace(/\.[^.]+$/, "");
const out = resolve(args.out);
mkdirSync(out, { recursive: true });
const downloads = join(out, "downloads");
mkdirSync(downloads, { recursive: true });

// Each wait is bounded, so that a step that never happens fails in seconds
// rather than at the Go test's timeout; the engine's first start in a fresh
// profile (compiling 8 MB of wasm on a busy 2-core machine) is the longest.
const STEP = 60_000;
const started = Date.now();
let stepStarted = started;
function step(name) {
  const now = Date.now();
  console.log(`ok  ${name} (${((now - stepStarted) / 1000).toFixed(1)} s)`);
  stepStarted = now;
}
function fail(message) {
  throw new Error(message);
}

// puppeteer makes a fresh profile of its own; these prefs are added to it.
// Downloads go to the out folder without a dialog, as a person who saves
// them does.
const profile = mkdtempSync(join(tmpdir(), "foi-firefox-"));
const browser = await puppeteer.launch({
  browser: "firefox",
  protocol: "webDriverBiDi",
  executablePath: args.firefox,
  headless: true,
  userDataDir: profile,
  defaultViewport: { width: 1280, height: 1000 },
  args: ["--width=1280", "--height=1000"],
  extraPrefsFirefox: {
    "browser.download.folderList": 2,
    "browser.download.dir": downloads,
    "browser.download.useDownloadDir": true,
    "browser.download.always_ask_before_handling_new_types": false,
    "browser.download.start_downloads_in_tmp_dir": false,
    "browser.download.manager.showWhenStarting": false,
    "browser.helperApps.neverAsk.saveToDisk": "text/csv,application/json,application/zip",
    // No calls home from a test browser (this machine has no internet).
    "app.update.enabled": false,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    "datareporting.policy.dataSubmissionEnabled": false,
    "toolkit.telemetry.enabled": false,
  },
});

step("Firefox started");

const problems = [];
const requests = [];
let offline = false;
let consoleSeen = false; // the page's console reaches this script
let exitCode = 0;
try {
  const page = (await browser.pages())[0] || (await browser.newPage());
  page.setDefaultTimeout(STEP);
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console.error: ${msg.text()}`);
    else if (msg.text() === "foi-console-check") consoleSeen = true;
    else if (process.env.FOI_FIREFOX_CONSOLE) console.log(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`exception: ${err.message || err}`));
  page.on("request", (req) => requests.push(req.url()));
  const version = await browser.version();
  console.log(`Firefox: ${version}, puppeteer-core over WebDriver BiDi`);

  // waitFor polls a condition with page.evaluate rather than puppeteer's
  // waitForFunction, which builds its predicate with new Function inside the
  // page: the app's CSP forbids that in Firefox, as it should.
  const waitFor = async (condition, what, timeout = STEP, ...params) => {
    const until = Date.now() + timeout;
    let last = "";
    for (;;) {
      try {
        if (await page.evaluate(condition, ...params)) return;
      } catch (err) {
        last = err.message; // the page is between documents during a reload
      }
      if (Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const state = await page
      .evaluate(() => JSON.stringify({
        ready: document.body.dataset.ready, viewDrawn: document.body.dataset.viewDrawn,
        heading: document.querySelector("#view-heading")?.textContent,
        messages: document.querySelector("#messages")?.textContent?.slice(0, 300),
        workerError: window.foiWorkerError,
      }))
      .catch(() => "(page not readable)");
    fail(`${what} (within ${timeout / 1000} s)${last ? `; last error: ${last}` : ""}; page: ${state}`);
  };
  const ready = () => waitFor(() => document.body.dataset.ready === "true", "the page never said it was ready");

  // 1. First visit: the examples appear and the engine answers.
  await page.goto(args.url);
  await ready();
  await waitFor(() => document.querySelectorAll("#library tbody tr").length === 2, "the two examples were not listed");
  await waitFor(() => document.querySelector("#trend-chart svg") !== null && document.querySelector("#forces-chart svg") !== null, "the first view's charts were not drawn");
  const firstVisit = await page.evaluate(() => ({
    engine: document.body.dataset.engineReadyMs, ready: document.body.dataset.readyMs,
    storage: document.querySelector("#storage-status").textContent, persist: document.querySelector("#persist-status").textContent,
  }));
  // Firefox asks the person before it keeps a site's storage, and
  // storage.persist() waits for the answer: the page must still say something.
  if (!firstVisit.storage.includes("IndexedDB")) fail(`the page does not say the datasets are stored in IndexedDB: ${JSON.stringify(firstVisit.storage)}`);
  if (!firstVisit.persist) fail("the page says nothing of keeping its storage (navigator.storage.persist)");
  if (!firstVisit.engine) fail("the engine never answered (no body.dataset.engineReadyMs)");
  await page.evaluate(() => console.info("foi-console-check"));
  await new Promise((r) => setTimeout(r, 200));
  if (!consoleSeen) fail("the page's console does not reach the script, so its errors would go unseen");
  step(`first visit: the examples listed, the engine answered ${firstVisit.engine} ms and the page was ready ${firstVisit.ready} ms after navigation; "${firstVisit.storage} ${firstVisit.persist}"`);

  // 2. Add files: a CSV set on the file input, as a person choosing it.
  const input = await page.$("#file-input");
  await input.uploadFile(csvPath);
  await waitFor((name) => document.querySelector("#view-heading").textContent.includes(name) && document.body.dataset.viewDrawn === "true",
    `the view of ${datasetName} was never drawn`, STEP, datasetName);
  step(`added ${basename(csvPath)}`);

  // 3. The view, drawn with results: charts and the results table.
  await waitFor(() => document.querySelector("#trend-chart svg") !== null && document.querySelector("#forces-chart svg") !== null && document.querySelectorAll("#results tbody tr").length > 0,
    "the view has no charts or no results rows");
  const view = await page.evaluate(() => ({
    rows: document.querySelectorAll("#results tbody tr").length,
    firstRow: [...(document.querySelector("#results tbody tr")?.cells || [])].map((c) => c.textContent),
  }));
  await page.evaluate(() => document.querySelector("#view-heading").scrollIntoView());
  await page.screenshot({ path: join(out, "firefox-view.png") });
  await page.evaluate(() => document.querySelector("#trend-chart").scrollIntoView());
  await page.screenshot({ path: join(out, "firefox-trend.png") });
  await page.evaluate(() => document.querySelector("#results").scrollIntoView());
  await page.screenshot({ path: join(out, "firefox-results.png") });
  step(`the view: ${view.rows} results rows, the first ${JSON.stringify(view.firstRow.slice(0, 4))}; screenshots in ${out}`);

  // 4. Reload: the dataset is still there, from IndexedDB, and viewed again.
  await page.reload();
  await ready();
  await waitFor(() => document.querySelectorAll("#library tbody tr").length === 3, "after the reload the datasets are not all listed");
  await waitFor((name) => document.querySelector("#view-heading").textContent.includes(name) && document.body.dataset.viewDrawn === "true",
    `after the reload ${datasetName} is not viewed`, STEP, datasetName);
  const reloadedRows = await page.evaluate(() => document.querySelectorAll("#results tbody tr").length);
  if (reloadedRows !== view.rows) fail(`after the reload the results table has ${reloadedRows} rows, before it ${view.rows}`);
  step("reload: the dataset came back from IndexedDB with the same table");

  // 5. Offline: the server is stopped; the service worker serves the page
  // and the engine (its module from the service worker's copy).
  if (!args["server-pid"]) fail("no --server-pid, so the offline step cannot stop the server (run it through TestFirefoxMainPath)");
  await waitFor(() => navigator.serviceWorker.controller !== null, "no service worker controls the page");
  process.kill(Number(args["server-pid"]), "SIGKILL");
  offline = true;
  const gone = await fetch(args.url).then(() => false, () => true);
  if (!gone) fail("the server still answers after it was stopped");
  await page.reload({ timeout: 30_000 }).catch((err) => fail(`offline, the page did not load, so the service worker did not serve it: ${err.message}`));
  await ready();
  await waitFor((name) => document.querySelector("#view-heading").textContent.includes(name) && document.body.dataset.viewDrawn === "true",
    `offline, ${datasetName} is not viewed`, STEP, datasetName);
  await waitFor(() => document.querySelector("#trend-chart svg") !== null, "offline, the trend chart was not drawn");
  await page.screenshot({ path: join(out, "firefox-offline.png") });
  step("offline: the service worker served the page and the engine drew the view");

  // 6. Download results.csv (offline still: the engine writes it) and check it.
  const saved = join(downloads, "results.csv");
  rmSync(saved, { force: true });
  await waitFor(() => !document.querySelector("#download-csv").disabled, "Download results CSV stayed disabled");
  await page.click("#download-csv");
  const deadline = Date.now() + 20_000;
  while (!(existsSync(saved) && !existsSync(saved + ".part") && readFileSync(saved).length > 0)) {
    if (Date.now() > deadline) fail(`results.csv was not downloaded; the download folder holds ${JSON.stringify(readdirSync(downloads))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const lines = readFileSync(saved, "utf8").split(/\r?\n/).filter((l) => l !== "");
  if (!lines[0].startsWith("force_code,force_name,period,")) fail(`results.csv has the header ${JSON.stringify(lines[0])}`);
  if (lines.length - 1 !== view.rows) fail(`results.csv has ${lines.length - 1} rows, the page's table ${view.rows}`);
  step(`downloaded results.csv: its header and ${lines.length - 1} rows, as in the page's table`);

  // Nothing left the page's origin; no errors but the refused connections
  // the browser reports once the server is gone.
  const offOrigin = requests.filter((u) => !u.startsWith(origin + "/") && !u.startsWith("blob:" + origin) && !u.startsWith("data:"));
  if (offOrigin.length) fail(`requests to other origins: ${offOrigin.join(", ")}`);
  const errors = problems.filter((p) => !(offline && /NetworkError|ERR_CONNECTION_REFUSED|Failed to load resource|NS_ERROR_CONNECTION_REFUSED/.test(p)));
  if (errors.length) fail(`console errors or exceptions:\n  ${errors.join("\n  ")}`);
  console.log(`ok  the main path in Firefox, ${((Date.now() - started) / 1000).toFixed(1)} s; ${requests.length} requests, all to ${origin}`);
} catch (err) {
  console.log(`FAIL ${err.message}`);
  if (problems.length) console.log(`console problems so far:\n  ${problems.join("\n  ")}`);
  exitCode = 1;
} finally {
  // Closing over BiDi sometimes waits minutes for Firefox to end; it is
  // given 5 s, then its process is killed.
  const proc = browser.process();
  const closed = await Promise.race([
    browser.close().then(() => true, () => false),
    new Promise((r) => setTimeout(() => r(false), 5000)),
  ]);
  if (!closed && proc && proc.exitCode === null) proc.kill("SIGKILL");
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exitCode);
