package library

import (
	"bytes"
	"context"
	"fmt"

	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
)

// LoadExample adds one of the two example datasets: "real" or "synthetic".
func (l *Library) LoadExample(ctx context.Context, which string) (Dataset, error) {
	switch which {
	case "real":
		t, _ := analysis.Combine(examples.ReportedFiguresFile, []*cube.Table{examples.ReportedFiguresTable()}, analysis.PairContainingOrLatest)
		meta := newDataset("Real reported figures (press and FOI, 2005 to 2024)", []string{examples.ReportedFiguresFile}, t, OriginRealExample)
		meta.Sources = examples.ReportedFigures()
		return l.addExample(ctx, meta, []OriginalFile{{Name: examples.ReportedFiguresFile, Bytes: examples.ReportedFiguresCSV()}}, t)
	case "synthetic":
		data := examples.SyntheticPracticeCSV()
		t, err := ingest.ReadTable(examples.SyntheticFile, bytes.NewReader(data))
		if err != nil {
			return Dataset{}, fmt.Errorf("the synthetic example could not be read: %w", err)
		}
		meta := newDataset(examples.SyntheticDatasetName, []string{examples.SyntheticFile}, t, OriginSyntheticExample)
		meta.Mark = examples.SyntheticMark
		return l.addExample(ctx, meta, []OriginalFile{{Name: examples.SyntheticFile, Bytes: data}}, t)
	}
	return Dataset{}, fmt.Errorf("there is no example called %q: use real or synthetic", which)
}

// addExample adds an example dataset at once, in session memory, and stores
// it in the background, so that a first visit shows the example without
// waiting for the browser's storage. The example can always be made again,
// so nothing is lost if the tab closes before it is stored.
func (l *Library) addExample(ctx context.Context, meta Dataset, originals []OriginalFile, t *cube.Table) (Dataset, error) {
	if l.Status().Mode == ModeMemory {
		return l.add(ctx, meta, originals, t)
	}
	enc, err := cube.EncodeTable(t)
	if err != nil {
		return meta, err
	}
	d := StoredDataset{Meta: meta, Originals: originals, Table: enc}
	_ = l.session.Put(ctx, d)
	l.cache(meta.ID, t)
	go func() {
		err := l.primary.Put(ctx, d)
		// The session copy may have been renamed or deleted meanwhile; it
		// is read and removed with no wait in between, so nothing else
		// runs in the middle (wasm runs one goroutine at a time).
		current, gone := l.session.Meta(ctx, meta.ID)
		switch {
		case err != nil && gone == nil:
			current.Persisted = false
			_ = l.session.UpdateMeta(ctx, current)
			l.setStatus(storeFailure(meta.Name, err))
		case err != nil:
		case gone != nil:
			_ = l.primary.Delete(ctx, meta.ID) // deleted while it was being stored
		default:
			_ = l.session.Delete(ctx, meta.ID)
			if current.Name != meta.Name {
				_ = l.primary.UpdateMeta(ctx, current)
			}
		}
	}()
	return meta, nil
}
