package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match says how a search hit matched.
type Match string

// Match tiers, best first.
const (
	MatchExact  Match = "exact"
	MatchPrefix Match = "prefix"
	MatchFuzzy  Match = "fuzzy"
)

func (m Match) tier() int {
	switch m {
	case MatchExact:
		return 0
	case MatchPrefix:
		return 1
	case MatchFuzzy:
		return 2
	}
	return 3
}

// Hit is one search result.
type Hit struct {
	ID      string   `json:"id"`
	Type    NodeType `json:"type"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	// Match is exact, prefix or fuzzy; Matched is the name or alias that
	// matched.
	Match   Match   `json:"match"`
	Matched string  `json:"matched"`
	Score   float64 `json:"score"`
}

// Normalize folds a name for matching: lower case, typographic quotes and
// dashes made plain, accents dropped from common Latin letters,
// punctuation other than apostrophes turned into spaces, runs of spaces
// collapsed. "O’Toole" and "o'toole" normalise alike.
func Normalize(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		switch r {
		case '’', '‘', '`', '´':
			r = '\''
		}
		if f, ok := foldAccents[r]; ok {
			r = f
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

var foldAccents = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ç': 'c',
	'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ì': 'i', 'í': 'i', 'î': 'i',
	'ï': 'i', 'ñ': 'n', 'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o',
	'ø': 'o', 'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ý': 'y', 'ÿ': 'y',
	'ß': 's', 'ł': 'l', 'ś': 's', 'ź': 'z', 'ż': 'z', 'č': 'c', 'š': 's', 'ž': 'z',
}

// MatchName compares a normalised query with one name or alias and says
// how well it matches:
//
//   - exact: equal after normalisation;
//   - prefix: the name, or one of its words, starts with the query
//     ("kovrig" in "Michael Kovrig", "han d" in "Han Dong");
//   - fuzzy: the query occurs inside the name, or is within an edit
//     distance of 1 (queries up to 5 runes) or 2 (longer) of the name or
//     of one of its words ("kovrik", "spavr").
//
// The score orders hits inside a tier: closer and shorter names first.
// ok is false when nothing matches. Both backends rank with this function,
// so they return the same order.
func MatchName(query, name string) (m Match, score float64, ok bool) {
	return matchNormalized(query, Normalize(name))
}

func matchNormalized(query, n string) (m Match, score float64, ok bool) {
	if query == "" || n == "" {
		return "", 0, false
	}
	if n == query {
		return MatchExact, 1, true
	}
	// Shorter names are better matches for the same query.
	closeness := float64(len(query)) / float64(len(n))
	if strings.HasPrefix(n, query) {
		return MatchPrefix, 0.5 + closeness/2, true
	}
	// A later word: "kov" in "michael kovrig", or a multi-word query
	// starting at a later word.
	for i := strings.IndexByte(n, ' '); i >= 0; {
		rest := n[i+1:]
		if strings.HasPrefix(rest, query) {
			return MatchPrefix, 0.25 + closeness/2, true
		}
		j := strings.IndexByte(rest, ' ')
		if j < 0 {
			break
		}
		i += j + 1
	}
	if strings.Contains(n, query) {
		return MatchFuzzy, 0.5 + closeness/2, true
	}
	budget := FuzzyBudget(query)
	best := budget + 1
	// The whole name, then each word. For ASCII (most names, once
	// accents are folded) candidates whose length is too far from the
	// query's are skipped before any distance is computed; byte lengths
	// say nothing about other scripts.
	ascii := isASCII(query) && isASCII(n)
	if !ascii || abs(len(n)-len(query)) <= budget {
		best = EditDistance(query, n, budget)
	}
	for rest := n; best > 0 && rest != ""; {
		w, after, _ := strings.Cut(rest, " ")
		rest = after
		if ascii && abs(len(w)-len(query)) > budget {
			continue
		}
		if d := EditDistance(query, w, budget); d < best {
			best = d
		}
	}
	if best <= budget {
		return MatchFuzzy, (1 - float64(best)/float64(budget+1)) / 2 * closeness, true
	}
	return "", 0, false
}

