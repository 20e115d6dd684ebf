package police

import (
	"testing"
)

// forceTable is data/police-force-areas.csv transcribed independently, so that
// an accidental edit of the embedded table fails a test.
var forceTable = []Force{
	{"E23000001", "Metropolitan", "Metropolitan Police Service", "metropolitan", "England"},
	{"E23000002", "Cumbria", "Cumbria Constabulary", "cumbria", "England"},
	{"E23000003", "Lancashire", "Lancashire Constabulary", "lancashire", "England"},
	{"E23000004", "Merseyside", "Merseyside Police", "merseyside", "England"},
	{"E23000005", "Greater Manchester", "Greater Manchester Police", "greater-manchester", "England"},
	{"E23000006", "Cheshire", "Cheshire Constabulary", "cheshire", "England"},
	{"E23000007", "Northumbria", "Northumbria Police", "northumbria", "England"},
	{"E23000008", "Durham", "Durham Constabulary", "durham", "England"},
	{"E23000009", "North Yorkshire", "North Yorkshire Police", "north-yorkshire", "England"},
	{"E23000010", "West Yorkshire", "West Yorkshire Police", "west-yorkshire", "England"},
	{"E23000011", "South Yorkshire", "South Yorkshire Police", "south-yorkshire", "England"},
	{"E23000012", "Humberside", "Humberside Police", "humberside", "England"},
	{"E23000013", "Cleveland", "Cleveland Police", "cleveland", "England"},
	{"E23000014", "West Midlands", "West Midlands Police", "west-midlands", "England"},
	{"E23000015", "Staffordshire", "Staffordshire Police", "staffordshire", "England"},
	{"E23000016", "West Mercia", "West Mercia Police", "west-mercia", "England"},
	{"E23000017", "Warwickshire", "Warwickshire Police", "warwickshire", "England"},
	{"E23000018", "Derbyshire", "Derbyshire Constabulary", "derbyshire", "England"},
	{"E23000019", "Nottinghamshire", "Nottinghamshire Police", "nottinghamshire", "England"},
	{"E23000020", "Lincolnshire", "Lincolnshire Police", "lincolnshire", "England"},
	{"E23000021", "Leicestershire", "Leicestershire Constabulary", "leicestershire", "England"},
	{"E23000022", "Northamptonshire", "Northamptonshire Police", "northamptonshire", "England"},
	{"E23000023", "Cambridgeshire", "Cambridgeshire Constabulary", "cambridgeshire", "England"},
	{"E23000024", "Norfolk", "Norfolk Constabulary", "norfolk", "England"},
	{"E23000025", "Suffolk", "Suffolk Constabulary", "suffolk", "England"},
	{"E23000026", "Bedfordshire", "Bedfordshire Police", "bedfordshire", "England"},
	{"E23000027", "Hertfordshire", "Hertfordshire Constabulary", "hertfordshire", "England"},
	{"E23000028", "Essex", "Essex Police", "essex", "England"},
	{"E23000029", "Thames Valley", "Thames Valley Police", "thames-valley", "England"},
	{"E23000030", "Hampshire", "Hampshire Constabulary", "hampshire", "England"},
	{"E23000031", "Surrey", "Surrey Police", "surrey", "England"},
	{"E23000032", "Kent", "Kent Police", "kent", "England"},
	{"E23000033", "Sussex", "Sussex Police", "sussex", "England"},
	{"E23000034", "City of London", "City of London Police", "city-of-london", "England"},
	{"E23000035", "Devon and Cornwall", "Devon and Cornwall Constabulary", "devon-and-cornwall", "England"},
	{"E23000036", "Avon and Somerset", "Avon and Somerset Constabulary", "avon-and-somerset", "England"},
	{"E23000037", "Gloucestershire", "Gloucestershire Constabulary", "gloucestershire", "England"},
	{"E23000038", "Wiltshire", "Wiltshire Police", "wiltshire", "England"},
	{"E23000039", "Dorset", "Dorset Police", "dorset", "England"},
	{"W15000001", "North Wales", "North Wales Police", "north-wales", "Wales"},
	{"W15000002", "Gwent", "Gwent Police", "gwent", "Wales"},
	{"W15000003", "South Wales", "South Wales Police", "south-wales", "Wales"},
	{"W15000004", "Dyfed-Powys", "Dyfed-Powys Police", "dyfed-powys", "Wales"},
	{"", "British Transport Police", "British Transport Police", "btp", "Great Britain"},
	{"", "Northern Ireland", "Police Service of Northern Ireland", "northern-ireland", "Northern Ireland"},
	{"", "Scotland", "Police Scotland", "", "Scotland"},
}

