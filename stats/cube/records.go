package cube

import (
	"iter"
	"slices"
	"strconv"

	"github.com/foi-explorer/foi-explorer/stats/internal/recur"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// records are a table's rows held in columns: each dimension of a row
// (name as written, force, period, file) as an id into a dictionary of the
// table's distinct values, each measure's values as int64 low and high with
// a kind byte, and each value's column in the file. A row of two measures
// takes 49 bytes (about 25 an observation; 55 when its files or its
// values' columns vary) instead of the 464 of a Row
// struct, and no string is held per cell: the text of a cell is kept only
// when it cannot be written again from the number (a "<5", a footnote, a
// thousands separator), in a sparse map.
//
// A Row is made from the columns when it is asked for (Table.Row) and is
// never kept: readers append rows as they check them, and the analysis reads
// them back one at a time.
type records struct {
	name   []uint32 // into names: the force as written
	force  []uint16 // into forces: the matched force, 0 the zero Force
	flags  []uint8  // rowMatched, rowTotal
	period []uint32 // into periods, 0 the zero Period
	file   flat16   // into files
	line   []uint32
	values [rowMeasures]valueColumn
	// texts holds, by observation (textKey), what a value's Count carries
	// beyond its kind and bounds.
	texts map[uint64]cellText
	// Set only on a table that Combine made: where a denominator came from.
	denPeriod []uint32 // into periods
	pairing   []uint32 // into notes: how it was paired
	mismatch  []uint32 // into notes

	names   []string
	forces  []police.Force
	periods []Period
	files   []string
	notes   []string

	// The dictionaries' indexes, rebuilt on the first append after a
	// decode or a clone.
	// The names' and forces' indexes guess each from the one before it
	// (package recur): a long file names its forces in the same order
	// period after period, and hashing a name a row is slow in wasm.
	nameIndex   recur.Index[string, uint32]
	forceIndex  recur.Index[police.Force, uint16]
	periodIndex map[Period]uint32
	fileIndex   map[string]uint16
	noteIndex   map[string]uint32
	// The last period and file interned: the rows of a long file come a
	// period at a time from one file, and a map lookup a row hashes the
	// period's label and the file's name each time (slowly in wasm, which
	// has no hardware hash).
	lastPeriod   Period
	lastPeriodID uint32
	lastFile     string
	lastFileID   uint16
	haveLast     [2]bool
}

// rowMeasures is the number of measures a Row has: the numerator and the
// denominator. Measure 0 is the numerator, 1 the denominator.
const rowMeasures = 2

// A value's kind byte: the CountKind, and whether it was rounded.
const (
	kindMask    = 0x7f
	kindRounded = 0x80
)

const (
	rowMatched = 1 << iota
	rowTotal
)

// valueColumn is one measure's values, a row each.
type valueColumn struct {
	low, high []int64
	kind      []uint8
	column    flat16 // 1-based column of the file the value came from; 0 when unknown
}

// flat16 is a column of small ids that is usually one value throughout (the
// file of a table read from one file, the column of a long file's values):
// it holds a slice only once a second value comes.
type flat16 struct {
	first uint16
	n     int
	all   []uint16 // nil while every value is first
	grow  int      // the rows expected, for the slice when it comes
}

func (c *flat16) get(i int) uint16 {
	if c.all == nil {
		return c.first
	}
	return c.all[i]
}

func (c *flat16) append(v uint16) {
	if c.all == nil {
		if c.n == 0 {
			c.first = v
		}
		if v == c.first {
			c.n++
			return
		}
		c.all = make([]uint16, c.n, max(c.n+1, c.grow))
		for i := range c.all {
			c.all[i] = c.first
		}
	}
	c.all = append(c.all, v)
	c.n++
}

func (c *flat16) set(i int, v uint16) {
	if c.all == nil {
		if v == c.first || (c.n == 1 && i == 0) {
			c.first = v
			return
		}
		c.all = make([]uint16, c.n, max(c.n, c.grow))
		for j := range c.all {
			c.all[j] = c.first
		}
	}
	c.all[i] = v
}

func (c *flat16) clone() flat16 {
	out := *c
	out.all = slices.Clone(c.all)
	return out
}

// bytes is the memory the column holds.
func (c *flat16) bytes() int { return 2 * len(c.all) }

// cellText is what a Count carries beyond its kind, bounds and rounding.
type cellText struct {
	Raw, Problem, Footnote string
}

func textKey(row, measure int) uint64 { return uint64(row)<<2 | uint64(measure) }

// Len is the number of rows.
func (t *Table) Len() int { return len(t.recs.line) }

// Grow makes room for n more rows, so that a reader that knows how many
// rows are coming allocates each column once.
func (t *Table) Grow(n int) {
	r := &t.recs
	r.name = slices.Grow(r.name, n)
	r.force = slices.Grow(r.force, n)
	r.flags = slices.Grow(r.flags, n)
	r.period = slices.Grow(r.period, n)
	r.file.grow = len(r.line) + n
	r.line = slices.Grow(r.line, n)
	for m := range r.values {
		v := &r.values[m]
		v.low = slices.Grow(v.low, n)
		v.high = slices.Grow(v.high, n)
		v.kind = slices.Grow(v.kind, n)
		v.column.grow = len(r.line) + n
	}
}

// Row returns row i, made from the columns.
func (t *Table) Row(i int) Row {
	row := t.RowNumbers(i)
	withText(&row.Numerator)
	withText(&row.Denominator)
	return row
}

// withText writes an exact count's text from its number when the table
// kept none (a cell's own text, a problem or a footnote is kept whenever
// there is one: setCount).
func withText(c *Count) {
	if c.Kind == CountExact && c.Raw == "" && c.Problem == "" && c.Footnote == "" {
		c.Raw = strconv.FormatInt(c.Low, 10)
	}
}

// RowNumbers is Row without the text of its exact counts (their Raw is
// empty; Row writes it from the number), for the passes over every row
// that read figures and never show a cell: writing the text of two counts
// a row was a third of the time of reading a long file's rows back. Such a
// row may be given back to SetRow: an exact count with no Raw keeps its
// number's text.
func (t *Table) RowNumbers(i int) Row {
	r := &t.recs
	row := Row{
		Line:      int(r.line[i]),
		ForceName: r.names[r.name[i]],
		Force:     r.forces[r.force[i]],
		Matched:   r.flags[i]&rowMatched != 0,
		Total:     r.flags[i]&rowTotal != 0,
		Period:    r.periods[r.period[i]],
		File:      r.files[r.file.get(i)],
	}
	row.Numerator, row.Denominator = t.Counts(i)
	if r.denPeriod != nil {
		row.DenominatorPeriod = r.periods[r.denPeriod[i]]
		row.Pairing = r.notes[r.pairing[i]]
		row.Mismatch = r.notes[r.mismatch[i]]
	}
	return row
}

// AllNumbers yields each row as RowNumbers gives it, with its index.
func (t *Table) AllNumbers() iter.Seq2[int, Row] {
	return func(yield func(int, Row) bool) {
		for i := range t.Len() {
			if !yield(i, t.RowNumbers(i)) {
				return
			}
		}
	}
}

// Rows returns every row, made from the columns: for tests and small
// tables; a loop over a large table uses Row.
func (t *Table) Rows() []Row {
	out := make([]Row, t.Len())
	for i := range out {
		out[i] = t.Row(i)
	}
	return out
}

// All yields each row with its index.
func (t *Table) All() iter.Seq2[int, Row] {
	return func(yield func(int, Row) bool) {
		for i := range t.Len() {
			if !yield(i, t.Row(i)) {
				return
			}
		}
	}
}

// Counts are row i's numerator and denominator as numbers: an exact
// count's Raw is left empty (Row writes it from the number), so that a loop
// over every row of a large table, working out rates for sums and trend
// tests, does not format a string a cell. Any other count is as Row gives
// it.
func (t *Table) Counts(i int) (num, den Count) {
	return t.numbers(i, 0), t.numbers(i, 1)
}

// PlainCounts says whether no count of the table carries text of its own
// (a Raw that is not the number, a Problem, a Footnote): then every Count
// that Counts gives is whole in its Kind, Low, High and Rounded, and a
// caller may keep those alone.
func (t *Table) PlainCounts() bool { return len(t.recs.texts) == 0 }

// Number is row i's count of measure m (0 the numerator, 1 the
// denominator) as Counts gives it.
func (t *Table) Number(i, m int) Count { return t.numbers(i, m) }

func (t *Table) numbers(i, m int) Count {
	v := &t.recs.values[m]
	k := v.kind[i]
	c := Count{Kind: CountKind(k & kindMask), Low: v.low[i], High: v.high[i], Rounded: k&kindRounded != 0}
	if len(t.recs.texts) == 0 {
		return c
	}
	if x, ok := t.recs.texts[textKey(i, m)]; ok {
		c.Raw, c.Problem, c.Footnote = x.Raw, x.Problem, x.Footnote
	}
	return c
}

// Dims are the ids of a row's name as written, matched force and period in
// its table's dictionaries (Table.NameOf, ForceOf and PeriodOf say what
// each is), with whether it matched and is a total: for loops over every
// row of a large table that work a thing out once per distinct value.
type Dims struct {
	Name           uint32
	Force          uint16
	Period         uint32
	Matched, Total bool
}

// Dims are row i's dimensions by id.
func (t *Table) Dims(i int) Dims {
	r := &t.recs
	return Dims{Name: r.name[i], Force: r.force[i], Period: r.period[i],
		Matched: r.flags[i]&rowMatched != 0, Total: r.flags[i]&rowTotal != 0}
}

// Line is the line of the file row i came from.
func (t *Table) Line(i int) int { return int(t.recs.line[i]) }

// AnyDims reports whether f is true of some row's dimensions.
func (t *Table) AnyDims(f func(Dims) bool) bool {
	for i := range t.Len() {
		if f(t.Dims(i)) {
			return true
		}
	}
	return false
}

// NameOf is the name as written with id n (Dims.Name).
func (t *Table) NameOf(n uint32) string { return t.recs.names[n] }

// ForceOf is the force with id f (Dims.Force).
func (t *Table) ForceOf(f uint16) police.Force { return t.recs.forces[f] }

// PeriodOf is the period with id p (Dims.Period).
func (t *Table) PeriodOf(p uint32) Period { return t.recs.periods[p] }

// ForceIDs is one more than the largest force id (Dims.Force).
func (t *Table) ForceIDs() int { return len(t.recs.forces) }

// PeriodIDs is one more than the largest period id (Dims.Period).
func (t *Table) PeriodIDs() int { return len(t.recs.periods) }

// ValueColumn is the 1-based column of the file that row i's value of
// measure m came from, 0 when it is not known.
func (t *Table) ValueColumn(i, m int) int { return int(t.recs.values[m].column.get(i)) }

// AppendRow adds a row whose values came from the table's own columns
// (t.Columns).
func (t *Table) AppendRow(row Row) {
	t.AppendRowFrom(row, t.Columns)
}

// AppendRowFrom adds a row whose numerator and denominator came from the
// columns c of the file (a wide table's values each have their own).
func (t *Table) AppendRowFrom(row Row, c ColumnMap) {
	r := &t.recs
	r.name = append(r.name, 0)
	r.force = append(r.force, 0)
	r.flags = append(r.flags, 0)
	r.period = append(r.period, 0)
	r.file.append(r.internFile(row.File))
	r.line = append(r.line, 0)
	r.values[0].column.append(columnID(c.Numerator))
	r.values[1].column.append(columnID(c.Denominator))
	for m := range r.values {
		v := &r.values[m]
		v.low = append(v.low, 0)
		v.high = append(v.high, 0)
		v.kind = append(v.kind, 0)
	}
	if r.denPeriod != nil {
		r.denPeriod = append(r.denPeriod, 0)
		r.pairing = append(r.pairing, 0)
		r.mismatch = append(r.mismatch, 0)
	}
	t.set(len(r.line)-1, row)
}

func columnID(col int) uint16 {
	if col < 0 || col >= 1<<16-1 {
		return 0
	}
	return uint16(col + 1)
}

// SetRow replaces row i's force, period, values and provenance; the columns
// its values came from stay.
func (t *Table) SetRow(i int, row Row) { t.set(i, row) }

// SetRows replaces every row: a row's values are taken to come from the
// table's own columns.
func (t *Table) SetRows(rows []Row) {
	t.recs = records{names: t.recs.names, forces: t.recs.forces, periods: t.recs.periods,
		files: t.recs.files, notes: t.recs.notes, nameIndex: t.recs.nameIndex, forceIndex: t.recs.forceIndex,
		periodIndex: t.recs.periodIndex, fileIndex: t.recs.fileIndex, noteIndex: t.recs.noteIndex}
	t.Grow(len(rows))
	for _, row := range rows {
		t.AppendRow(row)
	}
}

func (t *Table) set(i int, row Row) {
	r := &t.recs
	r.name[i] = r.internName(row.ForceName)
	r.force[i] = r.internForce(row.Force)
	var f uint8
	if row.Matched {
		f |= rowMatched
	}
	if row.Total {
		f |= rowTotal
	}
	r.flags[i] = f
	r.period[i] = r.internPeriod(row.Period)
	r.file.set(i, r.internFile(row.File))
	r.line[i] = uint32(max(0, min(row.Line, 1<<32-1)))
	t.setCount(i, 0, row.Numerator)
	t.setCount(i, 1, row.Denominator)
	if row.DenominatorPeriod != (Period{}) || row.Pairing != "" || row.Mismatch != "" || r.denPeriod != nil {
		if r.denPeriod == nil {
			n := len(r.line)
			r.denPeriod, r.pairing, r.mismatch = make([]uint32, n), make([]uint32, n), make([]uint32, n)
		}
		r.denPeriod[i] = r.internPeriod(row.DenominatorPeriod)
		r.pairing[i] = r.internNote(row.Pairing)
		r.mismatch[i] = r.internNote(row.Mismatch)
	}
}

func (t *Table) setCount(i, m int, c Count) {
	v := &t.recs.values[m]
	k := uint8(c.Kind)
	if c.Rounded {
		k |= kindRounded
	}
	v.kind[i], v.low[i], v.high[i] = k, c.Low, c.High
	key := textKey(i, m)
	plain := c.Problem == "" && c.Footnote == "" &&
		((c.Kind == CountExact && (c.Raw == "" || writtenAs(c.Raw, c.Low))) || (c.Kind != CountExact && c.Raw == ""))
	if plain {
		if t.recs.texts != nil {
			delete(t.recs.texts, key)
		}
		return
	}
	if t.recs.texts == nil {
		t.recs.texts = map[uint64]cellText{}
	}
	t.recs.texts[key] = cellText{Raw: c.Raw, Problem: c.Problem, Footnote: c.Footnote}
}

// writtenAs says whether raw is exactly n as strconv.FormatInt writes it,
// without making that string: an allocation a value was a tenth of the
// checking of a large file in wasm.
func writtenAs(raw string, n int64) bool {
	var buf [20]byte
	return string(strconv.AppendInt(buf[:0], n, 10)) == raw
}

// Clone returns a copy of the table whose rows can be changed without
// changing t's.
func (t *Table) Clone() *Table {
	out := *t
	r := &out.recs
	r.name, r.force, r.flags = slices.Clone(r.name), slices.Clone(r.force), slices.Clone(r.flags)
	r.period, r.file, r.line = slices.Clone(r.period), r.file.clone(), slices.Clone(r.line)
	for m := range r.values {
		v := &r.values[m]
		v.low, v.high, v.kind, v.column = slices.Clone(v.low), slices.Clone(v.high), slices.Clone(v.kind), v.column.clone()
	}
	r.denPeriod, r.pairing, r.mismatch = slices.Clone(r.denPeriod), slices.Clone(r.pairing), slices.Clone(r.mismatch)
	if r.texts != nil {
		texts := make(map[uint64]cellText, len(r.texts))
		for k, v := range r.texts {
			texts[k] = v
		}
		r.texts = texts
	}
	// The dictionaries only grow: clipped, an append to the clone's copies
	// makes new arrays and never writes into t's.
	r.names, r.forces, r.periods = slices.Clip(r.names), slices.Clip(r.forces), slices.Clip(r.periods)
	r.files, r.notes = slices.Clip(r.files), slices.Clip(r.notes)
	r.nameIndex, r.forceIndex = recur.Index[string, uint32]{}, recur.Index[police.Force, uint16]{}
	r.periodIndex, r.fileIndex, r.noteIndex = nil, nil, nil
	out.Issues = slices.Clone(t.Issues)
	return &out
}

func (r *records) internName(s string) uint32 {
	if r.nameIndex.Len() == 0 {
		recurIndexOf(&r.nameIndex, r.names)
	}
	if i, ok := r.nameIndex.Get(s); ok {
		return i
	}
	i := uint32(len(r.names))
	r.nameIndex.Put(s, i)
	r.names = append(r.names, s)
	return i
}

func (r *records) internNote(s string) uint32 {
	if r.notes == nil {
		r.notes = []string{""}
	}
	if r.noteIndex == nil {
		r.noteIndex = indexOf[string, uint32](r.notes)
	}
	return intern(r.noteIndex, &r.notes, s)
}

func (r *records) internForce(f police.Force) uint16 {
	if r.forces == nil {
		r.forces = []police.Force{{}}
	}
	if r.forceIndex.Len() == 0 {
		recurIndexOf(&r.forceIndex, r.forces)
	}
	if i, ok := r.forceIndex.Get(f); ok {
		return i
	}
	if len(r.forces) >= 1<<16 {
		panic("cube: more than 65,535 distinct forces")
	}
	i := uint16(len(r.forces))
	r.forceIndex.Put(f, i)
	r.forces = append(r.forces, f)
	return i
}

func (r *records) internPeriod(p Period) uint32 {
	if r.haveLast[0] && p == r.lastPeriod {
		return r.lastPeriodID
	}
	if r.periods == nil {
		r.periods = []Period{{}}
	}
	if r.periodIndex == nil {
		r.periodIndex = indexOf[Period, uint32](r.periods)
	}
	id := intern(r.periodIndex, &r.periods, p)
	r.lastPeriod, r.lastPeriodID, r.haveLast[0] = p, id, true
	return id
}

func (r *records) internFile(s string) uint16 {
	if r.haveLast[1] && s == r.lastFile {
		return r.lastFileID
	}
	id := r.internFileSlow(s)
	r.lastFile, r.lastFileID, r.haveLast[1] = s, id, true
	return id
}

func (r *records) internFileSlow(s string) uint16 {
	if r.fileIndex == nil {
		r.fileIndex = indexOf[string, uint16](r.files)
	}
	if i, ok := r.fileIndex[s]; ok {
		return i
	}
	if len(r.files) >= 1<<16 {
		panic("cube: more than 65,535 files in one table")
	}
	i := uint16(len(r.files))
	r.fileIndex[s] = i
	r.files = append(r.files, s)
	return i
}

func intern[K comparable](index map[K]uint32, list *[]K, k K) uint32 {
	if i, ok := index[k]; ok {
		return i
	}
	i := uint32(len(*list))
	index[k] = i
	*list = append(*list, k)
	return i
}

func indexOf[K comparable, I uint16 | uint32](list []K) map[K]I {
	m := make(map[K]I, len(list))
	for i, k := range list {
		if _, ok := m[k]; !ok {
			m[k] = I(i)
		}
	}
	return m
}

// recurIndexOf fills an empty index with each key of list and its first
// place in it, as indexOf does for a map.
func recurIndexOf[K comparable, I uint16 | uint32](x *recur.Index[K, I], list []K) {
	for i, k := range list {
		if _, ok := x.Get(k); !ok {
			x.Put(k, I(i))
		}
	}
}

// AnyRow reports whether f is true of some row (as RowNumbers gives it).
func (t *Table) AnyRow(f func(Row) bool) bool {
	for _, r := range t.AllNumbers() {
		if f(r) {
			return true
		}
	}
	return false
}

// Footprint is the memory the table's rows take, in bytes: the columns
// (what grows with the rows), and the dictionaries and kept cell texts
// (what grows with the distinct values). It counts what the slices hold,
// not their spare capacity.
func (t *Table) Footprint() (columns, dictionaries int) {
	r := &t.recs
	n := len(r.line)
	columns = n*(4+2+1+4+4) + r.file.bytes() // name, force, flags, period, line, file
	for m := range r.values {
		columns += n*(8+8+1) + r.values[m].column.bytes()
	}
	if r.denPeriod != nil {
		columns += n * 3 * 4
	}
	const stringHeader, forceSize, periodSize = 16, 5 * 16, 8 + 2*24 + 16
	for _, s := range r.names {
		dictionaries += stringHeader + len(s)
	}
	for _, s := range append(slices.Clip(r.files), r.notes...) {
		dictionaries += stringHeader + len(s)
	}
	for _, f := range r.forces {
		dictionaries += forceSize + len(f.Code) + len(f.ShortName) + len(f.Name) + len(f.PoliceUKID) + len(f.Country)
	}
	for _, p := range r.periods {
		dictionaries += periodSize + len(p.Label)
	}
	for _, x := range r.texts {
		dictionaries += 8 + 3*stringHeader + len(x.Raw) + len(x.Problem) + len(x.Footnote)
	}
	return columns, dictionaries
}

// Observations is the number of values the table holds: a value of each
// measure for each row.
func (t *Table) Observations() int { return t.Len() * rowMeasures }
