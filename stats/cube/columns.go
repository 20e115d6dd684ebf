package cube

// Role is what a column holds.
type Role uint8

const (
	RoleNone Role = iota
	RoleForce
	RolePeriod
	RoleNumerator
	RoleDenominator
)

var roleNames = [...]string{"", "force", "period", "numerator", "denominator"}

func (r Role) String() string { return roleNames[r] }

// ColumnMap says which column (0-based) holds each role; -1 where none does.
type ColumnMap struct {
	Force, Period, Numerator, Denominator int
}

func (m *ColumnMap) ColumnRef(r Role) *int {
	switch r {
	case RoleForce:
		return &m.Force
	case RolePeriod:
		return &m.Period
	case RoleNumerator:
		return &m.Numerator
	case RoleDenominator:
		return &m.Denominator
	}
	return nil
}

// Column returns the column that holds role r, or -1.
func (m ColumnMap) Column(r Role) int { return *m.ColumnRef(r) }
