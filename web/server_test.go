package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// testSite builds a site folder inside a parent folder that also holds a
// secret file, so that traversal tests can check the secret never leaks.
// It returns the site folder and the files written into it.
func testSite(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	if err := os.WriteFile(filepath.Join(parent, "secret.txt"), []byte("TOP SECRET outside the site"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Something wasm-like: a header, compressible runs and some noise.
	wasm := []byte("\x00asm\x01\x00\x00\x00")
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		wasm = append(wasm, fmt.Sprintf("func_%d(i32 %d) ", i%97, rng.IntN(1000))...)
	}
	js := []byte(strings.Repeat("export function add(a, b) { return a + b; }\n", 300))
	files := map[string][]byte{
		"index.html":           []byte("<!doctype html><title>FOI Explorer</title><script type=module src=app.js></script>\n"),
		"app.js":               js,
		"lib.mjs":              js,
		"sw.js":                []byte("self.addEventListener('install', () => {});\n"),
		"precache.json":        []byte(`["index.html","app.js"]`),
		"style.css":            []byte("body { margin: 0 }\n"),
		"app.wasm":             wasm,
		"manifest.webmanifest": []byte(`{"name":"FOI Explorer"}`),
		"icon.svg":             []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`),
		"icon.png":             []byte("\x89PNG\r\n\x1a\nnot really"),
		"favicon.ico":          []byte("\x00\x00\x01\x00"),
		"example.csv":          []byte("force,missing\nKent,3\n"),
		"LICENSE.txt":          []byte("MIT\n"),
		"data.bin":             []byte{1, 2, 3},
		"UPPER.JS":             []byte("1;\n"),
		"docs/index.html":      []byte("<!doctype html><title>docs</title>\n"),
		"empty/.keep":          nil,
	}
	for name, b := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A symbolic link that leads out of the site, and one that stays inside.
	if err := os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(site, "escape.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../secret.txt", filepath.Join(site, "escape-rel.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("LICENSE.txt", filepath.Join(site, "inside.txt")); err != nil {
		t.Fatal(err)
	}
	return site, files
}

func newTestHandler(t *testing.T) (*siteHandler, map[string][]byte) {
	t.Helper()
	site, files := testSite(t)
	h, err := newHandler(site)
	if err != nil {
		t.Fatal(err)
	}
	return h, files
}

func do(h http.Handler, method, target string, header map[string]string) *http.Response {
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("bad gzip: %v", err)
	}
	return out
}

func TestContentType(t *testing.T) {
	h, files := newTestHandler(t)
	tests := []struct {
		name, path, want string
	}{
		{"root", "/", "text/html; charset=utf-8"},
		{"html", "/index.html", "text/html; charset=utf-8"},
		{"js", "/app.js", "text/javascript; charset=utf-8"},
		{"mjs", "/lib.mjs", "text/javascript; charset=utf-8"},
		{"css", "/style.css", "text/css; charset=utf-8"},
		{"wasm", "/app.wasm", "application/wasm"},
		{"json", "/precache.json", "application/json"},
		{"webmanifest", "/manifest.webmanifest", "application/manifest+json"},
		{"svg", "/icon.svg", "image/svg+xml"},
		{"png", "/icon.png", "image/png"},
		{"ico", "/favicon.ico", "image/x-icon"},
		{"csv", "/example.csv", "text/csv; charset=utf-8"},
		{"txt", "/LICENSE.txt", "text/plain; charset=utf-8"},
		{"upper-case extension", "/UPPER.JS", "text/javascript; charset=utf-8"},
		{"unknown extension", "/data.bin", "application/octet-stream"},
		{"folder index", "/docs/", "text/html; charset=utf-8"},
		{"symlink inside site", "/inside.txt", "text/plain; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(h, "GET", tt.path, nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", resp.StatusCode)
			}
			if got := resp.Header.Get("Content-Type"); got != tt.want {
				t.Errorf("Content-Type %q, want %q", got, tt.want)
			}
			got := body(t, resp)
			name := strings.TrimPrefix(tt.path, "/")
			switch {
			case name == "":
				name = "index.html"
			case strings.HasSuffix(name, "/"):
				name += "index.html"
			case name == "inside.txt":
				name = "LICENSE.txt"
			}
			if !bytes.Equal(got, files[name]) {
				t.Errorf("body differs from %s", name)
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	h, _ := newTestHandler(t)
	want := map[string]string{
		"Content-Security-Policy":      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; manifest-src 'self'",
		"X-Content-Type-Options":       "nosniff",
		"Referrer-Policy":              "no-referrer",
		"Permissions-Policy":           "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
		"Cross-Origin-Opener-Policy":   "same-origin",
		"Cross-Origin-Resource-Policy": "same-origin",
	}
	tests := []struct {
		name, method, path string
		header             map[string]string
		status             int
	}{
		{"200 html", "GET", "/", nil, 200},
		{"200 gzip wasm", "GET", "/app.wasm", map[string]string{"Accept-Encoding": "gzip"}, 200},
		{"200 HEAD", "HEAD", "/app.js", nil, 200},
		{"404 missing", "GET", "/nope.js", nil, 404},
		{"404 folder without index", "GET", "/empty/", nil, 404},
		{"301 folder without slash", "GET", "/docs", nil, 301},
		{"400 traversal", "GET", "/../secret.txt", nil, 400},
		{"405 POST", "POST", "/", nil, 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(h, tt.method, tt.path, tt.header)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			for k, v := range want {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s: %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestGzip(t *testing.T) {
	h, files := newTestHandler(t)
	tests := []struct {
		name, path, acceptEncoding string
		wantGzip                   bool
	}{
		{"wasm", "/app.wasm", "gzip", true},
		{"js", "/app.js", "gzip, deflate, br, zstd", true},
		{"html via /", "/", "gzip", true},
		{"css", "/style.css", "br;q=1.0, gzip;q=0.8", true},
		{"json", "/precache.json", "gzip", true},
		{"svg", "/icon.svg", "gzip", true},
		{"star", "/app.js", "*", true},
		{"wasm without Accept-Encoding", "/app.wasm", "", false},
		{"js without Accept-Encoding", "/app.js", "", false},
		{"gzip refused with q=0", "/app.js", "gzip;q=0, br", false},
		{"gzip refused, star allowed", "/app.js", "*, gzip;q=0", false},
		{"identity only", "/app.js", "identity", false},
		{"png never", "/icon.png", "gzip", false},
		{"csv never", "/example.csv", "gzip", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hdr map[string]string
			if tt.acceptEncoding != "" {
				hdr = map[string]string{"Accept-Encoding": tt.acceptEncoding}
			}
			resp := do(h, "GET", tt.path, hdr)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			name := strings.TrimPrefix(tt.path, "/")
			if name == "" {
				name = "index.html"
			}
			raw := body(t, resp)
			if cl := resp.Header.Get("Content-Length"); cl != fmt.Sprint(len(raw)) {
				t.Errorf("Content-Length %q, body %d bytes", cl, len(raw))
			}
			got := raw
			if tt.wantGzip {
				if ce := resp.Header.Get("Content-Encoding"); ce != "gzip" {
					t.Fatalf("Content-Encoding %q, want gzip", ce)
				}
				got = gunzip(t, raw)
				if ar := resp.Header.Get("Accept-Ranges"); ar != "" {
					t.Errorf("Accept-Ranges %q on a compressed response", ar)
				}
				if name == "app.wasm" || name == "app.js" {
					t.Logf("%s: %d bytes, %d gzipped", name, len(got), len(raw))
				}
			} else if ce := resp.Header.Get("Content-Encoding"); ce != "" {
				t.Fatalf("Content-Encoding %q, want none", ce)
			}
			if !bytes.Equal(got, files[name]) {
				t.Errorf("body differs from %s after decoding", name)
			}
			wantVary := compressible(name)
			if gotVary := resp.Header.Get("Vary") == "Accept-Encoding"; gotVary != wantVary {
				t.Errorf("Vary %q, want Accept-Encoding: %v", resp.Header.Get("Vary"), wantVary)
			}
		})
	}
}

func TestGzipCache(t *testing.T) {
	h, files := newTestHandler(t)
	gz := map[string]string{"Accept-Encoding": "gzip"}
	get := func() []byte {
		t.Helper()
		resp := do(h, "GET", "/app.wasm", gz)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("status %d, Content-Encoding %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
		}
		return gunzip(t, body(t, resp))
	}

	// Concurrent first loads compress once.
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { get() })
	}
	wg.Wait()
	get()
	if n := h.gz.compressions.Load(); n != 1 {
		t.Errorf("%d compressions after 10 loads, want 1", n)
	}

	// A rebuilt file (new content and time) is compressed again.
	changed := append([]byte("\x00asm\x01\x00\x00\x00rebuilt"), files["app.wasm"][8:]...)
	p := filepath.Join(h.dir, "app.wasm")
	if err := os.WriteFile(p, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(time.Hour)
	if err := os.Chtimes(p, future, future); err != nil {
		t.Fatal(err)
	}
	if got := get(); !bytes.Equal(got, changed) {
		t.Error("stale compressed bytes after the file changed")
	}
	if n := h.gz.compressions.Load(); n != 2 {
		t.Errorf("%d compressions after a change, want 2", n)
	}
}

func TestHead(t *testing.T) {
	h, files := newTestHandler(t)
	tests := []struct {
		name, path, acceptEncoding string
	}{
		{"plain js", "/app.js", ""},
		{"gzip wasm", "/app.wasm", "gzip"},
		{"root", "/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hdr := map[string]string{"Accept-Encoding": tt.acceptEncoding}
			get := do(h, "GET", tt.path, hdr)
			getBody := body(t, get)
			head := do(h, "HEAD", tt.path, hdr)
			if head.StatusCode != 200 {
				t.Fatalf("status %d", head.StatusCode)
			}
			if b := body(t, head); len(b) != 0 {
				t.Errorf("HEAD sent %d body bytes", len(b))
			}
			for _, k := range []string{"Content-Type", "Content-Length", "Content-Encoding", "Etag", "Cache-Control"} {
				if head.Header.Get(k) != get.Header.Get(k) {
					t.Errorf("%s: HEAD %q, GET %q", k, head.Header.Get(k), get.Header.Get(k))
				}
			}
			if head.Header.Get("Content-Length") != fmt.Sprint(len(getBody)) {
				t.Errorf("Content-Length %q, GET body %d", head.Header.Get("Content-Length"), len(getBody))
			}
			_ = files
		})
	}
}

func TestMethods(t *testing.T) {
	h, _ := newTestHandler(t)
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		t.Run(m, func(t *testing.T) {
			resp := do(h, m, "/index.html", nil)
			if resp.StatusCode != http.StatusMethodNotAllowed {
				t.Fatalf("status %d, want 405", resp.StatusCode)
			}
			if got := resp.Header.Get("Allow"); got != "GET, HEAD" {
				t.Errorf("Allow %q", got)
			}
			if b := body(t, resp); bytes.Contains(b, []byte("FOI Explorer")) {
				t.Error("405 response served the file")
			}
		})
	}
}

func TestNotFoundAndTraversal(t *testing.T) {
	h, _ := newTestHandler(t)
	tests := []struct {
		name, target string
		want         []int // acceptable statuses
	}{
		{"missing file", "/nope.js", []int{404}},
		{"missing folder", "/nope/", []int{404}},
		{"folder without index.html", "/empty/", []int{404}},
		{"file as folder", "/app.js/", []int{404}},
		{"index.html as folder", "/index.html/", []int{404}},
		{"dot-dot", "/../secret.txt", []int{400, 404}},
		{"dot-dot deeper", "/docs/../../secret.txt", []int{400, 404}},
		{"encoded dot-dot", "/%2e%2e/secret.txt", []int{400, 404}},
		{"encoded upper-case dot-dot", "/%2E%2E/secret.txt", []int{400, 404}},
		{"encoded slash", "/..%2fsecret.txt", []int{400, 404}},
		{"encoded everything", "/%2e%2e%2fsecret.txt", []int{400, 404}},
		{"backslash", "/..%5csecret.txt", []int{400, 404}},
		{"double slash", "//secret.txt", []int{404}},
		{"nul byte", "/index.html%00.txt", []int{400, 404}},
		{"symlink out of site (absolute)", "/escape.txt", []int{404}},
		{"symlink out of site (relative)", "/escape-rel.txt", []int{404}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(h, "GET", tt.target, nil)
			ok := false
			for _, s := range tt.want {
				ok = ok || resp.StatusCode == s
			}
			if !ok {
				t.Errorf("status %d, want one of %v", resp.StatusCode, tt.want)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
				t.Errorf("Content-Type %q, want plain text", ct)
			}
			if b := body(t, resp); bytes.Contains(b, []byte("SECRET")) {
				t.Errorf("served the file outside the site: %q", b)
			}
		})
	}
}

func TestFolderRedirect(t *testing.T) {
	h, _ := newTestHandler(t)
	resp := do(h, "GET", "/docs?x=1", nil)
	if resp.StatusCode != http.StatusMovedPermanently {
		t.Fatalf("status %d, want 301", resp.StatusCode)
	}
	if got := resp.Header.Get("Location"); got != "docs/?x=1" {
		t.Errorf("Location %q, want docs/?x=1", got)
	}
}

func TestCacheControl(t *testing.T) {
	h, _ := newTestHandler(t)
	for _, p := range []string{"/", "/index.html", "/sw.js", "/precache.json", "/app.wasm", "/app.js", "/nope"} {
		t.Run(p, func(t *testing.T) {
			resp := do(h, "GET", p, nil)
			if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
				t.Errorf("Cache-Control %q, want no-cache", got)
			}
		})
	}
}

func TestConditionalGet(t *testing.T) {
	h, _ := newTestHandler(t)
	for _, ae := range []string{"", "gzip"} {
		t.Run("Accept-Encoding="+ae, func(t *testing.T) {
			first := do(h, "GET", "/app.js", map[string]string{"Accept-Encoding": ae})
			etag := first.Header.Get("Etag")
			if etag == "" {
				t.Fatal("no Etag")
			}
			again := do(h, "GET", "/app.js", map[string]string{"Accept-Encoding": ae, "If-None-Match": etag})
			if again.StatusCode != http.StatusNotModified {
				t.Errorf("status %d, want 304", again.StatusCode)
			}
		})
	}
	plain := do(h, "GET", "/app.js", nil).Header.Get("Etag")
	gz := do(h, "GET", "/app.js", map[string]string{"Accept-Encoding": "gzip"}).Header.Get("Etag")
	if plain == gz {
		t.Errorf("identity and gzip responses share the Etag %s", plain)
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		name, header string
		want         bool
	}{
		{"empty", "", false},
		{"gzip", "gzip", true},
		{"upper case", "GZIP", true},
		{"x-gzip", "x-gzip", true},
		{"browser list", "gzip, deflate, br, zstd", true},
		{"q=0", "gzip;q=0", false},
		{"q=0.000", "gzip; q=0.000", false},
		{"q=0.5", "gzip;q=0.5", true},
		{"star", "*", true},
		{"star refused", "*;q=0", false},
		{"gzip beats star", "*;q=0, gzip", true},
		{"gzip refusal beats star", "*, gzip;q=0", false},
		{"other codings only", "br, zstd", false},
		{"identity", "identity", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := accepts(tt.header, "gzip"); got != tt.want {
				t.Errorf("accepts(%q, gzip) = %v, want %v", tt.header, got, tt.want)
			}
		})
	}
}

func TestAcceptsBrotli(t *testing.T) {
	tests := []struct {
		name, header string
		want         bool
	}{
		{"empty", "", false},
		{"browser list", "gzip, deflate, br, zstd", true},
		{"upper case", "BR", true},
		{"gzip only", "gzip", false},
		{"x-gzip is not br", "x-gzip", false},
		{"q=0", "gzip, br;q=0", false},
		{"star", "*", true},
		{"br refusal beats star", "*, br;q=0", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := accepts(tt.header, "br"); got != tt.want {
				t.Errorf("accepts(%q, br) = %v, want %v", tt.header, got, tt.want)
			}
		})
	}
}

// The build's brotli copy of a file (name.br) is sent to browsers that accept
// br, as it is; gzip to the others; and never when it is older than the file.
func TestBrotliCopy(t *testing.T) {
	h, files := newTestHandler(t)
	brotli := []byte("not really brotli, but the server does not look")
	p := filepath.Join(h.dir, "app.wasm.br")
	if err := os.WriteFile(p, brotli, 0o644); err != nil {
		t.Fatal(err)
	}
	browser := map[string]string{"Accept-Encoding": "gzip, deflate, br, zstd"}

	resp := do(h, "GET", "/app.wasm", browser)
	got := body(t, resp)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "br" || !bytes.Equal(got, brotli) {
		t.Fatalf("status %d, Content-Encoding %q, %d bytes; want the brotli copy", resp.StatusCode, resp.Header.Get("Content-Encoding"), len(got))
	}
	for k, want := range map[string]string{"Content-Type": "application/wasm", "Content-Length": fmt.Sprint(len(brotli)), "Vary": "Accept-Encoding", "Accept-Ranges": ""} {
		if v := resp.Header.Get(k); v != want {
			t.Errorf("%s: %q, want %q", k, v, want)
		}
	}
	etag := resp.Header.Get("Etag")
	if !strings.HasSuffix(etag, `-br"`) {
		t.Errorf("Etag %q does not name the brotli copy", etag)
	}
	if again := do(h, "GET", "/app.wasm", map[string]string{"Accept-Encoding": "br", "If-None-Match": etag}); again.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET of the brotli copy: status %d, want 304", again.StatusCode)
	}
	if head := do(h, "HEAD", "/app.wasm", browser); head.Header.Get("Content-Encoding") != "br" || len(body(t, head)) != 0 {
		t.Errorf("HEAD: Content-Encoding %q", head.Header.Get("Content-Encoding"))
	}

	gz := do(h, "GET", "/app.wasm", map[string]string{"Accept-Encoding": "gzip"})
	if gz.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(gunzip(t, body(t, gz)), files["app.wasm"]) {
		t.Errorf("a browser without br got Content-Encoding %q", gz.Header.Get("Content-Encoding"))
	}

	// A copy older than its file is from an earlier build.
	past := time.Now().Add(-time.Hour)
	if err := os.Chtimes(p, past, past); err != nil {
		t.Fatal(err)
	}
	stale := do(h, "GET", "/app.wasm", browser)
	if ce := stale.Header.Get("Content-Encoding"); ce != "gzip" || !bytes.Equal(gunzip(t, body(t, stale)), files["app.wasm"]) {
		t.Errorf("a stale brotli copy was sent (Content-Encoding %q)", ce)
	}
}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantDir  string
		wantAddr string
		wantErr  bool
	}{
		{"defaults", nil, nil, "build/site", "localhost:8080", false},
		{"PORT", nil, map[string]string{"PORT": "9090"}, "build/site", "localhost:9090", false},
		{"-dir", []string{"-dir", "out"}, nil, "out", "localhost:8080", false},
		{"-addr overrides PORT", []string{"-addr", "127.0.0.1:0"}, map[string]string{"PORT": "9090"}, "build/site", "127.0.0.1:0", false},
		{"bad PORT", nil, map[string]string{"PORT": "http"}, "", "", true},
		{"PORT too big", nil, map[string]string{"PORT": "70000"}, "", "", true},
		{"bad -addr", []string{"-addr", "localhost"}, nil, "", "", true},
		{"unknown flag", []string{"-x"}, nil, "", "", true},
		{"stray argument", []string{"build/site"}, nil, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			cfg, err := parseConfig(tt.args, getenv, io.Discard)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("no error, config %+v", cfg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.dir != tt.wantDir || cfg.addr != tt.wantAddr {
				t.Errorf("got dir %q addr %q, want %q %q", cfg.dir, cfg.addr, tt.wantDir, tt.wantAddr)
			}
		})
	}
}

func TestNewHandlerErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]string{"missing": filepath.Join(dir, "nope"), "file": file} {
		t.Run(name, func(t *testing.T) {
			if _, err := newHandler(p); err == nil {
				t.Error("no error")
			}
		})
	}
}

// TestRun starts the real server on a free port, reads its one line,
// fetches a page and shuts it down through the context.
func TestRun(t *testing.T) {
	site, files := testSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-dir", site, "-addr", "127.0.0.1:0"}, func(string) string { return "1" }, pw, io.Discard)
		pw.Close()
	}()

	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the serving line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	prefix := "FOI Explorer: serving " + site + " at http://127.0.0.1:"
	if !strings.HasPrefix(line, prefix) || !strings.HasSuffix(line, "/\n") {
		t.Fatalf("line %q, want %q<port>/", line, prefix)
	}
	url := strings.TrimSpace(strings.TrimPrefix(line, "FOI Explorer: serving "+site+" at "))

	resp, err := http.Get(url) // the client sends Accept-Encoding: gzip and decodes
	if err != nil {
		t.Fatal(err)
	}
	b := body(t, resp)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Equal(b, files["index.html"]) {
		t.Errorf("GET %s: status %d, body %q", url, resp.StatusCode, b)
	}
	if !resp.Uncompressed {
		t.Error("the response was not gzipped")
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no shutdown after cancel")
	}
}

