package report_test

import (
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

func TestRateWords(t *testing.T) {
	for _, tt := range []struct {
		measures [2]string
		want     string
	}{
		{[2]string{"Missing", "Registered"}, report.MeasureWords},
		{[2]string{"Whereabouts unknown", "Registered sex offenders (RSOs)"}, report.MeasureWords},
		{[2]string{"Fired", "Total uses"}, "fired per 1,000 total uses"},
		{[2]string{"records", ""}, "records per 1,000"},
		{[2]string{"Deaths in custody", "FTE"}, "deaths in custody per 1,000 fte"},
	} {
		if got := report.RateWords(tt.measures); got != tt.want {
			t.Errorf("RateWords(%q) = %q, want %q", tt.measures, got, tt.want)
		}
	}
}

// TestFindingsOfAnotherTopic: a dataset of Taser uses is worded as Taser
// uses; none of its sentences speaks of offenders (custody deaths per
// officer once read "missing per 1,000 registered offenders").
func TestFindingsOfAnotherTopic(t *testing.T) {
	csv := "Police force,Year,Fired,Total uses\nKent,2019/20,40,400\nEssex,2019/20,30,250\nSurrey,2019/20,10,180\nSussex,2019/20,25,300\n"
	tab, err := ingest.ReadTable("taser.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	rep := report.NewReport(tab, analysis.Compute(tab, stats.Wilson))
	texts := []string{}
	for _, r := range rep.Rows {
		texts = append(texts, r.Finding)
	}
	for _, f := range rep.Funnels {
		texts = append(texts, f.AltText)
	}
	texts = append(texts, rep.ForcesAltText...)
	all := strings.Join(texts, "\n")
	if strings.Contains(all, "offender") || strings.Contains(all, "registered") || !strings.Contains(all, "fired per 1,000 total uses") {
		t.Errorf("the words of a Taser dataset:\n%s", all)
	}
}

// TestOverdispersionWords: the words follow φ and τ² as the methods page
// defines them (the page once said "overdispersion is present" with
// φ = 0.93, and used τ² from 3 forces without a word).
func TestOverdispersionWords(t *testing.T) {
	for _, tt := range []struct {
		od        stats.Overdispersion
		want, not []string
	}{
		{stats.Overdispersion{Phi: 1.8, Tau2: 0.0004, K: 43}, []string{"more than chance alone explains", "φ = 1.80"}, []string{"unreliable"}},
		{stats.Overdispersion{Phi: 0.93, Tau2: 0.00001, K: 15}, []string{"about as much as chance explains", "not above 1"}, []string{"more than chance"}},
		{stats.Overdispersion{Phi: 0.7, Tau2: 0, K: 43}, []string{"no more than chance explains", "τ² = 0"}, nil},
		{stats.Overdispersion{Phi: 2.5, Tau2: 0.001, K: 3}, []string{"With only 3 forces", "unreliable"}, nil},
	} {
		got := report.OverdispersionWords(tt.od)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("φ = %v, k = %d: %q lacks %q", tt.od.Phi, tt.od.K, got, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(got, w) {
				t.Errorf("φ = %v, k = %d: %q says %q", tt.od.Phi, tt.od.K, got, w)
			}
		}
	}
}

// TestYearApart: a change is year on year only between periods of one kind
// a year apart ("year-on-year" once ran from 2019/20 to 2019-09, and from one
// day to the next).
func TestYearApart(t *testing.T) {
	csv := "Force,Period,Missing,Registered\nKent,2018/19,5,1000\nKent,2019/20,6,1000\nKent,2019-09,7,1000\nKent,2019-10,8,1000\nKent,2020-10,9,1000\n"
	tab, err := ingest.ReadTable("kent.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	rep := report.NewReport(tab, analysis.Compute(tab, stats.Wilson))
	got := map[string]bool{}
	for _, s := range rep.Series {
		if s.Name != "Kent" {
			continue
		}
		for _, d := range s.YearOnYear {
			got[d.From+" to "+d.To] = d.YearApart
		}
	}
	want := map[string]bool{"2018/19 to 2019/20": true, "2019/20 to 2019-09": false, "2019-09 to 2019-10": false, "2019-10 to 2020-10": true}
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			t.Errorf("%s: year apart %v (found %v), want %v", k, g, ok, w)
		}
	}
}
