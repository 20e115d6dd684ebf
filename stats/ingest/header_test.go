package ingest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/foi-explorer/foi-explorer/stats/cube"
)

func TestHeaderRole(t *testing.T) {
	tests := []struct {
		header string
		role   cube.Role
	}{
		// Force.
		{"force", cube.RoleForce},
		{"Force", cube.RoleForce},
		{"Police force", cube.RoleForce},
		{"police_force", cube.RoleForce},
		{"Force name", cube.RoleForce},
		{"FORCE AREA", cube.RoleForce},
		{"Police Force Area", cube.RoleForce},
		{"police-force-area", cube.RoleForce},
		{"Area", cube.RoleForce},
		{" Force ", cube.RoleForce},
		{`"Force"`, cube.RoleForce},
		// Period.
		{"Year", cube.RolePeriod},
		{"year", cube.RolePeriod},
		{"Period", cube.RolePeriod},
		{"Date", cube.RolePeriod},
		{"As at", cube.RolePeriod},
		{"As-at", cube.RolePeriod},
		{"as_at", cube.RolePeriod},
		{"Financial year", cube.RolePeriod},
		{"FinancialYear", cube.RolePeriod},
		// Numerator.
		{"Missing", cube.RoleNumerator},
		{"Whereabouts unknown", cube.RoleNumerator},
		{"Whereabouts Unknown", cube.RoleNumerator},
		{"Wanted/missing", cube.RoleNumerator},
		{"Wanted / Missing", cube.RoleNumerator},
		{"wanted_missing", cube.RoleNumerator},
		{"Number missing", cube.RoleNumerator},
		{"Number Missing:", cube.RoleNumerator},
		// Denominator.
		{"Registered", cube.RoleDenominator},
		{"Registered offenders", cube.RoleDenominator},
		{"Registered sex offenders", cube.RoleDenominator},
		{"Registered Sex Offenders", cube.RoleDenominator},
		{"RSOs", cube.RoleDenominator},
		{"rsos", cube.RoleDenominator},
		{"RSO's", cube.RoleDenominator},
		{"Total registered", cube.RoleDenominator},
		{"Total Registered.", cube.RoleDenominator},
		// Not recognised.
		{"", cube.RoleNone},
		{"Notes", cube.RoleNone},
		{"Constabulary", cube.RoleNone},
		{"When", cube.RoleNone},
		{"Total", cube.RoleNone},
		{"Number", cube.RoleNone},
		{"Missing persons reported", cube.RoleNone},
		{"Registered sex offenders (RSOs)", cube.RoleDenominator}, // a bracketed note is ignored
		{"Missing [note 3]", cube.RoleNumerator},
		{"(note) Missing", cube.RoleNone},
		{"Forces", cube.RoleNone},
		{"Years", cube.RoleNone},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			if got := HeaderRole(tt.header); got != tt.role {
				t.Errorf("HeaderRole(%q) = %q, want %q", tt.header, got, tt.role)
			}
		})
	}
}

// Every synonym listed in the documentation table is recognised as written.
func TestHeaderSynonymsAllRecognised(t *testing.T) {
	want := map[cube.Role][]string{
		cube.RoleForce:       {"force", "police force", "force name", "force area", "police force area", "area"},
		cube.RolePeriod:      {"year", "period", "date", "as at", "financial year"},
		cube.RoleNumerator:   {"missing", "whereabouts unknown", "wanted/missing", "number missing"},
		cube.RoleDenominator: {"registered", "registered offenders", "registered sex offenders", "RSOs", "total registered"},
	}
	for role, names := range want {
		for _, name := range names {
			if got := HeaderRole(name); got != role {
				t.Errorf("HeaderRole(%q) = %q, want %q", name, got, role)
			}
			if !slices.Contains(headerSynonyms[role], name) {
				t.Errorf("headerSynonyms[%s] lacks %q, so an error message would not list it", role, name)
			}
		}
	}
}

