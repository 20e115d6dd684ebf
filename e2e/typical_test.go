package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/police"
)

// TestTypicalFileTimings adds the peers benchmark's file c (a typical FOI
// file: 43 forces × 10 financial years, byte for byte as
// ../shared/bench-peers/gen.mjs writes it) three times to a page that has
// just shown its practice data on a first visit, as the benchmark does, and
// logs for each the time from the file chosen to its view drawn
// (lastImportMs), the engine's import (importTimings) and the page's split
// of the view (viewTimings: the engine's answer and each panel drawn). It
// measures and asserts no time; it runs with the benchmark (FOI_BENCH), and
// FOI_SITE serves another build of the site (an older one, to compare).
func TestTypicalFileTimings(t *testing.T) {
	if os.Getenv("FOI_BENCH") == "" {
		t.Skip("a measurement, not a test: FOI_BENCH=1 runs it")
	}
	var srv *server
	if site := os.Getenv("FOI_SITE"); site != "" {
		srv = newServerOf(t, site)
	} else {
		srv = newServer(t)
	}
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	s.waitForLong(t, `document.body.dataset.readyMs !== undefined`, time.Minute)
	var b strings.Builder
	b.WriteString("force,period,missing,registered\n")
	for i, f := range police.TerritorialNames() {
		for y := 2014; y < 2024; y++ {
			fmt.Fprintf(&b, "%s,%d/%02d,%d,%d\n", f, y, (y+1)%100, 3+(i*7+y)%17, 600+37*i+11*(y-2014))
		}
	}
	for run := 1; run <= 3; run++ {
		file := filepath.Join(t.TempDir(), fmt.Sprintf("typical-foi-43x10-%d.csv", run))
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		s.eval(t, `delete document.body.dataset.lastImportMs`, nil)
		s.addFiles(t, file)
		s.waitForLong(t, `!!document.body.dataset.lastImportMs && document.querySelector("#view-heading").textContent.includes("typical-foi-43x10-`+fmt.Sprint(run)+`")`, time.Minute)
		var ms, timings, imported string
		s.eval(t, `document.body.dataset.lastImportMs`, &ms)
		s.eval(t, `document.body.dataset.viewTimings`, &timings)
		s.eval(t, `document.body.dataset.importTimings || ""`, &imported)
		t.Logf("file c, run %d: file chosen to view drawn %s ms; import %s; view %s", run, ms, imported, timings)
	}
}
