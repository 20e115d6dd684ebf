package report

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
)

// The types without their MarshalJSON: encoding/json's own encoding of them.
type (
	plainRow         ReportRow
	plainFunnelPoint ReportFunnelPoint
	plainCurvePoint  ReportCurvePoint
	plainPoint       ReportPoint
)

// awkwardStrings need every kind of escape encoding/json makes, and none.
var awkwardStrings = []string{"", "Avon and Somerset", `say "no" \ or not`, "<b>Avon & Somerset</b>", "tab\there\nline\r\x00\x1f\x7f",
	"φ = 2.59, τ² = 0.0003 – 95%", "line\u2028para\u2029", "bad \xff\xfe utf-8", "\u00e9\U0001F600"}

// awkwardNumbers have no value, or many digits, or an exponent.
var awkwardNumbers = []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 9.578544061302681, 1e21, 1e-7, -3.5, 2014.7465753424658}

// fill sets every field of the struct v points to, the i-th of each kind of
// value, so that a field the hand-written encoding forgets shows.
func fill(v reflect.Value, i int) {
	for f := range v.NumField() {
		field := v.Field(f)
		switch field.Kind() {
		case reflect.String:
			field.SetString(awkwardStrings[(i+f)%len(awkwardStrings)])
		case reflect.Float64:
			field.SetFloat(awkwardNumbers[(i+f)%len(awkwardNumbers)])
		case reflect.Bool:
			field.SetBool((i+f)%2 == 0)
		case reflect.Int:
			field.SetInt(int64((i + f) % 44))
		default:
			panic("fill: a field of kind " + field.Kind().String())
		}
	}
}

func encodeBoth(t *testing.T, fast, plain any) {
	t.Helper()
	got, err1 := json.Marshal(fast)
	want, err2 := json.Marshal(plain)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%T encodes as\n%s\nbut encoding/json writes\n%s", fast, got, want)
	}
}

// Every field of each type, with every escape and every kind of number,
// encodes byte for byte as encoding/json encodes it.
func TestReportTypesEncodeAsEncodingJSON(t *testing.T) {
	for i := range 2 * len(awkwardStrings) * len(awkwardNumbers) {
		var row ReportRow
		fill(reflect.ValueOf(&row).Elem(), i)
		encodeBoth(t, row, plainRow(row))
		var fp ReportFunnelPoint
		fill(reflect.ValueOf(&fp).Elem(), i)
		encodeBoth(t, fp, plainFunnelPoint(fp))
		var cp ReportCurvePoint
		fill(reflect.ValueOf(&cp).Elem(), i)
		encodeBoth(t, cp, plainCurvePoint(cp))
		var p ReportPoint
		fill(reflect.ValueOf(&p).Elem(), i)
		encodeBoth(t, p, plainPoint(p))
	}
	// Empty values, where omitempty leaves fields out.
	encodeBoth(t, ReportRow{}, plainRow{})
	encodeBoth(t, ReportPoint{}, plainPoint{})
	// And the practice data's whole report, as the page gets it.
	table, err := ingest.ReadTable(examples.SyntheticFile, bytes.NewReader(examples.SyntheticPracticeCSV()))
	if err != nil {
		t.Fatal(err)
	}
	rep := NewReport(table, analysis.Compute(table, stats.Wilson))
	for _, r := range rep.Rows {
		encodeBoth(t, r, plainRow(r))
	}
	for _, f := range rep.Funnels {
		for _, p := range f.Points {
			encodeBoth(t, p, plainFunnelPoint(p))
		}
		for _, c := range f.Curve {
			encodeBoth(t, c, plainCurvePoint(c))
		}
	}
	for _, s := range rep.Series {
		for _, p := range s.Points {
			encodeBoth(t, p, plainPoint(p))
		}
	}
}

// A whole report appends as json.Marshal writes it: the practice data's,
// the real reported figures' (published totals, unmatched names, claims),
// and one with every optional field set.
func TestReportAppendJSON(t *testing.T) {
	table, err := ingest.ReadTable(examples.SyntheticFile, bytes.NewReader(examples.SyntheticPracticeCSV()))
	if err != nil {
		t.Fatal(err)
	}
	practice := NewReport(table, analysis.Compute(table, stats.Wilson))
	real := examples.ReportedFiguresTable()
	reported := NewReport(real, analysis.Compute(real, stats.Poisson))
	full := practice
	full.Mark, full.Withheld = "synthetic <practice> data", "many figures are withheld"
	full.Claims = []Claim{{Text: "485 missing", Caveats: []string{"a & b"}}}
	full.Funnels = append([]ReportFunnel{{Period: "x", Reason: "no funnel"}}, full.Funnels...)
	full.Series = append([]ReportTrend{{Key: "k", TrendNote: "note"}}, full.Series...)
	empty := Report{}
	for name, rep := range map[string]Report{"practice": practice, "reported": reported, "full": full, "empty": empty} {
		got, err := rep.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: AppendJSON differs from json.Marshal at byte %d: …%s… against …%s…", name, i, got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
		}
	}
}

func BenchmarkReportJSON(b *testing.B) {
	table, err := ingest.ReadTable(examples.SyntheticFile, bytes.NewReader(examples.SyntheticPracticeCSV()))
	if err != nil {
		b.Fatal(err)
	}
	rep := NewReport(table, analysis.Compute(table, stats.Wilson))
	b.Run("AppendJSON", func(b *testing.B) {
		for b.Loop() {
			_, _ = rep.AppendJSON(nil)
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		for b.Loop() {
			_, _ = json.Marshal(rep)
		}
	})
}
