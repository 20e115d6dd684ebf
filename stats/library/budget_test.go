package library

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// TestOverBudgetIsRefusedAndNothingChanges: with a budget a little above
// what the engine holds, a large import is refused before it starts, with a
// message that says what it would need, what fits and what to do; the
// datasets stored before are untouched and still open, and with the budget
// back the same file imports.
func TestOverBudgetIsRefusedAndNothingChanges(t *testing.T) {
	ctx := context.Background()
	l := New(new(MemoryStore), Options{})
	small, err := l.Import(ctx, "small.csv", []byte("Force,Year,Missing,Registered\nKent,2019,4,100\nDorset,2019,5,120\n"), OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := l.List(ctx)
	view, err := l.ViewJSON(ctx, small.ID)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	budgetMB := held()>>20 + 4
	if _, err := l.PutSettings(ctx, fmt.Sprintf(`{"memoryBudgetMB":%d}`, budgetMB)); err != nil {
		t.Fatal(err)
	}
	big := []byte(testfiles.DailyCSV(100_000, police.TerritorialNames())) // 4 MB: about 36 MB to read
	_, err = l.Import(ctx, "daily.csv", big, OriginFile)
	var over *OverBudgetError
	if !errors.As(err, &over) {
		t.Fatalf("importing %d bytes within a budget of %d MB: %v, want an OverBudgetError", len(big), budgetMB, err)
	}
	msg := err.Error()
	for _, want := range []string{"importing daily", "MB of memory", fmt.Sprintf("of the %d MB it may use", budgetMB),
		"nothing stored has changed", "group its dates by month or by year", "fits now"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the refusal %q does not say %q", msg, want)
		}
	}
	if over.Need < int64(len(big)) || over.Held <= 0 || over.Budget != budgetMB<<20 {
		t.Errorf("the refusal's figures: %+v", over)
	}
	after, _ := l.List(ctx)
	if !reflect.DeepEqual(after, before) {
		t.Errorf("the datasets changed:\n%+v\nwant\n%+v", after, before)
	}
	if again, err := l.ViewJSON(ctx, small.ID); err != nil || again != view {
		t.Errorf("the stored dataset's view after the refusal: %v", err)
	}
	// Adding the file to the stored dataset is refused too.
	if _, err := l.AddFiles(ctx, small.ID, []OriginalFile{{Name: "daily.csv", Bytes: big}}); !errors.As(err, &over) {
		t.Errorf("adding the file: %v, want an OverBudgetError", err)
	}
	if _, err := l.PutSettings(ctx, `{"memoryBudgetMB":-1}`); err == nil {
		t.Error("a negative budget was taken")
	}
	if _, err := l.PutSettings(ctx, `{"memoryBudgetMB":0}`); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Import(ctx, "daily.csv", big, OriginFile); err != nil {
		t.Errorf("with the default budget: %v", err)
	}
}

// TestBudgetEstimatesHoldMeasuredPeaks: what a step is estimated to need is
// at least what it was measured to take (the heap's peak above what was
// held before, sampled), on a daily file like the one that ran the engine
// out of memory, so that a step let through does not pass the budget.
func TestBudgetEstimatesHoldMeasuredPeaks(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 4 MB file with the heap sampled")
	}
	ctx := context.Background()
	data := []byte(testfiles.DailyCSV(100_000, police.TerritorialNames()))
	l := New(new(MemoryStore), Options{})
	var id string
	imp := testfiles.PeakHeap(func() {
		d, err := l.Import(ctx, "daily.csv", data, OriginFile)
		if err != nil {
			t.Fatal(err)
		}
		id = d.ID
	})
	if need := importNeed(len(data)); uint64(need) < imp {
		t.Errorf("import: estimated %d bytes, measured %d", need, imp)
	}
	reloaded := New(l.primary, Options{})
	view := testfiles.PeakHeap(func() {
		if _, err := reloaded.ViewJSON(ctx, id); err != nil {
			t.Fatal(err)
		}
	})
	if need := viewNeed(100_000); uint64(need) < view {
		t.Errorf("view: estimated %d bytes, measured %d", need, view)
	}
	data2 := testfiles.PeakHeap(func() {
		if _, err := reloaded.DataCSV(ctx, id); err != nil {
			t.Fatal(err)
		}
	})
	if need := dataCSVNeed(len(data), 100_000); uint64(need) < data2 {
		t.Errorf("data.csv: estimated %d bytes, measured %d", need, data2)
	}
	t.Logf("measured: import %.1f× the file, view %d bytes a row, data.csv %.1f× the file", float64(imp)/float64(len(data)), view/100_000, float64(data2)/float64(len(data)))
}
