package dataset

import (
	"strings"
	"unicode"
)

// normalizeText folds what the format says quotes may differ in: runs of
// white space become one space, and typographic quotes and apostrophes
// become plain ones. Nothing else changes: a quote must be verbatim.
func normalizeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case '‘', '’', '‚', '′':
			r = '\''
		case '“', '”', '„', '″':
			r = '"'
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// closestPassage finds the stretch of text (normalised) that shares most
// words with quote, to show an editor where the quote went wrong.
func closestPassage(text, quote string) string {
	tw := strings.Fields(text)
	qw := strings.Fields(quote)
	if len(tw) == 0 || len(qw) == 0 {
		return ""
	}
	want := map[string]int{}
	for _, w := range qw {
		want[strings.ToLower(w)]++
	}
	n := min(len(qw), len(tw))
	have := map[string]int{}
	score := 0
	bump := func(w string, d int) {
		w = strings.ToLower(w)
		before := min(have[w], want[w])
		have[w] += d
		score += min(have[w], want[w]) - before
	}
	for _, w := range tw[:n] {
		bump(w, 1)
	}
	best, bestAt := score, 0
	for i := n; i < len(tw); i++ {
		bump(tw[i], 1)
		bump(tw[i-n], -1)
		if score > best {
			best, bestAt = score, i-n+1
		}
	}
	if best == 0 {
		return ""
	}
	return strings.Join(tw[bestAt:bestAt+n], " ")
}
