//go:build js && wasm

package main

import (
	"context"
	"strings"
	"syscall/js"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/ingest/decode"
	datasets "github.com/foi-explorer/foi-explorer/stats/library"
)

// A file copied in by slices imports like one given whole; a file too large
// to read is not copied at all, and is reported beside the files that do
// import.
func TestUploadsAndTooLargeFiles(t *testing.T) {
	ctx := context.Background()
	l := testEngine(t)
	if h, err := l.uploads.begin(decode.MaxFileSize + 1); h != 0 || err != nil {
		t.Fatalf("a file over the limit got handle %d, %v", h, err)
	}
	h, err := l.uploads.begin(len(sampleCSV))
	if err != nil {
		t.Fatal(err)
	}
	half := len(sampleCSV) / 2
	for _, part := range []string{sampleCSV[:half], sampleCSV[half:]} {
		chunk := js.Global().Get("Uint8Array").New(len(part))
		js.CopyBytesToJS(chunk, []byte(part))
		if err := l.uploads.add(h, chunk.Length(), func(b []byte) { js.CopyBytesToGo(b, chunk) }); err != nil {
			t.Fatal(err)
		}
	}
	files := js.Global().Get("Array").New()
	files.Call("push", map[string]any{"name": "huge.csv", "tooLarge": true})
	files.Call("push", map[string]any{"name": "figures.csv", "upload": h})
	originals, err := l.filesArg([]js.Value{files})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.ImportFiles(ctx, originals, datasets.OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	if res.Dataset == nil || res.Dataset.Rows != 3 {
		t.Fatalf("the good file did not import: %+v", res)
	}
	if len(res.Errors) != 1 || res.Errors[0].File != "huge.csv" || !strings.Contains(res.Errors[0].Message, "larger than 256 MB") {
		t.Errorf("errors %+v", res.Errors)
	}
	if _, err := l.uploads.take(h); err == nil {
		t.Error("an upload was left behind after the import took it")
	}
}
