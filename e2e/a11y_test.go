package e2e

// Accessibility (issue 7, item 4), the view kept in the address (item 5),
// the methods page (item 7) and the installable app (item 8), end to end in
// Chromium. axe-core comes from npm (web/node_modules, a dev dependency that
// the Makefile's `npm ci` installs); it is injected into the page by the
// test and is never part of the built site.

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

func TestAccessibility(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())

	t.Run("axe finds no serious or critical problem in the first view", func(t *testing.T) {
		s.open(t, srv.url())
		s.waitFor(t, `document.querySelectorAll("#library tbody tr").length === 2`)
		s.waitFor(t, `document.querySelector("#funnel-chart svg") !== null && document.querySelector("#trend-chart svg") !== null`)
		s.axe(t, "the first view with the practice data")
	})

	t.Run("axe finds no serious or critical problem in the real example", func(t *testing.T) {
		s.viewDataset(t, "real")
		s.axe(t, "the real example")
	})

	t.Run("axe finds no serious or critical problem in the column-mapping view", func(t *testing.T) {
		s.addFiles(t, "testdata/funnel-unrecognised.csv")
		s.waitFor(t, `document.querySelector("#import-messages button") !== null`)
		s.click(t, "#import-messages button")
		s.waitFor(t, `!document.querySelector("#mapping").hidden && document.querySelector("#mapping-force").options.length === 5`)
		s.axe(t, "the column-mapping view")
		s.click(t, "#mapping-cancel")
		s.waitFor(t, `document.querySelector("#mapping").hidden`)
	})

	t.Run("axe finds no serious or critical problem on the methods page", func(t *testing.T) {
		s.openMethods(t, srv.url())
		s.axe(t, "the methods page")
		var ids []string
		s.eval(t, `[...document.querySelectorAll("section.method")].map(s => s.id)`, &ids)
		for _, want := range []string{"rate", "wilson", "poisson", "all-forces", "trend", "year-on-year", "funnel",
			"overdispersion", "comparison", "recent-trend", "chi-square", "rank", "small-numbers"} {
			if !slices.Contains(ids, want) {
				t.Errorf("the methods page has no entry #%s (it has %v)", want, ids)
			}
		}
	})

	t.Run("the dark theme follows the system and passes axe too", func(t *testing.T) {
		s.run(t, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}))
		defer s.run(t, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}}))
		s.open(t, srv.url())
		s.viewDataset(t, "synthetic")
		s.waitFor(t, `document.querySelector("#funnel-chart svg") !== null`)
		var colours struct{ Page, Text, Chart string }
		s.eval(t, `({page: getComputedStyle(document.documentElement).backgroundColor, text: getComputedStyle(document.body).color,
			chart: getComputedStyle(document.querySelector("#funnel-chart svg")).color})`, &colours)
		if colours.Page != "rgb(18, 20, 23)" || colours.Chart != colours.Text || colours.Text == "rgb(27, 27, 27)" {
			t.Errorf("the dark theme is not applied: page %s, text %s, chart text %s", colours.Page, colours.Text, colours.Chart)
		}
		s.axe(t, "the first view in the dark theme")
		s.viewportScreenshot(t, "dark-first-view")
		s.run(t, chromedp.ScrollIntoView("#funnel-heading", chromedp.ByQuery))
		s.viewportScreenshot(t, "dark-funnel")
		s.viewDataset(t, "real")
		s.axe(t, "the real example in the dark theme")
		s.addFiles(t, "testdata/funnel-unrecognised.csv")
		s.waitFor(t, `document.querySelector("#import-messages button") !== null`)
		s.click(t, "#import-messages button")
		s.waitFor(t, `!document.querySelector("#mapping").hidden && document.querySelector("#mapping-force").options.length === 5`)
		s.axe(t, "the column-mapping view in the dark theme")
		s.run(t, chromedp.ScrollIntoView("#mapping", chromedp.ByQuery))
		s.viewportScreenshot(t, "dark-mapping")
		s.click(t, "#mapping-cancel")
		s.openMethods(t, srv.url())
		s.axe(t, "the methods page in the dark theme")
		s.viewportScreenshot(t, "dark-methods")
	})
}

