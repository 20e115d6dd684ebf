package cube

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/foi-explorer/foi-explorer/stats/police"
)

// Format 2 of the stored table (written from 0.6 to 0.7): a magic, the table
// without its rows as JSON, then the rows column by column, each text once in
// a string table and each period once in a period table. Only read now:
// DecodeTable upgrades it to format 3 as it reads it.

var format2Magic = []byte("FOIT\x02")

const (
	flagMatched = 1 << iota
	flagTotal
	flagNumRounded
	flagDenRounded
)

var errDamaged = errors.New("stored table is damaged")

// decodeFormat2 reads format 2.
func decodeFormat2(b []byte) (*Table, error) {
	r := &colReader{b: b[len(format2Magic):]}
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
	t.SetRows(rows)
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
