package cube

import (
	"reflect"
	"strconv"
	"testing"
)

// TestRowNumbersGivenBack: RowNumbers is Row with exact counts' text left
// out, and a row it gave, written back with SetRow, leaves the table as it
// was (every count's text, exact or not).
func TestRowNumbersGivenBack(t *testing.T) {
	var tab Table
	counts := []Count{Exact(12), ParseCount("1,204"), ParseCount("<5"), ParseCount("*"), {}, ParseCount("7 [a]")}
	for i, c := range counts {
		tab.AppendRow(Row{Line: i + 2, ForceName: "Kent", Numerator: c, Denominator: Exact(int64(100 + i))})
	}
	before := tab.Rows()
	for i := range tab.Len() {
		n := tab.RowNumbers(i)
		want := before[i]
		for _, c := range []*Count{&want.Numerator, &want.Denominator} {
			if c.Kind == CountExact && c.Problem == "" && c.Footnote == "" && c.Raw == strconv.FormatInt(c.Low, 10) {
				c.Raw = ""
			}
		}
		if !reflect.DeepEqual(n, want) {
			t.Errorf("row %d: RowNumbers %+v, want %+v", i, n, want)
		}
		tab.SetRow(i, n)
	}
	if after := tab.Rows(); !reflect.DeepEqual(after, before) {
		t.Errorf("after SetRow of RowNumbers:\n%+v\nwant\n%+v", after, before)
	}
}
