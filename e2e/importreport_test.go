package e2e

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestImportReport adds several files together and reads the import report
// as a person would: each file's counts of errors, warnings and notes for
// information are those of the issues.csv it downloads; choosing a severity
// shows only notes of it; a kind of note said on many lines is one row with
// its count; the notes for information are collapsed behind their count
// until asked for. The six files of officer numbers from the corpus are
// where a person found "0 errors" beside an issues.csv of 225 and each
// region noted three times; without the corpus, two fixtures that overlap.
func TestImportReport(t *testing.T) {
	files := []string{"testdata/counts-per-year.csv", "testdata/sizes-per-year.csv"}
	heading := "counts-per-year and sizes-per-year"
	police := filepath.Join(repoRoot(t), "..", "shared", "corpus", "police")
	if _, err := os.Stat(police); err == nil {
		files = nil
		for _, y := range []string{"2015", "2016", "2017", "2018", "2019"} {
			files = append(files, filepath.Join(police, "home-office-officer-fte-"+y+".csv"))
		}
		files = append(files, filepath.Join(police, "police-workforce-fte-by-year.csv"))
		heading = "home-office-officer-fte-2015 and 5 more"
	} else if os.Getenv("CI") != "" {
		t.Fatalf("../shared/corpus is missing: CI must have it beside the project")
	}
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	s.addFiles(t, files...)
	s.waitForLong(t, fmt.Sprintf(`document.querySelector("#view-heading").textContent.includes(%q) && document.querySelectorAll("#file-health li").length === %d && document.querySelector("#issues-filters") !== null`, heading, len(files)), 2*time.Minute)

	// issues.csv, counted by file and severity, and by file, severity and kind.
	records, err := csv.NewReader(bytes.NewReader(s.downloadFile(t, "#download-issues", "issues.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	bySeverity := map[string]map[string]int{}
	byKind := map[string]int{}
	total := map[string]int{}
	for _, r := range records[1:] {
		file, sev := r[col["file"]], r[col["severity"]]
		if bySeverity[file] == nil {
			bySeverity[file] = map[string]int{}
		}
		bySeverity[file][sev]++
		byKind[file+"|"+sev+"|"+r[col["code"]]]++
		total[sev]++
	}
	if total["error"] == 0 || total["info"] == 0 {
		t.Fatalf("the dataset has %v notes: the test needs errors and notes for information", total)
	}

	t.Run("each file's counts are those of issues.csv", func(t *testing.T) {
		var health []string
		s.eval(t, `[...document.querySelectorAll("#file-health li")].map((li) => li.textContent)`, &health)
		counts := regexp.MustCompile(`([\d,]+) errors?, ([\d,]+) warnings?, ([\d,]+) notes? for information`)
		for i, line := range health {
			file := filepath.Base(files[i])
			m := counts.FindStringSubmatch(line)
			if !strings.HasPrefix(line, file) || m == nil {
				t.Errorf("file %d's health %q: want %s with its counts", i, line, file)
				continue
			}
			for j, sev := range []string{"error", "warning", "info"} {
				if n, _ := strconv.Atoi(strings.ReplaceAll(m[j+1], ",", "")); n != bySeverity[file][sev] {
					t.Errorf("%s: the page says %d %s notes, issues.csv has %d (%q)", file, n, sev, bySeverity[file][sev], line)
				}
			}
		}
	})

	// rows reads the import report's table: one row a kind of note of a
	// file, and the row that stands for the collapsed notes for information.
	type row struct {
		File, Severity, Code, Where, Message, Remedy string
		Count                                        int
	}
	rows := func(t *testing.T) ([]row, string) {
		t.Helper()
		var out struct {
			Rows    []row
			Summary string
		}
		s.eval(t, `({rows: [...document.querySelectorAll("#issues tbody tr:not(.issues-info-summary)")].map((tr) => {
				const c = [...tr.cells].map((td) => td.textContent);
				return {file: c[0], severity: tr.className.replace("severity-", ""), code: c[2], count: Number(c[3].replaceAll(",", "")), where: c[4],
					message: tr.cells[5].querySelector("p").textContent, remedy: tr.cells[5].querySelector(".remedy")?.textContent ?? ""};
			}), summary: document.querySelector("#issues .issues-info-summary")?.textContent ?? ""})`, &out)
		return out.Rows, out.Summary
	}
	choose := func(t *testing.T, filter, value string) {
		t.Helper()
		s.eval(t, fmt.Sprintf(`(() => { const s = document.querySelector("#issues-filter-%s"); s.value = %q; s.dispatchEvent(new Event("change")); return s.value; })()`, filter, value), nil)
	}

	t.Run("a kind of note said on many lines is one row with its count", func(t *testing.T) {
		got, summary := rows(t)
		seen := map[string]bool{}
		repeated := 0
		for _, r := range got {
			k := r.File + "|" + r.Severity + "|" + r.Code
			if seen[k] {
				t.Errorf("%s is listed twice", k)
			}
			seen[k] = true
			if r.Count != byKind[k] {
				t.Errorf("%s: the page says %d notes, issues.csv has %d", k, r.Count, byKind[k])
			}
			if r.Count > 3 {
				repeated++
				if !regexp.MustCompile(`^lines \d+, \d+, \d+ and [\d,]+ more$`).MatchString(r.Where) {
					t.Errorf("%s: %d notes %q: want its first lines and how many more", k, r.Count, r.Where)
				}
			}
			if r.Severity == "info" {
				t.Errorf("a note for information is shown before it is asked for: %+v", r)
			}
			if r.Severity == "error" && strings.TrimSpace(r.Remedy) == "" {
				t.Errorf("%s says nothing of what to do", k)
			}
		}
		if repeated == 0 {
			t.Errorf("no kind of note is shown with its count: %+v", got)
		}
		if want := fmt.Sprintf("%s notes for information", strconv.Itoa(total["info"])); !strings.Contains(strings.ReplaceAll(summary, ",", ""), want) {
			t.Errorf("the collapsed notes say %q, want %q", summary, want)
		}
		// The report from the files' counts to the table's end, for a
		// person to look at.
		var png []byte
		s.run(t, chromedp.ScrollIntoView(`#file-health`, chromedp.ByQuery))
		s.run(t, chromedp.EmulateViewport(1280, 1500), chromedp.Sleep(300*time.Millisecond), chromedp.CaptureScreenshot(&png), chromedp.EmulateViewport(1280, 1000))
		s.save(t, "import-report", png)
		s.eval(t, `(() => { const w = document.querySelector("#issues").closest(".table-wrap"); w.scrollTop = w.scrollHeight; return w.scrollTop; })()`, nil)
		s.run(t, chromedp.EmulateViewport(1280, 1500), chromedp.Sleep(300*time.Millisecond), chromedp.CaptureScreenshot(&png), chromedp.EmulateViewport(1280, 1000))
		s.save(t, "import-report-end", png)
	})

	t.Run("the notes for information open behind their count", func(t *testing.T) {
		s.click(t, "#issues .issues-info-toggle")
		got, _ := rows(t)
		info := 0
		for _, r := range got {
			if r.Severity == "info" {
				info += r.Count
			}
		}
		if info != total["info"] {
			t.Errorf("%d notes for information shown, issues.csv has %d", info, total["info"])
		}
		var expanded string
		s.eval(t, `document.querySelector("#issues .issues-info-toggle").getAttribute("aria-expanded")`, &expanded)
		if expanded != "true" {
			t.Errorf("the open toggle says aria-expanded=%q", expanded)
		}
		s.click(t, "#issues .issues-info-toggle")
	})

	t.Run("choosing a severity shows only notes of it", func(t *testing.T) {
		for _, sev := range []string{"error", "warning", "info"} {
			choose(t, "severity", sev)
			got, summary := rows(t)
			n := 0
			for _, r := range got {
				if r.Severity != sev {
					t.Errorf("with %s chosen the page shows %+v", sev, r)
				}
				n += r.Count
			}
			if n != total[sev] || summary != "" {
				t.Errorf("with %s chosen: %d notes shown (issues.csv has %d), collapsed %q", sev, n, total[sev], summary)
			}
		}
		// A file and a kind as well: the counts in the other filters follow.
		file := filepath.Base(files[len(files)-1])
		choose(t, "severity", "")
		choose(t, "file", file)
		var options []string
		s.eval(t, `[...document.querySelector("#issues-filter-severity").options].map((o) => o.textContent)`, &options)
		want := fmt.Sprintf("Every severity (%d)", bySeverity[file]["error"]+bySeverity[file]["warning"]+bySeverity[file]["info"])
		if len(options) == 0 || strings.ReplaceAll(options[0], ",", "") != want {
			t.Errorf("with %s chosen the severities are %q, want first %q", file, options, want)
		}
		choose(t, "file", "")
	})

	t.Run("the filters and the collapsed notes work by keyboard", func(t *testing.T) {
		s.run(t, chromedp.Focus(`#issues-filter-severity`, chromedp.ByQuery), chromedp.KeyEvent(kb.ArrowDown))
		var chosen string
		s.eval(t, `document.querySelector("#issues-filter-severity").value`, &chosen)
		got, _ := rows(t)
		if chosen != "error" || len(got) == 0 || got[0].Severity != "error" {
			t.Errorf("ArrowDown on the severity filter chose %q and shows %+v", chosen, got)
		}
		choose(t, "severity", "")
		s.run(t, chromedp.Focus(`#issues .issues-info-toggle`, chromedp.ByQuery), chromedp.KeyEvent(kb.Enter))
		var state struct {
			Expanded string
			Focused  bool
		}
		s.eval(t, `({expanded: document.querySelector("#issues .issues-info-toggle").getAttribute("aria-expanded"),
			focused: document.activeElement === document.querySelector("#issues .issues-info-toggle")})`, &state)
		if state.Expanded != "true" || !state.Focused {
			t.Errorf("Enter on Show them: aria-expanded %q, focus kept %v", state.Expanded, state.Focused)
		}
		s.run(t, chromedp.KeyEvent(kb.Enter))
	})

	t.Run("the filters are labelled controls", func(t *testing.T) {
		var labels []string
		s.eval(t, `[...document.querySelectorAll("#issues-filters select")].map((s) => s.labels[0]?.textContent.trim().split(" ")[0] ?? "")`, &labels)
		if strings.Join(labels, ",") != "File,Severity,Kind" {
			t.Errorf("the filters' labels: %q", labels)
		}
	})
	if p := s.consoleProblems(); len(p) > 0 {
		t.Errorf("the page reported %q", p)
	}
}
