package bundle_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/bundle"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/report"
)

// sampleBundle uses every setting a bundle carries: two files, one mapped by
// hand and one a wide table of denominators, a name matched by hand, the
// Poisson method and the same-period rule.
func sampleBundle() bundle.Bundle {
	return bundle.Bundle{
		Name:    "missing and registered",
		Origin:  bundle.OriginFile,
		Pairing: analysis.PairSamePeriod,
		NameMap: map[string]string{"Derbys Constab": "E23000018"},
		Method:  stats.Poisson,
		// Fixed, so that the bytes of the bundle are the same on every run.
		AppVersion: "0.7.0+test",
		CreatedAt:  time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC),
		Files: []bundle.BundleFile{
			{Name: "missing.csv", Bytes: []byte("Area;When;Lost\nDerbys Constab;2016/17;7\n"),
				Mapping: &ingest.Mapping{HeaderLine: 1, Force: 0, Period: 1, Numerator: 2, Denominator: -1}},
			{Name: "registered wide.csv", Bytes: []byte("Force,2016/17\nDerbyshire,1154\n"), Values: "denominator"},
		},
		ResultsCSV: []byte("force_code,force_name,period\nE23000018,Derbyshire,2016/17\n"),
	}
}

func writeBundle(t testing.TB, b bundle.Bundle) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := bundle.WriteBundle(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBundleRoundTrip(t *testing.T) {
	want := sampleBundle()
	data := writeBundle(t, want)
	got, err := bundle.ReadBundle("x.bundle.zip", data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", *got, want)
	}
	if again := writeBundle(t, *got); !bytes.Equal(again, data) {
		t.Error("writing a bundle read back gives other bytes")
	}

	// The zip as any tool sees it: the manifest first, then the originals
	// under originals/, then results.csv.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if want := []string{"manifest.json", "originals/missing.csv", "originals/registered_wide.csv", "results.csv"}; !reflect.DeepEqual(names, want) {
		t.Errorf("entries %q, want %q", names, want)
	}
	var m struct {
		Format        string
		FormatVersion int
		AppVersion    string
		Parameters    struct{ Method string }
		Dataset       struct{ Pairing string }
		Files         []struct{ Name, Path, SHA256 string }
	}
	rc, _ := zr.File[0].Open()
	if err := json.NewDecoder(rc).Decode(&m); err != nil {
		t.Fatal(err)
	}
	if m.Format != "foi-explorer-bundle" || m.FormatVersion != bundle.BundleFormat || m.AppVersion != "0.7.0+test" ||
		m.Parameters.Method != "poisson" || m.Dataset.Pairing != "same-period" || len(m.Files) != 2 || len(m.Files[0].SHA256) != 64 {
		t.Errorf("manifest = %+v", m)
	}
}

func TestBundleDefaultsAndNames(t *testing.T) {
	b := sampleBundle()
	b.AppVersion, b.CreatedAt = "", time.Time{}
	// Names that would be paths, or that come out the same once made safe.
	b.Files = []bundle.BundleFile{
		{Name: "../../etc/passwd", Bytes: []byte("a")},
		{Name: "a b.csv", Bytes: []byte("b")},
		{Name: "a_b.csv", Bytes: []byte("c")},
		{Name: "2-A_B.csv", Bytes: []byte("c2")},
		{Name: "A B.csv", Bytes: []byte("c3")},
		{Name: "C:\\Users\\jo\\figures.csv", Bytes: []byte("d")},
		{Name: "名前.csv", Bytes: []byte("e")},
	}
	got, err := bundle.ReadBundle("x.zip", writeBundle(t, b))
	if err != nil {
		t.Fatal(err)
	}
	if got.AppVersion != report.AppVersion() || time.Since(got.CreatedAt) > time.Hour {
		t.Errorf("defaults: version %q, created %v", got.AppVersion, got.CreatedAt)
	}
	for i, f := range got.Files {
		if f.Name != b.Files[i].Name || !bytes.Equal(f.Bytes, b.Files[i].Bytes) {
			t.Errorf("file %d = %q %q, want %q %q", i, f.Name, f.Bytes, b.Files[i].Name, b.Files[i].Bytes)
		}
	}
	for _, bad := range []bundle.Bundle{
		{Name: "x"},
		{Name: "x", Files: []bundle.BundleFile{{Name: ""}}},
		{Name: "x", Files: []bundle.BundleFile{{Name: "a"}, {Name: "a"}}},
		{Name: "x", Files: []bundle.BundleFile{{Name: "a", Values: "both"}}},
		{Name: " ", Files: []bundle.BundleFile{{Name: "a"}}},
	} {
		if err := bundle.WriteBundle(io.Discard, bad); err == nil {
			t.Errorf("WriteBundle accepted %+v", bad)
		}
	}
	if got := bundle.BundleFileName("../Missing <b>2018</b>"); got != "_Missing__b_2018__b_.bundle.zip" {
		t.Errorf("BundleFileName = %q", got)
	}
}

