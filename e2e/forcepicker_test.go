package e2e

// The trend's force checklist and the highlighted force (issue 17, item 4),
// end to end in Chromium: chosen by keyboard alone, started on the forces the
// funnel flags, the highlight drawn in every chart and the comparison table,
// and both kept in the address across a reload.

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The practice data's latest funnel (2023/24) flags these two forces above
// its 99.8% limit (stats/library/testdata/golden/example-synthetic).
var flaggedPractice = []string{"Derbyshire", "South Yorkshire"}

const kentKey = "E23000032"

// chosenNamesJS is the names of the forces chosen in the checklist, in its order.
const chosenNamesJS = `[...document.querySelectorAll("#trend-forces-list li:not(.all-forces) input:checked")].map(b => b.closest("label").textContent)`

// highlightedJS says which force each chart and the comparison table mark
// as highlighted ("" where none is).
const highlightedJS = `(() => {
	const named = (id) => [...new Set([...document.querySelectorAll("#" + id + " g.highlight")].map(g => (g.getAttribute("aria-description") || "?").replace("highlighted: ", "")))].join("|");
	return { trend: named("trend-chart"), forces: named("forces-chart"), funnel: named("funnel-chart"),
		row: [...document.querySelectorAll("#compare-table tr.highlighted th")].map(th => th.textContent).join("|"),
		trendWidth: document.querySelector("#trend-chart g.highlight[stroke-width]")?.getAttribute("stroke-width") || "",
		address: new URLSearchParams(location.hash.slice(1)).get("highlight") || "" };
})()`

type highlighted struct{ Trend, Forces, Funnel, Row, TrendWidth, Address string }

