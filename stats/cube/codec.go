package cube

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/police"
)

// TableFormat is the version of the stored form of a parsed table. Bump it
// when the form changes, and keep DecodeTable able to read every older one:
//   - 1 (to 0.5): the whole table as JSON, about 650 bytes a row;
//   - 2 (0.6, 0.7): the rows column by column with a string table, about 36;
//   - 3: the table's own columns (records.go) written as they are held: each
//     dictionary once, then each column, values as varints, so that a
//     reload reads the columns back without building a row.
const TableFormat = 3

var format3Magic = []byte("FOIT\x03")

// EncodeTable returns the stored form of a parsed table (format 3): a magic,
// the table without its rows as JSON (the file, header, issues, health), the
// dictionaries, then the columns.
//
// The bytes are appended to one slice sized for the whole form at the start,
// each column by a loop of its own: through a bytes.Buffer, a write and a
// closure call a varint, growing by doubling, the encoding of a
// 500,000-row table was most of the time of storing it in wasm.
func EncodeTable(t *Table) ([]byte, error) {
	head, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	r := &t.recs
	n := len(r.line)
	// About 20 bytes a row (ids, flags, line, two values): a little more is
	// cheaper than a second copy of the whole.
	b := make([]byte, 0, len(format3Magic)+binary.MaxVarintLen64+len(head)+1024+32*n+64*(len(r.names)+len(r.periods)+len(r.texts)))
	b = append(b, format3Magic...)
	b = binary.AppendUvarint(b, uint64(len(head)))
	b = append(b, head...)
	strs := func(list []string) {
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, s := range list {
			b = appendString(b, s)
		}
	}
	strs(r.names)
	b = binary.AppendUvarint(b, uint64(len(r.forces)))
	for _, f := range r.forces {
		for _, s := range []string{f.Code, f.ShortName, f.Name, f.PoliceUKID, f.Country} {
			b = appendString(b, s)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(r.periods)))
	for _, p := range r.periods {
		b = append(b, byte(p.Kind))
		b = appendTime(b, p.Start)
		b = appendTime(b, p.End)
		b = appendString(b, p.Label)
	}
	strs(r.files)
	strs(r.notes)

	b = binary.AppendUvarint(b, uint64(n))
	b = appendUvarints(b, r.name)
	b = appendUvarints(b, r.force)
	b = append(b, r.flags...)
	b = appendUvarints(b, r.period)
	b = r.file.appendUvarints(b, n)
	b = appendUvarints(b, r.line)
	for m := range r.values {
		v := &r.values[m]
		b = append(b, v.kind...)
		for i := range n {
			b = binary.AppendVarint(b, v.low[i])
			b = binary.AppendVarint(b, v.high[i]-v.low[i])
		}
		b = v.column.appendUvarints(b, n)
	}
	if r.denPeriod == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = appendUvarints(b, r.denPeriod)
		b = appendUvarints(b, r.pairing)
		b = appendUvarints(b, r.mismatch)
	}
	b = binary.AppendUvarint(b, uint64(len(r.texts)))
	for _, k := range sortedKeys(r.texts) {
		x := r.texts[k]
		b = binary.AppendUvarint(b, k)
		b = appendString(b, x.Raw)
		b = appendString(b, x.Problem)
		b = appendString(b, x.Footnote)
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendTime appends a UTC instant as seconds and nanoseconds (nanoseconds
// alone overflow after 2262, and a period may be written as late as 9999).
func appendTime(b []byte, t time.Time) []byte {
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

func appendUvarints[T uint16 | uint32](b []byte, column []T) []byte {
	for _, v := range column {
		b = binary.AppendUvarint(b, uint64(v))
	}
	return b
}

// appendUvarints appends the first n values of the column as varints.
func (c *flat16) appendUvarints(b []byte, n int) []byte {
	if c.all != nil {
		return appendUvarints(b, c.all[:n])
	}
	for range n {
		b = binary.AppendUvarint(b, uint64(c.first))
	}
	return b
}

// DecodeTable reads the stored form of a parsed table, of any format.
func DecodeTable(b []byte) (*Table, error) {
	var t *Table
	var err error
	switch {
	case bytes.HasPrefix(b, format3Magic):
		return decodeFormat3(b)
	case bytes.HasPrefix(b, format2Magic):
		t, err = decodeFormat2(b)
	default:
		t, err = decodeFormat1(b)
	}
	if err == nil && t.Measures == [rowMeasures]string{} {
		// Formats 1 and 2 did not name the measures: name them from the
		// header as a reader of today does. A table combined from several
		// files kept no header of each, and its measures stay unnamed
		// (the words about it are the sex-offender ones, the only topic of
		// those versions; results.csv's measure columns are empty).
		t.Measures = MeasureNames(t.Header, t.Columns)
	}
	return t, err
}

// format1 is a table as format 1 held it: its rows were a field.
type format1 struct {
	Format int `json:"format"`
	Table  *struct {
		Table
		Rows []Row
	} `json:"table"`
}

func decodeFormat1(b []byte) (*Table, error) {
	var s format1
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("stored table is damaged: %w", err)
	}
	if s.Format != 1 || s.Table == nil {
		return nil, fmt.Errorf("stored table has format %d; this version reads 1 to %d", s.Format, TableFormat)
	}
	t := s.Table.Table
	t.SetRows(s.Table.Rows)
	return &t, nil
}

func decodeFormat3(b []byte) (*Table, error) {
	r := &colReader{b: b[len(format3Magic):]}
	head := r.bytes(r.uvarint())
	if r.err != nil {
		return nil, r.err
	}
	t := &Table{}
	if err := json.Unmarshal(head, t); err != nil {
		return nil, fmt.Errorf("%w: %v", errDamaged, err)
	}
	rec := &t.recs
	strs := func() []string {
		out := make([]string, r.count(r.uvarint()))
		for i := range out {
			out[i] = r.string()
		}
		return out
	}
	rec.names = strs()
	rec.forces = make([]police.Force, r.count(r.uvarint()))
	for i := range rec.forces {
		rec.forces[i] = police.Force{Code: r.string(), ShortName: r.string(), Name: r.string(), PoliceUKID: r.string(), Country: r.string()}
	}
	rec.periods = make([]Period, r.count(r.uvarint()))
	for i := range rec.periods {
		kind := PeriodKind(r.byte())
		start, end := r.time(), r.time()
		rec.periods[i] = Period{Kind: kind, Start: start, End: end, Label: r.string()}
	}
	rec.files = strs()
	rec.notes = strs()
	n := r.count(r.uvarint())
	ids := func(limit int) []uint32 {
		out := make([]uint32, n)
		for i := range out {
			v := r.uvarint()
			if v >= uint64(limit) {
				r.fail()
				return out
			}
			out[i] = uint32(v)
		}
		return out
	}
	narrow := func(v []uint32) []uint16 {
		out := make([]uint16, len(v))
		for i, x := range v {
			out[i] = uint16(x)
		}
		return out
	}
	rec.name = ids(len(rec.names))
	rec.force = narrow(ids(min(len(rec.forces), 1<<16)))
	rec.flags = append([]byte(nil), r.bytes(uint64(n))...)
	rec.period = ids(len(rec.periods))
	rec.file = flatOf(ids(min(len(rec.files), 1<<16)))
	rec.line = ids(1 << 32)
	for m := range rec.values {
		v := &rec.values[m]
		v.kind = append([]byte(nil), r.bytes(uint64(n))...)
		v.low, v.high = make([]int64, n), make([]int64, n)
		for i := range n {
			v.low[i] = r.varint()
			v.high[i] = v.low[i] + r.varint()
		}
		v.column = flatOf(ids(1 << 16))
	}
	if r.byte() == 1 {
		rec.denPeriod = ids(len(rec.periods))
		rec.pairing = ids(len(rec.notes))
		rec.mismatch = ids(len(rec.notes))
	}
	if k := r.count(r.uvarint()); k > 0 {
		rec.texts = make(map[uint64]cellText, k)
		for range k {
			key := r.uvarint()
			rec.texts[key] = cellText{Raw: r.string(), Problem: r.string(), Footnote: r.string()}
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if n > 0 && (len(rec.names) == 0 || len(rec.forces) == 0 || len(rec.periods) == 0 || len(rec.files) == 0) {
		return nil, fmt.Errorf("%w: rows without their dictionaries", errDamaged)
	}
	if rec.denPeriod != nil && len(rec.notes) == 0 {
		return nil, fmt.Errorf("%w: pairings without their notes", errDamaged)
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes left over", errDamaged, len(r.b))
	}
	return t, nil
}

// string reads a length and that many bytes as a string.
func (r *colReader) string() string { return string(r.bytes(r.uvarint())) }

func sortedKeys(m map[uint64]cellText) []uint64 {
	keys := slices.Collect(maps.Keys(m))
	slices.Sort(keys)
	return keys
}

func flatOf(v []uint32) flat16 {
	var c flat16
	c.grow = len(v)
	for _, x := range v {
		c.append(uint16(x))
	}
	return c
}
