package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/ingest"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

func TestWithNameMap(t *testing.T) {
	table, err := ingest.ReadTable("n.csv", strings.NewReader("Force,Year,Missing,Registered\nStaffs,2018,5,1180\nKent,2018,4,1800\nDevon & Corn.,2018,9,1850\nStaffs,2019,2,1200\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := UnmatchedNames(table); !slices.Equal(got, []string{"Staffs", "Devon & Corn."}) {
		t.Fatalf("unmatched = %q", got)
	}
	mapped := WithNameMap(table, map[string]string{"Staffs": "E23000015", "Devon & Corn.": "nonsense"})
	var codes []string
	for _, r := range mapped.All() {
		codes = append(codes, r.Force.Code)
	}
	if !slices.Equal(codes, []string{"E23000015", "E23000032", "", "E23000015"}) {
		t.Errorf("codes after mapping = %q", codes)
	}
	if table.Row(0).Matched {
		t.Error("WithNameMap changed the table it was given")
	}
	if got := UnmatchedNames(mapped); !slices.Equal(got, []string{"Devon & Corn."}) {
		t.Errorf("still unmatched = %q", got)
	}
	if !slices.ContainsFunc(mapped.Issues, func(is cube.Issue) bool { return is.Code == "bad-name-map" && is.Line == 4 }) {
		t.Error("a mapping to no force was not reported")
	}
}

func TestForceByKey(t *testing.T) {
	for _, f := range police.Forces() {
		if g, ok := police.ForceByKey(f.Key()); !ok || g != f {
			t.Errorf("ForceByKey(%q) = %+v, %v", f.Key(), g, ok)
		}
	}
	if _, ok := police.ForceByKey("E99999999"); ok {
		t.Error("a made-up key found a force")
	}
}
