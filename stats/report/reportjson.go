package report

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The page's report is mostly rows, funnel points, curve points and series
// points, each with numbers that encode as null when they have none
// (Number). encoding/json calls Number.MarshalJSON for each of them, then
// checks and copies what it wrote, byte by byte: for a typical file (43
// forces × 10 years) fifteen thousand calls and 800 kB, a third of the
// engine's answer natively and more in wasm. Report.AppendJSON writes the
// report itself instead, these types field by field, byte for byte what
// encoding/json writes (TestReportTypesEncodeAsEncodingJSON and
// TestReportAppendJSON hold them to it; so does the golden test, on every
// dataset it has).

// AppendJSON appends the report as json.Marshal writes it: each field by its
// tag, in order; the rows, funnels and series by the types' own appenders,
// and any other field by encoding/json. It checks nothing it writes again,
// which is where it saves.
func (r Report) AppendJSON(b []byte) ([]byte, error) {
	// Room for about what it will take (for file c: rows 1,000 bytes,
	// funnels 28,000, series 3,800), so that the text is not copied as it
	// grows.
	funnels := 0
	for _, f := range r.Funnels {
		funnels += 1000 + 250*len(f.Curve) + 140*len(f.Points)
	}
	b = slices.Grow(b, 1100*len(r.Rows)+funnels+4000*len(r.Series)+200*len(r.Issues)+4096)
	return appendStruct(b, reflect.ValueOf(r))
}

