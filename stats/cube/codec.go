package cube

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

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
func EncodeTable(t *Table) ([]byte, error) {
	head, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	r := &t.recs
	var b bytes.Buffer
	b.Write(format3Magic)
	writeUvarint(&b, uint64(len(head)))
	b.Write(head)
	strs := func(list []string) {
		writeUvarint(&b, uint64(len(list)))
		for _, s := range list {
			writeString(&b, s)
		}
	}
	strs(r.names)
	writeUvarint(&b, uint64(len(r.forces)))
	for _, f := range r.forces {
		for _, s := range []string{f.Code, f.ShortName, f.Name, f.PoliceUKID, f.Country} {
			writeString(&b, s)
		}
	}
	writeUvarint(&b, uint64(len(r.periods)))
	for _, p := range r.periods {
		b.WriteByte(byte(p.Kind))
		writeTime(&b, p.Start)
		writeTime(&b, p.End)
		writeString(&b, p.Label)
	}
	strs(r.files)
	strs(r.notes)

	n := len(r.line)
	writeUvarint(&b, uint64(n))
	uints := func(get func(i int) uint64) {
		for i := range n {
			writeUvarint(&b, get(i))
		}
	}
	uints(func(i int) uint64 { return uint64(r.name[i]) })
	uints(func(i int) uint64 { return uint64(r.force[i]) })
	b.Write(r.flags)
	uints(func(i int) uint64 { return uint64(r.period[i]) })
	uints(func(i int) uint64 { return uint64(r.file.get(i)) })
	uints(func(i int) uint64 { return uint64(r.line[i]) })
	for m := range r.values {
		v := &r.values[m]
		b.Write(v.kind)
		for i := range n {
			writeVarint(&b, v.low[i])
			writeVarint(&b, v.high[i]-v.low[i])
		}
		uints(func(i int) uint64 { return uint64(v.column.get(i)) })
	}
	if r.denPeriod == nil {
		b.WriteByte(0)
	} else {
		b.WriteByte(1)
		uints(func(i int) uint64 { return uint64(r.denPeriod[i]) })
		uints(func(i int) uint64 { return uint64(r.pairing[i]) })
		uints(func(i int) uint64 { return uint64(r.mismatch[i]) })
	}
	writeUvarint(&b, uint64(len(r.texts)))
	for _, k := range sortedKeys(r.texts) {
		x := r.texts[k]
		writeUvarint(&b, k)
		writeString(&b, x.Raw)
		writeString(&b, x.Problem)
		writeString(&b, x.Footnote)
	}
	return b.Bytes(), nil
}

func writeString(b *bytes.Buffer, s string) {
	writeUvarint(b, uint64(len(s)))
	b.WriteString(s)
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
