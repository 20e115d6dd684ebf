package cube

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/foi-explorer/foi-explorer/stats/police"
	"time"
)

// The stored form of a table, format 2: a magic, the table without its rows
// as JSON, then the rows column by column, each text once in a string table
// and each period once in a period table. Format 1 was the whole table as
// JSON, about 650 bytes a row; this is about 36, and storing and reading
// back 200,000 rows takes about 0.4 s natively (BenchmarkEncodeTable). A
// reload decodes it without parsing the CSV again. Issues stay in the JSON
// part: a file with an issue on every row stores larger.

var ColumnarMagic = []byte("FOIT\x02")

// encodeColumnar writes t in format 2.
func encodeColumnar(t *Table) ([]byte, error) {
	meta := *t
	meta.Rows = nil
	head, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	var w colWriter
	w.strings = map[string]uint64{}
	w.periods = map[Period]uint64{}
	rows := t.Rows
	n := len(rows)
	col := func(f func(r *Row)) {
		for i := range rows {
			f(&rows[i])
		}
	}
	// Each column is gathered in its own buffer; the string and period
	// tables, which every column adds to, are written before them.
	var body bytes.Buffer
	put := func(f func(r *Row)) {
		w.buf.Reset()
		col(f)
		body.Write(w.buf.Bytes())
	}
	put(func(r *Row) { w.uvarint(uint64(r.Line)) })
	put(func(r *Row) { w.str(r.ForceName) })
	put(func(r *Row) { w.buf.WriteByte(rowFlags(r)) })
	put(func(r *Row) {
		if r.Matched {
			w.str(r.Force.Key())
		}
	})
	put(func(r *Row) { w.period(r.Period) })
	put(func(r *Row) { w.count(r.Numerator) })
	put(func(r *Row) { w.count(r.Denominator) })
	put(func(r *Row) { w.str(r.File) })
	put(func(r *Row) { w.period(r.DenominatorPeriod) })
	put(func(r *Row) { w.str(r.Pairing) })
	put(func(r *Row) { w.str(r.Mismatch) })

	var out bytes.Buffer
	out.Write(ColumnarMagic)
	writeUvarint(&out, uint64(len(head)))
	out.Write(head)
	writeUvarint(&out, uint64(n))
	writeUvarint(&out, uint64(len(w.stringList)))
	for _, s := range w.stringList {
		writeUvarint(&out, uint64(len(s)))
		out.WriteString(s)
	}
	writeUvarint(&out, uint64(len(w.periodList)))
	for _, p := range w.periodList {
		out.WriteByte(byte(p.Kind))
		writeTime(&out, p.Start)
		writeTime(&out, p.End)
		writeUvarint(&out, w.strings[p.Label])
	}
	out.Write(body.Bytes())
	return out.Bytes(), nil
}

const (
	flagMatched = 1 << iota
	flagTotal
	flagNumRounded
	flagDenRounded
)

func rowFlags(r *Row) byte {
	var f byte
	if r.Matched {
		f |= flagMatched
	}
	if r.Total {
		f |= flagTotal
	}
	if r.Numerator.Rounded {
		f |= flagNumRounded
	}
	if r.Denominator.Rounded {
		f |= flagDenRounded
	}
	return f
}

type colWriter struct {
	buf        bytes.Buffer
	strings    map[string]uint64
	stringList []string
	periods    map[Period]uint64
	periodList []Period
}

func (w *colWriter) uvarint(v uint64) { writeUvarint(&w.buf, v) }

func (w *colWriter) str(s string) { w.uvarint(w.intern(s)) }

func (w *colWriter) intern(s string) uint64 {
	i, ok := w.strings[s]
	if !ok {
		i = uint64(len(w.stringList))
		w.strings[s] = i
		w.stringList = append(w.stringList, s)
	}
	return i
}

// period writes 0 for the zero Period, else 1 + its index in the table.
func (w *colWriter) period(p Period) {
	if p == (Period{}) {
		w.uvarint(0)
		return
	}
	i, ok := w.periods[p]
	if !ok {
		w.intern(p.Label)
		i = uint64(len(w.periodList))
		w.periods[p] = i
		w.periodList = append(w.periodList, p)
	}
	w.uvarint(i + 1)
}

func (w *colWriter) count(c Count) {
	w.buf.WriteByte(byte(c.Kind))
	writeVarint(&w.buf, c.Low)
	writeVarint(&w.buf, c.High)
	w.str(c.Raw)
	w.str(c.Problem)
	w.str(c.Footnote)
}

// writeTime writes a UTC instant as seconds and nanoseconds (nanoseconds
// alone overflow after 2262, and a period may be written as late as 9999).
func writeTime(b *bytes.Buffer, t time.Time) {
	writeVarint(b, t.Unix())
	writeUvarint(b, uint64(t.Nanosecond()))
}

func writeUvarint(b *bytes.Buffer, v uint64) {
	var tmp [binary.MaxVarintLen64]byte
	b.Write(tmp[:binary.PutUvarint(tmp[:], v)])
}

