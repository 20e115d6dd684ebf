// Package e2e drives Debian's Chromium with chromedp against the real server
// and the built site, the way a person uses the app: add files, read the page,
// download results.csv, reload, lose the network. Run it with `make test`
// (which builds the site first); screenshots land in e2e/out/. The main path
// also runs in Debian's firefox-esr (firefox_test.go, e2e/firefox/).
package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// server is the real site server (go run ./web), built once for the tests.
type server struct {
	bin  string
	dir  string
	addr string
	cmd  *exec.Cmd
}

func (s *server) url() string { return "http://" + s.addr + "/" }

func (s *server) start(t *testing.T) {
	t.Helper()
	s.cmd = exec.Command(s.bin, "-dir", s.dir, "-addr", s.addr)
	s.cmd.Stdout, s.cmd.Stderr = os.Stderr, os.Stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(s.url()); err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the server did not start")
}

func (s *server) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
		s.cmd = nil
	}
}

// needE2E stops a test that cannot run here: `go test ./...` in a fresh
// clone skips the end-to-end tests with the reason, while `make test-e2e`
// (which sets FOI_E2E, and builds the site and installs Chromium first)
// fails, so that they are never skipped where they must run.
func needE2E(t *testing.T, reason string) {
	t.Helper()
	if os.Getenv("FOI_E2E") != "" {
		t.Fatal(reason)
	}
	t.Skip(reason)
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func newServer(t *testing.T) *server {
	t.Helper()
	return newServerOf(t, filepath.Join(repoRoot(t), "build", "site"))
}

// newServerOf serves the site in dir (the built site, or a copy of it with
// more files beside, as the benchmark needs).
func newServerOf(t *testing.T, site string) *server {
	t.Helper()
	root := repoRoot(t)
	if _, err := os.Stat(filepath.Join(site, "foi.wasm")); err != nil {
		needE2E(t, fmt.Sprintf("the site is not built (%v): run `make test` (or `make test-e2e`), which builds it first", err))
	}
	bin := filepath.Join(t.TempDir(), "foi-server")
	build := exec.Command("go", "build", "-o", bin, "./web")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the server: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s := &server{bin: bin, dir: site, addr: addr}
	s.start(t)
	t.Cleanup(s.stop)
	return s
}

// session is one browser profile, watched: every request it makes and every
// console error, exception and CSP violation it reports.
type session struct {
	ctx      context.Context
	origin   string
	mu       sync.Mutex
	requests []string
	problems []string
	download string
	proxy    *offSiteProxy // nil in sessions made by hand
}

// sessionTimeout bounds a whole browser session; the benchmark raises it.
// TestUserSession takes about 2 minutes on an idle 2-core machine and twice
// that when the machine is busy.
var sessionTimeout = 8 * time.Minute

func newSession(t *testing.T, origin string) *session {
	t.Helper()
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		needE2E(t, "Chromium is missing: run `make test`, which installs it (as root), or `sudo apt-get install -y chromium`")
	}
	// Not t.TempDir: Chromium's helper processes may still be writing to the
	// profile for a moment after the browser is closed, and t.TempDir fails
	// the test when it cannot remove it. The profile is removed here, after
	// the browser, best effort.
	profile, err := os.MkdirTemp("", "foi-e2e-profile-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	proxy := newOffSiteProxy(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox, // the tests run as root in CI
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 1000),
		// Every request to another machine, from any context, meets this.
		chromedp.ProxyServer("http://"+proxy.addr),
	)
	if os.Getenv("FOI_E2E_BROWSER_LOG") != "" {
		// Chromium's own log, workers' consoles included, on stderr: how to
		// see what the engine printed when it stopped.
		opts = append(opts, chromedp.Flag("enable-logging", "stderr"), chromedp.Flag("v", "0"), chromedp.CombinedOutput(os.Stderr))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, sessionTimeout)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })

	s := &session{ctx: ctx, origin: strings.TrimSuffix(origin, "/"), download: t.TempDir(), proxy: proxy}
	chromedp.ListenTarget(ctx, s.watch)
	if err := chromedp.Run(ctx,
		network.Enable(), log.Enable(), runtime.Enable(),
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(s.download).WithEventsEnabled(true),
	); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *session) watch(ev any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		s.requests = append(s.requests, e.Request.URL)
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.APITypeError {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			s.problems = append(s.problems, "console.error: "+strings.Join(parts, " "))
		}
		// Observable Plot warns, once a message, of marks it had to guess
		// at ("Warning: the implicit z channel has high cardinality"): a
		// chart drawn with such a guess is a chart to fix.
		if e.Type == runtime.APITypeWarning && len(e.Args) > 0 && strings.HasPrefix(strings.Trim(string(e.Args[0].Value), `"`), "Warning: ") {
			s.problems = append(s.problems, "Plot's console.warn: "+string(e.Args[0].Value))
		}
	case *runtime.EventExceptionThrown:
		s.problems = append(s.problems, "exception: "+e.ExceptionDetails.Error())
	case *log.EventEntryAdded:
		if e.Entry.Level == log.LevelError {
			s.problems = append(s.problems, fmt.Sprintf("log %s: %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
		}
	}
}

// offOrigin lists the requests that went anywhere but the page's own origin:
// those the page's network log saw, and those any other context (a worker,
// the service worker) sent towards another machine.
func (s *session) offOrigin() []string {
	var out []string
	if s.proxy != nil {
		out = s.proxy.requests()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.requests {
		if strings.HasPrefix(u, s.origin+"/") || strings.HasPrefix(u, "blob:"+s.origin) || strings.HasPrefix(u, "data:") {
			continue
		}
		out = append(out, u)
	}
	return out
}

func (s *session) consoleProblems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.problems...)
}

