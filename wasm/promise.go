//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"runtime/debug"
	"syscall/js"
)

// asyncFunc wraps work as a JavaScript function that returns a Promise. The
// work runs in its own goroutine, because a js.FuncOf callback must not block
// (IndexedDB answers through the event loop). A panic becomes a rejected
// Promise with a message, never a dead worker.
func asyncFunc(work func(args []js.Value) (any, error)) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) any {
		return newPromise(func() (any, error) { return work(args) })
	})
}

func newPromise(work func() (any, error)) js.Value {
	var executor js.Func
	executor = js.FuncOf(func(this js.Value, pargs []js.Value) any {
		resolve, reject := pargs[0], pargs[1]
		go func() {
			defer executor.Release()
			result, err := runSafely(work)
			if err != nil {
				reject.Invoke(jsError(err))
				return
			}
			resolve.Invoke(result)
		}()
		return nil
	})
	return js.Global().Get("Promise").New(executor)
}

func runSafely(work func() (any, error)) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			println("foi: panic:", fmt.Sprint(r), "\n", string(debug.Stack()))
			err = fmt.Errorf("internal error: %v (please report this; your stored data is unchanged)", r)
		}
	}()
	return work()
}

// Located is an error that says where in a file it happened; the page shows
// the file, line and column.
type Located interface {
	error
	Location() (file string, line, column int)
}

// jsError turns a Go error into a JavaScript Error with a code (see
// errorCode), and file, line and column properties when the error has them.
func jsError(err error) js.Value {
	e := js.Global().Get("Error").New(err.Error())
	e.Set("code", errorCode(err))
	var loc Located
	if errors.As(err, &loc) {
		file, line, col := loc.Location()
		e.Set("file", file)
		e.Set("line", line)
		e.Set("column", col)
	}
	return e
}

// argString returns args[i] as a string, or an error naming the argument.
func argString(args []js.Value, i int, name string) (string, error) {
	if i >= len(args) || args[i].Type() != js.TypeString {
		return "", fmt.Errorf("argument %d (%s) must be a string", i+1, name)
	}
	return args[i].String(), nil
}

// argBytes copies a Uint8Array argument into Go.
func argBytes(args []js.Value, i int, name string) ([]byte, error) {
	if i >= len(args) || !args[i].InstanceOf(js.Global().Get("Uint8Array")) {
		return nil, fmt.Errorf("argument %d (%s) must be a Uint8Array", i+1, name)
	}
	b := make([]byte, args[i].Get("length").Int())
	js.CopyBytesToGo(b, args[i])
	return b, nil
}

func bytesToJS(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}
