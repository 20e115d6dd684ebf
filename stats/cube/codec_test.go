package cube_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

func roundTrip(t *testing.T, tab *cube.Table) {
	t.Helper()
	enc, err := cube.EncodeTable(tab)
	if err != nil {
		t.Fatal(err)
	}
	got, err := cube.DecodeTable(enc)
	if err != nil {
		t.Fatal(err)
	}
	// The rows, made from the columns, and everything else about the
	// table, as the exported fields say it.
	wantRows, gotRows := tab.Rows(), got.Rows()
	if len(wantRows) != len(gotRows) {
		t.Fatalf("%d rows came back, want %d", len(gotRows), len(wantRows))
	}
	for i := range wantRows {
		if !reflect.DeepEqual(wantRows[i], gotRows[i]) {
			t.Fatalf("row %d:\nwant %+v\n got %+v", i, wantRows[i], gotRows[i])
		}
	}
	wantMeta, _ := json.Marshal(tab)
	gotMeta, _ := json.Marshal(got)
	if !bytes.Equal(wantMeta, gotMeta) {
		t.Fatalf("tables differ:\nwant %s\n got %s", wantMeta, gotMeta)
	}
	for i := range wantRows {
		for m := range 2 {
			if tab.ValueColumn(i, m) != got.ValueColumn(i, m) {
				t.Fatalf("row %d measure %d: column %d came back, want %d", i, m, got.ValueColumn(i, m), tab.ValueColumn(i, m))
			}
		}
	}
}

// The stored form gives back the same table: the practice data, a messy
// file, a combined pair and random tables with censored, suppressed and
// invalid counts and unmatched names.
func TestColumnarRoundTrip(t *testing.T) {
	practice, err := ingest.ReadTable(examples.SyntheticFile, bytes.NewReader(examples.SyntheticPracticeCSV()))
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, practice)
	combined, _ := analysis.Combine(examples.ReportedFiguresFile, []*cube.Table{examples.ReportedFiguresTable()}, analysis.PairContainingOrLatest)
	roundTrip(t, combined)
	messy, err := ingest.ReadTable("m.csv", strings.NewReader("Force,Year,Missing,Registered\nDerbyshire1,2019,<5,\"1,154.4\"\nNowhere,2019,*,10\nTotal,2019,abc,900\n"))
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, messy)
	r := rand.New(rand.NewPCG(1, 1))
	for range 200 {
		data := make([]byte, 2+r.IntN(200))
		for i := range data {
			data[i] = byte(r.IntN(256))
		}
		if tab := tableFromFuzz(data); tab != nil {
			roundTrip(t, tab)
		}
	}
}

// A table stored by an earlier version (format 1, JSON) still reads.
func TestDecodeFormat1(t *testing.T) {
	tab, err := ingest.ReadTable("f.csv", strings.NewReader("Force,Year,Missing,Registered\nKent,2019,4,900\n"))
	if err != nil {
		t.Fatal(err)
	}
	// Format 1 was the table as JSON, its rows a field of it.
	type table1 struct {
		*cube.Table
		Rows []cube.Row
	}
	v1, err := json.Marshal(struct {
		Format int    `json:"format"`
		Table  table1 `json:"table"`
	}{1, table1{tab, tab.Rows()}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := cube.DecodeTable(v1)
	if err != nil || got.Len() != 1 || got.Row(0).Force.ShortName != "Kent" {
		t.Fatalf("%v, %+v", err, got)
	}
	if _, err := cube.DecodeTable([]byte(`{"format":7,"table":{}}`)); err == nil {
		t.Error("an unknown format was read")
	}
}

// A damaged store gives an error, never a panic: every truncation and a
// thousand random byte changes of a stored table.
func TestColumnarDamaged(t *testing.T) {
	tab, err := ingest.ReadTable("f.csv", strings.NewReader("Force,Year,Missing,Registered\nKent,2019,4,900\nDorset,2018/19,<5,400\nNowhere,Jan 2018,*,\n"))
	if err != nil {
		t.Fatal(err)
	}
	enc, err := cube.EncodeTable(tab)
	if err != nil {
		t.Fatal(err)
	}
	for n := len("FOIT\x03"); n < len(enc); n++ {
		if _, err := cube.DecodeTable(enc[:n]); err == nil {
			t.Errorf("a store cut to %d of %d bytes was read", n, len(enc))
		}
	}
	r := rand.New(rand.NewPCG(2, 2))
	for range 1000 {
		b := bytes.Clone(enc)
		b[len("FOIT\x03")+r.IntN(len(b)-len("FOIT\x03"))] = byte(r.IntN(256))
		_, _ = cube.DecodeTable(b) // must not panic
	}
}

// BenchmarkEncodeTable stores and reads back 200,000 clean rows: the 43
// forces on 4,652 days, each with registered counts in line with its size.
func BenchmarkEncodeTable(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Force,Date,Missing,Registered\n")
	fs := police.Forces()
	day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 200000 {
		f := fs[i%43]
		fmt.Fprintf(&sb, "%s,%s,%d,%d\n", f.Name, day.AddDate(0, 0, i/43).Format("2006-01-02"), i%13, int(police.ApproxPopulation[f.Code]))
	}
	tab, err := ingest.ReadTable("big.csv", strings.NewReader(sb.String()))
	if err != nil || len(tab.Issues) != 0 {
		b.Fatalf("%v, %d issues", err, len(tab.Issues))
	}
	var size int
	for b.Loop() {
		enc, err := cube.EncodeTable(tab)
		if err != nil {
			b.Fatal(err)
		}
		size = len(enc)
		if _, err := cube.DecodeTable(enc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/float64(tab.Len()), "bytes/row")
}

// FuzzDecodeTable: a stored table read back from a damaged or hostile store
// gives a table or an error, never a panic, and a table it gives encodes
// and decodes to itself.
func FuzzDecodeTable(f *testing.F) {
	for _, csv := range []string{
		"Force,Year,Missing,Registered\nKent,2019,4,900\nDorset,2018/19,<5,400\nNowhere,Jan 2018,*,\n",
		"Force,2016,2017\nKent,9,11\nTotal,9,12\n",
	} {
		tab, err := ingest.ReadTable("seed.csv", strings.NewReader(csv))
		if err != nil {
			f.Fatal(err)
		}
		enc, err := cube.EncodeTable(tab)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(enc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := cube.DecodeTable(data)
		if err != nil {
			return
		}
		enc, err := cube.EncodeTable(tab)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cube.DecodeTable(enc); err != nil {
			t.Fatalf("a table decoded from the store does not read back: %v", err)
		}
	})
}

// tableFromFuzz reads the table testfiles.FuzzCSV makes of data.
func tableFromFuzz(data []byte) *cube.Table {
	text := testfiles.FuzzCSV(data, police.TerritorialNames())
	if text == "" {
		return nil
	}
	table, err := ingest.ReadTable("fuzz.csv", strings.NewReader(text))
	if err != nil {
		return nil
	}
	return table
}
