package stats

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestHeaderRole(t *testing.T) {
	tests := []struct {
		header string
		role   Role
	}{
		// Force.
		{"force", RoleForce},
		{"Force", RoleForce},
		{"Police force", RoleForce},
		{"police_force", RoleForce},
		{"Force name", RoleForce},
		{"FORCE AREA", RoleForce},
		{"Police Force Area", RoleForce},
		{"police-force-area", RoleForce},
		{"Area", RoleForce},
		{" Force ", RoleForce},
		{`"Force"`, RoleForce},
		// Period.
		{"Year", RolePeriod},
		{"year", RolePeriod},
		{"Period", RolePeriod},
		{"Date", RolePeriod},
		{"As at", RolePeriod},
		{"As-at", RolePeriod},
		{"as_at", RolePeriod},
		{"Financial year", RolePeriod},
		{"FinancialYear", RolePeriod},
		// Numerator.
		{"Missing", RoleNumerator},
		{"Whereabouts unknown", RoleNumerator},
		{"Whereabouts Unknown", RoleNumerator},
		{"Wanted/missing", RoleNumerator},
		{"Wanted / Missing", RoleNumerator},
		{"wanted_missing", RoleNumerator},
		{"Number missing", RoleNumerator},
		{"Number Missing:", RoleNumerator},
		// Denominator.
		{"Registered", RoleDenominator},
		{"Registered offenders", RoleDenominator},
		{"Registered sex offenders", RoleDenominator},
		{"Registered Sex Offenders", RoleDenominator},
		{"RSOs", RoleDenominator},
		{"rsos", RoleDenominator},
		{"RSO's", RoleDenominator},
		{"Total registered", RoleDenominator},
		{"Total Registered.", RoleDenominator},
		// Not recognised.
		{"", RoleNone},
		{"Notes", RoleNone},
		{"Constabulary", RoleNone},
		{"When", RoleNone},
		{"Total", RoleNone},
		{"Number", RoleNone},
		{"Missing persons reported", RoleNone},
		{"Registered sex offenders (RSOs)", RoleDenominator}, // a bracketed note is ignored
		{"Missing [note 3]", RoleNumerator},
		{"(note) Missing", RoleNone},
		{"Forces", RoleNone},
		{"Years", RoleNone},
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
	want := map[Role][]string{
		RoleForce:       {"force", "police force", "force name", "force area", "police force area", "area"},
		RolePeriod:      {"year", "period", "date", "as at", "financial year"},
		RoleNumerator:   {"missing", "whereabouts unknown", "wanted/missing", "number missing"},
		RoleDenominator: {"registered", "registered offenders", "registered sex offenders", "RSOs", "total registered"},
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
		want       ColumnMap
		duplicates []int
		missing    []Role // nil when the header is recognised
	}{
		{
			name:   "in the usual order",
			header: []string{"Force", "Year", "Missing", "Registered"},
			want:   ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
		},
		{
			name:   "reordered, with extra columns",
			header: []string{"Notes", "RSOs", "As at", "Police force area", "Whereabouts unknown"},
			want:   ColumnMap{Force: 3, Period: 2, Numerator: 4, Denominator: 1},
		},
		{
			name:       "a second force column is a duplicate",
			header:     []string{"Force", "Year", "Missing", "Registered", "Area"},
			want:       ColumnMap{Force: 0, Period: 1, Numerator: 2, Denominator: 3},
			duplicates: []int{4},
		},
		{
			name:       "duplicates of two roles",
			header:     []string{"Date", "Force", "Year", "Missing", "Wanted/missing", "Registered"},
			want:       ColumnMap{Force: 1, Period: 0, Numerator: 3, Denominator: 5},
			duplicates: []int{2, 4},
		},
		{
			// A file of one measure is read; Combine pairs it with another.
			name:   "numerator missing",
			header: []string{"Force", "Year", "Lost", "Registered"},
			want:   ColumnMap{Force: 0, Period: 1, Numerator: -1, Denominator: 3},
		},
		{
			name:    "no measure at all",
			header:  []string{"Force", "Year", "Lost"},
			want:    ColumnMap{Force: 0, Period: 1, Numerator: -1, Denominator: -1},
			missing: []Role{RoleNumerator, RoleDenominator},
		},
		{
			name:    "nothing recognised",
			header:  []string{"Constabulary", "When", "Lost", "Total"},
			want:    ColumnMap{-1, -1, -1, -1},
			missing: []Role{RoleForce, RolePeriod, RoleNumerator, RoleDenominator},
		},
		{
			name:    "no header at all",
			header:  nil,
			want:    ColumnMap{-1, -1, -1, -1},
			missing: []Role{RoleForce, RolePeriod, RoleNumerator, RoleDenominator},
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
		role Role
		want string
	}{
		{RoleNone, ""}, {RoleForce, "force"}, {RolePeriod, "period"}, {RoleNumerator, "numerator"}, {RoleDenominator, "denominator"},
	}
	for _, tt := range tests {
		if got := tt.role.String(); got != tt.want {
			t.Errorf("Role(%d).String() = %q, want %q", tt.role, got, tt.want)
		}
	}
}
