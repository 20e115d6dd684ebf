package decode

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeText: any bytes either decode to UTF-8 text with LF line endings
// and no NUL, or give one of the errors that say what the file is.
func FuzzDecodeText(f *testing.F) {
	for _, seed := range []string{
		"a,b\n1,2\n", "\xEF\xBB\xBFa,b\r\n", "\xFF\xFEa\x00,\x00b\x00", "\xFE\xFF\x00a\x00,", "caf\xE9,\xA3\r1,2\r",
		"a\x00,\x00b\x00\n\x00", "PK\x03\x04", "%PDF-1.4", "<!doctype html><html>", "\x00\x00\x00", "a;b|c\td",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := DecodeText(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		if !utf8.ValidString(text.Text) && text.Encoding != "UTF-8" && text.Encoding != "UTF-8 with BOM" {
			t.Errorf("%s text is not valid UTF-8", text.Encoding)
		}
		if strings.ContainsAny(text.Text, "\r\x00") {
			t.Errorf("decoded text still holds CR or NUL: %q", text.Text)
		}
		d := SniffDelimiter(text.Text)
		if !strings.ContainsRune(",;\t|", d) {
			t.Errorf("SniffDelimiter chose %q", d)
		}
	})
}
