package e2e

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/bundle"
	"github.com/foi-explorer/foi-explorer/stats/library"
)

// TestBundleRoundTripBetweenProfiles: a person saves a reproducibility bundle
// in one browser profile and a colleague opens it in another, fresh profile
// (its own Chromium and user data folder, so nothing is shared but the
// file): the colleague's results.csv is the same bytes, with the interval
// method the bundle carries.
func TestBundleRoundTripBetweenProfiles(t *testing.T) {
	srv := newServer(t)
	files := []string{"testdata/missing-2018-foi.csv", "testdata/registered-mappa-2016-17.csv"}
	const name = "missing-2018-foi and registered-mappa-2016-17"

	author := newSession(t, srv.url())
	author.open(t, srv.url())
	author.waitFor(t, `document.querySelectorAll("#library tbody tr").length === 2`)
	author.addFiles(t, files...)
	author.waitFor(t, `document.querySelector("#view-heading").textContent.includes(`+jsString(name)+`)`)
	author.run(t, chromedp.SetValue("#method", "poisson", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("#method").dispatchEvent(new Event("change"))`, nil))
	author.waitFor(t, `document.querySelector("#view-summary").textContent.includes("Poisson") && !document.querySelector("#download-csv").disabled`)
	want := author.downloadFile(t, "#download-csv", "results.csv")
	if !bytes.Contains(want, []byte("E23000018,Derbyshire,2018-01-17,7,1154,")) {
		t.Fatalf("the author's results.csv is not of the paired files:\n%s", want)
	}
	bundleName := bundle.BundleFileName(name)
	saved := author.downloadFile(t, "#download-bundle", bundleName)
	b, err := bundle.ReadBundle(bundleName, saved)
	if err != nil {
		t.Fatalf("the downloaded bundle does not read: %v", err)
	}
	if !bytes.Equal(b.ResultsCSV, want) || b.Method != stats.Poisson || len(b.Files) != 2 || b.Files[0].Name != "missing-2018-foi.csv" {
		t.Errorf("the bundle holds method %v, files %d, results.csv the same as downloaded: %v", b.Method, len(b.Files), bytes.Equal(b.ResultsCSV, want))
	}
	for i, f := range b.Files {
		if orig, _ := os.ReadFile(files[i]); !bytes.Equal(f.Bytes, orig) {
			t.Errorf("%s in the bundle is not the file as added", f.Name)
		}
	}
	author.saveFile(t, bundleName, saved)

	colleague := newSession(t, srv.url())
	colleague.open(t, srv.url())
	colleague.waitFor(t, `document.querySelectorAll("#library tbody tr").length === 2`)
	var libraries struct{ Author, Colleague int }
	author.eval(t, `document.querySelectorAll("#library tbody tr").length`, &libraries.Author)
	colleague.eval(t, `document.querySelectorAll("#library tbody tr").length`, &libraries.Colleague)
	if libraries.Author != 3 || libraries.Colleague != 2 {
		t.Fatalf("the profiles share storage: the author has %d datasets, the colleague %d (want 3 and 2, the examples)", libraries.Author, libraries.Colleague)
	}
	path := filepath.Join(t.TempDir(), bundleName)
	if err := os.WriteFile(path, saved, 0o644); err != nil {
		t.Fatal(err)
	}
	colleague.run(t, chromedp.SetUploadFiles("#bundle-input", []string{path}, chromedp.ByQuery))
	colleague.waitFor(t, `document.querySelector("[data-bundle-check]") !== null`)
	message := colleague.text(t, "[data-bundle-check]")
	if !strings.Contains(message, "Reproduced: results.csv worked out here from the bundle's 2 files is identical, byte for byte") ||
		!strings.Contains(message, "The interval method is now Poisson, as in the bundle.") {
		t.Errorf("message after opening the bundle: %q", message)
	}
	colleague.waitFor(t, `document.querySelector("#view-heading").textContent.includes(`+jsString(name)+`)`)
	colleague.waitFor(t, `document.querySelector("#method").value === "poisson" && document.querySelector("#view-summary").textContent.includes("Poisson")`)
	colleague.waitFor(t, `!document.querySelector("#download-csv").disabled`)
	got := colleague.downloadFile(t, "#download-csv", "results.csv")
	if !bytes.Equal(got, want) {
		t.Errorf("results.csv in the colleague's profile differs from the author's: %s\n got: %s\nwant: %s", compareResultsCSV(got, want), got, want)
	}
	colleague.screenshot(t, "bundle-opened")
	for _, s := range []*session{author, colleague} {
		if off := s.offOrigin(); len(off) > 0 {
			t.Errorf("requests to other origins: %v", off)
		}
		if p := s.consoleProblems(); len(p) > 0 {
			t.Errorf("console problems: %q", p)
		}
	}
}

// TestBundleWithTraversalPathIsRefused: a bundle holding an entry named
// ../../x, added where CSV files go, is refused with a message that names the
// bundle and the entry, and nothing is stored, even after a reload.
func TestBundleWithTraversalPathIsRefused(t *testing.T) {
	srv := newServer(t)
	s := newSession(t, srv.url())
	s.open(t, srv.url())
	s.waitFor(t, `document.querySelectorAll("#library tbody tr").length === 2`)

	path := filepath.Join(t.TempDir(), "evil.bundle.zip")
	if err := os.WriteFile(path, traversalBundle(t), 0o644); err != nil {
		t.Fatal(err)
	}
	s.addFiles(t, path)
	s.waitFor(t, `document.querySelector("#import-messages").textContent.includes("Could not open the bundle")`)
	message := s.text(t, "#import-messages")
	for _, want := range []string{`Could not open the bundle evil.bundle.zip: the entry "../../x"`, "do not unpack it", "Nothing was stored."} {
		if !strings.Contains(message, want) {
			t.Errorf("message %q lacks %q", message, want)
		}
	}
	var rows int
	s.eval(t, `document.querySelectorAll("#library tbody tr").length`, &rows)
	if rows != 2 {
		t.Errorf("the library holds %d datasets after the refused bundle, want the 2 examples", rows)
	}
	s.screenshot(t, "bundle-refused")
	s.reload(t)
	s.eval(t, `document.querySelectorAll("#library tbody tr").length`, &rows)
	if rows != 2 {
		t.Errorf("after a reload the library holds %d datasets, want the 2 examples", rows)
	}
}

// traversalBundle is a valid bundle with one more entry, ../../x.
func traversalBundle(t *testing.T) []byte {
	t.Helper()
	var valid bytes.Buffer
	if err := bundle.WriteBundle(&valid, bundle.Bundle{Name: "evil", Origin: library.OriginFile,
		Files:      []bundle.BundleFile{{Name: "figures.csv", Bytes: []byte("Force,Year,Missing,Registered\nDerbyshire,2016/17,7,1154\n")}},
		ResultsCSV: []byte("force_code\n")}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(valid.Bytes()), int64(valid.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		w, _ := zw.Create(f.Name)
		_, _ = w.Write(data)
	}
	w, _ := zw.Create("../../x")
	_, _ = w.Write([]byte("x"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// jsString quotes a Go string as a JavaScript string literal.
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
