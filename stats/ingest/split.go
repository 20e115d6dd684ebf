package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The fast path of splitting a file into records.
//
// Why not encoding/csv for every file: a long file is gone through three
// times (scan, the categories' look, the rows), and encoding/csv copies
// every line into a buffer and every cell into a new string, about a
// quarter of the time of reading the benchmark's 20 MB file natively and
// more in wasm. A file with no quote mark, and no carriage return except
// before a newline, has no quoted cell, no newline inside a cell and no
// quoting error: its records are its lines and its cells what lies between
// delimiters, so they can be sliced out of the text without a copy. Every
// other file is split by encoding/csv, as before. TestSplitIsEncodingCSV
// holds the two to the same records and lines, on random and corpus
// files.
//
// Each record's cells share one copy of its line, as encoding/csv's share
// one string of the record: a cell kept beyond the read (a name in the
// table's dictionary, a header) holds its line, never the whole file.

// plainSplit says whether text can be split by splitPlain: no quote mark,
// and every carriage return is followed by a newline.
func plainSplit(text string) bool {
	if strings.IndexByte(text, '"') >= 0 {
		return false
	}
	if strings.IndexByte(text, '\r') < 0 {
		return true // decoded text has none: its line endings are made LF
	}
	return strings.Count(text, "\r") == strings.Count(text, "\r\n")
}

// splitPlain calls fn with each record of text (empty lines skipped, as
// encoding/csv skips them), split as encoding/csv splits it with
// TrimLeadingSpace and any number of fields, with the line it is on and the
// offset after it, until fn returns false. rec is reused for the next
// record. With copyLines unset the cells are slices of text itself, for a
// caller that keeps none of them (or copies what it keeps): a copy of each
// line is an allocation a row, in every pass over the file.
func splitPlain(text string, delim rune, copyLines bool, fn func(rec []string, line, offset int) bool) {
	var rec []string
	lineNo := 0
	for pos := 0; pos < len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		next := len(text)
		if end >= 0 {
			end += pos
			next = end + 1
		} else {
			end = len(text)
		}
		line := strings.TrimSuffix(text[pos:end], "\r")
		pos = next
		lineNo++
		if line == "" {
			continue
		}
		if copyLines {
			line = strings.Clone(line)
		}
		rec = splitLine(rec[:0], line, delim)
		if !fn(rec, lineNo, pos) {
			return
		}
	}
}

// splitLine appends the cells of one line to rec. As encoding/csv's
// TrimLeadingSpace does, the white space at the start of each cell is
// skipped over the rest of the line: with a delimiter that is itself white
// space (a tab), the delimiters after it go too.
func splitLine(rec []string, line string, delim rune) []string {
	for {
		line = trimLeadingSpace(line)
		i := indexDelim(line, delim)
		if i < 0 {
			return append(rec, line)
		}
		rec = append(rec, line[:i])
		line = line[i+utf8.RuneLen(delim):]
	}
}

func indexDelim(s string, delim rune) int {
	if delim < utf8.RuneSelf {
		return strings.IndexByte(s, byte(delim))
	}
	return strings.IndexRune(s, delim)
}

// trimLeadingSpace is s without its leading white space (unicode.IsSpace),
// without decoding a rune while the bytes are plain ASCII letters.
func trimLeadingSpace(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] == 0 {
				return s[i:]
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return s[i:]
		}
		i += size
	}
	return ""
}

// asciiSpace marks the ASCII bytes unicode.IsSpace holds to be white space.
var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}
