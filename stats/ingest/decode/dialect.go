package decode

import "strings"

// Delimiters the reader chooses between, in order of preference on a tie.
var Delimiters = []rune{',', ';', '\t', '|'}

// sniffLines is how many non-blank lines the delimiter is judged on.
const sniffLines = 50

// SniffDelimiter chooses the delimiter that splits the first lines most
// consistently: for each candidate it counts the fields of each line (outside
// quotes), takes the most common count above one, and scores the share of
// lines with that count. Title rows and footnotes lower every candidate's
// score alike, so they do not decide. Text with none of the candidates is
// one column, read as comma-separated.
func SniffDelimiter(text string) rune {
	lines := firstLines(text, sniffLines)
	best, bestScore, bestFields := ',', 0.0, 0
	for _, d := range Delimiters {
		counts := map[int]int{}
		for _, line := range lines {
			counts[fieldCount(line, d)]++
		}
		mode, modeLines := 0, 0
		for fields, n := range counts {
			if fields > 1 && (n > modeLines || (n == modeLines && fields > mode)) {
				mode, modeLines = fields, n
			}
		}
		if mode == 0 {
			continue
		}
		score := float64(modeLines) / float64(len(lines))
		if score > bestScore || (score == bestScore && mode > bestFields) {
			best, bestScore, bestFields = d, score, mode
		}
	}
	return best
}

// firstLines returns up to n non-blank logical lines: a line break inside
// quotes does not end a line.
func firstLines(text string, n int) []string {
	var out []string
	inQuotes := false
	start := 0
	for i := 0; i < len(text) && len(out) < n; i++ {
		switch text[i] {
		case '"':
			inQuotes = !inQuotes
		case '\n':
			if !inQuotes {
				if line := text[start:i]; strings.TrimSpace(line) != "" {
					out = append(out, line)
				}
				start = i + 1
			}
		}
	}
	if len(out) < n && start < len(text) && strings.TrimSpace(text[start:]) != "" {
		out = append(out, text[start:])
	}
	return out
}

// fieldCount counts the fields of one line split by d outside quotes.
func fieldCount(line string, d rune) int {
	fields := 1
	inQuotes := false
	for _, r := range line {
		switch {
		case r == '"':
			inQuotes = !inQuotes
		case r == d && !inQuotes:
			fields++
		}
	}
	return fields
}
