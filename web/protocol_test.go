package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The worker's protocol is written once, in protocol.js, and its Go half is
// the table of wasm/api.go. These tests read both as text (the one is
// JavaScript, the other builds only for js/wasm) and check that they name
// the same calls, and that every page file reaches the built site.

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestProtocolMatchesGoTable(t *testing.T) {
	// A call of protocol.js: `  name: { args: [...], ... },` at the top of CALLS.
	calls := regexp.MustCompile(`(?m)^  (\w+): \{ args: \[.*\}(,|$)`)
	var page []string
	for _, m := range calls.FindAllStringSubmatch(readText(t, "protocol.js"), -1) {
		if !strings.Contains(m[0], "worker: true") {
			page = append(page, m[1])
		}
	}
	if len(page) < 20 {
		t.Fatalf("found only %d calls in protocol.js: %v", len(page), page)
	}
	// A function of the namespace: `		"name": ...` in api.go's table.
	table := regexp.MustCompile(`(?m)^\t\t"(\w+)":`)
	var goNames []string
	for _, m := range table.FindAllStringSubmatch(readText(t, filepath.Join("..", "wasm", "api.go")), -1) {
		goNames = append(goNames, m[1])
	}
	// The worker's own, to copy a File in by slices.
	own := []string{"beginUpload", "appendUpload", "dropUpload"}
	for _, name := range page {
		if !slices.Contains(goNames, name) {
			t.Errorf("protocol.js has %s, wasm/api.go's table has not", name)
		}
	}
	for _, name := range goNames {
		if !slices.Contains(page, name) && !slices.Contains(own, name) {
			t.Errorf("wasm/api.go's table has %s, protocol.js has not", name)
		}
	}
}

// Every file of web/ that the page loads is copied into the site by the
// Makefile's WEB_FILES (the service worker's offline copy is made from the
// site): a module left out would load from the server and fail offline.
func TestEveryPageFileIsBuilt(t *testing.T) {
	makefile := readText(t, filepath.Join("..", "Makefile"))
	m := regexp.MustCompile(`(?s)WEB_FILES\s*:=(.*?)[^\\]\n`).FindStringSubmatch(makefile)
	if m == nil {
		t.Fatal("no WEB_FILES in the Makefile")
	}
	built := strings.Fields(strings.ReplaceAll(m[1], "\\", " "))
	files, err := filepath.Glob("*.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(files, "index.html", "style.css", "methods.html") {
		if !slices.Contains(built, f) {
			t.Errorf("%s is not in the Makefile's WEB_FILES", f)
		}
	}
}