// entry is one entry of a zip made by hand.
type entry struct {
	name   string
	data   []byte
	method uint16 // zip.Deflate unless set
	flags  uint16
	// raw, when set, is written as the compressed data, with the sizes
	// and CRC given below rather than those of data.
	raw                   []byte
	size, compressed, crc uint64
}

func makeZip(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		if e.raw != nil {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: e.method, Flags: e.flags,
				UncompressedSize64: e.size, CompressedSize64: e.compressed, CRC32: uint32(e.crc)})
			if err != nil {
				t.Fatal(err)
			}
			_, _ = w.Write(e.raw)
			continue
		}
		method := e.method
		if method == 0 {
			method = zip.Deflate
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: method, Flags: e.flags})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// entriesOf are the entries of a valid bundle, to change one at a time.
func entriesOf(t testing.TB, data []byte) []entry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []entry
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		out = append(out, entry{name: f.Name, data: b})
	}
	return out
}

// withManifest is the sample bundle with its manifest changed by edit.
func withManifest(t testing.TB, edit func(m map[string]any)) []byte {
	t.Helper()
	es := entriesOf(t, writeBundle(t, sampleBundle()))
	var m map[string]any
	if err := json.Unmarshal(es[0].data, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	es[0].data, _ = json.Marshal(m)
	return makeZip(t, es...)
}

func deflated(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	_, _ = fw.Write(data)
	_ = fw.Close()
	return buf.Bytes()
}

func TestReadBundleRefusesHostileBundles(t *testing.T) {
	valid := writeBundle(t, sampleBundle())
	es := entriesOf(t, valid)
	withEntry := func(extra ...entry) []byte { return makeZip(t, append(append([]entry(nil), es...), extra...)...) }
	zeros := make([]byte, 10<<20)
	bomb := deflated(t, zeros)
	small := bundle.DefaultBundleLimits
	small.Entries, small.FileSize, small.TotalSize = 6, 4000, int64(len(valid))*4+1000

	tiny := bundle.DefaultBundleLimits
	tiny.ZipSize = 100

	cases := []struct {
		name   string
		data   []byte
		limits *bundle.BundleLimits
		want   error
		says   string // a part of the message
	}{
		{"not a zip", []byte("Force,Year,Missing\n"), nil, bundle.ErrBundleNotZip, "not a zip file"},
		{"empty", nil, nil, bundle.ErrBundleNotZip, "not a zip file"},
		{"truncated", valid[:len(valid)/2], nil, bundle.ErrBundleNotZip, "not a zip file"},
		{"bundle too large", valid, &tiny, bundle.ErrBundleTooLarge, "more than the 100 bytes a bundle may be"},
		{"dot-dot", withEntry(entry{name: "../../x", data: []byte("x")}), nil, bundle.ErrBundleUnsafePath, `"../../x"`},
		{"dot-dot inside", withEntry(entry{name: "originals/../../x", data: []byte("x")}), nil, bundle.ErrBundleUnsafePath, `".."`},
		{"absolute", withEntry(entry{name: "/etc/x", data: []byte("x")}), nil, bundle.ErrBundleUnsafePath, "absolute path"},
		{"drive letter", withEntry(entry{name: `C:\x`, data: []byte("x")}), nil, bundle.ErrBundleUnsafePath, "backslash"},
		{"drive letter, forward slash", withEntry(entry{name: "C:/x", data: []byte("x")}), nil, bundle.ErrBundleUnsafePath, "drive letter"},
		{"backslash", withEntry(entry{name: `originals\x.csv`, data: []byte("x")}), nil, bundle.ErrBundleUnsafePath, "backslash"},
		{"dot part", withEntry(entry{name: "originals/./x.csv", data: []byte("x")}), nil, bundle.ErrBundleUnsafePath, `"."`},
		{"control character", withEntry(entry{name: "a\x00b", data: []byte("x")}), nil, bundle.ErrBundleUnsafePath, "control character"},
		{"duplicate", withEntry(entry{name: "results.csv", data: []byte("other")}), nil, bundle.ErrBundleDuplicate, "appears twice"},
		{"duplicate by case", withEntry(entry{name: "Results.CSV", data: []byte("other")}), nil, bundle.ErrBundleDuplicate, "only in case"},
		{"too many entries", withEntry(entry{name: "a", data: []byte("1")}, entry{name: "b", data: []byte("2")}, entry{name: "c", data: []byte("3")}), &small, bundle.ErrBundleEntries, "entries"},
		{"file too large", withEntry(entry{name: "big", data: make([]byte, 4001)}), &small, bundle.ErrBundleTooLarge, "4001 bytes uncompressed, more than the 4000 bytes"},
		{"total too large", withEntry(entry{name: "a", data: make([]byte, 3000)}, entry{name: "b", data: make([]byte, 3000)}), &small, bundle.ErrBundleTooLarge, "the entries come to more than"},
		{"zip bomb", withEntry(entry{name: "originals/zeros.csv", data: zeros}), nil, bundle.ErrBundleBomb, "zip bomb"},
		{"zip bomb of small entries", withEntry(func() []entry {
			var many []entry
			for i := range 20 {
				many = append(many, entry{name: "originals/zeros" + string(rune('a'+i)), data: make([]byte, 100<<10)})
			}
			return many
		}()...), nil, bundle.ErrBundleBomb, "expand to"},
		{"lying sizes", makeZip(t, entry{name: "manifest.json", method: zip.Deflate, raw: bomb, size: 100, compressed: uint64(len(bomb))}), nil, bundle.ErrBundleDamaged, "manifest.json"},
		{"no manifest", makeZip(t, es[1:]...), nil, bundle.ErrBundleNoManifest, "no manifest.json"},
		{"manifest not JSON", makeZip(t, append([]entry{{name: "manifest.json", data: []byte("{not json")}}, es[1:]...)...), nil, bundle.ErrBundleManifest, "not valid JSON"},
		{"manifest of another kind", withManifest(t, func(m map[string]any) { m["format"] = "something-else" }), nil, bundle.ErrBundleManifest, "something-else"},
		{"newer format", withManifest(t, func(m map[string]any) { m["formatVersion"] = 2 }), nil, bundle.ErrBundleVersion, "format version is 2"},
		{"no format version", withManifest(t, func(m map[string]any) { delete(m, "formatVersion") }), nil, bundle.ErrBundleVersion, "format version is 0"},
		{"unknown method", withManifest(t, func(m map[string]any) { m["parameters"] = map[string]any{"method": "bayes"} }), nil, bundle.ErrBundleManifest, "bayes"},
		{"unknown origin", withManifest(t, func(m map[string]any) { m["dataset"].(map[string]any)["origin"] = "<script>" }), nil, bundle.ErrBundleManifest, "origin"},
		{"name map to no force", withManifest(t, func(m map[string]any) {
			m["dataset"].(map[string]any)["nameMap"] = map[string]any{"x": "E99999999"}
		}), nil, bundle.ErrBundleManifest, "E99999999"},
		{"no files", withManifest(t, func(m map[string]any) { m["files"] = []any{} }), nil, bundle.ErrBundleManifest, "no original files"},
		{"file listed twice", withManifest(t, func(m map[string]any) {
			f := m["files"].([]any)
			second := map[string]any{}
			for k, v := range f[0].(map[string]any) {
				second[k] = v
			}
			second["name"] = "again.csv"
			m["files"] = append(f, second)
		}), nil, bundle.ErrBundleDamaged, "twice"},
		{"results listed as a file", withManifest(t, func(m map[string]any) {
			m["files"].([]any)[0].(map[string]any)["path"] = "results.csv"
		}), nil, bundle.ErrBundleManifest, "not an original file"},
		{"missing results.csv", makeZip(t, es[:3]...), nil, bundle.ErrBundleDamaged, "does not hold it"},
		{"changed file", makeZip(t, es[0], entry{name: es[1].name, data: bytes.ToUpper(es[1].data)}, es[2], es[3]), nil, bundle.ErrBundleDamaged, "SHA-256"},
		{"changed size", makeZip(t, es[0], es[1], es[2], entry{name: es[3].name, data: append(es[3].data, '\n')}), nil, bundle.ErrBundleDamaged, "the manifest says"},
		{"encrypted", makeZip(t, append([]entry{{name: "manifest.json", data: es[0].data, flags: 0x1}}, es[1:]...)...), nil, bundle.ErrBundleUnsupported, "encrypted"},
		{"unknown compression", makeZip(t, append([]entry{{name: "manifest.json", method: 99, raw: es[0].data,
			size: uint64(len(es[0].data)), compressed: uint64(len(es[0].data)), crc: uint64(crc32.ChecksumIEEE(es[0].data))}}, es[1:]...)...), nil, bundle.ErrBundleUnsupported, "compression"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lim := bundle.DefaultBundleLimits
			if c.limits != nil {
				lim = *c.limits
			}
			b, err := lim.Read("sent-to-me.zip", c.data)
			if err == nil {
				t.Fatalf("opened: %+v", b)
			}
			var be *bundle.BundleError
			if !errors.As(err, &be) || !errors.Is(err, c.want) {
				t.Errorf("error %v (%T), want %v", err, err, c.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "sent-to-me.zip: ") || !strings.Contains(msg, c.says) {
				t.Errorf("message %q does not name the bundle or say %q", msg, c.says)
			}
			t.Log(msg)
		})
	}

	// A folder entry and an entry the manifest does not list (as unzipping
	// and zipping again on a Mac adds) do not stop a bundle opening.
	relaxed := withEntry(entry{name: "__MACOSX/", data: nil}, entry{name: "__MACOSX/._results.csv", data: []byte("x")})
	if _, err := bundle.ReadBundle("again.zip", relaxed); err != nil {
		t.Errorf("a bundle zipped again: %v", err)
	}
}

func TestDescribeResultsDifference(t *testing.T) {
	const header = "force_code,force_name,period,missing,registered,rate_per_1000\n"
	a := header + "E23000018,Derbyshire,2016/17,7,1154,6.06586\nALL,All forces,2016/17,7,1154,6.06586\n"
	for _, c := range []struct{ bundled, here, says string }{
		{a, a, ""},
		{a, strings.Replace(a, "6.06586\nALL", "6.06587\nALL", 1), `1 of 2 rows differ (the bundle has 2, here 2); the first: line 2 (Derbyshire, 2016/17), column rate_per_1000: "6.06586" in the bundle, "6.06587" here`},
		{a, a + "E23000019,Durham,2016/17,1,2,500\n", "line 4 is only here"},
		{a + "E23000019,Durham,2016/17,1,2,500\n", a, "line 4 is only in the bundle"},
		{a, strings.ReplaceAll(a, "\n", "\r\n"), "line endings or quoting"},
		{a, strings.Replace(a, "rate_per_1000", "rate", 1), "the columns differ"},
		{"\"unclosed\n", a, "not a CSV file"},
		{"", a, "has 0 lines"},
	} {
		if got := bundle.DescribeResultsDifference([]byte(c.bundled), []byte(c.here)); (c.says == "") != (got == "") || !strings.Contains(got, c.says) {
			t.Errorf("DescribeResultsDifference(%q, %q) = %q, want it to say %q", c.bundled, c.here, got, c.says)
		}
	}
}

// FuzzReadBundle: ReadBundle never panics; it refuses with a *BundleError
// that names the bundle, or returns a bundle that writes and reads back the
// same.
func FuzzReadBundle(f *testing.F) {
	valid := writeBundle(f, sampleBundle())
	f.Add(valid)
	f.Add(valid[:len(valid)-30])
	f.Add(makeZip(f, entry{name: "../../x", data: []byte("x")}))
	f.Add(makeZip(f, entry{name: "manifest.json", data: []byte(`{"format":"foi-explorer-bundle","formatVersion":1}`)}))
	f.Add(makeZip(f, entriesOf(f, valid)[1:]...))
	f.Add([]byte("PK\x05\x06"))
	// Stored entries with no CRC (archive/zip then checks none), so that
	// changes to the manifest's JSON reach the checks behind it.
	var stored []entry
	for _, e := range entriesOf(f, valid) {
		stored = append(stored, entry{name: e.name, method: zip.Store, raw: e.data, size: uint64(len(e.data)), compressed: uint64(len(e.data))})
	}
	f.Add(makeZip(f, stored...))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := bundle.ReadBundle("fuzz.zip", data)
		if err != nil {
			var be *bundle.BundleError
			if !errors.As(err, &be) || be.Bundle != "fuzz.zip" || !strings.HasPrefix(err.Error(), "fuzz.zip: ") {
				t.Fatalf("error %v (%T) is not a BundleError naming the bundle", err, err)
			}
			return
		}
		var buf bytes.Buffer
		if err := bundle.WriteBundle(&buf, *b); err != nil {
			t.Fatalf("a bundle that was read cannot be written: %v", err)
		}
		again, err := bundle.ReadBundle("again.zip", buf.Bytes())
		if err != nil {
			t.Fatalf("a bundle written from one that was read cannot be read: %v", err)
		}
		// WriteBundle fills in what the manifest left out.
		if b.AppVersion == "" {
			b.AppVersion = report.AppVersion()
		}
		b.CreatedAt = b.CreatedAt.UTC().Truncate(time.Second)
		if b.CreatedAt.IsZero() {
			b.CreatedAt = again.CreatedAt
		}
		if !reflect.DeepEqual(again, b) {
			t.Fatalf("read, written and read again:\n%+v\nwant\n%+v", again, b)
		}
	})
}

