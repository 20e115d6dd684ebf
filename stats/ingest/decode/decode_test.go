package decode

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
)

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name     string
		in       []byte
		text     string
		encoding string
		endings  string
		nuls     int
	}{
		{"UTF-8", []byte("a,b\n1,2\n"), "a,b\n1,2\n", "UTF-8", "LF", 0},
		{"UTF-8 BOM", []byte("\xEF\xBB\xBFa,b\r\n1,2\r\n"), "a,b\n1,2\n", "UTF-8 with BOM", "CRLF", 0},
		{"UTF-16LE BOM", []byte("\xFF\xFEa\x00,\x00b\x00\n\x00"), "a,b\n", "UTF-16LE", "LF", 0},
		{"UTF-16BE BOM", []byte("\xFE\xFF\x00a\x00,\x00b\x00\n"), "a,b\n", "UTF-16BE", "LF", 0},
		{"UTF-16LE no BOM", []byte("a\x00,\x00b\x00\n\x001\x00,\x002\x00\n\x00"), "a,b\n1,2\n", "UTF-16LE", "LF", 0},
		{"Windows-1252 pound and e-acute", []byte("area,\xA3\ncaf\xE9,1\n"), "area,£\ncafé,1\n", "Windows-1252", "LF", 0},
		{"Windows-1252 curly quote", []byte("name\nO\x92Brien\n"), "name\nO’Brien\n", "Windows-1252", "LF", 0},
		{"CR only", []byte("a,b\r1,2\r"), "a,b\n1,2\n", "UTF-8", "CR", 0},
		{"mixed endings", []byte("a,b\r\n1,2\n3,4\r"), "a,b\n1,2\n3,4\n", "UTF-8", "mixed", 0},
		{"stray NUL removed", []byte("a,b\n1,\x002\n"), "a,b\n1,2\n", "UTF-8", "LF", 1},
		{"one line, no ending", []byte("a,b"), "a,b", "UTF-8", "none", 0},
		{"vertical tab and form feed are text", []byte("\"\t\n\v\f\r start\",b\nd,e\n"), "\"\t\n\v\f\n start\",b\nd,e\n", "UTF-8", "mixed", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeText(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != tt.text || got.Encoding != tt.encoding || got.LineEndings != tt.endings || got.NULs != tt.nuls {
				t.Errorf("DecodeText = %q %s %s NUL=%d; want %q %s %s NUL=%d",
					got.Text, got.Encoding, got.LineEndings, got.NULs, tt.text, tt.encoding, tt.endings, tt.nuls)
			}
		})
	}
}

func TestDecodeTextRefusesWhatIsNotCSV(t *testing.T) {
	random := make([]byte, 4096)
	state := uint32(12345)
	for i := range random {
		state = state*1664525 + 1013904223 // a fixed LCG: the same bytes every run
		random[i] = byte(state >> 24)
	}
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"blank", []byte(" \r\n\t\n"), ErrEmpty},
		{"only NULs", []byte("\x00\x00\x00"), ErrEmpty},
		{"xlsx", []byte("PK\x03\x04\x14\x00\x06\x00[Content_Types].xml"), ErrXLSX},
		{"xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), ErrXLS},
		{"pdf", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), ErrPDF},
		{"png", []byte("\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR"), ErrBinary},
		{"html", []byte("<!DOCTYPE html>\n<html><body><table></table></body></html>"), ErrHTML},
		{"random bytes", random, ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := DecodeText(tt.in); !errors.Is(err, tt.want) {
				t.Errorf("DecodeText error = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestDecodeCorpus reads the real files in ../shared/corpus; it skips when
// the folder is absent (a user's clone) and runs in CI, where it is present.
func TestDecodeCorpus(t *testing.T) {
	root := testfiles.Corpus(t, "csv-edge-cases")
	tests := []struct {
		file, encoding, endings string
	}{
		{"csvkit/test_latin1.csv", "Windows-1252", "LF"},
		{"csvkit/test_utf16_big.csv", "UTF-16BE", "LF"},
		{"csvkit/test_utf16_little.csv", "UTF-16LE", "LF"},
		{"csvkit/test_utf8_bom.csv", "UTF-8 with BOM", "LF"},
		{"csvkit/mac_newlines.csv", "UTF-8", "CR"},
		{"csvkit/test_header_newline.csv", "UTF-8", "mixed"},
		{"csvlint/invalid-byte-sequence.csv", "Windows-1252", "CRLF"},
		{"csvlint/inconsistent-line-endings.csv", "UTF-8", "mixed"},
		{"messytables/utf-16le_encoded.csv", "UTF-16LE", "CRLF"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(root, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := DecodeText(b)
			if err != nil {
				t.Fatal(err)
			}
			if got.Encoding != tt.encoding || got.LineEndings != tt.endings {
				t.Errorf("%s %s, want %s %s", got.Encoding, got.LineEndings, tt.encoding, tt.endings)
			}
		})
	}
}
