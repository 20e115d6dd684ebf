// Command web serves the built FOI Explorer site (build/site) for `make serve`,
// with explicit MIME types, security headers, gzip, and the brotli copies the
// build made (foi.wasm.br).
//
//	go run ./web -dir build/site
//
// It listens on localhost, port $PORT (default 8080); -addr host:port
// overrides both. Any static host can serve the same folder; this program
// exists so that local use gets the same headers a careful host would send.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// gzipLevel is the level for compressed responses. Measured on a 4,728,492
// byte Go 1.26 wasm module (gonum, gocsv, go-indexeddb; -s -w -trimpath):
// default (6) gives 1,320,990 bytes in about 0.3-0.4 s, BestCompression (9)
// 1,312,949 bytes in about 1.1 s. 0.6 % smaller is not worth making the first
// load after every rebuild three times slower, so the default it is.
const gzipLevel = gzip.DefaultCompression

// maxGzipSize is the largest file that is compressed (in memory, once);
// anything bigger is sent as it is.
const maxGzipSize = 64 << 20

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "FOI Explorer:", err)
		os.Exit(1)
	}
}

// config is what the command line and environment decide.
type config struct {
	dir  string // folder to serve
	addr string // host:port to listen on
}

// parseConfig reads the flags and $PORT (through getenv).
func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("web", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "build/site", "folder to serve")
	addr := fs.String("addr", "", "host:port to listen on (default localhost:$PORT, PORT default 8080)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	cfg := config{dir: *dir, addr: *addr}
	if cfg.addr == "" {
		port := getenv("PORT")
		if port == "" {
			port = "8080"
		}
		if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
			return config{}, fmt.Errorf("PORT=%q is not a port number (0-65535)", port)
		}
		cfg.addr = net.JoinHostPort("localhost", port)
	} else if _, _, err := net.SplitHostPort(cfg.addr); err != nil {
		return config{}, fmt.Errorf("-addr %q: %v", cfg.addr, err)
	}
	return cfg, nil
}

// run parses the configuration and serves until ctx is done.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseConfig(args, getenv, stderr)
	if err != nil {
		return err
	}
	return serve(ctx, cfg, stdout)
}

