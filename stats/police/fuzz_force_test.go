package police

import (
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/internal/testfiles"
)

// FuzzMatchForce: a name matches one force of the table or none; the matched
// force's own code, names and id match it back; ASCII case, surrounding
// punctuation and "&" for "and" do not change the match.
func FuzzMatchForce(f *testing.F) {
	table := Forces()
	f.Fuzz(func(t *testing.T, name string) {
		force, ok := MatchForce(name)
		if !ok {
			if force != (Force{}) {
				t.Errorf("MatchForce(%q) = %+v, false; want the zero Force", name, force)
			}
			return
		}
		inTable := false
		for _, g := range table {
			inTable = inTable || g == force
		}
		if !inTable || force.Key() == "" {
			t.Fatalf("MatchForce(%q) = %+v, not a force of the table", name, force)
		}
		for _, id := range []string{force.Code, force.ShortName, force.Name, force.PoliceUKID} {
			if id == "" {
				continue
			}
			if g, _ := MatchForce(id); g != force {
				t.Errorf("MatchForce(%q) = %s, but MatchForce(%q) = %q", name, force.Key(), id, g.Key())
			}
		}
		variants := []string{
			testfiles.SwapASCIICase(name),
			" \t" + name + "  ",
			strings.ReplaceAll(name, " and ", " & "),
			strings.ReplaceAll(name, "&", " and "),
		}
		// A footnote marker is recognised only where it ends the name
		// ("Derbyshire1"), so punctuation around the name is ignored only
		// when the name matched without setting a marker aside.
		if _, _, marker := matchForceFootnote(name); marker == "" {
			variants = append(variants, " ("+name+") ", "\t\""+name+"\".")
		}
		for _, variant := range variants {
			if g, _ := MatchForce(variant); g != force {
				t.Errorf("MatchForce(%q) = %s, but MatchForce(%q) = %q", name, force.Key(), variant, g.Key())
			}
		}
	})
}
