package analysis_test

import (
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// BenchmarkLatestLongFile is the view's statistics of the peers
// benchmark's file a (20 MB, 499,247 daily figures of 43 forces): the frame
// made, then the latest 120 periods worked out.
func BenchmarkLatestLongFile(b *testing.B) {
	tab, err := ingest.ReadBytes("a.csv", testfiles.LongFile(20_000_000, police.TerritorialNames()), ingest.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_ = analysis.Latest(tab, stats.Wilson, 120)
	}
}
