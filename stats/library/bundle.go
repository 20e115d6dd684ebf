package library

import (
	"bytes"
	"context"
	"fmt"

	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/bundle"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// ExportBundle writes a dataset's reproducibility bundle: its original files
// with the settings they were read with, the interval method, the app's
// version and the results.csv they give now. It returns the bundle's file
// name and bytes.
func (l *Library) ExportBundle(ctx context.Context, id string) (string, []byte, error) {
	meta, s, err := l.find(ctx, id)
	if err != nil {
		return "", nil, err
	}
	originals, err := s.Originals(ctx, id)
	if err != nil {
		return "", nil, err
	}
	results, err := l.ResultsCSV(ctx, id)
	if err != nil {
		return "", nil, err
	}
	rule, _ := analysis.ParsePairingRule(meta.Pairing)
	b := bundle.Bundle{
		Name: meta.Name, Origin: meta.Origin, Pairing: rule, NameMap: meta.NameMap, MeasureNames: meta.MeasureNames,
		Method: l.Method(ctx), AppVersion: report.AppVersion(), ResultsCSV: []byte(results),
	}
	for _, f := range originals {
		bf := bundle.BundleFile{Name: f.Name, Bytes: f.Bytes, Values: meta.Values[f.Name]}
		if m, ok := meta.Mappings[f.Name]; ok {
			bf.Mapping = &m
		}
		b.Files = append(b.Files, bf)
	}
	var buf bytes.Buffer
	if err := bundle.WriteBundle(&buf, b); err != nil {
		return "", nil, err
	}
	return bundle.BundleFileName(meta.Name), buf.Bytes(), nil
}

// BundleOpened is a bundle imported as a new dataset, and whether its
// results.csv came out the same.
type BundleOpened struct {
	Dataset Dataset `json:"dataset"`
	// Identical is true when the results.csv worked out here is the
	// bundle's, byte for byte; Message says so, or what differs.
	Identical bool   `json:"identical"`
	Message   string `json:"message"`
	// Method is the interval method now chosen: the bundle's.
	Method        string `json:"method"`
	MethodChanged bool   `json:"methodChanged"`
}

// OpenBundle imports a bundle as a new dataset with the settings it carries,
// works its results.csv out again with the bundle's interval method, and
// compares it with the bundle's. The method becomes the app's, so that the
// page shows what the bundle's author saw. A bundle that cannot be read, or
// whose files cannot be, stores nothing.
func (l *Library) OpenBundle(ctx context.Context, name string, data []byte) (BundleOpened, error) {
	var out BundleOpened
	b, err := bundle.ReadBundle(name, data)
	if err != nil {
		return out, err
	}
	files := make([]string, len(b.Files))
	originals := make([]OriginalFile, len(b.Files))
	for i, f := range b.Files {
		files[i] = f.Name
		originals[i] = OriginalFile{Name: f.Name, Bytes: f.Bytes}
	}
	meta := Dataset{Name: b.Name, Files: files, Origin: b.Origin, Pairing: b.Pairing.String(), NameMap: b.NameMap, MeasureNames: b.MeasureNames}
	for _, f := range b.Files {
		if f.Mapping != nil {
			if meta.Mappings == nil {
				meta.Mappings = map[string]ingest.Mapping{}
			}
			meta.Mappings[f.Name] = *f.Mapping
		}
		if f.Values != "" {
			if meta.Values == nil {
				meta.Values = map[string]string{}
			}
			meta.Values[f.Name] = f.Values
		}
	}
	// What an example carries comes from this app, not from the bundle.
	switch b.Origin {
	case OriginRealExample:
		meta.Sources = examples.ReportedFigures()
	case OriginSyntheticExample:
		meta.Mark = examples.SyntheticMark
	}
	// The same steps as reading a dataset again (rebuild).
	tables, err := tablesOf(meta, originals)
	if err != nil {
		return out, fmt.Errorf("%s: a file of the bundle could not be read, so nothing was stored: %w", name, err)
	}
	combined, _ := analysis.Combine(meta.Name, tables, b.Pairing)
	fresh := newDataset(meta.Name, files, combined, meta.Origin)
	meta.ID, meta.Rows, meta.Issues, meta.ImportedAt, meta.Persisted = fresh.ID, fresh.Rows, fresh.Issues, fresh.ImportedAt, fresh.Persisted

	res := analysis.Compute(withMeasureNames(analysis.WithNameMap(combined, meta.NameMap), meta.MeasureNames), b.Method)
	res.Mark = meta.Mark
	var recomputed bytes.Buffer
	if err := report.WriteResultsCSV(&recomputed, report.ResultRows(res)); err != nil {
		return out, err
	}

	if out.Dataset, err = l.add(ctx, meta, originals, combined); err != nil {
		return out, err
	}
	if l.Method(ctx) != b.Method {
		set, _ := l.Settings(ctx)
		set.Method = b.Method.String()
		if err := l.primary.PutSettings(ctx, set); err != nil {
			return out, fmt.Errorf("the bundle was imported, but its interval method (%s) could not be chosen: %w", b.Method, err)
		}
		out.MethodChanged = true
	}
	out.Method = b.Method.String()
	out.Message, out.Identical = bundleCheck(b, recomputed.Bytes())
	return out, nil
}

// bundleCheck says whether a bundle's results.csv came out the same here.
func bundleCheck(b *bundle.Bundle, recomputed []byte) (string, bool) {
	diff := bundle.DescribeResultsDifference(b.ResultsCSV, recomputed)
	if diff == "" {
		return fmt.Sprintf("Reproduced: results.csv worked out here from the bundle's %d file%s is identical, byte for byte, to the one in the bundle (made by FOI Explorer %s; this is %s).",
			len(b.Files), plural(len(b.Files)), b.AppVersion, report.AppVersion()), true
	}
	msg := fmt.Sprintf("Not reproduced: results.csv worked out here differs from the one in the bundle: %s.", diff)
	if b.AppVersion != report.AppVersion() {
		msg += fmt.Sprintf(" The bundle was made by FOI Explorer %s and this is %s: a change in the app between them may explain it.", b.AppVersion, report.AppVersion())
	} else {
		msg += " The bundle was made by this same version, so its results.csv was probably changed after it was saved."
	}
	return msg, false
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
