package analysis

import "slices"

// sortStableByIndex sorts xs as slices.SortStableFunc would, but moves each
// element only once: the sort itself works on indexes. Rows and figures are
// hundreds of bytes, and a stable sort moves each element O(log² n) times;
// sorting them directly was most of the time of Compute on a 400,000-row
// table (CPU profile of TestLargeTableComputes).
func sortStableByIndex[T any](xs []T, cmp func(a, b *T) int) {
	idx := make([]int32, len(xs))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(a, b int32) int { return cmp(&xs[a], &xs[b]) })
	permute(xs, idx)
}

// permute puts xs[idx[i]] at i for every i, in place, following each cycle
// of the permutation: no second copy of xs, which for 400,000 figures is
// 300 MB that a wasm module, whose memory never shrinks, keeps for good.
// idx is used up (each entry becomes its own index).
func permute[T any](xs []T, idx []int32) {
	for start := range idx {
		if int(idx[start]) == start {
			continue
		}
		held := xs[start]
		at := start
		for {
			from := int(idx[at])
			idx[at] = int32(at)
			if from == start {
				xs[at] = held
				break
			}
			xs[at] = xs[from]
			at = from
		}
	}
}
