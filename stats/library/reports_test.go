package library

import (
	"context"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/analysis"
)

// The page's report is worked out once and read back after that, by this
// library and by a new one over the same store (a reload); a change of
// method, of the dataset's description or of its table works it out again.
func TestReportIsStoredAndReadBack(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	d, err := l.Import(ctx, "figures.csv", []byte(sampleCSV), OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	view := func(l *Library) string {
		t.Helper()
		out, err := l.ViewJSON(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := view(l)
	if again := view(l); again != first || l.reportsComputed != 1 {
		t.Fatalf("second view: computed %d times, same text %v", l.reportsComputed, again == first)
	}
	reload := reopen(l)
	if after := view(reload); after != first || reload.reportsComputed != 0 {
		t.Errorf("after a reload: computed %d times, same text %v", reload.reportsComputed, after == first)
	}
	if _, err := l.PutSettings(ctx, `{"method":"poisson"}`); err != nil {
		t.Fatal(err)
	}
	if poisson := view(l); poisson == first || l.reportsComputed != 2 || !strings.Contains(poisson, `"method":"poisson"`) {
		t.Errorf("after the method changed: computed %d times", l.reportsComputed)
	}
	if _, err := l.PutSettings(ctx, `{"method":"wilson"}`); err != nil {
		t.Fatal(err)
	}
	if view(l) != first || l.reportsComputed != 3 {
		t.Errorf("back to Wilson: computed %d times, want 3, and the first report", l.reportsComputed)
	}
	// Renaming changes nothing in the report, only the dataset's name.
	if err := l.Rename(ctx, d.ID, "renamed"); err != nil {
		t.Fatal(err)
	}
	if renamed := view(l); !strings.Contains(renamed, `"name":"renamed"`) || l.reportsComputed != 3 {
		t.Errorf("after renaming: computed %d times; %.200s", l.reportsComputed, renamed)
	}
	if _, err := l.SetPairingRule(ctx, d.ID, analysis.PairSamePeriod.String()); err != nil {
		t.Fatal(err)
	}
	view(l)
	if l.reportsComputed != 4 {
		t.Errorf("after the pairing rule changed: computed %d times, want 4", l.reportsComputed)
	}
}

// A report stored by one build of the engine is never shown by another: a
// new build may work the figures out differently.
func TestReportOfAnotherBuildIsWorkedOutAgain(t *testing.T) {
	ctx := context.Background()
	store := new(MemoryStore)
	old := New(store, Options{BuildID: "build-1"})
	d, err := old.Import(ctx, "figures.csv", []byte(sampleCSV), OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.ViewJSON(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	oldKey, _, _ := store.Report(ctx, d.ID)
	same := New(store, Options{BuildID: "build-1"})
	if _, err := same.ViewJSON(ctx, d.ID); err != nil || same.reportsComputed != 0 {
		t.Errorf("the same build worked the report out again (%d times), %v", same.reportsComputed, err)
	}
	next := New(store, Options{BuildID: "build-2"})
	if _, err := next.ViewJSON(ctx, d.ID); err != nil || next.reportsComputed != 1 {
		t.Errorf("a new build read the old build's report (computed %d times), %v", next.reportsComputed, err)
	}
	if newKey, _, _ := store.Report(ctx, d.ID); newKey == oldKey || newKey == "" {
		t.Errorf("the new build's report was not stored under its own key: %q", newKey)
	}
}
