package library

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"

	"github.com/foi-explorer/foi-explorer/stats/cube"

	"github.com/foi-explorer/foi-explorer/stats/internal/words"
)

// The memory budget: the engine knows what it holds and what a step will
// need, and a step that would pass the budget is refused before it starts,
// with what would fit, instead of running the module out of memory (a wasm
// module cannot pass 4 GiB, its memory never shrinks, and out of memory the
// Go program ends: every later request of the page goes unanswered).
//
// What a step needs was measured natively with the heap sampled every
// 100 µs (peak above what was held before), on the peers benchmark's files
// a (20 MB daily force figures) and b (50 MB police.uk records) and the crash
// test's 400,000-row daily file:
//
//	import:           2.1×, 6.7× and 8.0× the file
//	view after reload: 500–520 bytes a row (the stored table read back and
//	                  the frame of its statistics), 709 at 100,000 rows
//	data.csv:         1.9×, 15.8× and 19.0× the largest file
//
// results.csv and results.json are written a span of periods at a time
// (report.StreamResultsCSV), about SpanRows figures, whatever the dataset:
// they need no check.

// DefaultMemoryBudget is the most the engine lets its heap hold, what it
// holds and what a step needs together: below the 3 GiB where the engine's
// garbage collector works hardest (wasm/main.go) and the 4 GiB a module
// cannot pass, with room for the collector's garbage.
const DefaultMemoryBudget = 2 << 30

// importBytesPerByte is the most an import was measured to need for each
// byte of its files, rounded up (8.0× for the 400,000-row daily file).
const importBytesPerByte = 9

// viewBytesPerRow and viewFixedBytes are what the view of a stored dataset
// needs for each row of its table and whatever its size: 520 bytes a row
// were measured at 400,000 and 500,000 rows, 709 at 100,000, where what does
// not grow with the rows weighs more.
const (
	viewBytesPerRow = 640
	viewFixedBytes  = 16 << 20
)

// viewNeed is what the view of a dataset of rows rows needs.
func viewNeed(rows int) int64 { return viewFixedBytes + int64(rows)*viewBytesPerRow }

// dataCSVNeed is what writing data.csv needs: its largest file read again,
// and its text (two observations a row, about 120 bytes each, in a buffer
// that may be twice the text).
func dataCSVNeed(largest, rows int) int64 { return importNeed(largest) + int64(rows)*2*120*2 }

// importNeed is what reading files of size bytes needs.
func importNeed(size int) int64 { return int64(size) * importBytesPerByte }

// OverBudgetError is a step the engine did not start because it would
// pass the memory budget. Nothing stored was changed.
type OverBudgetError struct {
	Step               string // "importing daily.csv"
	Need, Held, Budget int64
	Fits               string // what would fit, in words
}

func (e *OverBudgetError) Error() string {
	return fmt.Sprintf("%s would need about %s of memory, and the engine holds %s of the %s it may use: it was not started, so that the engine cannot run out of memory, and nothing stored has changed. %s",
		e.Step, megabytes(e.Need), megabytes(e.Held), megabytes(e.Budget), e.Fits)
}

// megabytes writes a size in MB, "1,250 MB".
func megabytes(n int64) string {
	return words.Thousands((n+(1<<20)-1)>>20) + " MB"
}

// budget is the memory budget in bytes: the setting's when there is one.
func (l *Library) budget(ctx context.Context) int64 {
	if set, err := l.primary.Settings(ctx); err == nil && set.MemoryBudgetMB > 0 {
		return int64(set.MemoryBudgetMB) << 20
	}
	return DefaultMemoryBudget
}

// held is the live heap at the end of the last garbage collection: what
// the engine holds, not counting garbage a collection would free.
func held() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// checkBudget refuses a step that needs need bytes when the engine holds
// too much to give them within the budget. fits says what would.
func (l *Library) checkBudget(ctx context.Context, step string, need int64, fits string) error {
	budget, have := l.budget(ctx), held()
	if have+need <= budget {
		return nil
	}
	// First let go of what the engine keeps only to be quicker (the tables
	// of datasets opened before, the last view's frame), and look again.
	l.mu.Lock()
	l.tables = map[string]*cube.Table{}
	l.mu.Unlock()
	l.forgetResults()
	runtime.GC()
	if have = held(); have+need <= budget {
		return nil
	}
	return &OverBudgetError{Step: step, Need: need, Held: have, Budget: budget, Fits: fits}
}
