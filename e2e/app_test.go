package e2e

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/police"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// expectedResultsCSV is results.csv as package stats computes it natively for
// a file, with the default (Wilson) method: what the page must produce.
func expectedResultsCSV(t *testing.T, path string) []byte {
	t.Helper()
	return expectedResultsCSVWith(t, path, stats.Wilson)
}

func expectedResultsCSVWith(t *testing.T, path string, method stats.Method) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	name := path[strings.LastIndex(path, "/")+1:]
	table, err := ingest.ReadTable(name, f)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.WriteResultsCSV(&b, report.ResultRows(analysis.Compute(table, method))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// expectedCombinedCSV is results.csv as stats computes it natively for files
// added together.
func expectedCombinedCSV(t *testing.T, paths ...string) []byte {
	t.Helper()
	var tables []*cube.Table
	var names []string
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		name := p[strings.LastIndex(p, "/")+1:]
		table, err := ingest.ReadTable(name, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, table)
		names = append(names, name)
	}
	combined, _ := analysis.Combine(strings.Join(names, " and "), tables, analysis.PairContainingOrLatest)
	var b bytes.Buffer
	if err := report.WriteResultsCSV(&b, report.ResultRows(analysis.Compute(combined, stats.Wilson))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestUserSession follows one person through the app in one browser profile:
// the first visit, adding a file, downloading results.csv, reloading, a bad
// file beside a good one, and opening the app with the server gone.
func TestUserSession(t *testing.T) {
	// The session imports 400,000 rows and reloads offline onto them; on a
	// loaded 2-core machine that alone passed the default 4 minutes.
	saved := sessionTimeout
	sessionTimeout = 12 * time.Minute
	defer func() { sessionTimeout = saved }()
	srv := newServer(t)
	s := newSession(t, srv.url())

	t.Run("first visit shows the examples", func(t *testing.T) {
		s.open(t, srv.url())
		s.waitFor(t, `document.querySelectorAll("#library tbody tr").length === 2`)
		s.waitFor(t, `document.querySelector("#trend-chart svg") !== null && document.querySelector("#forces-chart svg") !== null`)
		if mark := s.text(t, "#view-mark"); !strings.Contains(mark, examples.SyntheticMark) {
			t.Errorf("the synthetic example is not marked: %q", mark)
		}
		s.click(t, "#results button.show-all")
		var rows int
		s.eval(t, `document.querySelectorAll("#results tbody tr").length`, &rows)
		if rows != 43*10+10 {
			t.Errorf("results table has %d rows, want 440 (43 forces × 10 years + 10 all-forces rows)", rows)
		}
		var ms struct{ Early, Engine, First, Ready string }
		s.eval(t, `({early: document.body.dataset.earlyViewMs, engine: document.body.dataset.engineReadyMs, first: document.body.dataset.firstViewMs, ready: document.body.dataset.readyMs})`, &ms)
		t.Logf("first visit, ms after navigation started: view made at build time drawn %s, the engine's first answer %s, the engine's view %s, everything done %s", ms.Early, ms.Engine, ms.First, ms.Ready)
		if ms.Early == "" {
			t.Error("the first visit did not draw the view made at build time")
		}
		s.screenshot(t, "first-visit")
		s.run(t, chromedp.ScrollIntoView("#view", chromedp.ByQuery))
		s.viewportScreenshot(t, "first-visit-results")
	})

	t.Run("the funnel plot and findings compare the forces", func(t *testing.T) {
		s.waitFor(t, `document.querySelector("#funnel-chart svg") !== null`)
		var counts struct{ Table, Findings, Points int }
		s.eval(t, `({table: document.querySelectorAll("#compare-table tbody tr").length,
			findings: document.querySelectorAll("#findings li").length,
			points: document.querySelectorAll("#funnel-chart svg g[aria-label=dot] path, #funnel-chart svg g[aria-label=dot] circle").length})`, &counts)
		if counts.Table != 43 || counts.Findings != 44 || counts.Points != 43 {
			t.Errorf("funnel view: %d table rows, %d findings, %d points; want 43, 44 (with all forces), 43", counts.Table, counts.Findings, counts.Points)
		}
		var alt string
		s.eval(t, `document.querySelector("#funnel-chart svg").getAttribute("aria-label")`, &alt)
		if !strings.HasPrefix(alt, "Funnel plot for 2023/24") || !strings.Contains(alt, "within the limits") {
			t.Errorf("funnel alt text: %q", alt)
		}
		if od := s.text(t, "#overdispersion"); !strings.Contains(od, "φ =") {
			t.Errorf("overdispersion statement: %q", od)
		}
		// Every finding on the page follows its row's statistics.
		var rows []struct{ Finding, Comparison, TrendDirection string }
		s.eval(t, `[...document.querySelectorAll("#compare-table tbody tr")].map((tr) => {
			const name = tr.cells[0].textContent;
			const li = [...document.querySelectorAll("#findings li span")].find((s) => s.textContent.replace(/^\[[^\]]*\] /, "").startsWith(name + ", "));
			return {finding: li ? li.textContent : "", comparison: tr.cells[6].textContent.split(" ")[0], trendDirection: tr.cells[8].textContent.split(";")[0]};
		})`, &rows)
		if len(rows) != 43 {
			t.Fatalf("%d rows read from the comparison table", len(rows))
		}
		for _, r := range rows {
			for word, ok := range map[string]bool{
				"higher than": r.Comparison == "higher", "lower than": r.Comparison == "lower", "similar to": r.Comparison == "similar",
				"rising": r.TrendDirection == "increasing", "falling": r.TrendDirection == "decreasing",
			} {
				if strings.Contains(r.Finding, word) != ok {
					t.Errorf("finding %q says %q = %v; the row says comparison %q, trend %q", r.Finding, word, !ok, r.Comparison, r.TrendDirection)
				}
			}
		}
		s.run(t, chromedp.ScrollIntoView("#funnel-heading", chromedp.ByQuery))
		s.viewportScreenshot(t, "funnel")
		s.run(t, chromedp.ScrollIntoView("#findings-heading", chromedp.ByQuery))
		s.viewportScreenshot(t, "findings")
	})

	t.Run("every chart exports as SVG and PNG with its words and alt text", func(t *testing.T) {
		for _, chart := range []string{"trend", "forces", "funnel"} {
			checkChartExport(t, s, chart, examples.SyntheticMark)
		}
		var alt struct{ Trend, Forces, Funnel string }
		s.eval(t, `({trend: document.querySelector("#trend-export-alt").value, forces: document.querySelector("#forces-export-alt").value,
			funnel: document.querySelector("#funnel-export-alt").value})`, &alt)
		for chart, want := range map[string]string{
			alt.Trend: "Avon and Somerset: ", alt.Forces: "The rates of 43 forces in 2023/24", alt.Funnel: "Funnel plot for 2023/24",
		} {
			if !strings.Contains(chart, want) {
				t.Errorf("alt text %q lacks the engine's words %q", chart, want)
			}
			if !strings.Contains(strings.ToLower(chart), examples.SyntheticMark) {
				t.Errorf("alt text %q does not say the data is synthetic", chart)
			}
		}
		s.run(t, chromedp.ScrollIntoView("#trend-export", chromedp.ByQuery))
		s.viewportScreenshot(t, "chart-export-form")
	})

	t.Run("results.json holds the rows of results.csv with the method and the version", func(t *testing.T) {
		s.waitFor(t, `!document.querySelector("#download-json").disabled`)
		csvBytes := s.downloadFile(t, "#download-csv", "results.csv")
		file := checkResultsJSON(t, s.downloadFile(t, "#download-json", "results.json"), csvBytes)
		if file.Method != "wilson" || file.Mark != examples.SyntheticMark || len(file.Rows) != 43*10+10 {
			t.Errorf("results.json of the practice data: method %q, mark %q, %d rows; want wilson, %q, 440", file.Method, file.Mark, len(file.Rows), examples.SyntheticMark)
		}
	})

	t.Run("the real example shows its figures with their sources", func(t *testing.T) {
		s.click(t, `#library button[aria-label^="View Real reported figures"]`)
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("Real reported figures")`)
		var sources int
		s.eval(t, `document.querySelectorAll("#view-sources tbody tr").length`, &sources)
		if want := len(examples.ReportedFigures()); sources != want {
			t.Errorf("sources table has %d rows, want %d", sources, want)
		}
		if mark := s.text(t, "#view-summary"); strings.Contains(mark, examples.SyntheticMark) {
			t.Errorf("the real example is marked synthetic: %q", mark)
		}
		claims := s.text(t, "#claims")
		for _, want := range []string{
			"485 as at 17 January 2018 against 396 as at 1 March 2015 is a change of +89 (+22.5%)",
			"41 forces responded as at 17 January 2018, 39 forces responded as at 1 March 2015",
			"485 against 55,236 is 8.78 per 1,000",
			"A United Kingdom numerator against an England and Wales denominator",
		} {
			if !strings.Contains(claims, want) {
				t.Errorf("the claim check lacks %q:\n%s", want, claims)
			}
		}
		s.click(t, "#view-sources summary")
		s.screenshot(t, "real-example")
		// Its charts' exports, with day-dated periods ("Jan 2018"), are
		// readable as they are: no text over another, and the trend's
		// title names the measure and the span, not the dataset.
		for _, chart := range []string{"trend", "forces"} {
			s.eval(t, `document.querySelector("#`+chart+`-export details").open = true`, nil)
			var title string
			s.eval(t, `document.getElementById("`+chart+`-export-title").value`, &title)
			if strings.Contains(title, "Real reported figures") || !strings.HasPrefix(title, "Missing per 1,000 registered offenders") {
				t.Errorf("the real example's %s export is titled %q", chart, title)
			}
			svg := s.downloadFile(t, "#"+chart+"-export-svg", chart+"-chart.svg")
			s.saveFile(t, "real-export-"+chart+".svg", svg)
			checkNoOverlap(t, s, chart, string(svg))
		}
	})

	const fixture = "testdata/forces-2016-2019.csv"
	t.Run("a CSV added through the file input gives the same results as stats", func(t *testing.T) {
		s.addFiles(t, fixture)
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("forces-2016-2019")`)
		s.waitFor(t, `!document.querySelector("#download-csv").disabled`)
		got := s.downloadFile(t, "#download-csv", "results.csv")
		want := expectedResultsCSV(t, fixture)
		if diff := compareResultsCSV(got, want); diff != "" {
			t.Errorf("downloaded results.csv differs from stats: %s\n got: %s\nwant: %s", diff, got, want)
		}
		checkPageTable(t, s, want)
		s.screenshot(t, "imported-file")
	})

	t.Run("Download data CSV saves the cube as read", func(t *testing.T) {
		got := s.downloadFile(t, "#download-data", "data.csv")
		b, err := os.ReadFile(fixture)
		if err != nil {
			t.Fatal(err)
		}
		table, err := ingest.ReadTable(filepath.Base(fixture), bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := report.WriteDataCSV(&want, []*cube.Table{table}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("data.csv differs from report.WriteDataCSV:\n got: %s\nwant: %s", got, want.Bytes())
		}
		if !bytes.HasPrefix(got, []byte("force_code,force_name,period,measure,value,")) {
			t.Errorf("data.csv does not start with its contract columns: %.80s", got)
		}
	})

	t.Run("the Poisson setting changes the page and the export alike", func(t *testing.T) {
		s.run(t, chromedp.SetValue("#method", "poisson", chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelector("#method").dispatchEvent(new Event("change"))`, nil))
		s.waitFor(t, `document.querySelector("#view-summary").textContent.includes("Poisson")`)
		got := s.downloadFile(t, "#download-csv", "results.csv")
		want := expectedResultsCSVWith(t, fixture, stats.Poisson)
		if diff := compareResultsCSV(got, want); diff != "" {
			t.Errorf("Poisson results.csv differs from stats: %s\n got: %s\nwant: %s", diff, got, want)
		}
		checkPageTable(t, s, want)
		s.run(t, chromedp.SetValue("#method", "wilson", chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelector("#method").dispatchEvent(new Event("change"))`, nil))
		s.waitFor(t, `document.querySelector("#view-summary").textContent.includes("Wilson")`)
	})

	t.Run("a messy file reads with a health report and issues.csv", func(t *testing.T) {
		s.addFiles(t, "testdata/messy-semicolon-windows1252.csv")
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("messy-semicolon")`)
		health := s.text(t, "#file-health")
		for _, want := range []string{"Windows-1252", "semicolon", "CRLF", "header on line 4", "4 rows read, 3 kept, 1 skipped"} {
			if !strings.Contains(health, want) {
				t.Errorf("health report %q lacks %q", health, want)
			}
		}
		got := s.downloadFile(t, "#download-issues", "issues.csv")
		records, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, r := range records[1:] {
			codes = append(codes, r[1]+":"+r[4])
		}
		want := "1:title-rows 7:suppressed 8:note-row"
		if strings.Join(codes, " ") != want {
			t.Errorf("issues.csv lines and codes = %q, want %q\n%s", strings.Join(codes, " "), want, got)
		}
		checkPageTable(t, s, expectedResultsCSV(t, "testdata/messy-semicolon-windows1252.csv"))
		s.screenshot(t, "messy-file")
	})

	t.Run("a numerator file and a denominator file added together are paired", func(t *testing.T) {
		files := []string{"testdata/missing-2018-foi.csv", "testdata/registered-mappa-2016-17.csv"}
		s.addFiles(t, files...)
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("missing-2018-foi and registered-mappa-2016-17")`)
		got := s.downloadFile(t, "#download-csv", "results.csv")
		want := expectedCombinedCSV(t, files...)
		if diff := compareResultsCSV(got, want); diff != "" {
			t.Errorf("results.csv of the pair differs from stats: %s\n got: %s\nwant: %s", diff, got, want)
		}
		if !bytes.Contains(got, []byte("E23000018,Derbyshire,2018-01-17,7,1154,6.06585788561525")) {
			t.Errorf("Derbyshire's paired rate is not 7 of 1,154:\n%s", got)
		}
		// The pairings are listed behind their count, in the settings.
		s.run(t, chromedp.Click("#pairings-count", chromedp.ByQuery))
		pairings := s.text(t, "#pairings")
		if !strings.Contains(pairings, "Derbyshire: the figure as at 17 January 2018 (missing-2018-foi.csv) is paired with the denominator for the financial year 2016/17 (registered-mappa-2016-17.csv), the latest before it") {
			t.Errorf("pairings listed: %q", pairings)
		}
		s.screenshot(t, "paired-files")
	})

	t.Run("a denominator file added later to the dataset is paired with it", func(t *testing.T) {
		s.addFiles(t, "testdata/missing-2018-foi.csv")
		s.waitFor(t, `document.querySelector("#view-heading").textContent.endsWith("missing-2018-foi")`)
		path, err := filepath.Abs("testdata/registered-mappa-2016-17.csv")
		if err != nil {
			t.Fatal(err)
		}
		s.run(t, chromedp.SetUploadFiles("#add-to-dataset", []string{path}, chromedp.ByQuery))
		s.waitFor(t, `document.querySelector("#pairings").textContent.includes("Derbyshire")`)
		got := s.downloadFile(t, "#download-csv", "results.csv")
		if !bytes.Contains(got, []byte("E23000018,Derbyshire,2018-01-17,7,1154,6.06585788561525")) {
			t.Errorf("after adding the registered counts:\n%s", got)
		}
	})

	t.Run("a file whose header is not recognised is imported by choosing its columns", func(t *testing.T) {
		const file = "testdata/funnel-unrecognised.csv"
		s.addFiles(t, file)
		s.waitFor(t, `document.querySelector("#import-messages button") !== null`)
		s.click(t, "#import-messages button")
		s.waitFor(t, `!document.querySelector("#mapping").hidden && document.querySelector("#mapping-force").options.length === 5`)
		s.screenshot(t, "mapping")
		s.run(t,
			chromedp.SetValue("#mapping-force", "0", chromedp.ByQuery),
			chromedp.SetValue("#mapping-numerator", "1", chromedp.ByQuery),
			chromedp.SetValue("#mapping-denominator", "2", chromedp.ByQuery),
			chromedp.SetValue("#mapping-fixed-period", "2019/20", chromedp.ByQuery))
		s.click(t, "#mapping-import")
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("funnel-unrecognised")`)
		got := s.downloadFile(t, "#download-csv", "results.csv")
		want := mappedResultsCSV(t, file, ingest.Mapping{HeaderLine: 1, Force: 0, Period: -1, Numerator: 1, Denominator: 2, FixedPeriod: "2019/20"})
		if diff := compareResultsCSV(got, want); diff != "" {
			t.Errorf("results.csv of the mapped file differs from stats: %s\n got: %s\nwant: %s", diff, got, want)
		}

		// The choice can be changed later, in place.
		s.click(t, "#remap button")
		s.waitFor(t, `!document.querySelector("#mapping").hidden && document.querySelector("#mapping-fixed-period").value === "2019/20"`)
		s.run(t, chromedp.SetValue("#mapping-fixed-period", "2020/21", chromedp.ByQuery))
		s.click(t, "#mapping-import")
		s.waitFor(t, `document.querySelector("#mapping").hidden && [...document.querySelectorAll("#results tbody td")].some(td => td.textContent === "2020/21")`)
	})

	t.Run("rows a category each are added up, and one category can be chosen", func(t *testing.T) {
		const file = "testdata/outcomes-by-category.csv"
		s.addFiles(t, file)
		// Its header names no column the reader knows, but its columns say
		// what they are: reported_by holds forces, n counts. Every category
		// is added up: Kent's 2015 is 120 + 40 + 300.
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("outcomes-by-category") && !document.querySelector("#download-csv").disabled`)
		all := s.downloadFile(t, "#download-csv", "results.csv")
		if !bytes.Contains(all, []byte(",Kent,2015,460,")) {
			t.Errorf("Kent 2015 is not the sum of all its rows:\n%s", all)
		}
		// The columns taken by what they hold can be chosen by hand, and
		// one category counted.
		s.click(t, "#remap button")
		s.waitFor(t, `!document.querySelector("#mapping").hidden && !document.querySelector("#mapping-filters").hidden && document.querySelector("#mapping-filter-2") !== null`)
		s.run(t,
			chromedp.SetValue("#mapping-force", "3", chromedp.ByQuery),
			chromedp.SetValue("#mapping-period", "0", chromedp.ByQuery),
			chromedp.SetValue("#mapping-numerator", "1", chromedp.ByQuery),
			chromedp.SetValue("#mapping-denominator", "-1", chromedp.ByQuery))
		s.eval(t, `(() => { for (const o of document.querySelector("#mapping-filter-2").options) o.selected = o.value === "Burglary"; return true; })()`, nil)
		s.screenshot(t, "mapping-categories")
		s.click(t, "#mapping-import")
		// The same dataset is drawn again, with its burglaries only.
		s.waitFor(t, `document.querySelector("#mapping").hidden && [...document.querySelectorAll("#results tbody tr")].some((tr) => tr.textContent.includes("Kent") && tr.textContent.includes("160")) && !document.querySelector("#download-csv").disabled`)
		got := s.downloadFile(t, "#download-csv", "results.csv")
		want := mappedResultsCSV(t, file, ingest.Mapping{HeaderLine: 1, Force: 3, Period: 0, Numerator: 1, Denominator: -1,
			Filters: []ingest.Filter{{Column: 2, Values: []string{"Burglary"}}}})
		if diff := compareResultsCSV(got, want); diff != "" {
			t.Errorf("results.csv differs from stats: %s\n got: %s\nwant: %s", diff, got, want)
		}
		// Kent's burglaries in 2015: 120 + 40.
		if !bytes.Contains(got, []byte(",Kent,2015,160,")) {
			t.Errorf("Kent 2015 is not the sum of its burglary rows:\n%s", got)
		}
	})

	t.Run("a file of records is counted a row each, by financial year", func(t *testing.T) {
		const file = "testdata/records.csv"
		s.addFiles(t, file)
		// It has no column of counts, so each row is counted as one event,
		// by the day it was recorded; the columns can then be chosen by
		// hand to count by financial year.
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("records") && !document.querySelector("#download-csv").disabled`)
		s.click(t, "#remap button")
		s.waitFor(t, `!document.querySelector("#mapping").hidden && document.querySelector("#mapping-file").textContent === "records.csv"`)
		s.run(t,
			chromedp.SetValue("#mapping-force", "1", chromedp.ByQuery),
			chromedp.SetValue("#mapping-period", "2", chromedp.ByQuery),
			chromedp.SetValue("#mapping-numerator", "rows", chromedp.ByQuery),
			chromedp.SetValue("#mapping-denominator", "-1", chromedp.ByQuery),
			chromedp.SetValue("#mapping-bucket", "financial-year", chromedp.ByQuery))
		s.click(t, "#mapping-import")
		s.waitFor(t, `document.querySelector("#mapping").hidden && [...document.querySelectorAll("#results tbody td")].some((td) => td.textContent === "2017/18") && !document.querySelector("#download-csv").disabled`)
		got := s.downloadFile(t, "#download-csv", "results.csv")
		// Kent: one record in 2016/17 (30 March 2017), two in 2017/18.
		for _, want := range []string{",Kent,2016/17,1,", ",Kent,2017/18,2,", ",Essex,2017/18,1,", ",Essex,2018/19,2,"} {
			if !bytes.Contains(got, []byte(want)) {
				t.Errorf("results.csv lacks %q:\n%s", want, got)
			}
		}
	})

	t.Run("a police.uk file is counted by its header, and its crime types can be chosen", func(t *testing.T) {
		const file = "testdata/police-uk-street.csv"
		s.addFiles(t, file)
		// Recognised by its header: each row counted, by the force it
		// falls within and its month, with no columns chosen, and the
		// file's report says so.
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("police-uk-street") && !document.querySelector("#download-csv").disabled && document.querySelector("#file-health").textContent.includes("Read as police.uk street-level crime records")`)
		all := s.downloadFile(t, "#download-csv", "results.csv")
		// awk -F, 'NR>1 {c[$4" "$2]++} END {for (k in c) print k, c[k]}' testdata/police-uk-street.csv
		for _, want := range []string{",Avon and Somerset,2019-01,2,", ",Avon and Somerset,2019-02,1,", ",Bedfordshire,2019-01,1,", ",Bedfordshire,2019-02,2,", "street-level crimes and anti-social behaviour"} {
			if !bytes.Contains(all, []byte(want)) {
				t.Errorf("results.csv lacks %q:\n%s", want, all)
			}
		}
		// Its crime types are offered in the column mapping, which opens
		// with the file's own columns chosen.
		s.click(t, "#remap button")
		s.waitFor(t, `!document.querySelector("#mapping").hidden && document.querySelector("#mapping-filter-9") !== null && document.querySelector("#mapping-numerator").value === "rows" && document.querySelector("#mapping-force").value === "3"`)
		s.eval(t, `(() => { for (const o of document.querySelector("#mapping-filter-9").options) o.selected = o.value === "Burglary"; return true; })()`, nil)
		s.click(t, "#mapping-import")
		s.waitFor(t, `document.querySelector("#mapping").hidden && !document.querySelector("#download-csv").disabled && document.querySelector("#measure-numerator").placeholder === "street-level crimes (Crime type: Burglary)"`)
		got := s.downloadFile(t, "#download-csv", "results.csv")
		want := mappedResultsCSV(t, file, ingest.Mapping{HeaderLine: 1, Force: 3, Period: 1, Numerator: -1, Denominator: -1, CountRows: true,
			Filters: []ingest.Filter{{Column: 9, Values: []string{"Burglary"}}}})
		if diff := compareResultsCSV(got, want); diff != "" {
			t.Errorf("results.csv differs from stats: %s\n got: %s\nwant: %s", diff, got, want)
		}
		// awk -F, 'NR>1 && $10 == "Burglary" {c[$4" "$2]++} END {for (k in c) print k, c[k]}' testdata/police-uk-street.csv
		for _, want := range []string{",Avon and Somerset,2019-01,1,", ",Avon and Somerset,2019-02,1,", ",Bedfordshire,2019-02,1,", "street-level crimes (Crime type: Burglary)"} {
			if !bytes.Contains(got, []byte(want)) {
				t.Errorf("results.csv lacks %q:\n%s", want, got)
			}
		}
	})

	t.Run("the page asks whether a wide file's values are numerators or denominators", func(t *testing.T) {
		// Neither file says what its values are: both are taken as numerators,
		// and the page asks.
		s.addFiles(t, "testdata/counts-per-year.csv", "testdata/sizes-per-year.csv")
		s.waitFor(t, `!document.querySelector("#values-choice").hidden && document.querySelectorAll("#values-choice .warning").length === 2`)
		s.run(t, chromedp.SetValue("#values-1", "denominator", chromedp.ByQuery))
		s.eval(t, `document.querySelector("#values-1").dispatchEvent(new Event("change")) || true`, nil)
		s.waitFor(t, `document.querySelectorAll("#values-choice .warning").length === 1 && [...document.querySelectorAll("#results tbody td")].some((td) => td.textContent === "950")`)
		got := s.downloadFile(t, "#download-csv", "results.csv")
		// Kent 2017: 11 of 950.
		if !bytes.Contains(got, []byte(",Kent,2017,11,950,11.578947368421")) {
			t.Errorf("Kent 2017 is not 11 of 950 after the choice:\n%s", got)
		}
		s.screenshot(t, "values-choice")
	})

	t.Run("a name that matches no force is mapped by hand, and the choice is kept", func(t *testing.T) {
		s.addFiles(t, "testdata/staffs-short-name.csv")
		s.waitFor(t, `!document.querySelector("#names").hidden && document.querySelector("#names-list select") !== null`)
		s.run(t, chromedp.SetValue(`#names-list select[data-name="Staffs"]`, "E23000015", chromedp.ByQuery))
		s.click(t, "#names-save")
		s.waitFor(t, `[...document.querySelectorAll("#results tbody td")].some(td => td.textContent === "E23000015")`)
		got := s.downloadFile(t, "#download-csv", "results.csv")
		if !bytes.Contains(got, []byte("E23000015,Staffordshire,2018,5,1180,")) {
			t.Errorf("results.csv after mapping Staffs:\n%s", got)
		}
	})

	t.Run("formulas in names are neutralised in the CSVs and stay text in results.json and the charts", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), `=HYPERLINK("x") injection.csv`)
		if err := os.WriteFile(path, []byte(injectionCSV), 0o644); err != nil {
			t.Fatal(err)
		}
		s.addFiles(t, path)
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("HYPERLINK") && !document.querySelector("#download-json").disabled`)
		csvBytes := s.downloadFile(t, "#download-csv", "results.csv")
		checkNeutralised(t, csvBytes)
		file := checkResultsJSON(t, s.downloadFile(t, "#download-json", "results.json"), csvBytes)
		found := false
		for _, row := range file.Rows {
			found = found || row["force_name"] == `=cmd|' /C calc'!A0`
		}
		if !found {
			t.Error("results.json does not give the name =cmd|' /C calc'!A0 as written")
		}
		records, err := csv.NewReader(bytes.NewReader(s.downloadFile(t, "#download-issues", "issues.csv"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		unmatched := 0
		for _, r := range records[1:] {
			if r[0] != `'=HYPERLINK("x") injection.csv` {
				t.Errorf("issues.csv file cell %q is not neutralised", r[0])
			}
			if _, err := strconv.Atoi(r[1]); r[1] != "" && err != nil {
				t.Errorf("issues.csv line %q is not a number", r[1])
			}
			if r[4] == "unmatched-force" {
				unmatched++
			}
		}
		if unmatched < 3 {
			t.Errorf("issues.csv notes %d unmatched names, want at least 3:\n%q", unmatched, records)
		}
		svg := checkChartExport(t, s, "forces", "")
		for _, name := range []string{"=cmd|' /C calc'!A0", "<img src=x onerror=alert(1)>", "@SUM(A1)"} {
			if !strings.Contains(svg.Text, name) {
				t.Errorf("the forces chart's SVG lacks the name %q as text", name)
			}
		}
		if svg.Elements["img"] {
			t.Error("a force name became an <img> element in the SVG")
		}
	})

	t.Run("pasted CSV text imports like a file", func(t *testing.T) {
		s.click(t, "details.paste summary")
		s.run(t, chromedp.SetValue("#paste-text", "Force,Year,Missing,Registered\nDerbyshire,2016/17,7,1154\n", chromedp.ByQuery))
		s.click(t, "#paste-import")
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("pasted")`)
		s.waitFor(t, `[...document.querySelectorAll("#results tbody td")].some(td => td.textContent === "6.07")`)
	})

	t.Run("the dataset is still there after a reload", func(t *testing.T) {
		s.reload(t)
		s.waitFor(t, `[...document.querySelectorAll("#library tbody tr")].some(r => r.textContent.includes("forces-2016-2019"))`)
		// The dataset being viewed before the reload is viewed after it.
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("pasted")`)
		s.click(t, `#library button[aria-label="View staffs-short-name"]`)
		// The force chosen by hand is remembered with the dataset.
		s.waitFor(t, `[...document.querySelectorAll("#results tbody td")].some(td => td.textContent === "E23000015")`)
	})

	t.Run("a bad file shows its message while a good one beside it imports", func(t *testing.T) {
		s.addFiles(t, "testdata/unbalanced-quote.csv", fixture)
		s.waitFor(t, `document.querySelectorAll("#import-messages .message.error").length === 1 && document.querySelectorAll("#import-messages .message.ok").length === 1`)
		msg := s.text(t, "#import-messages .message.error")
		for _, want := range []string{"unbalanced-quote.csv", "line 3"} {
			if !strings.Contains(msg, want) {
				t.Errorf("error message %q does not name %q", msg, want)
			}
		}
		s.screenshot(t, "bad-and-good-file")
	})

	t.Run("a typical FOI file of 43 forces over 10 years is drawn (time logged)", func(t *testing.T) {
		file := writeTypicalCSV(t)
		s.eval(t, `delete document.body.dataset.lastImportMs`, nil)
		s.addFiles(t, file)
		s.waitFor(t, `document.querySelector("#view-heading").textContent.includes("typical-43x10") && document.body.dataset.lastImportMs !== undefined`)
		var ms string
		s.eval(t, `document.body.dataset.lastImportMs`, &ms)
		t.Logf("a typical FOI file (43 forces × 10 years): from the file chosen to its charts drawn, %s ms", ms)
	})

	t.Run("a large file shows its progress, and Cancel stores nothing", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "large-daily.csv")
		writeDailyCSV(t, file, 200_000) // about 8 MB
		// The page records every figure and bar value it shows, and here
		// presses Cancel the moment the bar appears: a fast machine must not
		// finish the import before the test could press it.
		s.eval(t, watchProgressJS(true), nil)
		s.addFiles(t, file)
		s.waitForLong(t, `document.querySelector("#import-progress").hidden && /cancelled; nothing was stored/.test(document.querySelector("#import-messages").textContent)`, time.Minute)
		var long []float64
		s.eval(t, `window.longTasks`, &long)
		t.Logf("main-thread tasks over 50 ms during the import: %v ms", long)
		// A reload lists what is stored: the cancelled file is not there.
		s.reload(t)
		s.waitFor(t, `document.querySelectorAll("#library tbody tr").length > 0`)
		if lib := s.text(t, "#library"); strings.Contains(lib, "large-daily") {
			t.Errorf("the cancelled import was stored: %s", lib)
		}
		// Imported to the end, the file is viewed like any other, and the
		// bar showed bytes, rows and a value between empty and full.
		s.eval(t, watchProgressJS(false)+`; delete document.body.dataset.lastImportMs`, nil)
		s.addFiles(t, file)
		s.waitForLong(t, `document.querySelector("#view-heading").textContent.includes("large-daily") && document.body.dataset.lastImportMs !== undefined`, 5*time.Minute)
		var seen struct {
			Figures []string
			Bars    []float64
		}
		s.eval(t, `({figures: window.progressSeen.figures, bars: window.progressSeen.bars})`, &seen)
		t.Logf("the bar's figures during the import: %q", seen.Figures)
		if !slices.ContainsFunc(seen.Figures, func(f string) bool { return strings.Contains(f, " MB") }) {
			t.Errorf("no figure in MB was shown: %q", seen.Figures)
		}
		if !slices.ContainsFunc(seen.Bars, func(v float64) bool { return v > 0 && v < 1 }) {
			t.Errorf("the bar never stood between empty and full: %v", seen.Bars)
		}
		var ms string
		s.eval(t, `document.body.dataset.lastImportMs`, &ms)
		s.eval(t, `window.longTasks`, &long)
		t.Logf("200,000 rows imported and drawn in %s ms; main-thread tasks over 50 ms: %v ms", ms, long)
		if summary := s.text(t, "#view-summary"); !strings.Contains(summary, "latest 120 of 4,652 periods") {
			t.Errorf("the summary does not say that only the latest periods are shown: %q", summary)
		}
		s.eval(t, `document.querySelector("#view-heading").scrollIntoView()`, nil)
		s.viewportScreenshot(t, "large-imported")
		// After a reload the stored report is shown, not worked out again.
		s.reload(t)
		s.waitForLong(t, `document.querySelector("#view-heading").textContent.includes("large-daily") && document.body.dataset.firstViewMs !== undefined`, 2*time.Minute)
		s.eval(t, `document.body.dataset.firstViewMs`, &ms)
		t.Logf("after a reload, the 200,000-row dataset was drawn %s ms after navigation", ms)
		// Deleted, so that the steps after this one are not slowed by it.
		s.eval(t, `window.confirm = () => true`, nil)
		s.click(t, `#library button[aria-label="Delete large-daily"]`)
		s.waitForLong(t, `![...document.querySelectorAll("#library tbody tr")].some((r) => r.textContent.includes("large-daily"))`, 2*time.Minute)
	})

	t.Run("with the server gone the app still loads and works", func(t *testing.T) {
		s.waitFor(t, `navigator.serviceWorker.controller !== null`)
		srv.stop()
		s.reload(t)
		s.waitFor(t, `document.querySelectorAll("#library tbody tr").length >= 9`)
		s.waitFor(t, `document.querySelector("#trend-chart svg") !== null`)
		s.screenshot(t, "offline")
	})

	t.Run("the page shows that every request went to this site", func(t *testing.T) {
		t.Logf("after the offline reload the page counts %d requests", checkRequestLine(t, s))
	})

	t.Run("no request left the page's origin", func(t *testing.T) {
		if off := s.offOrigin(); len(off) > 0 {
			t.Errorf("requests to other origins: %v", off)
		}
	})

	t.Run("no console errors and no CSP violations", func(t *testing.T) {
		var problems []string
		for _, p := range s.consoleProblems() {
			// With the server stopped on purpose, the browser logs the failed
			// network attempts before the service worker answers from cache.
			if strings.Contains(p, "ERR_CONNECTION_REFUSED") || strings.Contains(p, "Failed to load resource") {
				continue
			}
			problems = append(problems, p)
		}
		if len(problems) > 0 {
			t.Errorf("console problems:\n%s", strings.Join(problems, "\n"))
		}
	})
}