// TestKeyboardAndAddress walks through the main tasks with the keyboard
// alone, keeps a view in the address, links the numbers to the methods page
// and installs the app: a browser session of its own, as a session has a
// time limit.
func TestKeyboardAndAddress(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())

	t.Run("a keyboard alone adds files, views a dataset, changes the period and sorts a table", func(t *testing.T) {
		s.open(t, srv.url())
		s.viewDataset(t, "synthetic")
		// A fresh load, so that Tab starts from the top of the page.
		s.reload(t)

		s.tabTo(t, `document.activeElement.id === "file-input"`, 10)
		s.expectFocusRing(t, `document.querySelector('label[for="file-input"]')`, "the Add files button")

		s.tabTo(t, `document.activeElement.matches("#library button") && document.activeElement.textContent === "View"`, 30)
		s.expectFocusRing(t, `document.activeElement`, "a dataset's View button")
		var name string
		s.eval(t, `document.activeElement.getAttribute("aria-label")`, &name)
		s.run(t, chromedp.KeyEvent(kb.Enter))
		s.waitFor(t, fmt.Sprintf(`document.querySelector("#library tr[aria-current] button")?.getAttribute("aria-label") === %q`, strings.Replace(name, "View ", "Viewing ", 1)))
		s.waitFor(t, `document.activeElement.id === "view-heading"`)

		s.tabTo(t, `document.activeElement.id === "period-choice"`, 160) // past the 44 boxes of the forces' checklist
		s.expectFocusRing(t, `document.activeElement`, "the period list")
		var before, after string
		s.eval(t, `document.querySelector("#period-choice").value`, &before)
		key := kb.ArrowUp
		var first bool
		s.eval(t, `document.querySelector("#period-choice").selectedIndex === 0`, &first)
		if first {
			key = kb.ArrowDown
		}
		s.run(t, chromedp.KeyEvent(key))
		s.waitFor(t, fmt.Sprintf(`document.querySelector("#period-choice").value !== %q`, before))
		// The caption names the period as its option does, in words ("1 March 2015").
		s.eval(t, `document.querySelector("#period-choice").selectedOptions[0].textContent`, &after)
		s.waitFor(t, fmt.Sprintf(`document.querySelector("#forces-caption").textContent.includes(%q) || document.querySelector("#forces-chart").textContent.includes(%q)`, after, after))

		s.tabTo(t, `document.activeElement.matches("#results th button.sort")`, 200)
		s.expectFocusRing(t, `document.activeElement`, "a column heading of the results")
		var column string
		s.eval(t, `document.activeElement.closest("th").dataset.key`, &column)
		s.run(t, chromedp.KeyEvent(kb.Enter))
		sorted := fmt.Sprintf(`document.querySelector('#results th[data-key=%q]')`, column)
		s.waitFor(t, sorted+`.getAttribute("aria-sort") === "ascending"`)
		s.waitFor(t, `document.activeElement === `+sorted+`.querySelector("button")`)
		s.run(t, chromedp.KeyEvent(kb.Enter))
		s.waitFor(t, sorted+`.getAttribute("aria-sort") === "descending"`)
		s.expectFocusRing(t, `document.activeElement`, "the sorted column's heading")
		s.viewportScreenshot(t, "keyboard-sorted")
	})

	t.Run("the view is kept in the address and comes back after a reload", func(t *testing.T) {
		s.open(t, srv.url())
		id := s.viewDataset(t, "synthetic")
		forces := []string{"E23000018", "E23000032"} // Derbyshire, Kent
		s.chooseForces(t, forces)
		s.eval(t, `(() => { const s = document.querySelector("#period-choice"); s.value = "2018/19";
			s.dispatchEvent(new Event("change")); return true; })()`, nil)
		s.eval(t, `(() => { const s = document.querySelector("#method"); s.value = "poisson";
			s.dispatchEvent(new Event("change")); return true; })()`, nil)
		s.waitFor(t, `document.querySelector("#view-summary").textContent.includes("Poisson")`)
		s.click(t, `#results th[data-key="rate"] button`)
		s.click(t, `#results th[data-key="rate"] button`)
		s.waitFor(t, `document.querySelector('#results th[data-key="rate"]').getAttribute("aria-sort") === "descending"`)

		var hash string
		s.eval(t, `location.hash`, &hash)
		params, err := url.ParseQuery(strings.TrimPrefix(hash, "#"))
		if err != nil {
			t.Fatalf("the fragment %q does not parse: %v", hash, err)
		}
		want := url.Values{"dataset": {id}, "force": forces, "period": {"2018/19"}, "method": {"poisson"}, "sort": {"rate.descending"}}
		if fmt.Sprint(params) != fmt.Sprint(want) {
			t.Errorf("the fragment holds %v, want %v", params, want)
		}
		s.expectNoFigures(t, hash)

		s.reload(t)
		s.checkView(t, id, forces, "2018/19", "poisson")
		s.screenshot(t, "view-restored")

		// The ? of a column opens its entry on the methods page; Back returns
		// to the same view.
		s.click(t, `#results th[data-key="rate"] a.method-link`)
		s.waitFor(t, `location.pathname.endsWith("/methods.html") && location.hash === "#rate" && document.querySelector("#rate-heading") !== null`)
		// Back by script: the back/forward cache may restore the page
		// without the load event chromedp.NavigateBack waits for.
		s.run(t, chromedp.Evaluate(`history.back()`, nil))
		s.waitFor(t, `location.pathname === "/" && document.body.dataset.ready === "true"`)
		s.checkView(t, id, forces, "2018/19", "poisson")

		s.eval(t, `(() => { const s = document.querySelector("#method"); s.value = "wilson";
			s.dispatchEvent(new Event("change")); return true; })()`, nil)
		s.waitFor(t, `document.querySelector("#view-summary").textContent.includes("Wilson") && location.hash.includes("method=wilson")`)
	})

	t.Run("every number's column links to its entry on the methods page", func(t *testing.T) {
		var links []string
		s.eval(t, `[...document.querySelectorAll("#results th a.method-link, #compare-table a.method-link, .trend-table a.method-link")].map(a => a.getAttribute("href") + " " + a.getAttribute("aria-label"))`, &links)
		for _, anchor := range []string{"rate", "wilson", "funnel", "overdispersion", "comparison", "rank", "recent-trend", "chi-square", "small-numbers", "trend", "year-on-year"} {
			if !slices.ContainsFunc(links, func(l string) bool { return strings.HasPrefix(l, "methods.html#"+anchor+" How is ") }) {
				t.Errorf("no link to methods.html#%s in the tables: %q", anchor, links)
			}
		}
		var title string
		s.eval(t, `[...document.querySelectorAll("#results tbody td")].find(td => td.title.startsWith("Rate per 1,000:"))?.title || ""`, &title)
		if !regexp.MustCompile(`^Rate per 1,000: [\d,]+ ÷ [\d,]+ × 1,000 = [\d.]+$`).MatchString(title) {
			t.Errorf("a rate cell's title does not work the rate through: %q", title)
		}
	})

	t.Run("the app is installable: its manifest parses and its icons load at their sizes", func(t *testing.T) {
		s.open(t, srv.url())
		var m struct {
			Status                                                      int
			Type, Name, ShortName, StartURL, Display, Theme, Background string
			Icons                                                       []struct {
				Src, Sizes, Type, ContentType string
				Status, Width, Height         int
			}
			Precached []string
		}
		s.eval(t, `(async () => {
			const r = await fetch(document.querySelector('link[rel="manifest"]').href, { cache: "no-store" });
			const m = await r.json();
			const icons = [];
			for (const i of m.icons) {
				const u = new URL(i.src, r.url);
				const res = await fetch(u, { cache: "no-store" });
				const img = new Image();
				img.src = u;
				await img.decode();
				icons.push({ src: i.src, sizes: i.sizes, type: i.type, contentType: res.headers.get("content-type"), status: res.status, width: img.naturalWidth, height: img.naturalHeight });
			}
			const precached = (await (await fetch("precache.json", { cache: "no-store" })).json()).files;
			return { status: r.status, type: r.headers.get("content-type"), name: m.name, shortName: m.short_name, startURL: m.start_url,
				display: m.display, theme: m.theme_color, background: m.background_color, icons, precached };
		})()`, &m)
		if m.Status != 200 || m.Type != "application/manifest+json" || m.Name != "FOI Explorer" || m.ShortName == "" ||
			m.StartURL != "./" || m.Display != "standalone" || m.Theme == "" || m.Background == "" {
			t.Errorf("manifest: %+v", m)
		}
		sizes := map[string]bool{}
		for _, i := range m.Icons {
			if i.Status != 200 || i.ContentType != i.Type {
				t.Errorf("icon %s: status %d, type %s (the manifest says %s)", i.Src, i.Status, i.ContentType, i.Type)
			}
			if i.Type == "image/png" {
				if got := fmt.Sprintf("%dx%d", i.Width, i.Height); got != i.Sizes {
					t.Errorf("icon %s is %s, the manifest says %s", i.Src, got, i.Sizes)
				}
				sizes[i.Sizes] = true
			}
		}
		if !sizes["192x192"] || !sizes["512x512"] {
			t.Errorf("the manifest needs PNG icons of 192 and 512 pixels: %+v", m.Icons)
		}
		for _, f := range []string{"manifest.webmanifest", "icon-192.png", "icon-512.png", "icon.svg", "methods.html"} {
			if !slices.Contains(m.Precached, f) {
				t.Errorf("the service worker does not keep %s for offline use: %v", f, m.Precached)
			}
		}
		var errs []*page.InstallabilityError
		s.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			errs, err = page.GetInstallabilityErrors().Do(ctx)
			return err
		}))
		for _, e := range errs {
			t.Errorf("Chromium says the app cannot be installed: %s %v", e.ErrorID, e.ErrorArguments)
		}
	})
}