func (s *session) run(t *testing.T, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(s.ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// open loads the page and waits until the app says it is ready.
func (s *session) open(t *testing.T, url string) {
	t.Helper()
	s.run(t, chromedp.Navigate(url), chromedp.WaitVisible(`body[data-ready="true"]`, chromedp.ByQuery))
}

func (s *session) reload(t *testing.T) {
	t.Helper()
	s.run(t, chromedp.Reload(), chromedp.WaitVisible(`body[data-ready="true"]`, chromedp.ByQuery))
}

func (s *session) text(t *testing.T, selector string) string {
	t.Helper()
	var out string
	s.run(t, chromedp.Text(selector, &out, chromedp.ByQuery, chromedp.NodeVisible))
	return out
}

func (s *session) eval(t *testing.T, js string, out any) {
	t.Helper()
	s.run(t, chromedp.Evaluate(js, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
}

// screenshot saves a PNG of the whole page in e2e/out for a person to look at.
func (s *session) screenshot(t *testing.T, name string) {
	t.Helper()
	var png []byte
	s.run(t, chromedp.FullScreenshot(&png, 100))
	s.save(t, name, png)
}

// viewportScreenshot saves what fits in the window, as a person first sees it.
func (s *session) viewportScreenshot(t *testing.T, name string) {
	t.Helper()
	var png []byte
	s.run(t, chromedp.CaptureScreenshot(&png))
	s.save(t, name, png)
}

func (s *session) save(t *testing.T, name string, png []byte) {
	t.Helper()
	if err := os.MkdirAll("out", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("out", name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// addFiles sets files on the "Add files" input, as a person choosing them.
func (s *session) addFiles(t *testing.T, paths ...string) {
	t.Helper()
	var abs []string
	for _, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		abs = append(abs, a)
	}
	var nodes []*cdp.Node
	s.run(t, chromedp.Nodes(`input[type=file]`, &nodes, chromedp.ByQuery))
	s.run(t, chromedp.SetUploadFiles(`input[type=file]`, abs, chromedp.ByQuery))
}

// click waits for the element to be there and enabled, then clicks it from
// script as a user gesture rather than at coordinates: the page may still be
// moving (a panel closing, a chart drawn), and a click at old coordinates
// lands elsewhere.
func (s *session) click(t *testing.T, selector string) {
	t.Helper()
	s.waitFor(t, fmt.Sprintf(`(e => e !== null && !e.disabled)(document.querySelector(%q))`, selector))
	s.run(t, chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q).click()`, selector), nil,
		func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithUserGesture(true) }))
}

// waitFor polls a JavaScript condition until it is true.
func (s *session) waitFor(t *testing.T, condition string) {
	t.Helper()
	s.waitForLong(t, condition, 30*time.Second)
}

// waitForLong waits for a condition up to the given time.
func (s *session) waitForLong(t *testing.T, condition string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		var ok bool
		if err := chromedp.Run(s.ctx, chromedp.Evaluate(condition, &ok)); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", condition)
}

// downloadFile clicks a button and returns the bytes of the file it saves.
func (s *session) downloadFile(t *testing.T, buttonSelector, name string) []byte {
	t.Helper()
	path := filepath.Join(s.download, name)
	_ = os.Remove(path)
	s.click(t, buttonSelector)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			if _, err := os.Stat(path + ".crdownload"); os.IsNotExist(err) {
				return b
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	var state string
	_ = chromedp.Run(s.ctx, chromedp.Evaluate(`JSON.stringify({disabled: document.querySelector(`+"`"+buttonSelector+"`"+`)?.disabled, summary: document.querySelector("#view-summary")?.textContent})`, &state))
	entries, _ := os.ReadDir(s.download)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	t.Fatalf("%s was not downloaded (page: %s; download folder: %q)", name, state, names)
	return nil
}
