package ingest

import (
	"bytes"
	"os"
	"runtime"
	"testing"

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
		stop := testfiles.SampleHeap(&peakLive, &peakHeap)
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
