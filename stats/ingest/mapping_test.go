package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
)

func TestPreviewFileGuessesAndShows(t *testing.T) {
	data := "Funnel data\nitem name,indicator number,sample size,\nNorth Wales Police,8,2781,\nDorset Police,7,2623,\n"
	p, err := PreviewFile("funnel.csv", strings.NewReader(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.Health.HeaderLine != 2 || p.Guess.Force != -1 || p.Header[0] != "item name" {
		// No header is recognised: the first row as wide as the table is
		// offered as the header, below the one-cell title.
		t.Errorf("preview = %+v", p)
	}
	if len(p.Rows) != 2 {
		t.Errorf("preview rows = %q", p.Rows)
	}
	at3, err := PreviewFile("funnel.csv", strings.NewReader(data), 3)
	if err != nil || at3.Header[0] != "North Wales Police" || len(at3.Rows) != 1 {
		t.Errorf("preview at line 3 = %+v, %v", at3, err)
	}
}

func TestReadTableWithMapping(t *testing.T) {
	data := "Funnel data\nitem name,indicator number,sample size,\nNorth Wales Police,8,2781,\nDorset Police,7,2623,\n"
	m := Mapping{HeaderLine: 2, Force: 0, Period: -1, Numerator: 1, Denominator: 2, FixedPeriod: "2019/20"}
	table, err := ReadTableWith("funnel.csv", strings.NewReader(data), m)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(describeRows(table.Rows()), "\n")
	want := "W15000001 2019/20 8/2781\nE23000039 2019/20 7/2623"
	if got != want {
		t.Errorf("rows:\n%s\nwant:\n%s", got, want)
	}
	if got := describeIssues(table.Issues); got != "1:1 title-rows 2:1 mapped-by-hand" {
		t.Errorf("issues = %q", got)
	}
}

func TestReadTableWithBadMappings(t *testing.T) {
	data := "a,b,c\nKent,2018,4\n"
	tests := []struct {
		name string
		m    Mapping
		want string
	}{
		{"no force", Mapping{HeaderLine: 1, Force: -1, Period: 1, Numerator: 2, Denominator: -1}, "choose the column that names the force"},
		{"no measure", Mapping{HeaderLine: 1, Force: 0, Period: 1, Numerator: -1, Denominator: -1}, "numerator column, the denominator column or both"},
		{"no period", Mapping{HeaderLine: 1, Force: 0, Period: -1, Numerator: 2, Denominator: -1}, "give the period of every row"},
		{"bad fixed period", Mapping{HeaderLine: 1, Force: 0, Period: -1, Numerator: 2, Denominator: -1, FixedPeriod: "13/13/2018"}, "not a period"},
		{"column twice", Mapping{HeaderLine: 1, Force: 0, Period: 1, Numerator: 2, Denominator: 2}, "column 3 is chosen for two roles"},
		{"out of range", Mapping{HeaderLine: 1, Force: 0, Period: 1, Numerator: 7, Denominator: -1}, "not in the header's 3 columns"},
		{"no such line", Mapping{HeaderLine: 9, Force: 0, Period: 1, Numerator: 2, Denominator: -1}, "no row starting on line 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadTableWith("m.csv", strings.NewReader(data), tt.m)
			if !errors.Is(err, ErrBadMapping) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want ErrBadMapping saying %q", err, tt.want)
			}
		})
	}
}

// The real funnel-plot file of the corpus imports once its columns are
// mapped: every force matched, Excel's trailing empty rows and column ignored.
func TestReadTableWithCorpusFunnel(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(testfiles.Corpus(t, "police"), "bbc-iopc-forfunnel.csv"))
	if err != nil {
		t.Fatal(err)
	}
	m := Mapping{HeaderLine: 1, Force: 0, Period: -1, Numerator: 1, Denominator: 2, FixedPeriod: "2018"}
	table, err := ReadTableWith("bbc-iopc-forfunnel.csv", strings.NewReader(string(b)), m)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range table.All() {
		if !r.Matched {
			t.Errorf("line %d: %q matched no force", r.Line, r.ForceName)
		}
	}
	if table.Health.Encoding != "UTF-8 with BOM" || table.Health.LineEndings != "CRLF" || table.Len() < 38 {
		t.Errorf("health %+v, %d rows", table.Health, table.Len())
	}
}
