package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/police"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// messyMonthly is a monthly file of more periods than the page shows, with
// what makes the windows of the statistics hard: forces that start late or
// stop early, withheld and censored counts, figures without a rate (a
// numerator above its denominator, a zero denominator, a blank), published
// totals, a name that matches no force, and months where few forces answer.
func messyMonthly(r *rand.Rand, months int) string {
	forces := police.TerritorialNames()[:12]
	var b strings.Builder
	b.WriteString("Force,Month,Missing,Registered\n")
	for m := range months {
		month := fmt.Sprintf("%d-%02d", 2000+m/12, m%12+1)
		thin := r.IntN(15) == 0
		sum, den := 0, 0
		for i, f := range forces {
			switch {
			case i == 0 && m > months-report.MaxShownPeriods-20: // stops before the window
				continue
			case i == 1 && m < months-report.MaxShownPeriods/2: // starts within it
				continue
			case thin && i > 1:
				continue
			case r.IntN(20) == 0:
				continue
			}
			x, n := r.IntN(60), 500+r.IntN(4000)
			cell := fmt.Sprint(x)
			switch r.IntN(30) {
			case 0:
				cell = "<5"
			case 1:
				cell = "*"
			case 2:
				cell = ""
			case 3:
				cell = fmt.Sprint(n + 5)
			case 4:
				n = 0
			default:
				sum, den = sum+x, den+n
			}
			fmt.Fprintf(&b, "%s,%s,%s,%d\n", f, month, cell, n)
		}
		if r.IntN(3) == 0 {
			fmt.Fprintf(&b, "Nowhere Constabulary,%s,%d,%d\n", month, r.IntN(30), 1000+r.IntN(100))
		}
		if m%12 == 11 {
			fmt.Fprintf(&b, "United Kingdom,%s,%d,%d\n", month, sum+r.IntN(9), den+r.IntN(900))
			if m > 30 {
				// A second area, first given later but first by name.
				fmt.Fprintf(&b, "England and Wales,%s,%d,%d\n", month, sum, den)
			}
		}
	}
	return b.String()
}

// TestLatestIsTheWholeCut: the page's view worked out for the latest periods
// only (analysis.Latest) is the view of every statistic of every period cut
// to those periods (analysis.Compute, then NewReport's cut), byte for byte:
// ranks, recent trends reaching back before the window, changes into it, the
// trends over all periods, the all-forces series and the claims.
func TestLatestIsTheWholeCut(t *testing.T) {
	for seed := range uint64(6) {
		r := rand.New(rand.NewPCG(seed, 16))
		text := messyMonthly(r, report.MaxShownPeriods+25+int(seed)*40)
		tab, err := ingest.ReadTable("messy.csv", strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range []stats.Method{stats.Wilson, stats.Poisson} {
			whole := analysis.Compute(tab, m)
			latest := analysis.Latest(tab, m, report.MaxShownPeriods)
			if len(whole.Periods) <= report.MaxShownPeriods || latest.From == 0 {
				t.Fatalf("seed %d: %d periods, from %d: the test needs more periods than the page shows", seed, len(whole.Periods), latest.From)
			}
			if len(latest.Figures) >= len(whole.Figures) {
				t.Errorf("seed %d: Latest made %d figures of %d", seed, len(latest.Figures), len(whole.Figures))
			}
			// The totals the claims read are the published totals among
			// the figures, in their order.
			var totals []string
			for _, f := range whole.Figures {
				if f.Total {
					totals = append(totals, f.ForceName+" "+f.Period.Label)
				}
			}
			for i, f := range whole.Totals {
				if i >= len(totals) || totals[i] != f.ForceName+" "+f.Period.Label {
					t.Fatalf("seed %d: total %d is %s %s, the figures' is %v", seed, i, f.ForceName, f.Period.Label, totals[min(i, len(totals)-1)])
				}
			}
			if len(whole.Totals) != len(totals) || len(totals) == 0 {
				t.Fatalf("seed %d: %d totals, %d among the figures", seed, len(whole.Totals), len(totals))
			}
			want, _ := json.Marshal(report.NewReport(tab, whole))
			got, _ := json.Marshal(report.NewReport(tab, latest))
			if string(got) != string(want) {
				t.Errorf("seed %d, %v: the view of the latest periods differs from the whole cut:\n%s", seed, m, firstDifference(string(got), string(want)))
			}
			cw, _ := json.Marshal(report.TotalClaims(whole, report.CoverageOf(nil)))
			cl, _ := json.Marshal(report.TotalClaims(latest, report.CoverageOf(nil)))
			if len(cw) < 10 || string(cw) != string(cl) {
				t.Errorf("seed %d: claims differ or are missing:\n%s\n%s", seed, cw, cl)
			}
		}
	}
}

// firstDifference shows where two long texts part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return fmt.Sprintf("got  …%s\nwant …%s", a[from:min(len(a), i+200)], b[from:min(len(b), i+200)])
}

