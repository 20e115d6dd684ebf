package stats_test

import (
	"math"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"

	"gonum.org/v1/gonum/stat"
)

func TestFunnelLimitAgainstR(t *testing.T) {
	// Values: R 4.2.2, stats/testdata/reference/compare.R (PHE's
	// sigma_adjustment written in base R): {pbar, n, level, low, high}.
	tests := [][5]float64{
		{0.0087805060000000004, 20, 0.95, 0, 0.049666803323171964},
		{0.0087805060000000004, 20, 0.998, 0, 0.073245035891501456},
		{0.0087805060000000004, 150, 0.95, 0, 0.023710070891176254},
		{0.0087805060000000004, 150, 0.998, 0, 0.032319624120360942},
		{0.0087805060000000004, 1154, 0.95, 0.0033979336526457236, 0.014163078347354278},
		{0.0087805060000000004, 1154, 0.998, 0.00029392201719121537, 0.017267089982808782},
		{0.0087805060000000004, 9000, 0.95, 0.0068531074603450431, 0.01070790453965496},
		{0.0087805060000000004, 9000, 0.998, 0.0057416189178477652, 0.011819393082152232},
		{0.05, 20, 0.95, 0, 0.1455168294027212},
		{0.05, 20, 0.998, 0, 0.20059929382951203},
		{0.05, 150, 0.95, 0.015122185276504604, 0.084877814723495412},
		{0.05, 150, 0.998, 0, 0.10499108691651488},
		{0.05, 1154, 0.95, 0.037425463338332986, 0.062574536661667027},
		{0.05, 1154, 0.998, 0.030174003331957234, 0.069825996668042747},
		{0.05, 9000, 0.95, 0.045497293480793143, 0.05450270651920687},
		{0.05, 9000, 0.998, 0.042900681206083133, 0.057099318793916852},
		{0.5, 20, 0.95, 0.28086936485585456, 0.71913063514414555},
		{0.5, 20, 0.998, 0.15450152485714141, 0.84549847514285847},
		{0.5, 150, 0.95, 0.41998480539407806, 0.58001519460592199},
		{0.5, 150, 0.998, 0.3738417943870791, 0.6261582056129209},
		{0.5, 1154, 0.95, 0.47115203443681297, 0.52884796556318714},
		{0.5, 1154, 0.998, 0.45451604424685688, 0.54548395575314301},
		{0.5, 9000, 0.95, 0.48967008279492297, 0.51032991720507714},
		{0.5, 9000, 0.998, 0.48371304568912665, 0.51628695431087313},
	}
	for _, tt := range tests {
		low, high := stats.FunnelLimit(tt[0], tt[1], tt[2])
		testfiles.RefCheck(t, "low", low, tt[3], testfiles.RefTol)
		testfiles.RefCheck(t, "high", high, tt[4], testfiles.RefTol)
	}
}

// TestFunnelLimitPublished checks the limits against the published table of
// PHEindicatormethods' own tests (tests/testthat/testdata_funnel_prop_outputs.csv,
// from PHE's APHO spreadsheet tool): percentages to 6 decimal places around a
// baseline of 80.642448%. The baseline is itself rounded, which moves a
// limit by under 1e-6 points, so the tolerance is the table's rounding plus that.
func TestFunnelLimitPublished(t *testing.T) {
	const baseline = 0.80642448
	// {population, lower 95, upper 95, lower 99.8, upper 99.8}, in percent.
	rows := [][5]float64{
		{1, 3.204264, 100, 0, 100},
		{3, 35.933491, 100, 10.150815, 100},
		{18, 62.390093, 98.894803, 51.864359, 100},
		{41, 68.548635, 92.73626, 61.574398, 99.710497},
		{102, 72.974925, 88.309971, 68.553233, 92.731663},
		{1008, 78.203374, 83.081521, 76.796814, 84.488082},
		{9998, 79.867989, 81.416907, 79.421375, 81.863521},
		{110000, 80.408963, 80.875933, 80.274317, 81.010578},
	}
	for _, r := range rows {
		l := stats.FunnelLimits(baseline, r[0])
		got := []float64{l.Low95, l.High95, l.Low998, l.High998}
		for i, g := range got {
			if math.Abs(100*g-r[i+1]) > 1.5e-6 {
				t.Errorf("population %g, limit %d: %.7f%%, published %.6f%%", r[0], i, 100*g, r[i+1])
			}
		}
	}
	// And flags of rows of the same table's inputs, against their published
	// significance ("High (0.001)" is above the 99.8% limit).
	flags := []struct {
		area string
		x, n float64
		want stats.FunnelFlag
	}{
		{"New Forest PCT", 35078.488, 41980, stats.FlagHigh998},
		{"Norwich PCT", 24803.6256, 31824, stats.FlagLow998},
		{"South Gloucestershire PCT", 50050.7443, 61921, stats.FlagNotSignificant},
		{"West Norfolk PCT", 26789.238, 33012, stats.FlagHigh95},
		{"North Devon PCT", 30277.5312, 37828, stats.FlagLow95},
		{"Exeter PCT", 24866.916, 30929, stats.FlagNotSignificant},
	}
	for _, f := range flags {
		if got := stats.FunnelLimits(baseline, f.n).Flag(f.x / f.n); got != f.want {
			t.Errorf("%s: %q, published %q", f.area, got, f.want)
		}
	}
}

