package testfiles

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// SampleHeap watches the heap until the returned stop is called, and keeps
// the most it grew above what it held at the start: the live heap after each
// collection, and the heap's objects, live or not yet collected, every
// 100 µs. stop collects once more and reads the live heap at the end.
func SampleHeap(peakLive, peakHeap *uint64) (stop func()) {
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
		runtime.GC()
		read()
	}
}

// PeakHeap runs f and returns the most the heap's objects, live or not yet
// collected, grew above what they were before (SampleHeap).
func PeakHeap(f func()) uint64 {
	var live, heap uint64
	stop := SampleHeap(&live, &heap)
	f()
	stop()
	return heap
}