func TestMapColumns(t *testing.T) {
	tests := []struct {
		name       string
		header     []string
		want       cube.ColumnMap
		duplicates []int
		missing    []cube.Role // nil when the header is recognised
	}{
		{
			name:   "in the usual order",
			header: []string{"Force", "Year", "Missing", "Registered"},
			want:   cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
		},
		{
			name:   "reordered, with extra columns",
			header: []string{"Notes", "RSOs", "As at", "Police force area", "Whereabouts unknown"},
			want:   cube.ColumnMap{Force: 3, Period: 2, Numerator: 4, Denominator: 1},
		},
		{
			name:       "a second force column is a duplicate",
			header:     []string{"Force", "Year", "Missing", "Registered", "Area"},
			want:       cube.ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
			duplicates: []int{4},
		},
		{
			name:       "duplicates of two roles",
			header:     []string{"Date", "Force", "Year", "Missing", "Wanted/missing", "Registered"},
			want:       cube.ColumnMap{Force: 1, Period: 0, Numerator: 3, Denominator: 5},
			duplicates: []int{2, 4},
		},
		{
			// A file of one measure is read; Combine pairs it with another.
			name:   "numerator missing",
			header: []string{"Force", "Year", "Lost", "Registered"},
			want:   cube.ColumnMap{Force: 0, Period: 1, Numerator: -1, Denominator: 3},
		},
		{
			name:    "no measure at all",
			header:  []string{"Force", "Year", "Lost"},
			want:    cube.ColumnMap{Force: 0, Period: 1, Numerator: -1, Denominator: -1},
			missing: []cube.Role{cube.RoleNumerator, cube.RoleDenominator},
		},
		{
			name:    "nothing recognised",
			header:  []string{"Constabulary", "When", "Lost", "Total"},
			want:    cube.ColumnMap{Force: -1, Period: -1, Numerator: -1, Denominator: -1},
			missing: []cube.Role{cube.RoleForce, cube.RolePeriod, cube.RoleNumerator, cube.RoleDenominator},
		},
		{
			name:    "no header at all",
			header:  nil,
			want:    cube.ColumnMap{Force: -1, Period: -1, Numerator: -1, Denominator: -1},
			missing: []cube.Role{cube.RoleForce, cube.RolePeriod, cube.RoleNumerator, cube.RoleDenominator},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, dups, err := MapColumns(tt.header)
			if got != tt.want {
				t.Errorf("MapColumns(%q) = %+v, want %+v", tt.header, got, tt.want)
			}
			if !slices.Equal(dups, tt.duplicates) {
				t.Errorf("MapColumns(%q) duplicates %v, want %v", tt.header, dups, tt.duplicates)
			}
			if tt.missing == nil {
				if err != nil {
					t.Errorf("MapColumns(%q): %v", tt.header, err)
				}
				return
			}
			var he *HeaderError
			if !errors.As(err, &he) {
				t.Fatalf("MapColumns(%q) error %v, want a *HeaderError", tt.header, err)
			}
			if !slices.Equal(he.Missing, tt.missing) || !slices.Equal(he.Found, tt.header) {
				t.Errorf("HeaderError{Found: %q, Missing: %v}, want %q, %v", he.Found, he.Missing, tt.header, tt.missing)
			}
			for _, r := range requiredRoles {
				if (got.Column(r) >= 0) == slices.Contains(tt.missing, r) {
					t.Errorf("Column(%s) = %d with missing %v", r, got.Column(r), tt.missing)
				}
			}
		})
	}
}

// The message lists the headers found and, for each missing role, every name
// that would have been recognised, and says what to do.
func TestHeaderErrorMessage(t *testing.T) {
	header := []string{"Constabulary", "When", "Lost", "Total"}
	_, _, err := MapColumns(header)
	if err == nil {
		t.Fatal("MapColumns accepted an unrecognised header")
	}
	msg := err.Error()
	var wants []string
	for _, h := range header {
		wants = append(wants, `"`+h+`"`)
	}
	for _, r := range requiredRoles {
		wants = append(wants, "A "+r.String()+" column may be named")
		for _, name := range headerSynonyms[r] {
			wants = append(wants, `"`+name+`"`)
		}
	}
	wants = append(wants, "no column for force, period, numerator, denominator", "Rename the columns, or map them by hand")
	for _, want := range wants {
		if !strings.Contains(msg, want) {
			t.Errorf("error message lacks %s:\n%s", want, msg)
		}
	}

	// Only the missing roles are explained.
	_, _, err = MapColumns([]string{"Force", "Year", "Lost"})
	msg = err.Error()
	if !strings.Contains(msg, "no column for numerator, denominator.") || strings.Contains(msg, "A force column") ||
		!strings.Contains(msg, `"whereabouts unknown"`) || !strings.Contains(msg, `Headers found: "Force", "Year", "Lost".`) {
		t.Errorf("message for missing measures:\n%s", msg)
	}

	// An empty header row says so rather than listing nothing.
	_, _, err = MapColumns(nil)
	if msg := err.Error(); !strings.Contains(msg, "Headers found: none.") {
		t.Errorf("message for no headers:\n%s", msg)
	}
}

func TestRoleString(t *testing.T) {
	tests := []struct {
		role cube.Role
		want string
	}{
		{cube.RoleNone, ""}, {cube.RoleForce, "force"}, {cube.RolePeriod, "period"}, {cube.RoleNumerator, "numerator"}, {cube.RoleDenominator, "denominator"},
	}
	for _, tt := range tests {
		if got := tt.role.String(); got != tt.want {
			t.Errorf("Role(%d).String() = %q, want %q", tt.role, got, tt.want)
		}
	}
}
