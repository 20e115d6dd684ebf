package analysis

import "runtime"

// yieldEvery lets other goroutines run once every 4,096 steps of a long loop.
//
// Why: in wasm there is one thread and no preemption, so a garbage
// collection that has started can finish only when the goroutine working
// lets its background worker run. Without a yield, Compute on a
// 400,000-figure table allocated 2.6 GB with no collection finishing and the
// module ran out of its 4 GiB; with it the heap stays near what is live.
// Natively a yield costs about 100 ns, nothing beside 4,096 figures.
func yieldEvery(step int) {
	if step&4095 == 4095 {
		runtime.Gosched()
	}
}
