package decode

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// MaxFileSize is the largest file the reader takes whole. Larger files need
// the streaming importer; until then they are refused with a message rather
// than left to exhaust the browser's memory.
const MaxFileSize = 256 << 20

// Text is a file's bytes decoded to UTF-8 with LF line endings, and what the
// decoder found on the way.
type Text struct {
	Text        string
	Encoding    string // "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Windows-1252"
	LineEndings string // "LF", "CRLF", "CR", "mixed" or "none"
	NULs        int    // NUL bytes removed
}

// Errors for files that are not CSV text. Each message says what to do.
var (
	ErrEmpty    = errors.New("the file is empty: check that this is the file you meant (a download that failed is often empty) and add it again")
	ErrTooLarge = fmt.Errorf("the file is larger than %d MB, the most this version reads at once; split it into smaller files", MaxFileSize>>20)
	ErrXLSX     = errors.New("this is an Excel workbook (.xlsx) or another zip file, not CSV: open it in your spreadsheet program and save it as \"CSV UTF-8\"")
	ErrXLS      = errors.New("this is an old Excel workbook (.xls), not CSV: open it in your spreadsheet program and save it as \"CSV UTF-8\"")
	ErrPDF      = errors.New("this is a PDF, not CSV: copy the table into a spreadsheet and save it as \"CSV UTF-8\"")
	ErrHTML     = errors.New("this is a web page (HTML), not CSV: save the table from your browser or spreadsheet as \"CSV UTF-8\"")
	ErrBinary   = errors.New("this file is not text: it may be a picture, a document or a database file renamed .csv; save the data as \"CSV UTF-8\"")
)

// fileSignatures are the first bytes of formats that people rename to .csv.
var fileSignatures = []struct {
	prefix []byte
	err    error
}{
	{[]byte("PK\x03\x04"), ErrXLSX},
	{[]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), ErrXLS},
	{[]byte("%PDF-"), ErrPDF},
	{[]byte("\x89PNG"), ErrBinary},
	{[]byte("\xFF\xD8\xFF"), ErrBinary}, // JPEG
	{[]byte("GIF8"), ErrBinary},
	{[]byte("\x1F\x8B"), ErrBinary}, // gzip
}

// DecodeText turns a file's bytes into UTF-8 text. It reads a byte-order mark
// (UTF-8, UTF-16 LE or BE), recognises UTF-16 without one by its NUL bytes,
// takes valid UTF-8 as UTF-8 and anything else as Windows-1252 (which Excel
// writes on Windows, and which covers Latin-1). It removes NUL bytes and turns
// CRLF and CR-only line endings into LF. Files of another kind (a workbook, a
// PDF, a picture) give an error that says what to do.
func DecodeText(data []byte) (Text, error) { return decodeText(data, false) }

// DecodeOwned is DecodeText for bytes that nothing else holds or changes:
// UTF-8 text is then the bytes themselves, not a copy, which for a large
// file is as much memory again as the file.
func DecodeOwned(data []byte) (Text, error) { return decodeText(data, true) }

func decodeText(data []byte, owned bool) (Text, error) {
	if len(data) > MaxFileSize {
		return Text{}, ErrTooLarge
	}
	if len(bytes.TrimSpace(bytes.Trim(data, "\x00"))) == 0 {
		return Text{}, ErrEmpty
	}
	for _, sig := range fileSignatures {
		if bytes.HasPrefix(data, sig.prefix) {
			return Text{}, sig.err
		}
	}
	t, err := decodeEncoding(data, owned)
	if err != nil {
		return Text{}, err
	}
	if looksLikeHTML(t.Text) {
		return Text{}, ErrHTML
	}
	if isBinary(t.Text) {
		return Text{}, ErrBinary
	}
	// IndexByte first: a file with no NUL, nearly every one, is then gone
	// through once, not counted (in wasm each pass over 20 MB is tens of
	// milliseconds).
	if strings.IndexByte(t.Text, 0) >= 0 {
		t.NULs = strings.Count(t.Text, "\x00")
	}
	if t.NULs > 0 {
		t.Text = strings.ReplaceAll(t.Text, "\x00", "")
	}
	t.Text, t.LineEndings = normaliseLineEndings(t.Text)
	return t, nil
}

