package police

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"github.com/gocarina/gocsv"

	"github.com/foi-explorer/foi-explorer/stats/internal/lazyre"
)

// Force is a police force: one of the 43 territorial forces of England and
// Wales, or British Transport Police, the PSNI or Police Scotland.
type Force struct {
	Code       string `csv:"code"`         // ONS police force area code, E23000001..W15000004; empty for the others
	ShortName  string `csv:"short_name"`   // "Devon and Cornwall"
	Name       string `csv:"force_name"`   // the force's own name, "Devon and Cornwall Constabulary"
	PoliceUKID string `csv:"police_uk_id"` // data.police.uk id, "devon-and-cornwall"
	Country    string `csv:"country"`
}

// Key identifies the force in results: the ONS code, else the data.police.uk
// id, else the short name (Police Scotland has neither).
func (f Force) Key() string {
	switch {
	case f.Code != "":
		return f.Code
	case f.PoliceUKID != "":
		return f.PoliceUKID
	}
	return f.ShortName
}

// TerritorialForces is the number of territorial police forces in England and
// Wales, the usual base of "N of 43 forces".
const TerritorialForces = 43

// IsTerritorial reports whether the force is one of the 43 of England and Wales.
func (f Force) IsTerritorial() bool { return f.Code != "" }

// forceAreasCSV is a transcription of the project's reference table of police
// force areas: ONS police force area codes and short names as published in
// lvalnegri/RgeoUK (MIT), full names from the WhatDoTheyKnow FOI directory,
// ids from data.police.uk.
//
//go:embed data/police-force-areas.csv
var forceAreasCSV []byte

var (
	forces     []Force
	forceIndex map[string]int // normalised name → index into forces
)

// forceAliases are names seen in the wild that the reference table does not
// hold, each with the code or id it means. MAPPA's "London" is deliberately
// absent: it is the Met and the City of London together, never the Met alone.
var forceAliases = map[string]string{
	"met":                                "E23000001",
	"the met":                            "E23000001",
	"metropolitan police service":        "E23000001",
	"metropolitan police":                "E23000001",
	"mps":                                "E23000001",
	"london city of":                     "E23000034",
	"city of london":                     "E23000034",
	"teesside":                           "E23000013", // MAPPA's name for Cleveland's area
	"county durham":                      "E23000008", // MAPPA's name for Durham's area
	"hampshire and isle of wight":        "E23000030", // Hampshire Constabulary's name since 2022
	"devon cornwall":                     "E23000035",
	"psni":                               "northern-ireland",
	"police service of northern ireland": "northern-ireland",
	"btp":                                "btp",
}

var forcesOnce sync.Once

func loadForces() {
	if err := gocsv.UnmarshalBytes(forceAreasCSV, &forces); err != nil {
		panic("stats: embedded police force table: " + err.Error())
	}
	forceIndex = map[string]int{}
	byKey := map[string]int{}
	for i, f := range forces {
		for _, name := range []string{f.Code, f.ShortName, f.Name, f.PoliceUKID} {
			if name != "" {
				forceIndex[NormaliseForceName(name)] = i
			}
		}
		byKey[f.Code] = i
		byKey[f.PoliceUKID] = i
	}
	for alias, key := range forceAliases {
		forceIndex[NormaliseForceName(alias)] = byKey[key]
	}
}

// Forces returns the reference table: the 43 territorial forces in ONS code
// order, then BTP, the PSNI and Police Scotland.
func Forces() []Force { forcesOnce.Do(loadForces); return append([]Force(nil), forces...) }

// MatchForce finds the force a name refers to, by ONS code, short name, full
// name or data.police.uk id, ignoring case, "&" against "and", hyphens and other
// punctuation, and the suffixes Police, Constabulary and Police Service.
//
// A footnote marker glued to the end of a name ("Derbyshire1,2") is set
// aside when the name does not match as it is.
func MatchForce(name string) (Force, bool) {
	f, ok, _ := matchForceFootnote(name)
	return f, ok
}

// matchForceFootnote is MatchForce that also returns the footnote marker it
// had to set aside, if any.
func matchForceFootnote(name string) (Force, bool, string) {
	if len(name) > MaxNameLength {
		return Force{}, false, ""
	}
	forcesOnce.Do(loadForces)
	if i, ok := forceIndex[NormaliseForceName(name)]; ok {
		return forces[i], true, ""
	}
	// Trim first: the marker must end the name, and spaces around a name never
	// matter ("Derbyshire1 " is "Derbyshire1").
	if stripped, marker := SplitNameFootnote(strings.TrimSpace(name)); marker != "" {
		if i, ok := forceIndex[NormaliseForceName(stripped)]; ok {
			return forces[i], true, marker
		}
	}
	return Force{}, false, ""
}

