//go:build js && wasm

package main

import (
	"io"
	"syscall/js"
)

// blobWriter collects what is written to it into a JavaScript Blob, a part
// at a time: an export of a large dataset (results.json of half a million
// rows is 374 MB) never lies whole in the module's memory, which cannot
// shrink, only its parts in the worker's, and the page saves the Blob as it
// is.
type blobWriter struct {
	parts js.Value // an Array of Uint8Array
	buf   []byte
}

// blobPart is how much is gathered before it is handed to JavaScript.
const blobPart = 1 << 20

func newBlobWriter() *blobWriter {
	return &blobWriter{parts: js.Global().Get("Array").New(), buf: make([]byte, 0, blobPart)}
}

func (w *blobWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), blobPart-len(w.buf))
		w.buf = append(w.buf, p[:k]...)
		p = p[k:]
		if len(w.buf) == blobPart {
			w.flush()
		}
	}
	return n, nil
}

func (w *blobWriter) flush() {
	if len(w.buf) == 0 {
		return
	}
	w.parts.Call("push", bytesToJS(w.buf))
	w.buf = w.buf[:0]
}

// blob is everything written, as a Blob of the given type.
func (w *blobWriter) blob(mime string) js.Value {
	w.flush()
	return js.Global().Get("Blob").New(w.parts, map[string]any{"type": mime})
}

// writeBlob calls write with a blobWriter and returns what it wrote as a
// Blob.
func writeBlob(mime string, write func(io.Writer) error) (any, error) {
	w := newBlobWriter()
	if err := write(w); err != nil {
		return nil, err
	}
	return w.blob(mime), nil
}