// axe runs axe-core on the page as it is and fails on any serious or
// critical violation; lesser ones are logged.
func (s *session) axe(t *testing.T, where string) {
	t.Helper()
	var loaded bool
	s.eval(t, `typeof axe !== "undefined"`, &loaded)
	if !loaded {
		src, err := os.ReadFile(filepath.Join(repoRoot(t), "web", "node_modules", "axe-core", "axe.min.js"))
		if err != nil {
			t.Fatalf("axe-core is not installed (%v): run `make test`, which runs npm ci in web/", err)
		}
		s.run(t, chromedp.Evaluate(string(src)+"\n;true", nil))
	}
	var result struct {
		Passes     []string
		Violations []struct {
			ID, Impact, Help string
			Nodes            []string
		}
	}
	s.eval(t, `axe.run(document, { resultTypes: ["violations"] }).then(r => ({
		passes: r.passes.map(p => p.id),
		violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " ")) })) }))`, &result)
	// A check that axe ran its rules at all: these apply to every view.
	for _, rule := range []string{"color-contrast", "document-title", "html-has-lang"} {
		if !slices.Contains(result.Passes, rule) {
			t.Errorf("%s: axe did not pass %s (passed: %v)", where, rule, result.Passes)
		}
	}
	t.Logf("%s: axe passed %d rules, found %d problems", where, len(result.Passes), len(result.Violations))
	for _, v := range result.Violations {
		msg := fmt.Sprintf("%s: %s (%s) %s\n\t%s", where, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
	}
}

// viewDataset views the example dataset of the given origin ("synthetic"
// or "real") and returns its id.
func (s *session) viewDataset(t *testing.T, which string) string {
	t.Helper()
	s.waitFor(t, `document.querySelectorAll("#library tbody tr").length >= 2`)
	var d struct{ ID, Name string }
	s.eval(t, fmt.Sprintf(`(async () => {
		const d = (await (await import("./engine.js")).call("listDatasets")).find(d => d.origin === "example-%s");
		return d ? { id: d.id, name: d.name } : { id: "", name: "" };
	})()`, which), &d)
	id := d.ID
	if id == "" {
		t.Fatalf("no %s example in the library", which)
	}
	var viewing bool
	s.eval(t, fmt.Sprintf(`new URLSearchParams(location.hash.slice(1)).get("dataset") === %q`, id), &viewing)
	if !viewing {
		s.run(t, chromedp.Evaluate(fmt.Sprintf(`[...document.querySelectorAll("#library button")].find(b => b.getAttribute("aria-label") === %q).click()`, "View "+d.Name), nil))
	}
	s.waitFor(t, fmt.Sprintf(`new URLSearchParams(location.hash.slice(1)).get("dataset") === %q && document.querySelector("#results tbody tr") !== null`, id))
	return id
}

func (s *session) openMethods(t *testing.T, origin string) {
	t.Helper()
	s.run(t, chromedp.Navigate(origin+"methods.html"), chromedp.WaitVisible("#small-numbers-heading", chromedp.ByQuery))
}

// tabTo presses Tab until the condition holds, at most n times.
func (s *session) tabTo(t *testing.T, condition string, n int) {
	t.Helper()
	for range n {
		s.run(t, chromedp.KeyEvent(kb.Tab))
		var ok bool
		s.eval(t, condition, &ok)
		if ok {
			return
		}
	}
	var at string
	s.eval(t, `document.activeElement.outerHTML.slice(0, 200)`, &at)
	t.Fatalf("%d presses of Tab did not reach %s; focus is on %s", n, condition, at)
}

// expectFocusRing checks that the element shows focus: a solid outline at
// least 2 px wide.
func (s *session) expectFocusRing(t *testing.T, element, what string) {
	t.Helper()
	var ring struct {
		Style, Width, Colour string
	}
	s.eval(t, fmt.Sprintf(`(e => { const c = getComputedStyle(e); return { style: c.outlineStyle, width: c.outlineWidth, colour: c.outlineColor }; })(%s)`, element), &ring)
	px, err := strconv.ParseFloat(strings.TrimSuffix(ring.Width, "px"), 64)
	if ring.Style == "none" || err != nil || px < 2 {
		t.Errorf("%s shows no focus: outline %s %s %s", what, ring.Style, ring.Width, ring.Colour)
	}
}

// checkView checks that the page shows the given view.
func (s *session) checkView(t *testing.T, id string, forces []string, period, method string) {
	t.Helper()
	s.waitFor(t, fmt.Sprintf(`document.querySelector("#library tr[aria-current]") !== null && document.querySelector("#period-choice").value === %q`, period))
	var got struct {
		Hash, Method, Summary, Sort string
		Forces                      []string
	}
	s.eval(t, `({hash: location.hash, method: document.querySelector("#method").value, summary: document.querySelector("#view-summary").textContent,
		sort: document.querySelector('#results th[data-key="rate"]').getAttribute("aria-sort"),
		forces: `+chosenForcesJS+`})`, &got)
	if !strings.Contains(got.Hash, "dataset="+url.QueryEscape(id)) || fmt.Sprint(got.Forces) != fmt.Sprint(forces) ||
		got.Method != method || !strings.Contains(strings.ToLower(got.Summary), method) || got.Sort != "descending" {
		t.Errorf("the view was not restored: %+v", got)
	}
}

// expectNoFigures checks that a fragment holds no figure of the data: no
// decimal number, and no number but the period's years.
func (s *session) expectNoFigures(t *testing.T, hash string) {
	t.Helper()
	plain, _ := url.QueryUnescape(hash)
	if regexp.MustCompile(`\d+\.\d+`).MatchString(plain) {
		t.Errorf("the fragment holds a decimal number: %q", plain)
	}
	var counts []string
	s.eval(t, `[...new Set([...document.querySelectorAll("#results tbody td.num")].map(td => td.textContent.replace(/,/g, "")).filter(v => /^\d{3,}$/.test(v)))]`, &counts)
	for _, n := range counts {
		if regexp.MustCompile(`\b` + n + `\b`).MatchString(strings.NewReplacer("E23", "", "2018/19", "").Replace(plain)) {
			t.Errorf("the fragment holds %s, a figure of the data: %q", n, plain)
		}
	}
}

func jsList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(quoted, ",") + "]"
}

// chosenForcesJS is the keys of the forces chosen in the trend's checklist.
const chosenForcesJS = `[...document.querySelectorAll("#trend-forces-list input:checked")].map(b => b.value).filter(v => v !== "ALL")`

// chooseForces chooses exactly these forces in the trend's checklist (the
// all-forces line as it is), as a script: the keyboard's way is tested in
// TestForceChecklist.
func (s *session) chooseForces(t *testing.T, keys []string) {
	t.Helper()
	s.eval(t, fmt.Sprintf(`(() => { const list = document.querySelector("#trend-forces-list");
		for (const b of list.querySelectorAll("input")) if (b.value !== "ALL") b.checked = %s.includes(b.value);
		list.dispatchEvent(new Event("change", { bubbles: true })); return true; })()`, jsList(keys)), nil)
}