func TestForcesTable(t *testing.T) {
	got := Forces()
	if len(got) != len(forceTable) {
		t.Fatalf("Forces() has %d forces, want %d", len(got), len(forceTable))
	}
	territorial := 0
	for i, f := range got {
		if f != forceTable[i] {
			t.Errorf("Forces()[%d] = %+v, want %+v", i, f, forceTable[i])
		}
		if f.IsTerritorial() {
			territorial++
			if i >= TerritorialForces {
				t.Errorf("territorial force %s at %d, after the first %d", f.Code, i, TerritorialForces)
			}
		}
	}
	if territorial != TerritorialForces || TerritorialForces != 43 {
		t.Errorf("%d territorial forces, TerritorialForces = %d; want 43", territorial, TerritorialForces)
	}
	got[0].Name = "changed"
	if Forces()[0].Name != "Metropolitan Police Service" {
		t.Errorf("Forces() returns the table itself; a caller changed it")
	}
}

// Every force of the table is found by its code, short name, full name and
// data.police.uk id.
func TestMatchForceEveryIdentifier(t *testing.T) {
	for _, want := range forceTable {
		for _, id := range []struct{ kind, name string }{
			{"code", want.Code}, {"short name", want.ShortName}, {"full name", want.Name}, {"police.uk id", want.PoliceUKID},
		} {
			if id.name == "" {
				continue // the other forces have no ONS code; Police Scotland has no police.uk id
			}
			t.Run(want.ShortName+" by "+id.kind, func(t *testing.T) {
				got, ok := MatchForce(id.name)
				if !ok || got != want {
					t.Errorf("MatchForce(%q) = %+v, %v; want %+v", id.name, got, ok, want)
				}
			})
		}
	}
}

