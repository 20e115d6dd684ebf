package analysis

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortStableByIndex compares the sort, which moves each element along
// the cycles of its permutation, with slices.SortStableFunc on random keys
// with many ties (so that stability shows).
func TestSortStableByIndex(t *testing.T) {
	type item struct{ key, seq int }
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 10, 1000} {
		xs := make([]item, n)
		for i := range xs {
			xs[i] = item{key: r.IntN(7), seq: i}
		}
		want := slices.Clone(xs)
		slices.SortStableFunc(want, func(a, b item) int { return cmp.Compare(a.key, b.key) })
		sortStableByIndex(xs, func(a, b *item) int { return cmp.Compare(a.key, b.key) })
		if !slices.Equal(xs, want) {
			t.Errorf("n=%d: got %v, want %v", n, xs, want)
		}
	}
}
