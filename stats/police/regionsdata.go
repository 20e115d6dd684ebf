package police

import (
	"slices"
	"strings"
)

// regionForces are the forces of each region of England, and of Wales, as
// the Home Office groups them in its police workforce tables. A row named
// for a region is a subtotal: kept under its name, never summed into the
// all-forces figure, and checked against the sum of its forces.
var regionForces = map[string][]string{
	"north east":               {"E23000013", "E23000008", "E23000007"},
	"north west":               {"E23000006", "E23000002", "E23000005", "E23000003", "E23000004"},
	"yorkshire and the humber": {"E23000012", "E23000009", "E23000011", "E23000010"},
	"east midlands":            {"E23000018", "E23000021", "E23000020", "E23000022", "E23000019"},
	"west midlands":            {"E23000015", "E23000017", "E23000016", "E23000014"},
	"east of england":          {"E23000026", "E23000023", "E23000028", "E23000027", "E23000024", "E23000025"},
	"london":                   {"E23000034", "E23000001"},
	"south east":               {"E23000030", "E23000032", "E23000031", "E23000033", "E23000029"},
	"south west":               {"E23000036", "E23000035", "E23000039", "E23000037", "E23000038"},
	"wales":                    {"W15000001", "W15000002", "W15000003", "W15000004"},
}

// regionAliases are other spellings of the regions.
var regionAliases = map[string]string{
	"yorkshire and humber": "yorkshire and the humber",
	"yorkshire humber":     "yorkshire and the humber",
	"eastern":              "east of england",
	"east":                 "east of england",
}

// RegionOf returns the canonical region a name stands for, if any.
func RegionOf(name string) (string, bool) {
	n := withoutTotalWords(NormaliseForceName(name))
	if alias, ok := regionAliases[n]; ok {
		n = alias
	}
	_, ok := regionForces[n]
	return n, ok
}

// allForcesTotals are names of totals over every force of England and Wales.
var allForcesTotals = []string{"total", "totals", "grand total", "all forces", "national total",
	"england and wales", "total 43 forces", "43 forces", "england and wales total"}

// MembersOf returns the codes of the forces a total or region covers.
func MembersOf(name string) []string {
	if region, ok := RegionOf(strings.TrimSuffix(name, " (region)")); ok {
		return regionForces[region]
	}
	if n := NormaliseForceName(name); slices.Contains(allForcesTotals, n) || slices.Contains(allForcesTotals, withoutTotalWords(n)) {
		var codes []string
		for _, f := range Forces() {
			if f.IsTerritorial() {
				codes = append(codes, f.Code)
			}
		}
		return codes
	}
	return nil
}

// Regions are the canonical names of the regions, in a fixed order.
func Regions() []string {
	out := make([]string, 0, len(regionForces))
	for r := range regionForces {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// RegionName is a region's canonical name as a person writes it: "North
// East", "Yorkshire and the Humber".
func RegionName(region string) string {
	ws := strings.Fields(region)
	for i, w := range ws {
		if w != "and" && w != "the" && w != "of" {
			ws[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(ws, " ")
}
