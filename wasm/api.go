//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"syscall/js"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/ingest/decode"
	datasets "github.com/foi-explorer/foi-explorer/stats/library"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// call is one function of the namespace, before it is wrapped as a
// Promise-returning JavaScript function.
type call func(args []js.Value) (any, error)

// stringArgs reads the leading arguments, all strings, naming each in errors.
func stringArgs(args []js.Value, names ...string) ([]string, error) {
	out := make([]string, len(names))
	for i, name := range names {
		s, err := argString(args, i, name)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// jsonCall adapts a function of string arguments whose result goes back to
// the worker as JSON text.
func jsonCall[T any](names []string, fn func(s []string) (T, error)) call {
	return func(args []js.Value) (any, error) {
		s, err := stringArgs(args, names...)
		if err != nil {
			return nil, err
		}
		v, err := fn(s)
		if err != nil {
			return nil, err
		}
		return jsonValue(v)
	}
}

// plainCall adapts a function of string arguments whose result is already a
// JavaScript value (a string, nil, an array of files).
func plainCall(names []string, fn func(s []string) (any, error)) call {
	return func(args []js.Value) (any, error) {
		s, err := stringArgs(args, names...)
		if err != nil {
			return nil, err
		}
		return fn(s)
	}
}

// jsonValue returns v as a JSON string for the worker to parse.
func jsonValue(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

var id = []string{"dataset id"}

// The codes an error carries to the page, which tells errors apart by them
// and never by their words (web/protocol.js lists them; "stopped" is the
// page's own, for an engine that can no longer answer).
const (
	codeCancelled = "cancelled" // the import was cancelled; nothing was stored
	codeHeader    = "header"    // the columns were not recognised; they can be chosen by hand
	codeError     = "error"     // anything else
)

// errorCode is the code of err: the one place errors are sorted for the page.
func errorCode(err error) string {
	var he *ingest.HeaderError
	switch {
	case errors.Is(err, ingest.ErrCancelled):
		return codeCancelled
	case errors.As(err, &he), errors.Is(err, ingest.ErrBadMapping):
		return codeHeader
	}
	return codeError
}

// namespace is globalThis.foi: every function returns a Promise, and waits
// until the library is open. Objects come back as JSON text, files as
// Uint8Array. The table is the Go half of the protocol: each page call of
// web/protocol.js has its function here, of the same name, taking the
// arguments in the order protocol.js lists them; beginUpload, appendUpload
// and dropUpload are the worker's own, to copy a File in by slices.
func (l *engine) namespace() js.Value {
	ctx := context.Background()
	fns := map[string]call{
		"importFiles": func(args []js.Value) (any, error) {
			files, err := l.filesArg(args)
			if err != nil {
				return nil, err
			}
			origin := datasets.OriginFile
			if len(args) > 1 && args[1].Type() == js.TypeString && args[1].String() == datasets.OriginPaste {
				origin = datasets.OriginPaste
			}
			res, err := l.ImportFiles(datasets.WithProgress(ctx, jsProgress(argAt(args, 2))), files, origin)
			if err != nil {
				return nil, err
			}
			return jsonValue(res)
		},
		"addFiles": func(args []js.Value) (any, error) {
			if len(args) < 2 {
				return nil, errors.New("addFiles takes a dataset id and an array of files")
			}
			id, err := argString(args, 0, "dataset id")
			if err != nil {
				return nil, err
			}
			files, err := l.filesArg(args[1:])
			if err != nil {
				return nil, err
			}
			return jsonOf(l.AddFiles(datasets.WithProgress(ctx, jsProgress(argAt(args, 2))), id, files))
		},
		"beginUpload": func(args []js.Value) (any, error) {
			if len(args) < 1 || args[0].Type() != js.TypeNumber {
				return nil, errors.New("beginUpload takes the file's size in bytes")
			}
			return l.uploads.begin(args[0].Int())
		},
		"appendUpload": func(args []js.Value) (any, error) {
			if len(args) < 2 || args[0].Type() != js.TypeNumber || !args[1].InstanceOf(js.Global().Get("Uint8Array")) {
				return nil, errors.New("appendUpload takes an upload handle and a Uint8Array")
			}
			chunk := args[1]
			return nil, l.uploads.add(args[0].Int(), chunk.Length(), func(b []byte) { js.CopyBytesToGo(b, chunk) })
		},
		"dropUpload": func(args []js.Value) (any, error) {
			if len(args) > 0 && args[0].Type() == js.TypeNumber {
				l.uploads.drop(args[0].Int())
			}
			return nil, nil
		},
		"previewFile": func(args []js.Value) (any, error) {
			name, err := argString(args, 0, "file name")
			if err != nil {
				return nil, err
			}
			data, err := argBytes(args, 1, "file bytes")
			if err != nil {
				return nil, err
			}
			// The choices made so far: {headerLine, noHeader, sheet}.
			var o ingest.PreviewOptions
			if len(args) > 2 && args[2].Type() == js.TypeString && args[2].String() != "" {
				if err := json.Unmarshal([]byte(args[2].String()), &o); err != nil {
					return nil, fmt.Errorf("the preview's options are not JSON: %w", err)
				}
			}
			return jsonOf(ingest.PreviewData(name, data, o))
		},
		"loadExample":  jsonCall([]string{"example"}, func(s []string) (datasets.Dataset, error) { return l.LoadExample(ctx, s[0]) }),
		"listDatasets": jsonCall(nil, func([]string) ([]datasets.Dataset, error) { return l.List(ctx) }),
		"renameDataset": plainCall([]string{"dataset id", "name"}, func(s []string) (any, error) {
			return nil, l.Rename(ctx, s[0], s[1])
		}),
		"deleteDataset": plainCall(id, func(s []string) (any, error) { return nil, l.Delete(ctx, s[0]) }),
		"deleteAll":     plainCall(nil, func([]string) (any, error) { return nil, l.DeleteAll(ctx) }),
		"results":       plainCall(id, func(s []string) (any, error) { return l.view(ctx, s[0]) }),
		"exportResultsCSV": exportCall("text/csv;charset=utf-8", func(id string, w io.Writer, progress func(done, total int)) error {
			return l.WriteResultsCSV(ctx, id, w, progress)
		}),
		"exportIssuesCSV": plainCall(id, func(s []string) (any, error) { return l.IssuesCSV(ctx, s[0]) }),
		"exportDataCSV": plainCall(id, func(s []string) (any, error) {
			return writeBlob("text/csv;charset=utf-8", func(w io.Writer) error { return l.WriteDataCSV(ctx, s[0], w) })
		}),
		"originalFiles": plainCall(id, func(s []string) (any, error) {
			files, err := l.Originals(ctx, s[0])
			if err != nil {
				return nil, err
			}
			out := js.Global().Get("Array").New()
			for _, f := range files {
				out.Call("push", map[string]any{"name": f.Name, "bytes": bytesToJS(f.Bytes)})
			}
			return out, nil
		}),
		"exportBundle": plainCall(id, func(s []string) (any, error) {
			name, data, err := l.ExportBundle(ctx, s[0])
			if err != nil {
				return nil, err
			}
			return map[string]any{"name": name, "bytes": bytesToJS(data)}, nil
		}),
		"openBundle": func(args []js.Value) (any, error) {
			files, err := l.filesArg(args)
			if err != nil {
				return nil, err
			}
			if len(files) != 1 {
				return nil, errors.New("open one bundle at a time")
			}
			return jsonOf(l.OpenBundle(ctx, files[0].Name, files[0].Bytes))
		},
		"exportResultsJSON": exportCall("application/json", func(id string, w io.Writer, progress func(done, total int)) error {
			return l.WriteResultsJSON(ctx, id, w, progress)
		}),
		"setNameMap": jsonCall([]string{"dataset id", "name mapping JSON"}, func(s []string) (datasets.Dataset, error) {
			return l.SetNameMap(ctx, s[0], s[1])
		}),
		"remapFile": jsonCall([]string{"dataset id", "file name", "column mapping JSON"}, func(s []string) (datasets.Dataset, error) {
			return l.Remap(ctx, s[0], s[1], s[2])
		}),
		"setValues": jsonCall([]string{"dataset id", "file name", "numerator or denominator"}, func(s []string) (datasets.Dataset, error) {
			return l.SetValues(ctx, s[0], s[1], s[2])
		}),
		"setMeasureNames": jsonCall([]string{"dataset id", "numerator's name", "denominator's name"}, func(s []string) (datasets.Dataset, error) {
			return l.SetMeasureNames(ctx, s[0], s[1], s[2])
		}),
		"setPairingRule": jsonCall([]string{"dataset id", "pairing rule"}, func(s []string) (datasets.Dataset, error) {
			return l.SetPairingRule(ctx, s[0], s[1])
		}),
		"listForces":    jsonCall(nil, func([]string) ([]forceChoice, error) { return forceChoices(), nil }),
		"getSettings":   jsonCall(nil, func([]string) (datasets.Settings, error) { return l.Settings(ctx) }),
		"setSettings":   jsonCall([]string{"settings JSON"}, func(s []string) (datasets.Settings, error) { return l.PutSettings(ctx, s[0]) }),
		"storageStatus": jsonCall(nil, func([]string) (datasets.StorageStatus, error) { return l.Status(), nil }),
	}
	ns := js.Global().Get("Object").New()
	for name, fn := range fns {
		ns.Set(name, asyncFunc(func(args []js.Value) (any, error) {
			<-l.opened
			return fn(args)
		}))
	}
	return ns
}

func jsonOf[T any](v T, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return jsonValue(v)
}

// filesArg reads an array of {name, bytes | upload, mapping?}: upload is the
// handle of a file copied in by appendUpload; a mapping, when given, is JSON
// text of an ingest.Mapping.
func (l *engine) filesArg(args []js.Value) ([]datasets.OriginalFile, error) {
	if len(args) == 0 || args[0].Type() != js.TypeObject || args[0].Length() == 0 {
		return nil, errors.New("argument 1 must be an array of {name, bytes}")
	}
	files := make([]datasets.OriginalFile, args[0].Length())
	for i := range files {
		f := args[0].Index(i)
		name, err := argString([]js.Value{f.Get("name")}, 0, "file name")
		if err != nil {
			return nil, err
		}
		var data []byte
		if f.Get("tooLarge").Truthy() {
			files[i] = datasets.OriginalFile{Name: name, Refused: &ingest.ParseError{File: name, Err: decode.ErrTooLarge}}
			continue
		}
		if h := f.Get("upload"); h.Type() == js.TypeNumber {
			data, err = l.uploads.take(h.Int())
		} else {
			data, err = argBytes([]js.Value{f.Get("bytes")}, 0, "file bytes")
		}
		if err != nil {
			return nil, err
		}
		files[i] = datasets.OriginalFile{Name: name, Bytes: data}
		if raw := f.Get("mapping"); raw.Type() == js.TypeString {
			var m ingest.Mapping
			if err := json.Unmarshal([]byte(raw.String()), &m); err != nil {
				return nil, fmt.Errorf("the column mapping of %s is not valid: %w", name, err)
			}
			files[i].Mapping = &m
		}
	}
	return files, nil
}

// argAt is args[i], or undefined.
func argAt(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// progressInterval is how often a read reports to the worker at most, and
// lets the worker's event loop run: a Cancel from the page is a message the
// worker can only see then.
const progressInterval = 50 * time.Millisecond

// exportCall adapts an export written a span at a time: its arguments are
// the dataset id and the worker's progress function, told of each span as
// the stage "writing" (done and total are rows), so that the page can say
// how far a long export has got.
func exportCall(mime string, write func(id string, w io.Writer, progress func(done, total int)) error) call {
	return func(args []js.Value) (any, error) {
		id, err := argString(args, 0, "dataset id")
		if err != nil {
			return nil, err
		}
		var progress func(done, total int)
		if fn := argAt(args, 1); fn.Type() == js.TypeFunction {
			var last time.Time
			progress = func(done, total int) {
				// The end is always told, so that the count the page
				// ends on is the file's.
				if done < total && time.Since(last) < progressInterval {
					return
				}
				last = time.Now()
				fn.Invoke(string(stageWriting), done, total, 0)
			}
		}
		return writeBlob(mime, func(w io.Writer) error { return write(id, w, progress) })
	}
}

// stageWriting is an export's one stage, as the page's progress knows it.
const stageWriting ingest.Stage = "writing"

// jsProgress adapts the worker's progress function, (stage, done, total,
// rows) → keep going, as an ingest.Progress; nil when fn is not a function.
func jsProgress(fn js.Value) ingest.Progress {
	if fn.Type() != js.TypeFunction {
		return nil
	}
	last := time.Now()
	var lastStage ingest.Stage
	return func(stage ingest.Stage, done, total, rows int) bool {
		// A new stage is always reported: the page's label must not stay
		// on "Checking each row" while the table is being stored.
		if stage == lastStage && time.Since(last) < progressInterval {
			return true
		}
		lastStage = stage
		// Sleeping hands the thread back to JavaScript for a moment.
		time.Sleep(time.Millisecond)
		last = time.Now()
		return fn.Invoke(string(stage), done, total, rows).Truthy()
	}
}

type forceChoice struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// forceChoices are the forces a name can be mapped to by hand.
func forceChoices() []forceChoice {
	var out []forceChoice
	for _, f := range police.Forces() {
		out = append(out, forceChoice{Key: f.Key(), Name: f.Name})
	}
	return out
}

// stringConcat is String.prototype.concat: syscall/js calls methods of
// objects only, and a string is not one.
var stringConcat = js.Global().Get("String").Get("prototype").Get("concat")

// view is ViewJSON, but a report stored in IndexedDB goes to the page as the
// JavaScript string IndexedDB gave, joined to the dataset's description in
// JavaScript: never copied into Go's memory and back out (8.7 MB for a
// million-row dataset, about 50-70 ms of a reload, and memory the module
// never gives back).
func (l *engine) view(ctx context.Context, id string) (any, error) {
	head, key, s, err := l.ViewHead(ctx, id)
	if err != nil {
		return nil, err
	}
	if db, ok := s.(*idbStore); ok {
		if storedKey, report, ok := db.reportValue(ctx, id); ok && storedKey == key {
			return stringConcat.Call("call", head, report, "}"), nil
		}
	}
	return l.ViewJSON(ctx, id)
}