// checkPageTable compares the page's results table with results.csv: the same
// rows, the same force names and periods, and rates that agree to the two
// decimals the page shows.
func checkPageTable(t *testing.T, s *session, want []byte) {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(want)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var cells [][]string
	s.run(t, chromedp.Evaluate(`[...document.querySelectorAll("#results tbody tr")].map(r => [...r.cells].map(c => c.textContent))`, &cells))
	if len(cells) != len(records)-1 {
		t.Fatalf("page table has %d rows, results.csv %d", len(cells), len(records)-1)
	}
	for i, rec := range records[1:] {
		page := cells[i]
		// Page columns: Force, Code, Period, Numerator, Denominator, Rate, ...
		if page[0] != rec[1] || page[1] != rec[0] || page[2] != rec[2] {
			t.Errorf("row %d: page %v, csv %v", i+1, page[:3], rec[:3])
		}
		if got, want := page[5], pageNumber(rec[5]); got != want {
			t.Errorf("row %d rate: page %q, csv %q (%s)", i+1, got, want, rec[5])
		}
	}
}

// pageNumber formats a results.csv number as the page shows it: two decimals,
// en-GB grouping, a dash when empty.
func pageNumber(cell string) string {
	if cell == "" {
		return "–"
	}
	var v float64
	if _, err := fmtSscan(cell, &v); err != nil {
		return "?"
	}
	return formatTwo(v)
}