// reNameFootnote finds a footnote marker glued to the end of a name:
// "Derbyshire1,2", "Kent*", "Essex [note 3]", "Surrey²".
var reNameFootnote = lazyre.LazyRE(`^(.*?[^\d\s,*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰])\s*(\[[^\]]{1,20}\]|\(\d{1,2}\)|\d{1,2}(?:,\d{1,2})*|[*†‡§]+|[¹²³⁴⁵⁶⁷⁸⁹⁰,]+)$`)

func SplitNameFootnote(name string) (string, string) {
	if m := reNameFootnote.FindStringSubmatch(name); m != nil {
		return m[1], m[2]
	}
	return name, ""
}

// totalNames are row labels that stand for a total over several forces, not a
// force: they are kept as rows under their own names but never added into the
// all-forces figure. Regions ("North East") come with the messy-file reader.
var totalNames = map[string]bool{
	"total": true, "totals": true, "grand total": true, "all forces": true, "national total": true,
	"united kingdom": true, "uk": true, "great britain": true, "gb": true,
	"england and wales": true, "england": true, "wales": true,
	"total 43 forces": true, "43 forces": true, "england and wales total": true,
}

// IsTotalName reports whether a row label names a total (such as "Total" or
// "England and Wales") rather than a force.
func IsTotalName(name string) bool {
	n := NormaliseForceName(name)
	return totalNames[n] || totalNames[withoutTotalWords(n)]
}

// totalPrefixes and totalSuffixes are the words that make an area's name
// the name of its total, as tables spell them: "*Total North East",
// "Total for Wales", "England and Wales total", "South West (subtotal)".
// They are taken off a normalised name (the "*" and brackets are spaces by
// then).
var (
	totalPrefixes = []string{"total for ", "total of ", "subtotal for ", "subtotal ", "sub total ", "total ", "all forces in "}
	totalSuffixes = []string{" sub total", " subtotal", " total", " totals", " all forces"}
)

// withoutTotalWords is a normalised name without the words that call it a
// total; the name itself when nothing would be left.
func withoutTotalWords(n string) string {
	out := n
	for _, p := range totalPrefixes {
		if rest, ok := strings.CutPrefix(out, p); ok {
			out = rest
			break
		}
	}
	for _, s := range totalSuffixes {
		if rest, ok := strings.CutSuffix(out, s); ok {
			out = rest
			break
		}
	}
	if out == "" {
		return n
	}
	return out
}

// forceSuffixes are dropped from the end of a name before matching, longest
// first so that "police service" goes whole.
var forceSuffixes = []string{" police service", " constabulary", " police force", " police"}

// NormaliseForceName lowercases, spells "&" as "and", turns punctuation into
// spaces, folds runs of spaces and drops a force suffix.
func NormaliseForceName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r == '&':
			b.WriteString(" and ")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	for _, suffix := range forceSuffixes {
		if strings.HasSuffix(s, suffix) && len(s) > len(suffix) {
			return strings.TrimSuffix(s, suffix)
		}
	}
	return s
}

// ExportCode is the force's code in results.csv: the ONS code, else the
// data.police.uk id, else empty.
func (f Force) ExportCode() string {
	if f.Code != "" {
		return f.Code
	}
	return f.PoliceUKID
}

// ForceByKey finds a force by the key results use (Force.Key: the ONS code,
// else the data.police.uk id, else the short name).
func ForceByKey(key string) (Force, bool) {
	forcesOnce.Do(loadForces)
	for _, f := range forces {
		if f.Key() == key {
			return f, true
		}
	}
	return Force{}, false
}

// MaxNameLength is longer than any header, force name or period a file
// really holds; a longer cell is none of these, and is not searched, so that
// a pathological file costs time in proportion to its size only once.
const MaxNameLength = 300

// TerritorialNames are the names of the 43 territorial forces, in ONS code
// order.
func TerritorialNames() []string {
	var out []string
	for _, f := range Forces() {
		if f.IsTerritorial() {
			out = append(out, f.Name)
		}
	}
	return out
}