// A bundle is written and read back; a changed results.csv is described in
// words.
func ExampleReadBundle() {
	var buf bytes.Buffer
	_ = bundle.WriteBundle(&buf, bundle.Bundle{
		Name: "missing", Origin: bundle.OriginFile, Method: stats.Wilson,
		Files:      []bundle.BundleFile{{Name: "missing.csv", Bytes: []byte("Force,Year,Missing,Registered\nDerbyshire,2016/17,7,1154\n")}},
		ResultsCSV: []byte("force_code,force_name,period,missing\nE23000018,Derbyshire,2016/17,7\n"),
	})
	b, err := bundle.ReadBundle("missing.bundle.zip", buf.Bytes())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.Name, b.Method, b.Files[0].Name, len(b.Files[0].Bytes), "bytes")
	fmt.Println(bundle.DescribeResultsDifference(b.ResultsCSV, []byte("force_code,force_name,period,missing\nE23000018,Derbyshire,2016/17,8\n")))

	_, err = bundle.ReadBundle("not-a-bundle.zip", []byte("Force,Year\n"))
	fmt.Println(err)
	// Output:
	// missing wilson missing.csv 56 bytes
	// 1 of 1 rows differ (the bundle has 1, here 1); the first: line 2 (Derbyshire, 2016/17), column missing: "7" in the bundle, "8" here
	// not-a-bundle.zip: it is not a zip file, so not a bundle FOI Explorer wrote; choose the .zip the app saved with Download reproducibility bundle
}
