package e2e

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

var requestLine = regexp.MustCompile(`^Requests since this page loaded: ([\d,]+), all to this site \(checked by your browser's resource timing`)

// checkRequestLine reads the line at the foot of the page and returns the
// number of requests it counts, failing unless all went to this site.
func checkRequestLine(t *testing.T, s *session) int {
	t.Helper()
	s.waitFor(t, `/^Requests since this page loaded: [\d,]+, /.test(document.querySelector("#request-check").textContent)`)
	line := s.text(t, "#request-check")
	m := requestLine.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("the request line does not say that every request went to this site: %q", line)
	}
	n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
	return n
}

// TestRequestCheckLine: the page counts its own requests and its engine's
// from the browser's resource timing, and says when one went elsewhere.
func TestRequestCheckLine(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	s.addFiles(t, "testdata/forces-2016-2019.csv")
	s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("forces-2016-2019")`)
	s.downloadFile(t, "#download-csv", "results.csv")
	// The worker's fetches (wasm_exec.js, foi.wasm) are counted with the
	// page's, which the page's own timeline does not hold.
	s.waitFor(t, `(() => {
		const m = /: ([\d,]+), all/.exec(document.querySelector("#request-check").textContent);
		return m !== null && Number(m[1].replace(/,/g, "")) >= performance.getEntriesByType("resource").length + 2;
	})()`)
	n := checkRequestLine(t, s)
	var page int
	s.eval(t, `performance.getEntriesByType("resource").length`, &page)
	t.Logf("the page counts %d requests: %d of its own, the rest its engine's", n, page)

	// The words for a request that went elsewhere list it; blob: and data:
	// addresses never leave the machine.
	var got struct {
		Text      string
		Elsewhere []string
	}
	s.eval(t, fmt.Sprintf(`import(%q).then((m) => m.describeRequests(
		["http://127.0.0.1:1/app.js", "https://tracker.example/pixel.gif", "blob:http://127.0.0.1:1/0f9a", "data:,x", "http://127.0.0.1:2/x"],
		"http://127.0.0.1:1"))`, s.origin+"/privacy.js"), &got)
	if !strings.HasPrefix(got.Text, "Requests since this page loaded: 5, 2 of them to another site") ||
		strings.Join(got.Elsewhere, " ") != "https://tracker.example/pixel.gif http://127.0.0.1:2/x" {
		t.Errorf("a request elsewhere is described as %q, listing %q", got.Text, got.Elsewhere)
	}
	// Nothing left the machine, by the page's network log or by the proxy
	// that any context's request to another machine would meet.
	if off := s.offOrigin(); len(off) > 0 {
		t.Errorf("requests to other origins: %v", off)
	}
	t.Logf("the browser's own background calls, set apart: %d", len(s.proxy.browserCalls()))
	// The proxy does see a worker's request, which the page's network log
	// does not: a worker of a page without this app's policy fetches from
	// another site.
	s.run(t, chromedp.Navigate("about:blank"))
	s.eval(t, `new Promise((resolve) => {
		const w = new Worker("data:text/javascript,fetch('http://offsite.example/from-a-worker').catch(()=>{}).finally(()=>postMessage(1))");
		w.onmessage = () => resolve(true);
		w.onerror = () => resolve(false);
	})`, nil)
	if got := strings.Join(s.proxy.requests(), " "); !strings.Contains(got, "offsite.example/from-a-worker") {
		t.Errorf("the proxy did not see a worker's request to another site: %q", got)
	}
}

// TestStorageQuota fills a small storage quota (Chromium's quota override):
// the user is told the browser's storage is full, datasets stored before stay
// as they were, and the new dataset is viewed, kept for this session only.
func TestStorageQuota(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.run(t, storage.OverrideQuotaForOrigin(s.origin).WithQuotaSize(1<<20))
	s.open(t, srv.url())
	s.waitFor(t, `document.querySelectorAll("#library tbody tr").length === 2`)
	s.addFiles(t, "testdata/forces-2016-2019.csv")
	s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("forces-2016-2019")`)
	before := s.library(t)
	for _, d := range before {
		if !d.Persisted {
			t.Fatalf("%q was not stored under a 1 MB quota", d.Name)
		}
	}

	big := filepath.Join(t.TempDir(), "over-quota.csv")
	writeDailyCSV(t, big, 60_000) // about 2.3 MB
	s.addFiles(t, big)
	s.waitForLong(t, `document.querySelector("#view-heading").textContent.includes("over-quota") && !document.querySelector("#download-csv").disabled`, 2*time.Minute)
	if msg := s.text(t, "#import-messages"); !strings.Contains(msg, "kept for this session only") {
		t.Errorf("the import message does not say the dataset is kept for this session only: %q", msg)
	}
	if status := s.text(t, "#storage-status"); !strings.Contains(status, "storage is full") || !strings.Contains(status, "stored earlier are safe") {
		t.Errorf("the storage note does not say the storage is full: %q", status)
	}
	var kept string
	s.eval(t, `[...document.querySelectorAll("#library tbody tr")].find((r) => r.textContent.includes("over-quota")).cells[4].textContent`, &kept)
	if kept != "this session only" {
		t.Errorf("the library says the over-quota dataset is kept %q", kept)
	}
	csv := s.downloadFile(t, "#download-csv", "results.csv")
	if !bytes.HasPrefix(csv, []byte("force_code,")) || bytes.Count(csv, []byte("\n")) < 1000 {
		t.Errorf("the dataset kept in memory gives no results.csv (%d bytes)", len(csv))
	}
	s.screenshot(t, "storage-full")

	s.reload(t)
	after := s.library(t)
	for id, d := range before {
		if got, ok := after[id]; !ok || got.Rows != d.Rows || got.CSV != d.CSV {
			t.Errorf("%q changed when the storage was full", d.Name)
		}
	}
	for _, d := range after {
		if d.Name == "over-quota" {
			t.Errorf("the dataset over the quota is listed after a reload: %+v", d.Name)
		}
	}
}