// appendStruct appends the struct v as encoding/json writes it. A struct
// with an embedded field (which encoding/json flattens) is left to
// encoding/json whole.
func appendStruct(b []byte, v reflect.Value) ([]byte, error) {
	t := v.Type()
	for i := range t.NumField() {
		if t.Field(i).Anonymous {
			return appendMarshalled(b, v.Interface())
		}
	}
	b = append(b, '{')
	first := true
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" && opts == "" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		fv := v.Field(i)
		if hasOption(opts, "omitempty") && isEmptyValue(fv) || hasOption(opts, "omitzero") && fv.IsZero() {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, name)
		b = append(b, ':')
		var err error
		if b, err = appendValue(b, fv); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendValue appends one field's value.
func appendValue(b []byte, v reflect.Value) ([]byte, error) {
	switch x := v.Interface().(type) {
	case string:
		return appendJSONString(b, x), nil
	case Number:
		return appendNumber(b, x), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case []ReportRow:
		return appendSlice(b, x, func(b []byte, r ReportRow) ([]byte, error) { return r.appendJSON(b), nil })
	case []ReportFunnelPoint:
		return appendSlice(b, x, func(b []byte, p ReportFunnelPoint) ([]byte, error) { return p.appendJSON(b), nil })
	case []ReportCurvePoint:
		return appendSlice(b, x, func(b []byte, c ReportCurvePoint) ([]byte, error) { return c.appendJSON(b), nil })
	case []ReportPoint:
		return appendSlice(b, x, func(b []byte, p ReportPoint) ([]byte, error) { return p.appendJSON(b), nil })
	case []ReportFunnel:
		return appendSlice(b, x, func(b []byte, f ReportFunnel) ([]byte, error) { return appendStruct(b, reflect.ValueOf(f)) })
	case []ReportTrend:
		return appendSlice(b, x, func(b []byte, tr ReportTrend) ([]byte, error) { return appendStruct(b, reflect.ValueOf(tr)) })
	}
	return appendMarshalled(b, v.Interface())
}

// appendSlice appends a list as encoding/json does: null when it is nil.
func appendSlice[T any](b []byte, list []T, each func([]byte, T) ([]byte, error)) ([]byte, error) {
	if list == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	for i, v := range list {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = each(b, v); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

func appendMarshalled(b []byte, v any) ([]byte, error) {
	j, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, j...), nil
}

func hasOption(opts, name string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == name {
			return true
		}
	}
	return false
}

// isEmptyValue is encoding/json's test for omitempty.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// MarshalJSON writes the row as encoding/json would (appendJSON).
func (r ReportRow) MarshalJSON() ([]byte, error) {
	return r.appendJSON(make([]byte, 0, 768+len(r.Finding))), nil
}

func (r ReportRow) appendJSON(b []byte) []byte {
	b = append(b, `{"forceCode":`...)
	b = appendJSONString(b, r.ForceCode)
	b = append(b, `,"forceName":`...)
	b = appendJSONString(b, r.ForceName)
	b = append(b, `,"period":`...)
	b = appendJSONString(b, r.Period)
	b = append(b, `,"missing":`...)
	b = appendNumber(b, r.Missing)
	b = append(b, `,"registered":`...)
	b = appendNumber(b, r.Registered)
	if r.MissingText != "" {
		b = append(b, `,"missingText":`...)
		b = appendJSONString(b, r.MissingText)
	}
	if r.IsTotal {
		b = append(b, `,"isTotal":true`...)
	}
	if r.NotQuotable {
		b = append(b, `,"notQuotable":true`...)
	}
	if r.RegisteredText != "" {
		b = append(b, `,"registeredText":`...)
		b = appendJSONString(b, r.RegisteredText)
	}
	b = append(b, `,"rate":`...)
	b = appendNumber(b, r.Rate)
	b = append(b, `,"ci95Low":`...)
	b = appendNumber(b, r.CI95Low)
	b = append(b, `,"ci95High":`...)
	b = appendNumber(b, r.CI95High)
	b = append(b, `,"ci998Low":`...)
	b = appendNumber(b, r.CI998Low)
	b = append(b, `,"ci998High":`...)
	b = appendNumber(b, r.CI998High)
	b = append(b, `,"note":`...)
	b = appendJSONString(b, r.Note)
	b = append(b, `,"isAggregate":`...)
	b = strconv.AppendBool(b, r.IsAggregate)
	b = append(b, `,"funnelFlag":`...)
	b = appendJSONString(b, r.FunnelFlag)
	b = append(b, `,"funnelFlagOD":`...)
	b = appendJSONString(b, r.FunnelFlagOD)
	b = append(b, `,"comparison":`...)
	b = appendJSONString(b, r.Comparison)
	b = append(b, `,"comparison998":`...)
	b = appendJSONString(b, r.Comparison998)
	b = append(b, `,"rank":`...)
	b = strconv.AppendInt(b, int64(r.Rank), 10)
	b = append(b, `,"rankLow":`...)
	b = strconv.AppendInt(b, int64(r.RankLow), 10)
	b = append(b, `,"rankHigh":`...)
	b = strconv.AppendInt(b, int64(r.RankHigh), 10)
	b = append(b, `,"rankText":`...)
	b = appendJSONString(b, r.RankText)
	b = append(b, `,"trendDirection":`...)
	b = appendJSONString(b, r.TrendDirection)
	b = append(b, `,"trendP":`...)
	b = appendNumber(b, r.TrendP)
	b = append(b, `,"small":`...)
	b = strconv.AppendBool(b, r.Small)
	b = append(b, `,"finding":`...)
	b = appendJSONString(b, r.Finding)
	return append(b, '}')
}

// MarshalJSON writes the point as encoding/json would (appendJSON).
func (p ReportFunnelPoint) MarshalJSON() ([]byte, error) {
	return p.appendJSON(make([]byte, 0, 160)), nil
}

func (p ReportFunnelPoint) appendJSON(b []byte) []byte {
	b = append(b, `{"key":`...)
	b = appendJSONString(b, p.Key)
	b = append(b, `,"name":`...)
	b = appendJSONString(b, p.Name)
	b = append(b, `,"n":`...)
	b = appendNumber(b, p.N)
	b = append(b, `,"rate":`...)
	b = appendNumber(b, p.Rate)
	b = append(b, `,"flag":`...)
	b = appendJSONString(b, p.Flag)
	b = append(b, `,"flagOD":`...)
	b = appendJSONString(b, p.FlagOD)
	return append(b, '}')
}

// MarshalJSON writes the point as encoding/json would (appendJSON).
func (c ReportCurvePoint) MarshalJSON() ([]byte, error) {
	return c.appendJSON(make([]byte, 0, 320)), nil
}

func (c ReportCurvePoint) appendJSON(b []byte) []byte {
	b = append(b, `{"n":`...)
	b = appendNumber(b, c.N)
	b = append(b, `,"low95":`...)
	b = appendNumber(b, c.Low95)
	b = append(b, `,"high95":`...)
	b = appendNumber(b, c.High95)
	b = append(b, `,"low998":`...)
	b = appendNumber(b, c.Low998)
	b = append(b, `,"high998":`...)
	b = appendNumber(b, c.High998)
	b = append(b, `,"odLow95":`...)
	b = appendNumber(b, c.ODLow95)
	b = append(b, `,"odHigh95":`...)
	b = appendNumber(b, c.ODHigh95)
	b = append(b, `,"odLow998":`...)
	b = appendNumber(b, c.ODLow998)
	b = append(b, `,"odHigh998":`...)
	b = appendNumber(b, c.ODHigh998)
	return append(b, '}')
}

// MarshalJSON writes the point as encoding/json would (appendJSON).
func (p ReportPoint) MarshalJSON() ([]byte, error) {
	return p.appendJSON(make([]byte, 0, 128)), nil
}

func (p ReportPoint) appendJSON(b []byte) []byte {
	b = append(b, `{"period":`...)
	b = appendJSONString(b, p.Period)
	b = append(b, `,"t":`...)
	b = appendNumber(b, p.T)
	b = append(b, `,"rate":`...)
	b = appendNumber(b, p.Rate)
	b = append(b, `,"low":`...)
	b = appendNumber(b, p.Low)
	b = append(b, `,"high":`...)
	b = appendNumber(b, p.High)
	if p.Reason != "" {
		b = append(b, `,"reason":`...)
		b = appendJSONString(b, p.Reason)
	}
	return append(b, '}')
}

// appendNumber appends n as Number.MarshalJSON writes it.
func appendNumber(b []byte, n Number) []byte {
	v := float64(n)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// appendJSONString appends s quoted as encoding/json quotes it. A string of
// printable ASCII other than " \ < > & and of valid UTF-8 other than
// U+2028 and U+2029 is written as it is, as encoding/json writes it; any
// other string (rare here) is left to encoding/json itself.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return appendQuoted(b, s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return appendQuoted(b, s)
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendQuoted(b []byte, s string) []byte {
	q, err := json.Marshal(s)
	if err != nil {
		panic("report: a string did not encode: " + err.Error()) // json.Marshal of a string cannot fail
	}
	return append(b, q...)
}
