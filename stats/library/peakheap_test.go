package library

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// peakHeap runs f and returns the most the heap's objects (live or not yet
// collected) grew above what they were before, sampled every 100 µs.
func peakHeap(f func()) uint64 {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	runtime.GC()
	metrics.Read(samples)
	base := samples[0].Value.Uint64()
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				metrics.Read(samples)
				if v := samples[0].Value.Uint64(); v > base && v-base > peak {
					peak = v - base
				}
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	return peak
}
