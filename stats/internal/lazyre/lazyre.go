package lazyre

import (
	"regexp"
	"sync"
)

// lazyRegexp is compiled on first use, not at package init: compiling the
// reader's two dozen expressions at start took 30–50 ms of the engine's
// start in Chromium, before the page could show anything (measured with
// timing marks in the worker), and a session may never read a file.
type lazyRegexp struct {
	once sync.Once
	pat  string
	re   *regexp.Regexp
}

func LazyRE(pat string) *lazyRegexp { return &lazyRegexp{pat: pat} }

func (r *lazyRegexp) get() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.pat) })
	return r.re
}

func (r *lazyRegexp) FindStringSubmatch(s string) []string { return r.get().FindStringSubmatch(s) }

func (r *lazyRegexp) ReplaceAllString(s, repl string) string {
	return r.get().ReplaceAllString(s, repl)
}
