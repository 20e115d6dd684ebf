package ingest

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/ingest/decode"
	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
)

// splitBoth splits text both ways, as source.each gives the records: by
// splitPlain and by encoding/csv.
func splitBoth(t *testing.T, text string, delim rune) (plain, csv []string) {
	t.Helper()
	for _, fast := range []bool{true, false} {
		s := source{text: decode.Text{Text: text}, delim: delim, plain: fast}
		var got []string
		err := s.each(0, func(i int, rec []string, line int) bool {
			got = append(got, strings.Join(append([]string{string(rune('0' + i%10)), string(rune('0' + line%10))}, rec...), "\x1f"))
			return true
		}, nil)
		if err != nil {
			if fast {
				t.Fatalf("splitPlain failed: %v", err)
			}
			return plain, []string{"error: " + err.Error()}
		}
		if fast {
			plain = got
			// Without copying the lines (source.walk), the cells are
			// the same.
			var shared []string
			_ = s.walk(0, false, func(i int, rec []string, line int) bool {
				shared = append(shared, strings.Join(append([]string{string(rune('0' + i%10)), string(rune('0' + line%10))}, rec...), "\x1f"))
				return true
			}, nil)
			if !slices.Equal(shared, got) {
				t.Fatalf("%q: walked without copying lines\n%q\nwith copies\n%q", text, shared, got)
			}
		} else {
			csv = got
		}
	}
	return plain, csv
}

// TestSplitIsEncodingCSV: the fast path of splitting gives what
// encoding/csv gives (TrimLeadingSpace, any number of fields, blank records
// skipped): the same records, cells, indexes and lines, for random texts of
// delimiters, white space of every kind, blank lines, CRLF and LF, and
// letters of more than one byte; and for every corpus file it may split.
func TestSplitIsEncodingCSV(t *testing.T) {
	pieces := []string{"a", "Kent", "12", "é", "€", " ", "  ", "\t", "\u00a0", "\u2003", "\v", ",", ",", ";", "|", "\n", "\n", "\r\n", "\n\n", "x y", "-", "0"}
	delims := []rune{',', ';', '\t', '|', '€'}
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 20000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		if !plainSplit(text) {
			t.Fatalf("%q should split plainly", text)
		}
		delim := delims[n%len(delims)]
		plain, csv := splitBoth(t, text, delim)
		if !slices.Equal(plain, csv) {
			t.Fatalf("%q split by %q:\nplain %q\ncsv   %q", text, delim, plain, csv)
		}
	}
	for _, text := range []string{`a,"b"`, "a\rb", "a,b\r", "a\r\r\nb"} {
		if plainSplit(text) {
			t.Errorf("%q must be split by encoding/csv", text)
		}
	}
	root := testfiles.Corpus(t)
	files := 0
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(strings.ToLower(path), ".csv") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		text, err := decode.DecodeText(data)
		if err != nil || !plainSplit(text.Text) {
			return nil
		}
		files++
		delim := decode.SniffDelimiter(text.Text)
		plain, csv := splitBoth(t, text.Text, delim)
		if !slices.Equal(plain, csv) {
			t.Errorf("%s: the fast path splits it otherwise than encoding/csv", path)
		}
		return nil
	})
	if files < 10 {
		t.Errorf("only %d corpus files split plainly: the corpus test is not testing", files)
	}
	t.Logf("%d corpus files split both ways alike", files)
}