func writeVarint(b *bytes.Buffer, v int64) {
	var tmp [binary.MaxVarintLen64]byte
	b.Write(tmp[:binary.PutVarint(tmp[:], v)])
}

var errDamaged = errors.New("stored table is damaged")

// decodeColumnar reads format 2.
func decodeColumnar(b []byte) (*Table, error) {
	r := &colReader{b: b[len(ColumnarMagic):]}
	headLen := r.uvarint()
	head := r.bytes(headLen)
	if r.err != nil {
		return nil, r.err
	}
	t := &Table{}
	if err := json.Unmarshal(head, t); err != nil {
		return nil, fmt.Errorf("%w: %v", errDamaged, err)
	}
	n := r.uvarint()
	strs := make([]string, r.count(r.uvarint()))
	for i := range strs {
		strs[i] = string(r.bytes(r.uvarint()))
	}
	r.strings = strs
	periods := make([]Period, r.count(r.uvarint()))
	for i := range periods {
		kind := PeriodKind(r.byte())
		start, end := r.time(), r.time()
		periods[i] = Period{Kind: kind, Start: start, End: end, Label: r.str()}
	}
	r.periods = periods
	rows := make([]Row, r.count(n))
	each := func(f func(row *Row)) {
		for i := range rows {
			if r.err != nil {
				return
			}
			f(&rows[i])
		}
	}
	each(func(row *Row) { row.Line = int(r.uvarint()) })
	each(func(row *Row) { row.ForceName = r.str() })
	flags := make([]byte, len(rows))
	for i := range flags {
		flags[i] = r.byte()
	}
	for i := range rows {
		rows[i].Matched, rows[i].Total = flags[i]&flagMatched != 0, flags[i]&flagTotal != 0
	}
	each(func(row *Row) {
		if row.Matched {
			key := r.str()
			f, ok := police.ForceByKey(key)
			if !ok && r.err == nil {
				r.err = fmt.Errorf("%w: no force has the key %q", errDamaged, key)
			}
			row.Force = f
		}
	})
	each(func(row *Row) { row.Period = r.period() })
	each(func(row *Row) { row.Numerator = r.countValue() })
	each(func(row *Row) { row.Denominator = r.countValue() })
	for i := range rows {
		rows[i].Numerator.Rounded = flags[i]&flagNumRounded != 0
		rows[i].Denominator.Rounded = flags[i]&flagDenRounded != 0
	}
	each(func(row *Row) { row.File = r.str() })
	each(func(row *Row) { row.DenominatorPeriod = r.period() })
	each(func(row *Row) { row.Pairing = r.str() })
	each(func(row *Row) { row.Mismatch = r.str() })
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes left over", errDamaged, len(r.b))
	}
	t.Rows = rows
	return t, nil
}

// colReader reads format 2, remembering the first problem: a damaged store
// gives an error, never a panic or a huge allocation.
type colReader struct {
	b       []byte
	err     error
	strings []string
	periods []Period
}

func (r *colReader) fail() {
	if r.err == nil {
		r.err = errDamaged
	}
	r.b = nil
}

func (r *colReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *colReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *colReader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *colReader) bytes(n uint64) []byte {
	if n > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

// count bounds a length read from the store by the bytes left, each item
// taking at least one.
func (r *colReader) count(n uint64) int {
	if n > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *colReader) time() time.Time {
	sec := r.varint()
	return time.Unix(sec, int64(r.uvarint()%1e9)).UTC()
}

func (r *colReader) str() string {
	i := r.uvarint()
	if i >= uint64(len(r.strings)) {
		r.fail()
		return ""
	}
	return r.strings[i]
}

func (r *colReader) period() Period {
	i := r.uvarint()
	if i == 0 {
		return Period{}
	}
	if i > uint64(len(r.periods)) {
		r.fail()
		return Period{}
	}
	return r.periods[i-1]
}

func (r *colReader) countValue() Count {
	kind := CountKind(r.byte())
	low, high := r.varint(), r.varint()
	return Count{Kind: kind, Low: low, High: high, Raw: r.str(), Problem: r.str(), Footnote: r.str()}
}

// TableFormat is the version of the stored form of a parsed table. Bump it
// when the form changes, and keep DecodeTable able to read every older one.
const TableFormat = 2

type StoredTable struct {
	Format int    `json:"format"`
	Table  *Table `json:"table"`
}

// EncodeTable returns the stored form of a parsed table.
func EncodeTable(t *Table) ([]byte, error) {
	return encodeColumnar(t)
}

// DecodeTable reads the stored form of a parsed table.
func DecodeTable(b []byte) (*Table, error) {
	if bytes.HasPrefix(b, ColumnarMagic) {
		return decodeColumnar(b)
	}
	// Format 1: the whole table as JSON.
	var s StoredTable
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("stored table is damaged: %w", err)
	}
	if s.Format != 1 || s.Table == nil {
		return nil, fmt.Errorf("stored table has format %d; this version reads 1 to %d", s.Format, TableFormat)
	}
	return s.Table, nil
}
