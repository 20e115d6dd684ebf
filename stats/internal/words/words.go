// Package words holds the small helpers that every message and sentence
// uses: a cell cut short for a message, a count with thousands separators,
// two notes joined.
package words

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Shorten cuts s to at most n characters for a message.
func Shorten(s string, n int) string {
	// Counted rune by rune, not by converting s: a cell may be megabytes.
	runes := 0
	for i := range s {
		if runes == n-1 && utf8.RuneCountInString(s[i:]) > 1 {
			return s[:i] + "…"
		}
		runes++
	}
	return s
}

// Thousands writes 55236 as 55,236.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func JoinNote(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}
