//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"sync"

	"github.com/foi-explorer/foi-explorer/stats/ingest/decode"
)

// uploads are files the worker is copying into the engine a chunk at a
// time, so that neither side ever holds a second whole copy of a large file:
// the worker reads the File in slices and the engine fills a buffer made at
// the file's full size once.
type uploads struct {
	mu    sync.Mutex
	next  int
	files map[int][]byte
}

// begin makes room for a file of size bytes and returns its handle: 0 for
// a file larger than the reader takes, which the worker then does not read
// and the import reports as too large, beside the files that do import.
func (u *uploads) begin(size int) (int, error) {
	if size > decode.MaxFileSize {
		return 0, nil
	}
	if size < 0 {
		return 0, fmt.Errorf("a file cannot be %d bytes long", size)
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.files == nil {
		u.files = map[int][]byte{}
	}
	u.next++
	u.files[u.next] = make([]byte, 0, size)
	return u.next, nil
}

// add appends a chunk, copied by fill into the space it is given.
func (u *uploads) add(id, n int, fill func([]byte)) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	b, ok := u.files[id]
	if !ok {
		return fmt.Errorf("there is no upload %d", id)
	}
	if len(b)+n > cap(b) {
		return errors.New("the file grew while it was being read; add it again")
	}
	fill(b[len(b) : len(b)+n])
	u.files[id] = b[:len(b)+n]
	return nil
}

// take hands over a finished upload's bytes and forgets it.
func (u *uploads) take(id int) ([]byte, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	b, ok := u.files[id]
	if !ok {
		return nil, fmt.Errorf("there is no upload %d", id)
	}
	delete(u.files, id)
	if len(b) != cap(b) {
		return nil, fmt.Errorf("the file was not read to its end (%d of %d bytes); add it again", len(b), cap(b))
	}
	return b, nil
}

// drop forgets an upload, as when the user cancels.
func (u *uploads) drop(id int) {
	u.mu.Lock()
	defer u.mu.Unlock()
	delete(u.files, id)
}
