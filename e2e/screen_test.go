package e2e

// Any screen (issue 17, item 3): the page fits a phone, a tablet and a laptop
// in both themes, for the practice data and the real example; wide tables
// scroll in their own box, and charts are drawn anew at their container's
// width when it changes.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// screenWidths are a small phone (an iPhone SE or mini), a tablet held
// upright and the commonest laptop screen.
var screenWidths = []int64{375, 768, 1366}

func TestScreenSizes(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	for _, which := range []string{"synthetic", "real"} {
		s.viewDataset(t, which)
		s.waitFor(t, `document.body.dataset.viewDrawn === "true"`)
		for _, theme := range []string{"light", "dark"} {
			for _, width := range screenWidths {
				name := fmt.Sprintf("%s-%d-%s", which, width, theme)
				t.Run(name, func(t *testing.T) {
					s.setScreen(t, width, theme)
					s.waitForChartsToFit(t)
					s.expectNoSidewaysScroll(t, name)
					s.axe(t, name)
					s.screenshot(t, "screen-"+name)
					// The whole page is too tall to read in one image: the first
					// screen, and each chart and the comparison table as it is
					// scrolled to.
					s.viewportScreenshot(t, "screen-"+name+"-top")
					for _, part := range []string{"trend-chart", "forces-chart", "funnel-chart", "compare-table"} {
						s.run(t, chromedp.ScrollIntoView("#"+part, chromedp.ByID))
						s.viewportScreenshot(t, "screen-"+name+"-"+part)
					}
					s.run(t, chromedp.Evaluate(`scrollTo(0, 0)`, nil))
				})
			}
		}
	}
	s.setScreen(t, 1280, "light")

	t.Run("a chart is drawn anew at its container's width", func(t *testing.T) {
		s.viewDataset(t, "synthetic")
		widths := map[int64][]int{}
		for _, width := range []int64{1366, 768, 375} {
			s.setScreen(t, width, "light")
			s.waitForChartsToFit(t)
			var got []int
			s.eval(t, `["trend-chart", "forces-chart", "funnel-chart"].map(id => chartWidth(document.getElementById(id)))`, &got)
			widths[width] = got
		}
		// Each narrower screen gives each chart a narrower image; at 1366 px
		// a chart may stop at its widest (960 px), wider than a line reads well.
		for i := range widths[375] {
			if !(widths[375][i] < widths[768][i] && widths[768][i] <= widths[1366][i]) {
				t.Errorf("chart %d is %d, %d and %d px wide at 375, 768 and 1366 px: it does not follow its container", i, widths[375][i], widths[768][i], widths[1366][i])
			}
		}
		s.setScreen(t, 1280, "light")
	})

	t.Run("a chart's tip stays inside the chart on a phone", func(t *testing.T) {
		s.viewDataset(t, "synthetic")
		s.setScreen(t, 375, "light")
		s.waitForChartsToFit(t)
		for _, chart := range []string{"trend-chart", "forces-chart", "funnel-chart"} {
			s.run(t, chromedp.ScrollIntoView("#"+chart, chromedp.ByID))
			// The points nearest each edge are where a tip has least room.
			for _, edge := range []string{"top", "right", "left", "bottom"} {
				var pt struct{ X, Y float64 }
				var got struct {
					Shown bool
					Tip   string
					Past  []string
				}
				// Three tries: a chart drawn anew (its container settling to the
				// new width) under the pointer drops the tip it had.
				for try := 0; try < 3 && !got.Shown; try++ {
					s.run(t, input.DispatchMouseEvent(input.MouseMoved, 1, 1))
					s.eval(t, fmt.Sprintf(`(() => { const dots = [...document.querySelectorAll("#%s g[aria-label=dot] > *")];
					const key = { top: r => r.top, right: r => -r.right, left: r => r.left, bottom: r => -r.bottom }[%q];
					const dot = dots.sort((a, b) => key(a.getBoundingClientRect()) - key(b.getBoundingClientRect()))[0];
					dot.scrollIntoView({ block: "center" });
					const d = dot.getBoundingClientRect(); return { x: d.x + d.width / 2, y: d.y + d.height / 2 }; })()`, chart, edge), &pt)
					s.run(t, input.DispatchMouseEvent(input.MouseMoved, pt.X, pt.Y))
					for range 20 {
						s.eval(t, fmt.Sprintf(`(() => { const tip = document.querySelector("#%s g[aria-label=tip]");
						const svg = tip?.ownerSVGElement; if (!tip || !tip.getBBox().width) return { shown: false };
						const t = tip.getBoundingClientRect(), c = svg.getBoundingClientRect(); const past = [];
						if (t.left < c.left - 0.5) past.push("left"); if (t.right > c.right + 0.5) past.push("right");
						if (t.top < c.top - 0.5) past.push("top"); if (t.bottom > c.bottom + 0.5) past.push("bottom");
						return { shown: true, tip: tip.textContent, past }; })()`, chart), &got)
						if got.Shown {
							break
						}
						s.eval(t, `new Promise(r => setTimeout(() => r(true), 50))`, nil)
					}
				}
				s.viewportScreenshot(t, fmt.Sprintf("screen-tip-%s-%s", chart, edge))
				if !got.Shown {
					var under string
					s.eval(t, fmt.Sprintf(`(e => e ? e.outerHTML.slice(0, 120) : "nothing")(document.elementFromPoint(%f, %f))`, pt.X, pt.Y), &under)
					t.Errorf("%s: no tip at the point nearest the %s (%.0f, %.0f, under the pointer: %s)", chart, edge, pt.X, pt.Y, under)
				} else if len(got.Past) > 0 {
					t.Errorf("%s: the tip of the point nearest the %s runs past the chart's %v edge: %q", chart, edge, got.Past, got.Tip)
				}
			}
		}
		s.run(t, input.DispatchMouseEvent(input.MouseMoved, 0, 0))
		s.setScreen(t, 1280, "light")
	})

	if p := s.consoleProblems(); len(p) > 0 {
		t.Errorf("console problems:\n%s", strings.Join(p, "\n"))
	}
}