func TestRunPortInUse(t *testing.T) {
	site, _ := testSite(t)
	ln := httptest.NewServer(http.NotFoundHandler())
	defer ln.Close()
	addr := strings.TrimPrefix(ln.URL, "http://")
	err := run(context.Background(), []string{"-dir", site, "-addr", addr}, os.Getenv, io.Discard, io.Discard)
	if err == nil {
		t.Error("no error for a port in use")
	}
}

func TestSiteURL(t *testing.T) {
	bound := &fakeAddr{"127.0.0.1:4242"}
	tests := []struct{ name, requested, want string }{
		{"localhost", "localhost:0", "http://localhost:4242/"},
		{"empty host", ":8080", "http://localhost:4242/"},
		{"wildcard", "0.0.0.0:8080", "http://localhost:4242/"},
		{"ip", "127.0.0.1:0", "http://127.0.0.1:4242/"},
		{"ipv6", "[::1]:0", "http://[::1]:4242/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := siteURL(tt.requested, bound); got != tt.want {
				t.Errorf("siteURL(%q) = %q, want %q", tt.requested, got, tt.want)
			}
		})
	}
}

type fakeAddr struct{ s string }

func (a *fakeAddr) Network() string { return "tcp" }
func (a *fakeAddr) String() string  { return a.s }

