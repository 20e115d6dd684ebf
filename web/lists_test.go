package main

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/library"
)

// TestEveryListIsInLISTS: Go's encoding/json writes an empty slice as null,
// and a null where the page iterates a list killed the page (renderClaims on
// a claim's caveats). protocol.js reads a null under any name of its LISTS as
// []; this test walks every type the engine sends the page and fails on a
// list field whose JSON name LISTS lacks.
func TestEveryListIsInLISTS(t *testing.T) {
	m := regexp.MustCompile(`(?s)const LISTS = new Set\(\[(.*?)\]\)`).FindStringSubmatch(readText(t, "protocol.js"))
	if m == nil {
		t.Fatal("no LISTS in protocol.js")
	}
	var lists []string
	for _, q := range regexp.MustCompile(`"(\w+)"`).FindAllStringSubmatch(m[1], -1) {
		lists = append(lists, q[1])
	}
	sent := []any{library.ImportResult{}, library.Dataset{}, library.DatasetResults{}, library.BundleOpened{},
		library.Settings{}, library.StorageStatus{}, ingest.Preview{}}
	names := map[string]string{} // JSON name → the Go field that has it
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type, path string)
	walk = func(typ reflect.Type, path string) {
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		if seen[typ] {
			return
		}
		seen[typ] = true
		switch typ.Kind() {
		case reflect.Slice, reflect.Array, reflect.Map:
			walk(typ.Elem(), path+"[]")
		case reflect.Struct:
			for i := range typ.NumField() {
				f := typ.Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if !f.IsExported() || name == "-" {
					continue
				}
				if name == "" {
					name = f.Name
				}
				ft := f.Type
				for ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Slice && ft.Elem().Kind() != reflect.Uint8 {
					names[name] = path + "." + f.Name
				}
				walk(f.Type, path+"."+f.Name)
			}
		}
	}
	for _, v := range sent {
		walk(reflect.TypeOf(v), reflect.TypeOf(v).String())
	}
	if len(names) < 15 {
		t.Fatalf("found only %d list fields: %v", len(names), names)
	}
	t.Logf("%d list fields", len(names))
	for name, field := range names {
		if !slices.Contains(lists, name) {
			t.Errorf("%s is a list sent to the page as %q, which protocol.js's LISTS lacks: a null there would stop the page", field, name)
		}
	}
}