// setScreen makes the window width px wide (as a desktop browser's window,
// so that a page wider than it scrolls rather than being zoomed out, as a
// phone would) in the given colour scheme.
func (s *session) setScreen(t *testing.T, width int64, theme string) {
	t.Helper()
	s.run(t,
		emulation.SetDeviceMetricsOverride(width, 900, 1, false),
		emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: theme}}),
	)
	s.waitFor(t, fmt.Sprintf(`window.innerWidth === %d && matchMedia("(prefers-color-scheme: %s)").matches`, width, theme))
}

// chartWidthJS is the width of a chart's image as shown (its widest SVG: a
// legend's swatches are small ones of their own), or -1 with none: an image
// drawn wide and shrunk to fit has text too small to read.
const chartWidthJS = `window.chartWidth = (c) => Math.max(-1, ...[...c.querySelectorAll("svg")].map(svg => Math.round(svg.getBoundingClientRect().width)));`

// waitForChartsToFit waits until every chart is drawn at its container's
// width (or at most 960 px): charts are drawn anew a moment after their
// container changes size.
func (s *session) waitForChartsToFit(t *testing.T) {
	t.Helper()
	s.eval(t, chartWidthJS+"true", nil)
	// At least one chart shown: hidden, every chart would fit a width of 0.
	cond := `[...document.querySelectorAll(".chart > div")].some(c => chartWidth(c) > 0) &&
		[...document.querySelectorAll(".chart > div")].every(c => { const w = chartWidth(c);
		return w < 0 || Math.abs(w - Math.min(960, c.clientWidth)) <= 1; })`
	var ok bool
	for range 50 {
		s.eval(t, cond, &ok)
		if ok {
			return
		}
		s.eval(t, `new Promise(r => setTimeout(() => r(true), 100))`, nil)
	}
	var got []string
	s.eval(t, `[...document.querySelectorAll(".chart > div")].map(c => c.id + ": image " + chartWidth(c) + " px, container " + c.clientWidth + " px")`, &got)
	t.Errorf("the charts were not drawn to their containers' width: %s", strings.Join(got, "; "))
}

// expectNoSidewaysScroll fails when the page is wider than the window, and
// names the elements that run furthest past its right edge (not counting
// those inside a box that scrolls or clips them).
func (s *session) expectNoSidewaysScroll(t *testing.T, where string) {
	t.Helper()
	var got struct {
		ScrollWidth, InnerWidth int
		Offenders               []string
	}
	s.eval(t, `(() => {
		const W = window.innerWidth;
		const describe = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
			(e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
		const clipped = (e) => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
			if (getComputedStyle(p).overflowX !== "visible") return true; } return false; };
		const offenders = [];
		const past = (e) => e.getBoundingClientRect().right > W + 0.5 && e.checkVisibility() && !clipped(e);
		for (const e of document.body.querySelectorAll("*")) {
			const r = e.getBoundingClientRect();
			if (!past(e)) continue;
			// The innermost: an element none of whose children runs past too.
			if ([...e.children].some(past)) continue;
			offenders.push({ right: r.right, text: describe(e) + " (right edge " + Math.round(r.right) + " px, parent " + describe(e.parentElement) + "): " + (e.textContent || "").trim().slice(0, 60) });
		}
		// Text that runs out of its element (a word that cannot break).
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const range = document.createRange();
			range.selectNodeContents(n);
			const r = range.getBoundingClientRect();
			if (r.width > 0 && r.right > W + 0.5 && !clipped(n) && n.parentElement.checkVisibility()) {
				offenders.push({ right: r.right, text: "text in " + describe(n.parentElement) + " (right edge " + Math.round(r.right) + " px): " + n.textContent.trim().slice(0, 60) });
			}
		}
		// None of those: the element whose content is wider than it (an
		// absolutely placed element escapes a box that clips its parent).
		if (!offenders.length) for (const e of [document.documentElement, document.body, ...document.body.querySelectorAll("*")]) {
			if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible" && !clipped(e) && e.clientWidth > 0) {
				offenders.push({ right: e.scrollWidth - e.clientWidth, text: describe(e) + " holds " + e.scrollWidth + " px in " + e.clientWidth });
			}
		}
		offenders.sort((a, b) => b.right - a.right);
		return { scrollWidth: document.documentElement.scrollWidth, innerWidth: W, offenders: offenders.slice(0, 8).map(o => o.text) };
	})()`, &got)
	if got.ScrollWidth > got.InnerWidth {
		t.Errorf("%s: the page is %d px wide in a window of %d: it scrolls sideways. Widest:\n\t%s", where, got.ScrollWidth, got.InnerWidth, strings.Join(got.Offenders, "\n\t"))
	}
}