func TestForceChecklist(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.run(t, chromedp.EmulateViewport(1366, 900))
	s.open(t, srv.url())
	s.viewDataset(t, "synthetic")
	s.waitFor(t, `document.body.dataset.viewDrawn === "true" && document.querySelectorAll("#trend-forces-list input").length > 40`)

	t.Run("the trend starts with all forces and the forces the funnel flags", func(t *testing.T) {
		var got struct {
			Names   []string
			All     bool
			Caption string
		}
		s.eval(t, `({names: `+chosenNamesJS+`, all: document.querySelector('#trend-forces-list input[value="ALL"]').checked,
			caption: document.querySelector("#trend-caption").textContent})`, &got)
		if !slices.Equal(got.Names, flaggedPractice) || !got.All {
			t.Errorf("the trend starts with %q (all forces: %v), want the flagged %q with all forces", got.Names, got.All, flaggedPractice)
		}
		for _, name := range flaggedPractice {
			if !strings.Contains(got.Caption, name) {
				t.Errorf("the trend's caption does not name %s: %q", name, got.Caption)
			}
		}
		var legend string
		s.eval(t, `document.querySelector("#trend-forces legend").textContent`, &legend)
		if legend == "" {
			t.Error("the checklist's fieldset has no legend")
		}
	})

	t.Run("a keyboard alone finds a force, chooses it and clears the search", func(t *testing.T) {
		s.eval(t, `document.querySelector("#view-heading").focus(), true`, nil)
		s.tabTo(t, `document.activeElement.id === "trend-forces-search"`, 60)
		s.expectFocusRing(t, `document.activeElement`, "the forces' search box")
		s.run(t, chromedp.KeyEvent("ken"))
		s.waitFor(t, `[...document.querySelectorAll("#trend-forces-list li:not([hidden])")].map(li => li.textContent).join("|") === "All forces together (dashed line)|Kent"`)
		// Down from the search to the all-forces line, then to Kent.
		s.run(t, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
		s.waitFor(t, fmt.Sprintf(`document.activeElement.value === %q`, kentKey))
		s.expectFocusRing(t, `document.activeElement`, "Kent's box")
		s.run(t, chromedp.KeyEvent(" "))
		s.waitFor(t, fmt.Sprintf(`document.activeElement.checked && document.querySelector("#trend-caption").textContent.includes("Kent") &&
			new URLSearchParams(location.hash.slice(1)).getAll("force").includes(%q)`, kentKey))
		s.waitFor(t, `document.querySelector("#trend-forces-count").textContent.startsWith("3 of ")`)

		// Moving to Kent highlighted it everywhere.
		s.waitFor(t, `document.querySelector("#compare-table tr.highlighted") !== null`)
		s.expectHighlighted(t, "Kent")

		// Back up to the search; Escape clears it and shows every force again,
		// and leaves the highlight; a second Escape clears that.
		s.run(t, chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp))
		s.waitFor(t, `document.activeElement.id === "trend-forces-search"`)
		s.run(t, chromedp.KeyEvent(kb.Escape))
		s.waitFor(t, `document.querySelector("#trend-forces-search").value === "" && document.querySelectorAll("#trend-forces-list li:not([hidden])").length > 40`)
		s.expectHighlighted(t, "Kent")
		s.run(t, chromedp.KeyEvent(kb.Escape))
		s.waitFor(t, `document.querySelector("#compare-table tr.highlighted") === null`)
		s.expectHighlighted(t, "")
	})

	t.Run("a click on a force's point highlights it in every chart, a second click clears it", func(t *testing.T) {
		s.eval(t, `document.activeElement.blur(), true`, nil)
		for _, chart := range []string{"trend", "forces", "funnel"} {
			name := s.clickPoint(t, chart)
			if name == "" {
				t.Fatalf("a click on the %s chart highlighted no force", chart)
			}
			s.expectHighlighted(t, name)
			s.clickPoint(t, chart)
			s.waitFor(t, `document.querySelector("#funnel-chart g.highlight") === null`)
			s.expectHighlighted(t, "")
		}
		// Highlighted once more, for the reload below.
		s.clickPoint(t, "funnel")
	})

	t.Run("the choice and the highlight survive a reload", func(t *testing.T) {
		var before highlighted
		s.eval(t, highlightedJS, &before)
		var hash string
		s.eval(t, `location.hash`, &hash)
		params, _ := url.ParseQuery(strings.TrimPrefix(hash, "#"))
		if !slices.Contains(params["force"], kentKey) || params.Get("highlight") == "" || params.Has("all") {
			t.Errorf("the address %q does not hold the choice (Kent, the highlight, all forces shown)", hash)
		}
		s.reload(t)
		s.waitFor(t, `document.body.dataset.viewDrawn === "true" && document.querySelectorAll("#trend-forces-list input").length > 40`)
		var names []string
		s.eval(t, chosenNamesJS, &names)
		want := append(slices.Clone(flaggedPractice), "Kent")
		slices.Sort(want)
		slices.Sort(names)
		if !slices.Equal(names, want) {
			t.Errorf("after a reload the trend shows %q, want %q", names, want)
		}
		s.waitFor(t, `document.querySelector("#compare-table tr.highlighted") !== null`)
		s.expectHighlighted(t, before.Funnel)
	})

	t.Run("screenshots of the trend with its checklist", func(t *testing.T) {
		// Kent highlighted, to see the highlight in each chart.
		s.eval(t, fmt.Sprintf(`import("./highlight.js").then(m => (m.setHighlight(%q), true))`, kentKey), nil)
		s.run(t, chromedp.MouseEvent(input.MouseMoved, 1, 1))
		s.waitFor(t, `document.querySelector('#trend-chart g.highlight[aria-description="highlighted: Kent"]') !== null`)
		const trendTop = `document.querySelector("#trend-forces").closest(".controls").previousElementSibling`
		s.run(t, chromedp.EmulateViewport(1366, 900))
		s.clipScreenshot(t, "forces-checklist-1366", trendTop, `document.querySelector("#trend-caption")`)
		s.clipScreenshot(t, "forces-highlight-1366", `document.querySelector("#forces-chart")`, `document.querySelector("#funnel-caption")`)
		s.run(t, chromedp.EmulateViewport(375, 812))
		time.Sleep(300 * time.Millisecond) // a reflow; nothing is timed
		s.clipScreenshot(t, "forces-checklist-375", trendTop, `document.querySelector("#trend-caption")`)
		var overflow struct{ Picker, Page float64 }
		s.eval(t, `({picker: document.querySelector("#trend-forces").getBoundingClientRect().right, page: document.documentElement.clientWidth})`, &overflow)
		if overflow.Picker > overflow.Page+0.5 {
			t.Errorf("at 375 px the checklist runs to %.0f px, past the page's %.0f", overflow.Picker, overflow.Page)
		}
		s.run(t, chromedp.EmulateViewport(1366, 900))
	})
}

