package analysis

import (
	"math"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// FunnelPoint is one force on a funnel plot.
type FunnelPoint struct {
	// Figure is the force's figure, shared with the Results it came from
	// (a copy a point would be 760 bytes for each of 400,000 figures).
	Figure     *Figure
	Proportion float64      // x/n
	N          float64      // the denominator
	Limits     stats.Limits // PHE's limits
	Flag       stats.FunnelFlag
	ODLimits   stats.Limits // limits widened for overdispersion
	FlagOD     stats.FunnelFlag
	Z          float64 // the unadjusted z-score on the arcsine scale
}

// Funnel is the funnel plot of one period.
type Funnel struct {
	Period cube.Period
	// Measures name the numerator and denominator, for its alt text.
	Measures [2]string
	// Target is the all-forces proportion Σx/Σn over the forces plotted.
	Target float64
	Points []FunnelPoint // by force name
	// Left lists the forces of the period left off the plot and why.
	Left []string
	OD   stats.Overdispersion
	// Reason says why there is no funnel (no force with a rate).
	Reason string
}

// FunnelOf draws the funnel of one period from its figures. A force whose
// rate is missing or censored, or a row that is itself a total, is left off:
// a funnel needs each force's exact count.
func FunnelOf(period cube.Period, figures []Figure) Funnel {
	f := Funnel{Period: period, Target: math.NaN(), OD: stats.NoOverdispersion()}
	var x, n []float64
	for i := range figures {
		fig := &figures[i]
		if fig.Total {
			continue
		}
		fx, ok1 := fig.Rate.Numerator.Value()
		fn, ok2 := fig.Rate.Denominator.Value()
		if !fig.Rate.OK() || !ok1 || !ok2 {
			f.Left = append(f.Left, fig.DisplayName()+": "+leftReason(fig.Rate))
			continue
		}
		f.Points = append(f.Points, FunnelPoint{Figure: fig, Proportion: float64(fx) / float64(fn), N: float64(fn)})
		x = append(x, float64(fx))
		n = append(n, float64(fn))
	}
	if len(f.Points) == 0 {
		f.Reason = "no force has both counts " + period.InWords()
		return f
	}
	f.Target = stats.Sum(x) / stats.Sum(n)
	f.OD = stats.OverdispersionOf(x, n)
	for i := range f.Points {
		p := &f.Points[i]
		p.Limits = stats.FunnelLimits(f.Target, p.N)
		p.Flag = p.Limits.Flag(p.Proportion)
		p.ODLimits = f.OD.Limits(p.N)
		p.FlagOD = p.ODLimits.Flag(p.Proportion)
		p.Z = f.OD.Z[i]
	}
	return f
}

func leftReason(r stats.Rate) string {
	if r.Censored {
		return "its count is censored"
	}
	return r.Reason
}

// Curve samples the funnel's limits at points denominators spread evenly on
// a log scale from the smallest to the largest force's (a little beyond
// each), for drawing.
func (f Funnel) Curve(points int) []stats.CurvePoint {
	if len(f.Points) == 0 || points < 2 {
		return nil
	}
	lo, hi := f.Points[0].N, f.Points[0].N
	for _, p := range f.Points {
		lo, hi = min(lo, p.N), max(hi, p.N)
	}
	lo, hi = max(1, lo*0.8), hi*1.2
	out := make([]stats.CurvePoint, points)
	step := math.Log(hi/lo) / float64(points-1)
	for i := range out {
		n := lo * math.Exp(step*float64(i))
		out[i] = stats.CurvePoint{N: n, L: stats.FunnelLimits(f.Target, n).Per1000(), OD: f.OD.Limits(n).Per1000()}
	}
	return out
}