// chooseColumnsOf presses "Choose the columns by hand" in the message about
// the named file, once the import has said it cannot read its header.
// watchProgressJS makes the page record the long tasks of its main thread
// and every figure and value the import's progress bar shows; with cancel,
// it also presses Cancel as soon as the bar appears.
func watchProgressJS(cancel bool) string {
	return fmt.Sprintf(`(() => {
  window.longTasks = [];
  new PerformanceObserver((l) => window.longTasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: "longtask" });
  const seen = (window.progressSeen = { figures: [], bars: [] });
  const box = document.querySelector("#import-progress");
  const record = () => {
    const f = document.querySelector("#import-figures").textContent;
    if (f && seen.figures[seen.figures.length - 1] !== f) seen.figures.push(f);
    seen.bars.push(document.querySelector("#import-bar").value);
    if (%t && !box.hidden && !window.cancelPressed) {
      window.cancelPressed = true;
      document.querySelector("#import-cancel").click();
    }
  };
  window.cancelPressed = false;
  new MutationObserver(record).observe(box, { attributes: true, childList: true, subtree: true, characterData: true });
})()`, cancel)
}

// writeTypicalCSV writes a typical FOI file, 43 forces over 10 financial
// years, and returns its path.
func writeTypicalCSV(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("Force,Financial year,Missing,Registered\n")
	for i, f := range police.Forces()[:43] {
		for y := 2014; y < 2024; y++ {
			fmt.Fprintf(&b, "%s,%d/%02d,%d,%d\n", f.Name, y, (y+1)%100, 3+(i*7+y)%17, 600+37*i+11*(y-2014))
		}
	}
	file := filepath.Join(t.TempDir(), "typical-43x10.csv")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// writeDailyCSV writes a clean long file of n rows: the 43 forces on
// consecutive days.
func writeDailyCSV(t *testing.T, path string, n int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("Force,Date,Missing,Registered\n")
	fs := police.Forces()[:43]
	day := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, "%s,%s,%d,%d\n", fs[i%43].Name, day.AddDate(0, 0, i/43).Format("2006-01-02"), i%97, 1000+i%5000)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (s *session) chooseColumnsOf(t *testing.T, name string) {
	t.Helper()
	messages := `[...document.querySelectorAll("#import-messages .message")].filter((m) => m.textContent.includes(` + strconv.Quote(name) + `) && m.querySelector("button"))`
	s.waitFor(t, messages+`.length > 0`)
	s.eval(t, messages+`.pop().querySelector("button").click() || true`, nil)
}

// mappedResultsCSV is results.csv as stats makes it for a file read with
// the columns chosen by hand.
func mappedResultsCSV(t *testing.T, path string, m ingest.Mapping) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	table, err := ingest.ReadTableWith(filepath.Base(path), f, m)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.WriteResultsCSV(&b, report.ResultRows(analysis.Compute(table, stats.Wilson))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
