package decode

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// FuzzSniffDelimiter: whatever the text, the sniffer answers with one of the
// delimiters it knows, and never panics; a table of plain cells written with
// a known delimiter, the same number on every line, is sniffed as that
// delimiter.
func FuzzSniffDelimiter(f *testing.F) {
	f.Add("Force,Year,Missing\nKent,2016,7\n", "Kent 2016 7|Derbyshire 2017 5", uint8(0))
	f.Add("a;b\n\"x;y\",1\n", "Avon and Somerset;x", uint8(1))
	f.Add("\t\t\n", "a b c", uint8(2))
	f.Fuzz(func(t *testing.T, text, cells string, pick uint8) {
		if d := SniffDelimiter(text); !slices.Contains(Delimiters, d) {
			t.Fatalf("SniffDelimiter(%q) = %q, not a known delimiter", text, d)
		}
		delim := Delimiters[int(pick)%len(Delimiters)]
		words := strings.FieldsFunc(cells, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(words) < 2 {
			return
		}
		width := min(len(words), 6)
		var b strings.Builder
		for line := range 4 {
			for c := range width {
				if c > 0 {
					b.WriteRune(delim)
				}
				b.WriteString(words[(line*width+c)%len(words)])
			}
			b.WriteByte('\n')
		}
		if got := SniffDelimiter(b.String()); got != delim {
			t.Fatalf("a table written with %q was sniffed as %q:\n%s", delim, got, b.String())
		}
	})
}
