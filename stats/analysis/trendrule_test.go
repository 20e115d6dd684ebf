package analysis_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
)

// TestTrendRuleFollowsMethod: a figure's recent trend takes its direction
// and its p from one rule, which depends on the method: the chi-square test
// for trend at 99.8% for a proportion, the weighted regression of the rate
// on time for a Poisson rate. The series rises by the one rule and not by
// the other. References, R 4.2.2 (Debian 12's r-base-core), with t the
// midpoints of the five financial years 2014/15 … 2018/19
// (2014.7465753424658, 2015.7479452054795, 2016.7472677595629,
// 2017.7465753424658, 2018.7465753424658), x = c(10,12,15,20,26), n = 1000:
//
//	prop.trend.test(x, n, score = t)$p.value
//	  # 0.0017448265008693138: under 0.002, rising
//	z95 <- qnorm(0.975)
//	byar <- function(k) c(k*(1-1/(9*k)-z95/(3*sqrt(k)))^3, (k+1)*(1-1/(9*(k+1))+z95/(3*sqrt(k+1)))^3)
//	ci <- t(sapply(x, function(k) if (k < 10) poisson.test(k)$conf.int else byar(k))) * 1000 / n
//	y <- 1000*x/n; se <- (ci[,2] - ci[,1]) / (2*z95); w <- 1/se^2; tb <- sum(w*t)/sum(w)
//	b <- sum(w*(t-tb)*(y - sum(w*y)/sum(w))) / sum(w*(t-tb)^2); z <- b / sqrt(1/sum(w*(t-tb)^2))
//	2 * pnorm(-abs(z))
//	  # 0.0058882633989244537 (z = 2.7539395991090729): under 3.09, no change
func TestTrendRuleFollowsMethod(t *testing.T) {
	var b strings.Builder
	b.WriteString("Force,Year,Missing,Registered\n")
	for i, x := range []int{10, 12, 15, 20, 26} {
		fmt.Fprintf(&b, "Kent,%d/%02d,%d,1000\n", 2014+i, (15+i)%100, x)
	}
	tab, err := ingest.ReadTable("kent.csv", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		m    stats.Method
		dir  stats.TrendDirection
		p    float64
		test string
	}{
		{stats.Wilson, stats.Increasing, 0.0017448265008693138, "prop.trend.test"},
		{stats.Poisson, stats.NoSignificance, 0.0058882633989244537, "regression"},
	} {
		res := analysis.Compute(tab, tt.m)
		last := res.Figures[len(res.Figures)-1]
		if last.Assessment.Recent.Direction != tt.dir {
			t.Errorf("%s: direction %q, want %q", tt.m, last.Assessment.Recent.Direction, tt.dir)
		}
		testfiles.RefCheck(t, fmt.Sprintf("%s: p of the %s", tt.m, tt.test), last.Assessment.Recent.P, tt.p, testfiles.RefTol)
	}
}

// TestTrendDirectionAgreesWithP: on the practice data, under both methods,
// every figure's direction is what its own p says at 99.8%.
func TestTrendDirectionAgreesWithP(t *testing.T) {
	tab, err := ingest.ReadTable("practice.csv", strings.NewReader(string(examples.SyntheticPracticeCSV())))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []stats.Method{stats.Wilson, stats.Poisson} {
		res := analysis.Compute(tab, m)
		checked := 0
		for _, f := range res.Figures {
			r := f.Assessment.Recent
			if r.Direction == "" {
				continue
			}
			checked++
			significant := r.P < 1-stats.Level998
			if m == stats.Poisson {
				significant = significant && r.Robust
			}
			if (r.Direction == stats.Increasing || r.Direction == stats.Decreasing) != significant {
				t.Errorf("%s, %s, %s: %q with p = %g", m, f.DisplayName(), f.Period.Label, r.Direction, r.P)
			}
		}
		if checked < 100 {
			t.Errorf("%s: only %d figures with a trend", m, checked)
		}
	}
}