// TestStreamedExportsAreTheWhole: results.csv and results.json written a
// span of periods at a time are the bytes written from every figure at
// once, for spans of one period, of a few and of all.
func TestStreamedExportsAreTheWhole(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 16))
	tab, err := ingest.ReadTable("messy.csv", strings.NewReader(messyMonthly(r, 150)))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []stats.Method{stats.Wilson, stats.Poisson} {
		whole := analysis.Compute(tab, m)
		whole.Mark = "mark"
		var wantCSV, wantJSON bytes.Buffer
		if err := report.WriteResultsCSV(&wantCSV, report.ResultRows(whole)); err != nil {
			t.Fatal(err)
		}
		if err := report.WriteResultsJSON(&wantJSON, report.NewResultsFile("d", []string{"messy.csv"}, whole)); err != nil {
			t.Fatal(err)
		}
		for _, span := range []int{1, 50, 1000, report.SpanRows} {
			restore := report.SetSpanRows(span)
			f := analysis.NewFrame(tab, m)
			var gotCSV, gotJSON bytes.Buffer
			last := 0
			progress := func(done, total int) {
				if done < last || total != len(report.ResultRows(whole)) {
					t.Errorf("span %d: progress %d of %d after %d", span, done, total, last)
				}
				last = done
			}
			if err := report.StreamResultsCSV(&gotCSV, f, "mark", progress); err != nil {
				t.Fatal(err)
			}
			if err := report.StreamResultsJSON(&gotJSON, "d", []string{"messy.csv"}, f, "mark", nil); err != nil {
				t.Fatal(err)
			}
			restore()
			if gotCSV.String() != wantCSV.String() {
				t.Errorf("%v, spans of %d: results.csv differs:\n%s", m, span, firstDifference(gotCSV.String(), wantCSV.String()))
			}
			if gotJSON.String() != wantJSON.String() {
				t.Errorf("%v, spans of %d: results.json differs:\n%s", m, span, firstDifference(gotJSON.String(), wantJSON.String()))
			}
		}
	}
	// An empty table: the header alone, and no rows.
	empty, _ := ingest.ReadTable("e.csv", strings.NewReader("Force,Year,Missing,Registered\n"))
	if empty != nil {
		var got, want bytes.Buffer
		_ = report.StreamResultsJSON(&got, "d", nil, analysis.NewFrame(empty, stats.Wilson), "", nil)
		_ = report.WriteResultsJSON(&want, report.NewResultsFile("d", nil, analysis.Compute(empty, stats.Wilson)))
		if got.String() != want.String() {
			t.Errorf("empty results.json:\n%s\nwant\n%s", got.String(), want.String())
		}
	}
}

// TestManyIssuesAreCountedNotAllSent: the page gets the first
// MaxShownIssues notes and the count of all; the warnings at the top count
// every one.
func TestManyIssuesAreCountedNotAllSent(t *testing.T) {
	var b strings.Builder
	b.WriteString("Force,Month,Missing,Registered\n")
	n := report.MaxShownIssues + 500
	for i := range n {
		fmt.Fprintf(&b, "Kent,%d-%02d,lots,%d\n", 1900+i/12, i%12+1, 1000+i)
	}
	tab, err := ingest.ReadTable("many.csv", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	rep := report.NewReport(tab, analysis.Latest(tab, stats.Wilson, report.MaxShownPeriods))
	if len(tab.Issues) < n || rep.IssuesTotal != len(tab.Issues) || len(rep.Issues) != report.MaxShownIssues {
		t.Fatalf("%d issues in the table; the report sent %d and counted %d", len(tab.Issues), len(rep.Issues), rep.IssuesTotal)
	}
	counted := 0
	for _, g := range rep.Warnings {
		counted += g.Count
	}
	if counted < n {
		t.Errorf("the warnings count %d notes, want at least %d", counted, n)
	}
}
