package library

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/bundle"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// A bundle made in one browser's library opens in another (a database of its
// own) as a dataset with the same settings, and gives the same results.csv,
// byte for byte: the interval method, a column mapping, a wide table's
// values, a name matched by hand and the pairing rule all travel with it.
func TestBundleRoundTripBetweenLibraries(t *testing.T) {
	ctx := context.Background()
	from := testLibrary(t)
	if _, err := from.PutSettings(ctx, `{"method":"poisson"}`); err != nil {
		t.Fatal(err)
	}
	missing := OriginalFile{Name: "missing.csv", Bytes: []byte("Area;When;Lost\nDerbys Constab;2016/17;7\nStaffordshire;2016/17;5\nDerbyshire;2017/18;6\n"),
		Mapping: &ingest.Mapping{HeaderLine: 1, Force: 0, Period: 1, Numerator: 2, Denominator: -1}}
	res, err := from.ImportFiles(ctx, []OriginalFile{missing}, OriginFile)
	if err != nil || res.Dataset == nil {
		t.Fatalf("import: %+v, %v", res, err)
	}
	id := res.Dataset.ID
	if _, err := from.AddFiles(ctx, id, []OriginalFile{{Name: "registered.csv", Bytes: []byte("Force,2016/17,2017/18\nDerbyshire,1154,1200\nStaffordshire,900,950\n")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := from.SetValues(ctx, id, "registered.csv", "denominator"); err != nil {
		t.Fatal(err)
	}
	if _, err := from.SetNameMap(ctx, id, `{"Derbys Constab":"E23000018"}`); err != nil {
		t.Fatal(err)
	}
	if _, err := from.SetPairingRule(ctx, id, "same-period"); err != nil {
		t.Fatal(err)
	}
	want, err := from.ResultsCSV(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// The name matched by hand gives Derbyshire's numerator (the name map
	// applies after pairing, so it stays unpaired); the mapping and the
	// wide table's values give Staffordshire's rate.
	if !strings.Contains(want, "E23000018,Derbyshire,2016/17,7,,") || !strings.Contains(want, "E23000015,Staffordshire,2016/17,5,900,") {
		t.Fatalf("the dataset was not set up as the test means:\n%s", want)
	}
	name, data, err := from.ExportBundle(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if name != "missing.bundle.zip" {
		t.Errorf("bundle name %q", name)
	}

	to := testLibrary(t)
	opened, err := to.OpenBundle(ctx, name, data)
	if err != nil {
		t.Fatal(err)
	}
	if !opened.Identical || !strings.HasPrefix(opened.Message, "Reproduced:") || opened.Method != "poisson" || !opened.MethodChanged {
		t.Errorf("opened = %+v", opened)
	}
	if to.Method(ctx) != stats.Poisson {
		t.Error("the bundle's method was not chosen")
	}
	d := opened.Dataset
	if d.ID == id || d.Pairing != "same-period" || d.NameMap["Derbys Constab"] != "E23000018" || d.Values["registered.csv"] != "denominator" ||
		d.Mappings["missing.csv"].Numerator != 2 || len(d.Files) != 2 || !d.Persisted {
		t.Errorf("dataset = %+v", d)
	}
	got, err := to.ResultsCSV(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("results.csv from the bundle:\n%s\nwant\n%s", got, want)
	}
	// And after the library is opened again from the database.
	fresh := reopen(to)
	if again, err := fresh.ResultsCSV(ctx, d.ID); err != nil || again != want {
		t.Errorf("after reopening: %v\n%s", err, again)
	}
	originals, _ := fresh.Originals(ctx, d.ID)
	if len(originals) != 2 || !bytes.Equal(originals[0].Bytes, missing.Bytes) {
		t.Errorf("originals = %+v", originals)
	}
}

// The examples travel too: the synthetic one keeps its mark.
func TestBundleOfTheSyntheticExample(t *testing.T) {
	ctx := context.Background()
	from := testLibrary(t)
	ex, err := from.LoadExample(ctx, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := from.ResultsCSV(ctx, ex.ID)
	name, data, err := from.ExportBundle(ctx, ex.ID)
	if err != nil {
		t.Fatal(err)
	}
	to := testLibrary(t)
	opened, err := to.OpenBundle(ctx, name, data)
	if err != nil || !opened.Identical || opened.MethodChanged {
		t.Fatalf("opened = %+v, %v", opened, err)
	}
	if opened.Dataset.Mark != examples.SyntheticMark || opened.Dataset.Origin != OriginSyntheticExample {
		t.Errorf("dataset = %+v", opened.Dataset)
	}
	if got, _ := to.ResultsCSV(ctx, opened.Dataset.ID); got != want {
		t.Error("the example's results.csv differs after the round trip")
	}
}

// A bundle whose results.csv was changed is imported, and the message says
// where it differs.
func TestBundleWithChangedResultsSaysWhatDiffers(t *testing.T) {
	ctx := context.Background()
	from := testLibrary(t)
	d, err := from.Import(ctx, "figures.csv", []byte(sampleCSV), OriginFile)
	if err != nil {
		t.Fatal(err)
	}
	results, _ := from.ResultsCSV(ctx, d.ID)
	changed := strings.Replace(results, ",7,1154,", ",8,1154,", 1)
	var buf bytes.Buffer
	if err := bundle.WriteBundle(&buf, bundle.Bundle{Name: "figures", Origin: OriginFile, AppVersion: report.AppVersion(),
		Files: []bundle.BundleFile{{Name: "figures.csv", Bytes: []byte(sampleCSV)}}, ResultsCSV: []byte(changed)}); err != nil {
		t.Fatal(err)
	}
	to := testLibrary(t)
	opened, err := to.OpenBundle(ctx, "figures.bundle.zip", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if opened.Identical || !strings.Contains(opened.Message, "Not reproduced") || !strings.Contains(opened.Message, `column missing: "8" in the bundle, "7" here`) ||
		!strings.Contains(opened.Message, "changed after it was saved") {
		t.Errorf("message: %s", opened.Message)
	}
}

// A hostile bundle, or one whose files cannot be read, stores nothing.
func TestHostileBundleStoresNothing(t *testing.T) {
	ctx := context.Background()
	l := testLibrary(t)
	var traversal bytes.Buffer
	zw := zip.NewWriter(&traversal)
	w, _ := zw.Create("../../x")
	_, _ = w.Write([]byte("x"))
	_ = zw.Close()
	var bomb bytes.Buffer
	zw = zip.NewWriter(&bomb)
	w, _ = zw.Create("originals/zeros.csv")
	_, _ = w.Write(make([]byte, 50<<20))
	_ = zw.Close()
	var unreadable bytes.Buffer
	if err := bundle.WriteBundle(&unreadable, bundle.Bundle{Name: "broken", Origin: OriginFile,
		Files: []bundle.BundleFile{{Name: "broken.csv", Bytes: []byte("Force,Year,Missing,Registered\n\"Derbyshire,2018,1,2\n")}}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		data []byte
		says string
	}{
		{traversal.Bytes(), `evil.zip: the entry "../../x"`},
		{[]byte("not a zip"), "evil.zip: it is not a zip file"},
		{bomb.Bytes(), `evil.zip: the entry "originals/zeros.csv": `},
		{unreadable.Bytes(), "evil.zip: a file of the bundle could not be read, so nothing was stored: broken.csv"},
	} {
		_, err := l.OpenBundle(ctx, "evil.zip", c.data)
		if err == nil || !strings.HasPrefix(err.Error(), c.says) {
			t.Errorf("error %v, want it to start %q", err, c.says)
		}
	}
	_, err := l.OpenBundle(ctx, "evil.zip", traversal.Bytes())
	if !errors.Is(err, bundle.ErrBundleUnsafePath) {
		t.Errorf("error %v is not ErrBundleUnsafePath", err)
	}
	if list, err := l.List(ctx); err != nil || len(list) != 0 {
		t.Errorf("after hostile bundles the library holds %+v, %v", list, err)
	}
}
