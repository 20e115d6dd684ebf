package ingest

import (
	"bytes"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// BenchmarkReadLongFile reads the benchmark's file a (20 MB of
// force,period,missing,registered: 43 forces on consecutive days, as
// ../shared/bench-peers/gen.mjs writes it; FOI_LONG_FILE names another file)
// into a table, and reports the memory it takes:
//   - peak-live-x-file: the most live heap seen at the end of a garbage
//     collection during the read, the file's own bytes included, over the
//     file's size (the target is 3);
//   - peak-heap-x-file: the most heap seen at any moment, garbage not yet
//     collected included (with GOGC=100 about twice the live heap);
//   - column-B/obs and dict-B/obs: the table's columns and dictionaries per
//     observation (the target is 32 for the columns).
//
// make bench runs it; the figures are measured, never asserted.
func BenchmarkReadLongFile(b *testing.B) {
	data := longFile(b)
	b.SetBytes(int64(len(data)))
	var peakLive, peakHeap uint64
	var cols, dicts, obs int
	for b.Loop() {
		stop := sampleHeap(&peakLive, &peakHeap)
		t, err := ReadBytes("force-figures-long.csv", data, ReadOptions{})
		stop()
		if err != nil {
			b.Fatal(err)
		}
		cols, dicts = t.Footprint()
		obs = t.Observations()
		runtime.KeepAlive(t)
	}
	runtime.KeepAlive(data)
	// The peaks are above the heap before the read, which holds the file
	// and whatever the test binary holds; the file is added back.
	size := float64(len(data))
	b.ReportMetric((float64(peakLive)+size)/size, "peak-live-x-file")
	b.ReportMetric((float64(peakHeap)+size)/size, "peak-heap-x-file")
	b.ReportMetric(float64(cols)/float64(obs), "column-B/obs")
	b.ReportMetric(float64(dicts)/float64(obs), "dict-B/obs")
}

func longFile(b *testing.B) []byte {
	if name := os.Getenv("FOI_LONG_FILE"); name != "" {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	// A copy of exactly the file's length: the buffer it was written in
	// has room to spare, which would count as the file's.
	return bytes.Clone(testfiles.LongFile(20e6, police.TerritorialNames()))
}

// sampleHeap watches the heap until the returned stop is called, and
// keeps the most it grew above what it held at the start: the live heap
// after each collection, and the heap's objects, live or not yet collected,
// every 100 µs.
func sampleHeap(peakLive, peakHeap *uint64) (stop func()) {
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	runtime.GC()
	metrics.Read(samples)
	baseLive, baseHeap := samples[0].Value.Uint64(), samples[1].Value.Uint64()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	read := func() {
		metrics.Read(samples)
		*peakLive = max(*peakLive, samples[0].Value.Uint64()-min(baseLive, samples[0].Value.Uint64()))
		*peakHeap = max(*peakHeap, samples[1].Value.Uint64()-min(baseHeap, samples[1].Value.Uint64()))
	}
	go func() {
		defer wg.Done()
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				read()
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		// The live heap at the end, the table still held.
		runtime.GC()
		read()
	}
}