// FuzzyBudget is the edit distance a fuzzy match of the normalised query
// may take: 1 up to 5 runes, else 2. Every store's fuzzy search uses it.
func FuzzyBudget(query string) int {
	if utf8.RuneCountInString(query) > 5 {
		return 2
	}
	return 1
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// RankNode matches q (already normalised) against a node's name and
// aliases and returns its best hit.
func RankNode(q string, n *Node) (Hit, bool) {
	return RankNormalized(q, n, NormalizedNames(n))
}

// NormalizedNames returns the node's name and aliases, normalised, in
// that order: what RankNormalized compares against. Stores that search
// often keep it precomputed.
func NormalizedNames(n *Node) []string {
	out := make([]string, 0, 1+len(n.Aliases))
	out = append(out, Normalize(n.Name))
	for _, a := range n.Aliases {
		out = append(out, Normalize(a))
	}
	return out
}

// RankNormalized is RankNode with the names already normalised
// (norm[0] the name, then the aliases, as NormalizedNames returns).
func RankNormalized(q string, n *Node, norm []string) (Hit, bool) {
	hit := Hit{ID: n.ID, Type: n.Type, Name: n.Name, Aliases: n.Aliases}
	found := false
	for i, nn := range norm {
		m, s, ok := matchNormalized(q, nn)
		if !ok {
			continue
		}
		if i > 0 {
			s *= 0.95 // the real name beats an alias at equal quality
		}
		if !found || m.tier() < hit.Match.tier() || (m == hit.Match && s > hit.Score) {
			name := n.Name
			if i > 0 {
				name = n.Aliases[i-1]
			}
			hit.Match, hit.Score, hit.Matched, found = m, s, name, true
		}
	}
	return hit, found
}

// SortHits orders hits best first: tier, then score, then name and id so
// that the order is total and the same in every backend.
func SortHits(hits []Hit) {
	slices.SortFunc(hits, compareHits)
}

func compareHits(a, b Hit) int {
	if c := cmp.Compare(a.Match.tier(), b.Match.tier()); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Score, a.Score); c != 0 {
		return c
	}
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// BestHits keeps the best Limit hits offered to it, in SortHits order,
// so that a search over a million names does not sort every match.
type BestHits struct {
	Limit int
	hits  []Hit
}

// Add offers one hit.
func (b *BestHits) Add(h Hit) {
	n := len(b.hits)
	if n == b.Limit && compareHits(h, b.hits[n-1]) >= 0 {
		return
	}
	i, _ := slices.BinarySearchFunc(b.hits, h, compareHits)
	b.hits = slices.Insert(b.hits, i, h)
	if len(b.hits) > b.Limit {
		b.hits = b.hits[:b.Limit]
	}
}

// Hits returns the kept hits, best first.
func (b *BestHits) Hits() []Hit { return b.hits }

// MaxSearchQuery is the longest search query, in bytes.
const MaxSearchQuery = 200

// CheckSearch validates a search request and returns the normalised
// query and the effective limit (0 means DefaultSearchLimit).
// A query longer than MaxSearchQuery bytes is ErrInvalid before any work:
// no name is that long, and a megabyte of query made Neo4j's full-text
// search run out of heap.
func CheckSearch(q string, limit int) (string, int, error) {
	if len(q) > MaxSearchQuery {
		return "", 0, fmt.Errorf("%w: search query of %d bytes: the limit is %d; search for a name or a few words of one", ErrInvalid, len(q), MaxSearchQuery)
	}
	nq := Normalize(q)
	if nq == "" {
		return "", 0, fmt.Errorf("%w: empty search query: pass q, e.g. q=kovrig", ErrInvalid)
	}
	if limit == 0 {
		limit = DefaultSearchLimit
	}
	if limit < 1 || limit > MaxSearchLimit {
		return "", 0, fmt.Errorf("%w: limit %d: want 1 to %d", ErrInvalid, limit, MaxSearchLimit)
	}
	return nq, limit, nil
}

// EditDistance is the Levenshtein distance between a and b, or max+1 as
// soon as it must exceed max (a banded computation keeps fuzzy search
// cheap on large graphs).
func EditDistance(a, b string, max int) int {
	if isASCII(a) && isASCII(b) {
		return editDistance([]byte(a), []byte(b), max)
	}
	return editDistance([]rune(a), []rune(b), max)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func editDistance[T byte | rune](ra, rb []T, max int) int {
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	var buf [2][64]int // no allocation for names up to 63 characters
	prev, cur := buf[0][:0], buf[1][:0]
	if len(rb)+1 > len(buf[0]) {
		prev, cur = make([]int, 0, len(rb)+1), make([]int, 0, len(rb)+1)
	}
	prev, cur = prev[:len(rb)+1], cur[:len(rb)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