// hostileName is a name that would run script if it ever became HTML.
const hostileName = `<img src=x onerror=window.pwned=1>`

// hostileCSV has force names and a header that are HTML and script; Kent,
// Essex, Surrey and Dorset are there so that every chart and comparison is
// drawn.
const hostileCSV = "Force,Year,Missing,Registered,<script>window.pwned=1</script>\n" +
	hostileName + ",2017,4,900,a\n" +
	"<script>window.pwned=1</script>,2017,6,800,b\n" +
	"\"<svg onload=window.pwned=1>\",2017,3,700,c\n" +
	"Kent,2017,5,1200,d\nEssex,2017,6,1100,e\nSurrey,2017,2,700,f\nDorset,2017,3,600,g\n" +
	hostileName + ",2018,5,1000,a\n" +
	"<script>window.pwned=1</script>,2018,7,900,b\n" +
	"\"<svg onload=window.pwned=1>\",2018,30,800,c\n" +
	"Kent,2018,4,1200,d\nEssex,2018,6,1100,e\nSurrey,2018,2,700,f\nDorset,2018,3,600,g\n"

// TestHostileNamesAreInert adds a file whose force names, header and file
// name are HTML and script, views it every way the page can — tables, the
// trend, forces and funnel charts with their tooltips, findings, names to
// map, issues, the column mapping — and downloads its exports: nothing
// becomes an element or runs, and every file is saved under a plain name.
func TestHostileNamesAreInert(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())

	dir := t.TempDir()
	file := filepath.Join(dir, hostileName+".csv")
	if err := os.WriteFile(file, []byte(hostileCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	s.addFiles(t, file)
	s.waitFor(t, `document.querySelector("#view-heading").textContent === "Results: " + `+strconv.Quote(hostileName)+` && !document.querySelector("#download-csv").disabled`)

	// Every view: the full results table, the hostile forces in the trend
	// chart, the names to map, the findings.
	s.eval(t, `document.querySelector("#results button.show-all")?.click() || true`, nil)
	s.click(t, "#trend-forces-all")
	s.waitFor(t, `document.querySelectorAll("#names-list select").length >= 3`)
	for _, chart := range []string{"trend", "forces", "funnel"} {
		if tip := s.hoverChart(t, chart); tip != "" {
			t.Logf("%s chart's tooltip: %q", chart, tip)
		}
	}
	var page struct {
		Pwned                      bool
		Elements, Handlers, Inline int
		Texts                      map[string]string
	}
	s.eval(t, `({
		pwned: window.pwned !== undefined,
		elements: document.querySelectorAll("img:not([src$='.svg']), svg script, iframe, object, embed").length,
		handlers: [...document.querySelectorAll("*")].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
		inline: [...document.scripts].filter((s) => !s.src).length,
		texts: {
			heading: document.querySelector("#view-heading").textContent,
			library: document.querySelector("#library").textContent,
			results: document.querySelector("#results").textContent,
			findings: document.querySelector("#findings").textContent,
			names: document.querySelector("#names-list").textContent,
			issues: document.querySelector("#issues").textContent,
			trend: document.querySelector("#trend-chart").textContent,
			forces: document.querySelector("#forces-chart").textContent,
			funnel: document.querySelector("#funnel-chart").textContent,
		},
	})`, &page)
	if page.Pwned || page.Elements > 0 || page.Handlers > 0 || page.Inline > 0 {
		t.Errorf("a name became markup: pwned %v, %d elements, %d event-handler attributes, %d inline scripts", page.Pwned, page.Elements, page.Handlers, page.Inline)
	}
	// The names are shown, as text.
	for where, text := range page.Texts {
		if where == "issues" || where == "funnel" || where == "trend" {
			continue // these need not name every force
		}
		if !strings.Contains(text, "<script>window.pwned=1</script>") && !strings.Contains(text, hostileName) {
			t.Errorf("%s does not show the names as text: %.200q", where, text)
		}
	}
	s.screenshot(t, "hostile-names")

	// The exports keep the names as text, and are saved under their own
	// plain names; the original file comes back byte for byte.
	csv := s.downloadFile(t, "#download-csv", "results.csv")
	if !bytes.Contains(csv, []byte(hostileName)) {
		t.Errorf("results.csv lacks the name as written")
	}
	svg := checkChartExport(t, s, "forces", "")
	if svg.Elements["img"] || svg.Elements["script"] {
		t.Errorf("the chart's SVG holds elements from the names: %v", svg.Elements)
	}
	s.click(t, "#download-original")
	var original []byte
	s.waitForFile(t, func(name string, b []byte) bool {
		if bytes.Equal(b, []byte(hostileCSV)) {
			original = b
			t.Logf("the original file was saved as %q", name)
			return true
		}
		return false
	})
	if original == nil {
		t.Error("the original file was not saved")
	}
	entries, _ := os.ReadDir(s.download)
	for _, e := range entries {
		if e.IsDir() || strings.ContainsAny(e.Name(), `/\`) || strings.HasPrefix(e.Name(), ".") {
			t.Errorf("a download was saved as %q", e.Name())
		}
	}

	// A header that is not recognised is shown in the column mapping, as text.
	unrecognised := filepath.Join(dir, "unrecognised.csv")
	if err := os.WriteFile(unrecognised, []byte("<b>Force</b>,<script>window.pwned=1</script>,"+hostileName+"\nKent,2018,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.addFiles(t, unrecognised)
	s.chooseColumnsOf(t, "unrecognised.csv")
	s.waitFor(t, `!document.querySelector("#mapping").hidden && document.querySelector("#mapping-preview").textContent.includes("<script>window.pwned=1</script>")`)
	var mapping struct {
		Pwned    bool
		Elements int
		Options  string
	}
	s.eval(t, `({ pwned: window.pwned !== undefined,
		elements: document.querySelectorAll("#mapping b, #mapping script, #mapping img").length,
		options: [...document.querySelector("#mapping-force").options].map((o) => o.textContent).join("|") })`, &mapping)
	if mapping.Pwned || mapping.Elements > 0 || !strings.Contains(mapping.Options, "<b>Force</b>") {
		t.Errorf("the column mapping made markup of the header: pwned %v, %d elements, options %q", mapping.Pwned, mapping.Elements, mapping.Options)
	}
	for _, p := range s.consoleProblems() {
		if strings.Contains(p, "Content Security Policy") || strings.Contains(p, "Refused to") {
			t.Errorf("the CSP had to stop something: %s", p)
		}
	}
}

// hoverChart moves the mouse over the first mark of a chart, so that its
// tooltip is drawn with the force's name in it.
func (s *session) hoverChart(t *testing.T, chart string) string {
	t.Helper()
	var at struct{ X, Y float64 }
	s.eval(t, fmt.Sprintf(`(() => {
		const root = document.getElementById(%q);
		root.scrollIntoView({ block: "center" });
		const mark = root.querySelector("svg g[aria-label=dot] circle, svg g[aria-label=dot] path, svg g[aria-label=line] path, svg rect");
		const r = (mark || root).getBoundingClientRect();
		return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
	})()`, chart+"-chart"), &at)
	s.run(t, chromedp.MouseEvent(input.MouseMoved, at.X, at.Y))
	time.Sleep(300 * time.Millisecond) // the tip follows the pointer on the next frame; nothing is timed
	var tip string
	s.eval(t, fmt.Sprintf(`[...document.querySelectorAll("#%s-chart g[aria-label=tip]")].map((g) => g.textContent).join(" ")`, chart), &tip)
	return tip
}

// waitForFile waits until a file in the download folder satisfies match.
func (s *session) waitForFile(t *testing.T, match func(name string, b []byte) bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(s.download)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".crdownload") {
				continue
			}
			if b, err := os.ReadFile(filepath.Join(s.download, e.Name())); err == nil && match(e.Name(), b) {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
}