func TestFunnelLimitBadInput(t *testing.T) {
	for _, c := range [][2]float64{{0.1, 0}, {0.1, -5}, {-0.1, 10}, {1.1, 10}, {math.NaN(), 10}} {
		low, high := stats.FunnelLimit(c[0], c[1], stats.Level95)
		if !math.IsNaN(low) || !math.IsNaN(high) {
			t.Errorf("stats.FunnelLimit(%g, %g) = %g, %g; want NaN", c[0], c[1], low, high)
		}
	}
	// The ends of the range: a target of 0 or 1 gives limits pinned there.
	if low, high := stats.FunnelLimit(0, 100, stats.Level95); low != 0 || high != 0 {
		t.Errorf("pbar 0: %g, %g", low, high)
	}
	if low, high := stats.FunnelLimit(1, 100, stats.Level95); low != 1 || high != 1 {
		t.Errorf("pbar 1: %g, %g", low, high)
	}
}

// The 12-force period of compare.R.
var (
	odX = []float64{7, 2, 167, 40, 12, 3, 55, 21, 9, 80, 30, 1}
	odN = []float64{1154, 150, 9000, 4100, 2300, 700, 3900, 2600, 1500, 5200, 2800, 400}
)

func TestOverdispersionAgainstR(t *testing.T) {
	// Values: R 4.2.2, stats/testdata/reference/compare.R.
	o := stats.OverdispersionOf(odX, odN)
	testfiles.RefCheck(t, "theta", o.Theta, 0.11262854251983731, testfiles.RefTol)
	wantZ := []float64{-2.3552459536028731, 0.075925936296107971, 4.5565376232900938, -1.7537218835363517, -3.8687083493848795, -2.4931615230830464, 0.80018211154832775, -2.3083685686269173, -2.7181531316444354, 1.6912129624937429, -0.9453769710047758, -2.5043074285626918}
	for i, z := range wantZ {
		testfiles.RefCheck(t, "z", o.Z[i], z, testfiles.RefTol)
	}
	for i, z := range o.Winsorised {
		if z < -2.6967685613362611*(1+testfiles.RefTol) || z > 1.6021098773992015*(1+testfiles.RefTol) {
			t.Errorf("winsorised z[%d] = %g is outside R's 10th and 90th percentiles", i, z)
		}
	}
	testfiles.RefCheck(t, "phi", o.Phi, 3.9714272262009791, testfiles.RefTol)
	testfiles.RefCheck(t, "tau2", o.Tau2, 0.00031659419006593278, testfiles.RefTol)
	if !o.Present() {
		t.Error("overdispersion not reported as present")
	}
	// {n, low95, high95, low998, high998}
	limits := [][5]float64{
		{1154, 0.0045317757641153743, 0.024722060115894347, 0.0017022021434440705, 0.033471190302906469},
		{150, 0.00064217398876167324, 0.039435716186788039, 0, 0.061327854122094135},
		{9000, 0.0058038634720758353, 0.02203722230395538, 0.0030530198071012709, 0.028614261506416893},
		{400, 0.0027522777523088919, 0.029553938112218466, 0.00031693137826066824, 0.042423124809662094},
	}
	for _, l := range limits {
		got := o.Limits(l[0])
		testfiles.RefCheck(t, "od low95", got.Low95, l[1], testfiles.RefTol)
		testfiles.RefCheck(t, "od high95", got.High95, l[2], testfiles.RefTol)
		testfiles.RefCheck(t, "od low998", got.Low998, l[3], testfiles.RefTol)
		testfiles.RefCheck(t, "od high998", got.High998, l[4], testfiles.RefTol)
	}
}

