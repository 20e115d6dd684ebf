package ingest

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// A read that reports its progress gives the same table as one that does
// not, and reports each stage in order with done never past total.
func TestReadReportsProgress(t *testing.T) {
	data := testfiles.DailyCSV(50000, police.TerritorialNames())
	want, err := ReadTable("daily.csv", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var stages []Stage
	lastRows := 0
	got, err := Read("daily.csv", strings.NewReader(data), ReadOptions{Progress: func(s Stage, done, total, rows int) bool {
		if done < 0 || done > total {
			t.Errorf("%s: done %d of %d", s, done, total)
		}
		if rows < lastRows {
			t.Errorf("rows went back from %d to %d", lastRows, rows)
		}
		lastRows = rows
		if len(stages) == 0 || stages[len(stages)-1] != s {
			stages = append(stages, s)
		}
		return true
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Rows(), want.Rows()) || !reflect.DeepEqual(got.Issues, want.Issues) || got.Health != want.Health {
		t.Error("the table read with progress differs from the one read without")
	}
	if !reflect.DeepEqual(stages, []Stage{StageSplitting, StageChecking}) {
		t.Errorf("stages %v", stages)
	}
	if lastRows < 40000 {
		t.Errorf("last report said %d rows split of 50,000", lastRows)
	}
}

// A Progress that says stop ends the read at any stage with ErrCancelled,
// and with a mapping too.
func TestReadCancels(t *testing.T) {
	data := testfiles.DailyCSV(50000, police.TerritorialNames())
	m := Mapping{HeaderLine: 1, Force: 0, Period: 1, Numerator: 2, Denominator: 3}
	for _, stop := range []Stage{StageSplitting, StageChecking} {
		for _, mapping := range []*Mapping{nil, &m} {
			calls := 0
			_, err := Read("daily.csv", strings.NewReader(data), ReadOptions{Mapping: mapping, Progress: func(s Stage, done, total, rows int) bool {
				calls++
				return s != stop || done < total/2
			}})
			if !errors.Is(err, ErrCancelled) {
				t.Errorf("stop while %s (mapping %v): err %v after %d reports", stop, mapping != nil, err, calls)
			}
		}
	}
}