// expectHighlighted checks that the trend, the forces chart, the funnel and
// the comparison table all mark the force named name as highlighted, the
// trend's line with a thicker stroke, and that the address says so; none of
// them when name is "".
func (s *session) expectHighlighted(t *testing.T, name string) {
	t.Helper()
	var got highlighted
	deadline := time.Now().Add(5 * time.Second)
	for {
		s.eval(t, highlightedJS, &got)
		// The trend shows the highlight only for a force it draws.
		trendOK := got.Trend == name || (name != "" && got.Trend == "")
		if got.Forces == name && got.Funnel == name && got.Row == name && trendOK && (name == "") == (got.Address == "") || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if got.Forces != name || got.Funnel != name || got.Row != name || (name == "") != (got.Address == "") {
		t.Errorf("highlighted %q: forces chart %q, funnel %q, table row %q, address %q", name, got.Forces, got.Funnel, got.Row, got.Address)
	}
	if name == "" && got.Trend != "" {
		t.Errorf("no force highlighted, yet the trend highlights %q", got.Trend)
	}
	if name == "Kent" && (got.Trend != name || got.TrendWidth != "5") {
		t.Errorf("the trend chart's highlight: %q, stroke width %q; want Kent's line 5 px wide", got.Trend, got.TrendWidth)
	}
}

// clickPoint moves the mouse to a chart's first point (the trend's, the
// forces chart's or the funnel's) and clicks it, and returns the force then
// highlighted ("" for none).
func (s *session) clickPoint(t *testing.T, chart string) string {
	t.Helper()
	var at struct{ X, Y float64 }
	s.eval(t, `(() => {
		const root = document.getElementById("`+chart+`-chart");
		root.scrollIntoView({ block: "center" });
		const mark = root.querySelector("svg g[aria-label=dot] path, svg g[aria-label=dot] circle");
		const r = mark.getBoundingClientRect();
		return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
	})()`, &at)
	// Away and back: a chart drawn anew has seen no pointer yet.
	s.run(t, chromedp.MouseEvent(input.MouseMoved, 1, 1), chromedp.MouseEvent(input.MouseMoved, at.X, at.Y))
	time.Sleep(300 * time.Millisecond) // the pointer is read on the next frame; nothing is timed
	var before string
	s.eval(t, `new URLSearchParams(location.hash.slice(1)).get("highlight") || ""`, &before)
	s.run(t, chromedp.MouseClickXY(at.X, at.Y))
	s.waitFor(t, fmt.Sprintf(`(new URLSearchParams(location.hash.slice(1)).get("highlight") || "") !== %q`, before))
	var name string
	s.eval(t, `[...document.querySelectorAll("#funnel-chart g.highlight")].map(g => (g.getAttribute("aria-description") || "").replace("highlighted: ", ""))[0] || ""`, &name)
	return name
}

// clipScreenshot saves the page from the top of one element to the bottom
// of another, the width of the page.
func (s *session) clipScreenshot(t *testing.T, name, from, to string) {
	t.Helper()
	var clip struct{ X, Y, Width, Height float64 }
	s.eval(t, `(() => {
		const top = `+from+`.getBoundingClientRect();
		const bottom = `+to+`.getBoundingClientRect();
		return { x: 0, y: top.top + scrollY - 8, width: document.documentElement.clientWidth, height: bottom.bottom - top.top + 16 };
	})()`, &clip)
	var png []byte
	s.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		png, err = page.CaptureScreenshot().WithCaptureBeyondViewport(true).
			WithClip(&page.Viewport{X: clip.X, Y: clip.Y, Width: clip.Width, Height: clip.Height, Scale: 1}).Do(ctx)
		return err
	}))
	s.save(t, name, png)
}