func TestRangeIgnoredWhenGzipped(t *testing.T) {
	h, files := newTestHandler(t)
	resp := do(h, "GET", "/app.wasm", map[string]string{"Accept-Encoding": "gzip", "Range": "bytes=0-9"})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200 (whole compressed body)", resp.StatusCode)
	}
	if got := gunzip(t, body(t, resp)); !bytes.Equal(got, files["app.wasm"]) {
		t.Error("body differs from app.wasm")
	}
	plain := do(h, "GET", "/app.wasm", map[string]string{"Range": "bytes=0-9"})
	if plain.StatusCode != http.StatusPartialContent {
		t.Fatalf("uncompressed range: status %d, want 206", plain.StatusCode)
	}
	if got := body(t, plain); !bytes.Equal(got, files["app.wasm"][:10]) {
		t.Errorf("range body %q", got)
	}
}

// TestWarm: compressing the site in advance means a first load compresses
// nothing more.
func TestWarm(t *testing.T) {
	h, _ := newTestHandler(t)
	h.warm(context.Background())
	warmed := h.gz.compressions.Load()
	if warmed == 0 {
		t.Fatal("warm compressed nothing")
	}
	resp := do(h, "GET", "/app.wasm", map[string]string{"Accept-Encoding": "gzip"})
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("status %d, Content-Encoding %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	if n := h.gz.compressions.Load(); n != warmed {
		t.Errorf("a load after warming compressed again: %d compressions, want %d", n, warmed)
	}
}
