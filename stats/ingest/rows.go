package ingest

import (
	"fmt"
	"slices"

	"github.com/gocarina/gocsv"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/internal/recur"
	"github.com/foi-explorer/foi-explorer/stats/internal/words"
)

// binder turns a record's recognised cells into typed fields. A file of at
// most gocsvMaxRows records is bound by gocsv, all at once before its rows
// are checked (a small file's cells, a few thousand strings, gathered while
// the file is first gone through: bindFew); a larger one
// record by record without reflection, each distinct period cell parsed
// once. Count never fails to bind (a bad cell becomes CountInvalid), so one
// bad cell cannot stop the file. TestBindPathsAgree holds the two ways to
// the same records.
type binder struct {
	m       cube.ColumnMap
	periods map[string]periodCell
	small   []record // the records gocsv bound, by index in the body
	// The last period cell bound: a long file's rows come a period at a
	// time, and a lookup a row hashes the cell (slowly in wasm).
	lastText   string
	lastPeriod periodCell
	haveLast   bool
}

// gocsvMaxRows is the most rows bound with gocsv. Its reflection costs about
// a microsecond a row and as much again in garbage (BenchmarkReadTableLarge:
// over a third of the time of a 200,000-row file).
const gocsvMaxRows = 2000

// maxCachedPeriods bounds the cache of period cells: a file of daily dates
// over decades has a few thousand.
const maxCachedPeriods = 1 << 14

// cells are the recognised cells of rec, in the order of recordHeader.
func (b *binder) cells(rec []string) []string {
	m := b.m
	return []string{cell(rec, m.Force), cell(rec, m.Period), cell(rec, m.Numerator), cell(rec, m.Denominator)}
}

// bindFew binds, with gocsv, the cells of every record of a small file
// (cells), so that bind gives each record by its index.
func (b *binder) bindFew(cells [][]string) error {
	if len(cells) == 0 {
		return nil
	}
	rows := make([][]string, 0, len(cells)+1)
	rows = append(rows, recordHeader)
	rows = append(rows, cells...)
	b.small = make([]record, 0, len(cells))
	return gocsv.UnmarshalDecoder(rowsDecoder(rows), &b.small)
}

// bind returns the i-th record of the body, rec.
func (b *binder) bind(i int, rec []string) record {
	if b.small != nil && i < len(b.small) {
		return b.small[i]
	}
	text := cell(rec, b.m.Period)
	p, ok := b.lastPeriod, b.haveLast && text == b.lastText
	if !ok {
		p, ok = b.periods[text]
	}
	if !ok {
		_ = p.UnmarshalCSV(text)
		if len(b.periods) < maxCachedPeriods {
			b.periods[text] = p
		}
	}
	b.lastText, b.lastPeriod, b.haveLast = text, p, true
	return record{Force: cell(rec, b.m.Force), Period: p,
		Numerator: cube.ParseCount(cell(rec, b.m.Numerator)), Denominator: cube.ParseCount(cell(rec, b.m.Denominator))}
}

// rowChecks is the state of checking a file's rows one at a time: where
// each force and period was first kept, the categories being added up, and
// what is known of the whole file before its first row is checked.
type rowChecks struct {
	index keyIndex
	// westMidlandsRegion holds the periods whose West Midlands region row
	// exists.
	westMidlandsRegion map[string]bool
	// westMidlandsNoted holds the lines of the region rows already said to
	// be the region: a wide file's line is a row a period, and the note,
	// made when the other lines' rows come between, was once made for each.
	westMidlandsNoted map[int]bool
	hasRegions        bool
	cats              *categorySum
	filtered          int
	// own is set when the records are the file's own rows, whose field
	// counts and category filters are checked; unset for rows reshaped
	// from a wide layout.
	own  bool
	n, i int // records to check and checked, for progress
}

// beginRows starts checking n records. hasRegions says whether the file
// names regions (other than West Midlands, London and Wales), which makes a
// second West Midlands of a period the region; cats is the category sum, if
// the rows are category rows.
func (t *reader) beginRows(n int, hasRegions bool, cats *categorySum, own bool) {
	t.checks = rowChecks{westMidlandsRegion: map[string]bool{}, westMidlandsNoted: map[int]bool{}, hasRegions: hasRegions, cats: cats, own: own, n: n}
	// Each column is allocated once: growing them one append at a time
	// copied them over and over on a large file (BenchmarkReadTableLarge).
	t.Grow(n)
}

