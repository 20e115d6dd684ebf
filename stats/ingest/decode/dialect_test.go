package decode

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
)

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		name string
		text string
		want rune
	}{
		{"comma", "a,b,c\n1,2,3\n4,5,6\n", ','},
		{"semicolon with decimal commas", "a;b;c\n1,5;2,5;3\n4;5,25;6\n", ';'},
		{"tab", "a\tb\tc\n1\t2\t3\n", '\t'},
		{"pipe", "a|b|c\n1|2|3\n", '|'},
		{"commas inside quotes do not count", "\"Devon, Cornwall\";2;3\n\"a, b, c\";5;6\n", ';'},
		{"title row above", "Registered sex offenders, by force\nForce;Year;Missing\nKent;2018;4\nEssex;2018;3\n", ';'},
		{"one column", "force\nKent\nEssex\n", ','},
		{"quoted line break", "\"a\nb\",c\n1,2\n", ','},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SniffDelimiter(tt.text); got != tt.want {
				t.Errorf("SniffDelimiter = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSniffDelimiterCorpus(t *testing.T) {
	root := testfiles.Corpus(t, "csv-edge-cases", "messytables")
	for file, want := range map[string]rune{"example.tsv": '\t', "simple.psv": '|', "simple.ssv": ';', "simple.csv": ',', "weird_head_padding.csv": ';'} {
		t.Run(file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(root, file))
			if err != nil {
				t.Fatal(err)
			}
			text, err := DecodeText(b)
			if err != nil {
				t.Fatal(err)
			}
			if got := SniffDelimiter(text.Text); got != want {
				t.Errorf("SniffDelimiter = %q, want %q", got, want)
			}
		})
	}
}
