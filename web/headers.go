package main

import (
	"net/http"
	"path"
	"strconv"
	"strings"
)

// contentSecurityPolicy allows the page to load nothing but its own origin.
// 'wasm-unsafe-eval' is what WebAssembly.instantiate needs; it does not allow
// eval of JavaScript. Styles may be inline because Observable Plot writes a
// <style> element into every chart it draws; an inline style cannot send
// anything anywhere, since images, fonts and connections are still limited to
// the page's own origin.
const contentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"worker-src 'self'; " +
	"connect-src 'self'; " +
	"img-src 'self' data: blob:; " +
	"style-src 'self' 'unsafe-inline'; " +
	"font-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"form-action 'none'; " +
	"frame-ancestors 'none'; " +
	"manifest-src 'self'"

// permissionsPolicy switches off powerful features the app never uses.
// Chromium logs "Error with Permissions-Policy header: Unrecognized feature"
// for names it does not know; checked with Debian's headless Chromium 156
// (--enable-logging=stderr), all of these are accepted without a message,
// interest-cohort (the opt-out from FLoC) included.
const permissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

// setSecurityHeaders adds the headers that go on every response, whatever
// its status.
func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Permissions-Policy", permissionsPolicy)
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}

// mimeTypes is the complete list of types the server sends. It is explicit
// because the operating system's mime database differs between machines (a
// wrong type for .wasm breaks WebAssembly.instantiateStreaming, and with
// nosniff a wrong type for .js stops the script).
var mimeTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".wasm":        "application/wasm",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".ico":         "image/x-icon",
	".csv":         "text/csv; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
}

// contentType returns the Content-Type for a file name, by extension
// (case-insensitive); anything unknown is application/octet-stream.
func contentType(name string) string {
	if t, ok := mimeTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// compressibleExts are the types worth gzipping. Images other than SVG are
// already compressed; CSV and text in the site are small.
var compressibleExts = map[string]bool{
	".wasm": true,
	".js":   true,
	".mjs":  true,
	".css":  true,
	".html": true,
	".json": true,
	".svg":  true,
}

// compressible reports whether a file of this name is served gzipped to
// clients that accept gzip.
func compressible(name string) bool {
	return compressibleExts[strings.ToLower(path.Ext(name))]
}

// cacheControl returns the Cache-Control value for a file name.
//
// Everything is "no-cache": the browser may keep a copy but must revalidate
// it (a cheap 304 thanks to Last-Modified and ETag) before using it. The
// built files do not have content hashes in their names, so a long max-age
// would serve a stale app.js next to a fresh app.wasm after a rebuild.
// index.html, sw.js and precache.json in particular must never be stale, or
// the service worker would not notice a new version. Offline use is the
// service worker's job (it caches the files listed in precache.json), not
// the HTTP cache's. One policy for all files keeps this simple; the name is
// taken as a parameter so that a file-specific policy can be added here.
func cacheControl(name string) string {
	_ = name
	return "no-cache"
}

// accepts reports whether an Accept-Encoding header value allows a content
// coding ("gzip", "br"): the coding (gzip also as "x-gzip") or "*" with a
// non-zero q-value. An explicit entry for the coding wins over "*".
func accepts(header, coding string) bool {
	codingQ, starQ := -1.0, -1.0
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					f = 0
				}
				q = f
			}
		}
		if name == "x-gzip" {
			name = "gzip"
		}
		switch name {
		case coding:
			if q > codingQ {
				codingQ = q
			}
		case "*":
			starQ = q
		}
	}
	if codingQ >= 0 {
		return codingQ > 0
	}
	return starQ > 0
}
