//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"
	"testing"
)

// TestPanicBecomesRejectedPromise: a panic inside an engine function rejects
// its Promise with a message, and the engine keeps answering.
func TestPanicBecomesRejectedPromise(t *testing.T) {
	fn := asyncFunc(func([]js.Value) (any, error) { panic("boom") })
	defer fn.Release()
	msg := awaitRejection(t, fn.Invoke())
	if !strings.Contains(msg, "internal error: boom") {
		t.Errorf("rejection = %q", msg)
	}
	ok := asyncFunc(func([]js.Value) (any, error) { return "fine", nil })
	defer ok.Release()
	if got := awaitValue(t, ok.Invoke()); got != "fine" {
		t.Errorf("after a panic the engine answered %q", got)
	}
}

func awaitRejection(t *testing.T, p js.Value) string {
	t.Helper()
	done := make(chan string, 1)
	onOK := js.FuncOf(func(js.Value, []js.Value) any { done <- "resolved"; return nil })
	onErr := js.FuncOf(func(_ js.Value, args []js.Value) any { done <- args[0].Get("message").String(); return nil })
	defer onOK.Release()
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	return <-done
}

func awaitValue(t *testing.T, p js.Value) string {
	t.Helper()
	done := make(chan string, 1)
	onOK := js.FuncOf(func(_ js.Value, args []js.Value) any { done <- args[0].String(); return nil })
	onErr := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- "rejected: " + args[0].Get("message").String()
		return nil
	})
	defer onOK.Release()
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	return <-done
}
