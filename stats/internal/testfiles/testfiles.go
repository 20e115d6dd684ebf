// Package testfiles makes the generated inputs that tests and benchmarks of
// several packages share: the peers benchmark's files a (LongFile) and c
// (TypicalFile), a large daily file, and text with its ASCII case swapped.
// Nothing outside tests imports it, and it imports nothing of the
// project, so that any package's tests may use it.
package testfiles

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// DailyCSV is a long file of n rows of force figures: the forces named, in
// turn, on consecutive days from 1 January 2000, in the shape of the
// benchmark's file a.
func DailyCSV(n int, forces []string) string {
	var sb strings.Builder
	sb.WriteString("Force,Date,Missing,Registered\n")
	day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&sb, "%s,%s,%d,%d\n", forces[i%len(forces)], day.AddDate(0, 0, i/len(forces)).Format("2006-01-02"), i%97, 1000+i%5000)
	}
	return sb.String()
}

// SwapASCIICase swaps the case of every ASCII letter of s.
func SwapASCIICase(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case 'a' <= c && c <= 'z':
			b[i] = c - 'a' + 'A'
		case 'A' <= c && c <= 'Z':
			b[i] = c - 'A' + 'a'
		}
	}
	return string(b)
}

// FuzzCSV makes a small long file of force figures from fuzz input: forces
// k (1–12), periods (1–6), then for each cell two bytes of count and two of
// denominator; a count byte pair of 0xFFFF is "<5" and 0xFFFE is "*". It is
// empty when data is too short to say k and the periods.
func FuzzCSV(data []byte, forces []string) string {
	if len(data) < 2 {
		return ""
	}
	k, periods := int(data[0])%12+1, int(data[1])%6+1
	data = data[2:]
	var b strings.Builder
	b.WriteString("Force,Year,Missing,Registered\n")
	for p := range periods {
		for i := range k {
			if len(data) < 4 {
				data = append(data, 0, 1, 0, 200)
			}
			x, n := int(data[0])<<8|int(data[1]), int(data[2])<<8|int(data[3])
			data = data[4:]
			cell := fmt.Sprint(x)
			switch x {
			case 0xFFFF:
				cell = "<5"
			case 0xFFFE:
				cell = "*"
			}
			fmt.Fprintf(&b, "%s,%d,%s,%d\n", forces[i], 2010+p, cell, n)
		}
	}
	return b.String()
}

// RefCheck reports got against want with relative tolerance tol. A want of 0
// must be exactly 0 (an interval end at the boundary is pinned), and a want
// of NaN must be NaN.
func RefCheck(t testing.TB, what string, got, want, tol float64) {
	t.Helper()
	switch {
	case math.IsNaN(want):
		if !math.IsNaN(got) {
			t.Errorf("%s = %.17g, want NaN", what, got)
		}
	case want == 0:
		if got != 0 {
			t.Errorf("%s = %.17g, want exactly 0", what, got)
		}
	case math.IsNaN(got) || math.Abs(got-want) > tol*math.Abs(want):
		t.Errorf("%s = %.17g, want %.17g (relative error %.3g > %g)", what, got, want, math.Abs(got-want)/math.Abs(want), tol)
	}
}

// RefTol is the relative tolerance of a statistic against its reference
// value from R.
const RefTol = 1e-9

// LongFile is the benchmark's file a, byte for byte as
// ../shared/bench-peers/gen.mjs writes it (longFile): force,period,missing,
// registered for the forces named, in turn, on consecutive days from 1
// January 1990, the counts drawn from mulberry32 seeded with 1, until the
// file holds at least size bytes.
func LongFile(size int, forces []string) []byte {
	var b bytes.Buffer
	b.Grow(size + 100)
	b.WriteString("force,period,missing,registered\n")
	seed := uint32(1)
	next := func() float64 { // mulberry32, as gen.mjs's rng
		seed += 0x6d2b79f5
		t := (seed ^ seed>>15) * (1 | seed)
		t = (t + (t^t>>7)*(61|t)) ^ t
		return float64(t^t>>14) / 4294967296
	}
	start := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; b.Len() < size; i++ {
		day := start.AddDate(0, 0, i/len(forces)).Format("2006-01-02")
		missing := int(next() * 97)
		registered := 1000 + int(next()*5000)
		fmt.Fprintf(&b, "%s,%s,%d,%d\n", forces[i%len(forces)], day, missing, registered)
	}
	return b.Bytes()
}

// TypicalFile is the benchmark's file c, byte for byte as
// ../shared/bench-peers/gen.mjs writes it (typicalFile): a typical FOI file
// of the forces named by ten financial years, 2014/15 to 2023/24, each force's
// years together (430 rows, 15,736 bytes for the 43 territorial forces).
func TypicalFile(forces []string) []byte {
	var b bytes.Buffer
	b.WriteString("force,period,missing,registered\n")
	for i, f := range forces {
		for y := 2014; y < 2024; y++ {
			fmt.Fprintf(&b, "%s,%d/%02d,%d,%d\n", f, y, (y+1)%100, 3+(i*7+y)%17, 600+37*i+11*(y-2014))
		}
	}
	return b.Bytes()
}

// Corpus returns the path of ../shared/corpus/parts... beside the project,
// where the real files written by other people are kept. A fresh clone has
// no such folder, and the test is skipped; CI has it, so there (CI set) its
// absence fails the test instead of skipping what must run.
func Corpus(t testing.TB, parts ...string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testfiles: no go.mod above the test's folder")
		}
		dir = parent
	}
	path := filepath.Join(append([]string{dir, "..", "shared", "corpus"}, parts...)...)
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing: CI must have ../shared/corpus beside the project", path)
		}
		t.Skipf("%s is not here (a fresh clone has no ../shared/corpus): these tests read real files from it", path)
	}
	return path
}

// StreetCSV is a police.uk street-level crime file of about size bytes, in
// the shape of the benchmark's file b (../shared/bench-peers/gen.mjs): the
// forces named in turn, each row in one of 36 months, with one of 14 crime
// types, the anti-social behaviour rows without a crime id or outcome.
func StreetCSV(size int, forces []string) []byte {
	types := []string{"Anti-social behaviour", "Violence and sexual offences", "Public order", "Criminal damage and arson",
		"Other theft", "Shoplifting", "Vehicle crime", "Burglary", "Drugs", "Other crime", "Robbery", "Theft from the person",
		"Bicycle theft", "Possession of weapons"}
	var b bytes.Buffer
	b.Grow(size + 512)
	b.WriteString("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n")
	for i := 0; b.Len() < size; i++ {
		force, kind := forces[i%len(forces)], types[i*7%len(types)]
		id, outcome := fmt.Sprintf("%064x", uint64(i)*0x9e3779b97f4a7c15), "Under investigation"
		if i*7%len(types) == 0 {
			id, outcome = "", ""
		}
		fmt.Fprintf(&b, "%s,%d-%02d,%s,%s,-%d.%06d,5%d.%06d,On or near High Street,E01%06d,%s %03dA,%s,%s,\n",
			id, 2021+i/12%3, 1+i%12, force, force, i%3, i%999983, i%4, i%999979, i%35000, force, i%300, kind, outcome)
	}
	return b.Bytes()
}
