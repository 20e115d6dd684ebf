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
		// Changes wait until the example is stored, and then find it in
		// the store; until then they change the session copy, so the copy
		// as it is now is what the store must hold. Reads go on meanwhile,
		// from the session copy.
		l.handover.Lock()
		defer l.handover.Unlock()
		current, err := l.session.Meta(ctx, meta.ID)
		if err != nil {
			return // deleted before it could be stored
		}
		if err := l.storeSessionCopy(ctx, current); err != nil {
			l.keepInSession(ctx, current, err)
			return
		}
		_ = l.session.Delete(ctx, meta.ID)
	}()
	return meta, nil
}

// storeSessionCopy stores the session copy of a dataset as it is now: its
// description, its files and its table, which a choice made by hand may have
// changed.
func (l *Library) storeSessionCopy(ctx context.Context, meta Dataset) error {
	table, err := l.session.Table(ctx, meta.ID)
	if err != nil {
		return err
	}
	originals, err := l.session.Originals(ctx, meta.ID)
	if err != nil {
		return err
	}
	return l.primary.Put(ctx, StoredDataset{Meta: meta, Originals: originals, Table: table})
}

// keepInSession leaves a dataset the store refused in session memory, marked
// as not stored, and says why.
func (l *Library) keepInSession(ctx context.Context, meta Dataset, err error) {
	meta.Persisted = false
	_ = l.session.UpdateMeta(ctx, meta)
	l.setStatus(storeFailure(meta.Name, err))
}
