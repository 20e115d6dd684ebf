package ingest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats"
	"github.com/foi-explorer/foi-explorer/stats/analysis"
	"github.com/foi-explorer/foi-explorer/stats/examples"
	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// Cells far longer than any name keep every message short: a 10 MB force
// name, a header of 100,000 columns, one line of 5 MB.
func TestMessagesStayShortOnHugeCells(t *testing.T) {
	huge := strings.Repeat("a", 10<<20)
	table, err := ReadTable("big.csv", strings.NewReader("Force,Year,Missing,Registered\n\""+huge+"\",2018,1,2\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range table.Issues {
		if len(is.Message) > 500 {
			t.Errorf("issue %s has a message of %d bytes", is.Code, len(is.Message))
		}
	}
	for name, data := range map[string]string{
		"100,000 columns": strings.Repeat("x,", 100000) + "\n" + strings.Repeat("1,", 100000) + "\n",
		"one 5 MB line":   strings.Repeat("a", 5<<20),
	} {
		_, err := ReadTable("f.csv", strings.NewReader(data))
		if err == nil || len(err.Error()) > 3000 {
			t.Errorf("%s: error of %d bytes: want a short error", name, len(err.Error()))
		}
	}
}

func BenchmarkReadTableSynthetic(b *testing.B) {
	data := string(examples.SyntheticPracticeCSV())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ReadTable(examples.SyntheticFile, strings.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadTableOneLongLine(b *testing.B) {
	data := strings.Repeat("a", 8<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_, _ = ReadTable("line.csv", strings.NewReader(data))
	}
}

func BenchmarkComputeSynthetic(b *testing.B) {
	table, err := ReadTable(examples.SyntheticFile, strings.NewReader(string(examples.SyntheticPracticeCSV())))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_ = analysis.Compute(table, stats.Wilson)
	}
}

// BenchmarkCompute43x20 is issue 6's target shape: 43 forces by 20 financial
// years, with funnels, trend tests and the rank simulation.
func BenchmarkCompute43x20(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Force,Period,Missing,Registered\n")
	forces := police.Forces()
	for y := 2000; y < 2020; y++ {
		for i, f := range forces[:43] {
			n := 400 + 97*i + 13*(y-2000)
			fmt.Fprintf(&sb, "%s,%d/%02d,%d,%d\n", f.Name, y, (y+1)%100, (n*(7+i%5))/1000+i%3, n)
		}
	}
	table, err := ReadTable("43x20.csv", strings.NewReader(sb.String()))
	if err != nil || table.Len() != 43*20 {
		b.Fatalf("%v, %d rows", err, table.Len())
	}
	for b.Loop() {
		_ = analysis.Compute(table, stats.Wilson)
	}
}

func BenchmarkReadTableLarge(b *testing.B) {
	data := testfiles.DailyCSV(200000, police.TerritorialNames())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ReadTable("large.csv", strings.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
