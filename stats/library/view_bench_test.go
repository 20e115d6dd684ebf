package library

import (
	"context"
	"runtime"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// BenchmarkViewDaily400k is the view of a stored 400,000-row daily dataset
// (43 forces over 9,302 days, as the crash test's), opened by a library that
// has only the stored table, as after a reload. It reports:
//   - sys-MB: the memory the runtime holds from the system afterwards. A wasm
//     module's memory never shrinks and cannot pass 4 GiB, so in wasm this is
//     what the view cost for good; natively it is an upper bound of the peak;
//   - heap-MB: the heap afterwards, garbage not yet collected included.
//
// make bench runs it natively and in Chromium (GOOS=js); the figures are
// measured, never asserted.
func BenchmarkViewDaily400k(b *testing.B) {
	ctx := context.Background()
	stored := New(new(MemoryStore), Options{})
	d, err := stored.Import(ctx, "daily.csv", []byte(testfiles.DailyCSV(400_000, police.TerritorialNames())), OriginFile)
	if err != nil {
		b.Fatal(err)
	}
	var m runtime.MemStats
	for b.Loop() {
		l := New(stored.primary, Options{})
		runtime.GC()
		if _, err := l.ViewJSON(ctx, d.ID); err != nil {
			b.Fatal(err)
		}
		runtime.ReadMemStats(&m)
		runtime.KeepAlive(l)
	}
	b.ReportMetric(float64(m.Sys>>20), "sys-MB")
	b.ReportMetric(float64(m.HeapAlloc>>20), "heap-MB")
}

// BenchmarkImportLongFile is the page's whole path for the peers
// benchmark's file a (20 MB of force,period,missing,registered: 43 forces on
// consecutive days): the file imported and stored, then the view worked out,
// as the page does before it draws.
func BenchmarkImportLongFile(b *testing.B) {
	ctx := context.Background()
	data := testfiles.LongFile(20_000_000, police.TerritorialNames())
	var m runtime.MemStats
	for b.Loop() {
		l := New(new(MemoryStore), Options{})
		d, err := l.Import(ctx, "a.csv", data, OriginFile)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := l.ViewJSON(ctx, d.ID); err != nil {
			b.Fatal(err)
		}
		runtime.ReadMemStats(&m)
	}
	b.ReportMetric(float64(m.Sys>>20), "sys-MB")
}

// BenchmarkViewLongFile is the first view of the peers benchmark's file a
// after its import, as the page asks for it: the frame of its 499,247
// figures made and the latest 120 periods worked out and written as the
// page's JSON.
func BenchmarkViewLongFile(b *testing.B) {
	ctx := context.Background()
	l := New(new(MemoryStore), Options{})
	d, err := l.Import(ctx, "a.csv", testfiles.LongFile(20_000_000, police.TerritorialNames()), OriginFile)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		l.forgetResults()
		if _, err := l.Results(ctx, d.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkViewTypical is the page's "results" call for the peers
// benchmark's file c (a typical FOI file: 43 forces by 10 financial years,
// 430 rows): a library that has only the stored table, as after a reload,
// works out the view and writes its JSON. The stored report is forgotten
// before each view, so that every one is worked out afresh.
func BenchmarkViewTypical(b *testing.B) {
	ctx := context.Background()
	store := new(MemoryStore)
	d, err := New(store, Options{}).Import(ctx, "typical-foi-43x10.csv", testfiles.TypicalFile(police.TerritorialNames()), OriginFile)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := store.PutReport(ctx, d.ID, "", ""); err != nil {
			b.Fatal(err)
		}
		if _, err := New(store, Options{}).ViewJSON(ctx, d.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportTypical is the page's whole path for file c: the file
// imported and stored, then the view worked out.
func BenchmarkImportTypical(b *testing.B) {
	ctx := context.Background()
	data := testfiles.TypicalFile(police.TerritorialNames())
	for b.Loop() {
		l := New(new(MemoryStore), Options{})
		d, err := l.Import(ctx, "typical-foi-43x10.csv", data, OriginFile)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := l.ViewJSON(ctx, d.ID); err != nil {
			b.Fatal(err)
		}
	}
}
