package ingest

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// TestBindPathsAgree binds random rows of messy cells both ways, with gocsv
// and record by record, and wants the same records: the importer stays one
// importer whatever the size of the file.
func TestBindPathsAgree(t *testing.T) {
	vocab := []string{"", " ", "Kent", "Derbyshire1,2", "Total", "2018", "2016/17", "Jan 2018", "17/01/2018",
		"04/17/2018", "7", "007", "1,234", "<5", "*", "n/a", "12.0", "1.000", "-3", "5516.65", "abc",
		"123456789012345", "1234567890123456", "0-4", "fewer than 5", "45*", "x", " 12 "}
	r := rand.New(rand.NewPCG(5, 7))
	for table := range 300 {
		rows := make([][]string, 1+r.IntN(40))
		for i := range rows {
			rows[i] = make([]string, r.IntN(5))
			for j := range rows[i] {
				rows[i][j] = vocab[r.IntN(len(vocab))]
			}
		}
		m := cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3}
		if table%3 == 0 {
			m.Denominator = -1
		}
		small := &binder{m: m, periods: map[string]periodCell{}} // few rows: gocsv
		var cells [][]string
		for _, rec := range rows {
			cells = append(cells, small.cells(rec))
		}
		if err := small.bindFew(cells); err != nil {
			t.Fatal(err)
		}
		direct := &binder{m: m, periods: map[string]periodCell{}}
		for i := range rows {
			w, g := small.bind(i, rows[i]), direct.bind(i, rows[i])
			werr, gerr := errText(w.Period.Err), errText(g.Period.Err)
			w.Period.Err, g.Period.Err = nil, nil
			if !reflect.DeepEqual(w, g) || werr != gerr {
				t.Fatalf("table %d row %d %q:\ngocsv  %+v (%s)\ndirect %+v (%s)", table, i, rows[i], w, werr, g, gerr)
			}
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// The shortcut for plain digits gives what the general path gives.
func TestPlainDigitsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	cases := []string{"0", "00", "007", "1", "999999999999999", "1234567890123456", "12a", "", "+1", "1 2"}
	for range 2000 {
		b := make([]byte, 1+r.IntN(17))
		for i := range b {
			b[i] = byte('0' + r.IntN(10))
		}
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		if got, want := cube.ParseCount(c), cube.ParseCountFully(c); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %+v, general path %+v", c, got, want)
		}
	}
}
