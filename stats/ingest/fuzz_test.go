package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
	"github.com/foi-explorer/foi-explorer/stats/police"
)

// The fuzz targets below check properties, not examples: user data must never
// cause a panic, and whatever is accepted must be self-consistent. Seeds live
// in testdata/fuzz/<FuzzName>/ in Go's corpus format; FuzzReadTable also
// starts from every fixture in testdata/*.csv and testdata/structure/*.csv.

// FuzzReadTable: ReadTable never panics; it either fails with a *ParseError
// naming the file, or returns rows that are placed (a force name and a
// period), unique by force and period, in file order, with every issue about a
// row carrying its line.
func FuzzReadTable(f *testing.F) {
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	structure, _ := filepath.Glob(filepath.Join("testdata", "structure", "*.csv"))
	fixtures = append(fixtures, structure...)
	for _, path := range fixtures {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "fuzz.csv"
		table, err := ReadTable(file, bytes.NewReader(data))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != file || pe.Err == nil || pe.Line < 0 || pe.Column < 0 {
				t.Fatalf("ReadTable error %#v: want a *ParseError naming %s", err, file)
			}
			if table != nil {
				t.Errorf("ReadTable returned a table and an error")
			}
			return
		}
		// An upper bound on the file's lines: the reader also breaks lines at
		// a lone CR (old Mac files), and every line break of the decoded text
		// (UTF-8, UTF-16 or Windows-1252) holds a raw CR or LF byte.
		lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) + 1
		if table.File != file || len(table.Header) == 0 {
			t.Errorf("ReadTable: File %q, Header %q", table.File, table.Header)
		}
		// A wide table (a column per period or per force) becomes several
		// rows per line of the file, and has no column per role.
		wide := slices.ContainsFunc(table.Issues, func(is cube.Issue) bool { return is.Code == "wide-table" })
		// A file without a header row has its columns judged by what they
		// hold, and numbered; a police.uk file's are its layout's.
		headerless := slices.ContainsFunc(table.Issues, func(is cube.Issue) bool {
			return is.Code == "no-header" || is.Code == "columns-by-content" || is.Code == "police-uk"
		})
		for _, role := range requiredRoles {
			if wide || headerless {
				break
			}
			c := table.Columns.Column(role)
			optional := role == cube.RoleNumerator || role == cube.RoleDenominator
			if c < 0 && optional {
				continue
			}
			guessed := hasIssue(table.Issues, table.Health.HeaderLine, c+1, "guessed-column")
			if c < 0 || c >= len(table.Header) || (HeaderRole(table.Header[c]) != role && !guessed) {
				t.Errorf("ReadTable: %s column %d in header %q", role, c, table.Header)
			}
		}
		if !wide && table.Columns.Numerator < 0 && table.Columns.Denominator < 0 {
			t.Errorf("ReadTable: no measure column in header %q", table.Header)
		}
		for _, is := range table.Issues {
			if is.Line == 0 && is.Column == 0 && is.File == file && is.Code == "nul-bytes" {
				continue // about the whole file, not one place in it
			}
			if is.File != file || is.Line < 1 || is.Line > lines || is.Column < 1 || is.Code == "" || is.Message == "" {
				t.Errorf("ReadTable: issue %+v: want the file, a line in 1..%d, a column, a code and a message", is, lines)
			}
			if is.Severity != cube.Error && is.Severity != cube.Warning && is.Severity != cube.Info {
				t.Errorf("ReadTable: issue %+v has an unknown severity", is)
			}
		}
		type key struct{ force, period string }
		seen := map[key]bool{}
		prevLine := table.Health.HeaderLine // 0 when there is no header row
		for _, row := range table.All() {
			if row.Period.IsZero() || row.Period.Label == "" {
				t.Errorf("ReadTable: row on line %d has no period: %+v", row.Line, row)
			}
			if row.ForceName == "" || row.ForceName != strings.TrimSpace(row.ForceName) {
				t.Errorf("ReadTable: row on line %d has force name %q", row.Line, row.ForceName)
			}
			if wide && (row.Line <= table.Health.HeaderLine || row.Line > lines) {
				t.Errorf("ReadTable: row on line %d, below a header on line %d, in a file of %d lines", row.Line, table.Health.HeaderLine, lines)
			}
			if !wide && (row.Line <= prevLine || row.Line > lines) {
				t.Errorf("ReadTable: row on line %d after line %d, in a file of %d lines", row.Line, prevLine, lines)
			}
			prevLine = row.Line
			if g, ok := police.MatchForce(row.ForceName); ok != row.Matched || g != row.Force {
				t.Errorf("ReadTable: row on line %d: %q matched %v %q, MatchForce says %v %q",
					row.Line, row.ForceName, row.Matched, row.Force.Key(), ok, g.Key())
			}
			k := key{cube.ForceKey(row), row.Period.Label}
			if seen[k] {
				t.Errorf("ReadTable: %s, %s appears twice in Rows", row.ForceName, row.Period.Label)
			}
			seen[k] = true
			for _, cnt := range []struct {
				c   cube.Count
				col int
			}{{row.Numerator, table.Columns.Numerator}, {row.Denominator, table.Columns.Denominator}} {
				switch cnt.c.Kind {
				case cube.CountExact:
					if cnt.c.Low < 0 || cnt.c.Low > cube.MaxCount {
						t.Errorf("ReadTable: row on line %d has count %d", row.Line, cnt.c.Low)
					}
				case cube.CountInvalid:
					col := cnt.col + 1
					if wide {
						col = 0 // each value has its own column: any on the line
					}
					if !hasIssue(table.Issues, row.Line, col, "bad-count") {
						t.Errorf("ReadTable: row on line %d has invalid count %q and no bad-count issue at column %d: %+v",
							row.Line, cnt.c.Raw, cnt.col+1, table.Issues)
					}
				}
			}
			forceCol := table.Columns.Force + 1
			if wide {
				forceCol = 0
			}
			if !row.Matched && !hasIssue(table.Issues, row.Line, forceCol, "unmatched-force") &&
				!hasIssue(table.Issues, row.Line, forceCol, "total-row") &&
				!hasIssue(table.Issues, row.Line, forceCol, "region-row") &&
				!hasIssue(table.Issues, row.Line, forceCol, "total-by-sum") &&
				!hasIssue(table.Issues, row.Line, forceCol, "combined-area") {
				t.Errorf("ReadTable: row on line %d: %q matched no force and was not reported", row.Line, row.ForceName)
			}
		}
	})
}

// hasIssue reports an issue of the code at the line and column; column 0
// means any column of the line.
func hasIssue(issues []cube.Issue, line, column int, code string) bool {
	for _, is := range issues {
		if is.Line == line && (column == 0 || is.Column == column) && is.Code == code {
			return true
		}
	}
	return false
}