func TestOverdispersionAbsent(t *testing.T) {
	// R: phi = 0.0016495721997491729, k*phi < k - 1, so tau2 = 0 (compare.R).
	o := stats.OverdispersionOf([]float64{10, 20, 30, 41, 50}, []float64{1000, 2000, 3000, 4000, 5000})
	testfiles.RefCheck(t, "phi", o.Phi, 0.0016495721997491729, testfiles.RefTol)
	if o.Tau2 != 0 || o.Present() {
		t.Errorf("tau2 = %g, want 0", o.Tau2)
	}
	// With no overdispersion the widened limits are the arcsine limits.
	l := o.Limits(1000)
	if !(l.Low95 < l.High95 && l.Low998 < l.Low95 && l.High998 > l.High95) {
		t.Errorf("limits out of order: %+v", l)
	}
}

func TestFunnelOfFlags(t *testing.T) {
	// Flags: R 4.2.2, stats/testdata/reference/compare.R.
	wantPHE := []stats.FunnelFlag{stats.FlagLow95, stats.FlagNotSignificant, stats.FlagHigh998, stats.FlagNotSignificant, stats.FlagLow998, stats.FlagLow95, stats.FlagNotSignificant, stats.FlagLow95, stats.FlagLow95, stats.FlagNotSignificant, stats.FlagNotSignificant, stats.FlagNotSignificant}
	wantOD := []stats.FunnelFlag{stats.FlagNotSignificant, stats.FlagNotSignificant, stats.FlagNotSignificant, stats.FlagNotSignificant, stats.FlagNotSignificant, stats.FlagNotSignificant, stats.FlagNotSignificant, stats.FlagNotSignificant, stats.FlagNotSignificant, stats.FlagNotSignificant, stats.FlagNotSignificant, stats.FlagLow95}
	var figs []analysis.Figure
	period, _ := cube.ParsePeriod("2016/17")
	for i := range odX {
		figs = append(figs, analysis.Figure{ForceName: string(rune('A' + i)), Period: period,
			Rate: stats.RateOf(cube.Exact(int64(odX[i])), cube.Exact(int64(odN[i])), stats.Wilson)})
	}
	figs = append(figs, analysis.Figure{ForceName: "Total", Total: true, Period: period, Rate: stats.RateOf(cube.Exact(427), cube.Exact(33804), stats.Wilson)},
		analysis.Figure{ForceName: "Z", Period: period, Rate: stats.RateOf(cube.ParseCount("<5"), cube.Exact(100), stats.Wilson)})
	f := analysis.FunnelOf(period, figs)
	testfiles.RefCheck(t, "target", f.Target, 0.012631641225890427, testfiles.RefTol)
	if len(f.Points) != len(odX) {
		t.Fatalf("%d points, want %d (the total and the censored force left off)", len(f.Points), len(odX))
	}
	if len(f.Left) != 1 {
		t.Errorf("left off: %q, want the censored force only", f.Left)
	}
	for i, p := range f.Points {
		if p.Flag != wantPHE[i] || p.FlagOD != wantOD[i] {
			t.Errorf("force %s: flags %q / %q, want %q / %q", p.Figure.ForceName, p.Flag, p.FlagOD, wantPHE[i], wantOD[i])
		}
	}
}

func TestFunnelFlagStrict(t *testing.T) {
	l := stats.Limits{Low95: 0.1, High95: 0.2, Low998: 0.05, High998: 0.3}
	for p, want := range map[float64]stats.FunnelFlag{0.1: stats.FlagNotSignificant, 0.2: stats.FlagNotSignificant, 0.05: stats.FlagLow95, 0.3: stats.FlagHigh95,
		0.04: stats.FlagLow998, 0.31: stats.FlagHigh998, 0.15: stats.FlagNotSignificant} {
		if got := l.Flag(p); got != want {
			t.Errorf("flag(%g) = %q, want %q", p, got, want)
		}
	}
}

func TestQuantileR7(t *testing.T) {
	// Values: R 4.2.2, quantile(c(3.5, -1.25, 0, 7, 2, 2, -4), p) (compare.R).
	sorted := []float64{-4, -1.25, 0, 2, 2, 3.5, 7}
	for _, c := range [][2]float64{{0, -4}, {0.1, -2.3499999999999996}, {0.25, -0.625}, {0.5, 2}, {0.9, 4.9000000000000012}, {1, 7}} {
		testfiles.RefCheck(t, "quantile", stats.QuantileR7(sorted, c[0]), c[1], testfiles.RefTol)
	}
	// gonum's LinInterp is a different definition: it must not be used here.
	if g := stat.Quantile(0.1, stat.LinInterp, sorted, nil); math.Abs(g-(-2.35)) < 1e-9 {
		t.Errorf("gonum's LinInterp agrees with type 7 at 0.1 (%g): revisit stats.QuantileR7's comment", g)
	}
	if !math.IsNaN(stats.QuantileR7(nil, 0.5)) {
		t.Error("quantile of nothing is not NaN")
	}
}
