package report

import (
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

// The groups at the top of the view carry what to do about each kind, the
// same words as the import report and issues.csv give; every error has some.
func TestWarningGroupsSayWhatToDo(t *testing.T) {
	issues := []cube.Issue{
		{File: "a.csv", Line: 4, Severity: cube.Error, Code: "bad-count", Message: "not a count"},
		{File: "a.csv", Line: 9, Severity: cube.Error, Code: "bad-count", Message: "not a count"},
		{File: "b.csv", Line: 2, Severity: cube.Warning, Code: "unmatched-force", Message: "Kent Police HQ matches no force"},
		{File: "b.csv", Line: 3, Severity: cube.Info, Code: "region", Message: "a region"},
	}
	groups := groupIssues(issues)
	if len(groups) != 2 {
		t.Fatalf("%d groups, want the error's and the warning's: %+v", len(groups), groups)
	}
	for _, g := range groups {
		if g.Remedy != cube.Remedy(g.Code) {
			t.Errorf("%s: remedy %q, want cube.Remedy's %q", g.Code, g.Remedy, cube.Remedy(g.Code))
		}
		if g.Severity == cube.Error && g.Remedy == "" {
			t.Errorf("the error group %s says nothing of what to do", g.Code)
		}
	}
	if groups[0].Count != 2 || groups[0].Code != "bad-count" {
		t.Errorf("the first group is %+v, want bad-count twice", groups[0])
	}
}