func decodeEncoding(data []byte, owned bool) (Text, error) {
	text := func(b []byte) string {
		if owned {
			// The bytes are never changed after this (sourceOf's contract),
			// and the fields encoding/csv makes of the text are copies.
			return unsafe.String(unsafe.SliceData(b), len(b))
		}
		return string(b)
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return Text{Text: text(data[3:]), Encoding: "UTF-8 with BOM"}, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(data, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16LE")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(data, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16BE")
	}
	if order, ok := utf16WithoutBOM(data); ok {
		return decodeWith(data, unicode.UTF16(order, unicode.IgnoreBOM), "UTF-16"+map[unicode.Endianness]string{unicode.LittleEndian: "LE", unicode.BigEndian: "BE"}[order])
	}
	if utf8.Valid(data) {
		return Text{Text: text(data), Encoding: "UTF-8"}, nil
	}
	return decodeWith(data, charmap.Windows1252, "Windows-1252")
}

func decodeWith(data []byte, enc encoding.Encoding, name string) (Text, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return Text{}, fmt.Errorf("the file could not be read as %s: %w", name, err)
	}
	return Text{Text: string(out), Encoding: name}, nil
}

// utf16WithoutBOM recognises UTF-16 text without a byte-order mark: in text
// that is mostly ASCII, every other byte is NUL.
func utf16WithoutBOM(data []byte) (unicode.Endianness, bool) {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return unicode.BigEndian, false
	}
	var evenNUL, oddNUL int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			evenNUL++
		}
		if data[i+1] == 0 {
			oddNUL++
		}
	}
	pairs := n / 2
	switch {
	case oddNUL*10 >= pairs*9 && evenNUL*10 < pairs:
		return unicode.LittleEndian, true
	case evenNUL*10 >= pairs*9 && oddNUL*10 < pairs:
		return unicode.BigEndian, true
	}
	return unicode.BigEndian, false
}

func looksLikeHTML(s string) bool {
	head := strings.ToLower(strings.TrimSpace(s[:min(len(s), 512)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		(strings.HasPrefix(head, "<?xml") && strings.Contains(head, "<html"))
}

// isBinary reports whether text holds too many control characters (NUL
// included; tab, line breaks, vertical tab and form feed excluded) to be a
// table: more than 5 in 100 of the first 64 KiB, or 20 in 100 of a sample
// under 512 characters, where one stray character weighs more. Random bytes
// read as Windows-1252 give about 11 in 100.
func isBinary(s string) bool {
	sample := s[:min(len(s), 64<<10)]
	var control, total int
	for _, r := range sample {
		total++
		if (r < 0x20 && !strings.ContainsRune("\t\r\n\v\f", r)) || r == utf8.RuneError {
			control++
		}
	}
	limit := 5
	if total < 512 {
		limit = 20
	}
	return total > 0 && control*100 > total*limit
}

// normaliseLineEndings turns CRLF and lone CR into LF and says which it found.
func normaliseLineEndings(s string) (string, string) {
	if strings.IndexByte(s, '\r') < 0 {
		// Only whether each kind is there matters for the name: a file with
		// no carriage return is not counted three times over.
		if strings.IndexByte(s, '\n') >= 0 {
			return s, "LF"
		}
		return s, "none"
	}
	crlf := strings.Count(s, "\r\n")
	cr := strings.Count(s, "\r") - crlf
	lf := strings.Count(s, "\n") - crlf
	kinds := 0
	name := "none"
	for _, k := range []struct {
		n    int
		name string
	}{{lf, "LF"}, {crlf, "CRLF"}, {cr, "CR"}} {
		if k.n > 0 {
			kinds++
			name = k.name
		}
	}
	if kinds > 1 {
		name = "mixed"
	}
	if crlf > 0 || cr > 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s, name
}
