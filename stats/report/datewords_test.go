package report_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// isoDate is a date or a month as a table writes it: "2018-01-17", "2018-01".
var isoDate = regexp.MustCompile(`\b\d{4}-\d{2}(-\d{2})?\b`)

// TestSentencesWriteDatesInWords: every sentence a reader may quote (the
// findings, the alt texts, the reasons and caveats inside them) names a
// date in words ("17 January 2018"), as a newspaper prints it, while the
// table's period stays the ISO label that sorts and parses. The sentences
// once read "Kent, 2018-01-17: …".
func TestSentencesWriteDatesInWords(t *testing.T) {
	csv := "Force,Date,Missing,Registered\n" +
		"Kent,2018-01-17,12,1500\nEssex,2018-01-17,9,1200\nSurrey,2018-01-17,4,900\nSussex,2018-01-17,20,1300\n" +
		"Kent,2019-03-01,15,1510\nEssex,2019-03-01,<5,1190\nSurrey,2019-03-01,5,910\n" +
		"Kent,2020-02-03,14,1490\n"
	tab, err := ingest.ReadTable("dates.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	rep := report.NewReport(tab, analysis.Compute(tab, stats.Wilson))
	var texts []string
	var kent *report.ReportRow
	for i, r := range rep.Rows {
		texts = append(texts, r.Finding)
		if r.ForceName == "Kent" && r.Period == "2018-01-17" {
			kent = &rep.Rows[i]
		}
	}
	for _, f := range rep.Funnels {
		texts = append(texts, f.AltText, f.Reason)
	}
	for _, s := range rep.Series {
		texts = append(texts, s.AltText, s.Slope.Reason, s.TrendNote)
		for _, c := range s.YearOnYear {
			texts = append(texts, c.Caveat, c.Reason)
		}
	}
	texts = append(texts, rep.ForcesAltText...)
	for _, s := range texts {
		if d := isoDate.FindString(s); d != "" {
			t.Errorf("a sentence writes the date %s as a table does: %q", d, s)
		}
	}
	if kent == nil {
		t.Fatal("no row for Kent on 2018-01-17: the table's period is no longer its ISO label")
	}
	// The finding still states its own rate, now after the date in words.
	want := "Kent, 17 January 2018: " + report.FormatRate(float64(kent.Rate)) + " missing per 1,000"
	if !strings.HasPrefix(kent.Finding, want) {
		t.Errorf("Kent's finding is %q, want it to start %q", kent.Finding, want)
	}
	if !strings.Contains(strings.Join(rep.PeriodWords, "|"), "17 January 2018|1 March 2019|3 February 2020") {
		t.Errorf("the periods in words are %q, the periods %q", rep.PeriodWords, rep.Periods)
	}
	all := strings.Join(texts, "\n")
	for _, w := range []string{"Kent: 8.0 per 1,000 on 17 January 2018", "on 3 February 2020", "All forces, 1 March 2019"} {
		if !strings.Contains(all, w) {
			t.Errorf("no sentence says %q:\n%s", w, all)
		}
	}
}
