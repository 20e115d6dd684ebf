package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/foi-explorer/foi-explorer/stats/examples"
)

// A first visit starts with the three ways in, and the first of them reaches
// the check of the 2018 story in one step: the real example, opened on its
// claims, with the focus there. The view's sections are links at its top,
// reachable by keyboard, and the section read is kept in the address.
func TestFirstVisitStartsSomewhere(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.run(t, chromedp.EmulateViewport(1366, 900))
	s.open(t, srv.url())
	s.waitFor(t, `document.querySelector("#start-check") !== null`)

	t.Run("the first screen holds the three ways in", func(t *testing.T) {
		var ways []struct {
			Heading string  `json:"heading"`
			Bottom  float64 `json:"bottom"`
		}
		s.eval(t, `[...document.querySelectorAll(".way")].map((w) => ({heading: w.querySelector("h3").textContent, bottom: w.getBoundingClientRect().bottom}))`, &ways)
		want := []string{"Check a figure from a story", "Explore practice data", "Add your own files"}
		if len(ways) != len(want) {
			t.Fatalf("the ways in are %+v, want %q", ways, want)
		}
		for i, w := range ways {
			if w.Heading != want[i] {
				t.Errorf("way %d is %q, want %q", i+1, w.Heading, want[i])
			}
			if w.Bottom > 900 {
				t.Errorf("%q ends at %.0f px, below the first screen of 900", w.Heading, w.Bottom)
			}
		}
		s.viewportScreenshot(t, "start-1366")
		// On a phone too, all three are on the first screen.
		s.run(t, chromedp.EmulateViewport(375, 812))
		var bottom float64
		s.eval(t, `document.querySelector(".way:last-child").getBoundingClientRect().bottom`, &bottom)
		if bottom > 812 {
			t.Errorf("at 375 × 812 the last way in ends at %.0f px, below the first screen", bottom)
		}
		s.viewportScreenshot(t, "start-375")
		s.run(t, chromedp.EmulateViewport(1366, 900))
	})

	t.Run("one step reaches the 2018 check", func(t *testing.T) {
		s.click(t, "#start-check")
		s.waitFor(t, `!document.querySelector("#claims").hidden && document.activeElement?.id === "claims-heading" && location.hash.includes("section=claims")`)
		if h := s.text(t, "#view-heading"); !strings.Contains(h, "Real reported figures") {
			t.Errorf("the view is of %q, want the real example", h)
		}
		claims := s.text(t, "#claims")
		for _, want := range []string{"485", "55,236"} {
			if !strings.Contains(claims, want) {
				t.Errorf("the check lacks %q:\n%s", want, claims)
			}
		}
		// In sight, and not under the sections' links that stay at the top.
		var at struct{ Top, Nav float64 }
		s.eval(t, `({top: document.querySelector("#claims-heading").getBoundingClientRect().top, nav: document.querySelector(".view-nav").getBoundingClientRect().bottom})`, &at)
		if at.Top < at.Nav || at.Top > 300 {
			t.Errorf("the check's heading is at %.0f px from the top of the window (the sections' links end at %.0f): not in sight", at.Top, at.Nav)
		}
		s.viewportScreenshot(t, "start-check-1366")
	})

	t.Run("the real example is loaded once, however soon it is asked for", func(t *testing.T) {
		s.waitForLong(t, `document.body.dataset.ready === "true"`, sessionTimeout/2)
		var names []string
		s.eval(t, `[...document.querySelectorAll("#library tbody tr td:first-child")].map((td) => td.textContent)`, &names)
		real, practice := 0, 0
		for _, n := range names {
			if strings.HasPrefix(n, "Real reported figures") {
				real++
			}
			if strings.HasPrefix(n, examples.SyntheticDatasetName) {
				practice++
			}
		}
		if real != 1 || practice != 1 {
			t.Errorf("the library holds %d real and %d practice examples, want one of each: %q", real, practice, names)
		}
	})

	t.Run("every section is reached by keyboard from its link, and kept in the address", func(t *testing.T) {
		// Each link of the view's sections, by Tab and Enter alone: the
		// focus goes to the section's heading, the address names it, and
		// Tab goes on into that section's own controls. The trend last, for
		// the reload below.
		for _, section := range []string{"summary", "compare", "figures", "report", "settings", "trend"} {
			s.run(t, chromedp.Focus(`.view-nav a[data-section="summary"]`, chromedp.ByQuery))
			for range 6 {
				var at string
				s.eval(t, `document.activeElement?.dataset?.section || ""`, &at)
				if at == section {
					break
				}
				s.run(t, chromedp.KeyEvent(kb.Tab))
			}
			s.run(t, chromedp.KeyEvent(kb.Enter))
			s.waitFor(t, `document.activeElement?.id === `+jsString(sectionHeading[section])+` && location.hash.includes("section=`+section+`")`)
			s.run(t, chromedp.KeyEvent(kb.Tab))
			var inside bool
			s.eval(t, `document.querySelector("#section-`+section+`").contains(document.activeElement)`, &inside)
			if !inside {
				var id string
				s.eval(t, `document.activeElement?.id || document.activeElement?.tagName`, &id)
				t.Errorf("Tab after the %s link's heading went to %q, not into the section", section, id)
			}
		}
		// Without the page's script, or in a new tab, a link still names its
		// heading.
		var href string
		s.eval(t, `document.querySelector('.view-nav a[data-section="report"]').getAttribute("href")`, &href)
		if href != "#report-heading" {
			t.Errorf("the import report's link goes to %q", href)
		}
	})

	t.Run("a reload comes back to the section", func(t *testing.T) {
		s.reload(t)
		s.waitFor(t, `document.body.dataset.viewDrawn === "true" && document.querySelector("#view-heading").textContent.includes("Real reported figures")`)
		s.waitFor(t, `(r => r.top > 0 && r.top < 150)(document.querySelector("#trend-heading").getBoundingClientRect())`)
	})

	t.Run("the practice data is one step too", func(t *testing.T) {
		s.click(t, "#start-practice")
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes(`+jsString(examples.SyntheticDatasetName)+`) && document.activeElement?.id === "summary-heading"`)
	})
}

// sectionHeading is the heading each section's link moves the focus to.
var sectionHeading = map[string]string{
	"summary": "summary-heading", "trend": "trend-heading", "compare": "compare-heading",
	"figures": "figures-heading", "report": "report-heading", "settings": "settings-heading",
}

// An example deleted and then asked for again from its card, in the same
// page, is loaded again: the page must not open the copy it loaded earlier,
// which is gone.
func TestDeletedExampleIsLoadedAgain(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	s.waitForLong(t, `document.body.dataset.ready === "true"`, 2*time.Minute)
	var deleted string
	s.eval(t, `(async () => {
		const { call } = await import("./engine.js");
		const { refreshLibrary } = await import("./datasets.js");
		const d = (await call("listDatasets")).find((d) => d.origin === "example-real");
		await call("deleteDataset", { datasetId: d.id });
		await refreshLibrary();
		return d.id;
	})()`, &deleted)
	s.click(t, "#start-check")
	s.waitForLong(t, `location.hash.includes("section=claims") && document.querySelector("#view-heading").textContent.includes("Real reported figures")`, 30*time.Second)
	var after struct {
		Viewing string
		Stored  bool
		Errors  string
	}
	s.eval(t, `(async () => {
		const { call } = await import("./engine.js");
		const { state } = await import("./state.js");
		const list = await call("listDatasets");
		return { viewing: state.viewing, stored: list.some((d) => d.id === state.viewing && d.origin === "example-real"),
			errors: [...document.querySelectorAll(".message.error")].map((m) => m.textContent).join(" | ") };
	})()`, &after)
	if after.Viewing == deleted || !after.Stored || after.Errors != "" {
		t.Errorf("the check opened %q (the deleted copy was %q), stored %v; errors: %s", after.Viewing, deleted, after.Stored, after.Errors)
	}
	checkNoProblems(t, s)
}
