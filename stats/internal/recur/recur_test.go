package recur

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestIndexIsAMap holds an Index to a map over random lookups and puts of
// keys that sometimes recur in order and sometimes do not: the guess must
// never change what is found.
func TestIndexIsAMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		var x Index[string, int]
		want := map[string]int{}
		keys := 1 + rng.IntN(60)
		for step := range 5000 {
			var k string
			if rng.IntN(4) == 0 {
				k = strconv.Itoa(rng.IntN(keys + 5)) // out of order, sometimes absent
			} else {
				k = strconv.Itoa(step % keys) // in order
			}
			if rng.IntN(3) == 0 {
				v := rng.Int()
				x.Put(k, v)
				want[k] = v
				continue
			}
			got, ok := x.Get(k)
			w, wok := want[k]
			if got != w || ok != wok {
				t.Fatalf("trial %d step %d: Get(%q) = %d, %v; want %d, %v", trial, step, k, got, ok, w, wok)
			}
		}
		if x.Len() != len(want) {
			t.Fatalf("trial %d: Len = %d, want %d", trial, x.Len(), len(want))
		}
	}
}

func BenchmarkIndexInOrder(b *testing.B) {
	var x Index[string, int]
	names := make([]string, 43)
	for i := range names {
		names[i] = "Force number " + strconv.Itoa(i)
		x.Put(names[i], i)
	}
	for i := 0; b.Loop(); i++ {
		x.Get(names[i%len(names)])
	}
}
