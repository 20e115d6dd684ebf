// Package recur is a dictionary for keys that recur in the same order, as
// the force names of a long file do: the 43 forces, day after day, always
// one after the other in the same order.
//
// Why not a map alone: in wasm a string's hash has no hardware help, and a
// lookup a row on a force's name was a tenth of the reading of a 500,000-row
// file. An Index remembers, for each key, the key looked up after it the
// last time, and tries that one first with a plain comparison; only when
// the guess is wrong does it hash the key. What it gives is always the
// value stored for the key asked: the guess decides only how fast.
package recur

// Index maps keys to values as a map does, guessing each key from the one
// looked up before it. The zero Index is empty and ready to use.
type Index[K comparable, V any] struct {
	slots map[K]int32
	keys  []K
	vals  []V
	// next[s] is the slot looked up after slot s the last time, or -1.
	next []int32
	last int32 // the slot last looked up or put, valid when have is set
	have bool
}

// Get returns the value stored for k, and whether there is one.
func (x *Index[K, V]) Get(k K) (V, bool) {
	if x.have {
		if n := x.next[x.last]; n >= 0 && x.keys[n] == k {
			x.last = n
			return x.vals[n], true
		}
		if x.keys[x.last] == k {
			return x.vals[x.last], true // the same key again
		}
	}
	s, ok := x.slots[k]
	if !ok {
		var zero V
		return zero, false
	}
	x.follow(s)
	return x.vals[s], true
}

// Put stores v for k, replacing any value stored for it.
func (x *Index[K, V]) Put(k K, v V) {
	if s, ok := x.slots[k]; ok {
		x.vals[s] = v
		x.follow(s)
		return
	}
	if x.slots == nil {
		x.slots = map[K]int32{}
	}
	s := int32(len(x.keys))
	x.slots[k] = s
	x.keys = append(x.keys, k)
	x.vals = append(x.vals, v)
	x.next = append(x.next, -1)
	x.follow(s)
}

// Len is the number of keys stored.
func (x *Index[K, V]) Len() int { return len(x.keys) }

// follow records that slot s came after the last one.
func (x *Index[K, V]) follow(s int32) {
	if x.have {
		x.next[x.last] = s
	}
	x.last, x.have = s, true
}