// addRecord checks one bound record and keeps it if it is usable; fields
// are its cells, c the columns its cells came from. It returns false when
// the read has been cancelled.
func (t *reader) addRecord(rec record, fields []string, line int, c cube.ColumnMap) bool {
	k := &t.checks
	if due(k.i) && !t.progress.at(StageChecking, k.n+k.i, 2*k.n) {
		return false
	}
	k.i++
	if k.own && !keep(fields, t.filters) {
		k.filtered++
		return true
	}
	if t.isNoteRow(rec, line, c) {
		return true
	}
	if k.own {
		t.checkFieldCount(fields, line)
	}
	row, ok := t.checkRow(rec, line, c)
	if !ok {
		return true
	}
	key := cube.RowKey{Force: cube.ForceKey(row), Period: row.Period.Label}
	if k.cats != nil && !k.cats.add(t, &row, key, fields, c) {
		return true
	}
	at, dup := k.index.find(key)
	if dup && k.hasRegions && row.Matched && row.Force.Code == "E23000014" && !k.westMidlandsRegion[key.Period] {
		// The second West Midlands of a period in a table of regions;
		// a third is a duplicate like any other.
		k.westMidlandsRegion[key.Period] = true
		first := t.Row(at)
		region := t.splitWestMidlands(&first, row, k.westMidlandsNoted)
		// The earlier line keeps its place and the later is added: the
		// rows stay in file order, whichever of the two is the region.
		earlier, later := first, region
		if region.Line < first.Line {
			earlier, later = region, first
		}
		t.SetRow(at, earlier)
		t.AppendRowFrom(later, c)
		return true
	}
	if dup {
		t.Note(row.Line, c.Force+1, cube.Error, "duplicate-row",
			fmt.Sprintf("%s, %s appears again (first on line %d); this row was skipped and the first kept: "+
				"check which is right, and delete the other or give it its own period", words.Shorten(row.ForceName, 80), row.Period.Label, t.Row(at).Line))
		return true
	}
	k.index.put(key, t.Len())
	t.AppendRowFrom(row, c)
	return true
}

// endRows finishes the checks that need every row: categories, regions and
// totals, plausibility; and puts the issues in file order.
func (t *reader) endRows() {
	// The index of keys is done with: let it go before the checks below,
	// which need memory of their own on a large file.
	k := t.checks
	t.checks = rowChecks{}
	if k.cats != nil {
		k.cats.finish(t, t.Columns)
		if k.cats.rows > 0 || k.cats.everyRow {
			k.cats.report(t)
		}
	}
	if k.filtered > 0 {
		why := "by the categories chosen in the column mapping"
		if t.filterWhy != "" {
			why = "because " + t.filterWhy
		}
		t.Note(t.Health.HeaderLine, 1, cube.Info, "filtered", fmt.Sprintf("%d rows were left out %s", k.filtered, why))
	}
	t.noteMarkers()
	t.markRegions()
	t.checkPlausibility()
	// Issues in file order, whichever check found them.
	slices.SortStableFunc(t.Issues, func(a, b cube.Issue) int { return a.Line - b.Line })
}

// keyIndex finds the row kept for a force and period: ids for the force
// keys and period labels seen, and for each period a slice by force id.
// A map of the keys themselves took about 60 bytes a row, as much as the
// rows; this is about 4.
type keyIndex struct {
	// forces guesses each force key from the one before it (package
	// recur): a long file's rows name the forces in the same order each
	// period.
	forces   recur.Index[string, int]
	periods  map[string]int
	byPeriod [][]int32 // 1 + the row's index; 0 when there is none
	// The last period looked up, as binder keeps its last cell.
	lastPeriod string
	lastP      int
	haveLast   bool
}

func (x *keyIndex) ids(key cube.RowKey, add bool) (f, p int, ok bool) {
	if x.periods == nil {
		if !add {
			return 0, 0, false
		}
		x.periods = map[string]int{}
	}
	f, okF := x.forces.Get(key.Force)
	p, okP := x.lastP, x.haveLast && key.Period == x.lastPeriod
	if !okP {
		p, okP = x.periods[key.Period]
		if okP {
			x.lastPeriod, x.lastP, x.haveLast = key.Period, p, true
		}
	}
	if !add && (!okF || !okP) {
		return 0, 0, false
	}
	if !okF {
		f = x.forces.Len()
		x.forces.Put(key.Force, f)
	}
	if !okP {
		p = len(x.periods)
		x.periods[key.Period] = p
		x.byPeriod = append(x.byPeriod, nil)
		x.lastPeriod, x.lastP, x.haveLast = key.Period, p, true
	}
	return f, p, true
}

func (x *keyIndex) find(key cube.RowKey) (int, bool) {
	f, p, ok := x.ids(key, false)
	if !ok || f >= len(x.byPeriod[p]) || x.byPeriod[p][f] == 0 {
		return 0, false
	}
	return int(x.byPeriod[p][f] - 1), true
}

func (x *keyIndex) put(key cube.RowKey, row int) {
	f, p, _ := x.ids(key, true)
	if f >= len(x.byPeriod[p]) {
		x.byPeriod[p] = append(x.byPeriod[p], make([]int32, f+1-len(x.byPeriod[p]))...)
	}
	x.byPeriod[p][f] = int32(row + 1)
}