// serve listens on cfg.addr, prints the one "serving" line to out, and serves
// until ctx is done; then it shuts down gracefully, letting requests in
// flight finish for up to five seconds.
func serve(ctx context.Context, cfg config, out io.Writer) error {
	h, err := newHandler(cfg.dir)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	go h.warm(ctx)
	fmt.Fprintf(out, "FOI Explorer: serving %s at %s\n", cfg.dir, siteURL(cfg.addr, ln.Addr()))

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// siteURL is the address to open in a browser: the host asked for (localhost
// when it was empty or a wildcard) and the port actually bound.
func siteURL(requested string, bound net.Addr) string {
	host, _, _ := net.SplitHostPort(requested)
	switch host {
	case "", "0.0.0.0", "::":
		host = "localhost"
	}
	port := ""
	if tcp, ok := bound.(*net.TCPAddr); ok {
		port = strconv.Itoa(tcp.Port)
	} else {
		_, port, _ = net.SplitHostPort(bound.String())
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// newHandler returns the handler that serves the files under dir. It checks
// that dir is a folder now, but opens it afresh for every request, so that a
// rebuild that deletes and recreates the folder needs no restart.
func newHandler(dir string) (*siteHandler, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot serve %s: %w (has the site been built? try `make build`)", dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("cannot serve %s: not a folder", dir)
	}
	return &siteHandler{dir: dir, gz: &gzipCache{m: map[string]*gzipEntry{}}}, nil
}

// siteHandler serves static files from dir: GET and HEAD only, no directory
// listings, nothing outside dir (os.OpenInRoot refuses "..", absolute paths
// and symbolic links that lead out of dir).
type siteHandler struct {
	dir string
	gz  *gzipCache
}

func (s *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	setSecurityHeaders(h)
	h.Set("Cache-Control", cacheControl(r.URL.Path))

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	urlPath := r.URL.Path
	if !strings.HasPrefix(urlPath, "/") || hasDotDot(urlPath) || strings.ContainsAny(urlPath, "\\\x00") {
		http.Error(w, "400 bad request", http.StatusBadRequest)
		return
	}
	name := strings.TrimPrefix(path.Clean(urlPath), "/")
	if name == "" {
		name = "."
	}

	f, err := os.OpenInRoot(s.dir, name)
	if err != nil {
		notFound(w)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		notFound(w)
		return
	}
	folderIndex := false
	if st.IsDir() {
		folderIndex = true
		if !strings.HasSuffix(urlPath, "/") {
			// Relative links in the folder's index.html need the slash.
			// A relative Location cannot send the browser to another host.
			localRedirect(w, r, path.Base(urlPath)+"/")
			return
		}
		f.Close()
		name = path.Join(name, "index.html")
		f, err = os.OpenInRoot(s.dir, name)
		if err != nil {
			notFound(w)
			return
		}
		defer f.Close()
		st, err = f.Stat()
		if err != nil || !st.Mode().IsRegular() {
			notFound(w)
			return
		}
	}
	if !st.Mode().IsRegular() || (strings.HasSuffix(urlPath, "/") && !folderIndex) {
		// Not a file, or a file asked for as a folder ("/app.js/").
		notFound(w)
		return
	}
	h.Set("Cache-Control", cacheControl(name))
	h.Set("Content-Type", contentType(name))
	etag := fmt.Sprintf(`"%x-%x`, st.Size(), st.ModTime().UnixNano())

	if compressible(name) {
		h.Add("Vary", "Accept-Encoding")
		acceptEncoding := r.Header.Get("Accept-Encoding")
		if br, size := s.brotliCopy(name, st); br != nil {
			defer br.Close()
			if accepts(acceptEncoding, "br") {
				r.Header.Del("Range")
				r.Header.Del("If-Range")
				h.Set("Content-Encoding", "br")
				h.Set("Content-Length", strconv.FormatInt(size, 10))
				h.Set("Etag", etag+`-br"`)
				http.ServeContent(noRanges{w}, r, name, st.ModTime(), br)
				return
			}
		}
		if st.Size() <= maxGzipSize && accepts(acceptEncoding, "gzip") {
			data, err := s.gz.get(r.Context(), name, st, f)
			if err != nil {
				if r.Context().Err() == nil {
					http.Error(w, "500 cannot read file", http.StatusInternalServerError)
				}
				return
			}
			// Ranges are not offered on compressed responses.
			r.Header.Del("Range")
			r.Header.Del("If-Range")
			h.Set("Content-Encoding", "gzip")
			// ServeContent leaves Content-Length out when there is a
			// Content-Encoding; the compressed length is known, so send it.
			h.Set("Content-Length", strconv.Itoa(len(data)))
			h.Set("Etag", etag+`-gz"`)
			http.ServeContent(noRanges{w}, r, name, st.ModTime(), bytes.NewReader(data))
			return
		}
	}
	h.Set("Etag", etag+`"`)
	http.ServeContent(w, r, name, st.ModTime(), f)
}

// brotliCopy opens the brotli-compressed copy of the file name (name + ".br",
// which the build writes for the wasm module: about 28 % smaller than gzip),
// if there is one that is not older than the file itself, whose Stat is st.
// A copy older than its file is stale, from an earlier build, and never sent.
// It returns nil when there is none.
func (s *siteHandler) brotliCopy(name string, st fs.FileInfo) (*os.File, int64) {
	f, err := os.OpenInRoot(s.dir, name+".br")
	if err != nil {
		return nil, 0
	}
	bst, err := f.Stat()
	if err != nil || !bst.Mode().IsRegular() || bst.ModTime().Before(st.ModTime()) {
		f.Close()
		return nil, 0
	}
	return f, bst.Size()
}

// hasDotDot reports whether any segment of the (decoded) URL path is "..".
// Such paths are refused outright rather than cleaned into something else.
func hasDotDot(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

func notFound(w http.ResponseWriter) {
	http.Error(w, "404 page not found", http.StatusNotFound)
}

func localRedirect(w http.ResponseWriter, r *http.Request, target string) {
	if q := r.URL.RawQuery; q != "" {
		target += "?" + q
	}
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusMovedPermanently)
}

// noRanges removes the "Accept-Ranges: bytes" that http.ServeContent always
// adds, for compressed responses, where ranges are not offered.
type noRanges struct{ http.ResponseWriter }

func (w noRanges) WriteHeader(code int) {
	w.Header().Del("Accept-Ranges")
	w.ResponseWriter.WriteHeader(code)
}

// warm compresses every compressible file of the site in advance, so that a
// first visit does not wait for the wasm module (~5 MB) to be gzipped.
func (s *siteHandler) warm(ctx context.Context) {
	_ = filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || ctx.Err() != nil || d.IsDir() || !compressible(p) {
			return ctx.Err()
		}
		name, err := filepath.Rel(s.dir, p)
		if err != nil {
			return nil
		}
		name = filepath.ToSlash(name)
		f, err := os.OpenInRoot(s.dir, name)
		if err != nil {
			return nil
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() <= maxGzipSize {
			_, _ = s.gz.get(ctx, name, st, f)
		}
		return nil
	})
}

// gzipCache keeps the gzipped bytes of each compressible file, keyed by its
// path, size and modification time, so the 4.5 MB wasm module is compressed
// once per build rather than once per load. A changed file replaces its old
// entry, so the cache holds at most one entry per file in the site.
type gzipCache struct {
	mu           sync.Mutex
	m            map[string]*gzipEntry
	compressions atomic.Int64 // how many times a file was compressed (for tests)
}

type gzipEntry struct {
	size    int64
	modTime time.Time
	done    chan struct{} // closed when data and err are set
	data    []byte
	err     error
}

// get returns the gzipped content of the file name, whose Stat is st and
// whose content is read from r if it is not cached. Concurrent requests for
// the same new file wait for one compression.
func (c *gzipCache) get(ctx context.Context, name string, st fs.FileInfo, r io.Reader) ([]byte, error) {
	c.mu.Lock()
	e := c.m[name]
	if e != nil && e.size == st.Size() && e.modTime.Equal(st.ModTime()) {
		c.mu.Unlock()
		select {
		case <-e.done:
			return e.data, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	e = &gzipEntry{size: st.Size(), modTime: st.ModTime(), done: make(chan struct{})}
	c.m[name] = e
	c.mu.Unlock()

	c.compressions.Add(1)
	e.data, e.err = gzipBytes(io.LimitReader(r, st.Size()))
	close(e.done)
	if e.err != nil {
		c.mu.Lock()
		if c.m[name] == e {
			delete(c.m, name)
		}
		c.mu.Unlock()
	}
	return e.data, e.err
}

func gzipBytes(r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzipLevel)
	if err != nil {
		return nil, err
	}
	if _, err := io.Copy(zw, r); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