func TestMatchForceVariants(t *testing.T) {
	tests := []struct {
		name  string
		given string
		key   string // Force.Key() of the force meant
	}{
		{"ampersand and Police", "Devon & Cornwall Police", "E23000035"},
		{"ampersand no spaces", "Devon&Cornwall", "E23000035"},
		{"ampersand and Constabulary", "Avon & Somerset Constabulary", "E23000036"},
		{"upper case", "AVON AND SOMERSET", "E23000036"},
		{"hyphen as a space", "Dyfed Powys Police", "W15000004"},
		{"en dash", "Dyfed\u2013Powys", "W15000004"},
		{"Metropolitan Police Service", "Metropolitan Police Service", "E23000001"},
		{"Metropolitan Police", "Metropolitan Police", "E23000001"},
		{"Met", "Met", "E23000001"},
		{"the Met", "The Met", "E23000001"},
		{"MPS", "MPS", "E23000001"},
		{"London, City of", "London, City of", "E23000034"},
		{"City of London Police", "City of London Police", "E23000034"},
		{"MAPPA Teesside is Cleveland", "Teesside", "E23000013"},
		{"MAPPA County Durham", "County Durham", "E23000008"},
		{"Hampshire and Isle of Wight Constabulary", "Hampshire and Isle of Wight Constabulary", "E23000030"},
		{"Hampshire & Isle of Wight", "Hampshire & Isle of Wight", "E23000030"},
		{"suffix Police Force", "North Wales Police Force", "W15000001"},
		{"lower-case code", "e23000032", "E23000032"},
		{"spaces and full stop", "  Kent Police. ", "E23000032"},
		{"quoted", `"Thames Valley Police"`, "E23000029"},
		{"police.uk id as words", "greater manchester", "E23000005"},
		{"PSNI", "PSNI", "northern-ireland"},
		{"Police Service of Northern Ireland", "Police Service of Northern Ireland", "northern-ireland"},
		{"BTP", "BTP", "btp"},
		{"Police Scotland", "Police Scotland", "Scotland"},
		{"Scotland", "Scotland", "Scotland"},

		// No match: kept as given by the reader, never guessed.
		{"MAPPA London is not the Met", "London", ""},
		{"London Police is not the Met", "London Police", ""},
		{"London Metropolitan is not a name", "London Metropolitan", ""},
		{"misspelt", "Kent Polce", ""},
		{"part of a name", "Manchester", ""},
		{"county part of a force", "Cornwall", ""},
		{"region", "Yorkshire", ""},
		{"suffix alone", "Police", ""},
		{"longer suffix alone", "Police Service", ""},
		{"Constabulary alone", "Constabulary", ""},
		{"two suffixes", "Kent Police Constabulary", ""},
		{"code out of range", "E23000040", ""},
		{"blank", "", ""},
		{"punctuation only", " - & ", ""},
		{"two forces", "Metropolitan and City of London", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := MatchForce(tt.given)
			if tt.key == "" {
				if ok || got != (Force{}) {
					t.Errorf("MatchForce(%q) = %s (%s), true; want no match", tt.given, got.Key(), got.Name)
				}
				return
			}
			if !ok || got.Key() != tt.key {
				t.Errorf("MatchForce(%q) = %q, %v; want %q", tt.given, got.Key(), ok, tt.key)
			}
		})
	}
}

// An alias whose target is misspelt would silently point at the first force
// of the table (the Met); each must reach the force it names.
func TestForceAliasesReachTheirForce(t *testing.T) {
	for alias, key := range forceAliases {
		t.Run(alias, func(t *testing.T) {
			got, ok := MatchForce(alias)
			if !ok || got.Key() != key {
				t.Errorf("MatchForce(%q) = %q, %v; want %q", alias, got.Key(), ok, key)
			}
		})
	}
	if _, ok := forceAliases["london"]; ok {
		t.Errorf(`forceAliases has "london": MAPPA's London is the Met and the City together`)
	}
}

// No two forces share a normalised name: a later one would silently win.
func TestForceNamesAreDistinct(t *testing.T) {
	owner := map[string]string{}
	for _, f := range forceTable {
		for _, name := range []string{f.Code, f.ShortName, f.Name, f.PoliceUKID} {
			if name == "" {
				continue
			}
			n := NormaliseForceName(name)
			if o, ok := owner[n]; ok && o != f.Key() {
				t.Errorf("%q (%s) normalises to %q, like a name of %s", name, f.Key(), n, o)
			}
			owner[n] = f.Key()
		}
	}
}

func TestForceKey(t *testing.T) {
	tests := []struct {
		name  string
		force Force
		key   string
	}{
		{"ONS code", forceTable[31], "E23000032"},
		{"police.uk id without a code", forceTable[43], "btp"},
		{"short name without code or id", forceTable[45], "Scotland"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.force.Key(); got != tt.key {
				t.Errorf("%s Key() = %q, want %q", tt.force.ShortName, got, tt.key)
			}
		})
	}
}

func TestNormaliseForceName(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ampersand", "Devon & Cornwall Police", "devon and cornwall"},
		{"hyphens and case", "DYFED-POWYS", "dyfed powys"},
		{"punctuation", "London, City of", "london city of"},
		{"police service whole", "Metropolitan Police Service", "metropolitan"},
		{"only one suffix", "Kent Police Constabulary", "kent police"},
		{"suffix alone kept", "Police", "police"},
		{"accented letters kept", "Ynys Môn", "ynys môn"},
		{"runs of spaces folded", "  North \t Wales  ", "north wales"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormaliseForceName(tt.in); got != tt.want {
				t.Errorf("normaliseForceName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
