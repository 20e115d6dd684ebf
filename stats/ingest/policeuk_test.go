package ingest

import (
	"os"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// BenchmarkReadPoliceUKStreet reads a police.uk street-level crime file of
// 50 MB (about 220,000 rows) into counts per force per month: the
// benchmark's file b, as ../shared/bench-peers/gen.mjs writes it, when
// FOI_STREET_FILE names it, else one of the same shape made here.
//
// make bench runs it; the figures are measured, never asserted.
func BenchmarkReadPoliceUKStreet(b *testing.B) {
	data := testfiles.StreetCSV(50e6, police.TerritorialNames())
	if name := os.Getenv("FOI_STREET_FILE"); name != "" {
		var err error
		if data, err = os.ReadFile(name); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		t, err := ReadBytes("street-level-crime.csv", data, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if t.Len() == 0 {
			b.Fatal("no figures")
		}
	}
}
