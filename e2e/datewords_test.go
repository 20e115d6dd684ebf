package e2e

// Dates in words (issue 17, item 6): every sentence of the view that a
// reader may quote names a date as a newspaper prints it, "17 January
// 2018", whether the engine wrote it (findings, claims, alt texts) or the
// page did (captions, the export form's title, the trend's changes); the
// tables keep the ISO dates that sort.

import (
	"regexp"
	"strings"
	"testing"
)

var isoDate = regexp.MustCompile(`\b\d{4}-\d{2}(-\d{2})?\b`)

func TestSentencesNameDatesInWords(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	s.viewDataset(t, "real")
	s.eval(t, `(() => { const p = document.querySelector("#period-choice"); p.value = "2018-01-17";
		p.dispatchEvent(new Event("change")); return true; })()`, nil)
	s.click(t, "#trend-forces-all")
	s.waitFor(t, `document.querySelector("#trend-forces-count").textContent.startsWith(document.querySelectorAll("#trend-forces-list li:not(.all-forces)").length + " of")`)
	s.waitFor(t, `document.body.dataset.viewDrawn === "true" && /\b2018\b/.test(document.querySelector("#forces-caption").textContent)`)

	var texts map[string][]string
	s.eval(t, `(() => {
		const texts = (selector) => [...document.querySelectorAll(selector)].map(e => e.textContent).filter(Boolean);
		return {
			findings: texts("#findings li > span"),
			claims: texts("#claims-list li"),
			captions: texts("#trend-caption, #forces-caption, #funnel-caption, #overdispersion"),
			alt: [...document.querySelectorAll("#trend-chart [aria-label], #forces-chart [aria-label], #funnel-chart [aria-label]")]
				.map(e => e.getAttribute("aria-label")).filter(a => a.length > 20),
			exportForm: [...document.querySelectorAll(".chart-export-slot input[type=text], .chart-export-slot textarea")].map(e => e.value).filter(Boolean),
			changes: texts("#trend-table-wrap td"),
			periodChoice: texts("#period-choice option"),
			tableDates: texts("#results tbody td"),
		};
	})()`, &texts)
	for _, part := range []string{"findings", "claims", "captions", "alt", "exportForm", "changes", "periodChoice"} {
		if len(texts[part]) == 0 {
			t.Errorf("no %s to read", part)
		}
		for _, text := range texts[part] {
			if d := isoDate.FindString(text); d != "" {
				t.Errorf("%s: the date %s is written as a table writes it: %q", part, d, text)
			}
		}
	}
	for _, part := range []string{"findings", "captions", "exportForm"} {
		if !strings.Contains(strings.Join(texts[part], "\n"), "17 January 2018") {
			t.Errorf("%s never name 17 January 2018: %q", part, texts[part])
		}
	}
	if !strings.Contains(strings.Join(texts["tableDates"], "|"), "2018-01-17") {
		t.Errorf("the results table no longer has the ISO date 2018-01-17")
	}
}
