package e2e

import (
	"net"
	"net/http"
	"net/url"
	"sync"
	"testing"
)

// browserOwnHosts are hosts headless Chromium itself calls whatever page is
// open (network time, component updates, sign-in, autofill and
// optimisation hints), despite the flags that turn most of its background
// networking off; seen through this proxy with Debian's Chromium. Exact
// names only: a page's request to any other host of the same companies
// (fonts.googleapis.com, say) still counts.
var browserOwnHosts = map[string]bool{
	"clients2.google.com":                 true,
	"update.googleapis.com":               true,
	"accounts.google.com":                 true,
	"content-autofill.googleapis.com":     true,
	"optimizationguide-pa.googleapis.com": true,
}

// offSiteProxy is the browser's proxy for every address but its own machine
// (Chromium never sends loopback requests to a proxy): any request that
// reaches it was going to another site, from the page, a worker, the
// service worker or the browser. It records the request and refuses it.
// The devtools network log of the page does not see a worker's requests;
// this sees every one. The browser's own background calls are set apart.
type offSiteProxy struct {
	addr    string
	mu      sync.Mutex
	seen    []string // requests to other sites
	browser []string // the browser's own calls to browserOwnHosts
}

func newOffSiteProxy(t *testing.T) *offSiteProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &offSiteProxy{addr: l.Addr().String()}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := r.URL.String()
		if r.Method == http.MethodConnect {
			target = "https://" + r.Host + " (CONNECT)"
		}
		host := r.Host
		if u, err := url.Parse("//" + r.Host); err == nil {
			host = u.Hostname()
		}
		p.mu.Lock()
		if browserOwnHosts[host] {
			p.browser = append(p.browser, target)
		} else {
			p.seen = append(p.seen, target)
		}
		p.mu.Unlock()
		http.Error(w, "FOI Explorer tests: no request may leave the machine", http.StatusForbidden)
	})}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return p
}

func (p *offSiteProxy) requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

// browserCalls are the browser's own background calls that reached the proxy.
func (p *offSiteProxy) browserCalls() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.browser...)
}
